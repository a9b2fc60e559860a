// --explain: what the filter decided for each segment of a file, as text or JSON.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/index/prepare.hpp"

namespace winnow::index {

/// What an index says about a file's repetition: its story, the other files
/// indexed as its copies, and how many of its segments it holds repeated.
struct RepetitionEvidence {
  std::string index;                    ///< the index read
  bool indexed = false;                 ///< the file is in it
  std::string story;                    ///< 16 hex digits (schema::story_slot)
  std::vector<std::string> copies;      ///< the other files of its story, absolute paths
  std::size_t repeated_fingerprints = 0;  ///< segments told they are repeated in other stories
};

/// A file prepared for --explain, with the index's evidence when one was read.
struct ExplainedFile {
  PrepareResult prepared;
  std::optional<RepetitionEvidence> evidence;
};

/// Prepares a file as winnow-index would index it into `index`, with the
/// index's repetition counts and stories; with an empty `index`, on the
/// file's own evidence alone. `file.path` must be absolute.
/// `default_language` is the run's --lang. Throws Xapian::Error when
/// `index` cannot be read.
[[nodiscard]] ExplainedFile explain_file(const FileInfo& file, std::string_view bytes,
                                         const std::filesystem::path& index,
                                         std::string_view default_language = fallback_language);

/// Human-readable: one line per segment (line, label, score, text, reasons), then the actors and
/// places (name, number of mentions, the names used), title and date;
/// safe to write to a terminal.
[[nodiscard]] std::string explain_text(const PreparedDocument& document, const std::string& shown_path,
                                       const RepetitionEvidence* evidence = nullptr);

/// One JSON object in the contract's explain shape, on one line.
/// With evidence, a "repetition" member: {"index", "indexed", "story", "copies", "repeated"}.
[[nodiscard]] std::string explain_json(const PreparedDocument& document, const std::string& shown_path,
                                       const RepetitionEvidence* evidence = nullptr);

}  // namespace winnow::index
