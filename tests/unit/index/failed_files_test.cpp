// Unit tests for the failure memory: what a failed file is remembered by, and when it is forgotten.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include <xapian.h>

#include "failed_files.hpp"
#include "winnow/index/indexer.hpp"
#include "winnow/index/schema.hpp"

namespace fs = std::filesystem;
using namespace winnow::index;
using detail::FailedFiles;
using detail::FailureStage;

namespace {

/// A temporary folder, removed afterwards.
struct TempFolder {
  fs::path path = fs::temp_directory_path() / ("winnow-failed-" + std::to_string(std::random_device{}()));
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() { fs::remove_all(path); }
  /// An index in it (the in-memory backend lists no metadata keys).
  Xapian::WritableDatabase database() const {
    return Xapian::WritableDatabase((path / "db").string(), Xapian::DB_CREATE);
  }
};

const FileInfo binary{"/articles/a.bin.txt", 1'700'000'000'000'000'000, 4096, 1'700'000'000'000'000'000};

/// The paths the index remembers as failed, sorted (metadata keys are).
std::vector<std::string> remembered(const Xapian::Database& db) {
  std::vector<std::string> keys;
  const std::string prefix(schema::failed_file_prefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) keys.push_back(*it);
  return keys;
}

}  // namespace

TEST_CASE("a failed file is remembered by its size, mtime and ctime", "[failed]") {
  TempFolder temp;
  Xapian::WritableDatabase db = temp.database();
  {
    FailedFiles failed(db);
    CHECK_FALSE(failed.still_failing(binary, ""));
    failed.record(binary, FailureStage::read, "binary data", true);
    failed.save(db, {"/articles"});
  }
  CHECK(remembered(db) == std::vector<std::string>{"winnow:failed:/articles/a.bin.txt"});
  FailedFiles failed(db);
  CHECK(failed.still_failing(binary, ""));
  FileInfo edited = binary;
  edited.mtime_ns += 1;
  CHECK_FALSE(failed.still_failing(edited, ""));
  FileInfo grown = binary;
  grown.size += 1;
  CHECK_FALSE(failed.still_failing(grown, ""));
  // chmod changes only the ctime: a file made readable is tried again.
  FileInfo made_readable = binary;
  made_readable.ctime_ns += 1;
  CHECK_FALSE(failed.still_failing(made_readable, ""));
  // A read failure is not what the walk finds: over --max-size now, it is noted.
  CHECK_FALSE(failed.still_failing(binary, "too large"));
}

TEST_CASE("a walk failure is remembered with its problem", "[failed]") {
  TempFolder temp;
  Xapian::WritableDatabase db = temp.database();
  {
    FailedFiles failed(db);
    failed.record(binary, FailureStage::walk, "too large (limit 16 MiB)", true);
    failed.save(db, {"/articles"});
  }
  FailedFiles failed(db);
  CHECK(failed.still_failing(binary, "too large (limit 16 MiB)"));
  CHECK_FALSE(failed.still_failing(binary, "too large (limit 8 MiB)"));
  // Under a higher --max-size the walk finds nothing: the file is read.
  CHECK_FALSE(failed.still_failing(binary, ""));
}

TEST_CASE("an mtime in the scan's own second is not trusted: the file is tried again", "[failed]") {
  TempFolder temp;
  Xapian::WritableDatabase db = temp.database();
  {
    FailedFiles failed(db);
    failed.record(binary, FailureStage::read, "empty file", false);
    failed.save(db, {"/articles"});
  }
  CHECK(remembered(db).size() == 1);
  FailedFiles failed(db);
  CHECK_FALSE(failed.still_failing(binary, ""));
}

TEST_CASE("an entry goes when its root was walked and the file did not fail, and only then", "[failed]") {
  TempFolder temp;
  Xapian::WritableDatabase db = temp.database();
  FileInfo other = binary;
  other.path = "/elsewhere/b.txt";
  {
    FailedFiles failed(db);
    failed.record(binary, FailureStage::read, "empty file", true);
    failed.record(other, FailureStage::read, "empty file", true);
    failed.save(db, {"/articles", "/elsewhere"});
  }
  CHECK(remembered(db).size() == 2);
  {
    FailedFiles failed(db);  // a run over /articles only, where a.bin.txt is indexed now
    failed.save(db, {"/articles"});
  }
  CHECK(remembered(db) == std::vector<std::string>{"winnow:failed:/elsewhere/b.txt"});
  {
    FailedFiles failed(db);
    failed.record(FileInfo{"/elsewhere/c.txt"}, FailureStage::walk, "broken symbolic link", true);  // no stat
    CHECK(failed.still_failing(other, ""));
    failed.save(db, {"/elsewhere"});
  }
  CHECK(remembered(db) == std::vector<std::string>{"winnow:failed:/elsewhere/b.txt"});
}

TEST_CASE("a path over Xapian's key limit gets a hashed key and is still remembered", "[failed]") {
  const std::string folder = "/articles/" + std::string(150, 'd');
  const std::string long_a = folder + "/" + std::string(200, 'a') + ".txt";
  const std::string long_b = folder + "/" + std::string(200, 'a') + "b.txt";
  CHECK(detail::failed_file_key(long_a).size() <= schema::max_term_bytes);
  CHECK(detail::failed_file_key(long_a) != detail::failed_file_key(long_b));
  CHECK(detail::failed_file_key("/x.txt") == "winnow:failed:/x.txt");

  TempFolder temp;
  Xapian::WritableDatabase db = temp.database();
  FileInfo file = binary;
  file.path = long_a;
  {
    FailedFiles failed(db);
    failed.record(file, FailureStage::read, "binary data", true);
    failed.save(db, {"/articles"});
  }
  FailedFiles failed(db);
  CHECK(failed.still_failing(file, ""));
}

TEST_CASE("the indexer reads a remembered failed file once, and forgets it once indexed", "[failed][indexer]") {
  TempFolder temp;
  fs::create_directories(temp.path / "articles");
  std::ofstream(temp.path / "articles" / "good.txt") << "Bamako is the capital of Mali.\n";
  std::ofstream(temp.path / "articles" / "later.txt");  // empty
  const auto settled = fs::file_time_type::clock::now() - std::chrono::minutes(1);
  fs::last_write_time(temp.path / "articles" / "later.txt", settled);
  std::vector<std::string> notes;
  IndexOptions options;
  options.database = temp.path / "db";
  options.paths = {temp.path / "articles"};
  const IndexReporter reporter{[&](const std::string& path, const std::string& problem) {
                                 notes.push_back(fs::path(path).filename().string() + ": " + problem);
                               },
                               {}};
  CHECK(run_index(options, reporter).skipped == 1);
  CHECK(notes == std::vector<std::string>{"later.txt: empty file"});
  notes.clear();
  CHECK(run_index(options, reporter).skipped == 1);
  CHECK(notes.empty());

  std::ofstream(temp.path / "articles" / "later.txt") << "Gao market reopened on Sunday.\n";
  fs::last_write_time(temp.path / "articles" / "later.txt", settled + std::chrono::seconds(10));
  const auto summary = run_index(options, reporter);
  CHECK(summary.added == 1);
  CHECK(summary.skipped == 0);
  CHECK(remembered(Xapian::Database((temp.path / "db").string())).empty());
}
