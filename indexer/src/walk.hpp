// File walking for the indexer: roots to candidate text files, with a note for each bad entry.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

#include "winnow/index/prepare.hpp"

namespace winnow::index::detail {

/// Which symbolic links the indexer follows: those whose target, fully
/// resolved, is inside one of the roots being indexed (so a link cannot
/// bring /etc into an index of ~/articles), or every one (--follow-symlinks).
class LinkPolicy {
 public:
  /// `roots`: absolute paths; each is resolved once, here.
  LinkPolicy(const std::vector<std::string>& roots, bool follow_every_link);

  /// Follows every link: for paths the user named (--explain FILE).
  [[nodiscard]] static LinkPolicy every_link() { return LinkPolicy({}, true); }

  [[nodiscard]] bool follows_every_link() const { return m_follow_every_link; }

  /// Why the symbolic link `path` is not followed, or nothing when it is.
  /// Nothing too when it cannot be resolved (broken, a loop): following it
  /// then gives the error, as for any other path.
  [[nodiscard]] std::optional<std::string> refusal(const std::string& path) const;

 private:
  std::vector<std::string> m_resolved_roots;
  bool m_follow_every_link;
};

/// Why the walk skips an entry: it cannot be indexed now (a broken link, a
/// FIFO, a .pdf), and an indexed version of it is kept; or it is not part
/// of what is indexed (a link not followed), and an indexed version goes.
enum class SkipKind { unindexable, left_out };

/// Walks files and folders. Folders are followed recursively (hidden entries
/// skipped, symlinked folders followed once), text files are passed to
/// `on_file`, anything else to `on_skip` with the reason and what lstat says
/// of the entry (ctime_ns 0 when nothing). A symbolic link that `links` does
/// not follow goes to `on_skip` as SkipKind::left_out (a root is followed
/// whatever it is: the user named it). The `skipped_folders` that exist now are left out silently,
/// however they are reached: they are known by device and inode, not by name.
class FileWalker {
 public:
  FileWalker(std::function<void(const FileInfo&)> on_file,
             std::function<void(const FileInfo& entry, const std::string& problem, SkipKind kind)> on_skip,
             LinkPolicy links, const std::vector<std::filesystem::path>& skipped_folders = {});

  /// Walks one root; a root file is taken whatever its extension.
  void walk_root(const std::filesystem::path& root);

 private:
  void visit(const std::filesystem::path& path, bool named_by_user);
  void walk_folder(const std::filesystem::path& folder);
  void skip(const std::filesystem::path& path, const std::string& problem, SkipKind kind = SkipKind::unindexable);

  std::function<void(const FileInfo&)> m_on_file;
  std::function<void(const FileInfo&, const std::string&, SkipKind)> m_on_skip;
  LinkPolicy m_links;
  std::set<std::pair<dev_t, ino_t>> m_folders_seen;     ///< guards against symlink loops
  std::set<std::pair<dev_t, ino_t>> m_skipped_folders;  ///< the index's own folders
};

/// The index folder and the build folder winnow-index writes beside it
/// (DB.rebuilding, which holds the compacted copy and the swap's old index
/// too: see swap_in). An index kept inside its own root must not be walked:
/// Xapian's files have no extension.
[[nodiscard]] std::vector<std::filesystem::path> index_folders(const std::filesystem::path& database);

/// `path` is `root` or inside it.
[[nodiscard]] bool is_under_root(const std::string& path, const std::string& root);

/// Why `root` cannot be walked at all (e.g. "no such file or folder",
/// "broken symbolic link"), or nothing when it can.
[[nodiscard]] std::optional<std::string> root_problem(const std::string& root);

/// Throws std::invalid_argument "ROOT: problem" for the first root that
/// cannot be walked: a PATH given on the command line must exist, or a typo
/// would become a remembered root that is warned about on every run.
void require_roots(const std::vector<std::string>& roots);

/// A note about a path: IndexReporter::note.
using SkipNote = std::function<void(const std::string& path, const std::string& problem)>;

/// The remembered `roots` that can be walked now; each other one gets a
/// note, and its documents are not removed (the caller walks, and removes
/// documents under, only the roots returned).
[[nodiscard]] std::vector<std::string> roots_found(const std::vector<std::string>& roots, const SkipNote& note,
                                                   bool rebuilding);

/// Text files by name: .txt, .text, or no extension.
[[nodiscard]] bool looks_like_text_file(const std::filesystem::path& path);

/// "too large (20.0 MiB; the limit is 16 MiB, see --max-size)": a file of
/// `size` bytes over the limit of `max_bytes`.
[[nodiscard]] std::string too_large_problem(std::uint64_t size, std::uint64_t max_bytes);

/// Reads a whole regular file of at most `max_bytes`; returns false and sets
/// `problem` (e.g. "Permission denied", "not a regular file", too_large_problem).
/// What is opened is checked, not what the walk saw, since the file can be
/// swapped after the walk: a FIFO or a device is refused without blocking or
/// reading, a file larger than the limit (or growing past it) is not read
/// past it, and a symbolic link is followed only when `links` follows it.
[[nodiscard]] bool read_file(const std::string& path, std::uint64_t max_bytes, const LinkPolicy& links,
                             std::string& bytes, std::string& problem);

/// A test seam: WINNOW_TEST_BEFORE_READ=COMMAND makes a run of the indexer
/// run COMMAND (with /bin/sh) once, after its walk and before it reads any
/// file, so that a test can swap a file the walk saw for a FIFO or a link
/// without racing a timer. Unset, it costs one getenv per run.
void test_before_read();

}  // namespace winnow::index::detail
