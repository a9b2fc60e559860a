// Which folders winnow-index may write: its own index and the build folder it makes beside it.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <sys/types.h>

namespace winnow::index::detail {

/// A --db, or a folder beside it, that winnow did not make: refused (exit 2), left as it is.
class FolderRefused : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// What is at --db before a run writes anything.
enum class IndexTarget {
  nothing,       ///< no such path: the run creates the index
  empty,         ///< an empty folder, or a Xapian database holding no document and no metadata
  winnow_index,  ///< a glass database that carries winnow's marker
};

/// Looks at --db without opening anything by guess: a file (a stub among
/// them), a folder of other files, or a Xapian database without winnow's
/// marker throws FolderRefused naming it.
[[nodiscard]] IndexTarget inspect_index_target(const std::filesystem::path& database);

/// The build folder beside an index (DB.rebuilding): winnow's when it is a
/// real folder (not a symbolic link) holding the build mark file, or empty,
/// or one that an earlier winnow left (a glass database with winnow's metadata).
struct BuildFolder {
  bool present = false;
  std::optional<std::string> refused;  ///< why it is not winnow's, when present and not
};
[[nodiscard]] BuildFolder inspect_build_folder(const std::filesystem::path& folder);

/// Makes the build folder, owner-only, with its mark file; a folder that
/// inspect_build_folder found winnow's gets the mark if it lacks it. Throws
/// FolderRefused for one that is not winnow's.
void prepare_build_folder(const std::filesystem::path& folder);

/// Removes the build folder and everything in it, only when it is winnow's
/// (checked again now: it is never followed through a symbolic link).
void remove_build_folder(const std::filesystem::path& folder);

/// `path` inside the build folder is a real folder or absent: it is about to be written.
void require_real_folder_or_nothing(const std::filesystem::path& path);

/// The permissions for a new index folder swapped in at `database`: those of
/// the index it replaces, or owner-only (0700) for a first one, since an
/// index holds the text of every file it covers.
[[nodiscard]] mode_t index_folder_mode(const std::filesystem::path& database);

}  // namespace winnow::index::detail
