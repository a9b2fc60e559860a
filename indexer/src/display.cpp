// Paths and text as users see them.
#include "winnow/index/display.hpp"

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
