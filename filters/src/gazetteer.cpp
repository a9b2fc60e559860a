// Gazetteer loading: see gazetteer.hpp. The lists come from Debian packages
// (iso-codes, libgeonames, wamerican); what no package has (continents and
// world regions, the short names newspapers use, demonyms) is in
// gazetteer_data.cpp. A language's country names are iso-codes' translations
// of ISO 3166-1 (its gettext catalogue).
#include "gazetteer.hpp"

#include <algorithm>
#include <fstream>
#include <future>
#include <span>
#include <utility>
#include <vector>

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>

#include "gazetteer_data.hpp"
#include "message_catalogue.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/language_data.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::filters::detail {
namespace {

constexpr const char* iso_3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* iso_3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
constexpr const char* word_list = "/usr/share/dict/american-english";
constexpr const char* locale_folder = "/usr/share/locale";

nlohmann::json read_json(const char* path) {
  std::ifstream in(path);
  if (!in) return {};
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

// Lower rank wins when two places share a name: Niger the country, not the
// Nigerian state; Gao the region and the city are one place anyway.
int rank(PlaceLevel level) { return static_cast<int>(level); }

// A language code as a folder name: two or three lower-case letters, so that
// no code names a path outside the locale folder.
bool plain_code(std::string_view code) {
  return (code.size() == 2 || code.size() == 3) && std::all_of(code.begin(), code.end(), [](char c) {
           return c >= 'a' && c <= 'z';
         });
}

}  // namespace

struct Gazetteer::Lists {
  KeyMap<Place> places;
  KeyMap<std::string> demonyms;  // demonym key -> place key
  KeySet common_words;
  KeySet known_names;
  // ISO 3166-1's English names of each country (name, official and common
  // name), the msgids of its translations, with the country they name.
  std::vector<std::pair<std::string, Place>> country_names;

  // The cities are read on a thread of their own while the other lists
  // load: libgeonames hands out one city at a time, and its 24,000 were 60%
  // of the load (37 of 61 ms), which every indexing run that prepares a file
  // waits for. They are added after the other places, as they always were,
  // so the lists are the same as when read one after the other.
  Lists() {
    std::future<std::vector<KeyedPlace>> cities = std::async(std::launch::async, read_cities);
    places.reserve(expected_places);
    load_iso_countries();
    load_regions_and_aliases();
    load_iso_subdivisions();
    load_word_list();
    for (auto& [key, place] : cities.get()) add_keyed_place(std::move(key), place);
  }

  // A place's name as a key, with the place.
  using KeyedPlace = std::pair<std::string, Place>;
  // Sizes of Debian 12's lists, rounded up: made that large at once, the
  // tables are not rehashed while they fill.
  static constexpr std::size_t expected_places = 32'768;
  static constexpr std::size_t expected_words = 131'072;

  void add_place(std::string_view name, const Place& place);
  void add_keyed_place(std::string key, const Place& place);
  void load_iso_countries();
  void load_iso_subdivisions();
  static std::vector<KeyedPlace> read_cities();
  void load_regions_and_aliases();
  void load_word_list();
};

const Gazetteer::Lists& Gazetteer::standard_lists() {
  // Kept for the whole run and never destroyed: freeing some 200,000 names
  // at exit took longer than anything the program did after its last file.
  static const Lists& lists = *new Lists;
  return lists;
}

const Gazetteer& Gazetteer::for_language(std::string_view language) {
  // English has no catalogue; an undetermined language is read as English.
  const std::string code(language == undetermined_language ? std::string_view("en") : language);
  return for_languages<Gazetteer>(std::span(&code, 1));
}

Gazetteer::Gazetteer(std::span<const std::string> languages) : lists_(standard_lists()) {
  for (const std::string& language : languages) add_country_names(language);
}

void Gazetteer::add_country_names(std::string_view language) {
  if (!plain_code(language)) return;
  const auto translations = read_message_catalogue(std::filesystem::path(locale_folder) / std::string(language) /
                                                   "LC_MESSAGES" / "iso_3166-1.mo");
  for (const auto& [english, place] : lists_.country_names) {
    const auto translated = translations.find(english);
    if (translated == translations.end()) continue;
    std::string key = entity_key(translated->second);
    // A name the standard lists give a country already keeps it.
    const auto standard = lists_.places.find(key);
    if (key.empty() || (standard != lists_.places.end() && standard->second.level == PlaceLevel::country)) continue;
    translated_.try_emplace(std::move(key), place);
  }
}

void Gazetteer::Lists::add_place(std::string_view name, const Place& place) { add_keyed_place(entity_key(name), place); }

void Gazetteer::Lists::add_keyed_place(std::string key, const Place& place) {
  if (key.empty()) return;
  auto [it, inserted] = places.try_emplace(std::move(key), place);
  if (!inserted && rank(place.level) < rank(it->second.level)) it->second = place;
}

void Gazetteer::Lists::load_iso_countries() {
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
    for (const char* field : {"name", "official_name", "common_name"})
      if (country.contains(field)) country_names.emplace_back(country.value(field, ""), place);
    for (const auto& alias : country_aliases(code)) add_place(alias, place);
  }
}

