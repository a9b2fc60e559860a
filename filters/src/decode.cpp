// Decode stage: BOM, binary and UTF-8 checks, ICU detection and conversion, cp1252 mojibake repair.
#include "winnow/filters/decode.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "decode_binary.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view utf16le_bom = "\xFF\xFE";
constexpr std::string_view utf16be_bom = "\xFE\xFF";
constexpr std::size_t sniff_bytes = 64 * 1024;

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

// Converts bytes in a named charset to UTF-8 with ICU; unmappable bytes become
// U+FFFD (ICU's default substitution). Empty optional when ICU lacks the charset.
std::optional<std::string> convert_to_utf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  const ConverterPtr converter(ucnv_open(charset, &status));
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                                status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

struct Utf8Scan {
  std::size_t invalid_bytes = 0;
  std::size_t multibyte_chars = 0;
};

Utf8Scan scan_utf8(std::string_view bytes) {
  Utf8Scan scan;
  for (std::size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {  // ASCII is valid and single-byte: nothing to count
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (utf8::next(bytes, i) < 0)
      scan.invalid_bytes += i - start;  // every byte of the ill-formed sequence, as the warning says
    else
      ++scan.multibyte_chars;
  }
  return scan;
}

// The 8-bit charset ICU's detector finds most likely. Only single-byte Western
// and Central European results are trusted: on short Latin text the detector
// also proposes CJK or Cyrillic charsets that would garble it.
std::string detect_legacy_charset(std::string_view bytes) {
  constexpr const char* fallback = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  const std::string_view head = bytes.substr(0, sniff_bytes);
  ucsdet_setText(detector.get(), head.data(), static_cast<int32_t>(head.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status)) return fallback;
  for (int32_t i = 0; i < count; ++i) {
    const std::string_view name = ucsdet_getName(matches[i], &status);
    if (U_FAILURE(status)) return fallback;
    // ISO-8859-1 text is read as windows-1252: its superset for every printable
    // byte, and what a 0x80..0x9F byte in a "Latin-1" web page really means.
    if (name == "ISO-8859-1") return fallback;
    if (name.starts_with("ISO-8859-") || name.starts_with("windows-125")) return std::string(name);
  }
  return fallback;
}

// Text whose stray controls (the number counted in it) become spaces with one
// warning naming them, so that the words beside them are still found.
DecodeResult finish_text(std::string text, std::string encoding, std::size_t controls,
                         std::vector<std::string> warnings = {}) {
  if (controls > 0) warnings.insert(warnings.begin(), detail::blank_controls(text));
  return {DecodedText{std::move(text), std::move(encoding), std::move(warnings), 0}, {}};
}

// Controls are counted after the conversion: in UTF-16 each ASCII character
// has a NUL byte, and only a NUL character is a stray control.
DecodeResult decode_utf16(std::string_view body, const char* charset) {
  std::optional<std::string> text = convert_to_utf8(body, charset);
  if (!text) return {std::nullopt, std::string("cannot convert from ") + charset};
  const detail::ControlCount controls = detail::count_controls(*text);
  if (controls.binary()) return {std::nullopt, "binary data"};
  return finish_text(std::move(*text), charset, controls.in_all);
}

DecodeResult decode_8bit(std::string_view body) {
  // Judged on the bytes, not on converted text in which each high byte may
  // take two or three: every charset read here (UTF-8, ISO-8859-*,
  // windows-125*) writes the C0 controls as the bytes 0x00..0x1F.
  const detail::ControlCount controls = detail::count_controls(body);
  if (controls.binary()) {
    // UTF-16 without a byte order mark: its NUL bytes are no controls either.
    if (const char* charset = detail::detect_bomless_utf16(body)) return decode_utf16(body, charset);
    return {std::nullopt, "binary data"};
  }
  const Utf8Scan scan = scan_utf8(body);
  if (scan.invalid_bytes == 0) return finish_text(std::string(body), "UTF-8", controls.in_all);
  if (scan.multibyte_chars > 0) {
    // ASCII bytes are copied as they are, so the count still holds.
    return finish_text(utf8::repaired(body), "UTF-8", controls.in_all,
                       {std::to_string(scan.invalid_bytes) +
                        " invalid UTF-8 bytes replaced with U+FFFD"});
  }
  const std::string charset = detect_legacy_charset(body);
  std::optional<std::string> text = convert_to_utf8(body, charset.c_str());
  if (!text) return {std::nullopt, "cannot convert from " + charset};
  // ICU maps 0x00..0x1F to U+0000..U+001F, and no other byte to a C0
  // control, in each of these charsets: the count holds.
  return finish_text(std::move(*text), charset, controls.in_all);
}

// Which windows-1252 byte writes a character, read from ICU's converter once.
class Cp1252Bytes {
 public:
  Cp1252Bytes() {
    UErrorCode status = U_ZERO_ERROR;
    const ConverterPtr converter(ucnv_open("windows-1252", &status));
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    for (int byte = 0x80; byte <= 0xFF; ++byte) {
      const char in = static_cast<char>(byte);
      UChar out[2] = {};
      UErrorCode one = status;
      const int32_t n = ucnv_toUChars(converter.get(), out, 2, &in, 1, &one);
      const UChar32 c = U_SUCCESS(one) && n == 1 ? out[0] : -1;
      if (c >= 0) m_bytes.push_back({c, byte});
      ucnv_reset(converter.get());
    }
    // Sorted by character, and for one character by byte, so that a search
    // finds the lowest byte that writes it.
    std::sort(m_bytes.begin(), m_bytes.end());
  }

  /// The byte for c, or -1 when windows-1252 cannot write it.
  [[nodiscard]] int byte_for(UChar32 c) const {
    // C1 controls stand for their own byte: decoders pass cp1252's five
    // undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) through as U+0081 etc.,
    // so "Á" (C3 81) turns up as "Ã" U+0081; ISO-8859-1 mojibake looks alike.
    if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);
    const auto hit = std::lower_bound(m_bytes.begin(), m_bytes.end(), std::make_pair(c, 0));
    return hit != m_bytes.end() && hit->first == c ? hit->second : -1;
  }

 private:
  std::vector<std::pair<UChar32, int>> m_bytes;  ///< (character, the byte that writes it)
};

