// Word classes for the entity rules: see entity_lexicon.hpp. English only, like
// the boilerplate cues; each list is closed and general, not a list of names.
#include "entity_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace winnow::filters::detail {
namespace {

// A closed word class, sorted at compile time so a lookup is a binary
// search. The entity rules ask several classes about most words of a
// document, and most words are in none: the lengths and first bytes of the
// class's words, also found at compile time, turn most of those misses away
// before the search and its string compares.
template <std::size_t N>
class WordList {
 public:
  constexpr explicit WordList(std::array<std::string_view, N> words) : m_words(words) {
    std::sort(m_words.begin(), m_words.end());
    for (const std::string_view word : m_words) {
      m_lengths |= length_bit(word.size());
      if (!word.empty()) m_first_bytes[first_byte(word) / 64] |= std::uint64_t{1} << (first_byte(word) % 64);
    }
  }

  [[nodiscard]] bool contains(std::string_view word) const {
    if ((m_lengths & length_bit(word.size())) == 0) return false;
    if (!word.empty() && (m_first_bytes[first_byte(word) / 64] >> (first_byte(word) % 64) & 1) == 0) return false;
    return std::binary_search(m_words.begin(), m_words.end(), word);
  }

 private:
  static constexpr std::uint64_t length_bit(std::size_t length) {
    return std::uint64_t{1} << std::min<std::size_t>(length, 63);
  }
  static constexpr unsigned first_byte(std::string_view word) { return static_cast<unsigned char>(word[0]); }

