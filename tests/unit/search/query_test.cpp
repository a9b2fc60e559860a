// Unit tests for the search library: query normalisation, parsing, searching, snippets.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "winnow/index/document.hpp"
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
