// Entity stage: the actors (people, organisations) and places that an
// article's content mentions, with the names it uses for each merged into one
// entity. Text in, values out; the gazetteers are read from Debian's
// iso-codes (with its translations of the country names) and libgeonames,
// the word classes from filters/lang (entity-*.txt, see entity_lexicon.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"

namespace winnow::filters {

enum class EntityKind { actor, place };

/// One actor or place of one document.
struct Entity {
  EntityKind kind = EntityKind::actor;
  /// The name shown to users: a gazetteer's name for known places ("Côte
  /// d'Ivoire" for "Ivory Coast"), otherwise the fullest spelling the
  /// document uses ("António Guterres" rather than "Guterres").
  std::string name;
  /// entity_key(name): the facet value. Spellings that differ only by case,
  /// accents or punctuation share a key across the whole corpus.
  std::string key;
  /// Every distinct surface form the content uses, as written and in order of
  /// first use: "Guterres", "UNSC", "Malian" (a demonym of a place).
  std::vector<std::string> mentions;
  /// entity_key of each mention that differs from `key` ("guterres", "unsc"):
  /// what lets a search for the short name find the long one in other files.
  std::vector<std::string> alias_keys;
  /// How many times the content mentions the entity, by any name.
  unsigned count = 0;
};

/// A document's entities, each list most mentioned first (ties: first mention first).
struct Entities {
  std::vector<Entity> actors;
  std::vector<Entity> places;
};

/// The folded form used for facet values and for matching user input:
/// normalise() (NFKC, case and accent folding), then every run of characters
/// other than letters and digits becomes one space, trimmed; at most
/// max_entity_key_bytes bytes, cut at a character boundary.
/// "António Guterres" -> "antonio guterres", "Côte d’Ivoire" -> "cote divoire" (the normaliser drops in-word apostrophes),
/// "Al-Qaeda" -> "al qaeda".
[[nodiscard]] std::string entity_key(std::string_view name);
inline constexpr std::size_t max_entity_key_bytes = 120;

/// Finds the actors and places in the content segments (boilerplate segments
/// are ignored, so a name seen only in a caption or footer is no entity).
/// LANGUAGE is the document's (an ISO 639-1 code, or "und"): its word
/// classes (titles, verbs of speech ...) are added to English's, and its
/// names of the countries to the gazetteer's; "en" and "und" are English only.
[[nodiscard]] Entities extract_entities(const std::vector<Segment>& segments, std::string_view language = "en");

/// The same over plain text, one paragraph per line: for tests and tools.
[[nodiscard]] Entities extract_entities(std::string_view content, std::string_view language = "en");

}  // namespace winnow::filters
