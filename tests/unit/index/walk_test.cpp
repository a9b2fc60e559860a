// Unit tests for the indexer's reader and walker: regular files only, never past the limit, links kept in the roots.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "walk.hpp"

namespace fs = std::filesystem;
using namespace winnow::index;

namespace {

/// A root folder with `outside` beside it, removed afterwards; resolved, as
/// a link's target is.
struct Roots {
  fs::path top = fs::canonical(fs::temp_directory_path()) / ("winnow-walk-" + std::to_string(std::random_device{}()));
  fs::path root = top / "root", outside = top / "outside";
  Roots() {
    fs::create_directories(root);
    fs::create_directories(outside);
  }
  ~Roots() { fs::remove_all(top); }
  [[nodiscard]] detail::LinkPolicy policy() const { return detail::LinkPolicy({root.string()}, false); }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// What read_file says of `path`: the bytes, or "problem: ..." when it refuses.
std::string read(const fs::path& path, std::uint64_t max_bytes, const detail::LinkPolicy& links) {
  std::string bytes = "left over", problem;
  if (!detail::read_file(path.string(), max_bytes, links, bytes, problem)) {
    CHECK(bytes.empty());
    return "problem: " + problem;
  }
  return bytes;
}

}  // namespace

TEST_CASE("read_file reads a regular file up to the limit, and refuses one over it", "[walk]") {
  const Roots roots;
  write(roots.root / "a.txt", "0123456789");
  CHECK(read(roots.root / "a.txt", 10, roots.policy()) == "0123456789");
  CHECK(read(roots.root / "a.txt", 9, roots.policy()) == "problem: " + detail::too_large_problem(10, 9));
  CHECK(detail::too_large_problem(20u << 20, 16u << 20) == "too large (20.0 MiB; the limit is 16 MiB, see --max-size)");
}

TEST_CASE("read_file stops at the limit whatever the file claims", "[walk]") {
  // A /proc file says its size is 0, and holds more.
  struct stat info {};
  REQUIRE(::stat("/proc/self/status", &info) == 0);
  REQUIRE(info.st_size == 0);
  const std::string read_back = read("/proc/self/status", 64, detail::LinkPolicy::every_link());
  CHECK(read_back.starts_with("problem: too large ("));
}

TEST_CASE("read_file refuses what is not a regular file, without blocking", "[walk]") {
  const Roots roots;
  REQUIRE(::mkfifo((roots.root / "fifo.txt").c_str(), 0600) == 0);  // no writer: open(2) alone would block
  CHECK(read(roots.root / "fifo.txt", 1 << 20, roots.policy()) == "problem: not a regular file");
  CHECK(read("/dev/zero", 1 << 20, detail::LinkPolicy::every_link()) == "problem: not a regular file");
  CHECK(read(roots.root, 1 << 20, roots.policy()) == "problem: not a regular file");
  CHECK(read(roots.root / "missing.txt", 1 << 20, roots.policy()) == "problem: No such file or directory");
}

TEST_CASE("read_file follows a link only where the walk does", "[walk]") {
  const Roots roots;
  write(roots.root / "in.txt", "inside");
  write(roots.outside / "out.txt", "outside");
  fs::create_symlink(roots.root / "in.txt", roots.root / "to-in.txt");
  fs::create_symlink(roots.outside / "out.txt", roots.root / "to-out.txt");
  fs::create_symlink("/dev/zero", roots.root / "to-zero.txt");
  fs::create_symlink("nowhere.txt", roots.root / "broken.txt");

  CHECK(read(roots.root / "to-in.txt", 100, roots.policy()) == "inside");
  const std::string refused = "problem: symbolic link to " + (roots.outside / "out.txt").string() +
                              ", outside the roots being indexed: not followed (see --follow-symlinks)";
  CHECK(read(roots.root / "to-out.txt", 100, roots.policy()) == refused);
  CHECK(read(roots.root / "broken.txt", 100, roots.policy()) == "problem: broken symbolic link");
  // --follow-symlinks: followed, and still only a regular file is read.
  const detail::LinkPolicy every_link({roots.root.string()}, true);
  CHECK(read(roots.root / "to-out.txt", 100, every_link) == "outside");
  CHECK(read(roots.root / "to-zero.txt", 100, every_link) == "problem: not a regular file");
}

TEST_CASE("the walk skips a link leaving the roots, as left out", "[walk]") {
  const Roots roots;
  write(roots.root / "in.txt", "inside");
  write(roots.outside / "out.txt", "outside");
  fs::create_directory_symlink(roots.outside, roots.root / "away");
  fs::create_symlink("in.txt", roots.root / "again.txt");
  std::vector<std::string> files, skipped;
  const auto walk = [&](const detail::LinkPolicy& links) {
    files.clear();
    skipped.clear();
    detail::FileWalker walker([&](const FileInfo& file) { files.push_back(file.path); },
                              [&](const FileInfo& entry, const std::string&, detail::SkipKind kind) {
                                if (kind == detail::SkipKind::left_out) skipped.push_back(entry.path);
                              },
                              links);
    walker.walk_root(roots.root);
  };
  walk(roots.policy());
  CHECK(files == std::vector<std::string>{(roots.root / "again.txt").string(), (roots.root / "in.txt").string()});
  CHECK(skipped == std::vector<std::string>{(roots.root / "away").string()});
  walk(detail::LinkPolicy({roots.root.string()}, true));
  CHECK(files.size() == 3);
  CHECK(skipped.empty());
}
