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

#include "winnow/filters/hash.hpp"

namespace winnow::filters::detail {

/// hash64 (XXH3) for the word tables (stop words, cue lexicon, entity word
/// classes), which are asked about every word of every block: on words this
/// short it costs less than the MurmurHash of std::hash.
struct WordHash {
  using is_transparent = void;  // looked up with string_views, held as strings
  std::size_t operator()(std::string_view word) const noexcept { return static_cast<std::size_t>(hash64(word)); }
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