void Gazetteer::Lists::load_iso_subdivisions() {
  const nlohmann::json doc = read_json(iso_3166_2);
  if (!doc.contains("3166-2")) return;
  for (const auto& subdivision : doc["3166-2"]) {
    const std::string name = subdivision.value("name", "");
    add_place(name, Place{name, PlaceLevel::subdivision, 0});
  }
}

std::vector<Gazetteer::Lists::KeyedPlace> Gazetteer::Lists::read_cities() {
  const gint count = geonames_get_n_cities();
  std::vector<KeyedPlace> cities;
  cities.reserve(static_cast<std::size_t>(std::max(count, 0)));
  for (gint i = 0; i < count; ++i) {
    GeonamesCity* city = geonames_get_city(i);
    if (!city) continue;
    std::string name = geonames_city_get_name(city);
    std::string key = entity_key(name);
    const std::uint32_t population = geonames_city_get_population(city);
    cities.emplace_back(std::move(key), Place{std::move(name), PlaceLevel::city, population});
    geonames_city_free(city);
  }
  return cities;
}

void Gazetteer::Lists::load_regions_and_aliases() {
  for (const auto& region : world_regions()) add_place(region, Place{std::string(region), PlaceLevel::region, 0});
  for (const auto& [demonym, place_name] : demonym_table()) {
    std::string place_key = entity_key(place_name);
    demonyms.emplace(entity_key(demonym), place_key);
    // Plurals name people of the country ("Malians", "Nigeriens").
    std::string plural = entity_key(demonym);
    if (!plural.ends_with('s') && !plural.ends_with("ese") && !plural.ends_with("ch") &&
        !plural.ends_with("sh"))
      demonyms.emplace(plural + "s", place_key);
  }
}

void Gazetteer::Lists::load_word_list() {
  known_names.reserve(expected_words / 2);
  common_words.reserve(expected_words);
  std::ifstream in(word_list);
  std::string word;
  while (std::getline(in, word)) {
    if (word.empty() || word.find('\'') != std::string::npos) continue;
    const bool capitalised = word[0] >= 'A' && word[0] <= 'Z';
    std::string folded = entity_key(word);
    if (capitalised)
      known_names.insert(std::move(folded));
    else
      common_words.insert(std::move(folded));
  }
}

const Place* Gazetteer::place(std::string_view key) const {
  // The document's language first: its name of a country outranks a town's.
  if (const auto it = translated_.find(key); it != translated_.end()) return &it->second;
  const auto it = lists_.places.find(key);
  return it == lists_.places.end() ? nullptr : &it->second;
}

const Place* Gazetteer::demonym(std::string_view key) const {
  const auto it = lists_.demonyms.find(key);
  if (it == lists_.demonyms.end()) return nullptr;
  const auto named = lists_.places.find(it->second);  // an English name
  return named == lists_.places.end() ? nullptr : &named->second;
}

bool Gazetteer::common_word(std::string_view folded) const { return lists_.common_words.contains(folded); }

bool Gazetteer::known_name(std::string_view folded) const { return lists_.known_names.contains(folded); }

std::size_t Gazetteer::size() const { return lists_.places.size(); }

}  // namespace winnow::filters::detail