const Cp1252Bytes& cp1252_bytes() {
  static const Cp1252Bytes table;  // immutable after the thread-safe static init
  return table;
}

// A repair must give characters that real mojibake yields: Latin, Greek,
// Cyrillic, Hebrew, Arabic (two-byte UTF-8), punctuation and symbols, the
// compatibility forms (U+FFFD, ligatures) and emoji. A three-byte result in
// CJK or Indic is far likelier genuine text: French "é" U+00A0 "»" is
// E9 A0 BB, valid UTF-8 for U+983B.
bool plausible_repair(UChar32 c, std::string_view sequence) {
  if (c < 0xA0) return false;
  if (c >= 0x0800 && c < 0x1E00) return false;
  if (c >= 0x2C00 && c < 0xFB00) return false;
  // A capital followed by a no-break space (French "CAFÉ !") is two valid
  // bytes too (C9 A0, U+0260); of those pairs only "Â " (U+00A0) and "Ã "
  // ("à") are common mojibake.
  const auto lead = static_cast<unsigned char>(sequence[0]);
  const bool nbsp_trail = sequence.size() == 2 && static_cast<unsigned char>(sequence[1]) == 0xA0;
  return !nbsp_trail || lead == 0xC2 || lead == 0xC3;
}

// The UTF-8 that a run's cp1252 bytes spell, or nothing when they are not
// plausible UTF-8. A stray 0xA0 byte is kept as the no-break space it was:
// scrapers glue one to mojibake ("Mali" U+00A0 "â€œto").
std::optional<std::string> redecode(std::string_view bytes) {
  std::string out;
  bool repaired = false;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t start = i;
    const UChar32 c = utf8::next(bytes, i);
    if (c < 0) {
      // A lone 0xA0 is an ill-formed sequence of its own, one byte long.
      if (static_cast<unsigned char>(bytes[start]) != 0xA0) return std::nullopt;
      out += "\xC2\xA0";
      continue;
    }
    const std::string_view sequence = bytes.substr(start, i - start);
    if (!plausible_repair(c, sequence)) return std::nullopt;
    out += sequence;
    repaired = true;
  }
  if (!repaired) return std::nullopt;
  return out;
}

}  // namespace

