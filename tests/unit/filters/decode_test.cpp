// Decode stage unit tests: encodings, invalid bytes, binary files, stray controls, mojibake repair.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/decode.hpp"

using winnow::filters::decode;
using winnow::filters::repair_mojibake;
using namespace std::string_literals;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Bytes from a fixed linear congruential generator: the same on every run, as
// varied as compressed data.
std::string pseudo_random_bytes(std::size_t size, std::uint32_t seed) {
  std::string bytes(size, '\0');
  for (char& byte : bytes) {
    seed = seed * 1664525u + 1013904223u;
    byte = static_cast<char>(seed >> 24);
  }
  return bytes;
}

// An article of about size bytes of distinct numbered words ("word00017"), a
// line of twelve words each.
std::string numbered_words(std::size_t size) {
  std::string text;
  for (int n = 0; text.size() < size; ++n) {
    text += "word" + std::to_string(100000 + n).substr(1);
    text += n % 12 == 11 ? '\n' : ' ';
  }
  return text;
}

std::string utf16le(std::string_view ascii) {
  std::string out;
  for (const char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

const winnow::filters::DecodedText& text_of(const winnow::filters::DecodeResult& result) {
  INFO("problem: " << result.problem);
  REQUIRE(result.decoded);
  return *result.decoded;
}

}  // namespace

TEST_CASE("UTF-8 passes through and a BOM is stripped", "[decode]") {
  const auto plain = decode("Bamako, Ménaka and Gao");
  CHECK(text_of(plain).text == "Bamako, Ménaka and Gao");
  CHECK(text_of(plain).encoding == "UTF-8");
  CHECK(text_of(plain).warnings.empty());
  const auto bom = decode("\xEF\xBB\xBFMénaka");
  CHECK(text_of(bom).text == "Ménaka");
}

TEST_CASE("byte order marks repeated after the first never start the text", "[decode]") {
  // Found by make fuzz: FF FE FF FE, UTF-16LE whose text is one more U+FEFF.
  const auto twice16 = decode(std::string_view("\xFF\xFE\xFF\xFE", 4));
  CHECK(text_of(twice16).text.empty());
  CHECK(text_of(decode(std::string_view("\xFF\xFE\xFF\xFEG\0a\0o\0", 10))).text == "Gao");
  CHECK(text_of(decode("\xEF\xBB\xBF\xEF\xBB\xBFGao")).text == "Gao");
  // Further on, U+FEFF is a zero-width no-break space, text like any other.
  CHECK(text_of(decode("Ga\xEF\xBB\xBFo")).text == "Ga\xEF\xBB\xBFo");
}

TEST_CASE("UTF-16 with a BOM decodes in either byte order", "[decode]") {
  // "Mé" then U+2019 and "s"
  const auto le = decode(std::string("\xFF\xFEM\0\xE9\0\x19\x20s\0", 10));
  CHECK(text_of(le).text == "Mé’s");
  CHECK(text_of(le).encoding == "UTF-16LE");
  const auto be = decode(std::string("\xFE\xFF\0M\0\xE9\x20\x19\0s", 10));
  CHECK(text_of(be).text == "Mé’s");
  CHECK(text_of(be).encoding == "UTF-16BE");
}

TEST_CASE("invalid bytes in UTF-8 become U+FFFD with a warning", "[decode]") {
  const auto result = decode("Goïta \xFF said \xC3 no");
  const auto& decoded = text_of(result);
  CHECK(decoded.text == "Goïta \xEF\xBF\xBD said \xEF\xBF\xBD no");
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0] == "2 invalid UTF-8 bytes replaced with U+FFFD");
}

TEST_CASE("a windows-1252 file is detected and converted", "[decode]") {
  const std::string cp1252 =
      "The attack near M\xE9naka, said S\xE9" "bastien, was \x93the worst\x94 this year. "
      "Residents of the r\xE9gion fled \x96 again.";
  const auto result = decode(cp1252);
  const auto& decoded = text_of(result);
  CHECK_THAT(decoded.text, Catch::Contains("Ménaka"));
  CHECK_THAT(decoded.text, Catch::Contains("“the worst”"));
  CHECK_THAT(decoded.text, Catch::Contains("fled – again"));
  CHECK(decoded.encoding == "windows-1252");
}

TEST_CASE("bytes that are not text are reported", "[decode]") {
  const auto [bytes, problem] = GENERATE(table<std::string, std::string>({
      {"", "empty file"},
      {std::string("PK\x03\x04\0\0\x08\0", 8), "binary data"},
      {"\x01\x02\x03\x04\x05 abc \x06\x07", "binary data"},
  }));
  const auto result = decode(bytes);
  CHECK_FALSE(result.decoded);
  CHECK(result.problem == problem);
}

