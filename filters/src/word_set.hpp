// Word tables the filters ask about every word of a text (the boilerplate
// classifier's stop words and cues, the entity rules' word classes): a hash
// set behind a screen of first bytes and lengths that turns most misses away.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace winnow::filters::detail {

/// FNV-1a, inline, for the word tables (stop words, cue lexicon, entity word
/// classes): they are
/// asked about every word of every block, and for words this short the
/// out-of-line MurmurHash of std::hash costs more than the lookup itself.
struct WordHash {
  using is_transparent = void;  // looked up with string_views, held as strings
  std::size_t operator()(std::string_view word) const noexcept {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : word) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<std::size_t>(hash);
  }
};

/// Which first bytes start a word of which length in a word table. A word
/// whose pair is absent is certainly not in the table, and most words are
/// not: the common miss then costs a load instead of a hash.
class FirstByteAndLength {
 public:
  void add(std::string_view word) {
    if (!word.empty()) m_lengths[static_cast<unsigned char>(word[0])] |= bit(word.size());
  }
  [[nodiscard]] bool may_hold(std::string_view word) const {
    return !word.empty() && (m_lengths[static_cast<unsigned char>(word[0])] & bit(word.size())) != 0;
  }

 private:
  static std::uint64_t bit(std::size_t length) { return std::uint64_t{1} << std::min<std::size_t>(length, 63); }
  std::array<std::uint64_t, 256> m_lengths{};
};

/// A set of words with the FirstByteAndLength screen in front of it.
class WordSet {
 public:
  void add(std::string word);
  [[nodiscard]] bool contains(std::string_view word) const {
    return m_summary.may_hold(word) && m_words.contains(word);
  }
  [[nodiscard]] bool empty() const { return m_words.empty(); }

 private:
  std::unordered_set<std::string, WordHash, std::equal_to<>> m_words;
  FirstByteAndLength m_summary;
};

}  // namespace winnow::filters::detail
