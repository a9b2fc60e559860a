// The index schema: every term prefix, value slot and metadata key, in one place.
// winnow-index writes with it and winnow-search reads with it; winnow(7) documents it.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include <xapian.h>

#include "winnow/filters/entities.hpp"

namespace winnow::index::schema {

/// What --version prints for `program`: its version and those of the
/// libraries and the index schema it reads and writes ("winnow-search 0.1.0
/// (Xapian 1.4.22, ICU 72.1, index schema 9)").
[[nodiscard]] std::string version_line(std::string_view program);

/// Schema version stored under `schema_key`; bump when documents change shape.
/// winnow-index re-indexes every file of an index written with another version.
/// 2: entity facets (XA, XP, XN, XV, XR terms; slots 5 and 6; "actors", "places" data).
/// 3: content words only as positional stems (Z), no unstemmed copy.
/// 4: a content word's wdf carries BM25's length normalisation (see
///    occurrence_weight); searches weigh with ranking_weight(); the text is
///    in slot 7, no longer in the data.
/// 5: segment fingerprints in slot 8 and counted in metadata, no XF terms.
/// 6: both kinds of entity keys in slot 9 as well, for counting facets.
/// 7: stories (slots 10 and 11) and the repetition evidence each document
///    was classified with (slot 12); fingerprints counted over stories.
/// 8: languages: L and XS terms, slot 13; content words stemmed in the
///    document's text language.
/// 9: every hash is filters::hash64 (XXH3-64), no longer FNV-1a: content
///    hashes (slot 3), story ids (slot 11), hashed unique ids and failed
///    files' keys; segment fingerprints (slots 8, 12, fingerprint counts)
///    hash case-folded words.
inline constexpr std::string_view version = "9";

// Term prefixes (after xapian-omega/docs/termprefixes.rst).
/// Content words: Z + the Snowball stem, in the document's text language
/// (XS), of each filters::tokenise term, with positions, as Xapian's
/// STEM_ALL_Z. There are no unprefixed terms.
inline constexpr std::string_view stem_prefix = "Z";
/// L<code>: the document's language as identified, ISO 639-1, or "und"
/// (filters::identify_language); boolean, one per document. lang:CODE.
inline constexpr std::string_view language_prefix = "L";
/// XS<code>: the language the document's words were normalised and stemmed
/// in: its language, or the run's default for "und". Boolean, one per
/// document. A search parses its words once per language the index holds
/// these terms for (the languages are few), each parse with that language's
/// stemmer and restricted to its documents.
inline constexpr std::string_view text_language_prefix = "XS";
/// The document's unique id: Q + absolute path (hashed when too long).
inline constexpr std::string_view unique_id_prefix = "Q";

// Entity facets. Every entity term is boolean (wdf 0), at most one per document,
// so its term frequency is a number of documents. A key is filters::entity_key of
// a name (case- and accent-folded words joined by single spaces), so it never
// holds the separator; the kind letter after X / XN / XV / XR is A (actor) or P (place).
// Terms longer than max_term_bytes are left out (spellings are cut to fit).
/// XA<key>, XP<key>: the document mentions this actor / place. The facet filter.
inline constexpr std::string_view actor_prefix = "XA";
inline constexpr std::string_view place_prefix = "XP";
/// XNA<key>\x1f<name>: the document spells the entity `name`. Across the corpus,
/// the spelling with the highest term frequency is the one shown for the key.
inline constexpr std::string_view actor_name_prefix = "XNA";
inline constexpr std::string_view place_name_prefix = "XNP";
/// XVA<alias key>\x1f<key>: the document calls entity `key` also by this alias
/// ("wagner" -> "wagner group"), so a search for the alias finds the entity.
inline constexpr std::string_view actor_alias_prefix = "XVA";
inline constexpr std::string_view place_alias_prefix = "XVP";
/// XRA<key>\x1f<alias key>: the same pair reversed, so that a search for the
/// full name also finds documents that only used the alias, with one prefix
/// scan instead of a walk over every XV term of the index.
inline constexpr std::string_view actor_alias_reverse_prefix = "XRA";
inline constexpr std::string_view place_alias_reverse_prefix = "XRP";
/// The query's fields and what each searches: actor:NAME and place:NAME the
/// facet terms (actor_prefix, place_prefix, through the aliases), lang:CODE
/// the language_prefix terms, date:FROM..TO the date_slot values.
inline constexpr std::string_view actor_field = "actor";
inline constexpr std::string_view place_field = "place";
inline constexpr std::string_view language_field = "lang";
inline constexpr std::string_view language_field_colon = "lang:";
inline constexpr std::string_view date_field = "date";

/// Separates the two parts of XN, XV and XR terms, and the keys in slots 5 and 6.
inline constexpr char key_separator = '\x1f';

// Value slots.
enum Slot : Xapian::valueno {
  date_slot = 0,          ///< article date as YYYYMMDD, absent when unknown
  mtime_slot = 1,         ///< file modification time, nanoseconds, decimal; 0 = re-check next run
  size_slot = 2,          ///< file size in bytes, decimal
  content_hash_slot = 3,  ///< filters::hash64 (XXH3) of the file's bytes, 16 hex digits (hex64)
  path_slot = 4,          ///< absolute path, so a re-scan can list what is indexed without reading data
  /// The document's distinct actor / place keys, sorted, joined with key_separator;
  /// absent when none. Xapian::ValueCountMatchSpy counts each distinct value, and
  /// splitting the counted values back into keys gives exact per-key document counts.
  actors_slot = 5,
  places_slot = 6,
  /// The cleaned text, for snippets. A value, not part of the document's
  /// data, because Xapian compresses the data with zlib: inflating it was
  /// half of what showing a hit cost, and values are stored as they are.
  content_slot = 7,
  /// The fingerprints (filters::segment_fingerprint) of the document's
  /// segments, distinct and sorted, 8 bytes each: what it adds to the
  /// corpus counts (fingerprint_counts_key), and takes away when it goes.
  /// Terms would give the counts as term frequencies, but a term per
  /// paragraph, nearly all unique, spreads every new article over the whole
  /// posting table: they were 29% of the blocks that adding 1,000 files to
  /// an index of 100,000 wrote.
  fingerprints_slot = 8,
  /// Slot 5's value, kinds_separator, slot 6's value, kinds_separator,
  /// slot 13's value (the language).
  /// Counting facets over a local index reads this one value per match
  /// instead of two: each read looks up and copies a chunk of values, and
  /// the two reads were half of what --facets cost.
  entities_slot = 9,
  /// The document's story signature (filters::StorySignature: 32 MinHash
  /// values, 4 bytes each, most significant first); absent when its text is
  /// too short to have one.
  story_signature_slot = 10,
  /// The document's story: 16 hex digits (hex64) of filters::hash64 of the
  /// path of the story's first copy, by path order, among the document and the
  /// documents whose signatures say they are copies of it (filters::
  /// same_story). A function of the files alone, whatever order or run
  /// indexed them.
  story_slot = 11,
  /// The fingerprints the classifier was told are repeated in other
  /// stories (encoded as slot 8), absent when none: the repetition evidence
  /// the document's labels rest on. A document whose evidence no longer
  /// matches the counts is classified again.
  repeated_slot = 12,
  /// The document's language as its L term has it ("de", "und").
  language_slot = 13,
};

/// Separates the actors' keys from the places', and those from the language, in slot 9.
inline constexpr char kinds_separator = '\x1e';

/// The prefixes and slot of one kind of entity, so code handles both kinds alike.
struct EntitySchema {
  std::string_view facet_prefix;
  std::string_view name_prefix;
  std::string_view alias_prefix;
  std::string_view alias_reverse_prefix;
  Slot slot;
};
inline constexpr EntitySchema actor_schema{actor_prefix, actor_name_prefix, actor_alias_prefix,
                                           actor_alias_reverse_prefix, actors_slot};
inline constexpr EntitySchema place_schema{place_prefix, place_name_prefix, place_alias_prefix,
                                           place_alias_reverse_prefix, places_slot};
[[nodiscard]] constexpr const EntitySchema& entity_schema(filters::EntityKind kind) {
  return kind == filters::EntityKind::actor ? actor_schema : place_schema;
}

// Metadata keys.
inline constexpr std::string_view roots_key = "winnow:roots";    ///< JSON array of indexed roots
inline constexpr std::string_view schema_key = "winnow:schema";  ///< schema version
/// Set, to the schema version, only in the database of a build folder beside
/// the index (DB.rebuilding) while the build is under way: a folder that
/// carries it is winnow's own, and a run that finds it resumes the build.
inline constexpr std::string_view building_key = "winnow:building";
/// The boilerplate filter's corpus counts: how many stories (slot 11) hold
/// each segment fingerprint, so copies of one story count once. Stored under this key + ":" + 4 hex digits (the
/// fingerprint's top 16 bits), each entry a shard of (fingerprint, count)
/// pairs (see indexer/src/fingerprint_table.hpp). The key itself holds
/// fingerprint_counts_complete when the shards match the documents; a run
/// that commits documents before its counts clears it, and the next run
/// counts again from slot 8. An index whose counts are in 4,096 shards (3
/// hex digits, marked "complete") is counted again the same way, and its
/// old entries removed.
inline constexpr std::string_view fingerprint_counts_key = "winnow:fingerprint-counts";
inline constexpr std::string_view fingerprint_counts_complete = "complete: 65536 shards";
/// A file that could not be indexed, remembered until it changes so that a
/// re-scan neither reads it nor notes it again: one entry per file, under
/// this prefix + its absolute path (over max_term_bytes, the path's head,
/// "#" and the path's filters::hash64 in hex64), holding
/// "SIZE MTIME_NS CTIME_NS STAGE PROBLEM\nPATH" (see indexer/src/failed_files.hpp;
/// STAGE is "walk" or "read"; an MTIME_NS of 0 means try it again).
/// Entries, not one value for all, so a run rewrites only what changed.
inline constexpr std::string_view failed_file_prefix = "winnow:failed:";

/// Xapian's limit on term length is 245 bytes; longer ids are hashed
/// (after xapian-omega/hashterm.h) so every path gets a unique term.
inline constexpr std::size_t max_term_bytes = 240;

/// prefix + value: one term. (Appends rather than operator+, which trips
/// GCC 12's -Wrestrict false positive.)
[[nodiscard]] inline std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix).append(value);
  return term;
}

