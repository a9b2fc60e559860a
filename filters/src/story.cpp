// Story signatures: word 4-shingles hashed once each into 32 bins, each bin keeping its minimum.
#include "winnow/filters/story.hpp"

#include <limits>
#include <string>

#include "boilerplate_internal.hpp"
#include "winnow/filters/hash.hpp"

namespace winnow::filters {
namespace {

// A 64-bit mixer (splitmix64's finaliser): spreads a shingle's combined word
// hashes over all bits, so one multiply-shift per hash function suffices.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The hash64 of each word of the pieces' word strings, in order: how the
// text was cut into pieces does not change its words.
std::vector<std::uint64_t> word_hashes(const std::vector<std::string_view>& pieces) {
  thread_local std::string words;  // one buffer per thread: every document has a signature
  words.clear();
  detail::StringWords sink{words};
  for (const auto piece : pieces) detail::write_words(piece, sink);
  std::vector<std::uint64_t> hashes;
  hashes.reserve(words.size() / 6);
  const std::string_view all = words;
  for (std::size_t at = 0; at < all.size();) {
    const std::size_t end = all.find(' ', at);  // the string ends with a space
    if (end > at) hashes.push_back(hash64(all.substr(at, end - at)));
    at = end + 1;
  }
  return hashes;
}

}  // namespace

// One permutation hashing (Li, Owen and Zhang 2012): each shingle's hash
// picks one of the 32 bins by its top bits and competes for that bin's
// minimum with its low bits, one hash per shingle instead of 32 (the 32
// independent hashes were 3% of all that indexing cost). Two texts' bins
// agree with the probability that the texts' shingles agree, as with 32
// hashes. A text with fewer shingles than bins leaves bins empty; each
// takes the value of the next bin that is not, with the distance mixed in
// (Shrivastava and Li's densification by rotation), so equal texts still
// get equal signatures and empty bins are not taken for agreement.
std::optional<StorySignature> story_signature(const std::vector<std::string_view>& pieces) {
  const std::vector<std::uint64_t> words = word_hashes(pieces);
  if (words.size() < shingle_words) return std::nullopt;
  constexpr std::size_t bins = StorySignature::hashes;
  constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();
  StorySignature signature;
  signature.minimum.fill(empty);
  for (std::size_t start = 0; start + shingle_words <= words.size(); ++start) {
    std::uint64_t shingle = 0;
    for (std::size_t w = 0; w < shingle_words; ++w) shingle = (shingle ^ words[start + w]) * 0x9e3779b97f4a7c15ULL;
    const std::uint64_t hash = mix(shingle);
    static_assert(bins == 32, "the bin is the top 5 bits");
    const std::size_t bin = static_cast<std::size_t>(hash >> 59);
    const auto value = static_cast<std::uint32_t>(hash);
    if (value < signature.minimum[bin]) signature.minimum[bin] = value;
  }
  const StorySignature filled = signature;
  for (std::size_t bin = 0; bin < bins; ++bin) {
    if (filled.minimum[bin] != empty) continue;
    for (std::size_t step = 1; step < bins; ++step) {
      const std::uint32_t next = filled.minimum[(bin + step) % bins];
      if (next == empty) continue;
      signature.minimum[bin] = static_cast<std::uint32_t>(mix(next + step * 0x100000001ULL));
      break;
    }
  }
  return signature;
}

std::size_t story_agreement(const StorySignature& a, const StorySignature& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < StorySignature::hashes; ++i) same += a.minimum[i] == b.minimum[i] ? 1 : 0;
  return same;
}

std::array<std::uint64_t, story_bands> story_band_keys(const StorySignature& signature) {
  std::array<std::uint64_t, story_bands> keys{};
  for (std::size_t band = 0; band < story_bands; ++band) {
    std::uint64_t key = mix(band + 1);
    for (std::size_t row = 0; row < story_rows; ++row) key = mix(key ^ signature.minimum[band * story_rows + row]);
    keys[band] = key;
  }
  return keys;
}

}  // namespace winnow::filters
