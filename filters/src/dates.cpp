// Dates: find written dates with an ICU regex of the languages' month names, validate them with ICU's SimpleDateFormat.
#include "winnow/filters/dates.hpp"

#include "calendar_names.hpp"
#include "winnow/filters/language_data.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

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

// The month names of a set of languages, as ICU's locale data spells them
// (wide and abbreviated, format and stand-alone: "März", "Sept.", Polish
// "marca" and "marzec"), with the abbreviations of month-extras.txt, each a
// prefix of its month's full name ("sept"). Case-folded, the dot dropped.
struct MonthNames {
  std::map<icu::UnicodeString, int> number;  ///< folded name -> 1..12
  std::vector<icu::UnicodeString> names;     ///< longest first, for the regex

  explicit MonthNames(const std::vector<std::string>& languages) {
    std::vector<std::pair<icu::UnicodeString, int>> full;
    for (const std::string& language : languages) {
      for (const detail::MonthName& month : detail::numbered_month_names(language)) {
        const icu::UnicodeString name = icu::UnicodeString::fromUTF8(month.name);
        add(name, month.month);
        if (month.wide) full.emplace_back(folded(name), month.month);
      }
      for (const std::string& extra : language_data(language).list("month-extras")) {
        const icu::UnicodeString written = folded(icu::UnicodeString::fromUTF8(extra));
        for (const auto& [name, month] : full)
          if (name.startsWith(written)) {
            add(written, month);
            break;
          }
      }
    }
    for (const auto& [name, month] : number) names.push_back(name);
    std::sort(names.begin(), names.end(),
              [](const icu::UnicodeString& a, const icu::UnicodeString& b) { return a.length() > b.length(); });
  }

  static icu::UnicodeString folded(icu::UnicodeString name) {
    name.foldCase();
    while (name.endsWith(u".")) name.truncate(name.length() - 1);
    return name;
  }

  void add(const icu::UnicodeString& name, int month) {
    const icu::UnicodeString key = folded(name);
    if (key.length() > 0) number.emplace(key, month);
  }
};

// Candidates, one alternative per written form; date_from_match reads the
// groups. Longer month names come first so "March" is not cut to "Mar".
// The ordinals and the words between day, month and year
// (date-ordinals.txt: "st", "er"; date-words.txt: "of", "de") are the
// languages' data. [0-9], not \d, which matches any script's digits.
icu::UnicodeString date_regex(const MonthNames& months, const std::vector<std::string>& languages) {
  const auto alternatives = [](const std::vector<icu::UnicodeString>& words) {
    icu::UnicodeString out;
    for (const auto& word : words) {
      if (!out.isEmpty()) out += u"|";
      out += u"\\Q" + word + u"\\E";
    }
    return out.isEmpty() ? icu::UnicodeString(u"(?!)") : out;
  };
  std::vector<icu::UnicodeString> ordinals, links;
  for (const std::string& language : languages) {
    for (const std::string& word : language_data(language).list("date-ordinals"))
      ordinals.push_back(icu::UnicodeString::fromUTF8(word));
    for (const std::string& word : language_data(language).list("date-words"))
      links.push_back(icu::UnicodeString::fromUTF8(word));
  }
  const icu::UnicodeString month = u"(" + alternatives(months.names) + u")";
  const icu::UnicodeString ordinal = u"(?:" + alternatives(ordinals) + u")?";
  const icu::UnicodeString link = u"(?:(?:" + alternatives(links) + u")\\s+)?";
  return icu::UnicodeString(u"\\b(?:") +
         month + u"\\.?\\s+([0-9]{1,2})" + ordinal + u",?\\s+([0-9]{4})" +                               // 1 2 3
         u"|([0-9]{1,2})" + ordinal + u"\\.?\\s+" + link + month + u"\\.?,?\\s+" + link + u"([0-9]{4})" +  // 4 5 6
         u"|([0-9]{4})-([0-9]{2})-([0-9]{2})" +                                                         // 7 8 9
         u"|([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})" +                                              // 10 11 12
         u")(?![0-9])";
}

/// The month names and the compiled pattern of one set of languages.
struct DateReader {
  MonthNames months;
  std::unique_ptr<icu::RegexPattern> pattern;  ///< null if it did not compile

  explicit DateReader(const std::vector<std::string>& languages) : months(languages) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError error{};
    pattern.reset(icu::RegexPattern::compile(date_regex(months, languages), UREGEX_CASE_INSENSITIVE, error, status));
    if (U_FAILURE(status)) pattern.reset();
  }
};

// Built once per set of languages; ICU lets many threads make matchers from
// one RegexPattern.
const DateReader& date_reader(std::span<const std::string> languages) { return for_languages<DateReader>(languages); }

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
std::optional<Date> date_from_match(icu::RegexMatcher& match, const MonthNames& months) {
  UErrorCode status = U_ZERO_ERROR;
  auto group = [&](int32_t n) { return match.group(n, status); };
  // A named month is read as its number, then checked as a numeric date is.
  const auto named = [&](int32_t month_group, int32_t day_group, int32_t year_group) -> std::optional<Date> {
    const auto month = months.number.find(MonthNames::folded(group(month_group)));
    if (month == months.number.end()) return std::nullopt;
    return parse_first(numeric_date(group_number(match, day_group), month->second, group(year_group)),
                       {u"dd/MM/yyyy"});
  };
  if (match.start(1, status) >= 0) return named(1, 2, 3);
  if (match.start(5, status) >= 0) return named(5, 4, 6);
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

std::optional<Date> find_date(std::string_view text, std::span<const std::string> languages) {
  // Every form the pattern reads holds an ASCII digit ([0-9], see
  // date_regex()): text without one, most of an article, needs no regex.
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  static const std::vector<std::string> english{"en"};
  const DateReader& reader = date_reader(languages.empty() ? std::span<const std::string>(english) : languages);
  const icu::RegexPattern* pattern = reader.pattern.get();
  if (!pattern) return std::nullopt;
  const icu::UnicodeString input =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::RegexMatcher> match(pattern->matcher(input, status));
  if (U_FAILURE(status)) return std::nullopt;
  while (match->find(status) && U_SUCCESS(status)) {
    // An impossible date ("31/02/2024") is skipped, not the end of the search.
    if (auto date = date_from_match(*match, reader.months)) return date;
  }
  return std::nullopt;
}

std::optional<Date> article_date(const std::vector<Segment>& segments, std::span<const std::string> languages) {
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
    if (auto date = find_date(s.text, languages)) return date;
  }
  return std::nullopt;
}

}  // namespace winnow::filters
