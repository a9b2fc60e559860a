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

TEST_CASE("content words are indexed as stems with positions, boilerplate words are not", "[document]") {
  const auto prepared = prepared_with({{"Peacekeepers withdrew from Mali’s north in 2023.", filters::Label::content},
                                       {"Accept all cookies", filters::Label::boilerplate}});
  const Xapian::Document document = index::build_document(prepared);
  CHECK(has_term(document, "Zpeacekeep"));
  CHECK(has_term(document, "Zmali"));
  CHECK(has_term(document, "Zwithdrew"));
  CHECK(has_term(document, "Z2023"));
  CHECK_FALSE(has_term(document, "peacekeepers"));  // no unstemmed copy (schema version 3)
  CHECK_FALSE(has_term(document, "Zcooki"));
  CHECK_FALSE(has_term(document, "Zaccept"));
  CHECK(has_term(document, "Q/articles/mali.txt"));
}

TEST_CASE("a phrase cannot match across two segments", "[document]") {
  const auto prepared = prepared_with({{"the mission ended", filters::Label::content},
                                       {"peace returned", filters::Label::content}});
  const Xapian::Document document = index::build_document(prepared);
  auto ended = document.termlist_begin();
  ended.skip_to("Zend");
  auto peace = document.termlist_begin();
  peace.skip_to("Zpeac");
  REQUIRE(ended != document.termlist_end());
  REQUIRE(peace != document.termlist_end());
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

// The data's JSON ends at every offset from a 16-byte boundary in turn: the
// parser's 16-byte string loads must stay inside the buffer for all of them
// (under `make test-asan` a load past the end fails this test).
TEST_CASE("stored fields read back whatever the data's length", "[document]") {
  for (std::size_t length = 1; length <= 48; ++length) {
    auto prepared = prepared_with({{std::string(length, 'm'), filters::Label::content}});
    const Xapian::Document document = index::build_document(prepared);
    const auto fields = index::read_stored_fields(document);
    CHECK(fields.title == std::string(length, 'm'));
    CHECK(fields.path == "/articles/mali.txt");
  }
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

namespace {

filters::Entity entity(filters::EntityKind kind, const std::string& name, std::vector<std::string> mentions) {
  filters::Entity out;
  out.kind = kind;
  out.name = name;
  out.key = filters::entity_key(name);
  for (const auto& mention : mentions) {
    const std::string key = filters::entity_key(mention);
    if (key != out.key) out.alias_keys.push_back(key);
  }
  out.mentions = std::move(mentions);
  out.count = static_cast<unsigned>(out.mentions.size());
  return out;
}

Xapian::termcount wdf_of(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term ? it.get_wdf() : 0;
}

}  // namespace

TEST_CASE("entities become boolean facet, spelling and alias terms, slot values and data", "[document][entities]") {
  using filters::EntityKind;
  auto prepared = prepared_with({{"Wagner Group fighters and Guterres in Gao, Mali.", filters::Label::content}});
  prepared.entities.actors = {entity(EntityKind::actor, "Wagner Group", {"Wagner Group", "Wagner"}),
                              entity(EntityKind::actor, "António Guterres", {"António Guterres", "Guterres"})};
  prepared.entities.places = {entity(EntityKind::place, "Mali", {"Mali"}),
                              entity(EntityKind::place, "Gao", {"Gao"})};
  const Xapian::Document document = index::build_document(prepared);

  CHECK(has_term(document, "XAwagner group"));
  CHECK(has_term(document, "XAantonio guterres"));
  CHECK(has_term(document, "XPmali"));
  CHECK(has_term(document, "XPgao"));
  CHECK_FALSE(has_term(document, "XAwagner"));  // an alias is no facet value of its own
  CHECK(wdf_of(document, "XAwagner group") == 0);
  CHECK(has_term(document, "XNAwagner group\x1fWagner Group"));
  CHECK(has_term(document, "XNAantonio guterres\x1f" "António Guterres"));
  CHECK(has_term(document, "XNPmali\x1fMali"));
  CHECK(has_term(document, "XVAwagner\x1fwagner group"));
  CHECK(has_term(document, "XVAguterres\x1f" "antonio guterres"));
  CHECK(has_term(document, "XRAwagner group\x1fwagner"));
  CHECK_FALSE(has_term(document, "XVPmali\x1fmali"));  // a mention spelled like the key is no alias

  // Sorted distinct keys, for exact counts with ValueCountMatchSpy.
  CHECK(document.get_value(index::schema::actors_slot) == "antonio guterres\x1fwagner group");
  CHECK(document.get_value(index::schema::places_slot) == "gao\x1fmali");

  // Names, most mentioned first as the entity stage ordered them, in the data.
  const auto fields = index::read_stored_fields(document);
  CHECK(fields.actors == std::vector<std::string>{"Wagner Group", "António Guterres"});
  CHECK(fields.places == std::vector<std::string>{"Mali", "Gao"});
}

TEST_CASE("a document without entities has no facet terms or values, and empty name lists", "[document][entities]") {
  const Xapian::Document document = index::build_document(prepared_with({{"Nothing named.", filters::Label::content}}));
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    CHECK_FALSE((term.starts_with("XA") || term.starts_with("XP") || term.starts_with("XN") ||
                 term.starts_with("XV") || term.starts_with("XR")));
  }
  CHECK(document.get_value(index::schema::actors_slot).empty());
  CHECK(document.get_value(index::schema::places_slot).empty());
  const auto fields = index::read_stored_fields(document);
  CHECK(fields.actors.empty());
  CHECK(fields.places.empty());
}

TEST_CASE("entity terms stay within Xapian's term limit, however long the names", "[document][entities][schema]") {
  using filters::EntityKind;
  auto prepared = prepared_with({{"text", filters::Label::content}});
  const std::string long_name = "Comité " + std::string(300, 'x');  // key cut at 120 bytes
  const std::string long_alias = "Société " + std::string(300, 'y');
  prepared.entities.actors = {entity(EntityKind::actor, long_name, {long_name, long_alias})};
  const Xapian::Document document = index::build_document(prepared);
  const std::string key = filters::entity_key(long_name);
  REQUIRE(key.size() <= filters::max_entity_key_bytes);
  CHECK(has_term(document, "XA" + key));
  bool has_spelling = false;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    CHECK(term.size() <= index::schema::max_term_bytes);
    has_spelling = has_spelling || term.starts_with("XNA" + key + "\x1f" "Comité xxx");
  }
  CHECK(has_spelling);  // the spelling is cut, not dropped
}
