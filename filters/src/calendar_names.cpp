// Calendar names: see calendar_names.hpp.
#include "calendar_names.hpp"

#include <optional>

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace winnow::filters::detail {
namespace {

using Symbols = icu::DateFormatSymbols;

// The locale's symbols, when ICU has data for the language itself: the
// locale it found (or, for an alias such as "nb", the one it was asked
// for) is of that language. "iw" is ICU's "he".
std::optional<Symbols> symbols_of(std::string_view language) {
  const icu::Locale locale = icu::Locale::createCanonical(std::string(language).c_str());
  const std::string_view wanted = locale.getLanguage();
  if (wanted.empty()) return {};  // "und", or no code at all
  UErrorCode status = U_ZERO_ERROR;
  Symbols symbols(locale, status);
  if (U_FAILURE(status)) return {};
  const icu::Locale actual = symbols.getLocale(ULOC_ACTUAL_LOCALE, status);
  const icu::Locale valid = symbols.getLocale(ULOC_VALID_LOCALE, status);
  if (U_FAILURE(status) || (wanted != actual.getLanguage() && wanted != valid.getLanguage())) return {};
  return symbols;
}

// Every form of one kind of name: format and stand-alone, wide and abbreviated.
template <class Get>
std::vector<std::string> all_forms(std::string_view language, Get get) {
  std::vector<std::string> names;
  const std::optional<Symbols> symbols = symbols_of(language);
  if (!symbols) return names;
  for (const auto context : {Symbols::FORMAT, Symbols::STANDALONE})
    for (const auto width : {Symbols::WIDE, Symbols::ABBREVIATED}) {
      std::int32_t count = 0;
      const icu::UnicodeString* forms = get(*symbols, count, context, width);
      for (std::int32_t i = 0; forms != nullptr && i < count; ++i) {
        std::string name;
        forms[i].toUTF8String(name);
        if (!name.empty()) names.push_back(std::move(name));  // weekdays start with an empty [0]
      }
    }
  return names;
}

}  // namespace

std::vector<std::string> month_names(std::string_view language) {
  return all_forms(language, [](const Symbols& symbols, std::int32_t& count, Symbols::DtContextType context,
                                Symbols::DtWidthType width) { return symbols.getMonths(count, context, width); });
}

std::vector<MonthName> numbered_month_names(std::string_view language) {
  std::vector<MonthName> names;
  const std::optional<Symbols> symbols = symbols_of(language);
  if (!symbols) return names;
  for (const auto context : {Symbols::FORMAT, Symbols::STANDALONE})
    for (const auto width : {Symbols::WIDE, Symbols::ABBREVIATED}) {
      std::int32_t count = 0;
      const icu::UnicodeString* forms = symbols->getMonths(count, context, width);
      for (std::int32_t i = 0; forms != nullptr && i < count && i < 12; ++i) {
        MonthName name{.name = {}, .month = i + 1, .wide = width == Symbols::WIDE};
        forms[i].toUTF8String(name.name);
        if (!name.name.empty()) names.push_back(std::move(name));
      }
    }
  return names;
}

std::vector<std::string> weekday_names(std::string_view language) {
  return all_forms(language, [](const Symbols& symbols, std::int32_t& count, Symbols::DtContextType context,
                                Symbols::DtWidthType width) { return symbols.getWeekdays(count, context, width); });
}

}  // namespace winnow::filters::detail
