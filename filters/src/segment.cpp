// Segment stage: lines, then ICU sentence segments inside each line.
#include "winnow/filters/segment.hpp"

#include <algorithm>
#include <memory>

#include <unicode/brkiter.h>

#include "winnow/filters/utf8.hpp"

namespace winnow::filters {
namespace {

Segment make_segment(int line, std::string_view text) {
  Segment segment;
  segment.line = line;
  segment.text = std::string(text);
  return segment;
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Trims ASCII white space and U+00A0 (no-break space, which scrapers leave
// where a page had &nbsp;).
std::string_view trim(std::string_view s) {
  constexpr std::string_view nbsp = "\xC2\xA0";
  for (;;) {
    if (!s.empty() && is_space_byte(s.front())) s.remove_prefix(1);
    else if (s.starts_with(nbsp)) s.remove_prefix(nbsp.size());
    else break;
  }
  for (;;) {
    if (!s.empty() && is_space_byte(s.back())) s.remove_suffix(1);
    else if (s.ends_with(nbsp)) s.remove_suffix(nbsp.size());
    else break;
  }
  return s;
}

// The first CR or LF of text, or npos. (std::string_view::find_first_of
// calls memchr on its set of two for every byte of the text.)
std::size_t find_line_end(std::string_view text) {
  const auto hit = std::find_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; });
  return hit == text.end() ? std::string_view::npos : static_cast<std::size_t>(hit - text.begin());
}

// One to three digits and a full stop: the number of a list item or a
// place in a results list, never a sentence of its own.
bool list_number(std::string_view s) {
  if (s.size() < 2 || s.size() > 4 || s.back() != '.') return false;
  return std::all_of(s.begin(), s.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// Building a break iterator loads ICU's rules; do it once per thread, since
// the indexer segments many documents and may do so on several threads.
icu::BreakIterator* sentence_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    return U_FAILURE(status) ? nullptr : std::move(it);
  }();
  return iterator.get();
}

// The iterator reads the line's UTF-8 through a UText, whose boundaries are
// byte offsets, so each sentence is a slice of the line: no conversion to
// UTF-16 and back. A line with ill-formed bytes is first given its U+FFFD
// (utf8::repaired).
void split_sentences(icu::BreakIterator& sentences, std::string_view line, int line_number,
                     std::vector<Segment>& out) {
  if (!utf8::is_valid(line)) {
    const std::string repaired = utf8::repaired(line);
    split_sentences(sentences, repaired, line_number, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  utf8::Utf8Text text(line, status);
  sentences.setText(&text.text, status);  // the iterator keeps its own shallow clone
  if (U_FAILURE(status)) {
    out.push_back(make_segment(line_number, line));
    return;
  }
  int32_t start = sentences.first();
  for (int32_t end = sentences.next(); end != icu::BreakIterator::DONE;
       start = end, end = sentences.next()) {
    std::string_view piece = line.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    // A line opening with a list number ("1. Michelle Freeman (Jamaica)
    // 12.71") is one item, not a sentence "1." and another.
    if (start == 0 && list_number(trim(piece))) {
      const int32_t next = sentences.next();
      if (next == icu::BreakIterator::DONE) {
        out.push_back(make_segment(line_number, trim(piece)));
        return;
      }
      end = next;
      piece = line.substr(0, static_cast<std::size_t>(end));
    }
    const std::string_view trimmed = trim(piece);
    if (!trimmed.empty()) out.push_back(make_segment(line_number, trimmed));
  }
}

}  // namespace

std::vector<Segment> segment(std::string_view text) {
  std::vector<Segment> out;
  icu::BreakIterator* sentences = sentence_iterator();
  int line_number = 0;
  while (!text.empty() || line_number == 0) {
    ++line_number;
    const std::size_t eol = find_line_end(text);
    const std::string_view line = text.substr(0, eol);
    if (eol == std::string_view::npos) {
      text = {};
    } else {
      const bool crlf = text[eol] == '\r' && eol + 1 < text.size() && text[eol + 1] == '\n';
      text.remove_prefix(eol + (crlf ? 2 : 1));
    }
    const std::string_view trimmed = trim(line);
    if (trimmed.empty()) {
      if (text.empty()) break;
      continue;
    }
    if (sentences) split_sentences(*sentences, trimmed, line_number, out);
    else out.push_back(make_segment(line_number, trimmed));
  }
  return out;
}

std::string_view label_name(Label label) {
  return label == Label::content ? "content" : "boilerplate";
}

}  // namespace winnow::filters
