// libFuzzer target: a file's bytes through the indexer's whole per-document
// path, as prepare_document runs it (decode, segment, classify, title, date,
// entities), then the Xapian document it would write and its stored fields
// read back, all in memory. Besides the sanitizers' reports, it stops on a
// broken promise: decoded text that is not clean UTF-8, a refused file with
// no reason, stored fields that do not read back as written.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <unicode/utf8.h>
#include <xapian.h>

#include "winnow/filters/decode.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/prepare.hpp"

namespace {

// Well-formed UTF-8 without a leading BOM, NUL or a C0 control other than
// HT, LF, FF and CR: what decode() promises (decode.hpp). A U+FEFF further
// on is a zero-width no-break space, text like any other.
bool is_clean_text(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) return false;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t at = 0; at < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    if (c < 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const winnow::filters::DecodeResult decoded = winnow::filters::decode(bytes);
  if (decoded.decoded && !is_clean_text(decoded.decoded->text)) __builtin_trap();

  const winnow::index::FileInfo file{"/articles/fuzz.txt", 1'700'000'000'000'000'000, size};
  const winnow::index::PrepareResult prepared = winnow::index::prepare_document(file, bytes);
  if (!prepared.document) {
    if (prepared.problem.empty()) __builtin_trap();
    return 0;
  }
  const winnow::index::PreparedDocument& document = *prepared.document;
  const Xapian::Document built = winnow::index::build_document(document);
  const winnow::index::StoredFields fields = winnow::index::read_stored_fields(built);
  if (fields.path != file.path || fields.title != document.title || fields.content != document.content) {
    __builtin_trap();
  }
  return 0;
}
