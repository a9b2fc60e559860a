// Classify stage (placeholder until the classifier lands: everything is content).
#include "winnow/filters/boilerplate.hpp"

namespace winnow::filters {
std::vector<Segment> classify(std::vector<Segment> segments, const ClassifyContext&) {
  for (auto& s : segments) {
    s.label = Label::content;
    s.score = 1.0;
    s.reasons = {"no classifier yet"};
  }
  return segments;
}
std::string segment_fingerprint(std::string_view segment_text) { return std::string(segment_text.substr(0, 16)); }
}  // namespace winnow::filters
