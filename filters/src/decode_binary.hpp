// Binary or text by the share of control characters in the leading bytes; stray ones blanked.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::filters::detail {

/// How many leading bytes decide whether a file is binary.
inline constexpr std::size_t binary_sniff_bytes = 8 * 1024;

/// Whether c is a C0 control that text does not hold: U+0000..U+001F but tab,
/// line feed, form feed and carriage return, which the segmenter reads as
/// white space and line ends.
[[nodiscard]] constexpr bool is_stray_control(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
}

/// Stray controls in a file's bytes (or in text decoded from them).
struct ControlCount {
  std::size_t in_head = 0;    ///< in the first binary_sniff_bytes
  std::size_t head_size = 0;  ///< how many bytes the head has
  std::size_t in_all = 0;     ///< in the whole text, the head included

  /// Whether the head is binary data rather than text with a few stray controls.
  [[nodiscard]] bool binary() const;
};

/// Counts the stray controls of UTF-8 or 8-bit text (each is one byte in both).
[[nodiscard]] ControlCount count_controls(std::string_view text);

/// "UTF-16LE" or "UTF-16BE" when bytes without a byte order mark look like
/// UTF-16 text, nullptr otherwise.
[[nodiscard]] const char* detect_bomless_utf16(std::string_view bytes);

/// Replaces each stray control in text by a space and returns the one-line
/// warning that names them, e.g. "22 control characters (NUL) replaced by
/// spaces"; empty when there were none.
[[nodiscard]] std::string blank_controls(std::string& text);

}  // namespace winnow::filters::detail
