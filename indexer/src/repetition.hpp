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

#include "fingerprint_table.hpp"
#include "winnow/filters/boilerplate.hpp"

namespace winnow::index::detail {

/// The fingerprints a document holds (its schema::fingerprints_slot).
[[nodiscard]] std::vector<Fingerprint> fingerprints_of(const Xapian::Document& document);

/// Answers the classifier's "in how many other documents?" for every worker
/// thread, and tracks which documents were classified with a count that is no
/// longer on the same side of filters::repetition_threshold by the end of the
/// run: a footer seen for the third time makes the first two copies
/// boilerplate too, and a deleted page can make the last copies content again.
/// Only those documents are re-cleaned, so the index ends the same whatever
/// order, or how many threads, the documents were classified in.
///
/// Counts live in memory: a fingerprint's count is read once from the index
/// as it was when the run began (its shard of the stored counts, through a
/// read-only snapshot) and then kept up to date as documents are written and
/// removed; save() stores the shards that changed. When the stored counts
/// are not complete (a run stopped between two commits), they are counted
/// again from every document's fingerprints, once, at the start.
class RepetitionTracker {
 public:
  /// `index_at_start`: the index's folder when it already held documents, so
  /// counts start from them; empty for an index built from nothing.
  explicit RepetitionTracker(const std::string& index_at_start);

  /// What the classifier was told about each fingerprint of one document.
  struct Answers {
    struct Answer {
      Fingerprint fingerprint;
      bool over;                ///< the count was at or over the threshold
      bool repeated_at_start;   ///< and the index held it repeated before the run
    };
    std::vector<Answer> given;
  };

  // --- Any thread ---

  /// The classifier's context for one document. `previous` are the
  /// fingerprints of its indexed version, which is not another document.
  /// Fills `answers`, which must outlive the classification.
  [[nodiscard]] filters::ClassifyContext context_for(std::vector<Fingerprint> previous, Answers& answers);

  /// Fingerprints of an indexed document as the run found it.
  [[nodiscard]] std::vector<Fingerprint> fingerprints_at_start(Xapian::docid docid);

  /// `document` (classified with `answers`) is now stored as `docid`.
  void document_written(Xapian::docid docid, const Xapian::Document& document, const Answers& answers);

  /// `document` is about to be deleted or replaced.
  void document_leaving(const Xapian::Document& document);

  // --- The writer's thread ---

  /// Call before committing documents without save(): from that commit on,
  /// the stored counts lag behind the documents until save() is committed.
  void counts_pending(Xapian::WritableDatabase& db);

  /// Once every document is written: stores the counts this run changed (all
  /// of them for a new index, or when they were counted again) in `db`.
  void save(Xapian::WritableDatabase& db);

  /// Once every document is written: documents (not written since) whose
  /// repetition evidence changed side. `holders` hold every document between
  /// them (the index, or the parts of a fresh build, whose docids are the
  /// index's); their fingerprint slots say which documents hold a fingerprint.
  [[nodiscard]] std::vector<Xapian::docid> documents_to_reclean(const std::vector<Xapian::Database>& holders) const;

 private:
  struct Count {
    Xapian::doccount at_start = 0;  ///< documents holding it when the run began
    std::int64_t now = 0;           ///< documents holding it now
  };
  /// The count of a fingerprint, read from its shard the first time. Needs m_mutex.
  Count& count_locked(Fingerprint fingerprint);
  /// A shard of the counts as the run began, read from the snapshot once. Needs m_mutex.
  const ShardCounts& shard_locked(unsigned shard);
  /// Counts every document's fingerprints in the snapshot into m_shards.
  void count_from_documents();

  std::mutex m_mutex;  ///< guards everything below
  std::optional<Xapian::Database> m_snapshot;
  /// The counts as the run began, shard by shard; read on first use.
  std::vector<std::optional<ShardCounts>> m_shards;
  /// The stored shards are not to be trusted (a new index, or counts
  /// counted again from the documents): save() writes every one.
  bool m_write_every_shard = true;
  /// The index's fingerprint_counts_key says "complete" as of its last commit.
  bool m_marked_complete = false;
  std::unordered_map<Fingerprint, Count> m_counts;
  /// Fingerprint -> documents of this run that saw it below the threshold,
  /// kept only for fingerprints already repeated when the run began (only
  /// those can be "repeated before and after" and still leave stale copies;
  /// keeping every unique paragraph's would cost hundreds of MB on 100k files).
  std::unordered_map<Fingerprint, std::vector<Xapian::docid>> m_seen_below;
  /// Fingerprint -> documents of this run that saw it at or over the threshold.
  std::unordered_map<Fingerprint, std::unordered_set<Xapian::docid>> m_seen_over;
  std::unordered_set<Xapian::docid> m_written;
};

}  // namespace winnow::index::detail
