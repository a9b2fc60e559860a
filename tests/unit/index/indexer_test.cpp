// Unit tests for the incremental indexer on real files and a real Xapian index.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <xapian.h>

#include "fingerprint_table.hpp"
#include "winnow/index/indexer.hpp"
#include "winnow/index/schema.hpp"

namespace fs = std::filesystem;
using namespace winnow;

namespace {

/// The index term of a content word: its stem with the Z prefix (schema.hpp).
std::string content_term(const std::string& word) {
  return index::schema::prefixed(index::schema::stem_prefix, Xapian::Stem("english")(word));
}

/// A temporary folder holding `articles/` and an index, removed afterwards.
struct Workspace {
  fs::path root = fs::temp_directory_path() / ("winnow-test-" + std::to_string(std::random_device{}()));
  std::vector<std::string> notes;
  Workspace() { fs::create_directories(root / "articles"); }
  ~Workspace() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text) { std::ofstream(root / "articles" / name) << text; }
  index::IndexSummary run(bool with_path = true) {
    index::IndexOptions options;
    options.database = root / "db";
    if (with_path) options.paths = {root / "articles"};
    index::IndexReporter reporter;
    reporter.note = [this](const std::string& path, const std::string& problem) {
      notes.push_back(fs::path(path).filename().string() + ": " + problem);
    };
    return index::run_index(options, reporter);
  }
};

}  // namespace

TEST_CASE("a re-run reads nothing unchanged and picks up new, changed and deleted files", "[indexer]") {
  Workspace ws;
  ws.write("a.txt", "Minusma leaves Mali.\n");
  ws.write("b.txt", "Wagner stays in Gao.\n");
  auto first = ws.run();
  CHECK(first.added == 2);

  auto again = ws.run(false);  // no PATH: the remembered root
  CHECK(again.added == 0);
  CHECK(again.unchanged == 2);

  ws.write("c.txt", "A new article about Kidal.\n");
  ws.write("a.txt", "Minusma has left Mali for good.\n");
  fs::remove(ws.root / "articles" / "b.txt");
  auto third = ws.run();
  CHECK(third.added == 1);
  CHECK(third.updated == 1);
  CHECK(third.removed == 1);

  Xapian::Database db((ws.root / "db").string());
  CHECK(db.get_doccount() == 2);
  CHECK(db.get_termfreq(content_term("kidal")) == 1);
  CHECK(db.get_termfreq(content_term("gao")) == 0);
  CHECK(db.get_termfreq(content_term("good")) == 1);
}

TEST_CASE("a file that cannot be indexed is noted and skipped, the rest goes on", "[indexer]") {
  Workspace ws;
  ws.write("good.txt", "Bamako is the capital.\n");
  ws.write("empty.txt", "");
  ws.write("binary.txt", std::string("ELF\0\0\0\x01\x02", 8));
  const auto summary = ws.run();
  CHECK(summary.added == 1);
  CHECK(summary.skipped == 2);
  std::sort(ws.notes.begin(), ws.notes.end());
  CHECK(ws.notes == std::vector<std::string>{"binary.txt: binary data", "empty.txt: empty file"});
}

TEST_CASE("a rebuild starts from an empty index over the remembered roots", "[indexer]") {
  Workspace ws;
  ws.write("a.txt", "Ménaka region.\n");
  ws.run();
  index::IndexOptions options;
  options.database = ws.root / "db";
  options.rebuild = true;
  const auto summary = index::run_index(options, {[](const std::string&, const std::string&) {}, {}});
  CHECK(summary.added == 1);
  CHECK(summary.unchanged == 0);
}

TEST_CASE("the summary line has the contract's wording", "[indexer]") {
  index::IndexSummary summary{1, 2, 3, 4, 5, 0.5};
  CHECK(index::summary_line(summary) == "indexed 1 new, 2 updated, 3 removed, 4 unchanged, 5 skipped in 0.50 s");
}

namespace {

std::string article(const std::string& topic, const std::string& tail) {
  return "Floods close roads around " + topic + "\n\n"
         "Heavy rain flooded the main roads around " + topic + " on Tuesday, officials said, and schools stayed shut.\n\n"
         "Residents of " + topic + " waded through water to reach the market, where traders counted their losses.\n\n"
         "The regional governor promised help for the families who lost their homes in " + topic + " this week.\n\n" +
         tail + "\n";
}

Xapian::doccount documents_with(const Workspace& ws, const std::string& term) {
  return Xapian::Database((ws.root / "db").string()).get_termfreq(term);
}

using Counts = std::map<index::detail::Fingerprint, std::uint32_t>;

/// The corpus counts as the index stores them, every shard read.
Counts stored_counts(const Workspace& ws) {
  const Xapian::Database db((ws.root / "db").string());
  Counts counts;
  for (unsigned shard = 0; shard < index::detail::shard_count; ++shard) {
    for (const auto& [fingerprint, count] :
         index::detail::decode_shard(shard, db.get_metadata(index::detail::shard_key(shard)))) {
      counts[fingerprint] = count;
    }
  }
  return counts;
}

/// The corpus counts as the documents give them: every document's fingerprints.
Counts counted_from_documents(const Workspace& ws) {
  const Xapian::Database db((ws.root / "db").string());
  Counts counts;
  const Xapian::valueno slot = index::schema::fingerprints_slot;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    for (const auto fingerprint : index::detail::decode_fingerprints(*it)) ++counts[fingerprint];
  }
  return counts;
}

