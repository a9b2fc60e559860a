// Classify stage: blocks of segments scored by shape, cues and repetition, then smoothed by position.
#include "winnow/filters/boilerplate.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "boilerplate_internal.hpp"
#include "winnow/filters/hash.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::filters {
namespace {

using detail::CueResult;
using detail::Features;
using detail::Shape;
using detail::Unit;

/// Consecutive units of one line that are judged together: a paragraph is
/// content or furniture as a whole, except for pieces the splitter forced.
struct Block {
  std::size_t first = 0;  ///< units [first, last)
  std::size_t last = 0;
  Features features;
  Shape shape = Shape::short_text;
  CueResult cues;
  bool forced = false;
  std::uint32_t repeats = 0;  ///< fewest other documents holding each of its segments
  double score = 0.5;
  bool content = true;
  std::vector<std::string> reasons;
};

// A short unit with a strong cue glued to a paragraph ("... higher.
// Advertisement", "... race. Read more: ...") is judged apart from it; in a
// short line the units stay together, so a notice is read as a whole.
bool detachable(const Unit& unit, int unit_words, int line_words, const detail::BoilerplateLexicon& lexicon) {
  if (unit_words > 12 || line_words - unit_words < 15) return false;
  const std::string_view text = unit.segment.text;
  const std::string words = detail::word_string(text);
  return detail::match_cues(text, words, detail::measure(text, words, lexicon), lexicon).weight >= 1.0;
}

Block make_block(const std::vector<Unit>& units, std::size_t first, std::size_t last,
                 const detail::BoilerplateLexicon& lexicon) {
  Block block;
  block.first = first;
  block.last = last;
  block.forced = units[first].forced;
  std::string text;
  for (std::size_t i = first; i < last; ++i) {
    if (i != first) text += ' ';
    text += units[i].segment.text;
  }
  // Shape and cues read the same word string: made once.
  const std::string words = detail::word_string(text);
  block.features = detail::measure(text, words, lexicon);
  block.shape = detail::shape_of(block.features);
  if (!block.forced) block.cues = detail::match_cues(text, words, block.features, lexicon);
  return block;
}

// Appends one line's units as blocks: forced and detachable units alone, the
// rest merged in runs.
void add_line_blocks(const std::vector<Unit>& units, std::size_t line_first,
                     const detail::BoilerplateLexicon& lexicon, std::vector<Block>& blocks) {
  std::vector<int> unit_words;
  int line_words = 0;
  for (std::size_t i = line_first; i < units.size(); ++i)
    line_words += unit_words.emplace_back(detail::count_words(units[i].segment.text));
  std::size_t run = line_first;
  for (std::size_t i = line_first; i < units.size(); ++i) {
    if (!units[i].forced && !detachable(units[i], unit_words[i - line_first], line_words, lexicon)) continue;
    if (run < i) blocks.push_back(make_block(units, run, i, lexicon));
    blocks.push_back(make_block(units, i, i + 1, lexicon));
    run = i + 1;
  }
  if (run < units.size()) blocks.push_back(make_block(units, run, units.size(), lexicon));
}

void split_into_blocks(const std::vector<Segment>& segments, const detail::BoilerplateLexicon& lexicon,
                       std::vector<Unit>& units, std::vector<Block>& blocks) {
  int previous_line = -1;
  int notice_line = -1;  // the last line holding a consent or embed notice
  for (std::size_t i = 0; i < segments.size();) {
    std::size_t end = i;
    while (end < segments.size() && segments[end].line == segments[i].line) ++end;
    const std::vector<Segment> line(segments.begin() + static_cast<long>(i),
                                    segments.begin() + static_cast<long>(end));
    const bool after_notice = notice_line >= 0 && notice_line == previous_line;
    const std::size_t line_first = units.size();
    const std::size_t blocks_first = blocks.size();
    for (auto& unit : detail::split_line(line, after_notice, lexicon)) units.push_back(std::move(unit));
    add_line_blocks(units, line_first, lexicon, blocks);
    previous_line = segments[i].line;
    for (std::size_t b = blocks_first; b < blocks.size(); ++b)
      if (blocks[b].cues.notice) notice_line = previous_line;
    i = end;
  }
}

void count_repeats(const std::vector<Unit>& units, std::vector<Block>& blocks,
                   const ClassifyContext& context) {
  if (!context.corpus_count) return;
  for (auto& block : blocks) {
    std::optional<std::uint32_t> fewest;
    for (std::size_t i = block.first; i < block.last; ++i) {
      const std::optional<std::uint64_t> fingerprint = units[i].segment.fingerprint;
      if (!fingerprint) continue;
      const std::uint32_t n = context.corpus_count(*fingerprint);
      fewest = fewest ? std::min(*fewest, n) : n;
    }
    block.repeats = fewest.value_or(0);
  }
}

bool repeated(const Block& block) { return block.repeats >= repetition_threshold; }

// Repetition is furniture unless the repeated run holds several sentence-like paragraphs:
// then it is the same article saved twice or a wire story, which stays.
void weigh_repetition(std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < blocks.size();) {
    if (!repeated(blocks[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    int paragraphs = 0;
    // Sentence-like blocks count, not only long paragraphs: wire copy is
    // often written in one- and two-sentence paragraphs.
    for (; end < blocks.size() && repeated(blocks[end]); ++end)
      if (blocks[end].shape == Shape::good || blocks[end].shape == Shape::near_good) ++paragraphs;
    for (std::size_t j = i; j < end; ++j) {
      Block& b = blocks[j];
      const std::string times = "repeated in " + std::to_string(b.repeats) + " other stories";
      if (paragraphs >= 3) {
        b.reasons.push_back(times + ", in a run of paragraphs");
        continue;
      }
      b.score -= (b.shape == Shape::good || b.shape == Shape::near_good) ? 0.4 : 0.6;
      b.reasons.push_back(times);
    }
    i = end;
  }
}

double base_score(Shape shape) {
  switch (shape) {
    case Shape::good: return 0.85;
    case Shape::near_good: return 0.65;
    case Shape::short_text: return 0.5;
    case Shape::menu: return 0.4;
  }
  return 0.5;
}

// Long prose shrugs off a single cue (an article about cookies); a button does not.
void score_block(Block& block) {
  block.reasons.insert(block.reasons.begin(), std::string(detail::shape_name(block.shape)));
  const double damp = block.shape == Shape::good ? 0.5 : block.shape == Shape::near_good ? 0.8 : 1.0;
  block.score = base_score(block.shape) - std::min(block.cues.weight, 2.0) * damp;
  block.reasons.insert(block.reasons.end(), block.cues.reasons.begin(), block.cues.reasons.end());
}

// Article paragraphs: the span between the first and the last is the body.
bool is_anchor(const Block& block) {
  return !block.forced && block.score >= 0.6 && block.shape == Shape::good;
}

bool headline_like(const Block& block) {
  const Features& f = block.features;
  return !block.forced && block.cues.weight <= 0.25 && block.shape != Shape::menu &&
         block.shape != Shape::good && f.words >= 4 && f.words <= 30 && f.lower_initial >= 1;
}

// The headline: the first headline-like block of the head, skipping ones
// repeated across the corpus (a site's tagline) when another exists.
std::optional<std::size_t> find_headline(const std::vector<Block>& blocks, std::size_t head_end) {
  std::optional<std::size_t> first_any;
  for (std::size_t i = 0; i < head_end; ++i) {
    // A title right above a consent notice is the banner's ("Cookies on ...").
    const bool banner_title = i + 1 < blocks.size() && blocks[i + 1].cues.notice;
    if (!headline_like(blocks[i]) || banner_title) continue;
    if (!repeated(blocks[i])) return i;
    if (!first_any) first_any = i;
  }
  return first_any;
}

// jusText's near-good rule at the end of the article: a sentence after the
// last paragraph, past short blocks only, still belongs to it ("Engineers
// note that nobody can regulate the sea floor."); any furniture stops the walk.
bool near_good_sentence(const Block& b) { return b.shape == Shape::near_good && b.score >= 0.6; }
bool neutral(const Block& b) { return !b.forced && b.score >= 0.5; }

std::size_t extend_over_near_good(const std::vector<Block>& blocks, std::size_t tail_begin) {
  for (std::size_t j = tail_begin; j < blocks.size() && neutral(blocks[j]); ++j)
    if (near_good_sentence(blocks[j])) tail_begin = j + 1;
  return tail_begin;
}

// The same rule before the first paragraph: a sentence after the byline
// ("ACCRA, ... -- Fishing families asked ...") opens the article.
std::size_t extend_back_over_near_good(const std::vector<Block>& blocks, std::size_t head_end) {
  for (std::size_t j = head_end; j-- > 0 && neutral(blocks[j]);)
    if (near_good_sentence(blocks[j])) head_end = j;
  return head_end;
}

void label_by_position(std::vector<Block>& blocks) {
  const auto first = std::find_if(blocks.begin(), blocks.end(), is_anchor);
  if (first == blocks.end()) {  // no article paragraph: keep what is not furniture
    for (auto& b : blocks) b.content = !b.forced && b.score >= 0.5;
    return;
  }
  const auto head_end = extend_back_over_near_good(blocks, static_cast<std::size_t>(first - blocks.begin()));
  auto tail_begin =
      blocks.size() - static_cast<std::size_t>(std::find_if(blocks.rbegin(), blocks.rend(), is_anchor) -
                                               blocks.rbegin());
  tail_begin = extend_over_near_good(blocks, tail_begin);
  const auto headline = find_headline(blocks, head_end);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (b.forced) {
      b.content = false;
    } else if (i < head_end) {
      b.content = headline == i;
      b.reasons.push_back(b.content ? "headline" : "at head, before the article");
    } else if (i >= tail_begin) {
      b.content = false;
      b.reasons.push_back("at tail, after the article");
    } else {
      b.content = b.score >= 0.35;
      if (b.content && !is_anchor(b)) b.reasons.push_back("short, between content");
    }
  }
}

// The text the classifier keeps before corpus counts weigh in: what makes
// a story a story, the same in every copy, whatever the corpus holds.
std::vector<std::string_view> own_evidence_content(const std::vector<Unit>& units, const std::vector<Block>& blocks) {
  std::vector<Block> judged = blocks;
  label_by_position(judged);
  std::vector<std::string_view> pieces;
  for (const auto& block : judged) {
    if (!block.content) continue;
    for (std::size_t i = block.first; i < block.last; ++i) pieces.emplace_back(units[i].segment.text);
  }
  return pieces;
}

std::vector<Segment> emit(std::vector<Unit>& units, const std::vector<Block>& blocks) {
  std::vector<Segment> out;
  out.reserve(units.size());
  for (const auto& block : blocks) {
    const double score = std::clamp(block.score, 0.0, 1.0);
    for (std::size_t i = block.first; i < block.last; ++i) {
      Segment seg = std::move(units[i].segment);
      seg.label = block.content ? Label::content : Label::boilerplate;
      seg.score = block.content ? std::max(score, 0.5) : std::min(score, 0.45);
      seg.reasons = block.forced ? std::vector<std::string>{units[i].forced_reason} : block.reasons;
      out.push_back(std::move(seg));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> page_languages(std::string_view identified, std::string_view fallback) {
  std::vector<std::string> languages{std::string(identified == undetermined_language ? fallback : identified)};
  if (languages.front() != "en") languages.emplace_back("en");
  return languages;
}

std::vector<Segment> classify(std::vector<Segment> segments, const ClassifyContext& context) {
  std::vector<Unit> units;
  std::vector<Block> blocks;
  static const std::vector<std::string> english{"en"};
  const auto& lexicon = detail::boilerplate_lexicon(context.languages.empty() ? english : context.languages);
  split_into_blocks(segments, lexicon, units, blocks);
  for (auto& unit : units) unit.segment.fingerprint = segment_fingerprint(unit.segment.text);
  for (auto& block : blocks) score_block(block);
  if (context.on_story) context.on_story(story_signature(own_evidence_content(units, blocks)));
  count_repeats(units, blocks, context);
  weigh_repetition(blocks);
  label_by_position(blocks);
  return emit(units, blocks);
}

namespace {

// A word string as write_words() writes it, with each run of digits written
// as one '0', so that "(c) 2024" and "(c) 2025" read alike.
struct DigitFoldedWords {
  std::string& text;
  void push(char c) {
    if (c >= '0' && c <= '9') {  // what std::isdigit accepts, in any locale
      if (text.back() == '0') return;
      c = '0';
    }
    text.push_back(c);
  }
  void append(std::string_view s) {
    for (const char c : s) push(c);
  }
  [[nodiscard]] char back() const { return text.back(); }
};

}  // namespace

std::optional<std::uint64_t> segment_fingerprint(std::string_view segment_text) {
  // One buffer per thread: every segment of every document is fingerprinted.
  thread_local std::string words;
  words.clear();
  DigitFoldedWords folded{words};
  detail::write_words(segment_text, folded);
  if (std::count(words.begin(), words.end(), ' ') < 3) return std::nullopt;  // fewer than two words
  return hash64(words);
}

}  // namespace winnow::filters
