// Boilerplate classifier: the shape of a text (words, stop words, sentence, separators), wording-blind.
#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <unordered_set>

#include "boilerplate_internal.hpp"

namespace winnow::filters::detail {
namespace {

// English function words (jusText's stop-word
// density: prose is dense in them, menus and names are not).
constexpr std::string_view stop_words[] = {
    "a",      "about",  "after",   "again", "against", "all",   "also",  "an",    "and",
    "any",    "are",    "as",      "at",    "be",      "been",  "before", "being", "between",
    "both",   "but",    "by",      "can",   "could",   "did",   "do",    "does",  "down",
    "during", "each",   "even",    "few",   "for",     "from",  "had",   "has",   "have",
    "he",     "her",    "here",    "him",   "his",     "how",   "i",     "if",    "in",
    "into",   "is",     "it",      "its",   "just",    "last",  "less",  "many",  "may",
    "more",   "most",   "much",    "must",  "no",      "nor",   "not",   "now",   "of",
    "off",    "on",     "once",    "one",   "only",    "or",    "other", "our",   "out",
    "over",   "own",    "same",    "she",   "should",  "since", "so",    "some",  "such",
    "than",   "that",   "the",     "their", "them",    "then",  "there", "these", "they",
    "this",   "those",  "through", "to",    "too",     "under", "until", "up",    "very",
    "was",    "we",     "were",    "what",  "when",    "where", "which", "while", "who",
    "whom",   "why",    "will",    "with",  "would",   "yet",   "you",   "your",  "s",
    "t",
};

bool is_stop_word(std::string_view word) {
  // Built once (thread-safe static init), read-only after.
  static const std::unordered_set<std::string_view> set(std::begin(stop_words), std::end(stop_words));
  return set.contains(word);
}

// Length of the UTF-8 sequence starting with byte c.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  return 2;
}

// Non-ASCII sequences that are punctuation or symbols, not letters: U+0080..
// U+00BF (NBSP, ©, «, », ·) and U+2000..U+206F (dashes, curly quotes, ›, …).
bool is_symbol_sequence(std::string_view seq) {
  const auto b0 = static_cast<unsigned char>(seq[0]);
  if (b0 == 0xC2) return true;
  return b0 == 0xE2 && seq.size() > 1 && static_cast<unsigned char>(seq[1]) == 0x80;
}

std::vector<std::string_view> raw_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

bool ends_sentence(std::string_view text) {
  constexpr std::array<std::string_view, 7> closers = {"\"", "'", ")", "]", "\xE2\x80\x9D",
                                                       "\xE2\x80\x99", "*"};
  for (bool stripped = true; stripped && !text.empty();) {
    stripped = false;
    for (const auto closer : closers)
      if (text.ends_with(closer)) {
        text.remove_suffix(closer.size());
        stripped = true;
      }
  }
  return text.ends_with('.') || text.ends_with('!') || text.ends_with('?') ||
         text.ends_with("\xE2\x80\xA6");
}

int count_separators(std::string_view text) {
  constexpr std::array<std::string_view, 8> separators = {
      "|", "\xC2\xB7", "\xC2\xBB", "\xE2\x80\xBA", " / ", " > ", "\xE2\x80\xA2", " \xE2\x80\x94 "};
  int count = 0;
  for (const auto sep : separators)
    for (auto at = text.find(sep); at != std::string_view::npos; at = text.find(sep, at + 1)) ++count;
  return count;
}

bool has_address(std::string_view text) {
  for (const std::string_view mark : {"@", "http", "www.", ".com", ".org", ".net"})
    if (text.find(mark) != std::string_view::npos) return true;
  return false;
}

bool starts_upper(std::string_view token) {
  return !token.empty() && (std::isupper(static_cast<unsigned char>(token[0])) != 0 ||
                            static_cast<unsigned char>(token[0]) >= 0xC3);
}

bool starts_lower(std::string_view token) {
  return !token.empty() && std::islower(static_cast<unsigned char>(token[0])) != 0;
}

}  // namespace

int count_words(std::string_view text) {
  int n = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::string word_string(std::string_view text) {
  std::string out = " ";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = std::min(utf8_length(c), text.size() - i);
    const std::string_view seq = text.substr(i, n);
    if (seq == "\xC2\xA9") out += " copyright ";  // © is the copyright line's own word
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');  // no locale call: hot loop
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
    else if (n > 1 && !is_symbol_sequence(seq)) out += seq;
    else if (out.back() != ' ') out += ' ';
    i += n;
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

Features measure(std::string_view text) {
  Features f;
  const std::string words = word_string(text);
  for (std::size_t i = 1; i < words.size();) {
    const std::size_t end = words.find(' ', i);
    const std::string_view word = std::string_view(words).substr(i, end - i);
    if (!word.empty()) {
      ++f.words;
      if (is_stop_word(word)) ++f.stop_words;
    }
    i = end + 1;
  }
  for (const auto token : raw_tokens(text))
    if (starts_lower(token)) ++f.lower_initial;
  f.separators = count_separators(text);
  f.sentence_end = ends_sentence(text);
  f.has_address = has_address(text);
  return f;
}

Shape shape_of(const Features& f) {
  if (f.separators >= 2 || (f.words >= 3 && f.lower_initial == 0 && f.stop_words == 0 && !f.sentence_end))
    return Shape::menu;
  const double stops = f.stop_ratio();
  if (stops >= 0.2 && (f.words >= 25 || (f.sentence_end && f.words >= 15))) return Shape::good;
  // Three words and a full stop already read as a sentence ("Markets reacted calmly.").
  if (f.sentence_end && f.words >= 3 && f.lower_initial >= 1) return Shape::near_good;
  return Shape::short_text;
}

std::string_view shape_name(Shape shape) {
  switch (shape) {
    case Shape::good: return "paragraph";
    case Shape::near_good: return "sentence";
    case Shape::short_text: return "short";
    case Shape::menu: return "menu-like";
  }
  return "short";
}

std::size_t name_run_length(std::string_view text) {
  const auto tokens = raw_tokens(text);
  std::size_t end = 0;
  int run = 0;
  for (std::size_t i = 0; i < tokens.size() && run < 6; ++i) {
    const auto token = tokens[i];
    const bool connector = token == "&" || token == "/" || token == "|";
    if (!connector && !starts_upper(token)) break;
    const bool next_lower = i + 1 < tokens.size() && starts_lower(tokens[i + 1]);
    std::string lowered(token);
    for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // "The military ..." / "A year after ...": a sentence starts here.
    if (next_lower && (is_stop_word(lowered) || run >= 2)) break;
    end = static_cast<std::size_t>(token.data() + token.size() - text.data());
    if (!connector) ++run;
  }
  return end;
}

}  // namespace winnow::filters::detail
