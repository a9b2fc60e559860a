// UTF-8 as the text stages, the indexer and search walk it: code points, cuts
// at character boundaries, validity and repair, all after ICU's utf8.h.
//
// One rule for ill-formed bytes everywhere: an ill-formed sequence is its
// maximal subpart (the longest start of a well-formed sequence, or one byte),
// read as one negative code point and repaired as one U+FFFD. That is
// Unicode's recommended practice (chapter 3, "U+FFFD Substitution of Maximal
// Subparts"), ICU's U8_NEXT, and what icu::UnicodeString::fromUTF8 gives, so
// code working on UTF-8 sees the characters that ICU's own conversions see.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace winnow::filters::utf8 {

/// next() of a character that does not start with an ASCII byte.
[[nodiscard]] UChar32 next_beyond_ascii(std::string_view text, std::size_t& offset);

/// The code point of the character at `offset` (< text.size()), advancing
/// offset past it; a negative value for an ill-formed sequence, and then
/// offset is past its maximal subpart. ASCII, most of any text, is answered
/// inline, the rest out of line, which keeps the loops that call this small.
inline UChar32 next(std::string_view text, std::size_t& offset) {
  const auto byte = static_cast<unsigned char>(text[offset]);
  if (byte < 0x80) {
    ++offset;
    return byte;
  }
  return next_beyond_ascii(text, offset);
}

/// The code point at `offset`, or 0 at or past the end of text.
inline UChar32 at(std::string_view text, std::size_t offset) {
  return offset < text.size() ? next(text, offset) : 0;
}

/// The offset after the character at `offset`; one more past the end, where
/// at() still reads 0.
inline std::size_t after(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return offset + 1;
  next(text, offset);
  return offset;
}

/// The code point of the character that ends at `offset` (> 0), moving
/// offset back to its start; negative for an ill-formed sequence.
inline UChar32 previous(std::string_view text, std::size_t& offset) {
  const auto byte = static_cast<unsigned char>(text[offset - 1]);
  if (byte < 0x80) {
    --offset;
    return byte;
  }
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto i = static_cast<std::int32_t>(offset);
  UChar32 c = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_PREV(bytes, 0, i, c);
#pragma GCC diagnostic pop
  offset = static_cast<std::size_t>(i);
  return c;
}

/// The code point of the character that ends at `offset`, or 0 at the start of text.
inline UChar32 before(std::string_view text, std::size_t offset) { return offset > 0 ? previous(text, offset) : 0; }

/// `offset` moved back to the start of the character it is inside, or
/// left where it is on a boundary (ICU's U8_SET_CP_START).
inline std::size_t character_start(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset >= text.size()) return offset;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto i = static_cast<std::int32_t>(offset);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_SET_CP_START(bytes, 0, i);
#pragma GCC diagnostic pop
  return static_cast<std::size_t>(i);
}

/// `offset` moved forward to the end of the character it is inside, or left
/// where it is on a boundary.
inline std::size_t character_end(std::string_view text, std::size_t offset) {
  const std::size_t start = character_start(text, offset);
  return start == offset ? offset : after(text, start);
}

/// The longest start of text of at most max_bytes that does not end inside a
/// character: titles, stored fields, the bytes language identification reads.
inline std::string_view cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return text.substr(0, character_start(text, max_bytes));
}

/// Appends the UTF-8 of a code point (0..0x10FFFF, no surrogate).
inline void append(std::string& out, UChar32 c) {
  char bytes[U8_MAX_LENGTH];
  std::int32_t length = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_APPEND_UNSAFE(bytes, length, c);
#pragma GCC diagnostic pop
  out.append(bytes, static_cast<std::size_t>(length));
}

/// The number of characters in valid UTF-8: the bytes that start one.
inline std::size_t length(std::string_view text) {
  std::size_t characters = 0;
  for (const char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return characters;
}

inline bool is_ascii(std::string_view text) {
  unsigned char any = 0;
  for (const char c : text) any |= static_cast<unsigned char>(c);  // no early exit: the compiler vectorises it
  return any < 0x80;
}

inline bool is_valid(std::string_view text) {
  for (std::size_t i = 0; i < text.size();)
    if (next(text, i) < 0) return false;
  return true;
}

/// text with each ill-formed sequence (its maximal subpart) replaced by one U+FFFD.
[[nodiscard]] std::string repaired(std::string_view text);

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

}  // namespace winnow::filters::utf8
