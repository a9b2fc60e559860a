// Unit tests for the .mo reader: a catalogue is read in either byte order,
// and a missing, truncated or corrupt one gives no translations.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "message_catalogue.hpp"

using winnow::filters::detail::read_message_catalogue;

namespace {

// A .mo file of these messages, as GNU msgfmt lays it out (no hash table).
std::string catalogue(const std::vector<std::pair<std::string, std::string>>& messages, bool big_endian) {
  std::string out;
  const auto word = [&](std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
      const int shift = big_endian ? 8 * (3 - i) : 8 * i;
      out.push_back(static_cast<char>(value >> shift & 0xFF));
    }
  };
  const auto count = static_cast<std::uint32_t>(messages.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * count;
  word(0x950412de);
  word(0);
  word(count);
  word(originals);
  word(translations);
  word(0);  // hash table size
  word(0);  // hash table offset
  std::string strings;
  std::uint32_t at = translations + 8 * count;
  std::vector<std::uint32_t> table;
  for (const bool translated : {false, true})
    for (const auto& [id, text] : messages) {
      const std::string& s = translated ? text : id;
      table.push_back(static_cast<std::uint32_t>(s.size()));
      table.push_back(at);
      strings += s;
      strings.push_back('\0');
      at += static_cast<std::uint32_t>(s.size() + 1);
    }
  for (const std::uint32_t value : table) word(value);
  return out + strings;
}

std::filesystem::path write(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("winnow-mo-test-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST_CASE("a message catalogue is read in either byte order") {
  const std::vector<std::pair<std::string, std::string>> messages = {
      {"", "Content-Type: text/plain; charset=UTF-8\n"},
      {"Germany", "Deutschland"},
      {"Côte d'Ivoire", "Côte d’Ivoire"},
      {"Untranslated", ""},
      {std::string("context\x04Germany"), "Deutschland (context)"},
  };
  for (const bool big_endian : {false, true}) {
    const auto path = write(big_endian ? "be.mo" : "le.mo", catalogue(messages, big_endian));
    const auto read = read_message_catalogue(path);
    std::filesystem::remove(path);
    CHECK(read.size() == 2);  // no header, no empty translation, no context
    CHECK(read.at("Germany") == "Deutschland");
    CHECK(read.at("Côte d'Ivoire") == "Côte d’Ivoire");
  }
}

TEST_CASE("a missing, truncated or corrupt catalogue gives no translations") {
  CHECK(read_message_catalogue("/nonexistent/winnow/iso_3166-1.mo").empty());
  const std::string good = catalogue({{"Germany", "Deutschland"}, {"France", "Frankreich"}}, false);
  for (std::size_t size = 0; size < good.size(); ++size) {  // every truncation
    const auto path = write("short.mo", good.substr(0, size));
    CHECK(read_message_catalogue(path).empty());
    std::filesystem::remove(path);
  }
  std::string corrupt = good;
  corrupt[0] = 'X';  // no magic number
  auto path = write("magic.mo", corrupt);
  CHECK(read_message_catalogue(path).empty());
  corrupt = good;
  corrupt[8] = '\xFF';  // a count far past the tables
  corrupt[9] = '\xFF';
  std::filesystem::remove(path);
  path = write("count.mo", corrupt);
  CHECK(read_message_catalogue(path).empty());
  std::filesystem::remove(path);
  CHECK(read_message_catalogue(std::filesystem::temp_directory_path()).empty());  // a folder
}
