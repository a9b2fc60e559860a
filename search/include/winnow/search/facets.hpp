// Entity facets over an index: a user's name to the facet terms it stands for,
// and per-value document counts over a search's matches.
//
// Everything here reads the index through term and value iterators that
// Xapian merges over several databases (local or remote), so it works the
// same on one index as on several searched as one; only the counts over
// matches need to know whether a database is remote (see FacetCounting).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "winnow/filters/entities.hpp"

namespace winnow::search {

using filters::EntityKind;

/// The facet keys that a name typed by the user stands for in the index,
/// sorted. With K = filters::entity_key(name) and E the key that at least
/// four in five of the documents joining K as an alias joined it to
/// ("wagner" -> "wagner group"), or K itself when there is no such key, the
/// union of:
///  - K and E, when some document has that entity;
///  - when E has no such key of its own, every key E was joined to as an
///    alias ("wagner" to "wagner group" and "richard wagner" alike);
///  - every alias whose E is E ("wagner group" -> "wagner": documents that
///    only used the short name).
/// followed from each key so found in turn (at most 64 keys). So a full
/// name and its aliases find the same documents.
/// For actors only, when that union is empty: every actor key whose words
/// start or end with K's words ("guterres" -> "antonio guterres", a surname
/// typed alone). Empty when nothing fits: the name matches no document.
[[nodiscard]] std::vector<std::string> resolve_entity(const Xapian::Database& db, EntityKind kind,
                                                      std::string_view name);

/// The documents that mention the entity a user's name stands for: the OR of
/// the facet terms of resolve_entity, or Query::MatchNothing.
[[nodiscard]] Xapian::Query entity_query(const Xapian::Database& db, EntityKind kind, std::string_view name);

/// Handles `actor:NAME` and `place:NAME` in a query string, with entity_query.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(const Xapian::Database& db, EntityKind kind) : m_db(db), m_kind(kind) {}
  Xapian::Query operator()(const std::string& name) override { return entity_query(m_db, m_kind, name); }

 private:
  Xapian::Database m_db;
  EntityKind m_kind;
};

/// One facet value: the key, its most common spelling, in how many documents.
struct FacetValue {
  std::string name;
  std::string key;
  Xapian::doccount count = 0;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

/// More matches than this, as a search's first page estimates them, and
/// --facets counts a sample of about this many of them. Reading a sampled
/// match's keys costs some 3,600 instructions (a seek in a value stream):
/// once matching a common word cost half as much (schema 4), a sample of
/// 2,000 made `--facets said` (97,000 matches of 100,000 articles) 2.3
/// times the search without; 1,000 keep it at 1.7 to 1.9 times.
/// A count of a tenth of the matches is then within about 9.5% of the
/// exact one (one standard error; 6.7% with 2,000).
inline constexpr Xapian::doccount facets_sample_size = 1000;

/// How facets may be counted over a search's matches.
struct FacetCounting {
  /// Every database searched is a local index, so winnow's own counter can
  /// run: per key, and over a sample when there are many matches. A remote
  /// one (xapian-tcpsrv) runs only Xapian's built-in match spies: counts
  /// then come from Xapian::ValueCountMatchSpy, exact, from every match.
  bool local = true;
  /// With more matches than this (estimated), a local count reads only a
  /// uniform sample of about this many matches and scales the counts up;
  /// 0 never samples.
  Xapian::doccount sample_above = facets_sample_size;
};

/// The actors and places of a search's matches, each with a document count.
struct FacetCounts {
  std::vector<FacetValue> actors;  ///< most documents first, then by key; names left empty
  std::vector<FacetValue> places;
  std::vector<FacetValue> languages;  ///< ISO 639-1 codes and "und"
  Xapian::doccount matches = 0;    ///< the exact number of matches
  /// The counts are estimated from a sample of the matches (each sampled
  /// count times matches / sampled matches, rounded), not exact.
  bool estimated = false;
};

/// What a search's first page says of its number of matches (MSet's
/// get_matches_estimated(), and whether its bounds are equal).
struct MatchEstimate {
  Xapian::doccount matches = 0;
  bool exact = false;  ///< `matches` is the exact number
};

/// Counts the actor and place keys of the matches of `query`, from the
/// documents' value slots (no document is read), in a pass of its own that
/// weighs no match. `page` decides whether to sample (see FacetCounting):
/// a document is in the sample when a hash of its id falls in the first
/// sample_above / page.matches of the hash's range, so a search counts the
/// same sample every time. Unsampled, every match is counted (and so is the
/// number of matches); sampled, only the sample's matches are read, and
/// when the page's number is exact, only they are visited. `limit`: keep
/// only the first `limit` values of each kind (all when 0).
[[nodiscard]] FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, MatchEstimate page,
                                       const FacetCounting& counting = {}, std::size_t limit = 0);

/// The entity of `kind` whose name is nearest to `typed`, for a name that
/// matched nothing ("prigozin" -> "Yevgeny Prigozhin", "bamak" -> "Bamako"):
/// within two edits (one for a name of four letters or fewer) of the whole
/// key or of one of its words, the fewest edits first, then the most
/// documents. Reads every
/// key of the kind: for the no-match path only.
struct NearestName {
  std::string name;  ///< the entity's display name; empty when none is near
  std::string word;  ///< the word of its key that was near (the whole key when that was)
};
[[nodiscard]] NearestName nearest_name(const Xapian::Database& db, EntityKind kind, std::string_view typed);

/// The spelling of a key that the most documents use (ties: the first in byte
/// order); the key itself when the index holds no spelling for it.
[[nodiscard]] std::string display_name(const Xapian::Database& db, EntityKind kind, const std::string& key);

/// The first `limit` values (all when 0), each given its display_name.
/// `local`: every database is local, as in FacetCounting (which changes
/// only how the names are looked up).
[[nodiscard]] std::vector<FacetValue> name_facets(const Xapian::Database& db, EntityKind kind,
                                                  std::vector<FacetValue> values, std::size_t limit = 0,
                                                  bool local = true);

/// Every value of one kind with its number of documents, most first, then by
/// key, over the documents matching `query`, counted exactly over every
/// match (never sampled), or over the whole index when there is none (read
/// from term frequencies: no document is visited). `local`: every database
/// is local, as in FacetCounting. (An empty Xapian::Query is
/// Query::MatchNothing, hence the optional.)
[[nodiscard]] std::vector<FacetValue> list_facet(const Xapian::Database& db, EntityKind kind,
                                                 const std::optional<Xapian::Query>& query = std::nullopt,
                                                 bool local = true);

/// Every language with its number of documents, as list_facet counts an
/// entity kind (the name of each is its code).
[[nodiscard]] std::vector<FacetValue> list_languages(const Xapian::Database& db,
                                                     const std::optional<Xapian::Query>& query = std::nullopt,
                                                     bool local = true);

/// "actors" or "places", as --list and the JSON output spell the kinds.
[[nodiscard]] std::string_view plural_name(EntityKind kind);

}  // namespace winnow::search
