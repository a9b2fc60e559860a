// The failure memory: one metadata entry per failed file, "SIZE MTIME CTIME STAGE PROBLEM\nPATH".
#include "failed_files.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "walk.hpp"
#include "winnow/filters/hash.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index::detail {

namespace {

// What an entry says of the file before its stage: the stat it failed with.
std::string stamp_of(const FileInfo& file, bool trust_mtime) {
  return fmt::format("{} {} {} ", file.size, trust_mtime ? file.mtime_ns : 0, file.ctime_ns);
}

std::string_view stage_word(FailureStage stage) { return stage == FailureStage::walk ? "walk" : "read"; }

// The path is last, after the first newline, so that it may hold any byte;
// a problem is one line of our own, but a newline in it would hide the path.
std::string entry_value(const FileInfo& file, FailureStage stage, std::string problem, bool trust_mtime) {
  std::replace(problem.begin(), problem.end(), '\n', ' ');
  return fmt::format("{}{} {}\n{}", stamp_of(file, trust_mtime), stage_word(stage), problem, file.path);
}

}  // namespace

std::string failed_file_key(std::string_view path) {
  std::string key = schema::prefixed(schema::failed_file_prefix, path);
  if (key.size() <= schema::max_term_bytes) return key;
  // A readable head of the path, made unique by the whole path's hash (as unique_id_term).
  const std::string hash = schema::hex64(filters::hash64(path));
  key.resize(schema::max_term_bytes - hash.size() - 1);
  return key.append(1, '#').append(hash);
}

FailedFiles::FailedFiles(const Xapian::Database& db) {
  const std::string prefix(schema::failed_file_prefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    std::string value = db.get_metadata(*it);
    const auto newline = value.find('\n');
    if (newline == std::string::npos) {
      m_unreadable_keys.push_back(*it);
      continue;
    }
    Entry& entry = m_entries[value.substr(newline + 1)];
    entry.key = *it;
    entry.stored = std::move(value);
  }
}

bool FailedFiles::still_failing(const FileInfo& file, const std::string& walk_problem) {
  const auto found = m_entries.find(file.path);
  if (found == m_entries.end() || found->second.stored.empty()) return false;
  Entry& entry = found->second;
  // A stored mtime of 0 matches no file's: the file is tried again.
  const bool same = walk_problem.empty()
                        ? entry.stored.starts_with(stamp_of(file, true).append(stage_word(FailureStage::read)))
                        : entry.stored == entry_value(file, FailureStage::walk, walk_problem, true);
  entry.kept = entry.kept || same;
  return same;
}

void FailedFiles::record(const FileInfo& file, FailureStage stage, const std::string& problem, bool trust_mtime) {
  if (file.ctime_ns == 0) return;
  std::string value = entry_value(file, stage, problem, trust_mtime);
  const std::lock_guard lock(m_mutex);
  m_entries[file.path].now = std::move(value);
}

void FailedFiles::save(Xapian::WritableDatabase& db, const std::vector<std::string>& walked_roots) {
  for (const auto& [path, entry] : m_entries) {
    if (entry.kept) continue;
    if (!entry.now.empty()) {
      if (entry.now != entry.stored) db.set_metadata(entry.key.empty() ? failed_file_key(path) : entry.key, entry.now);
      continue;
    }
    // Clang before 16 (the fuzz build's) cannot capture a structured binding: a plain reference it can.
    const std::string& file_path = path;
    const bool walked = std::any_of(walked_roots.begin(), walked_roots.end(),
                                    [&](const std::string& root) { return is_under_root(file_path, root); });
    if (walked && !entry.stored.empty()) db.set_metadata(entry.key, {});  // an empty value deletes the entry
  }
  for (const auto& key : m_unreadable_keys) db.set_metadata(key, {});
  m_unreadable_keys.clear();
}

void copy_failed_files(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  const std::string prefix(schema::failed_file_prefix);
  for (auto it = from.metadata_keys_begin(prefix); it != from.metadata_keys_end(prefix); ++it) {
    to.set_metadata(*it, from.get_metadata(*it));
  }
}

}  // namespace winnow::index::detail
