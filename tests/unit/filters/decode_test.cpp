// Unit tests for the decode stage: encodings, invalid bytes, binary files, mojibake repair.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "winnow/filters/decode.hpp"

using winnow::filters::decode;
using winnow::filters::repair_mojibake;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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
      {std::string("PK\x03\x04\0\0\x08\0", 8), "binary data (NUL bytes)"},
      {"\x01\x02\x03\x04\x05 abc \x06\x07", "binary data (control bytes)"},
  }));
  const auto result = decode(bytes);
  CHECK_FALSE(result.decoded);
  CHECK(result.problem == problem);
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
