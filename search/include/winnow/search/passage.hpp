// The passage shown under a result, and its matched words.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace winnow::search {

/// A passage of a document's text: as it reads, and with each word that
/// matched the query between highlight_start and highlight_end (searcher.hpp).
struct Passage {
  std::string plain;
  std::string marked;
};

/// Picks, for each hit, the passage of about `length` bytes that shows the
/// most of the query, and marks the words that matched.
///
/// A word of the text matches when winnow's normaliser and stemmer turn it
/// into a term of the query, as the indexer did when it indexed the text (so
/// "António" matches antonio and "Guterres’s" matches guterres), or into a
/// word of an --actor or --place name, or when its stem starts with a
/// wildcard's letters. The passage is the run of matches that weighs most:
/// each query term counts its weight in the search (rarer terms weigh more),
/// a term repeated in the run half as much again each time, so that several
/// different query words beat one word said three times; on a tie the
/// earlier run wins, since a news article says what matters first. The
/// passage then starts at the start of the sentence holding the run when
/// that fits, else a little before the run, and ends at a word's end, with
/// "…" wherever it cuts a sentence. A text with no match shows its start.
/// A text no longer than `length` is shown whole.
///
/// Only the hits' texts are read: no term of the index is looked up, and
/// only words that could match (those starting with a query term's first
/// letter) are normalised and stemmed, which keeps a search's cost close to
/// the cost of finding its matches.
class PassagePicker {
 public:
  /// `extra_words`: normalised words that count as matches besides the
  /// query's terms (the words of the --actor and --place names).
  PassagePicker(const Xapian::MSet& matches, const Xapian::Query& query, const std::vector<std::string>& extra_words,
                std::size_t length = 300);
  ~PassagePicker();
  PassagePicker(const PassagePicker&) = delete;
  PassagePicker& operator=(const PassagePicker&) = delete;

  /// The passage of `text`, whose words are in `language` (the document's
  /// text language; "" for English, as an index of schema 7 has it).
  [[nodiscard]] Passage operator()(std::string_view text, std::string_view language = {});

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace winnow::search
