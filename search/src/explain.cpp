// --show --explain: see explain.hpp.
#include "winnow/search/explain.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include <unistd.h>

#include <xapian.h>

#include "winnow/filters/hash.hpp"
#include "winnow/index/local_index.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::search {
namespace fs = std::filesystem;

std::optional<fs::path> indexer_program() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) return std::nullopt;
  for (const fs::path& candidate : {self.parent_path() / "winnow-index",
                                    self.parent_path() / WINNOW_INDEX_FROM_SEARCH_BUILD}) {
    if (fs::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::string index_folder_holding(const std::vector<std::string>& locations, const std::string& path) {
  const std::string term = index::schema::unique_id_term(path);
  for (const auto& location : locations) {
    std::error_code error;
    if (!fs::is_directory(location, error) || !fs::exists(fs::path(location) / "iamglass", error)) continue;
    try {
      const Xapian::Database db = index::open_local_index(location);
      if (db.term_exists(term)) return location;
    } catch (const Xapian::Error&) {
      // Not readable as an index: another location may hold the article.
    }
  }
  return {};
}

FileNow file_now(const std::string& path, const std::string& indexed_hash) {
  FileNow now;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    now.problem = std::strerror(errno);
    return now;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    now.problem = "cannot be read";
    return now;
  }
  now.readable = true;
  now.changed = index::schema::hex64(filters::hash64(bytes)) != indexed_hash;
  return now;
}

}  // namespace winnow::search
