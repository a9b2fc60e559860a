// Unit tests for the indexer's reader: regular files only, never past the limit.
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

/// A root folder, removed afterwards.
struct Roots {
  fs::path top = fs::temp_directory_path() / ("winnow-walk-" + std::to_string(std::random_device{}()));
  fs::path root = top / "root";
  Roots() { fs::create_directories(root); }
  ~Roots() { fs::remove_all(top); }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// What read_file says of `path`: the bytes, or "problem: ..." when it refuses.
std::string read(const fs::path& path, std::uint64_t max_bytes) {
  std::string bytes = "left over", problem;
  if (!detail::read_file(path.string(), max_bytes, bytes, problem)) {
    CHECK(bytes.empty());
    return "problem: " + problem;
  }
  return bytes;
}

}  // namespace

TEST_CASE("read_file reads a regular file up to the limit, and refuses one over it", "[walk]") {
  const Roots roots;
  write(roots.root / "a.txt", "0123456789");
  CHECK(read(roots.root / "a.txt", 10) == "0123456789");
  CHECK(read(roots.root / "a.txt", 9) == "problem: " + detail::too_large_problem(10, 9));
  CHECK(detail::too_large_problem(20u << 20, 16u << 20) == "too large (20.0 MiB; the limit is 16 MiB, see --max-size)");
}

TEST_CASE("read_file stops at the limit whatever the file claims", "[walk]") {
  // A /proc file says its size is 0, and holds more.
  struct stat info {};
  REQUIRE(::stat("/proc/self/status", &info) == 0);
  REQUIRE(info.st_size == 0);
  const std::string read_back = read("/proc/self/status", 64);
  CHECK(read_back.starts_with("problem: too large ("));
}

TEST_CASE("read_file refuses what is not a regular file, without blocking", "[walk]") {
  const Roots roots;
  REQUIRE(::mkfifo((roots.root / "fifo.txt").c_str(), 0600) == 0);  // no writer: open(2) alone would block
  CHECK(read(roots.root / "fifo.txt", 1 << 20) == "problem: not a regular file");
  CHECK(read("/dev/zero", 1 << 20) == "problem: not a regular file");
  CHECK(read(roots.root, 1 << 20) == "problem: not a regular file");
  CHECK(read(roots.root / "missing.txt", 1 << 20) == "problem: No such file or directory");
}