  std::array<std::string_view, N> m_words;
  std::uint64_t m_lengths = 0;                  // bit n: a word of n bytes (63: of 63 or more)
  std::array<std::uint64_t, 4> m_first_bytes{};  // bit b: a word starts with byte b
};

template <std::size_t N>
constexpr WordList<N> word_list(std::array<std::string_view, N> words) {
  return WordList<N>(words);
}

template <std::size_t N>
bool contains(const WordList<N>& words, std::string_view word) {
  return words.contains(word);
}

constexpr auto titles = word_list(std::to_array<std::string_view>({
    "president", "vice president", "prime minister", "minister", "colonel", "col", "general", "gen",
    "lieutenant", "lt", "captain", "capt", "major", "maj", "commander", "sergeant", "sgt", "admiral",
    "marshal", "ambassador", "secretary general", "secretary", "chancellor", "king", "queen", "prince",
    "princess", "sheikh", "emir", "pope", "bishop", "archbishop", "imam", "cardinal", "dr", "mr", "mrs",
    "ms", "miss", "sir", "dame", "lord", "lady", "judge", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "chief", "director", "director general", "commissioner", "spokesman",
    "spokeswoman", "spokesperson", "coach", "professor", "prof", "deputy", "interim", "acting",
    "junta", "leader", "envoy", "special envoy", "rapporteur", "chairman", "chairwoman", "chair",
    "ceo", "founder", "striker", "midfielder", "defender", "goalkeeper", "captain", "manager",
    "rider", "analyst", "researcher", "reporter", "correspondent", "editor", "pastor", "father",
    "brother", "sister", "saint", "st", "hon", "honourable", "honorable", "excellency", "his", "her",
    "defence minister", "foreign minister", "finance minister", "health minister", "premier",
    "crown prince", "field marshal", "brigadier", "warlord", "opposition leader", "speaker",
}));

constexpr auto organisation_heads = word_list(std::to_array<std::string_view>({
    "group", "council", "mission", "union", "watch", "forces", "force", "army", "navy", "party",
    "court", "commission", "committee", "assembly", "parliament", "congress", "senate",
    "organization", "organisation", "agency", "programme", "program", "fund", "bank", "institute",
    "institution", "university", "college", "school", "office", "ministry", "department", "board",
    "authority", "alliance", "confederation", "federation", "association", "front", "movement",
    "coalition", "international", "corporation", "corp", "company", "co", "inc", "ltd", "limited",
    "plc", "holdings", "network", "news", "times", "post", "herald", "tribune", "press", "journal",
    "gazette", "foundation", "centre", "center", "centres", "centers", "services", "service", "team",
    "club", "fc", "airways", "airlines", "marine", "energy", "police", "guard", "brigade", "brigades",
    "battalion", "corps", "house", "secretariat", "government", "cabinet", "church", "society",
    "trust", "initiative", "fighters", "partners", "capital", "motors", "technologies", "systems",
    "labs", "media", "broadcasting", "radio", "television", "unit", "command", "directorate",
    "tribunal", "brothers", "reserve", "exchange", "observatory", "telecom", "petroleum", "mining",
    "resources", "consortium", "legion", "militia", "committee", "conseil", "council", "caucus",
    "federation", "commission", "ngo", "charity", "laboratory", "laboratories", "hospital",
    "industries", "community", "academy", "nations", "bureau", "agency", "squad", "gendarmerie",
}));

constexpr auto place_heads = word_list(std::to_array<std::string_view>({
    "stadium", "arena", "dam", "lake", "river", "mountains", "mount", "mountain", "hills", "valley",
    "desert", "ocean", "sea", "gulf", "bay", "island", "islands", "peninsula", "coast", "region",
    "province", "district", "county", "prefecture", "governorate", "municipality", "commune",
    "airport", "base", "square", "bridge", "mine", "port", "harbour", "harbor", "park", "forest",
    "canal", "strait", "massif", "plateau", "basin", "delta", "country", "street", "avenue", "road",
    "camp", "falls", "highlands", "heights", "corridor", "oasis", "state", "territory", "city",
    "village", "town", "creek", "glacier", "reservoir", "cape", "circuit", "stade", "estadio",
    "horn", "republic", "kingdom", "emirate", "sultanate",
}));

constexpr auto non_entity_heads = word_list(std::to_array<std::string_view>({
    "cup", "championship", "championships", "games", "olympics", "olympic", "tour", "grand prix",
    "open", "marathon", "accords", "accord", "agreement", "act", "convention", "treaty", "protocol",
    "summit", "conference", "resolution", "award", "awards", "prize", "day", "week", "festival",
    "plan", "declaration", "charter", "law", "bill", "code", "constitution", "directive", "regulation",
    "strategy", "doctrine", "virus", "syndrome", "disease", "fever", "flu", "war", "crisis",
    "revolution", "uprising", "election", "elections", "referendum", "census", "index", "report",
    "deal", "series", "league", "trophy", "medal", "era", "age", "pandemic", "epidemic", "outbreak",
    "vaccine", "programme of action", "goals", "framework convention", "corridor project",
}));

constexpr auto particles = word_list(std::to_array<std::string_view>({
    "de", "du", "des", "la", "le", "di", "da", "del", "della", "dos", "das", "do", "van", "von",
    "der", "den", "ter", "bin", "ibn", "al", "el", "ag", "ould", "y", "ben", "abu", "dem",
}));

constexpr auto connectors = word_list(std::to_array<std::string_view>({
    "of", "for", "in", "to", "on", "the", "of the", "for the", "in the", "on the", "to the",
}));

constexpr auto compass = word_list(std::to_array<std::string_view>({
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest", "north east",
    "north west", "south east", "south west", "north eastern", "north western",
}));

constexpr auto calendar = word_list(std::to_array<std::string_view>({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "christmas", "easter", "ramadan",
    "eid", "tabaski", "new year",
}));

constexpr auto groups = word_list(std::to_array<std::string_view>({
    "muslim", "muslims", "christian", "christians", "islamist", "islamists", "islamic", "jihadist",
    "jihadists", "jihadi", "jihadis", "tuareg", "tuaregs", "touareg", "fulani", "peul", "peuls",
    "hausa", "yoruba", "igbo", "dogon", "bambara", "songhai", "arab", "arabs", "berber", "berbers",
    "kurd", "kurds", "jew", "jews", "jewish", "catholic", "catholics", "protestant", "protestants",
    "sunni", "sunnis", "shia", "shiite", "shiites", "hindu", "hindus", "buddhist", "buddhists",
    "sikh", "sikhs", "pashtun", "tutsi", "tutsis", "hutu", "hutus", "maasai", "amhara", "oromo",
    "zulu", "xhosa", "afrikaner", "afrikaners", "salafist", "salafists", "wahhabi", "sufi",
    "republican", "republicans", "democrat", "democrats", "conservative", "conservatives",
    "labour", "liberal", "liberals", "socialist", "socialists", "communist", "communists",
    "west", "western", "westerners", "east", "north", "south", "god", "allah", "internet", "web",
    "islam", "christianity", "judaism", "covid", "covid 19", "mpox", "ebola", "malaria",
}));

constexpr auto non_entity_acronyms = word_list(std::to_array<std::string_view>({
    "ai", "gdp", "ceo", "cfo", "coo", "cto", "tv", "pm", "am", "gmt", "utc", "bst", "cet", "est",
    "pst", "ok", "id", "pdf", "faq", "co2", "usd", "eur", "gbp", "cfa", "ngo", "ngos", "mp", "mps",
    "dna", "rna", "hiv", "aids", "covid", "sars", "it", "pr", "vat", "suv", "lgbt", "lgbtq", "isbn",
    "url", "html", "api", "app", "vip", "rsvp", "iq", "ivf", "icu", "gps", "sms", "lng", "lpg", "ev",
    "evs", "uav", "uavs", "ied", "ieds", "rpg", "ak", "asap", "fyi", "eta", "mw", "gw", "km", "kg",
    "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "ps", "nb", "eg", "ie", "etc", "vs",
    "ft", "mph", "kph", "hq", "r&d", "q1", "q2", "q3", "q4", "ipo", "m&a", "pc", "cd", "dvd", "ram",
    "cpu", "gpu", "usb", "wifi", "faqs", "led", "lcd", "fm", "cc", "bc", "ad", "ce", "bce", "rip",
    "omg", "lol", "diy", "tba", "tbc", "n/a", "na", "a", "i", "the", "and", "or", "of", "in", "on",
    "at", "by", "to", "is", "no", "yes", "new", "big", "top", "all", "mr", "ms", "dr", "st", "ltd",
    "inc", "plc", "llc", "jr", "sr", "vp", "svp", "evp", "md", "phd", "msc", "bsc", "ba", "ma", "mba",
    "rss", "seo", "cv", "hr", "pa", "ap", "cop", "ict", "ppp", "fdi", "gni", "hdi", "sdg", "sdgs",
}));

constexpr auto functions = word_list(std::to_array<std::string_view>({
    "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she",
    "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "in", "on", "at", "by",
    "for", "from", "with", "without", "of", "to", "into", "onto", "under", "over", "after", "before",
    "during", "since", "until", "while", "when", "where", "why", "how", "what", "which", "who",
    "whom", "whose", "if", "as", "but", "and", "or", "nor", "so", "yet", "because", "although",
    "though", "despite", "instead", "meanwhile", "however", "moreover", "also", "still", "even",
    "only", "just", "then", "now", "today", "yesterday", "tomorrow", "last", "next", "first",
    "some", "many", "most", "more", "few", "all", "both", "each", "every", "no", "not", "any",
    "such", "other", "another", "between", "among", "against", "across", "around", "through",
    "about", "above", "below", "near", "within", "along", "beyond", "toward", "towards", "upon",
    "via", "per", "like", "unlike", "once", "twice", "several", "according", "following",
    "amid", "amidst", "whether", "whatever", "whoever", "perhaps", "indeed", "already", "again",
    "earlier", "later", "soon", "often", "never", "always", "sometimes", "yes", "why", "read",
    "watch", "photo", "video", "image", "credit", "source", "update", "updated", "editor", "note",
}));

constexpr auto speech_verbs = word_list(std::to_array<std::string_view>({
    "said", "says", "told", "tells", "added", "adds", "announced", "announces", "reported",
    "reports", "warned", "warns", "stated", "states", "argued", "argues", "insisted", "insists",
    "claimed", "claims", "denied", "denies", "confirmed", "confirms", "wrote", "writes", "tweeted",
    "posted", "noted", "notes", "explained", "explains", "estimated", "estimates", "urged", "urges",
    "accused", "accuses", "signed", "signs", "agreed",
    "agrees", "acquired", "acquires", "rejected", "rejects", "welcomed", "welcomes", "declared",
    "declares", "ruled", "rules", "voted", "votes", "sued", "sues", "fined", "fines", "hired",
    "spokesperson", "spokesman",
    "spokeswoman", "chief", "executive", "boss", "founder", "researchers", "officials", "engineers",
}));

constexpr auto place_prepositions = word_list(std::to_array<std::string_view>({
    "in", "at", "near", "from", "outside", "inside", "around", "across", "toward", "towards", "into",
    "via", "through", "throughout", "between", "beyond", "within",
}));

constexpr auto settlements = word_list(std::to_array<std::string_view>({
    "village", "town", "city", "region", "district", "province", "commune", "municipality",
    "capital", "suburb", "neighbourhood", "neighborhood", "island", "state", "county", "port",
    "villages", "towns", "cities", "regions", "outskirts", "hamlet", "settlement", "camp",
    "mountains", "mountain", "hills", "river", "valley", "desert", "plateau", "massif", "area",
    "oasis", "lake", "basin", "refugee camp", "airport", "stadium", "neighbourhood",
}));

constexpr auto actor_descriptors = word_list(std::to_array<std::string_view>({
    "operation", "group", "mercenaries", "militia", "militias", "fighters", "company", "firm",
    "party", "movement", "agency", "network", "forces", "force", "mission", "regulator", "platform",
    "spokesperson", "spokesman", "spokeswoman", "chief", "boss", "founder", "executives", "coalition",
    "alliance", "club", "newspaper", "broadcaster", "website", "insurer", "airline", "operator",
    "giant", "startup", "start-up", "subsidiary", "brand", "bank", "lender", "conglomerate",
    "militants", "rebels", "jihadists", "ngo", "charity", "watchdog", "board", "council",
}));

constexpr auto named_thing_nouns = word_list(std::to_array<std::string_view>({
    "virus", "disease", "fever", "outbreak", "vaccine", "syndrome", "flu", "pandemic", "epidemic",
    "variant", "strain", "infection", "infections", "accord", "accords", "agreement", "agreements",
    "treaty", "declaration", "protocol", "convention", "summit",
}));

constexpr auto affiliation_tails = word_list(std::to_array<std::string_view>({
    "linked", "backed", "led", "allied", "affiliated", "aligned", "funded", "owned", "run",
    "sponsored", "supported", "controlled", "dominated", "brokered", "trained", "armed", "hired",
}));

}  // namespace

