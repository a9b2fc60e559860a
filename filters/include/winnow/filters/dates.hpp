// Dates: find the date an article states, parsed with ICU.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"

namespace winnow::filters {

/// A calendar date.
struct Date {
  int year = 0;
  int month = 0;  ///< 1..12
  int day = 0;    ///< 1..31
  /// "2023-07-01"
  [[nodiscard]] std::string iso() const;
  /// "20230701": sorts as a string, the form Xapian's DateRangeProcessor compares.
  [[nodiscard]] std::string sortable() const;
  auto operator<=>(const Date&) const = default;
};

/// The first date written in text: "July 1, 2023", "1 July 2023", "2023-07-01",
/// or all-numeric "09/07/2024", read day first (9 July 2024) unless the second
/// number cannot be a month ("07/25/2024"); winnow(7) states the rule.
/// Month names are those of `languages` (ISO codes; empty is English), from
/// ICU's locale data, with the ordinals and linking words of their
/// date-ordinals.txt and date-words.txt ("1st of July", "18. März",
/// "1er mars", "18 de marzo de 2025").
[[nodiscard]] std::optional<Date> find_date(std::string_view text, std::span<const std::string> languages = {});

/// The date the article states: the first date in a short segment (a byline or
/// dateline) at the head of the document, before its body paragraphs begin.
/// Boilerplate segments count: a byline is boilerplate but its date is kept.
/// Month names are those of `languages`, as for find_date.
[[nodiscard]] std::optional<Date> article_date(const std::vector<Segment>& segments,
                                               std::span<const std::string> languages = {});

}  // namespace winnow::filters
