// Paths and text as users see them.
#include "winnow/index/display.hpp"

#include <algorithm>
#include <filesystem>

namespace winnow::index {

namespace {

// The current folder with a trailing slash, empty when unknown. Read once:
// neither program changes folder, and a search shows a path per hit.
const std::string& current_folder_prefix() {
  static const std::string prefix = [] {
    std::error_code error;
    std::string folder = std::filesystem::current_path(error).string();
    if (error || folder.empty()) return std::string();
    if (folder.back() != '/') folder += '/';
    return folder;
  }();
  return prefix;
}

}  // namespace

std::string display_path(const std::string& absolute_path) {
  const std::string& prefix = current_folder_prefix();
  if (!prefix.empty() && absolute_path.starts_with(prefix)) return absolute_path.substr(prefix.size());
  return absolute_path;
}

namespace {

// The length of the well-formed UTF-8 sequence at `i` (1 to 4), or 0 when the
// byte there does not start one (a stray continuation byte such as a raw
// 0x9b, the 8-bit CSI; an overlong form; a surrogate; a cut-off sequence).
std::size_t utf8_length(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t least = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, least = 0x80, code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, least = 0x800, code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, least = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (code_point < least || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

// Code points that steer a terminal or the order text is shown in: C0 but the
// layout ones, DEL, C1 (CSI among them), and the bidi controls (U+202E can
// make "txt.exe" read "exe.txt").
bool must_not_reach_terminal(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// "\xHH" or "\uHHHH", by hand: winnow-search does not load libfmt.
void append_escape(std::string& out, char kind, unsigned value, int digits) {
  constexpr std::string_view hex = "0123456789abcdef";
  out += '\\';
  out += kind;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

bool needs_change(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0x20 && lead < 0x7F) {  // the common case: printable ASCII
      ++i;
      continue;
    }
    char32_t c = 0;
    const std::size_t length = utf8_length(text, i, c);
    if (length == 0 || must_not_reach_terminal(c)) return true;
    i += length;
  }
  return false;
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  if (!needs_change(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_length(text, i, c);
    if (length == 0) {
      append_escape(out, 'x', static_cast<unsigned char>(text[i]), 2);  // a byte that is not UTF-8
      ++i;
      continue;
    }
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';  // the layout of a document's text, in a one-line field
    } else if (c < 0x20 || c == 0x7F) {
      append_escape(out, 'x', static_cast<unsigned>(c), 2);
    } else if (must_not_reach_terminal(c)) {
      append_escape(out, 'u', static_cast<unsigned>(c), 4);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string json_terminal_safe(std::string json) {
  if (!needs_change(json)) return json;
  std::string out;
  out.reserve(json.size() + 16);
  for (std::size_t i = 0; i < json.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_length(json, i, c);
    if (length != 0 && must_not_reach_terminal(c) && c >= 0x20) {
      append_escape(out, 'u', static_cast<unsigned>(c), 4);  // inside a JSON string: the same text, escaped
    } else {
      out.append(json, i, std::max<std::size_t>(length, 1));
    }
    i += std::max<std::size_t>(length, 1);
  }
  return out;
}

}  // namespace winnow::index
