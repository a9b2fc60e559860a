// The word lists the entity stage looks names up in: places from Debian's
// iso-codes (ISO 3166-1 countries, ISO 3166-2 subdivisions) and libgeonames
// (cities of more than 15,000 people), continents and world regions, demonyms,
// and the English word list that tells common words from names.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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
  /// Loaded once per process from the standard Debian paths; a missing file
  /// leaves that list empty rather than failing (entities are then fewer).
  static const Gazetteer& standard();

  /// A place by the entity_key of one of its names ("ivory coast", "menaka").
  [[nodiscard]] const Place* place(std::string_view key) const;
  /// The place a demonym ("malian", "malians", "ivorian") belongs to.
  [[nodiscard]] const Place* demonym(std::string_view key) const;
  /// True when the folded word is an English common word (it is in the word
  /// list in lower case): "nice", "reading", "chad", "mark".
  [[nodiscard]] bool common_word(std::string_view folded) const;
  /// True when the word list has it capitalised, as a name: "Mark", "Paris".
  [[nodiscard]] bool known_name(std::string_view folded) const;

  std::size_t size() const { return places_.size(); }

 private:
  Gazetteer();
  void add_place(std::string_view name, Place place);
  void load_iso_countries();
  void load_iso_subdivisions();
  void load_cities();
  void load_regions_and_aliases();
  void load_word_list();

  /// Lets the tables be searched with a std::string_view, without making a
  /// std::string of each word looked up (C++20 heterogeneous lookup).
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  template <class Value>
  using KeyMap = std::unordered_map<std::string, Value, KeyHash, std::equal_to<>>;
  using KeySet = std::unordered_set<std::string, KeyHash, std::equal_to<>>;

  KeyMap<Place> places_;
  KeyMap<std::string> demonyms_;  // demonym key -> place key
  KeySet common_words_;
  KeySet known_names_;
};

}  // namespace winnow::filters::detail
