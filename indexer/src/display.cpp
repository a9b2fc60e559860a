// Paths and text as users see them.
#include "winnow/index/display.hpp"

#include <filesystem>

namespace winnow::index {

std::string display_path(const std::string& absolute_path) {
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  if (error) return absolute_path;
  std::string prefix = cwd.string();
  if (prefix.back() != '/') prefix += '/';
  if (absolute_path.starts_with(prefix)) return absolute_path.substr(prefix.size());
  return absolute_path;
}

std::string terminal_safe(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
      out += ' ';
    } else if (byte == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(utf8[i + 1]) <= 0x9F) {
      out += ' ';  // U+0080..U+009F: C1 controls, CSI among them
      ++i;
    } else {
      out += utf8[i];
    }
  }
  return out;
}

}  // namespace winnow::index
