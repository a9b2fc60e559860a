// Classify stage: label each segment content or boilerplate, with a score and reasons.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"
#include "winnow/filters/story.hpp"

namespace winnow::filters {

/// A segment whose fingerprint occurs in at least this many OTHER indexed
/// documents counts as repeated: the same furniture on every page of a site.
/// Repetition is weighed with shape and position, never alone: a repeated
/// button, name or one-sentence prompt at the head or tail is boilerplate,
/// while a repeated run of three or more paragraphs (a wire story saved from
/// several sites, an article saved twice) stays content. Two others (three
/// documents in all) keeps one article saved twice clear of the rule.
inline constexpr std::uint32_t repetition_threshold = 2;

/// What the classifier may know beyond the document itself.
struct ClassifyContext {
  /// The languages whose words (stop words, cues, button words, month names:
  /// the files of filters/lang/CODE/) the classifier reads the page in, as
  /// page_languages() gives them; empty is English alone.
  std::vector<std::string> languages;
  /// Number of other indexed documents holding a segment with this
  /// fingerprint (see segment_fingerprint); empty when no corpus is known.
  std::function<std::uint32_t(std::uint64_t fingerprint)> corpus_count;
  /// Called once, before any corpus_count, with the story signature of what
  /// the classifier keeps on the document's own evidence (shape, cues,
  /// position; no corpus counts), or no value when that is too short. The
  /// caller finds the story the document belongs to, so that corpus_count
  /// can leave out the copies of the same story: three saved copies of one
  /// article are one story, not furniture. May be empty.
  std::function<void(const std::optional<StorySignature>& signature)> on_story;
  /// For --explain: the reasons also name the features that moved the
  /// model's belief most. Indexing leaves it off, and saves the work.
  bool explain = false;
};

/// Labels every segment content or boilerplate, with a score (belief that it
/// is content, >= 0.5 for content) and short reasons ("cue: cookie consent",
/// "at tail, after the article", "repeated in 14 documents"). May split a
/// segment where boilerplate is glued onto content ("Accept Manage my choices
/// Number of deaths could be higher"); the result stays in source order.
/// Thread-safe: no shared mutable state.
[[nodiscard]] std::vector<Segment> classify(std::vector<Segment> segments,
                                            const ClassifyContext& context = {});

/// The languages a page is read in: the language identified from its whole
/// decoded text (code, or "und"), and English, whose furniture (cookie
/// banners, share buttons) is on pages of every language; "und" is read as
/// fallback. In the order given, without repeats.
[[nodiscard]] std::vector<std::string> page_languages(std::string_view identified, std::string_view fallback);

/// A short, stable key for a segment's text, for counting the same furniture
/// across the corpus: hash64 of its word string (case-folded words without
/// punctuation, single spaces), each digit run written as one "0" so that
/// yearly footers match. No value for texts under two words, which are too
/// common to count. classify() sets it on every segment it returns
/// (Segment::fingerprint); the index should store the fingerprint of each,
/// whatever its label, so that corpus_count sees furniture and content alike.
[[nodiscard]] std::optional<std::uint64_t> segment_fingerprint(std::string_view segment_text);

}  // namespace winnow::filters