/// first + key_separator + second, e.g. the tail of an XN, XV or XR term.
[[nodiscard]] inline std::string joined_pair(std::string_view first, std::string_view second) {
  std::string pair;
  pair.reserve(first.size() + 1 + second.size());
  pair.append(first).append(1, key_separator).append(second);
  return pair;
}

// Ranking: BM25 with its length normalisation done once, when an article
// is indexed, instead of at every match of every search.
//
// BM25 weighs a term of a document by tf / (k1 * norm + tf), where norm =
// 1 - b + b * max(length / average length, min_normlen) grows with the
// document's length. Xapian 1.4 looks each match's length up in a table of
// its own, which is half the cost of matching a common word. Dividing the
// term frequency by norm at indexing time, and weighing with b = 0 (no
// length look-up) and k1 scaled alike, gives the same order: tf/norm *
// scale / (k1 * scale + tf/norm * scale) = tf / (k1 * norm + tf).
// The average is a typical article's length, fixed, not the index's own,
// which is unknown while a first run indexes.

/// Xapian's BM25 defaults for the parameters winnow uses.
inline constexpr double bm25_k1 = 1.0, bm25_b = 0.5, bm25_min_normlen = 0.5;
/// The length, in words of content, that BM25 treats as average.
inline constexpr double typical_article_words = 700;
/// The wdf of one occurrence in an article of average length; a wdf is a
/// whole number, so this sets the precision of the normalisation (within
/// about 7% up to an article five times the average, whose 16 / 3 rounds
/// to 5).
inline constexpr double occurrence_scale = 16;

