// Incremental indexer: one writer, batches of files per Xapian transaction.
#include "winnow/index/indexer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "failed_files.hpp"
#include "index_folders.hpp"
#include "pipeline.hpp"
#include "repetition.hpp"
#include "walk.hpp"
#include "winnow/filters/hash.hpp"
#include "winnow/index/display.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/local_index.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace fs = std::filesystem;

namespace {

// A test seam: WINNOW_TEST_KILL_AT=PHASE[:N] makes a run kill itself
// (SIGKILL, as `kill -9` would) the Nth time (default first) it reaches
// PHASE: "commit" (after a batch is committed), "settle" (every file
// written, the run not yet settled), "swap" (a fresh build complete, not yet
// swapped in). The tests stop runs at known points instead of racing a timer.
void test_kill_point(std::string_view phase) {
  static const std::string wanted = [] {
    const char* value = std::getenv("WINNOW_TEST_KILL_AT");
    return std::string(value ? value : "");
  }();
  if (wanted.empty() || !wanted.starts_with(phase)) return;
  const std::string_view rest = std::string_view(wanted).substr(phase.size());
  if (!rest.empty() && rest.front() != ':') return;
  const unsigned long times = rest.empty() ? 1 : std::strtoul(std::string(rest.substr(1)).c_str(), nullptr, 10);
  static std::atomic<unsigned long> reached{0};
  if (++reached == times) ::raise(SIGKILL);
}

/// What the index already holds for one file.
struct KnownFile {
  Xapian::docid docid = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
  std::string content_hash;
  bool seen = false;  ///< found again by this run's walk
};

std::int64_t to_int64(const std::string& text) {
  return text.empty() ? 0 : std::strtoll(text.c_str(), nullptr, 10);
}

// Reads paths, mtimes, sizes and hashes from value streams: one sequential
// pass per slot, instead of a lookup per file, so a no-op re-scan stays cheap.
std::unordered_map<std::string, KnownFile> load_known_files(const Xapian::Database& db) {
  std::unordered_map<std::string, KnownFile> known;
  std::unordered_map<Xapian::docid, KnownFile*> by_docid;
  for (auto it = db.valuestream_begin(schema::path_slot); it != db.valuestream_end(schema::path_slot); ++it) {
    KnownFile& file = known[*it];
    file.docid = it.get_docid();
    by_docid[file.docid] = &file;
  }
  const auto read_slot = [&](Xapian::valueno slot, auto&& store) {
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      if (auto found = by_docid.find(it.get_docid()); found != by_docid.end()) store(*found->second, *it);
    }
  };
  read_slot(schema::mtime_slot, [](KnownFile& f, const std::string& v) { f.mtime_ns = to_int64(v); });
  read_slot(schema::size_slot, [](KnownFile& f, const std::string& v) {
    f.size = static_cast<std::uint64_t>(to_int64(v));
  });
  read_slot(schema::content_hash_slot, [](KnownFile& f, const std::string& v) { f.content_hash = v; });
  return known;
}

std::vector<std::string> read_roots(const Xapian::Database& db) {
  const auto roots = nlohmann::json::parse(db.get_metadata(std::string(schema::roots_key)), nullptr, false);
  std::vector<std::string> out;
  if (roots.is_array()) {
    for (const auto& root : roots) if (root.is_string()) out.push_back(root.get<std::string>());
  }
  return out;
}

// Adds new roots, dropping any root already covered by another.
std::vector<std::string> merge_roots(std::vector<std::string> roots, const std::vector<std::string>& added) {
  for (const auto& root : added) {
    bool covered = false;
    for (const auto& existing : roots) covered = covered || detail::is_under_root(root, existing);
    if (covered) continue;
    std::erase_if(roots, [&](const std::string& existing) { return detail::is_under_root(existing, root); });
    roots.push_back(root);
  }
  return roots;
}

