// The failure memory: files that could not be indexed, kept in the index's metadata until they change.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "winnow/index/prepare.hpp"

namespace winnow::index::detail {

/// Where a failure was found. The walk's failures (a broken link, a .pdf, a
/// file over --max-size) are found again on every run from a stat, without
/// reading; a read failure (binary, empty, unreadable, undecodable) is only
/// found by reading the file, which the memory spares.
enum class FailureStage { walk, read };

/// The files that failed in earlier runs, read from the index once per run,
/// and this run's failures, written back by save(). A failure is remembered
/// with the file's size, mtime and ctime (chmod changes only the ctime, and
/// a file made readable must be tried again); while all three are the same,
/// the file is not read and not noted again (after omega's index_file.cc).
class FailedFiles {
 public:
  /// Reads every entry under schema::failed_file_prefix: one pass over those
  /// metadata keys, so a re-scan costs no look-up per file.
  explicit FailedFiles(const Xapian::Database& db);

  /// Whether `file` failed before and has not changed since: a walk failure
  /// with this same `walk_problem`, or, when `walk_problem` is empty (the walk
  /// found nothing wrong), a read failure. Its entry is then kept as it is.
  [[nodiscard]] bool still_failing(const FileInfo& file, const std::string& walk_problem);

  /// Remembers a failure of this run. A file without a stat (ctime_ns 0) is
  /// not remembered: it is noted again next time. `trust_mtime` false (an
  /// mtime in the scan's own second, which a later change could keep) stores
  /// an mtime of 0, so the next run tries the file again. Thread-safe.
  void record(const FileInfo& file, FailureStage stage, const std::string& problem, bool trust_mtime);

  /// Writes this run's new and changed failures, and removes the entries of
  /// files under `walked_roots` that did not fail in this run (indexed now,
  /// or gone). Entries under other roots stay. Writes nothing when nothing changed.
  void save(Xapian::WritableDatabase& db, const std::vector<std::string>& walked_roots);

 private:
  struct Entry {
    std::string key;     ///< its metadata key, empty when not in the index
    std::string stored;  ///< its value in the index, empty when none
    std::string now;     ///< the value this run recorded, empty when it did not fail
    bool kept = false;   ///< still failing, unchanged: left as stored
  };
  std::unordered_map<std::string, Entry> m_entries;  ///< by path
  std::vector<std::string> m_unreadable_keys;        ///< entries that do not parse, removed by save()
  std::mutex m_mutex;                                ///< record() is called from the parts' workers
};

/// Copies every remembered failure of one index into another: an index that
/// holds no document yet is built afresh, and must not forget its failures.
void copy_failed_files(const Xapian::Database& from, Xapian::WritableDatabase& to);

/// The metadata key of `path`'s entry: the prefix and the path, or, over
/// Xapian's key limit, the prefix, the path's head and its hash.
[[nodiscard]] std::string failed_file_key(std::string_view path);

}  // namespace winnow::index::detail