/// The wdf that each occurrence of a content word adds, in an article of
/// `words` words of content: occurrence_scale / norm, rounded, at least 1.
[[nodiscard]] inline Xapian::termcount occurrence_weight(std::size_t words) {
  const double relative = std::max(static_cast<double>(words) / typical_article_words, bm25_min_normlen);
  const double norm = 1 - bm25_b + bm25_b * relative;
  return static_cast<Xapian::termcount>(std::max(1.0, occurrence_scale / norm + 0.5));
}

/// The weighting scheme of a search over an index of this schema: BM25,
/// its length normalisation already in the wdf.
[[nodiscard]] inline Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(bm25_k1 * occurrence_scale, 0, 1, 0, bm25_min_normlen);
}

/// Q + path, or Q + a prefix of the path and its hash when too long.
[[nodiscard]] std::string unique_id_term(std::string_view absolute_path);

/// The Snowball stemmer of a language (Xapian takes ISO 639-1 codes), or
/// Xapian's "none" (words as they are) for a language it has none for
/// ("pl"). One per thread and language: a stemmer is not shared across
/// threads.
[[nodiscard]] const Xapian::Stem& stemmer_for(std::string_view language);

/// 16 lower-case hex digits.
[[nodiscard]] std::string hex64(std::uint64_t value);

}  // namespace winnow::index::schema

namespace winnow::index {

/// The language of a document whose language cannot be identified, unless
/// the run names another (winnow-index --lang).
inline constexpr std::string_view fallback_language = "en";

}  // namespace winnow::index