bool counts_marked_complete(const Workspace& ws) {
  return Xapian::Database((ws.root / "db").string()).get_metadata(std::string(index::schema::fingerprint_counts_key)) ==
         index::schema::fingerprint_counts_complete;
}

}  // namespace

TEST_CASE("the stored fingerprint counts follow new, edited and deleted files", "[indexer][repetition]") {
  Workspace ws;
  const std::string tail = "Kestrelwood Dispatch reaches readers in forty countries.";
  ws.write("a.txt", article("Gao", tail));
  ws.write("b.txt", article("Mopti", tail));
  ws.write("c.txt", article("Kayes", "Share this article with a friend today."));
  ws.run();
  REQUIRE(counts_marked_complete(ws));
  const Counts first = stored_counts(ws);
  CHECK(first.size() > 8);
  CHECK(first == counted_from_documents(ws));

  ws.write("d.txt", article("Segou", tail));
  ws.write("b.txt", article("Mopti", "A different tail line for the Mopti copy."));
  fs::remove(ws.root / "articles" / "c.txt");
  ws.run();
  CHECK(counts_marked_complete(ws));
  CHECK(stored_counts(ws) == counted_from_documents(ws));
  CHECK(stored_counts(ws) != first);

  fs::remove(ws.root / "articles" / "a.txt");
  fs::remove(ws.root / "articles" / "b.txt");
  fs::remove(ws.root / "articles" / "d.txt");
  ws.run();
  CHECK(stored_counts(ws).empty());  // no document left, no count left
}

TEST_CASE("counts a stopped run left behind are counted again from the documents", "[indexer][repetition]") {
  Workspace ws;
  const std::string tail = "Kestrelwood Dispatch reaches readers in forty countries.";
  for (const std::string topic : {"Gao", "Mopti", "Kayes"}) ws.write(topic + ".txt", article(topic, tail));
  ws.run();
  CHECK(documents_with(ws, content_term("kestrelwood")) == 0);  // three copies: furniture
  {
    // A run that stopped after committing documents, before its counts: the
    // documents are in, the counts lag behind them and are not marked complete.
    Xapian::WritableDatabase db((ws.root / "db").string());
    for (unsigned shard = 0; shard < index::detail::shard_count; ++shard) {
      db.set_metadata(index::detail::shard_key(shard), "");
    }
    db.set_metadata(std::string(index::schema::fingerprint_counts_key), "");
    db.commit();
  }
  ws.write("Segou.txt", article("Segou", tail));
  ws.run();
  // With counts of zero the new copy's tail would be content.
  CHECK(documents_with(ws, content_term("kestrelwood")) == 0);
  CHECK(documents_with(ws, content_term("segou")) == 1);
  CHECK(counts_marked_complete(ws));
  CHECK(stored_counts(ws) == counted_from_documents(ws));
}

TEST_CASE("counts stored in the older layout of 4,096 shards are counted again and replaced", "[indexer][repetition]") {
  Workspace ws;
  const std::string tail = "Kestrelwood Dispatch reaches readers in forty countries.";
  for (const std::string topic : {"Gao", "Mopti", "Kayes"}) ws.write(topic + ".txt", article(topic, tail));
  ws.run();
  const Counts before = stored_counts(ws);
  {
    // What an index of the older layout holds: entries under 3 hex digits,
    // marked "complete", and none under 4.
    Xapian::WritableDatabase db((ws.root / "db").string());
    for (unsigned shard = 0; shard < index::detail::shard_count; ++shard) {
      db.set_metadata(index::detail::shard_key(shard), "");
    }
    db.set_metadata(std::string(index::schema::fingerprint_counts_key) + ":abc", "\x05\x01");
    db.set_metadata(std::string(index::schema::fingerprint_counts_key), "complete");
    db.commit();
  }
  ws.write("Segou.txt", article("Segou", tail));
  ws.run();
  CHECK(counts_marked_complete(ws));
  CHECK(stored_counts(ws) == counted_from_documents(ws));
  CHECK(stored_counts(ws).size() > before.size());
  CHECK(documents_with(ws, content_term("kestrelwood")) == 0);  // four copies: furniture
  const Xapian::Database db((ws.root / "db").string());
  CHECK(db.get_metadata(std::string(index::schema::fingerprint_counts_key) + ":abc").empty());
}

