// Boilerplate classifier: the shape of a text (words, stop words, sentence, separators), wording-blind.
// The stop words are the page languages' (BoilerplateLexicon).
#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "boilerplate_internal.hpp"
#include "winnow/filters/chars.hpp"

namespace winnow::filters::detail {
namespace {

// The next run of characters other than ' ' at or after *at, advancing *at
// past it; empty at the end of text.
std::string_view next_raw_token(std::string_view text, std::size_t& at) {
  while (at < text.size() && text[at] == ' ') ++at;
  const std::size_t start = at;
  while (at < text.size() && text[at] != ' ') ++at;
  return text.substr(start, at - start);
}

// Runs of tabs between two cells: how tables come out of many scrapers.
int count_tab_runs(std::string_view text) {
  int count = 0;
  for (auto at = text.find('\t'); at != std::string_view::npos; at = text.find('\t', at)) {
    ++count;
    at = text.find_first_not_of('\t', at);
    if (at == std::string_view::npos) break;
  }
  return count;
}

// Occurrences of | · » › • and of " / ", " > " and a spaced em dash. The
// three that start with a space are looked for only at spaces, in one walk
// over them rather than one per separator.
int count_separators(std::string_view text) {
  constexpr std::array<std::string_view, 5> separators = {"|", "\xC2\xB7", "\xC2\xBB", "\xE2\x80\xBA",
                                                          "\xE2\x80\xA2"};
  constexpr std::array<std::string_view, 3> spaced = {" / ", " > ", " \xE2\x80\x94 "};
  int count = 0;
  for (const auto sep : separators)
    for (auto at = text.find(sep); at != std::string_view::npos; at = text.find(sep, at + 1)) ++count;
  for (auto at = text.find(' '); at != std::string_view::npos; at = text.find(' ', at + 1))
    for (const auto sep : spaced) count += text.substr(at).starts_with(sep);
  return count;
}

std::size_t leading_digits(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  return digits;
}

// Whether a text starts with a quantity: a number of up to four digits, then
// a space and a word.
bool starts_quantity(std::string_view text) {
  const std::size_t digits = leading_digits(text);
  if (digits == 0 || digits > 4) return false;
  // "500 g", "1,5 l", "2 kg": a number, then a space and a word.
  std::size_t at = digits;
  if (at + 1 < text.size() && (text[at] == ',' || text[at] == '.') && text[at + 1] >= '0' && text[at + 1] <= '9') at += 2;
  return at + 1 < text.size() && text[at] == ' ' && text[at + 1] != ' ';
}

// Whether a text starts like an item of a list: a dash, bullet or star and
// a space, or a number of one or two digits and ". " or ") ".
bool starts_list_item(std::string_view text) {
  for (const std::string_view marker : {"- ", "* ", "\xE2\x80\x93 ", "\xE2\x80\xA2 ", "\xC2\xB7 "})
    if (text.starts_with(marker)) return true;
  const std::size_t digits = leading_digits(text);
  return digits >= 1 && digits <= 2 && text.size() > digits + 1 && (text[digits] == '.' || text[digits] == ')') &&
         text[digits + 1] == ' ';
}

// A time of day ("6:30", "11:54") or a numeric date ("1/7/2008"): a ':' or
// '/' between two digits. Not '.' (a decimal) or '-' (a score, "0-2").
bool has_time_stamp(std::string_view text) {
  for (std::size_t at = 1; at + 1 < text.size(); ++at) {
    if ((text[at] == ':' || text[at] == '/') && text[at - 1] >= '0' && text[at - 1] <= '9' && text[at + 1] >= '0' &&
        text[at + 1] <= '9')
      return true;
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether every ':' or '/' between two digits is a race's time, its
// seconds followed by their fractions or by more seconds ("4:08.22",
// "2:10:05"), or a fraction of one digit over 2, 4 or 8 after a space
// ("6 1/2 games behind"): the times and fractions of a results table,
// never a clock's "6:30" or a date's "1/7/2008".
bool only_results_times(std::string_view text) {
  for (std::size_t at = 1; at + 1 < text.size(); ++at) {
    if ((text[at] != ':' && text[at] != '/') || !is_digit(text[at - 1]) || !is_digit(text[at + 1])) continue;
    if (text[at] == ':') {
      const bool race = at + 4 < text.size() && is_digit(text[at + 2]) && (text[at + 3] == '.' || text[at + 3] == ':') &&
                        is_digit(text[at + 4]);
      // The second mark of "2:10:05" is the end of a race's time too.
      const bool seconds = at >= 4 && text[at - 3] == ':' && is_digit(text[at - 2]);
      if (!race && !seconds) return false;
      continue;
    }
    const bool alone_before = at < 2 || text[at - 2] == ' ';
    const bool alone_after = at + 2 >= text.size() || text[at + 2] == ' ';
    const char over = text[at + 1];
    if (!alone_before || !alone_after || (over != '2' && over != '4' && over != '8')) return false;
  }
  return true;
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

// "LEICESTERSHIRE", "U.N.", "PANAMA'S": two capitals or more and no small
// letter (ASCII's: the check is for the wire's headlines and datelines).
bool in_capitals(std::string_view token) {
  int capitals = 0;
  for (const char c : token) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2;
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
  std::string out;
  out.reserve(text.size() + 2);
  StringWords sink{out};
  write_words(text, sink);
  return out;
}

Features measure(std::string_view text, std::string_view words, const BoilerplateLexicon& lexicon) {
  Features f;
  for (std::size_t i = 1; i < words.size();) {
    const std::size_t end = words.find(' ', i);
    const std::string_view word = words.substr(i, end - i);
    if (!word.empty()) {
      ++f.words;
      if (lexicon.is_stop_word(word)) ++f.stop_words;
    }
    i = end + 1;
  }
  // Tokens are the runs between ASCII spaces; counted without collecting them.
  for (std::size_t at = 0; at < text.size();) {
    const std::string_view token = next_raw_token(text, at);
    if (token.empty()) break;
    ++f.tokens;
    if (starts_lower(token)) ++f.lower_initial;
    else if (starts_upper(token)) ++f.upper_initial;
    if (in_capitals(token)) ++f.capital_tokens;
  }
  f.bytes = static_cast<int>(text.size());
  f.digits = static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
  f.tab_runs = count_tab_runs(text);
  f.separators = count_separators(text) + f.tab_runs;
  f.sentence_end = chars::ends_sentence(text);
  f.has_address = has_address(text);
  f.time_stamp = f.digits >= 3 && has_time_stamp(text);
  f.results_times = f.time_stamp && only_results_times(text);
  f.list_item = starts_list_item(text);
  f.quantity_line = starts_quantity(text);
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

std::size_t name_run_length(std::string_view text, const BoilerplateLexicon& lexicon) {
  // Tokens are read as needed (with one of look-ahead): the run stops within
  // six words, and a paragraph need not be cut into all of its tokens.
  std::size_t at = 0;
  std::string_view token = next_raw_token(text, at);
  std::size_t end = 0;
  int run = 0;
  while (!token.empty() && run < 6) {
    const std::string_view next = next_raw_token(text, at);
    const bool connector = token == "&" || token == "/" || token == "|";
    if (!connector && !starts_upper(token)) break;
    const bool next_lower = starts_lower(next);
    // "The military ..." / "A year after ...": a sentence starts here.
    if (next_lower) {
      std::string lowered(token);
      for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lexicon.is_stop_word(lowered) || run >= 2) break;
    }
    end = static_cast<std::size_t>(token.data() + token.size() - text.data());
    if (!connector) ++run;
    token = next;
  }
  return end;
}

}  // namespace winnow::filters::detail