TEST_CASE("binary data is refused by the share of control bytes, not by one byte",
          "[decode][binary]") {
  // Compressed data: about 11% of its bytes are controls, NUL among them.
  const std::string png = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0"s +
                          "\x5c\x72\xa8\x66\0\0\x20\0IDAT\x78\x9c"s +
                          pseudo_random_bytes(8192, 7);
  const std::string gzip = "\x1f\x8b\x08\0\0\0\0\0\0\x03"s + pseudo_random_bytes(600, 11);
  // An executable's headers: mostly NULs, then high bytes of machine code.
  std::string elf = "\x7f" "ELF\x02\x01\x01"s + std::string(57, '\0');
  for (std::size_t i = 0; elf.size() < 8192; ++i) {
    elf += i % 3 == 0 ? std::string(5, '\0')
                      : pseudo_random_bytes(8, static_cast<std::uint32_t>(i));
  }
  const auto [name, bytes] = GENERATE_COPY(table<std::string, std::string>({
      {"PNG", png}, {"gzip", gzip}, {"ELF", elf}, {"random", pseudo_random_bytes(4096, 3)}}));
  INFO(name);
  const auto result = decode(bytes);
  CHECK_FALSE(result.decoded);
  CHECK(result.problem == "binary data");
}

TEST_CASE("text with stray NULs is decoded, its words intact, with one warning",
          "[decode][binary]") {
  // A saved page of 11 KB holding 22 NUL bytes, each after a word, some past
  // the first 8 KiB: it was refused whole.
  const std::string clean = numbered_words(11 * 1024);
  std::string bytes = clean;
  for (std::size_t nul = 0, at = 17; nul < 22; ++nul, at += 511) {
    at = bytes.find(' ', at);
    bytes.insert(at, 1, '\0');
  }
  REQUIRE(std::count(bytes.begin(), bytes.end(), '\0') == 22);
  const auto result = decode(bytes);
  const auto& decoded = text_of(result);
  CHECK(decoded.encoding == "UTF-8");
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0] == "22 control characters (NUL) replaced by spaces");
  CHECK(decoded.text.find('\0') == std::string::npos);
  std::string expected = bytes;
  std::replace(expected.begin(), expected.end(), '\0', ' ');
  CHECK(decoded.text == expected);
  // Every word of the page is still a word.
  std::istringstream words_in(clean);
  std::istringstream decoded_in(decoded.text);
  CHECK(std::set<std::string>(std::istream_iterator<std::string>(words_in), {}) ==
        std::set<std::string>(std::istream_iterator<std::string>(decoded_in), {}));
}

TEST_CASE("text with one NUL is decoded with one warning", "[decode][binary]") {
  const auto result = decode("A report from Gao about nulwordz\0 with a NUL byte.\n"s);
  const auto& decoded = text_of(result);
  CHECK(decoded.text == "A report from Gao about nulwordz  with a NUL byte.\n");
  CHECK(decoded.warnings ==
        std::vector<std::string>{"1 control character (NUL) replaced by a space"});
}

TEST_CASE("stray controls are named, and tab, newline, CR and form feed are text",
          "[decode][binary]") {
  // Three controls in 66 bytes (4.5%): a terminal's escapes and a bell.
  const auto controls =
      decode("The \x1b[1mBamako\x1b[0m bureau said the alarm rang twice before dawn.\x07\n");
  CHECK(text_of(controls).text ==
        "The  [1mBamako [0m bureau said the alarm rang twice before dawn. \n");
  CHECK(text_of(controls).warnings ==
        std::vector<std::string>{"3 control characters (BEL, ESC) replaced by spaces"});
  const auto white = decode("Gao\tMopti\r\nKidal\f\n");
  CHECK(text_of(white).text == "Gao\tMopti\r\nKidal\f\n");
  CHECK(text_of(white).warnings.empty());
}

TEST_CASE("a legacy 8-bit text with a NUL is converted and the NUL blanked", "[decode][binary]") {
  const auto result = decode("Fighting near M\xe9naka\0 displaced \x93thousands\x94."s);
  const auto& decoded = text_of(result);
  CHECK(decoded.encoding == "windows-1252");
  CHECK(decoded.text == "Fighting near Ménaka  displaced “thousands”.");
  CHECK(decoded.warnings ==
        std::vector<std::string>{"1 control character (NUL) replaced by a space"});
}

TEST_CASE("binary is more than 5% controls in the first 8 KiB", "[decode][binary]") {
  // 100 bytes with 5 NULs are text; with 6, binary.
  const std::string five = std::string(5, '\0') + std::string(95, 'a');
  CHECK(text_of(decode(five)).warnings ==
        std::vector<std::string>{"5 control characters (NUL) replaced by spaces"});
  CHECK(decode(std::string(6, '\0') + std::string(94, 'a')).problem == "binary data");
  // Only the leading bytes count: text padded with NULs after 8 KiB is text.
  const std::string padded = numbered_words(8192).substr(0, 8192) + std::string(16384, '\0');
  CHECK(text_of(decode(padded)).warnings ==
        std::vector<std::string>{"16384 control characters (NUL) replaced by spaces"});
}

