// UTF-8 repair: see utf8.hpp.
#include "winnow/filters/utf8.hpp"

namespace winnow::filters::utf8 {

UChar32 next_beyond_ascii(std::string_view text, std::size_t& offset) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t length = text.size();
  UChar32 c = 0;
  // ICU's macro narrows on purpose, which -Wconversion would flag.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  U8_NEXT(bytes, offset, length, c);
#pragma GCC diagnostic pop
  return c;
}

std::string repaired(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (next(text, i) < 0) out += "\xEF\xBF\xBD";
    else out.append(text, start, i - start);
  }
  return out;
}

}  // namespace winnow::filters::utf8
