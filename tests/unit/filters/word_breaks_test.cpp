// Unit tests for the word segments tokenise() indexes: the breaker that
// needs no ICU finds exactly what ICU's break iterator finds, wherever it
// answers, on every short string of the characters whose rules it follows,
// on long random ones, and on the paragraphs of the labelled articles.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unicode/utf8.h>
#include <string>
#include <vector>

#include "winnow/filters/text.hpp"
#include "word_breaks.hpp"

namespace {

using winnow::filters::detail::icu_word_spans;
using winnow::filters::detail::simple_word_spans;
using winnow::filters::detail::word_spans;
using winnow::filters::detail::WordSpan;

// Letters, digits, the separators that join them, the punctuation that
// does not, and characters the simple breaker leaves to ICU (an underscore,
// a letter and an apostrophe that are not ASCII).
const std::vector<std::string> alphabet = {"a",      "B",      "1",      "2",      ".",      ",",      ";",      ":",
                                           "'",      "@",      " ",      "-",      "\"",     "\n",     "(",      "\t",
                                           "\u00AB", "\u2014", "\u201C", "\u20AC", "_",      "\u00E9", "\u2019"};

// Whether the simple breaker, where it answers, agrees with ICU; counts its answers.
bool agrees(const std::string& text, std::size_t& answered) {
  std::vector<WordSpan> simple;
  if (!simple_word_spans(text, simple)) return true;
  ++answered;
  if (simple == icu_word_spans(text)) return true;
  UNSCOPED_INFO("text: [" << text << "]");
  return false;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("word segments: the simple breaker agrees with ICU on every string of up to four characters") {
  std::size_t answered = 0;
  std::size_t disagreements = 0;
  std::vector<std::size_t> at;
  for (std::size_t length = 1; length <= 4; ++length) {
    at.assign(length, 0);
    while (true) {
      std::string text;
      for (const std::size_t k : at) text += alphabet[k];
      if (!agrees(text, answered)) ++disagreements;
      std::size_t p = length;
      while (p > 0 && ++at[p - 1] == alphabet.size()) at[--p] = 0;
      if (p == 0) break;
    }
  }
  CHECK(disagreements == 0);
  CHECK(answered > 100'000);  // most strings hold nothing it leaves to ICU
}

TEST_CASE("word segments: the simple breaker agrees with ICU on every character, between letters and digits") {
  const std::vector<std::string> contexts = {"X",     "aX",   "Xa",   "aXb",  "1X2",  "X1",  "1X",
                                             "XX",    "aXXb", "a X b", "1XX2", "aX1",  "1Xa", ".X.",
                                             "X.a",   "a.X",  "'X'",  "X'a",  "aX'b", "a\nXb", "@X@"};
  std::size_t answered = 0;
  std::size_t disagreements = 0;
  for (UChar32 c = 1; c < 0x110000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;  // surrogates are no characters
    char bytes[U8_MAX_LENGTH];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(bytes, length, U8_MAX_LENGTH, c, error);
    if (error) continue;
    const std::string character(bytes, static_cast<std::size_t>(length));
    for (const auto& context : contexts) {
      std::string text;
      for (const char k : context) text += k == 'X' ? character : std::string(1, k);
      if (!agrees(text, answered)) ++disagreements;
    }
  }
  CHECK(disagreements == 0);
  CHECK(answered > 128 * contexts.size());  // all of ASCII, and the quotes, dashes and signs
}

TEST_CASE("word segments: the simple breaker agrees with ICU on long random strings") {
  // Of the characters whose rules it follows: a string of the whole
  // alphabet that long nearly always holds one it leaves to ICU.
  const std::vector<std::string> simple_characters(alphabet.begin(), alphabet.end() - 3);
  REQUIRE(simple_characters.back() == "\u20AC");
  std::mt19937 random(20261207);  // fixed: the same strings every run
  std::uniform_int_distribution<std::size_t> length(5, 60), pick(0, simple_characters.size() - 1);
  std::size_t answered = 0;
  std::size_t disagreements = 0;
  for (int n = 0; n < 20'000; ++n) {
    std::string text;
    for (std::size_t i = length(random); i > 0; --i) text += simple_characters[pick(random)];
    if (!agrees(text, answered)) ++disagreements;
  }
  CHECK(disagreements == 0);
  CHECK(answered == 20'000);
}

TEST_CASE("word segments: the simple breaker agrees with ICU on the labelled articles, and breaks most English") {
  std::size_t paragraphs = 0;
  std::size_t answered = 0;
  std::size_t disagreements = 0;
  for (const char* folder : {"seed-gold", "boilerplate-dev", "langs"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(WINNOW_TEST_DATA) / folder)) {
      if (!entry.is_regular_file()) continue;
      std::istringstream lines(read_file(entry.path()));
      for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        const std::string normalised = winnow::filters::normalise(line);
        ++paragraphs;
        if (!agrees(normalised, answered)) ++disagreements;
      }
    }
  }
  CHECK(disagreements == 0);
  REQUIRE(paragraphs > 1'000);
  // English news: curly quotes, dashes and figures, nearly all of it simple.
  CHECK(answered * 2 > paragraphs);
}

TEST_CASE("word segments: what tokenise indexes") {
  const auto spans = word_spans("mali's 1,000 troops, e.g. in gao.\n3.5 a1 1a \u201Cquote\u201D \u2014 end");
  std::vector<std::pair<std::string, bool>> words;
  const std::string text = "mali's 1,000 troops, e.g. in gao.\n3.5 a1 1a \u201Cquote\u201D \u2014 end";
  for (const auto& span : spans) words.emplace_back(text.substr(span.start, span.end - span.start), span.numeric);
  CHECK(words == std::vector<std::pair<std::string, bool>>{{"mali's", false},
                                                          {"1,000", true},
                                                          {"troops", false},
                                                          {"e.g", false},
                                                          {"in", false},
                                                          {"gao", false},
                                                          {"3.5", true},
                                                          {"a1", true},
                                                          {"1a", false},
                                                          {"quote", false},
                                                          {"end", false}});
  // A letter that is not ASCII: ICU's breaks, the same segments.
  const std::string accented = "l'\u00E9lection \u00E0 gao";
  CHECK(word_spans(accented) == icu_word_spans(accented));
  CHECK(word_spans(accented).size() == 3);
}
