// Corpus repetition for the boilerplate filter: counts over stories kept in memory, and who to re-clean.
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
#include "stories.hpp"
#include "winnow/filters/boilerplate.hpp"

namespace winnow::index::detail {

/// The fingerprints a document holds (its schema::fingerprints_slot).
[[nodiscard]] std::vector<Fingerprint> fingerprints_of(const Xapian::Document& document);

/// Answers the classifier's "in how many other stories?" for every worker
/// thread, keeps the counts right as documents come and go, and, once a
/// run's documents are written, settles it: each document's story as the
/// files now stand, and which documents were classified on evidence the
/// final counts contradict. Those are classified again, so the index ends
/// the same whatever order, how many threads, or how many stopped runs the
/// documents were indexed in.
///
/// A fingerprint counts the stories holding it, not the documents: three
/// saved copies of one article, or one wire story on many sites, are one
/// story, and their paragraphs are no more repeated than any article's;
/// a footer on a dozen different stories is still furniture.
///
/// Each document stores the fingerprints it was told are repeated
/// (schema::repeated_slot), so whether its labels still hold is a check of
/// that set against the counts: exact, and possible for any document of any
/// run, the one stopped before the last included.
///
/// Counts live in memory: a fingerprint's count is read once from the index
/// as it was when the run began (its shard, through a read-only snapshot)
/// and then kept up to date; save() stores the shards that changed. When
/// the stored counts are not complete (a run stopped between two commits),
/// they are counted again from the documents and every document is checked.
class RepetitionTracker {
 public:
  /// `index_at_start`: the index's folder when it already held documents;
  /// empty for an index built from nothing.
  explicit RepetitionTracker(const std::string& index_at_start);

  /// What the classifier was told about one document.
  struct Answers {
    StoryId story = 0;                    ///< the story it was classified in
    std::vector<Fingerprint> repeated;    ///< fingerprints it was told are repeated
    std::vector<Fingerprint> story_holds; ///< what its story (its indexed version too) already held
  };

  /// Sets the story and repeated slots of a document classified with `answers`.
  static void stamp(Xapian::Document& document, const Answers& answers);

  // --- Any thread ---

  /// The classifier's context for document `docid` at `path`. `previous`
  /// are the fingerprints of its indexed version. Fills `answers`, which
  /// must outlive the classification.
  [[nodiscard]] filters::ClassifyContext context_for(Xapian::docid docid, const std::string& path,
                                                     std::vector<Fingerprint> previous, Answers& answers);

  /// Fingerprints of an indexed document as the run found it.
  [[nodiscard]] std::vector<Fingerprint> fingerprints_at_start(Xapian::docid docid);

  /// `document`, stamped with `answers`, is now stored as `docid`.
  void document_written(Xapian::docid docid, const Xapian::Document& document, const Answers& answers);

  /// Document `docid`, stored as `document`, is about to be deleted, or
  /// replaced by a new version (`replaced`), whose context_for came first.
  void document_leaving(Xapian::docid docid, const Xapian::Document& document, bool replaced);

  /// The documents whose signatures say they are copies of `docid` (its
  /// context_for came first).
  [[nodiscard]] std::vector<Xapian::docid> copies_of(Xapian::docid docid);

  /// A document classified again, with the same fingerprints and story.
  void document_recleaned(Xapian::docid docid, const Answers& answers);

  // --- The writer's thread, once every document is written ---

  /// What settle() found.
  struct Settlement {
    /// Documents whose story changed: their story slot is to be rewritten.
    std::vector<std::pair<Xapian::docid, StoryId>> moved;
    /// Documents whose repetition evidence is contradicted: to be classified again.
    std::vector<Xapian::docid> to_reclean;
  };

  /// Gives every document its story as the files now stand, updating the
  /// counts, and lists what is to be rewritten. `check_all`: check every
  /// document (an index built from nothing); otherwise only those this run
  /// could have changed. `holders` hold every document between them (the
  /// index, or the parts of a fresh build, whose docids are the index's).
  [[nodiscard]] Settlement settle(bool check_all, const std::vector<Xapian::Database>& holders);

  /// Call before committing documents without save(): from that commit on,
  /// the stored counts lag behind the documents until save() is committed.
  void counts_pending(Xapian::WritableDatabase& db);

  /// Stores the counts this run changed (all of them for a new index, or
  /// when they were counted again) in `db`.
  void save(Xapian::WritableDatabase& db);

 private:
  struct Count {
    Xapian::doccount at_start = 0;  ///< stories holding it when the run began
    std::int64_t now = 0;           ///< stories holding it now
  };
  Count& count_locked(Fingerprint fingerprint);
  const ShardCounts& shard_locked(unsigned shard);
  /// Reads every indexed document's story and signature, once, before the first use.
  void load_stories_locked();
  /// Counts, over stories, every document's fingerprints in the snapshot.
  void count_from_documents();
  /// The fingerprints a document holds now (this run's version, else the snapshot's).
  const std::vector<Fingerprint>& fingerprints_locked(Xapian::docid docid);
  /// Whether a document of `story` other than `except` holds `fingerprint`.
  bool story_holds_locked(StoryId story, Fingerprint fingerprint, Xapian::docid except);
  void join_locked(Xapian::docid docid, StoryId story);
  void leave_locked(Xapian::docid docid);
  /// The fingerprints the counts say `docid` should be told are repeated.
  std::vector<Fingerprint> expected_repeated_locked(Xapian::docid docid);
  std::vector<Fingerprint> told_locked(Xapian::docid docid);

  std::mutex m_mutex;  ///< guards everything below
  std::optional<Xapian::Database> m_snapshot;
  std::vector<std::optional<ShardCounts>> m_shards;
  /// The stored shards are not to be trusted (a new index, or counts
  /// counted again from the documents): save() writes every one.
  bool m_write_every_shard = true;
  /// The stored counts were incomplete: every document is to be checked.
  bool m_recounted = false;
  bool m_marked_complete = false;
  bool m_stories_loaded = false;
  std::unordered_map<Fingerprint, Count> m_counts;

  StoryIndex m_signatures;  ///< every document's signature, this run's as they are classified
  std::unordered_map<Xapian::docid, StoryId> m_story;                 ///< stored documents' stories
  std::unordered_map<StoryId, std::vector<Xapian::docid>> m_members;  ///< and back
  std::unordered_map<Xapian::docid, std::vector<Fingerprint>> m_fingerprints;  ///< read or written
  std::unordered_map<Xapian::docid, std::vector<Fingerprint>> m_told;  ///< this run's answers
  std::unordered_set<Xapian::docid> m_written;       ///< written (or re-cleaned) by this run
  std::unordered_set<StoryId> m_left_stories;        ///< stories named by paths that left
};

}  // namespace winnow::index::detail
