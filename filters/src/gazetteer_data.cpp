// Data for gazetteer.cpp: see gazetteer_data.hpp.
#include "gazetteer_data.hpp"

#include <array>
#include <vector>

namespace winnow::filters::detail {
namespace {

struct CountryNames {
  std::string_view code;
  const char* newspaper_name;  // nullptr: ISO's common name is the one used
  std::vector<std::string_view> aliases;
};

const std::vector<CountryNames>& country_names() {
  static const std::vector<CountryNames> table = {
      {"US", nullptr, {"US", "U.S.", "USA", "U.S.A.", "United States of America"}},
      {"GB", nullptr, {"UK", "U.K.", "Britain", "Great Britain"}},
      {"RU", "Russia", {}},
      {"CI", nullptr, {"Ivory Coast", "Cote d'Ivoire"}},
      {"CD", "DR Congo", {"DRC", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"}},
      {"CG", nullptr, {"Republic of the Congo", "Congo-Brazzaville"}},
      {"AE", nullptr, {"UAE", "U.A.E.", "Emirates"}},
      {"TR", nullptr, {"Turkey", "Türkiye"}},
      {"CZ", nullptr, {"Czech Republic", "Czechia"}},
      {"CV", nullptr, {"Cape Verde", "Cabo Verde"}},
      {"SZ", nullptr, {"Swaziland", "Eswatini"}},
      {"MM", nullptr, {"Burma", "Myanmar"}},
      {"MK", nullptr, {"Macedonia"}},
      {"BN", "Brunei", {}},
      {"PS", "Palestine", {"Palestinian territories"}},
      {"VA", "Vatican City", {"Vatican", "Holy See"}},
      {"TL", nullptr, {"East Timor"}},
      {"FM", "Micronesia", {}},
      {"GM", nullptr, {"The Gambia"}},
      {"NL", nullptr, {"Holland", "The Netherlands"}},
      {"KR", nullptr, {"Korea"}},
      {"ST", nullptr, {"São Tomé and Príncipe"}},
  };
  return table;
}

constexpr std::array<std::string_view, 0> no_aliases{};

constexpr std::array regions = std::to_array<std::string_view>({
    // Continents and their parts.
    "Africa", "Europe", "Asia", "North America", "South America", "Latin America", "Central America",
    "Oceania", "Antarctica", "Australasia", "Eurasia", "Arctic",
    "West Africa", "East Africa", "North Africa", "Southern Africa", "Central Africa", "Sub-Saharan Africa",
    "Horn of Africa", "Sahel", "Sahara", "Maghreb", "Great Lakes", "Western Europe", "Eastern Europe",
    "Central Europe", "Southern Europe", "Northern Europe", "Scandinavia", "Balkans", "Baltics", "Caucasus",
    "Central Asia", "South Asia", "Southeast Asia", "East Asia", "Middle East", "Near East", "Far East",
    "Levant", "Indo-Pacific", "Caribbean", "Patagonia", "Siberia", "Anatolia", "Mesopotamia",
    // Disputed and occupied territories and well-known sub-national regions.
    "Kosovo", "Gaza", "Gaza Strip", "West Bank", "Kashmir", "Darfur", "Crimea", "Donbas", "Tigray",
    "Western Sahara", "Kurdistan", "Catalonia", "Flanders", "Wallonia", "Tibet", "Xinjiang", "Sinai",
    "Azawad", "Liptako-Gourma", "Cabo Delgado", "Ogaden", "Casamance", "Biafra", "Niger Delta",
    // Oceans, seas, lakes, rivers, deserts, mountain ranges.
    "Atlantic", "Atlantic Ocean", "Pacific", "Pacific Ocean", "Indian Ocean", "Arctic Ocean",
    "Southern Ocean", "Mediterranean", "Mediterranean Sea", "Red Sea", "Black Sea", "Baltic Sea",
    "North Sea", "Caspian Sea", "South China Sea", "Persian Gulf", "Gulf of Guinea", "Gulf of Aden",
    "Gulf of Mexico", "English Channel", "Suez Canal", "Panama Canal", "Strait of Hormuz",
    "Bab el-Mandeb", "Lake Chad", "Lake Victoria", "Lake Tanganyika", "Lake Malawi", "Nile",
    "Niger River", "Congo River", "Zambezi", "Amazon", "Mississippi", "Danube", "Rhine", "Ganges",
    "Yangtze", "Euphrates", "Tigris", "Kalahari", "Namib", "Gobi", "Alps", "Pyrenees", "Andes",
    "Himalayas", "Rockies", "Urals", "Atlas Mountains", "Ethiopian Highlands", "Rift Valley",
    "Congo Basin", "Massif Central", "Apennines", "Carpathians",
});

constexpr std::array demonyms = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"African", "Africa"}, {"European", "Europe"}, {"Asian", "Asia"}, {"Arab", "Middle East"},
    {"West African", "West Africa"}, {"East African", "East Africa"}, {"North African", "North Africa"},
    {"Sahelian", "Sahel"}, {"Saharan", "Sahara"}, {"Latin American", "Latin America"},
    {"North American", "North America"}, {"South American", "South America"}, {"Caribbean", "Caribbean"},
    {"Afghan", "Afghanistan"}, {"Albanian", "Albania"}, {"Algerian", "Algeria"}, {"American", "United States"},
    {"Angolan", "Angola"}, {"Argentine", "Argentina"}, {"Argentinian", "Argentina"}, {"Armenian", "Armenia"},
    {"Australian", "Australia"}, {"Austrian", "Austria"}, {"Azerbaijani", "Azerbaijan"},
    {"Bangladeshi", "Bangladesh"}, {"Belarusian", "Belarus"}, {"Belgian", "Belgium"}, {"Beninese", "Benin"},
    {"Bolivian", "Bolivia"}, {"Bosnian", "Bosnia and Herzegovina"}, {"Botswanan", "Botswana"},
    {"Brazilian", "Brazil"}, {"British", "United Kingdom"}, {"Bulgarian", "Bulgaria"},
    {"Burkinabe", "Burkina Faso"}, {"Burkinabè", "Burkina Faso"}, {"Burundian", "Burundi"},
    {"Cambodian", "Cambodia"}, {"Cameroonian", "Cameroon"}, {"Canadian", "Canada"},
    {"Cape Verdean", "Cabo Verde"}, {"Central African", "Central African Republic"}, {"Chadian", "Chad"},
    {"Chilean", "Chile"}, {"Chinese", "China"}, {"Colombian", "Colombia"}, {"Congolese", "DR Congo"},
    {"Croatian", "Croatia"}, {"Cuban", "Cuba"}, {"Cypriot", "Cyprus"}, {"Czech", "Czechia"},
    {"Danish", "Denmark"}, {"Djiboutian", "Djibouti"}, {"Dutch", "Netherlands"}, {"Ecuadorian", "Ecuador"},
    {"Egyptian", "Egypt"}, {"Emirati", "United Arab Emirates"}, {"Eritrean", "Eritrea"},
    {"Estonian", "Estonia"}, {"Ethiopian", "Ethiopia"}, {"Finnish", "Finland"}, {"French", "France"},
    {"Gabonese", "Gabon"}, {"Gambian", "Gambia"}, {"Georgian", "Georgia"}, {"German", "Germany"},
    {"Ghanaian", "Ghana"}, {"Greek", "Greece"}, {"Guinean", "Guinea"}, {"Haitian", "Haiti"},
    {"Hungarian", "Hungary"}, {"Icelandic", "Iceland"}, {"Indian", "India"}, {"Indonesian", "Indonesia"},
    {"Iranian", "Iran"}, {"Iraqi", "Iraq"}, {"Irish", "Ireland"}, {"Israeli", "Israel"},
    {"Italian", "Italy"}, {"Ivorian", "Côte d'Ivoire"}, {"Jamaican", "Jamaica"}, {"Japanese", "Japan"},
    {"Jordanian", "Jordan"}, {"Kazakh", "Kazakhstan"}, {"Kenyan", "Kenya"}, {"Kuwaiti", "Kuwait"},
    {"Lebanese", "Lebanon"}, {"Liberian", "Liberia"}, {"Libyan", "Libya"}, {"Lithuanian", "Lithuania"},
    {"Malagasy", "Madagascar"}, {"Malawian", "Malawi"}, {"Malaysian", "Malaysia"}, {"Malian", "Mali"},
    {"Mauritanian", "Mauritania"}, {"Mexican", "Mexico"}, {"Moroccan", "Morocco"},
    {"Mozambican", "Mozambique"}, {"Namibian", "Namibia"}, {"Nepalese", "Nepal"},
    {"New Zealand", "New Zealand"}, {"Nicaraguan", "Nicaragua"}, {"Nigerien", "Niger"},
    {"Nigerian", "Nigeria"}, {"North Korean", "North Korea"}, {"Norwegian", "Norway"},
    {"Pakistani", "Pakistan"}, {"Palestinian", "Palestine"}, {"Peruvian", "Peru"},
    {"Filipino", "Philippines"}, {"Philippine", "Philippines"}, {"Polish", "Poland"},
    {"Portuguese", "Portugal"}, {"Qatari", "Qatar"}, {"Romanian", "Romania"}, {"Russian", "Russia"},
    {"Rwandan", "Rwanda"}, {"Saudi", "Saudi Arabia"}, {"Senegalese", "Senegal"}, {"Serbian", "Serbia"},
    {"Sierra Leonean", "Sierra Leone"}, {"Singaporean", "Singapore"}, {"Slovak", "Slovakia"},
    {"Slovenian", "Slovenia"}, {"Somali", "Somalia"}, {"South African", "South Africa"},
    {"South Korean", "South Korea"}, {"South Sudanese", "South Sudan"}, {"Spanish", "Spain"},
    {"Sri Lankan", "Sri Lanka"}, {"Sudanese", "Sudan"}, {"Swedish", "Sweden"}, {"Swiss", "Switzerland"},
    {"Syrian", "Syria"}, {"Taiwanese", "Taiwan"}, {"Tanzanian", "Tanzania"}, {"Thai", "Thailand"},
    {"Togolese", "Togo"}, {"Tunisian", "Tunisia"}, {"Turkish", "Türkiye"}, {"Ugandan", "Uganda"},
    {"Ukrainian", "Ukraine"}, {"Uruguayan", "Uruguay"}, {"Uzbek", "Uzbekistan"},
    {"Venezuelan", "Venezuela"}, {"Vietnamese", "Vietnam"}, {"Yemeni", "Yemen"}, {"Zambian", "Zambia"},
    {"Zimbabwean", "Zimbabwe"}, {"English", "England"}, {"Scottish", "Scotland"}, {"Welsh", "Wales"},
});

const CountryNames* find_country(std::string_view alpha_2) {
  for (const auto& entry : country_names())
    if (entry.code == alpha_2) return &entry;
  return nullptr;
}

}  // namespace

const char* newspaper_country_name(std::string_view alpha_2) {
  const CountryNames* entry = find_country(alpha_2);
  return entry ? entry->newspaper_name : nullptr;
}

std::span<const std::string_view> country_aliases(std::string_view alpha_2) {
  const CountryNames* entry = find_country(alpha_2);
  if (!entry) return no_aliases;
  return entry->aliases;
}

std::span<const std::string_view> world_regions() { return regions; }

std::span<const std::pair<std::string_view, std::string_view>> demonym_table() { return demonyms; }

}  // namespace winnow::filters::detail
