// winnow-eval: what the boilerplate and entity scorers share: reading a gold
// folder (tests/data/*/README.md), the scoring key, and classifying every
// document as the indexer does.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/segment.hpp"

namespace winnow::eval {

namespace fs = std::filesystem;

/// One line of NAME.labels: 'C', 'B', 'E' or 'M' with its content part.
struct GoldLine {
  char kind = 'E';
  std::string part;
};

/// A gold document: its raw bytes, its source lines (mojibake repaired) and labels.
struct GoldDocument {
  fs::path txt;
  std::string name;
  std::string bytes;
  std::vector<std::string> lines;
  std::vector<GoldLine> labels;
  /// What each line is, from NAME.kinds when there is one (one word a line,
  /// such as L3S-GN1's "headline", "comments" or "related"): the scores are
  /// then also given per kind. Empty without the file.
  std::vector<std::string> kinds;
};

/// The whole file, or an error naming it.
std::string read_file(const fs::path& path);

/// The scoring key (DESIGN.md "Gold data"): the text case- and accent-folded
/// by the normaliser, reduced to lower-case ASCII letters and digits:
/// "Sébastien Haller" -> "sebastienhaller". Gold text is compared with its
/// cp1252 mojibake repaired ("SÃ©bastien"): the loaders repair it, as decode does.
std::string scoring_key(std::string_view text);

/// Every NAME.txt of the folder with its NAME.labels, sorted by name.
std::vector<GoldDocument> load_folder(const fs::path& folder);

/// The gold content of a document: its C lines and M parts, one a line.
std::string gold_content_text(const GoldDocument& doc);

/// The segments of every document classified as the indexer would: with a
/// fingerprint's corpus count taken over the OTHER documents of the folder,
/// or with no corpus context at all (the first page of an unseen site).
std::vector<std::vector<filters::Segment>> classify_folder(const std::vector<GoldDocument>& docs,
                                                           bool use_corpus);

/// Calls judge(i, segments, context) for every document i, with the context
/// classify_folder() gives it: its page languages and, with use_corpus, the
/// corpus counts over the other documents.
void for_each_in_context(const std::vector<GoldDocument>& docs, bool use_corpus,
                         const std::function<void(std::size_t, std::vector<filters::Segment>,
                                                  const filters::ClassifyContext&)>& judge);

/// a / b, or 1 when there is nothing to count (no content, no entity).
inline double ratio(int a, int b) { return b == 0 ? 1.0 : static_cast<double>(a) / b; }

/// What a run checks and how much it prints; unset bars are not checked.
struct Options {
  bool verbose = false;
  bool no_corpus = false;  ///< classify each file alone, without repetition counts
  // boilerplate
  double min_f1 = 0.0;
  double min_removed = 0.0;
  bool exact = false;
  /// When set, each document's cleaned text (its content lines) is written
  /// to this folder as NAME.txt, for scorers of other metrics.
  fs::path write_cleaned;
  // entities
  double min_precision = 0.0;
  double min_recall = 0.0;
  /// Score the NAME.entities.json files of this folder as the prediction
  /// instead of running the extractor; the gold folder itself is the scorer's self-check.
  fs::path predictions;
  /// Extract from the gold's content (C lines and M lines' parts) instead of
  /// what the classifier keeps: the entity stage scored alone.
  bool gold_content = false;
};

/// Each prints one row per file and an overall line; 0 when the bars are met, 1 when not.
int evaluate_boilerplate(const fs::path& folder, const Options& options);
int evaluate_entities(const fs::path& folder, const Options& options);

}  // namespace winnow::eval
