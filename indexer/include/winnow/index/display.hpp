// What both programs show users: paths relative to where they stand, text safe for a terminal.
#pragma once

#include <string>
#include <string_view>

namespace winnow::index {

/// The path relative to the current folder when the file is under it, else as given.
[[nodiscard]] std::string display_path(const std::string& absolute_path);

/// Replaces control characters (C0 but tab, newline included, DEL, C1, and any escape sequence
/// they could start) with a space, so a document cannot drive the terminal.
[[nodiscard]] std::string terminal_safe(std::string_view utf8);

}  // namespace winnow::index
