// Classify stage: blocks of segments scored by shape, cues and repetition, then smoothed by position.
#include "winnow/filters/boilerplate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>

#include "boilerplate_internal.hpp"
#include "winnow/filters/boilerplate_model.hpp"
#include "winnow/filters/hash.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::filters {
namespace {

using detail::CueResult;
using detail::Features;
using detail::Shape;
using detail::Unit;

using detail::Block;
using detail::Place;

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
  block.line = units[first].segment.line;
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

// Text hard-wrapped at a fixed width (a press release or a plain-text
// mailing at 72 columns) has each paragraph spread over lines that, alone,
// read as short pieces at the head of nothing. Such a page is told by its
// lines: no line much longer than the width, and most lines that run on into
// the next one close to it. Its consecutive lines are then judged as the one
// paragraph they are; each piece keeps its source line.
void join_wrapped_lines(const std::vector<Unit>& units, const detail::BoilerplateLexicon& lexicon,
                        std::vector<Block>& blocks) {
  std::map<int, std::size_t> line_bytes;
  for (const auto& unit : units) line_bytes[unit.segment.line] += unit.segment.text.size() + 1;
  std::size_t width = 0;
  for (const auto& [line, bytes] : line_bytes) width = std::max(width, bytes);
  if (line_bytes.size() < 8 || width > 100 || width < 40) return;
  const auto wrapped = [&](int line) {
    const auto found = line_bytes.find(line);
    return found != line_bytes.end() && found->second * 4 >= width * 3 && line_bytes.count(line + 1) > 0;
  };
  int running_on = 0;
  int near_width = 0;
  for (const auto& [line, bytes] : line_bytes) {
    if (line_bytes.count(line + 1) == 0) continue;
    ++running_on;
    if (wrapped(line)) ++near_width;
  }
  if (running_on < 4 || near_width * 2 < running_on) return;
  std::vector<Block> joined;
  for (auto& block : blocks) {
    if (!joined.empty()) {
      const Block& previous = joined.back();
      const int previous_last_line = units[previous.last - 1].segment.line;
      if (!previous.forced && !block.forced && previous.last == block.first &&
          block.line == previous_last_line + 1 && wrapped(previous_last_line)) {
        Block merged = make_block(units, previous.first, block.last, lexicon);
        joined.back() = std::move(merged);
        continue;
      }
    }
    joined.push_back(std::move(block));
  }
  blocks = std::move(joined);
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

// A line of credits or a time stamp between a headline and its article:
// "1/7/2008, 6:30 p.m. EST", "The Associated Press" (repeated across the
// corpus), "Erin Hitchcock, Burnaby Now" (a name and an outlet, no word in
// lower case). Short, and no sentence. Its length is counted in tokens
// between spaces: a time stamp is few of them and many words of digits.
bool credit_like(const Block& b) {
  const Features& f = b.features;
  if (b.forced || f.sentence_end || f.tokens > 8 || f.has_address) return false;
  return f.digits >= 4 || repeated(b) || (f.tokens <= 5 && f.lower_initial == 0 && f.separators == 0);
}

// A headline in title case: four to fifteen words, most of them
// capitalised, no sentence end, no separator, few digits, not repeated.
bool title_case_headline(const Block& b) {
  const Features& f = b.features;
  return !b.forced && b.cues.weight <= 0.25 && !repeated(b) && f.words >= 4 && f.words <= 15 && !f.sentence_end &&
         f.separators == 0 && !f.has_address && f.upper_initial * 2 > f.tokens && f.digits * 4 < f.bytes;
}

// A headline in capitals, as news agencies write them ("SOCCER - JAPAN GET
// LUCKY WIN, CHINA IN SURPRISE DEFEAT."): four words or more, nearly all in
// capitals, none in small letters, no separator, not repeated. Taken only
// right above the article (past its dateline): anywhere else a line in
// capitals is a section's name or a menu.
bool capitals_headline(const Block& b) {
  const Features& f = b.features;
  return !b.forced && b.cues.weight <= 0.25 && !repeated(b) && f.words >= 4 && f.words <= 30 && f.lower_initial == 0 &&
         f.separators == 0 && !f.has_address && f.capital_tokens * 5 >= f.tokens * 4 - 5;
}

// A dateline on a line of its own between a headline and its article: a
// place and a date, as the wire files a story ("LONDON 1996-08-30",
// "BAMAKO, Dec 7"). A few tokens, the first a capital, none in small
// letters, four digits or more (a date's), no sentence.
bool dateline(const Block& b) {
  const Features& f = b.features;
  return !b.forced && b.cues.weight == 0 && f.tokens >= 2 && f.tokens <= 5 && f.lower_initial == 0 &&
         f.upper_initial >= 1 && f.digits >= 4 && !f.sentence_end && f.separators == 0 && !f.has_address &&
         !f.time_stamp;
}

// A headline of two or three words ("Flood warning", "Gao market report")
// reads like a menu item or a section label anywhere else: it is taken
// only right above the article, past a byline, a date or a reading time
// (blocks with cues) at most, and only when no longer headline stands in
// the head.
std::optional<std::size_t> short_headline(const std::vector<Block>& blocks, std::size_t head_end) {
  for (std::size_t i = head_end, passed = 0; i-- > 0 && passed < 3; ++passed) {
    const Block& b = blocks[i];
    if (b.forced || b.cues.weight > 0) continue;  // a byline, a date: look above it
    const Features& f = b.features;
    const bool short_title = b.shape == Shape::short_text && f.words >= 2 && f.words <= 3 && !f.sentence_end &&
                             f.separators == 0 && f.digits == 0 && !f.has_address && !repeated(b);
    return short_title ? std::optional<std::size_t>(i) : std::nullopt;
  }
  return std::nullopt;
}

// The headline: read from the article upwards, past bylines and dates,
// the top of the run of headline-like blocks right above it (a headline,
// then its standfirst or its picture's caption). Pages put menus, teasers
// and section names above the headline, so the head's first title is
// taken only when none stands right above the article. Titles repeated
// across the corpus (a site's tagline) count only when no other exists.
std::optional<std::size_t> find_headline(const std::vector<Block>& blocks, std::size_t head_end, bool title_case) {
  // A title right above a consent notice is the banner's ("Cookies on ...").
  const auto title_shaped = [&](std::size_t i) {
    return headline_like(blocks[i]) && !(i + 1 < blocks.size() && blocks[i + 1].cues.notice);
  };
  // A time stamp ("POSTED: 11:54 pm EST January 9, 2008") is shaped like a
  // title but is a credit line: it is passed, never taken.
  const auto candidate = [&](std::size_t i) {
    return title_shaped(i) && !repeated(blocks[i]) && !blocks[i].features.time_stamp;
  };
  std::size_t above = head_end;  // the article starts at blocks[above]
  for (std::size_t passed = 0; above > 0 && passed < 3 && !candidate(above - 1); ++passed) {
    const Block& b = blocks[above - 1];
    // Only a byline, a date or the like is passed: a block with a cue, or
    // one shaped like a credit line.
    if (b.forced || (b.cues.weight == 0 && !credit_like(b))) break;
    --above;
  }
  // Where the page's language writes headlines in title case ("Korean
  // Golfer Wins 7th US PGA Title"), such a title right above the article is
  // its headline; anywhere else it reads as a menu or a teaser.
  if (title_case && above > 0 && !candidate(above - 1) && title_case_headline(blocks[above - 1])) return above - 1;
  if (above > 0 && !candidate(above - 1) && capitals_headline(blocks[above - 1])) return above - 1;
  if (above > 0 && candidate(above - 1)) {
    std::size_t top = above - 1;
    while (top > 0 && candidate(top - 1)) --top;
    return top;
  }
  std::optional<std::size_t> first_any;
  for (std::size_t i = 0; i < head_end; ++i) {
    if (!title_shaped(i)) continue;
    if (!repeated(blocks[i])) return i;
    if (!first_any) first_any = i;
  }
  if (first_any) return first_any;
  return short_headline(blocks, head_end);
}

// A row of results or standings as agencies file them, columns parted by
// spaces: four tokens or more of names and numbers, few words in small
// letters ("Plymouth 2 Preston 1", "Leicestershire 22 points, Somerset 4.";
// not a recipe's "Backzeit: 35 Min."). No cue, no address, and no time but
// a race's "3:51.01" or a standing's "6 1/2" (a credit line's "1/7/2008,
// 6:30 p.m. EST", a rating's "4,8/5" are not).
bool results_like(const Block& b) {
  const Features& f = b.features;
  return !b.forced && b.cues.weight == 0 && !f.has_address && (!f.time_stamp || f.results_times) &&
         f.separators == 0 && f.digits >= 1 &&
         f.upper_initial >= 1 && f.tokens >= 4 && f.tokens <= 30 && f.lower_initial * 3 <= f.tokens;
}

// A row of a table: columns (two separators or more) next to a block with as
// many, one of the two holding a number (a header row has none); or a row
// of results next to another.
bool table_row(const std::vector<Block>& blocks, std::size_t i) {
  if (results_like(blocks[i]) && ((i > 0 && results_like(blocks[i - 1])) ||
                                  (i + 1 < blocks.size() && results_like(blocks[i + 1]))))
    return true;
  const Features& f = blocks[i].features;
  // Two columns are enough when a tab parts them: menus are not tabbed.
  if (f.separators < 2 && f.tab_runs == 0) return false;
  const auto same_columns = [&](std::size_t j) {
    const Features& other = blocks[j].features;
    return other.separators == f.separators && (f.digits > 0 || other.digits > 0);
  };
  return (i > 0 && same_columns(i - 1)) || (i + 1 < blocks.size() && same_columns(i + 1));
}

// jusText's near-good rule at the end of the article: a sentence after the
// last paragraph, past short blocks and the rows of a table only, still
// belongs to it ("Engineers note that nobody can regulate the sea floor.",
// or the sentence under a table of river levels); any furniture stops the walk.
bool near_good_sentence(const Block& b) { return b.shape == Shape::near_good && b.score >= 0.6; }
bool neutral(const Block& b) { return !b.forced && b.score >= 0.5; }
bool walkable(const std::vector<Block>& blocks, std::size_t j) {
  return neutral(blocks[j]) || (!blocks[j].forced && blocks[j].cues.weight == 0 && table_row(blocks, j));
}

std::size_t extend_over_near_good(const std::vector<Block>& blocks, std::size_t tail_begin) {
  for (std::size_t j = tail_begin; j < blocks.size() && walkable(blocks, j); ++j)
    if (near_good_sentence(blocks[j]) || (results_like(blocks[j]) && table_row(blocks, j))) tail_begin = j + 1;
  return tail_begin;
}

// The same rule before the first paragraph: a sentence after the byline
// ("ACCRA, ... -- Fishing families asked ...") opens the article.
std::size_t extend_back_over_near_good(const std::vector<Block>& blocks, std::size_t head_end) {
  for (std::size_t j = head_end; j-- > 0 && neutral(blocks[j]);)
    if (near_good_sentence(blocks[j])) head_end = j;
  return head_end;
}

// Where a thread of reader comments starts inside the span of paragraphs:
// its heading ("Comments (3)", "12 Kommentare"), a block of five words at
// most with a comment cue, after two of the article's paragraphs at least,
// and the thread's own furniture (a "Reply", another comment cue) within
// the eight blocks after it. Readers write prose, so the span of
// paragraphs ran on over their comments; the article ends at the heading.
std::size_t comment_thread_start(const std::vector<Block>& blocks, std::size_t head_end, std::size_t tail_begin) {
  std::size_t paragraphs = 0;
  for (std::size_t i = head_end; i < tail_begin; ++i) {
    const Block& b = blocks[i];
    if (is_anchor(b)) ++paragraphs;
    if (paragraphs < 2 || !b.cues.comments || b.features.words > 5) continue;
    for (std::size_t j = i + 1; j < std::min(blocks.size(), i + 9); ++j)
      if (blocks[j].cues.comments) return i;
  }
  return tail_begin;
}

// The article's main run: its paragraphs joined across gaps of fewer than
// apart_gap blocks the rules drop (a caption and its credit, a share bar;
// table rows, list items and subheads they keep carry the run on), the run
// with the most words. The body's blocks outside it are marked apart: the
// leads of other stories in a teaser list, or comments after a gap of
// furniture, read as paragraphs too, and the model judges them.
constexpr std::size_t apart_gap = 4;

void mark_apart(std::vector<Block>& blocks, std::size_t head_end, std::size_t tail_begin) {
  std::size_t best_first = head_end, best_last = head_end, best_words = 0;
  std::size_t first = 0, last = 0, words = 0;
  bool open = false;
  const auto close = [&] {
    if (open && words > best_words) {
      best_first = first;
      best_last = last;
      best_words = words;
    }
  };
  std::size_t dropped_in_a_row = 0;  // blocks the rules drop since the run's last block
  for (std::size_t i = head_end; i < tail_begin && i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (!is_anchor(b)) {
      // Table rows, list items and subheads the rules keep carry the run on.
      if (b.forced || b.score < 0.35) ++dropped_in_a_row;
      else if (open) last = i;
      continue;
    }
    if (!open || dropped_in_a_row >= apart_gap) {
      close();
      first = i;
      words = 0;
      open = true;
    }
    dropped_in_a_row = 0;
    last = i;
    words += static_cast<std::size_t>(b.features.words);
  }
  close();
  for (std::size_t i = head_end; i < tail_begin && i < blocks.size(); ++i)
    blocks[i].apart = best_words > 0 && (i < best_first || i > best_last);
}

// Whether the page has an article: a paragraph of prose to place the rest by.
bool label_by_position(std::vector<Block>& blocks, bool title_case_headlines) {
  const auto first = std::find_if(blocks.begin(), blocks.end(), is_anchor);
  if (first == blocks.end()) {  // no article paragraph: keep what is not furniture
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      Block& b = blocks[i];
      // A results list or a table is the page's text, though its rows,
      // names and numbers without small words, read as a menu.
      const bool row = !b.forced && b.cues.weight == 0 && !repeated(b) && table_row(blocks, i);
      // So is the place and date it was filed from, under its title, though
      // other stories were filed from there ("LONDON 1996-08-31").
      const bool filed = i > 0 && i <= 2 && blocks[0].score >= 0.5 && dateline(b);
      b.content = !b.forced && (b.score >= 0.5 || row || filed);
      if (b.score < 0.5 && (row || filed)) b.reasons.push_back(row ? "a row of a table" : "dateline");
      b.place = Place::body;
    }
    return false;
  }
  const auto head_end = extend_back_over_near_good(blocks, static_cast<std::size_t>(first - blocks.begin()));
  auto tail_begin =
      blocks.size() - static_cast<std::size_t>(std::find_if(blocks.rbegin(), blocks.rend(), is_anchor) -
                                               blocks.rbegin());
  tail_begin = comment_thread_start(blocks, head_end, extend_over_near_good(blocks, tail_begin));
  const auto headline = find_headline(blocks, head_end, title_case_headlines);
  mark_apart(blocks, head_end, tail_begin);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    b.place = i < head_end ? (headline == i ? Place::headline : Place::head)
              : i >= tail_begin ? Place::tail : Place::body;
    if (b.forced) {
      b.content = false;
    } else if (i < head_end) {
      // The article's dateline, between its headline and its first paragraph.
      const bool filed = headline && i > *headline && dateline(b) &&
                         std::all_of(blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                     blocks.begin() + static_cast<std::ptrdiff_t>(head_end),
                                     [](const Block& between) { return credit_like(between) || between.cues.weight > 0; });
      b.content = headline == i || filed;
      b.reasons.push_back(headline == i ? "headline" : filed ? "dateline" : "at head, before the article");
    } else if (i >= tail_begin) {
      b.content = false;
      b.reasons.push_back("at tail, after the article");
    } else {
      b.content = b.score >= 0.35;
      if (b.content && !is_anchor(b)) b.reasons.push_back("short, between content");
      if (b.apart) b.reasons.push_back("apart from the article's main run");
    }
  }
  return true;
}