std::string repair_mojibake(std::string_view utf8, std::size_t* repairs) {
  // Mojibake is made of non-ASCII characters: ASCII text is returned as it is.
  if (utf8::is_ascii(utf8)) return std::string(utf8);
  const Cp1252Bytes& table = cp1252_bytes();
  std::string out;
  out.reserve(utf8.size());
  std::string run_bytes;  // the current run of non-ASCII characters, as cp1252
  std::size_t run_start = 0;
  auto flush_run = [&](std::size_t run_end) {
    const std::string_view original = utf8.substr(run_start, run_end - run_start);
    std::optional<std::string> repaired;
    if (!run_bytes.empty()) repaired = redecode(run_bytes);
    if (repaired) {
      out += *repaired;
      if (repairs) ++*repairs;
    } else {
      out += original;
    }
    run_bytes.clear();
  };
  const auto is_ascii_byte = [&utf8](std::size_t at) { return static_cast<unsigned char>(utf8[at]) < 0x80; };
  for (std::size_t i = 0; i < utf8.size();) {
    if (is_ascii_byte(i)) {
      // ASCII ends the run, and is never part of one: copied in one stretch.
      flush_run(i);
      std::size_t end = i;
      while (end < utf8.size() && is_ascii_byte(end)) ++end;
      out.append(utf8.substr(i, end - i));
      run_start = end;
      i = end;
      continue;
    }
    const std::size_t start = i;
    const UChar32 c = utf8::next(utf8, i);
    const int byte = c < 0x80 ? -1 : table.byte_for(c);
    if (byte < 0) {
      // ASCII, an ill-formed sequence or a character cp1252 lacks ends the run;
      // it is never part of one, so "â€" + ASCII is judged on "â€" alone.
      flush_run(start);
      out.append(utf8.substr(start, i - start));
      run_start = i;
    } else {
      run_bytes += static_cast<char>(byte);
    }
  }
  flush_run(utf8.size());
  return out;
}

DecodeResult decode(std::string_view bytes) {
  if (bytes.empty()) return {std::nullopt, "empty file"};
  DecodeResult result;
  if (bytes.starts_with(utf16le_bom)) {
    result = decode_utf16(bytes.substr(utf16le_bom.size()), "UTF-16LE");
  } else if (bytes.starts_with(utf16be_bom)) {
    result = decode_utf16(bytes.substr(utf16be_bom.size()), "UTF-16BE");
  } else {
    if (bytes.starts_with(utf8_bom)) bytes.remove_prefix(utf8_bom.size());
    result = decode_8bit(bytes);
  }
  if (result.decoded) {
    DecodedText& decoded = *result.decoded;
    decoded.text = repair_mojibake(decoded.text, &decoded.mojibake_repairs);
    // A U+FEFF after the byte order mark (a file saved twice with one, found
    // by make fuzz as FF FE FF FE) would start the text: it is a mark, not text.
    std::size_t marks = 0;
    while (std::string_view(decoded.text).substr(marks).starts_with(utf8_bom)) marks += utf8_bom.size();
    decoded.text.erase(0, marks);
  }
  return result;
}

}  // namespace winnow::filters
