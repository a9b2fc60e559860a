// Word segments of normalised text, as ICU's word break iterator (the root
// locale's rules, Unicode's UAX #29) finds them. Internal to tokenise().
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace winnow::filters::detail {

/// A segment that holds letters or numbers (not spaces or punctuation), as
/// byte offsets into the text.
struct WordSpan {
  std::size_t start = 0;
  std::size_t end = 0;
  bool numeric = false;  ///< ICU's rule status says number: the segment ends in a digit

  bool operator==(const WordSpan&) const = default;
};

/// The word segments of `text` (valid UTF-8).
std::vector<WordSpan> word_spans(std::string_view text);

/// The same from ICU's break iterator itself.
std::vector<WordSpan> icu_word_spans(std::string_view text);

/// The same without ICU, for text of ASCII and of non-ASCII punctuation,
/// symbols and spaces (curly quotes, dashes, currency signs): most
/// paragraphs of English news. False, with `out` unspecified, for text
/// holding anything else (a letter, mark or digit that is not ASCII, an
/// emoji, an underscore), which icu_word_spans() then breaks.
bool simple_word_spans(std::string_view text, std::vector<WordSpan>& out);

}  // namespace winnow::filters::detail
