// Unit tests for the search library: query normalisation, parsing, searching, snippets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <unicode/unistr.h>
#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/search/passage.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/searcher.hpp"
#include "test_corpus.hpp"

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

using test::corpus_of;

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

// Text made of words and punctuation: sentence ends, brackets and quotes,
// acronyms, "C++", numbers with separators, accents, markup characters,
// words too long to index.
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

namespace {

// An article of `length` words, `uses` of them "ceasefire", spread out; the
// rest distinct filler words.
std::string article_using(std::size_t length, std::size_t uses) {
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    text += (i * uses / length != (i + 1) * uses / length) ? "ceasefire" : "filler" + std::to_string(i);
    text += ' ';
  }
  return text;
}

}  // namespace

TEST_CASE("ranking is BM25's, its length normalisation done at indexing time", "[search][ranking]") {
  // (length, uses of the word): lengths average 700 words, the length the
  // indexer takes as typical, so that Xapian's own BM25 over plain word
  // counts normalises by the same average.
  // Counted by uses alone, the order would differ: the longer articles come
  // first among equal counts, and three uses beat two.
  const std::vector<std::pair<std::size_t, std::size_t>> shapes = {
      {1050, 3}, {350, 2}, {700, 1}, {1050, 1}, {350, 1}, {700, 4}, {700, 2}};
  std::vector<std::string> articles;
  for (const auto& [length, uses] : shapes) articles.push_back(article_using(length, uses));
  const auto db = corpus_of(articles);

  // The same articles as Xapian indexes them by default: wdf = occurrences,
  // searched with BM25 looking up each document's length.
  Xapian::WritableDatabase plain(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  for (const auto& text : articles) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    plain.add_document(doc);
  }
  REQUIRE(plain.get_avlength() == Approx(700));
  Xapian::Enquire enquire(plain);
  enquire.set_query(Xapian::Query("Zceasefir"));
  std::vector<std::string> expected;
  for (const auto id : enquire.get_mset(0, 10)) expected.push_back("/a/" + std::to_string(id) + ".txt");

  std::vector<std::string> ranked;
  for (const auto& hit : search::run_search(db, request("ceasefire")).hits) ranked.push_back(hit.path);
  CHECK(ranked == expected);
  // What that means to a user: of two articles that use the word as often,
  // the shorter first; at the same length, the one that uses it more; and a
  // short article can outrank a long one that uses the word more often.
  const auto rank_of = [&](std::size_t article) {
    return std::find(ranked.begin(), ranked.end(), "/a/" + std::to_string(article + 1) + ".txt") - ranked.begin();
  };
  CHECK(rank_of(4) < rank_of(2));  // once in 350 words before once in 700
  CHECK(rank_of(2) < rank_of(3));  // once in 700 words before once in 1050
  CHECK(rank_of(1) < rank_of(0));  // twice in 350 words before three times in 1050
  CHECK(rank_of(5) < rank_of(6));  // four times in 700 words before twice
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

namespace {

constexpr std::string_view mark_on = search::highlight_start, mark_off = search::highlight_end;

std::string marked(std::string_view word) { return std::string(mark_on) + std::string(word) + std::string(mark_off); }

std::string without_marks(std::string text) {
  for (const auto mark : {mark_on, mark_off}) {
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark)) text.erase(at, mark.size());
  }
  return text;
}

// Filler sentences with none of the test queries' words.
std::string filler(int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i) out += "Rain fell on the old town for many hours that day. ";
  return out;
}

// The passage of `text` for `query`, with the weights of a search of an
// index holding `text` and the `others`.
search::Passage passage_for(const std::string& query, const std::string& text,
                            const std::vector<std::string>& others = {}) {
  std::vector<std::string> articles{text};
  articles.insert(articles.end(), others.begin(), others.end());
  const auto db = corpus_of(articles);
  const Xapian::Query parsed = search::build_query(db, request(query));
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed);
  search::PassagePicker pick(enquire.get_mset(0, 10), parsed, {});
  return pick(text);
}

}  // namespace