std::string absolute_root(const fs::path& path) {
  std::string root = fs::absolute(path).lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

// By the glass backend, never Xapian's guess, which would follow a stub file
// there (and run a `remote :PROGRAM` line's program).
Xapian::WritableDatabase open_for_writing(const fs::path& database, int flags) {
  std::error_code ignored;
  fs::create_directories(database.parent_path().empty() ? fs::path(".") : database.parent_path(), ignored);
  try {
    return open_local_index_for_writing(database.string(), flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLocked("the index " + database.string() + " is being written by another process");
  }
}

/// A file the walk found new or changed (or could not stat), in walk order.
struct WorkItem {
  FileInfo file;
  Xapian::docid known_docid = 0;  ///< its indexed version, 0 if none
  std::string known_hash;         ///< the indexed version's content hash
  std::string problem;            ///< set when the walk already knows it is skipped
  /// The docid it is written as: its indexed version's, or one given in
  /// walk order, so workers know it before the writer does.
  Xapian::docid docid = 0;
};

/// What a worker made of one item, for the writer.
struct WorkResult {
  enum class Action { skip, unchanged_content, write } action = Action::skip;
  std::string problem;                ///< for skip
  std::vector<std::string> warnings;  ///< decoder notes
  Xapian::Document document;
  detail::RepetitionTracker::Answers answers;
};

/// One run of the indexer over a writable database: the walk (stat only),
/// then the per-document stages on worker threads, and this thread writing.
class IndexRun {
 public:
  /// `index_at_start`: the index's folder when it already held documents.
  /// `parts_folder`: for an index built from nothing, where each worker
  /// writes databases of its own (see write_in_parts); empty otherwise.
  IndexRun(Xapian::WritableDatabase& db, const IndexOptions& options, const IndexReporter& reporter,
           const std::string& index_at_start, fs::path parts_folder)
      : m_db(db), m_options(options), m_reporter(reporter), m_known(load_known_files(db)),
        m_repetition(index_at_start), m_failed(db), m_scan_start_ns(now_ns() / 1'000'000'000 * 1'000'000'000),
        m_parts_folder(std::move(parts_folder)), m_next_docid(db.get_lastdocid() + 1) {}

  void scan(const std::vector<std::string>& roots) {
    m_links = detail::LinkPolicy(roots, m_options.follow_symlinks);
    detail::FileWalker walker([this](const FileInfo& file) { consider(file); },
                              [this](const FileInfo& entry, const std::string& problem, detail::SkipKind kind) {
                                consider_skipped(entry, problem, kind);
                              },
                              m_links, detail::index_folders(m_options.database));
    for (const auto& root : roots) walker.walk_root(root);
    detail::test_before_read();
    if (!m_parts_folder.empty()) {
      write_in_parts();
      m_failed.save(m_db, roots);  // into the metadata the compactor keeps
      m_db.commit();
      return;
    }
    m_db.begin_transaction();
    detail::run_ordered<WorkResult>(
        m_items.size(), m_options.jobs, 32 * std::max(1u, m_options.jobs),
        [this](std::size_t i) { return prepare(m_items[i]); },
        [this](std::size_t i, WorkResult& result) { write(m_items[i], result); });
    remove_vanished(roots);
    test_kill_point("settle");
    settle();
    m_repetition.save(m_db);
    m_failed.save(m_db, roots);
    if (m_reporter.progress) m_reporter.progress({"committing", 0, 0});
    m_db.commit_transaction();
  }

  /// Removes every document under `forgotten` (roots no longer kept) but
  /// not under one of `kept`, as a scan that finds those files gone would,
  /// repetition counts and stories included.
  void forget(const std::vector<std::string>& forgotten, const std::vector<std::string>& kept) {
    for (auto& [path, known] : m_known)
      for (const auto& root : kept) known.seen = known.seen || detail::is_under_root(path, root);
    m_db.begin_transaction();
    remove_vanished(forgotten);
    settle();
    m_repetition.save(m_db);
    m_failed.save(m_db, forgotten);
    m_db.commit_transaction();
  }

  IndexSummary& summary() { return m_summary; }

  /// The databases write_in_parts wrote, committed and closed, in docid order.
  [[nodiscard]] const std::vector<fs::path>& part_folders() const { return m_part_folders; }

 private:
  // Walk: a file whose size and mtime match its indexed version is not read.
  void consider(const FileInfo& file) {
    if (m_reporter.progress && (++m_files_seen % 256) == 0) m_reporter.progress({"scanning", m_files_seen, 0});
    WorkItem item{file, 0, {}, {}};
    if (auto found = m_known.find(file.path); found != m_known.end()) {
      KnownFile& known = found->second;
      known.seen = true;
      if (known.mtime_ns == file.mtime_ns && known.size == file.size) {
        ++m_summary.unchanged;
        return;
      }
      item.known_docid = known.docid;
      item.known_hash = known.content_hash;
      item.docid = known.docid;
    } else {
      item.docid = m_next_docid++;  // a hole if it is skipped: docids are not reused anyway
    }
    if (file.size > m_options.max_file_bytes) {
      item.problem = detail::too_large_problem(file.size, m_options.max_file_bytes);
    }
    if (m_failed.still_failing(file, item.problem)) {
      ++m_summary.skipped;  // not read, and not noted again
      return;
    }
    m_items.push_back(std::move(item));
  }

  // Walk: an entry the walk itself cannot index (a link, a folder, a .pdf).
  void consider_skipped(const FileInfo& entry, const std::string& problem, detail::SkipKind kind) {
    // Indexed but unreadable now: it keeps its old document. A link left out
    // (no longer followed) is gone from what is indexed: its document goes.
    if (auto known = m_known.find(entry.path); known != m_known.end() && kind == detail::SkipKind::unindexable) {
      known->second.seen = true;
    }
    if (m_failed.still_failing(entry, problem)) {
      ++m_summary.skipped;
      return;
    }
    m_items.push_back(WorkItem{entry, 0, {}, problem});
  }

  // A skipped item's failure, remembered until the file changes.
  void remember_failure(const WorkItem& item, const std::string& problem) {
    const auto stage = item.problem.empty() ? detail::FailureStage::read : detail::FailureStage::walk;
    m_failed.record(item.file, stage, problem, trust_mtime(item.file));
  }

  // Worker threads: everything but the write. Touches no Xapian database but
  // the repetition tracker's own snapshot.
  WorkResult prepare(const WorkItem& item) {
    WorkResult result;
    if (!item.problem.empty()) {
      result.problem = item.problem;
      return result;
    }
    std::string bytes;
    if (!detail::read_file(item.file.path, m_options.max_file_bytes, m_links, bytes, result.problem)) return result;
    if (item.known_docid != 0 && item.known_hash == schema::hex64(filters::hash64(bytes))) {
      result.action = WorkResult::Action::unchanged_content;
      return result;
    }
    std::vector<detail::Fingerprint> previous;
    if (item.known_docid != 0) previous = m_repetition.fingerprints_at_start(item.known_docid);
    PrepareResult prepared = prepare_document(
        item.file, bytes, m_repetition.context_for(item.docid, item.file.path, std::move(previous), result.answers),
        m_options.default_language);
    if (!prepared.document) {
      result.problem = std::move(prepared.problem);
      return result;
    }
    result.warnings = std::move(prepared.document->warnings);
    result.document = build_document(*prepared.document, trust_mtime(item.file));
    detail::RepetitionTracker::stamp(result.document, result.answers);
    result.action = WorkResult::Action::write;
    return result;
  }

  // The writer's thread, in walk order.
  void write(const WorkItem& item, WorkResult& result) {
    ++m_files_done;
    if (m_reporter.progress && (m_files_done % 64) == 0) m_reporter.progress({"indexing", m_files_done, m_items.size()});
    switch (result.action) {
      case WorkResult::Action::skip:
        // A file that is indexed but cannot be read now keeps its old document.
        m_reporter.note(item.file.path, result.problem);
        remember_failure(item, result.problem);
        ++m_summary.skipped;
        return;
      case WorkResult::Action::unchanged_content:
        refresh_mtime(item.known_docid, item.file);
        ++m_summary.unchanged;
        return;
      case WorkResult::Action::write:
        break;
    }
    for (const auto& warning : result.warnings) m_reporter.note(item.file.path, warning);
    if (item.known_docid != 0) {
      m_repetition.document_leaving(item.docid, m_db.get_document(item.docid), true);
      ++m_summary.updated;
    } else {
      // A path the index does not hold (load_known_files read them all), so
      // no look-up of its unique id term is needed.
      ++m_summary.added;
    }
    m_db.replace_document(item.docid, result.document);
    m_repetition.document_written(item.docid, result.document, result.answers);
    count_write();
  }

  bool trust_mtime(const FileInfo& file) const {
    // A file changed again within the scan's own second could keep the same
    // mtime; store 0 so the next run re-checks it by content hash.
    return file.mtime_ns < m_scan_start_ns;
  }

  void refresh_mtime(Xapian::docid docid, const FileInfo& file) {
    Xapian::Document document = m_db.get_document(docid);
    document.add_value(schema::mtime_slot, std::to_string(trust_mtime(file) ? file.mtime_ns : 0));
    m_db.replace_document(docid, document);
    count_write();
  }

  void count_write() {
    if (++m_writes_in_batch < m_options.batch_files) return;
    m_repetition.counts_pending(m_db);
    m_db.commit_transaction();
    test_kill_point("commit");
    m_db.begin_transaction();
    m_writes_in_batch = 0;
  }

  // Runs after the walk, so a renamed file is added before its old path goes.
  void remove_vanished(const std::vector<std::string>& roots) {
    for (const auto& [path, known] : m_known) {
      if (known.seen) continue;
      bool under_scanned_root = false;
      for (const auto& root : roots) under_scanned_root = under_scanned_root || detail::is_under_root(path, root);
      if (!under_scanned_root) continue;
      m_repetition.document_leaving(known.docid, m_db.get_document(known.docid), false);
      m_db.delete_document(known.docid);
      ++m_summary.removed;
      count_write();
    }
  }

  // Once every file is written: each document's story as the files now
  // stand, and every document whose labels rest on repetition evidence the
  // counts no longer give is classified again from its file, so the same
  // footer is boilerplate in every copy, the first ones included. Not
  // counted in the summary: the files did not change.
  void settle() {
    if (m_reporter.progress) m_reporter.progress({"re-cleaning", 0, 0});
    const auto settlement = m_repetition.settle(false, {m_db});
    apply_settlement(settlement, [this](Xapian::docid) -> Xapian::WritableDatabase& { return m_db; },
                     [this] { count_write(); });
  }

  // Rewrites the story slot of documents that moved, and re-cleans the rest;
  // `holder` gives the database that holds a docid.
  template <typename Holder, typename Wrote>
  void apply_settlement(const detail::RepetitionTracker::Settlement& settlement, Holder&& holder, Wrote&& wrote) {
    for (const auto& [docid, story] : settlement.moved) {
      if (std::binary_search(settlement.to_reclean.begin(), settlement.to_reclean.end(), docid)) continue;
      Xapian::WritableDatabase& db = holder(docid);
      Xapian::Document document = db.get_document(docid);
      document.add_value(schema::story_slot, detail::encode_story(story));
      db.replace_document(docid, document);
      wrote();
    }
    for (const Xapian::docid docid : settlement.to_reclean) {
      if (reclean(holder(docid), docid)) wrote();
    }
  }

  // Classifies the document again from its file, with the final counts. Its
  // fingerprints and story are those it has: only its labels change.
  bool reclean(Xapian::WritableDatabase& db, Xapian::docid docid) {
    Xapian::Document old;
    try {
      old = db.get_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      return false;  // deleted later in this run
    }
    const FileInfo file{old.get_value(schema::path_slot), to_int64(old.get_value(schema::mtime_slot)),
                        static_cast<std::uint64_t>(to_int64(old.get_value(schema::size_slot)))};
    std::string bytes, problem;
    if (!detail::read_file(file.path, m_options.max_file_bytes, m_links, bytes, problem)) {
      return false;  // the next run notes it
    }
    detail::RepetitionTracker::Answers answers;
    PrepareResult prepared = prepare_document(
        file, bytes, m_repetition.context_for(docid, file.path, detail::fingerprints_of(old), answers),
        m_options.default_language);
    if (!prepared.document) return false;
    Xapian::Document document = build_document(*prepared.document);
    detail::RepetitionTracker::stamp(document, answers);
    db.replace_document(docid, document);
    m_repetition.document_recleaned(docid, answers);
    return true;
  }

  /// One database of a fresh build: a run of consecutive walk items.
  struct Part {
    std::optional<Xapian::WritableDatabase> db;
    unsigned writes_in_batch = 0;
    std::vector<std::pair<std::string, std::string>> notes;  ///< (path, problem), in walk order
    IndexSummary summary;
  };

  // A fresh build has no old documents to replace, so the writing need not be
  // serial: the walk is cut into runs of consecutive files, and each worker
  // takes a run, cleans its files and writes them into a database of its own,
  // giving each file the docid of its place in the walk. Xapian's compactor
  // then merges the parts into one index with those docids, the same index
  // whatever the number of workers. One writer could not keep up: adding
  // documents costs Xapian more than all the cleaning and analysis.
  void write_in_parts() {
    const std::size_t count = m_items.size();
    const unsigned jobs = std::max(1u, m_options.jobs);
    // Enough runs per worker to even out the load, few enough that each
    // part's B-trees are worth creating.
    const std::size_t run_length = std::clamp<std::size_t>(count / (jobs * 8) + 1, 16, std::max(16u, m_options.batch_files));
    const std::size_t runs = (count + run_length - 1) / run_length;
    std::vector<Part> parts(runs);
    for (std::size_t r = 0; r < runs; ++r) m_part_folders.push_back(m_parts_folder / fmt::format("part-{:05}", r));
    std::error_code ignored;
    fs::remove_all(m_parts_folder, ignored);  // left by an interrupted build
    fs::create_directories(m_parts_folder);

    std::atomic<std::size_t> next_run{0};
    std::mutex progress_mutex;
    const auto write_runs = [&] {
      for (std::size_t r; (r = next_run++) < runs;) {
        Part& part = parts[r];
        part.db.emplace(open_local_index_for_writing(m_part_folders[r].string(), Xapian::DB_CREATE_OR_OVERWRITE));
        part.db->begin_transaction();
        for (std::size_t i = r * run_length; i < std::min(count, (r + 1) * run_length); ++i) {
          m_items[i].docid = static_cast<Xapian::docid>(i + 1);
          WorkResult result = prepare(m_items[i]);
          write_part(part, static_cast<Xapian::docid>(i + 1), m_items[i], result);
          if (m_reporter.progress) {
            const std::lock_guard lock(progress_mutex);
            if ((++m_files_done % 64) == 0) m_reporter.progress({"indexing", m_files_done, count});
          }
        }
        part.db->commit_transaction();
        test_kill_point("commit");
      }
    };
    try {
      run_on_workers(jobs, write_runs);
    } catch (...) {
      close_quietly(parts);
      throw;
    }
    test_kill_point("settle");

    // Settle over every part; re-clean in each part, a part per worker at a time.
    detail::RepetitionTracker::Settlement settlement;
    {
      std::vector<Xapian::Database> holders;
      for (auto& part : parts) holders.emplace_back(*part.db);
      settlement = m_repetition.settle(true, holders);
    }
    const auto part_of = [&](Xapian::docid docid) { return (docid - 1) / run_length; };
    std::vector<detail::RepetitionTracker::Settlement> per_part(runs);
    for (const auto& moved : settlement.moved) per_part[part_of(moved.first)].moved.push_back(moved);
    for (const Xapian::docid docid : settlement.to_reclean) per_part[part_of(docid)].to_reclean.push_back(docid);
    try {
      next_run = 0;
      run_on_workers(jobs, [&] {
        for (std::size_t r; (r = next_run++) < runs;) {
          if (per_part[r].moved.empty() && per_part[r].to_reclean.empty()) continue;
          parts[r].db->begin_transaction();
          apply_settlement(per_part[r], [&](Xapian::docid) -> Xapian::WritableDatabase& { return *parts[r].db; }, [] {});
          parts[r].db->commit_transaction();
        }
      });

      // The counts go with the index's metadata, into the database the parts join.
      m_repetition.save(m_db);
      m_db.commit();
      for (auto& part : parts) part.db->close();
    } catch (...) {
      close_quietly(parts);
      throw;
    }
    for (auto& part : parts) {
      for (const auto& [path, problem] : part.notes) m_reporter.note(path, problem);
      m_summary.added += part.summary.added;
      m_summary.skipped += part.summary.skipped;
    }
  }

  // After a failure (a full disk): each part is closed here, its open
  // transaction cancelled, and any error of that swallowed, rather than left
  // to a destructor while the failure is on its way to main. What each part
  // committed stays for the next run to resume.
  static void close_quietly(std::vector<Part>& parts) {
    for (auto& part : parts) {
      if (!part.db) continue;
      try {
        part.db->close();
      } catch (const Xapian::Error&) {
      }
    }
  }

  // Runs `work` on `jobs` threads (on this one when jobs is 1) and rethrows
  // the first exception any of them threw.
  template <typename Work>
  static void run_on_workers(unsigned jobs, Work&& work) {
    if (jobs <= 1) {
      work();
      return;
    }
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> threads;
    for (unsigned j = 0; j < jobs; ++j) {
      threads.emplace_back([&] {
        try {
          work();
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    }
    for (auto& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);
  }

  void write_part(Part& part, Xapian::docid docid, const WorkItem& item, WorkResult& result) {
    if (result.action != WorkResult::Action::write) {
      // Nothing is indexed yet, so a file is written or skipped.
      part.notes.emplace_back(item.file.path, result.problem);
      remember_failure(item, result.problem);
      ++part.summary.skipped;
      return;
    }
    for (auto& warning : result.warnings) part.notes.emplace_back(item.file.path, std::move(warning));
    part.db->replace_document(docid, result.document);
    m_repetition.document_written(docid, result.document, result.answers);
    ++part.summary.added;
    if (++part.writes_in_batch >= m_options.batch_files) {
      part.db->commit_transaction();
      test_kill_point("commit");
      part.db->begin_transaction();
      part.writes_in_batch = 0;
    }
  }

  Xapian::WritableDatabase& m_db;
  const IndexOptions& m_options;
  const IndexReporter& m_reporter;
  std::uint64_t m_files_seen = 0;  // by the walk, for progress
  std::unordered_map<std::string, KnownFile> m_known;
  detail::RepetitionTracker m_repetition;
  detail::FailedFiles m_failed;
  detail::LinkPolicy m_links{{}, false};  ///< set by scan, for the walk and every read
  std::int64_t m_scan_start_ns;
  fs::path m_parts_folder;
  std::vector<fs::path> m_part_folders;
  std::vector<WorkItem> m_items;
  IndexSummary m_summary;
  std::uint64_t m_files_done = 0;
  unsigned m_writes_in_batch = 0;
  Xapian::docid m_next_docid;
};

}  // namespace

namespace {

/// What an existing index says about itself before it is opened for writing.
struct ExistingIndex {
  bool is_index = false;  ///< a Xapian database is there
  std::vector<std::string> roots;
  std::string schema_version;
  Xapian::doccount documents = 0;

  /// Its documents were built by another schema: none of them can be kept.
  [[nodiscard]] bool outdated() const { return documents > 0 && schema_version != schema::version; }
};

// Refuses (detail::FolderRefused) anything at --db that is not winnow's index
// or empty, before anything is written: another program's database is not
// replaced, and a stub file is not followed.
ExistingIndex read_existing(const fs::path& database) {
  ExistingIndex existing;
  if (detail::inspect_index_target(database) == detail::IndexTarget::nothing) return existing;
  try {
    const Xapian::Database db = open_local_index(database.string());
    existing.is_index = true;
    existing.roots = read_roots(db);
    existing.schema_version = db.get_metadata(std::string(schema::schema_key));
    existing.documents = db.get_doccount();
  } catch (const Xapian::DatabaseOpeningError&) {
    // Not an index yet (an empty folder): opening for writing creates one.
  }
  return existing;
}

/// What one run writes into one database.
struct RunPlan {
  std::vector<std::string> scanned;  ///< roots to walk
  std::string roots_json;            ///< every root the index covers, for winnow:roots
  bool metadata_changed = true;      ///< roots or schema differ from what the index holds
};

// Committed with the first batch: every document from here on has this
// schema, and an interrupted run still knows which roots to re-scan. Left
// alone when unchanged, so a run that finds nothing to do writes nothing.
void write_metadata(Xapian::WritableDatabase& db, const RunPlan& plan) {
  if (!plan.metadata_changed) return;
  db.set_metadata(std::string(schema::roots_key), plan.roots_json);
  db.set_metadata(std::string(schema::schema_key), std::string(schema::version));
}

// Swaps two folders' names in one step (Linux renameat2), so a search opening
// the index sees either the old one or the new one, never neither. `aside`
// (inside the build folder, so nothing of the user's is in the way) serves a
// file system without the exchange.
void swap_folders(const fs::path& a, const fs::path& b, const fs::path& aside) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
  const int error = errno;
  if (error != EINVAL && error != ENOSYS) {
    throw std::runtime_error("cannot swap " + a.string() + " into " + b.string() + ": " + std::strerror(error));
  }
  // Two renames, with a short gap.
  fs::rename(b, aside);
  fs::rename(a, b);
  fs::rename(aside, a);
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

/// A build folder beside the index (DB.rebuilding) that a stopped run left.
struct BuildLeftover {
  detail::BuildFolder folder;  ///< present, and whether it is winnow's
  bool resumable = false;      ///< winnow's build of this schema: its committed batches are kept
  std::vector<std::string> roots;
};

fs::path building_folder(const std::string& database) { return database + ".rebuilding"; }

// A build folder is resumed when its own database carries the build marker
// (committed before any document); one of another schema is started again,
// and one that is not winnow's is left alone.
BuildLeftover read_leftover(const std::string& database) {
  BuildLeftover leftover;
  const fs::path building = building_folder(database);
  leftover.folder = detail::inspect_build_folder(building);
  if (!leftover.folder.present || leftover.folder.refused) return leftover;
  try {
    const Xapian::Database db = open_local_index(building.string());
    leftover.resumable = db.get_metadata(std::string(schema::building_key)) == schema::version;
    leftover.roots = read_roots(db);
  } catch (const Xapian::Error&) {
    // Not a database: stopped before its first commit, nothing to keep.
  }
  return leftover;
}

// Compacts a finished build (Xapian's compactor packs the B-trees that batch
// commits leave half full: about half the size, in a few percent of the
// build time) and swaps it in, so a search opening the index sees either the
// old one or the new one, never neither.
// The compacted copy is written inside the build folder, so nothing of the
// user's beside the index is in its way; after the swap it holds the old
// index, removed with the build folder.
void swap_in(Xapian::Database& built, const std::string& database) {
  test_kill_point("swap");
  const fs::path building = building_folder(database);
  const fs::path compacted = building / "compacted";
  std::error_code ignored;
  fs::remove_all(compacted, ignored);
  built.compact(compacted.string(), Xapian::DBCOMPACT_NO_RENUMBER);
  {
    // The compactor copies the build folder's mark, which is not the index's.
    Xapian::WritableDatabase index = open_local_index_for_writing(compacted.string(), Xapian::DB_OPEN);
    index.set_metadata(std::string(schema::building_key), "");
    index.commit();
  }
  fs::permissions(compacted, static_cast<fs::perms>(detail::index_folder_mode(database)));
  if (fs::exists(database)) {
    swap_folders(compacted, database, building / "old");
  } else {
    fs::rename(compacted, database);
  }
}

// A build stopped after some commits: its parts (and main database) are
// merged into one database, with their docids, which this run then brings
// up to date like any index: files already in are not read again, the rest
// are added, and the repetition evidence of every document is checked,
// since the stopped run never settled it.
IndexSummary resume_build(const IndexOptions& options, const IndexReporter& reporter, const RunPlan& plan,
                          const std::string& database) {
  const fs::path building = building_folder(database);
  const fs::path merged = building / "merged";
  Xapian::WritableDatabase holder = open_for_writing(building, Xapian::DB_OPEN);  // keeps other runs out
  detail::prepare_build_folder(building);  // a build an earlier winnow left gets the mark
  detail::require_real_folder_or_nothing(merged);
  std::error_code ignored;
  if (!fs::exists(merged)) {
    Xapian::Database everything = open_local_index(building.string());
    std::vector<fs::path> parts;
    for (const auto& entry : fs::directory_iterator(building / "parts", ignored)) parts.push_back(entry.path());
    std::sort(parts.begin(), parts.end());
    for (const auto& part : parts) {
      try {
        everything.add_database(open_local_index(part.string()));
      } catch (const Xapian::Error&) {
        // Cut off before its first commit: its files are indexed again.
      }
    }
    const fs::path merging = building / "merging";
    fs::remove_all(merging, ignored);
    everything.compact(merging.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    fs::rename(merging, merged);  // whole or not at all, if this run is stopped too
    fs::remove_all(building / "parts", ignored);
  }
  IndexSummary summary;
  {
    Xapian::WritableDatabase db = open_for_writing(merged, Xapian::DB_OPEN);
    write_metadata(db, plan);
    db.set_metadata(std::string(schema::building_key), "");  // the marker is the build folder's, not the index's
    db.commit();
    IndexRun run(db, options, reporter, merged.string(), {});
    run.scan(plan.scanned);
    db.commit();
    summary = run.summary();
  }
  Xapian::Database built = open_local_index(merged.string());
  swap_in(built, database);
  built.close();
  holder.close();
  detail::remove_build_folder(building);
  return summary;
}

// An index built from nothing (the first run, --rebuild, a schema change) is
// written in a folder beside the index, compacted and swapped in when
// complete. Searches keep using the old index meanwhile. A build that is
// stopped (killed, a full disk) keeps what it committed: the next run finds
// the folder and resumes it. Writing a fresh database also costs about a
// third of rewriting every document in place.
IndexSummary build_fresh(const IndexOptions& options, const IndexReporter& reporter, const RunPlan& plan,
                         const ExistingIndex& existing, const BuildLeftover& leftover) {
  const std::string database = without_trailing_slash(options.database.string());
  const fs::path building = building_folder(database);
  if (leftover.folder.refused) {
    throw detail::FolderRefused(terminal_safe(building.string()) + " " + *leftover.folder.refused +
                                ": move it away or give another --db");
  }
  std::optional<Xapian::WritableDatabase> old;
  if (existing.is_index) {
    old.emplace(open_for_writing(database, Xapian::DB_OPEN));  // its lock keeps other runs out until the swap
  }
  if (leftover.resumable) {
    IndexSummary summary = resume_build(options, reporter, plan, database);
    if (old) old->close();
    return summary;
  }
  // Its lock keeps a second first run out; a folder of another schema, or
  // one stopped before its first commit, is started again.
  detail::prepare_build_folder(building);
  Xapian::WritableDatabase db = open_for_writing(building, Xapian::DB_CREATE_OR_OVERWRITE);
  for (const char* stale : {"merged", "merging", "compacted", "old"}) {
    std::error_code ignored;
    fs::remove_all(building / stale, ignored);  // a stopped earlier build's, inside winnow's folder
  }
  write_metadata(db, plan);
  db.set_metadata(std::string(schema::building_key), std::string(schema::version));
  // An index of no document yet is filled afresh; only --rebuild forgets its failures.
  if (old && !options.rebuild && existing.documents == 0) detail::copy_failed_files(*old, db);
  db.commit();
  IndexRun run(db, options, reporter, {}, building / "parts");
  try {
    run.scan(plan.scanned);
  } catch (...) {
    try {
      db.close();  // here, not in a destructor during the unwinding
    } catch (const Xapian::Error&) {
    }
    throw;
  }
  // The metadata and every part, merged with their docids. The folder keeps
  // its mark until it is swapped in: a run stopped before that resumes it.
  Xapian::Database everything = open_local_index(building.string());
  for (const auto& part : run.part_folders()) everything.add_database(open_local_index(part.string()));
  swap_in(everything, database);
  everything.close();
  if (old) old->close();
  db.close();
  detail::remove_build_folder(building);
  return run.summary();
}

}  // namespace

IndexSummary run_index(const IndexOptions& options, const IndexReporter& reporter) {
  const auto started = std::chrono::steady_clock::now();
  const ExistingIndex existing = read_existing(options.database);
  const BuildLeftover leftover = read_leftover(without_trailing_slash(options.database.string()));
  // A stopped build's roots are remembered too: a run without PATH resumes it.
  const std::vector<std::string> remembered = merge_roots(existing.roots, leftover.roots);
  RunPlan plan;
  for (const auto& path : options.paths) plan.scanned.push_back(absolute_root(path));
  detail::require_roots(plan.scanned);  // before anything is written or remembered
  if (plan.scanned.empty()) plan.scanned = remembered;
  // Checked before opening for writing, which would leave an empty index behind.
  if (plan.scanned.empty()) {
    throw std::invalid_argument("no PATH given and the index " + options.database.string() +
                                " remembers no folders to re-scan");
  }
  bool rebuild = options.rebuild || leftover.resumable;
  if (existing.outdated()) {
    // Old documents lack what this version's searches rely on (facets), so
    // every file under every root is indexed again from an empty index.
    reporter.note(options.database.string(),
                  fmt::format("index schema version {} is not this winnow's {}; re-indexing every file",
                              existing.schema_version.empty() ? "unknown" : existing.schema_version,
                              schema::version));
    rebuild = true;
  }
  if (rebuild) plan.scanned = merge_roots(remembered, plan.scanned);
  if (leftover.resumable) {
    reporter.note(building_folder(without_trailing_slash(options.database.string())).string(),
                  "resuming the build a stopped run left");
  }
  const std::vector<std::string> roots = merge_roots(remembered, plan.scanned);
  plan.roots_json = nlohmann::json(roots).dump();
  plan.metadata_changed = rebuild || roots != existing.roots || existing.schema_version != schema::version;
  // A remembered root that is gone stays remembered, but is not walked.
  plan.scanned = detail::roots_found(plan.scanned, reporter.note, rebuild);

  IndexSummary summary;
  if (rebuild || existing.documents == 0) {
    summary = build_fresh(options, reporter, plan, existing, leftover);
  } else {
    Xapian::WritableDatabase db = open_for_writing(options.database, Xapian::DB_CREATE_OR_OPEN);
    write_metadata(db, plan);
    // Repetition counts start from the documents already indexed.
    IndexRun run(db, options, reporter, options.database.string(), {});
    run.scan(plan.scanned);
    db.commit();
    summary = run.summary();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::vector<std::string> remembered_roots(const fs::path& database) {
  const ExistingIndex existing = read_existing(database);
  if (!existing.is_index) throw std::invalid_argument(database.string() + ": no index here");
  return existing.roots;
}

IndexSummary forget_root(const IndexOptions& options, const fs::path& root, const IndexReporter& reporter) {
  const auto started = std::chrono::steady_clock::now();
  const ExistingIndex existing = read_existing(options.database);
  if (!existing.is_index) throw std::invalid_argument(options.database.string() + ": no index here");
  // The root as it was remembered: absolute, whether or not it still exists.
  const std::string forgotten = absolute_root(root);
  std::vector<std::string> kept;
  for (const auto& known : existing.roots)
    if (known != forgotten) kept.push_back(known);
  if (kept.size() == existing.roots.size()) {
    throw std::invalid_argument(forgotten + ": not a root of the index " + options.database.string() +
                                " (winnow-index --roots lists them)");
  }
  Xapian::WritableDatabase db = open_for_writing(options.database, Xapian::DB_OPEN);
  RunPlan plan;
  plan.roots_json = nlohmann::json(kept).dump();
  write_metadata(db, plan);
  IndexRun run(db, options, reporter, options.database.string(), {});
  run.forget({forgotten}, kept);
  db.commit();
  IndexSummary summary = run.summary();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string summary_line(const IndexSummary& s) {
  return fmt::format("indexed {} new, {} updated, {} removed, {} unchanged, {} skipped in {:.2f} s",
                     s.added, s.updated, s.removed, s.unchanged, s.skipped, s.seconds);
}

}  // namespace winnow::index
