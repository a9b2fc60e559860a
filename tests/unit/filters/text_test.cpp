// Unit tests for normalise() and tokenise(): folding, apostrophes, hyphens, numbers, positions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "winnow/filters/text.hpp"

using winnow::filters::fold_accents;
using winnow::filters::normalise;
using winnow::filters::tokenise;
using winnow::filters::Token;

namespace {

std::vector<std::string> terms_of(const std::vector<Token>& tokens) {
  std::vector<std::string> terms;
  for (const auto& t : tokens) terms.push_back(t.term);
  return terms;
}

bool has_term(const std::vector<Token>& tokens, const std::string& term, std::uint32_t position) {
  return std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
    return t.term == term && t.position == position;
  });
}

std::string utf8_of(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

// What normalise() did before fold_accents(): ICU's transliterator, which
// the product no longer builds. Only this test's thread uses it.
std::string transliterated(const std::string& utf8) {
  static const std::unique_ptr<icu::Transliterator> reference = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        u"NFD; [[:Nonspacing Mark:]&[:Inherited:]] Remove; NFC; [:Latin:] Latin-ASCII", UTRANS_FORWARD, status));
    REQUIRE(U_SUCCESS(status));
    return made;
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  reference->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

TEST_CASE("normalise folds case, accents and compatibility forms", "[text]") {
  const auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Goïta", "goita"},
      {"Goita", "goita"},
      {"Ménaka", "menaka"},
      {"BURKINABÉ", "burkinabe"},
      {"ＡＢＣ", "abc"},            // fullwidth
      {"ﬁnance", "finance"},        // ligature
      {"Größe", "grosse"},
      {"Søren Łódź Đorđe Æther", "soren lodz dorde aether"},
      {"António Guterres’s", "antonio guterres"},
  }));
  CHECK(normalise(input) == expected);
}

TEST_CASE("normalise handles apostrophes like a reader would", "[text]") {
  const auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Mali’s", "mali"},
      {"Mali's", "mali"},
      {"Maliʼs", "mali"},
      {"D’Tigress", "dtigress"},
      {"don't", "dont"},
      {"the states' troops", "the states troops"},
      {"'atrocities' against", "'atrocities against"},
  }));
  CHECK(normalise(input) == expected);
}

TEST_CASE("normalise keeps query syntax", "[text]") {
  CHECK(normalise("Wagner AND \"Gao Region\" -Ménaka peace* actor:Goïta") ==
        "wagner and \"gao region\" -menaka peace* actor:goita");
  CHECK(normalise("date:2023-07-01..2023-12-31") == "date:2023-07-01..2023-12-31");
}

TEST_CASE("Mali’s and Mali's give the same term", "[text]") {
  CHECK(terms_of(tokenise("Mali’s junta")) == std::vector<std::string>{"mali", "junta"});
  CHECK(terms_of(tokenise("Mali's junta")) == std::vector<std::string>{"mali", "junta"});
}

TEST_CASE("words get consecutive positions from first_position", "[text]") {
  const auto tokens = tokenise("The UN, in Gao.", 10);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].term == "the");
  CHECK(tokens[0].position == 10);
  CHECK(tokens[3].term == "gao");
  CHECK(tokens[3].position == 13);
}

TEST_CASE("numbers keep their separators", "[text]") {
  CHECK(terms_of(tokenise("15,000 troops cost $1.2 billion in 2023")) ==
        std::vector<std::string>{"15,000", "troops", "cost", "1.2", "billion", "in", "2023"});
}

TEST_CASE("hyphenated words give their parts and the whole", "[text]") {
  const auto peace = tokenise("the peace-keeping mission");
  CHECK(has_term(peace, "peace", 1));
  CHECK(has_term(peace, "keeping", 2));
  CHECK(has_term(peace, "peacekeeping", 1));
  CHECK(has_term(peace, "mission", 3));

  const auto qaeda = tokenise("the Al-Qaeda-linked group");
  CHECK(has_term(qaeda, "al", 1));
  CHECK(has_term(qaeda, "qaeda", 2));
  CHECK(has_term(qaeda, "linked", 3));
  CHECK(has_term(qaeda, "alqaedalinked", 1));
  CHECK(has_term(qaeda, "group", 4));

  CHECK(has_term(tokenise("non\u2011state"), "nonstate", 0));  // non-breaking hyphen
}

TEST_CASE("dashes and all-number compounds are not joined", "[text]") {
  CHECK(terms_of(tokenise("Gao – Timbuktu")) == std::vector<std::string>{"gao", "timbuktu"});
  CHECK(terms_of(tokenise("a 15-0 vote")) == std::vector<std::string>{"a", "15", "0", "vote"});
}

TEST_CASE("punctuation is not a term and overlong terms are dropped", "[text]") {
  const std::string long_word(65, 'a');
  const auto tokens = tokenise("« Gao » — " + long_word + " ... end!");
  CHECK(terms_of(tokens) == std::vector<std::string>{"gao", "end"});
  CHECK(tokens[1].position == 2);  // the dropped word still took a position
}

TEST_CASE("queries with or without accents and case find the same terms", "[text]") {
  CHECK(terms_of(tokenise("ANTÓNIO GUTERRES")) == terms_of(tokenise("antonio guterres")));
  CHECK(terms_of(tokenise("Ménaka")) == terms_of(tokenise("MENAKA")));
}

TEST_CASE("tokenise gives the same answer on several threads", "[text]") {
  const auto expected = terms_of(tokenise("Goïta’s peace-keeping Ménaka 15,000"));
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&result] {
      for (int i = 0; i < 200; ++i) result = terms_of(tokenise("Goïta’s peace-keeping Ménaka 15,000"));
    });
  for (auto& t : threads) t.join();
  for (const auto& result : results) CHECK(result == expected);
}

