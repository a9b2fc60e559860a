// Unit tests for the search library: query normalisation, parsing, searching, snippets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/search/passage.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/searcher.hpp"

using namespace winnow;

TEST_CASE("the query's words are normalised like documents, its syntax is kept", "[query]") {
  using row = std::tuple<std::string, std::string>;
  const auto [typed, normalised] = GENERATE(table<std::string, std::string>({
      row{"Goïta AND NOT Wagner", "goita AND NOT wagner"},
      row{"\"António Guterres\"", "\"antonio guterres\""},
      row{"Mali’s junta", "mali junta"},
      row{"MINUSMA OR (Ménaka NEAR/3 Gao)", "minusma OR (menaka NEAR/3 gao)"},
      row{"+Wagner -Prigozhin", "+wagner -prigozhin"},
      row{"Peace* date:2023-07-01..2023-12-31", "(peace* OR peace) date:2023-07-01..2023-12-31"},
      row{"-(Mali OR Peace*)", "-(mali OR (peace* OR peace))"},
  }));
  CHECK(search::normalise_query(typed) == normalised);
}

namespace {

search::SearchRequest request(const std::string& query) {
  search::SearchRequest out;
  out.query = query;
  return out;
}

Xapian::WritableDatabase corpus_of(const std::vector<std::string>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int n = 0;
  for (const auto& text : articles) {
    index::PreparedDocument prepared;
    prepared.file.path = "/a/" + std::to_string(++n) + ".txt";
    filters::Segment segment;
    segment.line = 1;
    segment.text = text;
    prepared.segments = {segment};
    prepared.title = text;
    prepared.content = text;
    db.add_document(index::build_document(prepared));
  }
  return db;
}

}  // namespace

TEST_CASE("accents, case, possessives and stems do not stop a match", "[search]") {
  const auto db = corpus_of({"UN Secretary-General António Guterres’s statement on the withdrawal.",
                             "Wagner Group fighters in Gao."});
  for (const std::string query : {"Antonio Guterres", "antonio", "ANTÓNIO", "guterres", "withdraw"}) {
    INFO(query);
    const auto response = search::run_search(db, request(query));
    REQUIRE(response.total == 1);
    CHECK(response.hits[0].path == "/a/1.txt");
  }
}

TEST_CASE("the snippet highlights the words that matched, accented or not", "[search]") {
  const auto db = corpus_of({"UN Secretary-General António Guterres called for calm."});
  const auto response = search::run_search(db, request("antonio"));
  REQUIRE(response.hits.size() == 1);
  const std::string marked = std::string(search::highlight_start) + "António" + std::string(search::highlight_end);
  CHECK(response.hits[0].snippet_marked.find(marked) != std::string::npos);
  CHECK(response.hits[0].snippet.find(search::highlight_start) == std::string::npos);
}

TEST_CASE("phrases, boolean operators and bad syntax", "[search]") {
  const auto db = corpus_of({"the peacekeeping mission ended", "the mission of peacekeeping"});
  CHECK(search::run_search(db, request("\"peacekeeping mission\"")).total == 1);
  CHECK(search::run_search(db, request("peacekeeping mission")).total == 2);
  CHECK(search::run_search(db, request("peacekeeping NOT ended")).total == 1);
  CHECK(search::run_search(db, request("peace*")).total == 2);
  CHECK_THROWS_AS(search::run_search(db, request("AND")), search::QuerySyntaxError);
}

// Content words are indexed as stems only (schema version 3): stemming,
// phrases over inflected words and wildcards must all still work.
TEST_CASE("stems serve plain words, phrases and wildcards", "[search]") {
  const auto db = corpus_of({"Peacekeepers were killed near Gao.", "A lasting peace was signed in 2023.",
                             "The peaceful protest went on."});
  CHECK(search::run_search(db, request("peacekeeper")).total == 1);
  CHECK(search::run_search(db, request("\"peacekeeper killed\"")).total == 0);  // not adjacent
  CHECK(search::run_search(db, request("\"peacekeepers were killed\"")).total == 1);
  CHECK(search::run_search(db, request("\"peacekeeper were killing\"")).total == 1);  // phrase on stems
  CHECK(search::run_search(db, request("peace*")).total == 3);  // peace, peaceful (stem peac) and peacekeep
  CHECK(search::run_search(db, request("peacek*")).total == 1);
  CHECK(search::run_search(db, request("2023")).total == 1);
  CHECK(search::run_search(db, request("signed NOT peace*")).total == 0);
}

