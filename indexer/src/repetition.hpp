// Corpus repetition for the boilerplate filter: counts from the index, and who to re-clean when they cross.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "winnow/filters/boilerplate.hpp"

namespace winnow::index::detail {

/// Answers the classifier's "in how many other documents?" from the term
/// frequencies of XF fingerprint terms, and tracks which documents were
/// classified with a count that is no longer on the same side of
/// filters::repetition_threshold by the end of the run: a footer seen for the
/// third time makes the first two copies boilerplate too, and a deleted page
/// can make the last copies content again. Only those documents are re-cleaned.
class RepetitionTracker {
 public:
  explicit RepetitionTracker(Xapian::WritableDatabase& db) : m_db(db) {}

  /// The classifier's context for one document; `previous` is the docid of
  /// its indexed version (0 if none), which is not another document.
  [[nodiscard]] filters::ClassifyContext context_for(Xapian::docid previous);

  /// The document classified with the last context is now stored as `docid`.
  void document_written(Xapian::docid docid);

  /// The document `docid` is about to be deleted or replaced.
  void document_leaving(Xapian::docid docid);

  /// Documents (not written since) whose repetition evidence changed side.
  [[nodiscard]] std::vector<Xapian::docid> documents_to_reclean() const;

 private:
  void remember_start(const std::string& fingerprint);

  Xapian::WritableDatabase& m_db;
  /// Term frequency of each fingerprint before this run first touched it.
  std::unordered_map<std::string, Xapian::doccount> m_count_at_start;
  /// Fingerprint -> documents of this run that saw it below the threshold.
  std::unordered_map<std::string, std::vector<Xapian::docid>> m_seen_below;
  /// Fingerprint -> documents of this run that saw it at or over the threshold.
  std::unordered_map<std::string, std::unordered_set<Xapian::docid>> m_seen_over;
  std::vector<std::pair<std::string, bool>> m_pending;  ///< (fingerprint, over) asked for the last document
  std::unordered_set<Xapian::docid> m_written;
};

}  // namespace winnow::index::detail
