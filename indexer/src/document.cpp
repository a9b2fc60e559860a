// Document builder: terms, values and stored fields of one indexed file.
#include "winnow/index/document.hpp"

#include <nlohmann/json.hpp>

#include "winnow/filters/text.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace {

bool has_letter(std::string_view term) {
  for (const char c : term) {
    // Any non-digit, non-separator byte (ASCII letter or UTF-8) makes it a word.
    if (!(c >= '0' && c <= '9') && c != ',' && c != '.') return true;
  }
  return false;
}

// Positional terms plus their stems. A one-position gap between segments keeps
// phrases from matching across a paragraph or across removed boilerplate.
void add_content_terms(Xapian::Document& document, const PreparedDocument& prepared) {
  thread_local const Xapian::Stem stemmer("english");
  std::uint32_t position = 1;
  for (const auto& segment : prepared.segments) {
    if (segment.label != filters::Label::content) continue;
    for (const auto& token : filters::tokenise(segment.text, position)) {
      document.add_posting(token.term, token.position);
      if (has_letter(token.term)) {
        document.add_term(schema::prefixed(schema::stem_prefix, stemmer(token.term)));
      }
      position = token.position + 1;
    }
    position += 1;
  }
}

void add_fingerprints(Xapian::Document& document, const PreparedDocument& prepared) {
  for (const auto& segment : prepared.segments) {
    const std::string fingerprint = filters::segment_fingerprint(segment.text);
    if (!fingerprint.empty()) {
      document.add_boolean_term(schema::prefixed(schema::fingerprint_prefix, fingerprint));
    }
  }
}

}  // namespace

Xapian::Document build_document(const PreparedDocument& prepared, bool store_mtime) {
  Xapian::Document document;
  add_content_terms(document, prepared);
  add_fingerprints(document, prepared);
  document.add_boolean_term(schema::unique_id_term(prepared.file.path));

  const std::string date = prepared.date ? prepared.date->iso() : std::string();
  if (prepared.date) document.add_value(schema::date_slot, prepared.date->sortable());
  document.add_value(schema::mtime_slot, std::to_string(store_mtime ? prepared.file.mtime_ns : 0));
  document.add_value(schema::size_slot, std::to_string(prepared.file.size));
  document.add_value(schema::content_hash_slot, schema::hex64(prepared.content_hash));
  document.add_value(schema::path_slot, prepared.file.path);

  const nlohmann::json data = {{"path", prepared.file.path},
                               {"title", prepared.title},
                               {"date", date},
                               {"content", prepared.content}};
  // Invalid UTF-8 cannot reach here (the decoder repairs it), but never let
  // one odd byte abort a whole batch: replace rather than throw.
  document.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return document;
}

StoredFields read_stored_fields(const Xapian::Document& document) {
  const nlohmann::json data = nlohmann::json::parse(document.get_data(), nullptr, false);
  StoredFields fields;
  if (!data.is_object()) return fields;
  fields.path = data.value("path", "");
  fields.title = data.value("title", "");
  fields.date = data.value("date", "");
  fields.content = data.value("content", "");
  return fields;
}

}  // namespace winnow::index
