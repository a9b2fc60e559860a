// Which folders winnow-index may write: lstat before anything, so a symbolic
// link or a folder of someone else's is refused, never written through or removed.
#include "index_folders.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xapian.h>

#include "winnow/index/display.hpp"
#include "winnow/index/local_index.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace fs = std::filesystem;

namespace {

/// The file that marks a build folder as winnow's own.
constexpr const char* build_mark_name = "winnow-build-folder";

std::string shown(const fs::path& path) { return terminal_safe(path.string()); }

bool is_empty_folder(const fs::path& folder) {
  std::error_code error;
  return fs::is_empty(folder, error) && !error;
}

bool holds_regular_file(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// A glass database is opened only by its backend; anything else in a folder is not one.
std::optional<Xapian::Database> glass_in(const fs::path& folder) {
  if (!holds_regular_file(folder / "iamglass")) return std::nullopt;
  return open_local_index(folder.string());
}

}  // namespace

IndexTarget inspect_index_target(const fs::path& database) {
  struct stat info {};
  // stat, not lstat: a --db that is a symbolic link to a folder is the user's choice of place.
  if (::stat(database.c_str(), &info) != 0) {
    if (errno == ENOENT) return IndexTarget::nothing;
    throw fs::filesystem_error("stat", database, std::error_code(errno, std::generic_category()));
  }
  if (!S_ISDIR(info.st_mode)) {
    throw FolderRefused(shown(database) +
                        " is a file, not an index folder; winnow-index writes only folders it made "
                        "(a Xapian stub file is never replaced): give another --db");
  }
  if (is_empty_folder(database)) return IndexTarget::empty;
  if (const auto db = glass_in(database)) {
    if (carries_winnow_marker(*db)) return IndexTarget::winnow_index;
    if (holds_nothing(*db)) return IndexTarget::empty;
    throw FolderRefused(shown(database) + " is a Xapian database that winnow did not write (it has no " +
                        std::string(schema::schema_key) + "); winnow-index leaves it alone: give another --db");
  }
  throw FolderRefused(shown(database) + " holds files but no winnow index; winnow-index leaves it alone: give another --db");
}

BuildFolder inspect_build_folder(const fs::path& folder) {
  BuildFolder found;
  struct stat info {};
  if (::lstat(folder.c_str(), &info) != 0) return found;
  found.present = true;
  if (S_ISLNK(info.st_mode)) {
    found.refused = "is a symbolic link; winnow-index does not write through one";
  } else if (!S_ISDIR(info.st_mode)) {
    found.refused = "is not a folder";
  } else if (!holds_regular_file(folder / build_mark_name) && !is_empty_folder(folder)) {
    // A build an earlier winnow left carries its metadata instead of the mark.
    std::optional<Xapian::Database> db;
    try {
      db = glass_in(folder);
    } catch (const Xapian::Error&) {
    }
    const bool earlier_build = db && (!db->get_metadata(std::string(schema::building_key)).empty() ||
                                      carries_winnow_marker(*db));
    if (!earlier_build) found.refused = "holds files that winnow did not write";
  }
  return found;
}

void prepare_build_folder(const fs::path& folder) {
  const BuildFolder found = inspect_build_folder(folder);
  if (found.refused) {
    throw FolderRefused(shown(folder) + " " + *found.refused + ": move it away or give another --db");
  }
  // Owner-only: the folder becomes the index, which holds the text of every file.
  if (!found.present && ::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    throw std::system_error(errno, std::generic_category(), "cannot create " + shown(folder));
  }
  const fs::path mark = folder / build_mark_name;
  if (holds_regular_file(mark)) return;
  // O_EXCL|O_NOFOLLOW: a link planted under the mark's name is not written through.
  const int fd = ::open(mark.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + shown(mark));
  constexpr std::string_view text = "winnow-index's build folder: removed when the build is swapped in\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written) throw std::system_error(errno, std::generic_category(), "cannot write " + shown(mark));
}

void remove_build_folder(const fs::path& folder) {
  const BuildFolder found = inspect_build_folder(folder);
  if (!found.present || found.refused) return;
  std::error_code ignored;
  fs::remove_all(folder, ignored);  // removes links inside, never what they point to
}

void require_real_folder_or_nothing(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;
  if (!S_ISDIR(info.st_mode)) {
    throw FolderRefused(shown(path) + " is not a folder; winnow-index does not write through it");
  }
}

mode_t index_folder_mode(const fs::path& database) {
  struct stat info {};
  if (::stat(database.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) return info.st_mode & 07777;
  return 0700;
}

}  // namespace winnow::index::detail