// The text the classifier keeps before corpus counts weigh in: what makes
// a story a story, the same in every copy, whatever the corpus holds.
std::vector<std::string_view> own_evidence_content(const std::vector<Unit>& units, const std::vector<Block>& blocks,
                                                   bool title_case_headlines) {
  std::vector<Block> judged = blocks;
  label_by_position(judged, title_case_headlines);
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

namespace {

// The rules' pass: blocks scored by shape, cues and repetition and placed by
// position. Their verdicts are the model's strongest features, and the
// classifier's answer when there is no model.
// Returns whether the page has an article (label_by_position()).
bool judge_by_rules(std::vector<Segment> segments, const ClassifyContext& context, std::vector<Unit>& units,
                    std::vector<Block>& blocks) {
  static const std::vector<std::string> english{"en"};
  const auto& lexicon = detail::boilerplate_lexicon(context.languages.empty() ? english : context.languages);
  split_into_blocks(segments, lexicon, units, blocks);
  join_wrapped_lines(units, lexicon, blocks);
  for (auto& unit : units) unit.segment.fingerprint = segment_fingerprint(unit.segment.text);
  for (auto& block : blocks) score_block(block);
  const bool title_case = lexicon.title_case_headlines();
  if (context.on_story) context.on_story(story_signature(own_evidence_content(units, blocks, title_case)));
  count_repeats(units, blocks, context);
  weigh_repetition(blocks);
  for (auto& block : blocks) block.rule_score = block.score;
  return label_by_position(blocks, title_case);
}

// A page of at most this many blocks is judged by the rules inside its article.
constexpr std::size_t small_page_blocks = 10;

// A paragraph with at least this many time-stamped short lines among the
// four blocks either side sits in a thread ("Posted By: NAME | January 7
// 2008 at 03:06 PM" between comments) or a live blog's entries: the model,
// which reads how many there are, judges it.
constexpr int thread_stamps = 2;

// Whether the rules' verdict on blocks[i] stands whatever the model says.
// A paragraph of prose inside the article's main run stays: the pages the
// model learnt from are whole sites' pages, where long text is as often a
// comment or a teaser, and on a short clean article it would drop the
// article itself. A paragraph apart from the main run, one between time
// stamps, or one with a cue of furniture (a comment policy, a call to write
// in, a syndication note), is the model's to judge like any other block. Nor does
// a row of a table the rules keep (standings, results, prices) move: the
// training pages' tables came one cell a line, so the model never saw a row
// and reads it as a menu. What the splitter forced stays boilerplate.
bool rules_verdict_stands(const std::vector<Block>& blocks, std::size_t i) {
  const Block& b = blocks[i];
  if (b.forced) return true;
  if (b.content && b.shape == Shape::good && b.place == Place::body && b.cues.weight == 0 && !b.apart &&
      detail::stamps_near(blocks, i) < thread_stamps)
    return true;
  // On a page of a few blocks (a brief, a note) the model has nothing to
  // weigh a sentence against: it learnt from whole pages, where a sentence
  // with one paragraph near it is as often a teaser's blurb.
  if (blocks.size() <= small_page_blocks && b.content && b.shape == Shape::near_good && b.place == Place::body &&
      b.cues.weight == 0 && !repeated(b))
    return true;
  // Nor a dateline the rules keep: pages put few on a line of their own.
  if (b.content && b.place == Place::head && dateline(b)) return true;
  return b.content && table_row(blocks, i);
}

// The model's verdict on each block, from the rules' evidence around it.
// What the splitter forced stays boilerplate: that is decided by construction.
void judge_by_model(const detail::BoilerplateModel& model, bool explain, std::vector<Block>& blocks) {
  std::array<float, detail::model_feature_count> features{};
  // Features read the rules' verdicts of the neighbours, so all are read
  // before any changes. Where the rules' verdict stands the model is asked
  // only for --explain: walking its trees is a tenth of cleaning's work.
  std::vector<bool> stands(blocks.size());
  std::vector<double> probability(blocks.size(), -1.0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    stands[i] = rules_verdict_stands(blocks, i);
    if (stands[i] && !explain) continue;
    detail::model_features(blocks, i, features);
    probability[i] = detail::content_probability(model, features);
    if (blocks[i].forced) continue;
    auto& reasons = blocks[i].reasons;
    reasons.push_back("model: " + std::to_string(std::lround(probability[i] * 100)) + "% content");
    if (explain)
      for (auto& why : detail::strongest_features(model, features, 2)) reasons.push_back(std::move(why));
  }
  std::vector<bool> rules_kept(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) rules_kept[i] = blocks[i].content;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (probability[i] >= 0) b.score = probability[i];
    if (stands[i]) continue;
    const double needed = b.content ? detail::model_drops_below : detail::model_keeps_from;
    b.content = probability[i] >= needed;
  }
  // What heads or follows the content that stays, inside the article: a
  // subhead above a table or a list ("Prices this week"), a sentence under
  // a table, and the items of a list. The model learnt from pages whose short blocks
  // inside the body were mostly teasers and labels, and drops these.
  for (std::size_t i = blocks.size(); i-- > 0;) {
    Block& b = blocks[i];
    if (b.content || !rules_kept[i] || b.place != Place::body || b.cues.weight > 0 || repeated(b)) continue;
    const auto list_item = [&](std::size_t j) { return j < blocks.size() && blocks[j].features.list_item; };
    const auto quantity = [&](std::size_t j) { return j < blocks.size() && blocks[j].features.quantity_line; };
    const bool table_or_list_below = i + 1 < blocks.size() && blocks[i + 1].content &&
                             (table_row(blocks, i + 1) || list_item(i + 1) || quantity(i + 1));
    const bool table_above = i > 0 && blocks[i - 1].content && table_row(blocks, i - 1);
    const Features& f = b.features;
    const bool subhead = b.shape == Shape::short_text && f.words <= 12 && !f.sentence_end && table_or_list_below;
    const bool after_table = b.shape == Shape::near_good && table_above;
    // An item of a list inside the article (steps, key facts): one of two
    // or more items in a row, of three words or more (the starred fields of
    // a form are one or two).
    const bool in_list = list_item(i) && f.words >= 3 && (list_item(i + 1) || (i > 0 && list_item(i - 1)));
    // Or a line of a run of three or more that start with a quantity
    // ("500 g flour", "2 eggs"): a list of ingredients or of figures.
    const bool in_quantities = quantity(i) && ((quantity(i + 1) && quantity(i + 2)) ||
                                               (i > 0 && quantity(i - 1) && quantity(i + 1)) ||
                                               (i > 1 && quantity(i - 1) && quantity(i - 2)));
    if (subhead || after_table || in_list || in_quantities) b.content = true;
  }
}

}  // namespace

