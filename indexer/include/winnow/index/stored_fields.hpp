// The fields search reads back from an indexed document.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace winnow::index {

/// The fields kept in a document's data (a JSON object) and, for the text,
/// its content slot; read back by search.
struct StoredFields {
  std::string path;
  std::string title;
  std::string date;     ///< ISO date or empty
  std::string content;  ///< cleaned text, for snippets
  std::vector<std::string> actors;  ///< actors' names, most mentioned first
  std::vector<std::string> places;  ///< places' names, most mentioned first
  std::string language;       ///< identified language, ISO 639-1 or "und"; empty in an older index
  int language_confidence = 0;  ///< percent
  std::string text_language;  ///< the language its words were stemmed in
};

/// Reads the stored fields back from a document's data and content slot.
[[nodiscard]] StoredFields read_stored_fields(const Xapian::Document& document);

}  // namespace winnow::index
