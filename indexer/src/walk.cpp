// File walking for the indexer: POSIX stat so broken links, loops and permissions get clear notes.
#include "walk.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "winnow/index/display.hpp"

namespace winnow::index::detail {
namespace fs = std::filesystem;

namespace {

std::string stat_problem(const fs::path& path, int error) {
  struct stat link_info {};
  const bool is_link = ::lstat(path.c_str(), &link_info) == 0 && S_ISLNK(link_info.st_mode);
  if (is_link && error == ENOENT) return "broken symbolic link";
  if (error == ELOOP) return "symbolic link loop";
  return std::strerror(error);
}

std::int64_t nanoseconds(const struct timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

FileInfo file_info(const fs::path& path, const struct stat& info) {
  return FileInfo{path.string(), nanoseconds(info.st_mtim), static_cast<std::uint64_t>(info.st_size),
                  nanoseconds(info.st_ctim)};
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The path with every symbolic link and "..", resolved, or nothing when it
// cannot be (broken, a loop, unreadable).
std::optional<std::string> resolved(const std::string& path) {
  char* const real = ::realpath(path.c_str(), nullptr);
  if (!real) return std::nullopt;
  std::string out(real);
  std::free(real);
  return out;
}

}  // namespace

LinkPolicy::LinkPolicy(const std::vector<std::string>& roots, bool follow_every_link)
    : m_follow_every_link(follow_every_link) {
  for (const auto& root : roots) {
    if (auto real = resolved(root)) m_resolved_roots.push_back(std::move(*real));
  }
}

std::optional<std::string> LinkPolicy::refusal(const std::string& path) const {
  if (m_follow_every_link) return std::nullopt;
  const auto target = resolved(path);
  if (!target) return std::nullopt;
  for (const auto& root : m_resolved_roots) {
    if (is_under_root(*target, root)) return std::nullopt;
  }
  return "symbolic link to " + terminal_safe(*target) +
         ", outside the roots being indexed: not followed (see --follow-symlinks)";
}

FileWalker::FileWalker(std::function<void(const FileInfo&)> on_file,
                       std::function<void(const FileInfo&, const std::string&, SkipKind)> on_skip, LinkPolicy links,
                       const std::vector<fs::path>& skipped_folders)
    : m_on_file(std::move(on_file)), m_on_skip(std::move(on_skip)), m_links(std::move(links)) {
  for (const auto& folder : skipped_folders) {
    struct stat info {};
    if (::stat(folder.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
      m_skipped_folders.insert({info.st_dev, info.st_ino});
    }
  }
}

std::vector<fs::path> index_folders(const fs::path& database) {
  const std::string folder = without_trailing_slash(database.lexically_normal().string());
  return {folder, folder + ".rebuilding"};
}

bool looks_like_text_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension.empty() || extension == ".txt" || extension == ".text";
}

void FileWalker::walk_root(const fs::path& root) { visit(root, true); }

void FileWalker::visit(const fs::path& path, bool named_by_user) {
  // lstat first: a link is resolved, and judged, only when it is one.
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    skip(path, stat_problem(path, errno));
    return;
  }
  if (S_ISLNK(info.st_mode)) {
    if (!named_by_user) {
      if (auto refusal = m_links.refusal(path.string())) {
        skip(path, *refusal, SkipKind::left_out);
        return;
      }
    }
    if (::stat(path.c_str(), &info) != 0) {
      skip(path, stat_problem(path, errno));
      return;
    }
  }
  if (S_ISDIR(info.st_mode)) {
    if (m_skipped_folders.contains({info.st_dev, info.st_ino})) return;
    // A folder reached twice (through a symlink to an ancestor) would recurse forever.
    if (!m_folders_seen.insert({info.st_dev, info.st_ino}).second) {
      skip(path, "symbolic link loop (folder already indexed in this run)");
      return;
    }
    walk_folder(path);
    return;
  }
  if (!S_ISREG(info.st_mode)) {
    skip(path, "not a regular file");
    return;
  }
  if (!named_by_user && !looks_like_text_file(path)) {
    skip(path, "not a text file (" + path.extension().string() + "), skipped");
    return;
  }
  m_on_file(file_info(path, info));
}

// Remembered by the entry's own lstat, so that a broken link, which has no
// other, is remembered too.
void FileWalker::skip(const fs::path& path, const std::string& problem, SkipKind kind) {
  struct stat info {};
  m_on_skip(::lstat(path.c_str(), &info) == 0 ? file_info(path, info) : FileInfo{path.string()}, problem, kind);
}

void FileWalker::walk_folder(const fs::path& folder) {
  std::error_code error;
  fs::directory_iterator it(folder, error);
  if (error) {
    skip(folder, error.message());
    return;
  }
  // Sorted, so runs are repeatable and progress is predictable.
  std::vector<fs::path> entries;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') continue;  // hidden files and folders
    entries.push_back(it->path());
  }
  if (error) skip(folder, error.message());
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) visit(entry, false);
}

