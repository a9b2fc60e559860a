// Character helpers shared by the entity stage and entity_key(), which the
// search program links without the rest of the entity stage (and so without
// the gazetteers and their libraries).
#pragma once

#include <cstdint>
#include <string_view>

#include <unicode/uchar.h>

#include "utf8.hpp"

namespace winnow::filters::detail {

// One code point of UTF-8 at offset, advancing offset. ASCII, most of the
// text, is answered before ICU's macro.
inline UChar32 decode_at(std::string_view text, std::int32_t& offset) {
  const auto byte = static_cast<unsigned char>(text[static_cast<std::size_t>(offset)]);
  if (byte < 0x80) {
    ++offset;
    return byte;
  }
  return detail::next_code_point(text, offset);
}

inline bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Letters, digits and combining marks: what a key keeps.
inline bool is_word_char(UChar32 c) {
  if (c < 0x80) return c > 0 && ascii_alnum(static_cast<char>(c));
  return u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

}  // namespace winnow::filters::detail
