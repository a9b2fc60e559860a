// The index schema: every term prefix, value slot and metadata key, in one place.
// winnow-index writes with it and winnow-search reads with it; winnow(7) documents it.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace winnow::index::schema {

/// Schema version stored under `schema_key`; bump when documents change shape.
inline constexpr std::string_view version = "1";

// Term prefixes (after xapian-omega/docs/termprefixes.rst).
/// Unprefixed: content words, positional, from filters::tokenise.
/// Stemmed content words (English Snowball), no positions, as Xapian's STEM_SOME.
inline constexpr std::string_view stem_prefix = "Z";
/// The document's unique id: Q + absolute path (hashed when too long).
inline constexpr std::string_view unique_id_prefix = "Q";
/// One per counted segment: XF + segment fingerprint. Its term frequency is the
/// number of documents holding that segment, which the boilerplate filter uses.
inline constexpr std::string_view fingerprint_prefix = "XF";

// Value slots.
enum Slot : Xapian::valueno {
  date_slot = 0,          ///< article date as YYYYMMDD, absent when unknown
  mtime_slot = 1,         ///< file modification time, nanoseconds, decimal; 0 = re-check next run
  size_slot = 2,          ///< file size in bytes, decimal
  content_hash_slot = 3,  ///< 64-bit FNV-1a of the file's bytes, 16 hex digits
  path_slot = 4,          ///< absolute path, so a re-scan can list what is indexed without reading data
};

// Metadata keys.
inline constexpr std::string_view roots_key = "winnow:roots";    ///< JSON array of indexed roots
inline constexpr std::string_view schema_key = "winnow:schema";  ///< schema version

/// Xapian's limit on term length is 245 bytes; longer ids are hashed
/// (after xapian-omega/hashterm.h) so every path gets a unique term.
inline constexpr std::size_t max_term_bytes = 240;

/// prefix + value: one term. (Appends rather than operator+, which trips
/// GCC 12's -Wrestrict false positive.)
[[nodiscard]] inline std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix).append(value);
  return term;
}

/// Q + path, or Q + a prefix of the path and its hash when too long.
[[nodiscard]] std::string unique_id_term(std::string_view absolute_path);

/// 64-bit FNV-1a: stable across runs and machines, cheap; used for content hashes.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view bytes);

/// 16 lower-case hex digits.
[[nodiscard]] std::string hex64(std::uint64_t value);

}  // namespace winnow::index::schema
