// Dates: find written dates with an ICU regex, validate them with ICU's SimpleDateFormat.
#include "winnow/filters/dates.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include <unicode/gregocal.h>
#include <unicode/regex.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace winnow::filters {
namespace {

constexpr int min_year = 1900;
constexpr int max_year = 2100;
constexpr std::size_t max_dateline_words = 15;
constexpr std::size_t body_paragraph_words = 25;

// Candidates, one alternative per written form; date_from_match reads the
// groups. Full month names come first so "March" is not cut to "Mar".
// [0-9], not \d, which matches any script's digits.
icu::UnicodeString date_regex() {
  const icu::UnicodeString month =
      u"(january|february|march|april|may|june|july|august|september|october|november|december"
      u"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
  return icu::UnicodeString(u"\\b(?:") +
         month + u"\\.?\\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\\s+([0-9]{4})" +         // 1 2 3
         u"|([0-9]{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + month + u"\\.?,?\\s+([0-9]{4})" +  // 4 5 6
         u"|([0-9]{4})-([0-9]{2})-([0-9]{2})" +                                        // 7 8 9
         u"|([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})" +                             // 10 11 12
         u")(?![0-9])";
}

// Compiled once; ICU lets many threads make matchers from one RegexPattern.
const icu::RegexPattern* date_pattern() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError error{};
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(date_regex(), UREGEX_CASE_INSENSITIVE, error, status));
    return U_SUCCESS(status) ? std::move(compiled) : nullptr;
  }();
  return pattern.get();
}

// A strict (non-lenient) US-English parser per pattern and thread: parsing
// mutates a SimpleDateFormat, and strictness rejects "31 February".
class DateParsers {
 public:
  std::optional<Date> parse(const icu::UnicodeString& text, const char16_t* pattern) {
    icu::SimpleDateFormat* format = parser(pattern);
    if (!format) return std::nullopt;
    icu::ParsePosition position(0);
    const UDate when = format->parse(text, position);
    if (position.getErrorIndex() >= 0 || position.getIndex() != text.length()) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(*icu::TimeZone::getGMT(), status);
    calendar.setTime(when, status);
    Date date{calendar.get(UCAL_YEAR, status), calendar.get(UCAL_MONTH, status) + 1,
              calendar.get(UCAL_DATE, status)};
    if (U_FAILURE(status) || date.year < min_year || date.year > max_year) return std::nullopt;
    return date;
  }

 private:
  icu::SimpleDateFormat* parser(const char16_t* pattern) {
    std::unique_ptr<icu::SimpleDateFormat>& slot = m_parsers[pattern];
    if (!slot) {
      UErrorCode status = U_ZERO_ERROR;
      auto made = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern),
                                                          icu::Locale::getUS(), status);
      if (U_FAILURE(status)) return nullptr;
      made->setLenient(false);
      made->setTimeZone(*icu::TimeZone::getGMT());  // a calendar day, not an instant
      slot = std::move(made);
    }
    return slot.get();
  }

  std::map<std::u16string_view, std::unique_ptr<icu::SimpleDateFormat>> m_parsers;
};

DateParsers& date_parsers() {
  thread_local DateParsers parsers;
  return parsers;
}

std::optional<Date> parse_first(const icu::UnicodeString& text,
                                std::initializer_list<const char16_t*> patterns) {
  for (const char16_t* pattern : patterns)
    if (auto date = date_parsers().parse(text, pattern)) return date;
  return std::nullopt;
}

// ICU spells September "Sep"; a trailing dot is not part of any month name.
icu::UnicodeString month_name(const icu::UnicodeString& written) {
  icu::UnicodeString month = written;
  if (month.caseCompare(u"sept", 0) == 0) month = u"Sep";
  return month;
}

icu::UnicodeString numeric_date(int day, int month, const icu::UnicodeString& year) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/", day % 100, month % 100);
  return icu::UnicodeString(buffer, -1, US_INV) + year;
}

// A group of ASCII digits, as a number.
int group_number(icu::RegexMatcher& match, int32_t n) {
  UErrorCode status = U_ZERO_ERROR;
  std::string digits;
  match.group(n, status).toUTF8String(digits);
  return U_SUCCESS(status) && !digits.empty() ? std::stoi(digits) : 0;
}

// The date the current match spells, if it is a real calendar date.
std::optional<Date> date_from_match(icu::RegexMatcher& match) {
  UErrorCode status = U_ZERO_ERROR;
  auto group = [&](int32_t n) { return match.group(n, status); };
  if (match.start(1, status) >= 0) {
    const icu::UnicodeString text = month_name(group(1)) + u" " + group(2) + u", " + group(3);
    return parse_first(text, {u"MMMM d, yyyy", u"MMM d, yyyy"});
  }
  if (match.start(5, status) >= 0) {
    const icu::UnicodeString text = group(4) + u" " + month_name(group(5)) + u" " + group(6);
    return parse_first(text, {u"d MMMM yyyy", u"d MMM yyyy"});
  }
  if (match.start(7, status) >= 0) {
    return parse_first(group(7) + u"-" + group(8) + u"-" + group(9), {u"yyyy-MM-dd"});
  }
  // All-numeric: day first, unless the second number cannot be a month.
  const int first = group_number(match, 10);
  const int second = group_number(match, 11);
  const bool month_first = second > 12;
  const int day = month_first ? second : first;
  const int month = month_first ? first : second;
  return parse_first(numeric_date(day, month, group(12)), {u"dd/MM/yyyy"});
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::sortable() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> find_date(std::string_view text) {
  // Every form the pattern reads holds an ASCII digit ([0-9], see
  // date_regex()): text without one, most of an article, needs no regex.
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  const icu::RegexPattern* pattern = date_pattern();
  if (!pattern) return std::nullopt;
  const icu::UnicodeString input =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::RegexMatcher> match(pattern->matcher(input, status));
  if (U_FAILURE(status)) return std::nullopt;
  while (match->find(status) && U_SUCCESS(status)) {
    // An impossible date ("31/02/2024") is skipped, not the end of the search.
    if (auto date = date_from_match(*match)) return date;
  }
  return std::nullopt;
}

std::optional<Date> article_date(const std::vector<Segment>& segments) {
  // Length is judged per source line: a short sentence inside a long
  // paragraph ("The mission was withdrawn on July 1, 2024.") is body, not a
  // dateline.
  std::map<int, std::size_t> line_words;
  for (const Segment& s : segments) line_words[s.line] += count_words(s.text);
  // The head ends where the second long paragraph starts: the first long one
  // may be a cookie banner or a standfirst above the byline.
  std::size_t long_lines = 0;
  int previous_line = 0;
  for (const Segment& s : segments) {
    const std::size_t words = line_words[s.line];
    if (s.line != previous_line && words >= body_paragraph_words && ++long_lines == 2) break;
    previous_line = s.line;
    if (words > max_dateline_words) continue;
    if (auto date = find_date(s.text)) return date;
  }
  return std::nullopt;
}

}  // namespace winnow::filters
