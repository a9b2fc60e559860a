// Boilerplate classifier internals shared by its source files: text shape, cue lexicon, splitting.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>

#include "boilerplate_lexicon.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters::detail {

/// Case-folded words separated by single spaces, padded with a space at both
/// ends, so a cue " leave a reply " matches on word boundaries with a plain
/// find. Curly apostrophes split words like ASCII ones ("don t miss").
/// Letters beyond ASCII stay in their word, folded like A-Z ("ÜBER UNS" is
/// " über uns ", "Côte" one word).
[[nodiscard]] std::string word_string(std::string_view text);

/// Writes word_string(text) to out piece by piece, for a caller that changes
/// it as it is written (segment_fingerprint folds digit runs) or writes
/// several into one buffer (story signatures). Out has push(char),
/// append(std::string_view) and back() (the last char written).
template <class Out>
void write_words(std::string_view text, Out& out);

/// word_string's output is a std::string.
struct StringWords {
  std::string& text;
  void push(char c) { text.push_back(c); }
  void append(std::string_view s) { text.append(s); }
  [[nodiscard]] char back() const { return text.back(); }
};

// Characters beyond ASCII that are punctuation or symbols, not letters:
// U+0080..U+00BF (NBSP, ©, «, », ·) and the General Punctuation block
// U+2000..U+206F (dashes, curly quotes, ›, …), and ill-formed bytes.
inline bool separates_words(UChar32 c) { return c < 0xC0 || (c >= 0x2000 && c <= 0x206F); }

template <class Out>
void write_words(std::string_view text, Out& out) {
  out.push(' ');
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // ASCII first: the hot case, and no ICU call
      if (byte >= 'A' && byte <= 'Z') out.push(static_cast<char>(byte - 'A' + 'a'));
      else if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')) out.push(static_cast<char>(byte));
      else if (out.back() != ' ') out.push(' ');
      ++i;
      continue;
    }
    const std::size_t start = i;
    const UChar32 c = utf8::next(text, i);
    if (c == 0xA9) {
      out.append(out.back() == ' ' ? "copyright " : " copyright ");  // © is the copyright line's own word
    } else if (separates_words(c)) {
      if (out.back() != ' ') out.push(' ');
    } else if (const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT); folded == c) {
      out.append(text.substr(start, i - start));
    } else {
      std::string bytes;
      utf8::append(bytes, folded);
      out.append(bytes);
    }
  }
  if (out.back() != ' ') out.push(' ');
}

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
  int upper_initial = 0;  ///< space-separated tokens starting with a capital
  int capital_tokens = 0; ///< tokens of two capitals or more and no small letter ("LONDON", "U.N.")
  int tokens = 0;         ///< space-separated tokens
  int bytes = 0;          ///< length of the text in bytes
  int digits = 0;         ///< ASCII digits
  int separators = 0;     ///< | · » ›, spaced / or >, runs of tabs
  bool sentence_end = false;
  bool has_address = false;  ///< e-mail, URL, domain or @handle
  bool list_item = false;    ///< starts with a list marker ("- ", "• ", "1. ", "2) ")
  bool quantity_line = false;  ///< starts with a number and a word ("500 g flour", "2 eggs")
  int tab_runs = 0;          ///< runs of tabs (table cells), also counted in separators
  bool time_stamp = false;   ///< three digits or more and a ':' or '/' between two: a time, a numeric date
  bool results_times = false;  ///< a time stamp whose every mark is a race's time ("4:08.22") or a fraction ("6 1/2")
  [[nodiscard]] double stop_ratio() const { return words == 0 ? 0.0 : double(stop_words) / words; }
};

/// Measures text; `words` is word_string(text), which the caller makes once
/// for measure() and match_cues() both.
[[nodiscard]] Features measure(std::string_view text, std::string_view words, const BoilerplateLexicon& lexicon);
[[nodiscard]] Shape shape_of(const Features& features);
[[nodiscard]] std::string_view shape_name(Shape shape);