TEST_CASE("dotted abbreviations index as Xapian's query parser reads them", "[text]") {
  using winnow::filters::tokenise;
  const auto ie = tokenise("the mission (i.e. peacekeeping)");
  std::vector<std::string> ie_terms;
  for (const auto& token : ie) ie_terms.push_back(token.term);
  CHECK(ie_terms == std::vector<std::string>{"the", "mission", "i", "e", "ie", "peacekeeping"});
  CHECK(ie[3].position == ie[2].position + 1);
  CHECK(ie[4].position == ie[2].position);
  const auto site = tokenise("see example.com today");
  std::vector<std::string> terms;
  for (const auto& token : site) terms.push_back(token.term);
  CHECK(terms == std::vector<std::string>{"see", "example", "com", "examplecom", "today"});
  CHECK(site[4].position == site[2].position + 1);
}

TEST_CASE("fold_accents gives what ICU's transliterator gives", "[text]") {
  std::vector<UChar32> sample;
  const std::pair<UChar32, UChar32> blocks[] = {
      {0x00A0, 0x00FF},  // Latin-1 Supplement
      {0x0100, 0x017F},  // Latin Extended-A
      {0x0180, 0x024F},  // Latin Extended-B
      {0x0250, 0x02FF},  // IPA extensions, spacing modifier letters
      {0x0300, 0x036F},  // combining diacritics
      {0x0370, 0x03FF},  // Greek: its accents go, its letters stay
      {0x0400, 0x04FF},  // Cyrillic: likewise
      {0x0590, 0x05FF},  // Hebrew
      {0x0600, 0x06FF},  // Arabic, whose harakat are Inherited marks
      {0x0900, 0x097F},  // Devanagari, whose virama and vowel signs stay
      {0x1D00, 0x1DFF},  // phonetic extensions, combining supplement
      {0x1E00, 0x1FFF},  // Latin Extended Additional, Greek Extended
      {0x2000, 0x206F},  // punctuation, which Latin-ASCII must not touch
      {0x2C60, 0x2C7F},  // Latin Extended-C
      {0xA720, 0xA7FF},  // Latin Extended-D
      {0xAB30, 0xAB6F},  // Latin Extended-E
      {0xFB00, 0xFB4F},  // ligatures
      {0xFF00, 0xFFEF},  // fullwidth forms
  };
  for (const auto& [first, last] : blocks)
    for (UChar32 c = first; c <= last; ++c) sample.push_back(c);
  // And every other Latin letter, wherever it is.
  for (UChar32 c = 0x80; c <= 0x10FFFF; ++c) {
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_LATIN) sample.push_back(c);
  }
  std::vector<std::string> differences;
  std::size_t compared = 0;
  for (const UChar32 c : sample) {
    const std::string ch = utf8_of(c);
    // Alone, inside words of either case, doubled, and next to combining or accented letters.
    for (const std::string& text : {ch, "a" + ch + "b", "A" + ch + "B", ch + ch, ch + "\u0301", "\u00E9" + ch}) {
      ++compared;
      const std::string expected = transliterated(text);
      const std::string folded = fold_accents(text);
      if (folded != expected) differences.push_back(text + " -> " + folded + ", not " + expected);
    }
  }
  INFO(compared << " texts compared; " << differences.size() << " differ, the first: "
                << (differences.empty() ? std::string("none") : differences.front()));
  CHECK(compared > 20000);
  CHECK(differences.empty());

  CHECK(fold_accents("Søren Łódź Đorđe Æther Straße") == "Soren Lodz Dorde AEther Strasse");
  CHECK(fold_accents("Ελληνικά Русский") == "Ελληνικα Русскии");
  CHECK(fold_accents("हिन्दी") == "हिन्दी");
}

TEST_CASE("ASCII text normalises as the ICU path would", "[text]") {
  // Text that is all ASCII skips ICU; with a non-ASCII word after it, the
  // same text takes ICU's path. The two must agree.
  const std::string texts[] = {
      "The UN, in Gao.",
      "Mali's junta and the states' troops don't 'quote' `grave` O'Neil's",
      "'s s' x's 's' ''' a''b 's's",
      "peace-keeping 15-0 2022-23 i.e. example.com U.S.A. 1.2 15,000 -x- --",
      "MIXED Case WORDS, punctuation!? (brackets) [and] {braces} <angles> #tags @handles $5 100% a_b",
      "tabs\tand\nnew lines\r\n  double  spaces",
      // Letters, digits and white space only: tokenise's shortcut without ICU.
      "said",
      "Police AND government 2023",
      "abc123 123abc 007 A1B2 x",
      "",
  };
  for (const std::string& text : texts) {
    INFO(text);
    CHECK(normalise(text + " \u00E9") == normalise(text) + " e");
    std::vector<std::string> with_accent = terms_of(tokenise(text + " \u00E9"));
    REQUIRE(!with_accent.empty());
    CHECK(with_accent.back() == "e");
    with_accent.pop_back();
    CHECK(with_accent == terms_of(tokenise(text)));
    // Positions too.
    auto icu_tokens = tokenise(text + " \u00E9", 7);
    icu_tokens.pop_back();
    const auto tokens = tokenise(text, 7);
    REQUIRE(tokens.size() == icu_tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) CHECK(tokens[i].position == icu_tokens[i].position);
  }
}

TEST_CASE("ill-formed UTF-8 reads as U+FFFD", "[text]") {
  CHECK(normalise("Gao\xFF Mali\xC3") == "gao\uFFFD mali\uFFFD");
  CHECK(terms_of(tokenise("Gao\xFF Mali")) == std::vector<std::string>{"gao", "mali"});
}