TEST_CASE("a passage shows the query's words from the start of their sentence", "[search][passage]") {
  const std::string text = filler(8) + "Police said the government fell.\nThe next day was calm. " + filler(8);
  const auto passage = passage_for("police government", text);
  CHECK(passage.plain.starts_with("Police said the government fell. The next day"));  // one line
  CHECK(passage.plain.ends_with("…"));
  CHECK(passage.marked.starts_with(marked("Police") + " said the " + marked("government") + " fell."));
  CHECK(without_marks(passage.marked) == passage.plain);
}

TEST_CASE("different query words outweigh one word repeated", "[search][passage]") {
  const std::string text = filler(2) + "Police, police and more police came. " + filler(8) +
                           "Then police met the government. " + filler(8);
  // Two words of the same weight: as frequent, and as often in one article.
  const std::vector<std::string> others = {"police police police government government government", "Rain fell."};
  CHECK(passage_for("police government", text, others).plain.starts_with("Then police met the government."));
}

TEST_CASE("of equal passages the first one is shown", "[search][passage]") {
  const std::string text = filler(2) + "Gao was quiet. " + filler(8) + "Gao was loud. " + filler(8);
  const auto passage = passage_for("gao", text);
  CHECK(passage.plain.starts_with("Gao was quiet."));
  CHECK(passage.plain.find("loud") == std::string::npos);
}

TEST_CASE("a passage cut inside a sentence says so", "[search][passage]") {
  // One long sentence: no sentence start to begin at within reach.
  std::string text = "The";
  for (int i = 0; i < 60; ++i) text += " long";
  text += " report named Goïta and then went on";
  for (int i = 0; i < 60; ++i) text += " longer";
  text += ".";
  const auto passage = passage_for("goita", text);
  CHECK(passage.plain.starts_with("…long"));
  CHECK(passage.plain.ends_with("longer…"));
  CHECK(passage.marked.find(marked("Goïta")) != std::string::npos);
  CHECK(passage.plain.size() <= 300 + 2 * std::string_view("…").size());
}

TEST_CASE("accented, possessive and inflected forms are marked; short texts are whole", "[search][passage]") {
  const std::string text = "UN chief António Guterres’s envoys met peacekeepers.\nPeace held.";
  const auto names = passage_for("antonio guterres", text);
  CHECK(names.plain == "UN chief António Guterres’s envoys met peacekeepers. Peace held.");
  CHECK(names.marked.find(marked("António") + " " + marked("Guterres’s")) != std::string::npos);
  const auto wildcard = passage_for("peace*", text);
  CHECK(wildcard.marked.find(marked("peacekeepers")) != std::string::npos);
  CHECK(wildcard.marked.find(marked("Peace")) != std::string::npos);
  const auto stem = passage_for("envoy", text);
  CHECK(stem.marked.find(marked("envoys")) != std::string::npos);
  // The stems whose second letter is not the word's: dying, lying, tying.
  const auto dying = passage_for("die lie tie", "Dying, lying and tying die, lie and tie.");
  CHECK(dying.marked == marked("Dying") + ", " + marked("lying") + " and " + marked("tying") + " " + marked("die") +
                            ", " + marked("lie") + " and " + marked("tie") + ".");
}

TEST_CASE("a word is marked at any place in a text, and never inside another word", "[search][passage]") {
  // Words are looked for sixteen bytes at a time: put the word at every
  // place within such a block, and after each kind of byte that continues
  // a word rather than starting one (a letter, a digit, an apostrophe, a
  // letter that is not ASCII).
  std::string text = "Gao", expected = marked("Gao");
  for (int pad = 0; pad < 17; ++pad) {
    std::string gap(static_cast<std::size_t>(pad) + 2, '-');
    gap.front() = gap.back() = ' ';
    text += gap + "gao";
    expected += gap + marked("gao");
  }
  const std::string inside = " agao 3gao o'gao égao GAO.";
  text += inside;
  expected += " agao 3gao o'gao égao " + marked("GAO") + ".";
  REQUIRE(text.size() < 300);  // shown whole
  const auto passage = passage_for("gao", text);
  CHECK(passage.marked == expected);
  CHECK(passage.plain == text);
}