std::vector<Segment> classify(std::vector<Segment> segments, const ClassifyContext& context) {
  std::vector<Unit> units;
  std::vector<Block> blocks;
  // A page without a paragraph of prose (a note, a list, a one-line file) is
  // not what the model learnt from: there the rules keep all that is not
  // furniture, since a lost line is a lost search hit.
  const bool article = judge_by_rules(std::move(segments), context, units, blocks);
  if (const auto* model = detail::boilerplate_model(); model && article) judge_by_model(*model, context.explain, blocks);
  return emit(units, blocks);
}

std::vector<TrainingBlock> training_blocks(std::vector<Segment> segments, const ClassifyContext& context) {
  std::vector<Unit> units;
  std::vector<Block> blocks;
  // Only pages the model judges: those with an article.
  if (!judge_by_rules(std::move(segments), context, units, blocks)) return {};
  std::vector<TrainingBlock> out;
  out.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    TrainingBlock& row = out.emplace_back();
    row.line = blocks[i].line;
    row.forced = blocks[i].forced;
    for (std::size_t u = blocks[i].first; u < blocks[i].last; ++u) row.texts.push_back(units[u].segment.text);
    row.features.resize(detail::model_feature_count);
    detail::model_features(blocks, i, row.features);
  }
  return out;
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
