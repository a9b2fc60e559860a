// Classify stage: label each segment content or boilerplate, with a score and reasons.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/segment.hpp"

namespace winnow::filters {

/// What the classifier may know beyond the document itself.
struct ClassifyContext {
  /// Number of other indexed documents holding a segment with this
  /// fingerprint (see segment_fingerprint); empty when no corpus is known.
  std::function<std::uint32_t(const std::string& fingerprint)> corpus_count;
};

/// Labels every segment; may split a segment where boilerplate is glued onto
/// content ("Accept Manage my choices Number of deaths could be higher").
[[nodiscard]] std::vector<Segment> classify(std::vector<Segment> segments,
                                            const ClassifyContext& context = {});

/// A short, stable key for a segment's normalised text, for counting the same
/// furniture across the corpus.
[[nodiscard]] std::string segment_fingerprint(std::string_view segment_text);

}  // namespace winnow::filters