TEST_CASE("a text without a match shows its start", "[search][passage]") {
  const std::string text = "Kidal market reopens. " + filler(12);
  const auto db = corpus_of({text});
  Xapian::Enquire enquire(db);
  const Xapian::Query query("Zquolloxit");
  enquire.set_query(query);
  search::PassagePicker pick(enquire.get_mset(0, 10), query, {});
  const auto passage = pick(text);
  CHECK(passage.plain.starts_with("Kidal market reopens. Rain fell"));
  CHECK(passage.plain.ends_with("…"));
  CHECK(passage.marked == passage.plain);
}

TEST_CASE("the words of --actor and --place names are marked too", "[search][passage]") {
  const std::string text = filler(8) + "Fighters loyal to Yevgeny Prigozhin left Gao. " + filler(8);
  const auto db = corpus_of({text});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  search::PassagePicker pick(enquire.get_mset(0, 10), Xapian::Query::MatchAll, {"yevgeny", "prigozhin"});
  const auto passage = pick(text);
  CHECK(passage.marked.find(marked("Yevgeny") + " " + marked("Prigozhin")) != std::string::npos);
}

TEST_CASE("passages of any text are one line of whole characters, marks aside", "[search][passage]") {
  std::mt19937 random(20231124);
  std::vector<std::string> articles;
  for (int i = 0; i < 40; ++i) articles.push_back(generated_text(random, 20 + random() % 400));
  const auto db = corpus_of(articles);
  const auto query = GENERATE(as<std::string>{}, "said", "police government", "\"security forces\"",
                              "police NOT army", "goita", "1,000", "peace*", "u.n.");
  INFO(query);
  const Xapian::Query parsed = search::build_query(db, request(query));
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed);
  const Xapian::MSet matches = enquire.get_mset(0, 10);
  search::PassagePicker pick(matches, parsed, {});
  for (const auto& text : articles) {
    INFO(text);
    const auto passage = pick(text);
    CHECK(without_marks(passage.marked) == passage.plain);
    CHECK(passage.plain.find('\n') == std::string::npos);
    std::string round_trip;
    icu::UnicodeString::fromUTF8(passage.plain).toUTF8String(round_trip);
    CHECK(round_trip == passage.plain);
    CHECK(passage.plain.size() <= 300 + 2 * std::string_view("…").size() + 3);
  }
  // Each hit's passage marks at least one word: the one that made it match.
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    const auto passage = pick(index::read_stored_fields(it.get_document()).content);
    CHECK(passage.marked.find(mark_on) != std::string::npos);
  }
}

TEST_CASE("words after NOT are not looked for", "[search][passage]") {
  const auto db = corpus_of({"Mali held talks.", "Wagner left Mali."});
  const Xapian::Query parsed = search::build_query(db, request("mali NOT wagner"));
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed);
  search::PassagePicker pick(enquire.get_mset(0, 10), parsed, {});
  CHECK(pick("Wagner left Mali.").marked == "Wagner left " + marked("Mali") + ".");
}

TEST_CASE("dates as people type them stand for their days", "[query][dates]") {
  using winnow::search::date_span;
  CHECK(date_span("2023").first == "20230101");
  CHECK(date_span("2023").last == "20231231");
  CHECK(date_span("2023-07").last == "20230731");
  CHECK(date_span("2024-02").last == "20240229");  // a leap year
  CHECK(date_span("2023-02").last == "20230228");
  CHECK(date_span("1900-02").last == "19000228");  // no leap year: divisible by 100
  CHECK(date_span("2000-02").last == "20000229");  // divisible by 400
  CHECK(date_span("2023-07-01").first == "20230701");
  CHECK(date_span("20230701").last == "20230701");
  for (const char* bad : {"2023-13-01", "2023-02-29", "2023-00", "2023-7-1", "July", "23", "2023-07-01-", "-2023"}) {
    INFO(bad);
    CHECK_THROWS_AS(date_span(bad), winnow::search::QuerySyntaxError);
  }
}
