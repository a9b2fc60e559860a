// Stories: which documents are copies of one another, found by their MinHash signatures' bands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "winnow/filters/story.hpp"

namespace winnow::index::detail {

/// A story id: filters::hash64 of the path of the story's first copy (schema::story_slot).
using StoryId = std::uint64_t;

/// schema::story_signature_slot's value, and back (no value when malformed).
[[nodiscard]] std::string encode_signature(const filters::StorySignature& signature);
[[nodiscard]] std::optional<filters::StorySignature> decode_signature(std::string_view value);

/// The story id of a document whose first copy is at `path`.
[[nodiscard]] StoryId story_of_path(std::string_view path);
/// schema::story_slot's value (16 hex digits), and back (0 when absent).
[[nodiscard]] std::string encode_story(StoryId story);
[[nodiscard]] StoryId decode_story(std::string_view value);

/// Every document's path and signature, with a table from each band of a
/// signature to the documents that have it, so a document's copies are
/// found without comparing it with every other document.
/// Not thread-safe: the caller locks.
class StoryIndex {
 public:
  /// Adds every document of `db` (path and signature slots).
  void load(const Xapian::Database& db);

  /// Adds or replaces a document.
  void put(Xapian::docid docid, std::string path, const std::optional<filters::StorySignature>& signature);
  /// Forgets a document.
  void remove(Xapian::docid docid);
  [[nodiscard]] bool contains(Xapian::docid docid) const { return m_documents.contains(docid); }

  /// The documents (but `docid` itself) whose signatures say they are copies of `docid`'s.
  [[nodiscard]] std::vector<Xapian::docid> copies_of(Xapian::docid docid) const;

  /// The story of `docid` as the documents now stand: the one named by the
  /// least path among it and its copies. The relation is symmetric and
  /// depends on the two signatures only, so the answer depends on which
  /// files are indexed, not on the order they were indexed in.
  [[nodiscard]] StoryId story_of(Xapian::docid docid) const;

  [[nodiscard]] std::size_t size() const { return m_documents.size(); }

 private:
  struct Entry {
    std::string path;
    std::optional<filters::StorySignature> signature;
  };
  void unlink_bands(Xapian::docid docid, const filters::StorySignature& signature);

  std::unordered_map<Xapian::docid, Entry> m_documents;
  /// The bands of the documents load() read, as (band key, docid), sorted:
  /// one array rather than a list per band, since a run of a few new files
  /// reads every indexed document's bands and looks up only its own.
  std::vector<std::pair<std::uint64_t, Xapian::docid>> m_loaded_bands;
  /// Documents whose loaded bands no longer hold (removed, or put again).
  std::unordered_set<Xapian::docid> m_unloaded;
  /// The bands of the documents put since.
  std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> m_bands;
};

}  // namespace winnow::index::detail
