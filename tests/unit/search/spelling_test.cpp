// Unit tests for did-you-mean: corrections from the index's own terms.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "winnow/search/searcher.hpp"
#include "winnow/search/spelling.hpp"
#include "test_corpus.hpp"

using namespace winnow;

namespace {

// `common` articles about peacekeepers, `misspelt` that misspell the word
// once, and `others` about something else.
Xapian::WritableDatabase corpus_of(int common, int misspelt, int others) {
  std::vector<std::string> articles;
  for (int i = 0; i < common; ++i) articles.emplace_back("The peacekeeping mission said its peacekeepers left the camp at dawn.");
  for (int i = 0; i < misspelt; ++i) articles.emplace_back("A peacekeepng patrol reached the bridge before the rains.");
  for (int i = 0; i < others; ++i)
    articles.push_back("Farmers brought the harvest to the market in town number " + std::to_string(i) + ".");
  return test::corpus_of(articles);
}

search::SearchRequest request(const std::string& query) {
  search::SearchRequest out;
  out.query = query;
  return out;
}

}  // namespace

TEST_CASE("edit distance counts a swap of neighbours as one edit and stops past its bound", "[spelling]") {
  CHECK(search::edits_within("guteres", "guterres", 2) == 1);
  CHECK(search::edits_within("peacekeepign", "peacekeeping", 2) == 1);
  CHECK(search::edits_within("peacekeepng", "peacekeep", 2) == 2);
  CHECK(search::edits_within("mali", "mali", 1) == 0);
  CHECK(search::edits_within("mali", "harvest", 2) == 3);  // bound + 1
}

TEST_CASE("a misspelt word is corrected to the commonest near word, as the articles write it", "[spelling]") {
  const auto db = corpus_of(12, 1, 5);
  CHECK(search::corrected_spelling(db, {"en"}, "peacekeepng", 1) == "peacekeeping");
  CHECK(search::corrected_spelling(db, {"en"}, "peacekepers", 1) == "peacekeepers");
  CHECK(search::corrected_spelling(db, {"en"}, "harvst", 1) == "harvest");
  // Not in enough documents, or nothing near.
  CHECK(search::corrected_spelling(db, {"en"}, "peacekeepng", 13).empty());
  CHECK(search::corrected_spelling(db, {"en"}, "xylophone", 1).empty());
  // Short words take one edit at most.
  CHECK(search::corrected_spelling(db, {"en"}, "tawn", 1) == "town");
  CHECK(search::corrected_spelling(db, {"en"}, "tewm", 1).empty());
}

TEST_CASE("did you mean: for a word that matches nothing, and for a rare misspelling of a common word", "[spelling]") {
  const auto db = corpus_of(60, 1, 60);
  auto response = search::run_search(db, request("peacekepers"));
  CHECK(response.total == 0);
  CHECK(response.suggestion == "peacekeepers");
  // One document misspells it, sixty spell it right: the results stand, with a suggestion.
  response = search::run_search(db, request("peacekeepng patrol"));
  CHECK(response.total == 1);
  CHECK(response.suggestion == "peacekeeping patrol");
  // Quotes and operators stay as typed.
  response = search::run_search(db, request("\"peacekepers left\" AND NOT harvst"));
  CHECK(response.suggestion == "\"peacekeepers left\" AND NOT harvest");
  // A common word, or a rare one with nothing common near it: nothing to suggest.
  CHECK(search::run_search(db, request("peacekeepers")).suggestion.empty());
  CHECK(search::run_search(db, request("bridge")).suggestion.empty());
}

TEST_CASE("a correction is offered for a search that matched nothing only when it matches", "[spelling]") {
  const auto db = corpus_of(60, 0, 60);
  // Each word is corrected, but no article has both.
  CHECK(search::run_search(db, request("peacekepers harvst")).suggestion.empty());
}
