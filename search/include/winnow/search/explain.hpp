// --show --explain: which file, which index, and the indexer that explains it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace winnow::search {

/// winnow-index, which --show --explain runs (winnow-search links none of
/// the indexer's stages: language identification and the entity gazetteer
/// would load at every search): beside this program when installed, else
/// where the build tree puts it. Nothing is looked up on PATH.
[[nodiscard]] std::optional<std::filesystem::path> indexer_program();

/// The index folder among the --db `locations` that holds the article
/// indexed from `path` (absolute), for its repetition evidence; empty when
/// none does (remote indexes and stub files are not read for this).
[[nodiscard]] std::string index_folder_holding(const std::vector<std::string>& locations, const std::string& path);

/// What the file at `path` is now, next to what was indexed from it.
struct FileNow {
  bool readable = false;
  bool changed = false;  ///< other bytes than those indexed (content_hash_slot)
  std::string problem;   ///< why it cannot be read
};
[[nodiscard]] FileNow file_now(const std::string& path, const std::string& indexed_hash);

}  // namespace winnow::search
