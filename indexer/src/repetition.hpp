// Corpus repetition for the boilerplate filter: counts kept in memory, and who to re-clean when they cross.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "winnow/filters/boilerplate.hpp"

namespace winnow::index::detail {

/// The fingerprints (XF terms, without the prefix) a document holds.
[[nodiscard]] std::vector<std::string> fingerprints_of(const Xapian::Document& document);

/// Answers the classifier's "in how many other documents?" for every worker
/// thread, and tracks which documents were classified with a count that is no
/// longer on the same side of filters::repetition_threshold by the end of the
/// run: a footer seen for the third time makes the first two copies
/// boilerplate too, and a deleted page can make the last copies content again.
/// Only those documents are re-cleaned, so the index ends the same whatever
/// order, or how many threads, the documents were classified in.
///
/// Counts live in memory: a fingerprint's count is read once from the index
/// as it was when the run began (its XF term frequency, through a read-only
/// snapshot) and then kept up to date as documents are written and removed.
/// Asking the writable database instead costs a B-tree lookup through its
/// pending changes per segment, about a millisecond per article, and only
/// the writer's thread may touch it.
class RepetitionTracker {
 public:
  /// `index_at_start`: the index's folder when it already held documents, so
  /// counts start from them; empty for an index built from nothing.
  explicit RepetitionTracker(const std::string& index_at_start);

  /// What the classifier was told about each fingerprint of one document.
  struct Answers {
    struct Answer {
      std::uint64_t fingerprint;
      bool over;                ///< the count was at or over the threshold
      bool repeated_at_start;   ///< and the index held it repeated before the run
    };
    std::vector<Answer> given;
  };

  // --- Any thread ---

  /// The classifier's context for one document. `previous` are the
  /// fingerprints of its indexed version, which is not another document.
  /// Fills `answers`, which must outlive the classification.
  [[nodiscard]] filters::ClassifyContext context_for(std::vector<std::string> previous, Answers& answers);

  /// Fingerprints of an indexed document as the run found it.
  [[nodiscard]] std::vector<std::string> fingerprints_at_start(Xapian::docid docid);

  /// `document` (classified with `answers`) is now stored as `docid`.
  void document_written(Xapian::docid docid, const Xapian::Document& document, const Answers& answers);

  /// `document` is about to be deleted or replaced.
  void document_leaving(const Xapian::Document& document);

  // --- Once every document is written ---

  /// Documents (not written since) whose repetition evidence changed side.
  /// `holders` hold every document between them (the index, or the parts of
  /// a fresh build, whose docids are the index's); their postings say which
  /// documents hold a fingerprint.
  [[nodiscard]] std::vector<Xapian::docid> documents_to_reclean(const std::vector<Xapian::Database>& holders) const;

 private:
  struct Count {
    Xapian::doccount at_start = 0;  ///< documents holding it when the run began
    std::int64_t now = 0;           ///< documents holding it now
  };
  /// The count of a fingerprint, read from the snapshot the first time. Needs m_mutex.
  Count& count_locked(std::uint64_t fingerprint);

  std::mutex m_mutex;  ///< guards everything below
  std::optional<Xapian::Database> m_snapshot;
  std::unordered_map<std::uint64_t, Count> m_counts;
  /// Fingerprint -> documents of this run that saw it below the threshold,
  /// kept only for fingerprints already repeated when the run began (only
  /// those can be "repeated before and after" and still leave stale copies;
  /// keeping every unique paragraph's would cost hundreds of MB on 100k files).
  std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> m_seen_below;
  /// Fingerprint -> documents of this run that saw it at or over the threshold.
  std::unordered_map<std::uint64_t, std::unordered_set<Xapian::docid>> m_seen_over;
  std::unordered_set<Xapian::docid> m_written;
};

}  // namespace winnow::index::detail
