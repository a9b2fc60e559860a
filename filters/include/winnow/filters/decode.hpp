// Decode stage: a file's bytes to clean UTF-8 text, whatever encoding the scraper saved.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::filters {

/// Text decoded from a file's bytes.
struct DecodedText {
  std::string text;                   ///< valid UTF-8, no BOM, no NUL or other C0 but HT LF FF CR
  std::string encoding;               ///< what the bytes were read as: "UTF-8", "UTF-16LE", "windows-1252", ...
  std::vector<std::string> warnings;  ///< one-line notes for the user, e.g. "3 invalid UTF-8 bytes replaced with U+FFFD"
                                      ///< or "22 control characters (NUL) replaced by spaces"
  std::size_t mojibake_repairs = 0;   ///< cp1252 mojibake sequences that were repaired
};

/// The outcome of decoding: text, or why the bytes are not text.
struct DecodeResult {
  std::optional<DecodedText> decoded;  ///< set when the bytes are text
  std::string problem;                 ///< set when they are not: "binary data", "empty file", ...
};

/// Decodes a file's bytes: UTF-8 with or without BOM, UTF-16 with BOM or told
/// by its NUL bytes, legacy 8-bit encodings found by ICU's charset detector;
/// repairs cp1252 mojibake.
/// The bytes are binary data when more than 5% of the first 8 KiB are C0
/// controls other than tab, LF, FF and CR; fewer become spaces, with a warning.
[[nodiscard]] DecodeResult decode(std::string_view bytes);

/// Repairs cp1252 mojibake ("â€œ" -> "“", "Ã©" -> "é") in UTF-8 text where a
/// whole run round-trips through cp1252 to valid UTF-8; leaves genuine text alone.
/// Adds the number of repaired runs to *repairs when given.
[[nodiscard]] std::string repair_mojibake(std::string_view utf8, std::size_t* repairs = nullptr);

}  // namespace winnow::filters
