// Unit tests for the query limits and the repeated-word rewrite (issue #16).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "winnow/index/schema.hpp"
#include "winnow/search/query.hpp"

using namespace winnow;

namespace {

std::string repeated(const std::string& word, std::size_t times, const std::string& separator = " ") {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) {
    if (i > 0) out.append(separator);
    out.append(word);
  }
  return out;
}

// An index whose documents hold the given content terms (stems with their
// prefix), each once at its own position.
Xapian::WritableDatabase index_of(const std::vector<std::vector<std::string>>& documents) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& stems : documents) {
    Xapian::Document doc;
    Xapian::termpos position = 0;
    for (const auto& stem : stems) {
      doc.add_posting(index::schema::prefixed(index::schema::stem_prefix, stem), ++position);
    }
    db.add_document(doc);
  }
  return db;
}

std::vector<double> weights(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(index::schema::ranking_weight());
  std::vector<double> out;
  for (auto it = enquire.get_mset(0, 10).begin(); it != Xapian::MSetIterator(); ++it) out.push_back(it.get_weight());
  return out;
}

}  // namespace

TEST_CASE("a query is refused over 16 KiB or 1,000 words, before any index is read", "[query][limits]") {
  CHECK(search::query_size_problem(repeated("said", 1000)).empty());
  CHECK(search::query_size_problem(repeated("said", 1001)) == "query too long: 1001 words; at most 1000 are allowed");
  // Words are runs of letters and digits: punctuation does not join them, and
  // an accented word is one word.
  CHECK(search::query_size_problem(repeated("said", 1001, ",")) ==
        "query too long: 1001 words; at most 1000 are allowed");
  CHECK(search::query_size_problem(repeated("Ménaka", 1000, "-")).empty());
  // Operators count: "a NEAR b" is three words.
  CHECK(!search::query_size_problem(repeated("said", 501, " NEAR ")).empty());
  const std::string padded = "mali" + std::string(16 * 1024 - 4, ' ');
  CHECK(search::query_size_problem(padded).empty());
  CHECK(search::query_size_problem(padded + " ") == "query too long: 16385 bytes; at most 16384 are allowed");
}

TEST_CASE("a word repeated in a query is matched once, weighing as its copies did", "[query][limits]") {
  const auto db = index_of({{"polic", "govern"}, {"polic", "rain"}, {"polic", "polic", "govern", "town"}, {"rain"}});
  const Xapian::Query parsed = search::parse_query("police police police government", db);
  CHECK(parsed.get_description().find("3 * Zpolic") != std::string::npos);
  // The query as Xapian's parser gave it, each copy a term of its own.
  const std::vector<Xapian::Query> copies = {Xapian::Query("Zpolic", 1, 1), Xapian::Query("Zpolic", 1, 2),
                                             Xapian::Query("Zpolic", 1, 3), Xapian::Query("Zgovern", 1, 4)};
  const Xapian::Query unmerged(Xapian::Query::OP_AND, copies.begin(), copies.end());
  const auto expected = weights(db, unmerged), actual = weights(db, parsed);
  REQUIRE(actual.size() == expected.size());
  REQUIRE(actual.size() == 2);
  for (std::size_t i = 0; i < actual.size(); ++i) CHECK(actual[i] == Approx(expected[i]));
  // Inside a phrase the copies are the phrase's words and stay.
  CHECK(search::parse_query("\"police police\"", db).get_description().find("PHRASE 2") != std::string::npos);
}

TEST_CASE("NEAR may join 64 words in a query, over all its groups", "[query][limits]") {
  const auto db = index_of({{"said"}});
  CHECK_NOTHROW(search::parse_query(repeated("said", 64, " NEAR "), db));
  std::string two_groups = "(";
  two_groups.append(repeated("said", 40, " NEAR ")).append(") (").append(repeated("said", 25, " NEAR ")).append(")");
  CHECK_THROWS_WITH(search::parse_query(two_groups, db),
                    "query too large: 65 words joined by NEAR; at most 64 are allowed");
}

TEST_CASE("a wildcard may match 1,000 words, and a query hold 10 wildcards", "[query][limits]") {
  // Words qz0000 to qz1000: qz* matches 1,001 of them, qz0* 1,000.
  std::vector<std::string> stems;
  for (int i = 0; i <= 1000; ++i) stems.push_back(std::string("qz").append(std::to_string(10000 + i), 1));
  const auto db = index_of({stems});
  CHECK_THROWS_AS(search::parse_query("qz*", db), search::QueryTooLarge);
  CHECK_THROWS_WITH(search::parse_query("Qz*", db),
                    "wildcard qz* matches more than 1000 different words; type more of it");
  CHECK_NOTHROW(search::parse_query("qz0*", db));
  CHECK_NOTHROW(search::parse_query(repeated("qz1*", 10, " OR "), db));
  CHECK_THROWS_WITH(search::parse_query(repeated("qz1*", 11, " OR "), db),
                    "query too large: 11 wildcards; at most 10 are allowed");
}
