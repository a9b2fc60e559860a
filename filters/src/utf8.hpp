// UTF-8 helpers shared by the text stages, which work on UTF-8 bytes directly
// rather than round-tripping through icu::UnicodeString.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace winnow::filters::detail {

/// The code point of UTF-8 at offset i, advancing i past it; a negative value
/// for an ill-formed sequence (then i is past its maximal subpart). ICU's
/// macro narrows ints on purpose, which -Wconversion would flag at every use.
inline UChar32 next_code_point(std::string_view s, std::int32_t& i) {
  UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
#pragma GCC diagnostic pop
  return c;
}

/// The code point that ends just before offset i (i > 0) of valid UTF-8.
inline UChar32 code_point_before(std::string_view s, std::int32_t i) {
  UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_PREV(s.data(), 0, i, c);
#pragma GCC diagnostic pop
  return c;
}

inline bool is_ascii(std::string_view s) {
  unsigned char any = 0;
  for (const char c : s) any |= static_cast<unsigned char>(c);  // no early exit: the compiler vectorises it
  return any < 0x80;
}

inline bool is_valid_utf8(std::string_view s) {
  for (std::int32_t i = 0, length = static_cast<std::int32_t>(s.size()); i < length;)
    if (next_code_point(s, i) < 0) return false;
  return true;
}

/// s with each ill-formed sequence replaced by U+FFFD exactly as
/// icu::UnicodeString::fromUTF8 replaces it, so that code working on UTF-8
/// sees the characters the UnicodeString code it replaced saw.
inline std::string repaired_utf8(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size()))).toUTF8String(out);
  return out;
}

/// A UText over UTF-8 bytes, closed when it goes out of scope. ICU's break
/// iterators read it directly, and their boundaries are then byte offsets
/// into the UTF-8, so the pieces are slices of it.
struct Utf8Text {
  UText text = UTEXT_INITIALIZER;
  Utf8Text(std::string_view utf8, UErrorCode& status) {
    utext_openUTF8(&text, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  }
  ~Utf8Text() { utext_close(&text); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
};

}  // namespace winnow::filters::detail
