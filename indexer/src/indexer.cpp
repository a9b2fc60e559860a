// Incremental indexer: one writer, batches of files per Xapian transaction.
#include "winnow/index/indexer.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "repetition.hpp"
#include "walk.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace fs = std::filesystem;

namespace {

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

bool is_under(const std::string& path, const std::string& root) {
  if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '/' || root == "/";
}

// Adds new roots, dropping any root already covered by another.
std::vector<std::string> merge_roots(std::vector<std::string> roots, const std::vector<std::string>& added) {
  for (const auto& root : added) {
    bool covered = false;
    for (const auto& existing : roots) covered = covered || is_under(root, existing);
    if (covered) continue;
    std::erase_if(roots, [&](const std::string& existing) { return is_under(existing, root); });
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

Xapian::WritableDatabase open_for_writing(const fs::path& database, int flags) {
  std::error_code ignored;
  fs::create_directories(database.parent_path().empty() ? fs::path(".") : database.parent_path(), ignored);
  try {
    return Xapian::WritableDatabase(database.string(), flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLocked("the index " + database.string() + " is being written by another process");
  }
}

/// One run of the indexer over a writable database.
class IndexRun {
 public:
  IndexRun(Xapian::WritableDatabase& db, const IndexOptions& options, const IndexReporter& reporter)
      : m_db(db), m_options(options), m_reporter(reporter), m_known(load_known_files(db)), m_repetition(db),
        m_scan_start_ns(now_ns() / 1'000'000'000 * 1'000'000'000) {}

  void scan(const std::vector<std::string>& roots) {
    m_db.begin_transaction();
    detail::FileWalker walker([this](const FileInfo& file) { index_file(file); },
                              [this](const std::string& path, const std::string& problem) { skip(path, problem); });
    for (const auto& root : roots) walker.walk_root(root);
    remove_vanished(roots);
    reclean_repeated();
    m_db.commit_transaction();
  }

  IndexSummary& summary() { return m_summary; }

 private:
  void skip(const std::string& path, const std::string& problem) {
    // A file that is indexed but cannot be read now keeps its old document.
    if (auto known = m_known.find(path); known != m_known.end()) known->second.seen = true;
    m_reporter.note(path, problem);
    ++m_summary.skipped;
  }

  void index_file(const FileInfo& file) {
    if (m_reporter.progress && (++m_files_seen % 64) == 0) m_reporter.progress(m_files_seen);
    KnownFile* known = nullptr;
    if (auto found = m_known.find(file.path); found != m_known.end()) {
      known = &found->second;
      known->seen = true;
      if (known->mtime_ns == file.mtime_ns && known->size == file.size) {
        ++m_summary.unchanged;
        return;
      }
    }
    if (file.size > m_options.max_file_bytes) {
      skip(file.path, fmt::format("too large ({:.1f} MiB; the limit is {} MiB, see --max-size)",
                                  static_cast<double>(file.size) / (1 << 20), m_options.max_file_bytes >> 20));
      return;
    }
    std::string bytes, problem;
    if (!detail::read_file(file.path, bytes, problem)) return skip(file.path, problem);
    if (known && known->content_hash == schema::hex64(schema::fnv1a64(bytes))) {
      refresh_mtime(*known, file);
      ++m_summary.unchanged;
      return;
    }
    PrepareResult prepared = prepare_document(file, bytes, m_repetition.context_for(known ? known->docid : 0));
    if (!prepared.document) return skip(file.path, prepared.problem);
    for (const auto& warning : prepared.document->warnings) m_reporter.note(file.path, warning);
    if (known) m_repetition.document_leaving(known->docid);
    write(build_document(*prepared.document, trust_mtime(file)), file, known != nullptr);
  }

  bool trust_mtime(const FileInfo& file) const {
    // A file changed again within the scan's own second could keep the same
    // mtime; store 0 so the next run re-checks it by content hash.
    return file.mtime_ns < m_scan_start_ns;
  }

  void refresh_mtime(const KnownFile& known, const FileInfo& file) {
    Xapian::Document document = m_db.get_document(known.docid);
    document.add_value(schema::mtime_slot, std::to_string(trust_mtime(file) ? file.mtime_ns : 0));
    m_db.replace_document(known.docid, document);
    count_write();
  }

  void write(const Xapian::Document& document, const FileInfo& file, bool replacing) {
    m_repetition.document_written(m_db.replace_document(schema::unique_id_term(file.path), document));
    ++(replacing ? m_summary.updated : m_summary.added);
    count_write();
  }

  void count_write() {
    if (++m_writes_in_batch < m_options.batch_files) return;
    m_db.commit_transaction();
    m_db.begin_transaction();
    m_writes_in_batch = 0;
  }

  // Runs after the walk, so a renamed file is added before its old path goes.
  void remove_vanished(const std::vector<std::string>& roots) {
    for (const auto& [path, known] : m_known) {
      if (known.seen) continue;
      bool under_scanned_root = false;
      for (const auto& root : roots) under_scanned_root = under_scanned_root || is_under(path, root);
      if (!under_scanned_root) continue;
      m_repetition.document_leaving(known.docid);
      m_db.delete_document(known.docid);
      ++m_summary.removed;
      count_write();
    }
  }

  // Documents whose segments crossed the repetition threshold in this run are
  // classified again from their files, so the same footer is boilerplate in
  // every copy, the first ones included. Not counted in the summary: the
  // files did not change.
  void reclean_repeated() {
    for (const Xapian::docid docid : m_repetition.documents_to_reclean()) {
      Xapian::Document old;
      try {
        old = m_db.get_document(docid);
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // deleted later in this run
      }
      const FileInfo file{old.get_value(schema::path_slot), to_int64(old.get_value(schema::mtime_slot)),
                          static_cast<std::uint64_t>(to_int64(old.get_value(schema::size_slot)))};
      std::string bytes, problem;
      if (!detail::read_file(file.path, bytes, problem)) continue;  // the next run notes it
      PrepareResult prepared = prepare_document(file, bytes, m_repetition.context_for(docid));
      if (!prepared.document) continue;
      m_db.replace_document(docid, build_document(*prepared.document));
      count_write();
    }
  }

  Xapian::WritableDatabase& m_db;
  const IndexOptions& m_options;
  const IndexReporter& m_reporter;
  std::unordered_map<std::string, KnownFile> m_known;
  detail::RepetitionTracker m_repetition;
  std::int64_t m_scan_start_ns;
  IndexSummary m_summary;
  std::uint64_t m_files_seen = 0;
  unsigned m_writes_in_batch = 0;
};

}  // namespace

namespace {

/// What an existing index says about itself before it is opened for writing.
struct ExistingIndex {
  std::vector<std::string> roots;
  std::string schema_version;
  Xapian::doccount documents = 0;

  /// Its documents were built by another schema: none of them can be kept.
  [[nodiscard]] bool outdated() const { return documents > 0 && schema_version != schema::version; }
};

ExistingIndex read_existing(const fs::path& database) {
  ExistingIndex existing;
  if (!fs::exists(database)) return existing;
  try {
    const Xapian::Database db(database.string());
    existing.roots = read_roots(db);
    existing.schema_version = db.get_metadata(std::string(schema::schema_key));
    existing.documents = db.get_doccount();
  } catch (const Xapian::DatabaseOpeningError&) {
    // Not an index yet (an empty folder): opening for writing creates one.
  }
  return existing;
}

}  // namespace

IndexSummary run_index(const IndexOptions& options, const IndexReporter& reporter) {
  const auto started = std::chrono::steady_clock::now();
  const ExistingIndex existing = read_existing(options.database);
  const std::vector<std::string>& remembered = existing.roots;
  std::vector<std::string> scanned;
  for (const auto& path : options.paths) scanned.push_back(absolute_root(path));
  if (scanned.empty()) scanned = remembered;
  // Checked before opening for writing, which would leave an empty index behind.
  if (scanned.empty()) {
    throw std::invalid_argument("no PATH given and the index " + options.database.string() +
                                " remembers no folders to re-scan");
  }
  bool rebuild = options.rebuild;
  if (existing.outdated()) {
    // Old documents lack what this version's searches rely on (facets), so
    // every file under every root is indexed again from an empty index.
    reporter.note(options.database.string(),
                  fmt::format("index schema version {} is not this winnow's {}; re-indexing every file",
                              existing.schema_version.empty() ? "unknown" : existing.schema_version,
                              schema::version));
    rebuild = true;
    scanned = merge_roots(remembered, scanned);
  }
  Xapian::WritableDatabase db = open_for_writing(
      options.database, rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  const std::vector<std::string> roots = merge_roots(remembered, scanned);

  // Committed with the first batch: every document from here on has this
  // schema, and an interrupted run still knows which roots to re-scan.
  db.set_metadata(std::string(schema::roots_key), nlohmann::json(roots).dump());
  db.set_metadata(std::string(schema::schema_key), std::string(schema::version));
  IndexRun run(db, options, reporter);
  run.scan(scanned);
  db.commit();

  IndexSummary summary = run.summary();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::string summary_line(const IndexSummary& s) {
  return fmt::format("indexed {} new, {} updated, {} removed, {} unchanged, {} skipped in {:.2f} s",
                     s.added, s.updated, s.removed, s.unchanged, s.skipped, s.seconds);
}

fs::path default_database() {
  if (const char* db = std::getenv("WINNOW_DB"); db && *db) return db;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return fs::path(data) / "winnow";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "winnow";
}

}  // namespace winnow::index