TEST_CASE("a tail line repeated across the corpus becomes boilerplate in every copy, the first ones too",
          "[indexer][repetition]") {
  Workspace ws;
  const std::string tail = "Kestrelwood Dispatch reaches readers in forty countries.";
  ws.write("a.txt", article("Gao", tail));
  ws.write("b.txt", article("Mopti", tail));
  ws.run();
  CHECK(documents_with(ws, content_term("kestrelwood")) == 2);  // two copies: not yet furniture

  ws.write("c.txt", article("Kayes", tail));
  ws.write("d.txt", article("Segou", tail));
  ws.run();
  CHECK(documents_with(ws, content_term("kestrelwood")) == 0);  // four copies: furniture everywhere
  CHECK(documents_with(ws, content_term("mopti")) == 1);

  fs::remove(ws.root / "articles" / "c.txt");
  fs::remove(ws.root / "articles" / "d.txt");
  ws.run();
  CHECK(documents_with(ws, content_term("kestrelwood")) == 2);  // back to two copies: content again
}

TEST_CASE("the same article saved several times stays searchable in every copy", "[indexer][repetition]") {
  Workspace ws;
  for (const std::string name : {"wire1.txt", "wire2.txt", "wire3.txt", "wire4.txt"}) {
    ws.write(name, article("Timbuktu", "Reporting by the regional desk; editing by the night team."));
  }
  ws.run();
  CHECK(documents_with(ws, content_term("timbuktu")) == 4);
  CHECK(documents_with(ws, content_term("residents")) == 4);
  CHECK(documents_with(ws, content_term("governor")) == 4);
}

TEST_CASE("an index of an older schema is re-indexed whole, with a note, and keeps every root", "[indexer][schema]") {
  Workspace ws;
  ws.write("a.txt", "Minusma leaves Mali.\n");
  fs::create_directories(ws.root / "other");
  std::ofstream(ws.root / "other" / "b.txt") << "Wagner stays in Gao.\n";
  index::IndexOptions options;
  options.database = ws.root / "db";
  options.paths = {ws.root / "articles", ws.root / "other"};
  index::run_index(options, {[](const std::string&, const std::string&) {}, {}});
  {
    // Make it look like an index written by schema 1, holding a document no current file gives.
    Xapian::WritableDatabase db((ws.root / "db").string());
    db.set_metadata("winnow:schema", "1");
    Xapian::Document stale;
    stale.add_boolean_term(index::schema::unique_id_term((ws.root / "articles" / "gone.txt").string()));
    stale.add_term("stalewordy");
    db.add_document(stale);
    db.commit();
  }
  ws.write("a.txt", "Minusma has left Mali.\n");  // same size and mtime checks would not matter: all is re-read

  const auto summary = ws.run();  // only one root named: the other must be re-indexed too
  CHECK(summary.added == 2);
  CHECK(summary.updated == 0);
  CHECK(summary.unchanged == 0);
  REQUIRE(ws.notes.size() == 1);
  CHECK(ws.notes[0] == "db: index schema version 1 is not this winnow's 9; re-indexing every file");

  Xapian::Database db((ws.root / "db").string());
  CHECK(db.get_doccount() == 2);
  CHECK(db.get_termfreq(content_term("stalewordy")) == 0);
  CHECK(db.get_termfreq(content_term("gao")) == 1);
  CHECK(db.get_metadata("winnow:schema") == index::schema::version);

  ws.notes.clear();
  const auto again = ws.run(false);
  CHECK(again.unchanged == 2);
  CHECK(ws.notes.empty());
}

TEST_CASE("a re-cleaned document loses the entities only its repeated footer named", "[indexer][repetition][entities]") {
  Workspace ws;
  const std::string tail = "Kestrelwood Dispatch reaches readers in Nairobi and forty other cities.";
  ws.write("a.txt", article("Gao", tail));
  ws.write("b.txt", article("Mopti", tail));
  ws.run();
  // Two copies: the tail is still content, and Nairobi an entity of both.
  CHECK(documents_with(ws, "XPnairobi") == 2);
  CHECK(documents_with(ws, "XPgao") == 1);

  ws.write("c.txt", article("Kayes", tail));
  ws.write("d.txt", article("Segou", tail));
  ws.run();
  // Four copies: furniture everywhere, the first two re-cleaned with their entities.
  CHECK(documents_with(ws, "XPnairobi") == 0);
  CHECK(documents_with(ws, "XPgao") == 1);
  CHECK(documents_with(ws, "XPmopti") == 1);
}

TEST_CASE("a PATH that does not exist is refused before anything is written", "[indexer][roots]") {
  Workspace ws;
  ws.write("a.txt", "Minusma leaves Mali.\n");
  index::IndexOptions options;
  options.database = ws.root / "db";
  options.paths = {ws.root / "articles", ws.root / "typo"};
  CHECK_THROWS_AS(index::run_index(options, {[](const std::string&, const std::string&) {}, {}}),
                  std::invalid_argument);
  CHECK_FALSE(fs::exists(ws.root / "db"));
}

TEST_CASE("a remembered root that vanished is noted and keeps its documents", "[indexer][roots]") {
  Workspace ws;
  ws.write("a.txt", "Minusma leaves Mali.\n");
  CHECK(ws.run().added == 1);
  fs::rename(ws.root / "articles", ws.root / "away");
  const auto summary = ws.run(false);
  CHECK(summary.removed == 0);
  CHECK(ws.notes == std::vector<std::string>{"articles: no such file or folder; its documents are kept"});
  CHECK(Xapian::Database((ws.root / "db").string()).get_doccount() == 1);
}
