// Story signatures: word 4-shingles hashed once, then 32 multiply-shift hashes of each, kept at their minimum.
#include "winnow/filters/story.hpp"

#include <limits>

#include "boilerplate_internal.hpp"

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

// The hash functions: h_i(x) = (a_i * x + b_i) >> 32 with odd a_i
// (Dietzfelbinger's multiply-shift), the constants fixed so signatures are
// the same on every machine and in every run.
struct HashFamily {
  std::array<std::uint64_t, StorySignature::hashes> a{}, b{};
  HashFamily() {
    std::uint64_t state = 0x2545f4914f6cdd1dULL;
    for (std::size_t i = 0; i < StorySignature::hashes; ++i) {
      a[i] = mix(state += 0x9e3779b97f4a7c15ULL) | 1;
      b[i] = mix(state += 0x9e3779b97f4a7c15ULL);
    }
  }
};

const HashFamily& family() {
  static const HashFamily hashes;
  return hashes;
}

// Collects word hashes as write_words() writes a word string.
struct WordHashes {
  std::vector<std::uint64_t>& out;
  std::uint64_t current = 14695981039346656037ULL;
  bool in_word = false;
  char last = ' ';
  void push(char c) {
    last = c;
    if (c == ' ') {
      if (in_word) out.push_back(current);
      current = 14695981039346656037ULL;
      in_word = false;
      return;
    }
    current = (current ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    in_word = true;
  }
  void append(std::string_view s) {
    for (const char c : s) push(c);
  }
  [[nodiscard]] char back() const { return last; }
};

}  // namespace

std::optional<StorySignature> story_signature(const std::vector<std::string_view>& pieces) {
  std::vector<std::uint64_t> words;
  WordHashes collect{words};
  for (const auto piece : pieces) detail::write_words(piece, collect);
  if (words.size() < shingle_words) return std::nullopt;
  const HashFamily& hashes = family();
  StorySignature signature;
  signature.minimum.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::size_t start = 0; start + shingle_words <= words.size(); ++start) {
    std::uint64_t shingle = 0;
    for (std::size_t w = 0; w < shingle_words; ++w) shingle = mix(shingle ^ words[start + w]);
    for (std::size_t i = 0; i < StorySignature::hashes; ++i) {
      const auto value = static_cast<std::uint32_t>((hashes.a[i] * shingle + hashes.b[i]) >> 32);
      if (value < signature.minimum[i]) signature.minimum[i] = value;
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
