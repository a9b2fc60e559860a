// Where the index lives when --db is not given.
#include <cstdlib>
#include <filesystem>

#include "winnow/index/default_database.hpp"

namespace winnow::index {
namespace fs = std::filesystem;

fs::path default_database() {
  if (const char* db = std::getenv("WINNOW_DB"); db && *db) return db;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return fs::path(data) / "winnow";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "winnow";
}

}  // namespace winnow::index
