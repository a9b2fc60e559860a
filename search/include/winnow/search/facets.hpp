// Entity facets over an index: a user's name to the facet terms it stands for,
// and exact per-value document counts over a search's matches.
//
// Everything here reads the index through term and value iterators that
// Xapian merges over several databases (local or remote), so it works the
// same on one index as on several searched as one.
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
/// sorted. With K = filters::entity_key(name), the union of:
///  - K itself, when some document has that entity;
///  - every key that K is an alias of ("wagner" -> "wagner group");
///  - every alias of K ("wagner group" -> "wagner": documents that only used
///    the short name).
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

/// Counts the entity keys of every match of a search, exactly, from the
/// document's value slot (no document is read). Attach before get_mset, and
/// ask get_mset to check every match (check_at_least = the document count).
class FacetCounter {
 public:
  explicit FacetCounter(EntityKind kind);
  void attach(Xapian::Enquire& enquire);

  /// Key and document count of every key seen, most documents first, then by
  /// key, or only the first `limit` of them (all when 0); `name` is left
  /// empty (see name_facets).
  [[nodiscard]] std::vector<FacetValue> counts(std::size_t limit = 0) const;

 private:
  Xapian::ValueCountMatchSpy m_spy;
};

/// The spelling of a key that the most documents use (ties: the first in byte
/// order); the key itself when the index holds no spelling for it.
[[nodiscard]] std::string display_name(const Xapian::Database& db, EntityKind kind, const std::string& key);

/// The first `limit` values (all when 0), each given its display_name.
[[nodiscard]] std::vector<FacetValue> name_facets(const Xapian::Database& db, EntityKind kind,
                                                  std::vector<FacetValue> values, std::size_t limit = 0);

/// Every value of one kind with its number of documents, most first, then by
/// key, over the documents matching `query`, or over the whole index when
/// there is none (read from term frequencies: no document is visited).
/// (An empty Xapian::Query is Query::MatchNothing, hence the optional.)
[[nodiscard]] std::vector<FacetValue> list_facet(const Xapian::Database& db, EntityKind kind,
                                                 const std::optional<Xapian::Query>& query = std::nullopt);

/// "actors" or "places", as --list and the JSON output spell the kinds.
[[nodiscard]] std::string_view plural_name(EntityKind kind);

}  // namespace winnow::search