TEST_CASE("UTF-16 is judged after its conversion: its NUL bytes are not controls",
          "[decode][binary]") {
  const std::string article = numbered_words(6000);
  const auto result = decode("\xFF\xFE" + utf16le(article));
  const auto& decoded = text_of(result);
  CHECK(decoded.text == article);
  CHECK(decoded.encoding == "UTF-16LE");
  CHECK(decoded.warnings.empty());
  // A NUL character (two NUL bytes) in UTF-16 text is a stray control.
  const auto nul = decode("\xFF\xFE" + utf16le("Reporters in Gao\0said the junta met on Monday."s));
  CHECK(text_of(nul).text == "Reporters in Gao said the junta met on Monday.");
  CHECK(text_of(nul).warnings ==
        std::vector<std::string>{"1 control character (NUL) replaced by a space"});
  // A byte order mark before binary data does not make it text.
  CHECK(decode("\xFF\xFE" + std::string(64, '\0')).problem == "binary data");
}

// UTF-16 bytes of text, without a byte order mark.
std::string utf16_bytes(std::u16string_view text, bool little_endian) {
  std::string out;
  for (const char16_t unit : text) {
    const auto low = static_cast<char>(unit & 0xFF);
    const auto high = static_cast<char>(unit >> 8);
    out += little_endian ? low : high;
    out += little_endian ? high : low;
  }
  return out;
}

TEST_CASE("UTF-16 without a byte order mark is told by its NUL bytes", "[decode][binary]") {
  const std::u16string english = u"Reporters in Ouagadougou said the junta met ministers on Monday.\n";
  const auto le = decode(utf16_bytes(english, true));
  CHECK(text_of(le).text == "Reporters in Ouagadougou said the junta met ministers on Monday.\n");
  CHECK(text_of(le).encoding == "UTF-16LE");
  CHECK(text_of(le).warnings.empty());
  const auto be = decode(utf16_bytes(english, false));
  CHECK(text_of(be).encoding == "UTF-16BE");
  CHECK(text_of(be).text == text_of(le).text);
  // In Cyrillic only the spaces and punctuation have a NUL byte.
  const auto russian = decode(utf16_bytes(u"Жители Бамако сообщили о новых столкновениях.", true));
  CHECK(text_of(russian).text == "Жители Бамако сообщили о новых столкновениях.");
  CHECK(text_of(russian).encoding == "UTF-16LE");
}

TEST_CASE("16-bit samples with NUL high bytes are still binary data", "[decode][binary]") {
  // Every second byte NUL, as in UTF-16 text, but the characters they make
  // are U+0000..U+00FF at random: controls again, after the conversion.
  std::string samples;
  for (const char low : pseudo_random_bytes(4096, 5)) {
    samples += low;
    samples += '\0';
  }
  CHECK(decode(samples).problem == "binary data");
}

TEST_CASE("white space only is text with no words", "[decode]") {
  const auto result = decode(" \n\t\r\n");
  CHECK(result.decoded);
  CHECK(result.problem.empty());
}

TEST_CASE("cp1252 mojibake is repaired", "[decode][mojibake]") {
  const auto [broken, repaired] = GENERATE(table<std::string, std::string>({
      {"â€œto continue honoring”", "“to continue honoring”"},
      {"the regionâ€™s poorest", "the region’s poorest"},
      {"MÃ©naka", "Ménaka"},
      {"For SÃ©bastien Haller", "For Sébastien Haller"},
      {"Ã\u0081frica", "África"},          // undefined cp1252 byte 0x81 kept as U+0081
      {"price: 10â‚¬", "price: 10€"},
      {"Ã\u00A0 Bamako", "à Bamako"},      // "à" is C3 A0: A0 shows as a no-break space
      {"Mali\u00A0â€œto", "Mali\u00A0“to"},  // a genuine no-break space glued on
  }));
  std::size_t repairs = 0;
  CHECK(repair_mojibake(broken, &repairs) == repaired);
  CHECK(repairs == 1);
}

TEST_CASE("genuine accented text is left alone by the repair", "[decode][mojibake]") {
  const std::string text = GENERATE(as<std::string>{}, "café", "Goïta", "naïve", "Ã", "£5",
                                    "Größe", "Burkinabé", "« bonjour »", "café\u00A0»",
                                    "â€ said", "CAFÉ\u00A0!", "ÉTÉ\u00A0»");
  std::size_t repairs = 0;
  CHECK(repair_mojibake(text, &repairs) == text);
  CHECK(repairs == 0);
}

TEST_CASE("decode repairs the mojibake of the seed and dev articles", "[decode][mojibake]") {
  const auto [file, expected] = GENERATE(table<std::string, std::string>({
      {"seed-gold/002_8ef430123d4cc39d.txt", "Mali\u00A0“to continue honoring the ceasefire"},
      {"boilerplate-dev/dev07_afcon-final.txt", "For Sébastien Haller"},
      {"boilerplate-dev/dev03_mali-heatwave.txt", "the region’s poore"},
  }));
  const auto result = decode(read_file(std::string(WINNOW_TEST_DATA) + "/" + file));
  const auto& decoded = text_of(result);
  CHECK_THAT(decoded.text, Catch::Contains(expected));
  CHECK_THAT(decoded.text, !Catch::Contains("â€œ") && !Catch::Contains("Ã©"));
  CHECK(decoded.mojibake_repairs >= 1);
}
