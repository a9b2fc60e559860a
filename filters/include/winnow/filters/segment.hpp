// Segment stage: a document's text to lines and, inside a line, sentence segments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::filters {

/// What the boilerplate classifier decided for a segment.
enum class Label { content, boilerplate };

/// A piece of one source line: the unit the classifier labels.
struct Segment {
  int line = 0;                      ///< 1-based line of the source file
  std::string text;                  ///< the segment's text, trimmed of surrounding white space
  Label label = Label::content;      ///< set by the classifier; content until then
  double score = 1.0;                ///< the classifier's belief that this is content, 0..1
  std::vector<std::string> reasons;  ///< short phrases saying why the label was chosen
  /// segment_fingerprint(text) (boilerplate.hpp), set by the classifier with
  /// the label: computed once, it is what the corpus counts and the index keep.
  std::optional<std::uint64_t> fingerprint;
};

/// Splits text into lines (LF, CRLF or CR) and each non-blank line into
/// sentences with ICU's sentence break iterator. Blank lines yield no segment;
/// a gap in `line` numbers marks a paragraph break.
[[nodiscard]] std::vector<Segment> segment(std::string_view text);

/// The label as the JSON contract spells it: "content" or "boilerplate".
[[nodiscard]] std::string_view label_name(Label label);

}  // namespace winnow::filters