/// Boilerplate evidence found in a text's wording.
struct CueResult {
  double weight = 0.0;               ///< sum of the cues' strengths (1 strong, 0.5 medium, 0.25 weak)
  bool notice = false;               ///< a consent or embed notice: buttons may follow on the next line
  bool comments = false;             ///< a cue of the comment section family (comment_family)
  std::vector<std::string> reasons;  ///< "cue: cookie consent", ...
  void add(double strength, std::string_view reason);
};

/// The family of cues.txt whose phrases belong to reader-comment sections
/// ("leave a reply", "Kommentare"), in every language's file.
inline constexpr std::string_view comment_family = "comment section";

/// Matches the cue lexicon and the cue families (cookie + you + accept) against
/// a text; `words` is word_string(text), and `features` gives its word count,
/// for cues that must fill it.
[[nodiscard]] CueResult match_cues(std::string_view text, std::string_view words, const Features& features,
                                   const BoilerplateLexicon& lexicon);

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
                                           bool after_notice, const BoilerplateLexicon& lexicon);

/// The length in bytes of the run of capitalised words (a name: "Sahel
/// Observer", "East Africa") at the start of text, stopping before a
/// capitalised function word that opens a sentence ("The military ...").
[[nodiscard]] std::size_t name_run_length(std::string_view text, const BoilerplateLexicon& lexicon);

/// Where the rules place a block in the page: before the article's first
/// paragraph, its headline, within the article, or after its last paragraph.
enum class Place { head, headline, body, tail };

/// Consecutive units of one line that are judged together: a paragraph is
/// content or furniture as a whole, except for pieces the splitter forced.
struct Block {
  std::size_t first = 0;  ///< units [first, last)
  std::size_t last = 0;
  int line = 0;
  Features features;
  Shape shape = Shape::short_text;
  CueResult cues;
  bool forced = false;
  std::uint32_t repeats = 0;  ///< fewest other documents holding each of its segments
  double score = 0.5;         ///< the rules' score; the model's probability once it has judged
  double rule_score = 0.5;    ///< the rules' score, kept for the model to read
  Place place = Place::body;
  /// In the body, but outside the article's main run of paragraphs
  /// (mark_apart()): a teaser's lead or a comment after the article.
  bool apart = false;
  bool content = true;
  std::vector<std::string> reasons;
};

/// The model's features of blocks[i] (boilerplate_feature_names() order),
/// written to out, which holds model_feature_count values.
inline constexpr std::size_t model_feature_count = 58;

/// Time-stamped short blocks (Features::time_stamp, no sentence) among the
/// four blocks either side of blocks[i]: a thread's "Posted by NAME at
/// 03:06 PM" lines, between its comments.
[[nodiscard]] int stamps_near(const std::vector<Block>& blocks, std::size_t i);
void model_features(const std::vector<Block>& blocks, std::size_t i, std::span<float> out);

/// The model overrules the rules only when it is fairly sure: a block the
/// rules keep is dropped when its probability of content is below
/// model_drops_below, one they drop is kept from model_keeps_from. Chosen on
/// the L3S-GN1 dev split and the seed gold (filters/train/boilerplate/README.md):
/// the pure model (0.5 and 0.5) scored 0.901 there against 0.890, but lost
/// captions and short lines the rules place right on the team's gold.
inline constexpr double model_drops_below = 0.4;
inline constexpr double model_keeps_from = 0.7;

/// The trained model, loaded on first use from boilerplate_model_path(), or
/// null when there is none (or it does not fit the features: said once on stderr).
class BoilerplateModel;
[[nodiscard]] const BoilerplateModel* boilerplate_model();
/// The model's belief that a block with these features is content, 0..1.
[[nodiscard]] double content_probability(const BoilerplateModel& model, std::span<const float> features);
/// The `count` features that moved that belief most, as "name +0.8" (towards content) or "name -1.2".
[[nodiscard]] std::vector<std::string> strongest_features(const BoilerplateModel& model,
                                                          std::span<const float> features, std::size_t count);

}  // namespace winnow::filters::detail
