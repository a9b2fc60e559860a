// Month and weekday names from ICU's locale data (CLDR), so that no language's
// calendar is typed into a list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::filters::detail {

/// The month names of LANGUAGE's locale in every form ICU has: wide and
/// abbreviated, as written in a date and standing alone ("März", "Jan.";
/// Polish "marca" and "marzec"), as ICU writes them. None when ICU has no
/// data for the language: ICU would answer with another locale's (its root,
/// or the process's default locale).
[[nodiscard]] std::vector<std::string> month_names(std::string_view language);

/// A month's name and its number, 1 to 12.
struct MonthName {
  std::string name;
  int month = 0;
  bool wide = false;  ///< the full name ("September"), not an abbreviation
};
/// month_names with each name's month, for reading a date.
[[nodiscard]] std::vector<MonthName> numbered_month_names(std::string_view language);

/// The same for the days of the week ("Montag", "Mo.").
[[nodiscard]] std::vector<std::string> weekday_names(std::string_view language);

}  // namespace winnow::filters::detail
