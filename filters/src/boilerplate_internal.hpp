// Boilerplate classifier internals shared by its source files: text shape, cue lexicon, splitting.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"

namespace winnow::filters::detail {

/// Lower-case ASCII words separated by single spaces, padded with a space at
/// both ends, so a cue " leave a reply " matches on word boundaries with a
/// plain find. Curly apostrophes split words like ASCII ones ("don t miss").
/// Non-ASCII letters are kept as they are, so "Côte" stays one word.
[[nodiscard]] std::string word_string(std::string_view text);

/// Number of space-separated words; a cheap estimate before measure().
[[nodiscard]] int count_words(std::string_view text);

/// How a piece of text is built, in the jusText sense.
enum class Shape {
  good,       ///< long and sentence-like: an article paragraph
  near_good,  ///< a sentence, but short
  short_text, ///< a few words that do not form a sentence: subhead, button, name
  menu,       ///< a list of items: separators or capitalised words without stop words
};

/// Measurements of a piece of text that do not depend on its wording.
struct Features {
  int words = 0;
  int stop_words = 0;
  int lower_initial = 0;  ///< words starting with a lower-case letter
  int separators = 0;     ///< | · » › and spaced / or >
  bool sentence_end = false;
  bool has_address = false;  ///< e-mail, URL, domain or @handle
  [[nodiscard]] double stop_ratio() const { return words == 0 ? 0.0 : double(stop_words) / words; }
};

[[nodiscard]] Features measure(std::string_view text);
[[nodiscard]] Shape shape_of(const Features& features);
[[nodiscard]] std::string_view shape_name(Shape shape);

/// Boilerplate evidence found in a text's wording.
struct CueResult {
  double weight = 0.0;               ///< sum of the cues' strengths (1 strong, 0.5 medium, 0.25 weak)
  bool notice = false;               ///< a consent or embed notice: buttons may follow on the next line
  std::vector<std::string> reasons;  ///< "cue: cookie consent", ...
  void add(double strength, std::string_view reason);
};

/// Matches the cue lexicon and the cue families (cookie + you + accept) against
/// a text; `features` gives its word count, for cues that must fill it.
[[nodiscard]] CueResult match_cues(std::string_view text, const Features& features);

/// A segment after splitting glued furniture off content.
struct Unit {
  Segment segment;
  bool forced = false;        ///< boilerplate by construction (credit, marker, buttons, crumb)
  std::string forced_reason;  ///< why, when forced
};

/// Splits one line's segments where furniture is glued to content: a leading
/// ad marker, a photo credit and the caption before it, a breadcrumb before a
/// headline, consent buttons before a subhead when the line follows a notice.
[[nodiscard]] std::vector<Unit> split_line(const std::vector<Segment>& line_segments,
                                           bool after_notice);

/// The length in bytes of the run of capitalised words (a name: "Sahel
/// Observer", "East Africa") at the start of text, stopping before a
/// capitalised function word that opens a sentence ("The military ...").
[[nodiscard]] std::size_t name_run_length(std::string_view text);

}  // namespace winnow::filters::detail
