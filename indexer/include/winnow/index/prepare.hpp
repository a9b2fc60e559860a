// Per-document pipeline: file bytes to a prepared document, a pure function of its inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/dates.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/language_id.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {

/// What the indexer knows of a file before reading it.
struct FileInfo {
  std::string path;            ///< absolute path
  std::int64_t mtime_ns = 0;   ///< modification time, nanoseconds since the epoch
  std::uint64_t size = 0;      ///< bytes
  std::int64_t ctime_ns = 0;   ///< inode change time (chmod changes it, not the mtime); 0 = not stat-ed
};


/// A document after decode, segment, classify, entities: everything needed to index it.
struct PreparedDocument {
  FileInfo file;
  std::uint64_t content_hash = 0;          ///< filters::hash64 of the file's bytes
  std::string encoding;                    ///< what the decoder read the bytes as
  std::vector<std::string> warnings;       ///< decoder notes for the user
  std::vector<filters::Segment> segments;  ///< every segment, labelled
  std::string title;                       ///< first content segment's line
  std::optional<filters::Date> date;       ///< date the article states
  std::string content;                     ///< content segments, one source line per text line
  filters::Entities entities;              ///< actors and places of the content segments
  std::optional<filters::StorySignature> story_signature;  ///< of the text kept on its own evidence
  filters::LanguageGuess language;         ///< identified from `content`; "und" when it could not be
  /// The language the words are normalised and stemmed in: `language`, or
  /// the run's default language when that is "und".
  std::string text_language{fallback_language};
};


/// A prepared document, or why the file is not indexed.
struct PrepareResult {
  std::optional<PreparedDocument> document;
  std::string problem;  ///< e.g. "binary data"
};

/// Runs decode -> segment -> classify -> entities -> language on a file's
/// bytes. Pure: the same bytes, context and default language give the same
/// document, so it may run on any thread. `default_language` is the text
/// language of a document whose language cannot be told.
[[nodiscard]] PrepareResult prepare_document(const FileInfo& file, std::string_view bytes,
                                             const filters::ClassifyContext& context = {},
                                             std::string_view default_language = fallback_language);

}  // namespace winnow::index
