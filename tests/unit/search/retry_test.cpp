// Unit tests for with_retries: a read the index changed under is reopened and tried again, a bounded number of times.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>

#include <xapian.h>

#include "winnow/search/retry.hpp"

namespace fs = std::filesystem;
using winnow::search::IndexKeptChanging;
using winnow::search::read_attempts;
using winnow::search::with_retries;

namespace {

/// A temporary folder for an on-disk index, removed afterwards.
struct TempDir {
  fs::path root = fs::temp_directory_path() / ("winnow-retry-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(root); }
  ~TempDir() { fs::remove_all(root); }
};

/// Writes documents 1 to 2,000 (20 terms and 200 bytes of data each) over
/// whatever they were, and commits: enough blocks that a reader two commits
/// behind finds some of its revision's blocks reused.
void rewrite_documents(Xapian::WritableDatabase& writer, int round) {
  for (int id = 1; id <= 2000; ++id) {
    Xapian::Document document;
    for (int term = 0; term < 20; ++term) {
      std::string name = "t";  // appended, not "t" + ...: GCC 12 warns of a memcpy overlap there, wrongly
      name += std::to_string((id * 7 + term + round) % 500);
      document.add_term(name);
    }
    document.set_data("round " + std::to_string(round) + std::string(200, '.'));
    writer.replace_document(Xapian::docid(id), document);
  }
  writer.commit();
}

/// The data of a document near the end and the matches of a term: a read of
/// blocks all over the index.
std::string read_around(const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("t7"));
  const Xapian::MSet matches = enquire.get_mset(0, 100);
  const std::string data = db.get_document(1500).get_data();
  return data.substr(0, data.find('.')) + ", " + std::to_string(matches.size()) + " matches";
}

[[noreturn]] void throw_modified() {
  throw Xapian::DatabaseModifiedError("The revision being read has been discarded - you should call "
                                      "Xapian::Database::reopen() and retry the operation");
}

}  // namespace

TEST_CASE("with_retries: a read that fails twice with DatabaseModifiedError returns its third try's value") {
  Xapian::Database db;
  unsigned calls = 0;
  const int value = with_retries(db, [&] {
    if (++calls <= 2) throw_modified();
    return 42;
  });
  CHECK(value == 42);
  CHECK(calls == 3);
}

TEST_CASE("with_retries: a read that always fails ends after read_attempts tries with one line") {
  Xapian::Database db;
  unsigned calls = 0;
  std::string message;
  try {
    (void)with_retries(db, [&]() -> int {
      ++calls;
      throw_modified();
    });
  } catch (const IndexKeptChanging& error) {
    message = error.what();
  }
  CHECK(calls == read_attempts);
  CHECK(message == "the index changed while it was read, " + std::to_string(read_attempts) + " times in a row; try again");
  CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("with_retries: the number of tries can be chosen") {
  Xapian::Database db;
  unsigned calls = 0;
  const auto always_modified = [&] {
    ++calls;
    throw_modified();
  };
  CHECK_THROWS_AS(with_retries(db, always_modified, 3), IndexKeptChanging);
  CHECK(calls == 3);
}

TEST_CASE("with_retries: other errors pass through at once") {
  Xapian::Database db;
  unsigned calls = 0;
  const auto corrupt = [&] {
    ++calls;
    throw Xapian::DatabaseCorruptError("bad block");
  };
  CHECK_THROWS_AS(with_retries(db, corrupt), Xapian::DatabaseCorruptError);
  CHECK(calls == 1);
  calls = 0;
  const auto failing = [&] {
    ++calls;
    throw std::runtime_error("no");
  };
  CHECK_THROWS_AS(with_retries(db, failing), std::runtime_error);
  CHECK(calls == 1);
}

TEST_CASE("with_retries: a retry reads the index's newest revision") {
  TempDir dir;
  const std::string path = (dir.root / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  writer.add_document(Xapian::Document());
  writer.commit();

  Xapian::Database reader(path);
  writer.add_document(Xapian::Document());
  writer.commit();
  REQUIRE(reader.get_doccount() == 1);  // opened before the second commit

  // The first try fails as though the writer had discarded its revision; the
  // second must see the documents committed since.
  unsigned calls = 0;
  const auto count = with_retries(reader, [&] {
    if (++calls == 1) throw_modified();
    return reader.get_doccount();
  });
  CHECK(calls == 2);
  CHECK(count == 2);
}

TEST_CASE("with_retries: a read whose revision a writer discarded is reopened and succeeds") {
  TempDir dir;
  const std::string path = (dir.root / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  rewrite_documents(writer, 0);
  Xapian::Database reader(path);

  // Commit until a plain read of the reader's revision fails, as it does
  // once the writer reuses that revision's blocks (two commits, here).
  int round = 0;
  bool modified = false;
  while (!modified && round < 10) {
    rewrite_documents(writer, ++round);
    try {
      (void)read_around(reader);
    } catch (const Xapian::DatabaseModifiedError&) {
      modified = true;
    }
  }
  REQUIRE(modified);

  unsigned calls = 0;
  const std::string read = with_retries(reader, [&] {
    ++calls;
    return read_around(reader);
  });
  // The first try still reads the discarded revision (nothing reopened it);
  // the second, after the reopen, reads the last commit.
  CHECK(calls == 2);
  CHECK(read == read_around(Xapian::Database(path)));
  CHECK(read.starts_with("round " + std::to_string(round) + ","));
}
