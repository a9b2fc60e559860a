// Character classes of text: see chars.hpp.
#include "winnow/filters/chars.hpp"

#include <array>

namespace winnow::filters::chars {

bool ends_sentence(std::string_view text) {
  // ' " ) ] » ” ’ and a footnote's *.
  constexpr std::array<std::string_view, 8> closers = {"\"", "'", ")", "]", "*", "\xC2\xBB", "\xE2\x80\x9D",
                                                       "\xE2\x80\x99"};
  for (bool stripped = true; stripped && !text.empty();) {
    stripped = false;
    for (const auto closer : closers)
      if (text.ends_with(closer)) {
        text.remove_suffix(closer.size());
        stripped = true;
      }
  }
  return text.ends_with('.') || text.ends_with('!') || text.ends_with('?') || text.ends_with("\xE2\x80\xA6");
}

bool may_start_clause(std::string_view gap) {
  // One pass: a gap is a few bytes, and one is asked about for every word.
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"') return true;
    const std::string_view rest = gap.substr(i);
    // U+201C “, U+2018 ‘, U+2014 — and U+00AB «.
    if (c == '\xE2' && (rest.starts_with("\xE2\x80\x9C") || rest.starts_with("\xE2\x80\x98") ||
                        rest.starts_with("\xE2\x80\x94")))
      return true;
    if (c == '\xC2' && rest.starts_with("\xC2\xAB")) return true;
  }
  return false;
}

}  // namespace winnow::filters::chars
