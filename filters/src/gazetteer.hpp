// The word lists the entity stage looks names up in: places from Debian's
// iso-codes (ISO 3166-1 countries, ISO 3166-2 subdivisions) and libgeonames
// (cities of more than 15,000 people), continents and world regions, demonyms,
// and the English word list that tells common words from names; and, for a
// document's language, the country names of iso-codes' translations.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "word_set.hpp"

namespace winnow::filters::detail {

// In order of precedence when two places share a name.
enum class PlaceLevel : std::uint8_t { country, region, subdivision, city };

struct Place {
  std::string name;  ///< canonical display name ("Côte d'Ivoire", "Russia")
  PlaceLevel level = PlaceLevel::city;
  std::uint32_t population = 0;  ///< cities only
};

class Gazetteer {
 public:
  /// The gazetteer of documents in LANGUAGE (an ISO 639-1 code, or "und"):
  /// the standard lists, loaded once per process from the standard Debian
  /// paths, and the language's names of the countries, from iso-codes'
  /// gettext catalogue (/usr/share/locale/LANGUAGE/LC_MESSAGES/iso_3166-1.mo),
  /// loaded the first time a document in it asks. A missing file leaves that
  /// list empty rather than failing (entities are then fewer). Safe to call
  /// from several threads; it takes a lock, so once per document.
  static const Gazetteer& for_language(std::string_view language);
  /// The standard lists and the country names of these languages (what
  /// for_language keeps, one per language).
  explicit Gazetteer(std::span<const std::string> languages);
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  /// A place by the entity_key of one of its names ("ivory coast", "menaka";
  /// in a German document also "deutschland", the place Germany).
  [[nodiscard]] const Place* place(std::string_view key) const;
  /// The place a demonym ("malian", "malians", "ivorian") belongs to.
  [[nodiscard]] const Place* demonym(std::string_view key) const;
  /// True when the folded word is an English common word (it is in the word
  /// list in lower case): "nice", "reading", "chad", "mark".
  [[nodiscard]] bool common_word(std::string_view folded) const;
  /// True when the word list has it capitalised, as a name: "Mark", "Paris".
  [[nodiscard]] bool known_name(std::string_view folded) const;

  /// How many names the standard lists give places.
  std::size_t size() const;

 private:
  struct Lists;  // the standard lists, shared by every language
  static const Lists& standard_lists();
  void add_country_names(std::string_view language);

  /// Searched with a std::string_view, without making a std::string of each
  /// word looked up (C++20 heterogeneous lookup), and hashed as the other
  /// word tables are.
  template <class Value>
  using KeyMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;
  using KeySet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

  const Lists& lists_;
  KeyMap<Place> translated_;  // the language's country names -> the (English-named) country
};

}  // namespace winnow::filters::detail
