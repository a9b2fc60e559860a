// Where the index lives when --db is not given.
#pragma once

#include <filesystem>

namespace winnow::index {

/// $WINNOW_DB, else $XDG_DATA_HOME/winnow, else ~/.local/share/winnow.
[[nodiscard]] std::filesystem::path default_database();

}  // namespace winnow::index
