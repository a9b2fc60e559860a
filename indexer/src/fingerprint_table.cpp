// Encodings of the fingerprint slot and of the fingerprint count shards.
#include "fingerprint_table.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace {

Fingerprint shard_base(unsigned shard) { return static_cast<Fingerprint>(shard) << (64 - shard_bits); }

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool get_varint(std::string_view& in, std::uint64_t& value) {
  value = 0;
  for (unsigned shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace

std::string encode_fingerprints(std::vector<Fingerprint> fingerprints) {
  std::sort(fingerprints.begin(), fingerprints.end());
  fingerprints.erase(std::unique(fingerprints.begin(), fingerprints.end()), fingerprints.end());
  std::string value;
  value.reserve(fingerprints.size() * 8);
  for (const Fingerprint fingerprint : fingerprints) {
    for (int shift = 56; shift >= 0; shift -= 8) value.push_back(static_cast<char>(fingerprint >> shift));
  }
  return value;
}

std::vector<Fingerprint> decode_fingerprints(std::string_view value) {
  std::vector<Fingerprint> fingerprints;
  fingerprints.reserve(value.size() / 8);
  for (std::size_t at = 0; at + 8 <= value.size(); at += 8) {
    Fingerprint fingerprint = 0;
    for (std::size_t i = 0; i < 8; ++i) fingerprint = (fingerprint << 8) | static_cast<unsigned char>(value[at + i]);
    fingerprints.push_back(fingerprint);
  }
  return fingerprints;
}

std::string shard_key(unsigned shard) {
  return fmt::format("{}:{:04x}", schema::fingerprint_counts_key, shard);
}

std::string encode_shard(unsigned shard, const ShardCounts& counts) {
  std::string bytes;
  Fingerprint previous = shard_base(shard);
  for (const auto& [fingerprint, count] : counts) {
    put_varint(bytes, fingerprint - previous);
    put_varint(bytes, count);
    previous = fingerprint;
  }
  return bytes;
}

ShardCounts decode_shard(unsigned shard, std::string_view bytes) {
  ShardCounts counts;
  Fingerprint previous = shard_base(shard);
  while (!bytes.empty()) {
    std::uint64_t gap = 0, count = 0;
    if (!get_varint(bytes, gap) || !get_varint(bytes, count) || count == 0 || count > UINT32_MAX ||
        (!counts.empty() && gap == 0) || shard_of(previous + gap) != shard) {
      throw std::runtime_error(fmt::format("the fingerprint counts in {} are damaged", shard_key(shard)));
    }
    previous += gap;
    counts.emplace_back(previous, static_cast<std::uint32_t>(count));
  }
  return counts;
}

}  // namespace winnow::index::detail
