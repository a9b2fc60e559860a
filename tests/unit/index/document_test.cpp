// Unit tests for the index library: document terms, values, stored fields, unique ids.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/index/schema.hpp"

using namespace winnow;

namespace {

index::PreparedDocument prepared_with(std::vector<std::pair<std::string, filters::Label>> lines) {
  index::PreparedDocument prepared;
  prepared.file = {"/articles/mali.txt", 1'700'000'000'000'000'000, 1234};
  prepared.content_hash = 0xabcdef;
  int line = 1;
  for (auto& [text, label] : lines) {
    filters::Segment segment;
    segment.line = line++;
    segment.text = text;
    segment.label = label;
    prepared.segments.push_back(segment);
  }
  prepared.title = prepared.segments.front().text;
  prepared.content = "body";
  return prepared;
}

bool has_term(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

}  // namespace

TEST_CASE("content words are indexed with positions and stems, boilerplate words are not", "[document]") {
  const auto prepared = prepared_with({{"Peacekeepers withdrew from Mali’s north.", filters::Label::content},
                                       {"Accept all cookies", filters::Label::boilerplate}});
  const Xapian::Document document = index::build_document(prepared);
  CHECK(has_term(document, "peacekeepers"));
  CHECK(has_term(document, "mali"));
  CHECK(has_term(document, "Zwithdrew"));
  CHECK(has_term(document, "Zpeacekeep"));
  CHECK_FALSE(has_term(document, "cookies"));
  CHECK_FALSE(has_term(document, "accept"));
  CHECK(has_term(document, "Q/articles/mali.txt"));
}

TEST_CASE("a phrase cannot match across two segments", "[document]") {
  const auto prepared = prepared_with({{"the mission ended", filters::Label::content},
                                       {"peace returned", filters::Label::content}});
  const Xapian::Document document = index::build_document(prepared);
  auto ended = document.termlist_begin();
  ended.skip_to("ended");
  auto peace = document.termlist_begin();
  peace.skip_to("peace");
  REQUIRE(ended.positionlist_count() == 1);
  CHECK(*peace.positionlist_begin() > *ended.positionlist_begin() + 1);
}

TEST_CASE("values hold date, mtime, size, hash and path; data round-trips", "[document]") {
  auto prepared = prepared_with({{"Minusma leaves Mali", filters::Label::content}});
  prepared.date = filters::Date{2023, 7, 1};
  const Xapian::Document document = index::build_document(prepared);
  CHECK(document.get_value(index::schema::date_slot) == "20230701");
  CHECK(document.get_value(index::schema::mtime_slot) == "1700000000000000000");
  CHECK(document.get_value(index::schema::size_slot) == "1234");
  CHECK(document.get_value(index::schema::content_hash_slot) == "0000000000abcdef");
  CHECK(document.get_value(index::schema::path_slot) == "/articles/mali.txt");
  const auto fields = index::read_stored_fields(document);
  CHECK(fields.title == "Minusma leaves Mali");
  CHECK(fields.date == "2023-07-01");
  CHECK(fields.path == "/articles/mali.txt");
  CHECK(fields.content == "body");
}

TEST_CASE("an mtime too recent to trust is stored as 0", "[document]") {
  const auto prepared = prepared_with({{"text", filters::Label::content}});
  CHECK(index::build_document(prepared, false).get_value(index::schema::mtime_slot) == "0");
}

TEST_CASE("long paths get unique ids within Xapian's term limit", "[schema]") {
  const std::string base = "/" + std::string(300, 'a');
  const std::string a = index::schema::unique_id_term(base + "/one.txt");
  const std::string b = index::schema::unique_id_term(base + "/two.txt");
  CHECK(a.size() <= index::schema::max_term_bytes);
  CHECK(a != b);
  CHECK(index::schema::unique_id_term("/short.txt") == "Q/short.txt");
}
