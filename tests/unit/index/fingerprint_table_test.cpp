// Unit tests for the stored form of the boilerplate filter's corpus counts.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "fingerprint_table.hpp"

using namespace winnow::index::detail;

TEST_CASE("a document's fingerprints are stored distinct and sorted, and read back", "[fingerprints]") {
  const std::vector<Fingerprint> given = {0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210, 7};
  const std::string value = encode_fingerprints(given);
  CHECK(value.size() == 3 * 8);
  CHECK(decode_fingerprints(value) == std::vector<Fingerprint>{7, 0x0123456789abcdef, 0xfedcba9876543210});
  CHECK(encode_fingerprints({}).empty());
}

TEST_CASE("a shard of counts round-trips, compactly, and damaged bytes are refused", "[fingerprints]") {
  const Fingerprint first = 0xabcd000000000005;
  REQUIRE(shard_of(first) == 0xabcd);
  const ShardCounts counts = {{first, 1}, {first + 0x10000000000, 3}, {0xabcdffffffffffff, 70000}};
  const std::string bytes = encode_shard(0xabcd, counts);
  CHECK(decode_shard(0xabcd, bytes) == counts);
  CHECK(bytes.size() < counts.size() * 12);  // gaps as varints, not 8 + 4 bytes an entry
  CHECK(decode_shard(0xabcd, "").empty());
  CHECK(shard_key(0xabcd) == "winnow:fingerprint-counts:abcd");

  // A count of zero, and the same fingerprint twice.
  CHECK_THROWS_AS(decode_shard(0xabcd, std::string("\x05\x00", 2)), std::runtime_error);
  CHECK_THROWS_AS(decode_shard(0xabcd, std::string("\x05\x01\x00\x01", 4)), std::runtime_error);
  // A gap that leaves the shard.
  CHECK_THROWS_AS(decode_shard(0xabcd, encode_shard(0xabcd, {{0xabcdffffffffffff, 1}}) + std::string("\x01\x01", 2)),
                  std::runtime_error);
  // Cut inside a varint.
  std::string cut = bytes;
  cut.back() = static_cast<char>(0x80);
  CHECK_THROWS_AS(decode_shard(0xabcd, cut), std::runtime_error);
}