namespace {

// Text made of words and the punctuation Xapian's snippet generator treats
// specially: sentence ends, brackets and quotes kept at a passage's edges
// (and runs of them, which it cuts), acronyms, "C++", numbers with
// separators, accents, characters it escapes, words too long to count.
std::string generated_text(std::mt19937& random, std::size_t words) {
  static const std::vector<std::string> pieces = {
      "police", "Police", "government", "said", "says", "security", "forces", "the", "of", "in", "a", "army",
      "U.N.", "C++", "fish+chips", "AT&T", "don't", "Guterres’s", "1,000", "3.5", "Goïta", "Ménaka", "naïve",
      "(", ")", "((", "))))", "\"", "“", "”", "‘", "’", "[", "]", "—", "-", "/", ".", ",", "!", "?", "...", "!?",
      "<", ">", "&", "$", "€", "%", "#", "@", "¿", "\n", "mission", "peacekeepers", "withdrawal", "Wagner", "Gao",
      "Mali", "junta", "elections", "reported", "officials", "killed", "attack",
      "internationalisationofeverythingthatcouldpossiblybeinternationalised"};
  // Half of the pieces each time, so that texts differ and NOT has something to exclude.
  std::vector<const std::string*> own;
  for (const auto& piece : pieces) {
    if (random() % 2 == 0) own.push_back(&piece);
  }
  std::string text;
  for (std::size_t i = 0; i < words; ++i) {
    text += *own[random() % own.size()];
    if (random() % 4 != 0) text += ' ';
  }
  return text;
}

}  // namespace

TEST_CASE("each hit's passage is the one Xapian's snippet generator picks", "[search][passage]") {
  std::mt19937 random(20231124);
  std::vector<std::string> articles;
  for (int i = 0; i < 30; ++i) articles.push_back(generated_text(random, 60 + random() % 300));
  const auto db = corpus_of(articles);
  const Xapian::Stem stemmer("english");
  const auto query = GENERATE(as<std::string>{}, "said", "police government", "\"security forces\"",
                              "police NOT army", "police ADJ government", "police OR army", "goita",
                              "officials reported", "1,000", "peace*");
  INFO(query);
  const Xapian::Query parsed = search::build_query(db, request(query));
  // One MSet for Xapian's passages, one for the picker: each keeps its own
  // state from one text to the next, so both are given the same texts in turn.
  Xapian::Enquire for_xapian(db), for_picker(db);
  for_xapian.set_query(parsed);
  for_picker.set_query(parsed);
  const Xapian::MSet expected = for_xapian.get_mset(0, 10), matches = for_picker.get_mset(0, 10);
  REQUIRE(!matches.empty());
  search::PassagePicker picker(db, matches, parsed, stemmer, 300, "…");
  // Xapian's per-expansion weights of a wildcard are not public: the picker hands those to Xapian.
  CHECK(picker.uses_xapian() == (query == "peace*"));
  std::vector<std::string> texts;
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    texts.push_back(index::read_stored_fields(it.get_document()).content);
  }
  while (texts.size() < 300) texts.push_back(generated_text(random, 1 + random() % 300));
  // In batches, as several calls should follow each other like one.
  for (std::size_t from = 0; from < texts.size(); from += 50) {
    const std::vector<std::string> batch(texts.begin() + static_cast<std::ptrdiff_t>(from),
                                         texts.begin() + static_cast<std::ptrdiff_t>(std::min(from + 50, texts.size())));
    const std::vector<std::string> passages = picker(batch);
    REQUIRE(passages.size() == batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      INFO(batch[i]);
      CHECK(passages[i] == expected.snippet(batch[i], 300, stemmer,
                                            Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                            "", "", "…"));
    }
  }
}

TEST_CASE("a search for paths only gives the same hits without reading their text", "[search]") {
  std::mt19937 random(7);
  std::vector<std::string> articles;
  for (int i = 0; i < 12; ++i) articles.push_back(generated_text(random, 200));
  const auto db = corpus_of(articles);
  search::SearchRequest full = request("police"), paths = full;
  paths.paths_only = true;
  const auto with_text = search::run_search(db, full), without = search::run_search(db, paths);
  REQUIRE(with_text.hits.size() > 1);
  REQUIRE(without.hits.size() == with_text.hits.size());
  CHECK(without.total == with_text.total);
  for (std::size_t i = 0; i < without.hits.size(); ++i) {
    CHECK(without.hits[i].rank == with_text.hits[i].rank);
    CHECK(without.hits[i].path == with_text.hits[i].path);
    CHECK(without.hits[i].score == with_text.hits[i].score);
    CHECK(without.hits[i].snippet.empty());
    CHECK(without.hits[i].title.empty());
  }
}