bool is_under_root(const std::string& path, const std::string& root) {
  if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '/' || root == "/";
}

std::optional<std::string> root_problem(const std::string& root) {
  struct stat info {};
  if (::stat(root.c_str(), &info) == 0) return std::nullopt;
  const int error = errno;
  struct stat link_info {};
  if (error == ENOENT && ::lstat(root.c_str(), &link_info) != 0) return "no such file or folder";
  return stat_problem(root, error);
}

void require_roots(const std::vector<std::string>& roots) {
  for (const auto& root : roots) {
    if (const auto problem = root_problem(root)) throw std::invalid_argument(terminal_safe(root) + ": " + *problem);
  }
}

std::vector<std::string> roots_found(const std::vector<std::string>& roots, const SkipNote& note, bool rebuilding) {
  std::vector<std::string> found;
  for (const auto& root : roots) {
    if (const auto problem = root_problem(root)) {
      // An unmounted disk or a folder moved away for a while: dropping its
      // documents would mean indexing them all again when it is back.
      note(root, *problem + (rebuilding ? "; nothing from it is in the rebuilt index" : "; its documents are kept"));
    } else {
      found.push_back(root);
    }
  }
  return found;
}

std::string too_large_problem(std::uint64_t size, std::uint64_t max_bytes) {
  return fmt::format("too large ({:.1f} MiB; the limit is {} MiB, see --max-size)",
                     static_cast<double>(size) / (1 << 20), max_bytes >> 20);
}

namespace {

// Opens `path` for reading without blocking (a FIFO with no writer would
// block open(2) forever), following a final symbolic link only when `links`
// does: O_NOFOLLOW refuses one, and only then is it resolved and judged.
int open_for_reading(const std::string& path, const LinkPolicy& links, std::string& problem) {
  constexpr int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  int fd = ::open(path.c_str(), flags | (links.follows_every_link() ? 0 : O_NOFOLLOW));
  if (fd < 0 && errno == ELOOP && !links.follows_every_link()) {
    if (auto refusal = links.refusal(path)) {
      problem = std::move(*refusal);
      return -1;
    }
    fd = ::open(path.c_str(), flags);
  }
  if (fd < 0) problem = stat_problem(path, errno);
  return fd;
}

// Reads `fd` to its end or to `max_bytes` + 1 bytes, whichever comes first:
// what the file claims (st_size) bounds nothing, it can grow.
bool read_bounded(int fd, std::uint64_t max_bytes, std::uint64_t expected, std::string& bytes, std::string& problem) {
  const std::uint64_t cap = max_bytes == std::numeric_limits<std::uint64_t>::max() ? max_bytes : max_bytes + 1;
  bytes.reserve(static_cast<std::size_t>(std::min(expected, cap)));
  char buffer[1 << 16];
  while (bytes.size() < cap) {
    const std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buffer, cap - bytes.size()));
    const ssize_t got = ::read(fd, buffer, wanted);
    if (got == 0) return true;
    if (got < 0) {
      if (errno == EINTR) continue;
      problem = std::strerror(errno);
      return false;
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return true;
}

}  // namespace

bool read_file(const std::string& path, std::uint64_t max_bytes, const LinkPolicy& links, std::string& bytes,
               std::string& problem) {
  bytes.clear();
  const int fd = open_for_reading(path, links, problem);
  if (fd < 0) return false;
  struct stat info {};
  bool ok = false;
  if (::fstat(fd, &info) != 0) {
    problem = std::strerror(errno);
  } else if (!S_ISREG(info.st_mode)) {
    problem = "not a regular file";
  } else if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    problem = too_large_problem(static_cast<std::uint64_t>(info.st_size), max_bytes);
  } else if (read_bounded(fd, max_bytes, static_cast<std::uint64_t>(info.st_size), bytes, problem)) {
    ok = bytes.size() <= max_bytes;
    if (!ok) {
      // Grown past the limit since the walk's stat: its size now, if it says more.
      std::uint64_t size = bytes.size();
      if (::fstat(fd, &info) == 0) size = std::max(size, static_cast<std::uint64_t>(info.st_size));
      problem = too_large_problem(size, max_bytes);
    }
  }
  ::close(fd);
  if (!ok) bytes.clear();
  return ok;
}

void test_before_read() {
  static const char* const command = std::getenv("WINNOW_TEST_BEFORE_READ");
  static bool done = false;
  if (!command || done) return;
  done = true;
  if (std::system(command) != 0) std::fprintf(stderr, "winnow-index: WINNOW_TEST_BEFORE_READ failed\n");
}

}  // namespace winnow::index::detail
