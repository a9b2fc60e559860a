// The boilerplate filter's corpus counts as an index stores them: each
// document's fingerprints in a value slot, and how many documents hold each
// fingerprint in metadata entries, a shard of fingerprints per entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::index::detail {

/// A segment's fingerprint (filters::Segment::fingerprint).
using Fingerprint = std::uint64_t;

/// The value of schema::fingerprints_slot: the distinct fingerprints, sorted,
/// 8 bytes each, most significant first. Empty for none.
[[nodiscard]] std::string encode_fingerprints(std::vector<Fingerprint> fingerprints);
/// Reads encode_fingerprints's value (a trailing partial fingerprint is ignored).
[[nodiscard]] std::vector<Fingerprint> decode_fingerprints(std::string_view value);

/// Fingerprints are spread over 2^shard_bits metadata entries by their top
/// bits: on 100,000 articles an entry holds about 45 counts (450 bytes).
/// A run rewrites every entry that holds a count it changed, and the
/// fingerprints of a thousand new articles fall in nearly every one of
/// 4,096 entries (a run of 1% new files at 100,000 rewrote all 30 MB of
/// counts); of 65,536, in about a third.
inline constexpr unsigned shard_bits = 16;
inline constexpr unsigned shard_count = 1u << shard_bits;
[[nodiscard]] constexpr unsigned shard_of(Fingerprint fingerprint) {
  return static_cast<unsigned>(fingerprint >> (64 - shard_bits));
}
/// The metadata key of one shard: schema::fingerprint_counts_key + ':' + 4 hex digits.
[[nodiscard]] std::string shard_key(unsigned shard);

/// One shard's counts: (fingerprint, documents holding it), sorted by
/// fingerprint, no zero counts.
using ShardCounts = std::vector<std::pair<Fingerprint, std::uint32_t>>;
/// Each entry as two varints: the gap from the previous fingerprint (from the
/// shard's first possible one for the first entry), then the count.
[[nodiscard]] std::string encode_shard(unsigned shard, const ShardCounts& counts);
/// Throws std::runtime_error when the bytes are not encode_shard's.
[[nodiscard]] ShardCounts decode_shard(unsigned shard, std::string_view bytes);

}  // namespace winnow::index::detail
