// Binary data told from text by the share of control characters; stray controls blanked.
#include "decode_binary.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace winnow::filters::detail {
namespace {

// A file is binary when more than 5% of its first 8 KiB are stray controls.
// Text has next to none: a saved page with 22 stray NULs in 11 KB has 0.2%,
// and of 12,594 text files on a Debian system (docs, headers, Perl, Python
// and C sources, licences) two had any, 0.09% at most. Binary data has many:
// any byte is a control with odds 28 in 256, so compressed data (gzip, PNG,
// JPEG, zip) has about 11%, and of 21,766 binaries (those, .mo catalogues,
// ELF files, random bytes) the fewest had 6.8% (a 1.3 KB gzip file);
// executables have 28% to 96%. 10%, the old cut for controls other than NUL,
// would let part of the compressed files through.
//
// A ratio rather than libmagic: magic_buffer() with MAGIC_MIME_ENCODING calls a
// buffer "binary" for one NUL or other control (file(1)'s text_chars table),
// the rule this replaces, and it is slow: on 10,000 generated articles (51 MB)
// it took 6.6 ms a file with its default tests, 80 us with all but the
// encoding test turned off, where this count takes 2 to 3 us and all of
// decode() 12 us (18 us before, with its NUL search and a 64 KiB count).
// git and file(1) also look at the leading bytes only; git at 8,000.
constexpr std::size_t binary_percent = 5;

// The ASCII names of the C0 controls, for the warning.
constexpr std::array<const char*, 32> control_names = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT", "LF",
    "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
    "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

std::size_t count_in(std::string_view text) {
  std::size_t count = 0;
  // Counted in blocks of 255 into one byte: the compiler vectorises this inner
  // loop, and decode runs on every file.
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = std::min(text.size(), i + 255);
    std::uint8_t block = 0;
    for (; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      block = static_cast<std::uint8_t>(block + (c < 0x20 && c != '\t' && c != '\n' && c != '\f' &&
                                                 c != '\r'));
    }
    count += block;
  }
  return count;
}

}  // namespace

bool ControlCount::binary() const { return in_head * 100 > head_size * binary_percent; }

ControlCount count_controls(std::string_view text) {
  ControlCount count;
  const std::string_view head = text.substr(0, binary_sniff_bytes);
  count.head_size = head.size();
  count.in_head = count_in(head);
  count.in_all = count.in_head + count_in(text.substr(head.size()));
  return count;
}

const char* detect_bomless_utf16(std::string_view bytes) {
  // Characters below U+0100 have a NUL high byte in UTF-16: nearly every code
  // unit of English or French, the spaces, digits and punctuation (a sixth or
  // more) of Cyrillic or Greek. NUL low bytes (U+0000, U+0100, U+2000...) are
  // rare. Binary data has NULs at both parities; and the decoded text is
  // checked for controls again, which refuses 16-bit samples that pass here.
  // CJK text without a BOM has too few NULs to be told from binary data.
  const std::string_view head = bytes.substr(0, binary_sniff_bytes & ~std::size_t{1});
  const std::size_t units = head.size() / 2;
  if (units < 2) return nullptr;
  std::size_t nul_first = 0;
  std::size_t nul_second = 0;
  for (std::size_t i = 0; i + 1 < head.size(); i += 2) {
    nul_first += head[i] == '\0';
    nul_second += head[i + 1] == '\0';
  }
  const auto common = [units](std::size_t nuls) { return nuls * 10 >= units; };  // 10% or more
  const auto rare = [units](std::size_t nuls) { return nuls * 20 <= units; };     // 5% or less
  if (common(nul_second) && rare(nul_first)) return "UTF-16LE";
  if (common(nul_first) && rare(nul_second)) return "UTF-16BE";
  return nullptr;
}

std::string blank_controls(std::string& text) {
  std::size_t count = 0;
  std::uint32_t seen = 0;  // bit c set when control c was found
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (!is_stray_control(byte)) continue;
    seen |= std::uint32_t{1} << byte;
    c = ' ';
    ++count;
  }
  if (count == 0) return {};
  std::string names;
  for (std::size_t code = 0; code < control_names.size(); ++code) {
    if ((seen >> code & 1) == 0) continue;
    if (!names.empty()) names += ", ";
    names += control_names[code];
  }
  return count == 1 ? "1 control character (" + names + ") replaced by a space"
                    : std::to_string(count) + " control characters (" + names +
                          ") replaced by spaces";
}

}  // namespace winnow::filters::detail
