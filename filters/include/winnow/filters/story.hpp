// Story signatures: MinHash over word shingles, so copies of one story can be told from different stories.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace winnow::filters {

/// A MinHash sketch of a text's word 4-shingles (Broder 1997), by one
/// permutation hashing: the shingles' hashes fall into 32 bins, and each
/// bin keeps the smallest. The share of positions where two signatures
/// agree estimates the Jaccard similarity of the two texts' shingle sets.
struct StorySignature {
  static constexpr std::size_t hashes = 32;  ///< a power of two: the bins are a hash's top bits
  std::array<std::uint32_t, hashes> minimum{};
};

/// Locality-sensitive hashing over the signature: `bands` bands of `rows`
/// values each. Two texts are compared only when some band agrees whole,
/// which two copies (Jaccard 0.8) do with probability 0.985 and two texts
/// that share a fifth of their shingles with probability 0.013.
inline constexpr std::size_t story_bands = 8;
inline constexpr std::size_t story_rows = StorySignature::hashes / story_bands;

/// Copies of one story: at least this many of the 32 positions agree
/// (estimated Jaccard 0.75 or more; its standard error there is 0.08).
/// Copies of one story, whatever furniture each site added, agree on
/// nearly all their shingles; two articles written from one template (a
/// weather report, a results line) share half of theirs and stay apart.
inline constexpr std::size_t story_agreement_needed = 24;

/// Words in a shingle. Four words: a changed word changes four shingles of
/// a few hundred, while two different articles share almost none.
inline constexpr std::size_t shingle_words = 4;

/// The signature of a text given as its pieces (the content segments, in
/// order); words are lower-cased, punctuation dropped, as segment
/// fingerprints read them. Empty (no value) when the text has fewer words
/// than a shingle.
[[nodiscard]] std::optional<StorySignature> story_signature(const std::vector<std::string_view>& pieces);

/// How many positions of two signatures agree.
[[nodiscard]] std::size_t story_agreement(const StorySignature& a, const StorySignature& b);

/// Copies of one story: enough positions agree.
[[nodiscard]] inline bool same_story(const StorySignature& a, const StorySignature& b) {
  return story_agreement(a, b) >= story_agreement_needed;
}

/// One key per band (the band's number mixed in), for a table of candidates.
[[nodiscard]] std::array<std::uint64_t, story_bands> story_band_keys(const StorySignature& signature);

}  // namespace winnow::filters
