// Language identification of a document's content text (CLD2, Compact Language Detector 2).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"

namespace winnow::filters {

/// The code of a language that could not be told: too little text, or a
/// mix with no clear majority.
inline constexpr std::string_view undetermined_language = "und";

struct LanguageGuess {
  std::string code{undetermined_language};  ///< ISO 639-1 ("de"), or "und"
  int confidence = 0;                       ///< percent of the text's letters in that language, 0 for "und"
};

/// What a text of at least this many bytes of letters is needed to name a language.
inline constexpr int min_identified_bytes = 40;
/// The share of the text, in percent, its first language must hold.
inline constexpr int min_identified_percent = 60;

/// How much of a text is read: its first 2 KiB (cut at a character).
inline constexpr std::size_t max_identified_bytes = 2048;

/// The language of UTF-8 text (its first max_identified_bytes): CLD2's first language when CLD2 calls it
/// reliable, it covers at least min_identified_percent of the text and the
/// text holds at least min_identified_bytes of letters; otherwise "und".
[[nodiscard]] LanguageGuess identify_language(std::string_view utf8);

/// The language of a page before its furniture is known, so the classifier
/// can read it in its language: identify_language of its longest segments,
/// longest first, up to max_identified_bytes. An article's paragraphs are its
/// longest lines, and a cookie banner in English at the top of a German page
/// is shorter than they are.
[[nodiscard]] LanguageGuess identify_page_language(const std::vector<Segment>& segments);

/// identify_page_language, and the lines of the segments it read: when the
/// classifier keeps all of them, the guess is one of the content text, and
/// need not be made again.
struct PageLanguage {
  LanguageGuess guess;
  std::vector<int> lines;  ///< Segment::line of each segment read, ascending
};
[[nodiscard]] PageLanguage identify_page_language_from(const std::vector<Segment>& segments);

}  // namespace winnow::filters
