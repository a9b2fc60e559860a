// .mo reading: see message_catalogue.hpp. The format is GNU gettext's
// ("The Format of GNU MO Files" in its manual): a header of 32-bit words,
// then two tables of (length, offset) pairs, one for the original strings
// and one for their translations, each string followed by a NUL byte.
#include "message_catalogue.hpp"

#include <cstdint>
#include <fstream>
#include <optional>
#include <string_view>

namespace winnow::filters::detail {
namespace {

constexpr std::uint32_t magic = 0x950412de;
constexpr std::uintmax_t max_bytes = 16 * 1024 * 1024;  // iso-codes' largest is some 100 KiB

// The catalogue's bytes, every read checked against their end.
class Catalogue {
 public:
  explicit Catalogue(std::string bytes) : bytes_(std::move(bytes)) {}

  // The word at offset in the file's byte order; none past the end.
  std::optional<std::uint32_t> word(std::uint64_t offset) const {
    if (offset + 4 > bytes_.size()) return {};
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const auto byte = static_cast<unsigned char>(bytes_[offset + static_cast<std::uint64_t>(big_endian_ ? i : 3 - i)]);
      value = value << 8 | byte;
    }
    return value;
  }

  // Reads the magic number: which byte order, and whether it is a catalogue.
  bool start() {
    if (word(0) == magic) return true;
    big_endian_ = true;
    return word(0) == magic;
  }

  // String `index` of the table at table_offset, up to its first NUL (a
  // plural message's singular form); none when it lies outside the file.
  std::optional<std::string_view> string(std::uint64_t table_offset, std::uint64_t index) const {
    const auto length = word(table_offset + index * 8);
    const auto offset = word(table_offset + index * 8 + 4);
    if (!length || !offset || std::uint64_t{*offset} + *length >= bytes_.size()) return {};
    std::string_view text = std::string_view(bytes_).substr(*offset, *length);
    return text.substr(0, text.find('\0'));
  }

 private:
  std::string bytes_;
  bool big_endian_ = false;  // the machine that wrote it was: most significant byte first
};

}  // namespace

std::unordered_map<std::string, std::string> read_message_catalogue(const std::filesystem::path& file) {
  std::unordered_map<std::string, std::string> messages;
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error || size > max_bytes) return messages;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::ifstream in(file, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return messages;
  Catalogue catalogue(std::move(bytes));
  if (!catalogue.start()) return messages;
  const auto revision = catalogue.word(4);
  const auto count = catalogue.word(8);
  const auto originals = catalogue.word(12);
  const auto translations = catalogue.word(16);
  if (!revision || *revision >> 16 > 1 || !count || !originals || !translations) return messages;
  for (std::uint32_t i = 0; i < *count; ++i) {
    const auto original = catalogue.string(*originals, i);
    const auto translation = catalogue.string(*translations, i);
    if (!original || !translation) return {};  // a table that leaves the file: a corrupt catalogue
    if (original->empty() || translation->empty() || original->find('\x04') != std::string_view::npos) continue;
    messages.emplace(*original, *translation);
  }
  return messages;
}

}  // namespace winnow::filters::detail
