// Word segments: see word_breaks.hpp.
#include "word_breaks.hpp"

#include <array>
#include <cstdint>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include "winnow/filters/utf8.hpp"

namespace winnow::filters::detail {
namespace {

// What a character is to UAX #29's word rules, as far as simple_word_spans
// follows them: letters and digits join (WB5, WB8-10); a full stop or
// apostrophe joins two letters (WB6-7) or two digits (WB11-12), a comma or
// semicolon two digits only; anything else ends a word and starts none.
// `unknown` is a character whose rules are not followed here.
enum class Kind : std::uint8_t { separator, letter, digit, mid_letter_or_number, mid_number, unknown };

constexpr std::array<Kind, 128> ascii_kinds = [] {
  std::array<Kind, 128> kinds{};
  for (unsigned c = 0; c < kinds.size(); ++c) {
    // ICU's rules count '@' a letter, so that an e-mail address is one word.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') kinds[c] = Kind::letter;
    else if (c >= '0' && c <= '9') kinds[c] = Kind::digit;
    else if (c == '.' || c == '\'') kinds[c] = Kind::mid_letter_or_number;  // MidNumLet, Single_Quote
    else if (c == ',' || c == ';') kinds[c] = Kind::mid_number;             // MidNum
    else if (c == '_') kinds[c] = Kind::unknown;                            // ExtendNumLet joins words
    else kinds[c] = Kind::separator;  // spaces, line ends, the rest of ASCII's punctuation
  }
  return kinds;
}();

// A character that is not ASCII is a separator when it is punctuation, a
// symbol or a space of Latin-1, of General Punctuation or a currency sign
// (the quotes, dashes, bullets and signs of Western text) and Unicode gives
// it no part in the word rules (Word_Break=Other). Elsewhere, characters of
// that class can be broken otherwise: ICU reads the symbols of Myanmar or
// Tai Tham with its dictionaries, and CJK radicals as ideographs.
Kind wide_kind(UChar32 c) {
  const bool western = (c >= 0xA0 && c <= 0xFF) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF);
  if (!western || u_getIntPropertyValue(c, UCHAR_WORD_BREAK) != U_WB_OTHER) return Kind::unknown;
  constexpr std::uint32_t separators = U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK;
  if ((U_GET_GC_MASK(c) & separators) == 0) return Kind::unknown;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return Kind::unknown;
  return Kind::separator;
}

// The kind of the character at text[at], and where it ends.
Kind kind_at(std::string_view text, std::size_t at, std::size_t& end) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) {
    end = at + 1;
    return ascii_kinds[byte];
  }
  end = at;
  return wide_kind(utf8::next(text, end));
}

bool joins_across(Kind before, Kind mid, Kind after) {
  if (mid == Kind::mid_letter_or_number) return before == after && (after == Kind::letter || after == Kind::digit);
  return mid == Kind::mid_number && before == Kind::digit && after == Kind::digit;
}

}  // namespace

bool simple_word_spans(std::string_view text, std::vector<WordSpan>& out) {
  out.clear();
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = 0;
    Kind kind = kind_at(text, at, end);
    if (kind == Kind::unknown) return false;
    if (kind != Kind::letter && kind != Kind::digit) {
      at = end;
      continue;
    }
    const std::size_t start = at;
    Kind last = kind;
    at = end;
    while (at < text.size()) {
      kind = kind_at(text, at, end);
      if (kind == Kind::unknown) return false;
      if (kind == Kind::letter || kind == Kind::digit) {
        last = kind;
        at = end;
        continue;
      }
      if (end >= text.size()) break;
      std::size_t after_end = 0;
      const Kind after = kind_at(text, end, after_end);
      if (after == Kind::unknown) return false;
      if (!joins_across(last, kind, after)) break;
      at = end;  // the separator; the character after it joins next
    }
    // ICU's rule status is that of the word's last character ("a1" is a
    // number, "1a" is not).
    out.push_back({start, at, last == Kind::digit});
  }
  return true;
}

std::vector<WordSpan> icu_word_spans(std::string_view text) {
  std::vector<WordSpan> words;
  // One iterator per thread: creating one costs more than breaking a paragraph,
  // and a BreakIterator holds per-text state.
  thread_local const std::unique_ptr<icu::BreakIterator> breaks = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  if (!breaks) return words;
  UErrorCode status = U_ZERO_ERROR;
  utf8::Utf8Text utext(text, status);
  breaks->setText(&utext.text, status);  // the iterator keeps its own shallow clone
  if (U_FAILURE(status)) return words;
  words.reserve(text.size() / 5);
  int32_t start = breaks->first();
  for (int32_t end = breaks->next(); end != icu::BreakIterator::DONE; start = end, end = breaks->next()) {
    const int32_t status_tag = breaks->getRuleStatus();
    if (status_tag >= UBRK_WORD_NONE_LIMIT)
      words.push_back(
          {static_cast<std::size_t>(start), static_cast<std::size_t>(end), status_tag < UBRK_WORD_NUMBER_LIMIT});
  }
  return words;
}

std::vector<WordSpan> word_spans(std::string_view text) {
  // ICU's iterator walks a state machine over every character and was a
  // tenth of what indexing an English article cost (callgrind); the rules
  // such text needs are a few comparisons a byte.
  std::vector<WordSpan> words;
  words.reserve(text.size() / 5);
  if (simple_word_spans(text, words)) return words;
  return icu_word_spans(text);
}

}  // namespace winnow::filters::detail
