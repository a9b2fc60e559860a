// Incremental indexer: walks roots, adds new files, replaces changed ones, removes vanished ones.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "winnow/index/default_database.hpp"
#include "winnow/index/prepare.hpp"

namespace winnow::index {

/// The number of cores, at least 1: the default number of worker threads.
[[nodiscard]] unsigned default_jobs();

/// What a run of the indexer is asked to do.
struct IndexOptions {
  std::filesystem::path database;            ///< index folder
  std::vector<std::filesystem::path> paths;  ///< files and folders; empty = the remembered roots
  bool rebuild = false;                      ///< start from an empty index
  std::uint64_t max_file_bytes = 16u << 20;  ///< larger files are skipped, and never read past
  bool follow_symlinks = false;              ///< also follow links that lead outside every root
  unsigned batch_files = 1000;               ///< files per Xapian transaction
  unsigned jobs = default_jobs();            ///< worker threads for the per-document stages
  /// The text language of documents whose language cannot be identified (--lang).
  std::string default_language{fallback_language};
};

/// What a run did, for the summary line.
struct IndexSummary {
  std::uint64_t added = 0, updated = 0, removed = 0, unchanged = 0, skipped = 0;
  double seconds = 0;
};

/// How far a run is: its phase ("scanning", "indexing", "re-cleaning",
/// "committing"), and the files done of the phase's total (0: not known,
/// as while scanning).
struct IndexProgress {
  std::string_view phase;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
};

/// Where the indexer reports: one-line notes about files, and progress.
struct IndexReporter {
  std::function<void(const std::string& path, const std::string& problem)> note;
  std::function<void(const IndexProgress&)> progress;  ///< may be empty
};

/// Another process holds the index's write lock.
class IndexLocked : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Brings the index up to date with the files under the given (or remembered) roots.
/// With `rebuild`, an existing index is rebuilt in a folder beside it and swapped in.
/// Throws IndexLocked, or Xapian::Error when the index is unwritable or corrupt.
IndexSummary run_index(const IndexOptions& options, const IndexReporter& reporter);

/// The roots the index at `database` remembers (the folders and files a run
/// without PATH re-scans), absolute. Throws std::invalid_argument when there
/// is no index there.
[[nodiscard]] std::vector<std::string> remembered_roots(const std::filesystem::path& database);

/// Drops `root` from the roots of the index at options.database, and its
/// documents with it (those under no other root), as if its files were
/// gone. Throws std::invalid_argument when there is no index or `root` is
/// not one of its roots; IndexLocked when another run holds the index.
IndexSummary forget_root(const IndexOptions& options, const std::filesystem::path& root, const IndexReporter& reporter);

/// "indexed N new, U updated, R removed, S unchanged, K skipped in T s"
[[nodiscard]] std::string summary_line(const IndexSummary& summary);


}  // namespace winnow::index
