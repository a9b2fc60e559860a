// Paths and text as users see them.
#include "winnow/index/display.hpp"

#include <algorithm>
#include <filesystem>

#include "winnow/filters/utf8.hpp"

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

std::string wrap_at_spaces(std::string_view text, std::size_t width, std::size_t first_column, std::size_t indent) {
  std::string out, word;
  std::size_t column = first_column, word_columns = 0;
  bool line_start = true;
  const auto flush_word = [&] {
    if (word.empty()) return;
    if (!line_start && column + 1 + word_columns > width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word_columns;
    line_start = false;
    word.clear();
    word_columns = 0;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') {
      flush_word();
      continue;
    }
    if (c == '\x1b') {  // an escape sequence, to its final letter
      const std::size_t end = text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", i + 1);
      const std::size_t last = end == std::string_view::npos ? text.size() - 1 : end;
      word += text.substr(i, last - i + 1);
      i = last;
      continue;
    }
    word += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++word_columns;  // a code point's first byte
  }
  flush_word();
  return out;
}

std::string display_path(const std::string& absolute_path) {
  const std::string& prefix = current_folder_prefix();
  if (!prefix.empty() && absolute_path.starts_with(prefix)) return absolute_path.substr(prefix.size());
  return absolute_path;
}

namespace {

// Code points that steer a terminal or the order text is shown in: C0 but the
// layout ones, DEL, C1 (CSI among them), and the bidi controls (U+202E can
// make "txt.exe" read "exe.txt"). Bytes that are not UTF-8 (a stray
// continuation byte such as a raw 0x9b, the 8-bit CSI; an overlong form; a
// surrogate; a cut-off sequence) decode to a negative value.
bool must_not_reach_terminal(UChar32 c) {
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
    if (const UChar32 c = filters::utf8::next(text, i); c < 0 || must_not_reach_terminal(c)) return true;
  }
  return false;
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  if (!needs_change(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const UChar32 c = filters::utf8::next(text, i);
    if (c < 0) {
      for (std::size_t at = start; at < i; ++at)
        append_escape(out, 'x', static_cast<unsigned char>(text[at]), 2);  // bytes that are not UTF-8
      continue;
    }
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';  // the layout of a document's text, in a one-line field
    } else if (c < 0x20 || c == 0x7F) {
      append_escape(out, 'x', static_cast<unsigned>(c), 2);
    } else if (must_not_reach_terminal(c)) {
      append_escape(out, 'u', static_cast<unsigned>(c), 4);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string json_terminal_safe(std::string json) {
  if (!needs_change(json)) return json;
  std::string out;
  out.reserve(json.size() + 16);
  for (std::size_t i = 0; i < json.size();) {
    const std::size_t start = i;
    const UChar32 c = filters::utf8::next(json, i);
    if (c >= 0x20 && must_not_reach_terminal(c)) {
      append_escape(out, 'u', static_cast<unsigned>(c), 4);  // inside a JSON string: the same text, escaped
    } else {
      out.append(json, start, i - start);
    }
  }
  return out;
}

}  // namespace winnow::index
