// The passage shown under a result: the one Xapian's snippet generator picks, found for less.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace winnow::search {

/// Picks the passage of each of the hits' texts that
///
///     matches.snippet(text, length, stemmer,
///                     MSet::SNIPPET_BACKGROUND_MODEL | MSet::SNIPPET_EXHAUSTIVE, "", "", omit)
///
/// returns, byte for byte, when called on the texts in turn (Xapian carries
/// state from one call to the next, so the order matters).
///
/// Xapian (1.4) slides a window of `length` bytes over the whole text and
/// keeps the one whose words weigh most: a query word its term weight, any
/// other word a small weight from how rare its stem is in the index. To get
/// those weights it stems every word of every text and looks up, in the order
/// the words come, the term frequency of each new word and of its stem: for
/// the ten long articles a common word matches, some 20,000 stemmings and
/// 9,000 B-tree look-ups, 15,000 reads of 8 KB blocks, most of a search's
/// time. This class runs the same algorithm with the same arithmetic, but
/// stems each distinct word once per search and looks up the stems of all
/// the texts at once, in sorted order, so that neighbouring terms share the
/// blocks already read;
/// the unstemmed look-up is skipped because it is always a miss in a winnow
/// index (checked: every term there has an upper-case prefix).
///
/// For what it cannot reproduce from Xapian's public API (a wildcard in the
/// query, whose expansions' weights are not exposed; Xapian's CJK n-gram mode;
/// an index with unprefixed terms) it calls MSet::snippet itself.
class PassagePicker {
 public:
  PassagePicker(const Xapian::Database& db, const Xapian::MSet& matches, const Xapian::Query& query,
                const Xapian::Stem& stemmer, std::size_t length, std::string omit);
  ~PassagePicker();
  PassagePicker(const PassagePicker&) = delete;
  PassagePicker& operator=(const PassagePicker&) = delete;

  /// The passages of the texts, in order. Call once per search: the texts
  /// of several calls are taken as following each other.
  [[nodiscard]] std::vector<std::string> operator()(const std::vector<std::string>& texts);

  /// Whether the texts go to MSet::snippet (see above): for tests.
  [[nodiscard]] bool uses_xapian() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace winnow::search