bool is_named_thing_noun(std::string_view word) { return contains(named_thing_nouns, word); }
bool is_affiliation_tail(std::string_view word) { return contains(affiliation_tails, word); }
bool is_actor_descriptor(std::string_view word) { return contains(actor_descriptors, word); }
bool is_title(std::string_view word) { return contains(titles, word); }
bool is_organisation_head(std::string_view word) { return contains(organisation_heads, word); }
bool is_place_head(std::string_view word) { return contains(place_heads, word); }
bool is_non_entity_head(std::string_view word) { return contains(non_entity_heads, word); }
bool is_name_particle(std::string_view word) { return contains(particles, word); }
bool is_name_connector(std::string_view word) { return contains(connectors, word); }
bool is_compass_word(std::string_view word) { return contains(compass, word); }
bool is_calendar_word(std::string_view word) { return contains(calendar, word); }
bool is_group_word(std::string_view word) { return contains(groups, word); }
bool is_non_entity_acronym(std::string_view word) { return contains(non_entity_acronyms, word); }
bool is_function_word(std::string_view word) { return contains(functions, word); }
bool is_speech_verb(std::string_view word) { return contains(speech_verbs, word); }
bool is_place_preposition(std::string_view word) { return contains(place_prepositions, word); }
bool is_settlement_noun(std::string_view word) { return contains(settlements, word); }

}  // namespace winnow::filters::detail
