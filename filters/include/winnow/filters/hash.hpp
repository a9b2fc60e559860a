// The one 64-bit hash of winnow: word tables, segment fingerprints, story
// shingles, content hashes and path hashes.
#pragma once

#include <cstdint>
#include <string_view>

namespace winnow::filters {

/// XXH3-64 (seed 0) of the bytes, from libxxhash: the same on every run and
/// machine, so its values may be stored in an index; fast on words of a few
/// bytes and on whole files alike. XXH3_64bits of no bytes is
/// 0x2D06800538D394C2.
[[nodiscard]] std::uint64_t hash64(std::string_view bytes) noexcept;

}  // namespace winnow::filters
