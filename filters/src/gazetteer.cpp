// Gazetteer loading: see gazetteer.hpp. The lists come from Debian packages
// (iso-codes, libgeonames, wamerican); what no package has (continents and
// world regions, the short names newspapers use, demonyms) is in
// gazetteer_data.cpp.
#include "gazetteer.hpp"

#include <fstream>

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>

#include "gazetteer_data.hpp"
#include "winnow/filters/entities.hpp"

namespace winnow::filters::detail {
namespace {

constexpr const char* iso_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* iso_3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
constexpr const char* word_list = "/usr/share/dict/american-english";

nlohmann::json read_json(const char* path) {
  std::ifstream in(path);
  if (!in) return {};
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

// Lower rank wins when two places share a name: Niger the country, not the
// Nigerian state; Gao the region and the city are one place anyway.
int rank(PlaceLevel level) { return static_cast<int>(level); }

}  // namespace

const Gazetteer& Gazetteer::standard() {
  static const Gazetteer gazetteer;
  return gazetteer;
}

Gazetteer::Gazetteer() {
  load_iso_countries();
  load_regions_and_aliases();
  load_iso_subdivisions();
  load_cities();
  load_word_list();
}

void Gazetteer::add_place(std::string_view name, Place place) {
  std::string key = entity_key(name);
  if (key.empty()) return;
  auto [it, inserted] = places_.try_emplace(std::move(key), place);
  if (!inserted && rank(place.level) < rank(it->second.level)) it->second = std::move(place);
}

void Gazetteer::load_iso_countries() {
  const nlohmann::json doc = read_json(iso_3166_1);
  if (!doc.contains("3166-1")) return;
  for (const auto& country : doc["3166-1"]) {
    const std::string code = country.value("alpha_2", "");
    const std::string iso_name = country.value("name", "");
    std::string display = country.value("common_name", iso_name);
    if (const char* shorter = newspaper_country_name(code)) display = shorter;
    const Place place{display, PlaceLevel::country, 0};
    add_place(display, place);
    add_place(iso_name, place);
    if (country.contains("official_name")) add_place(country.value("official_name", ""), place);
    for (const auto& alias : country_aliases(code)) add_place(alias, place);
  }
}

void Gazetteer::load_iso_subdivisions() {
  const nlohmann::json doc = read_json(iso_3166_2);
  if (!doc.contains("3166-2")) return;
  for (const auto& subdivision : doc["3166-2"]) {
    const std::string name = subdivision.value("name", "");
    add_place(name, Place{name, PlaceLevel::subdivision, 0});
  }
}

void Gazetteer::load_cities() {
  const gint count = geonames_get_n_cities();
  for (gint i = 0; i < count; ++i) {
    GeonamesCity* city = geonames_get_city(i);
    if (!city) continue;
    const std::string name = geonames_city_get_name(city);
    add_place(name, Place{name, PlaceLevel::city, geonames_city_get_population(city)});
    geonames_city_free(city);
  }
}

void Gazetteer::load_regions_and_aliases() {
  for (const auto& region : world_regions()) add_place(region, Place{std::string(region), PlaceLevel::region, 0});
  for (const auto& [demonym, place_name] : demonym_table()) {
    std::string place_key = entity_key(place_name);
    demonyms_.emplace(entity_key(demonym), place_key);
    // Plurals name people of the country ("Malians", "Nigeriens").
    std::string plural = entity_key(demonym);
    if (!plural.ends_with('s') && !plural.ends_with("ese") && !plural.ends_with("ch") &&
        !plural.ends_with("sh"))
      demonyms_.emplace(plural + "s", place_key);
  }
}

void Gazetteer::load_word_list() {
  std::ifstream in(word_list);
  std::string word;
  while (std::getline(in, word)) {
    if (word.empty() || word.find('\'') != std::string::npos) continue;
    const bool capitalised = word[0] >= 'A' && word[0] <= 'Z';
    std::string folded = entity_key(word);
    if (capitalised)
      known_names_.insert(std::move(folded));
    else
      common_words_.insert(std::move(folded));
  }
}

const Place* Gazetteer::place(std::string_view key) const {
  const auto it = places_.find(key);
  return it == places_.end() ? nullptr : &it->second;
}

const Place* Gazetteer::demonym(std::string_view key) const {
  const auto it = demonyms_.find(key);
  return it == demonyms_.end() ? nullptr : place(it->second);
}

bool Gazetteer::common_word(std::string_view folded) const { return common_words_.contains(folded); }

bool Gazetteer::known_name(std::string_view folded) const { return known_names_.contains(folded); }

}  // namespace winnow::filters::detail
