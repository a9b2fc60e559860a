// winnow-eval: scores the boilerplate filter against a gold folder (DESIGN.md "Gold data").
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/decode.hpp"
#include "winnow/filters/segment.hpp"

namespace fs = std::filesystem;
namespace wf = winnow::filters;

namespace {

/// One line of NAME.labels: 'C', 'B', 'E' or 'M' with its content part.
struct GoldLine {
  char kind = 'E';
  std::string part;
};

/// A gold document: its raw bytes, its source lines (mojibake repaired) and labels.
struct GoldDocument {
  std::string name;
  std::string bytes;
  std::vector<std::string> lines;
  std::vector<GoldLine> labels;
};

/// Snippet counts in the trafilatura sense: content snippets found or missed,
/// boilerplate snippets kept (false positives) or removed.
struct Score {
  int content_kept = 0;
  int content_lost = 0;
  int boilerplate_kept = 0;
  int boilerplate_removed = 0;
  int unscorable = 0;  ///< boilerplate whose text the gold content itself holds
  std::vector<std::string> failures;

  void add(const Score& other) {
    content_kept += other.content_kept;
    content_lost += other.content_lost;
    boilerplate_kept += other.boilerplate_kept;
    boilerplate_removed += other.boilerplate_removed;
    unscorable += other.unscorable;
  }
  [[nodiscard]] double precision() const { return ratio(content_kept, content_kept + boilerplate_kept); }
  [[nodiscard]] double recall() const { return ratio(content_kept, content_kept + content_lost); }
  [[nodiscard]] double f1() const {
    const double p = precision();
    const double r = recall();
    return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
  }
  [[nodiscard]] double removed() const {
    return ratio(boilerplate_removed, boilerplate_removed + boilerplate_kept);
  }
  static double ratio(int a, int b) { return b == 0 ? 1.0 : static_cast<double>(a) / b; }
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A line is the text between two LF; a final LF ends the last line (README "Files").
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The scoring key: lower-case ASCII letters and digits only.
std::string scoring_key(std::string_view text) {
  std::string key;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') key += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  }
  return key;
}

GoldLine parse_label(const std::string& raw) {
  GoldLine label;
  if (raw.empty()) return label;
  label.kind = raw[0];
  if (label.kind == 'M' && raw.size() > 2) label.part = wf::repair_mojibake(raw.substr(2));
  return label;
}

GoldDocument load_document(const fs::path& txt) {
  GoldDocument doc;
  doc.name = txt.stem().string();
  doc.bytes = read_file(txt);
  for (const auto& line : split_lines(doc.bytes)) doc.lines.push_back(wf::repair_mojibake(line));
  fs::path labels_path = txt;
  labels_path.replace_extension(".labels");
  for (const auto& raw : split_lines(read_file(labels_path))) doc.labels.push_back(parse_label(raw));
  if (doc.labels.size() != doc.lines.size())
    throw std::runtime_error(doc.name + ": " + std::to_string(doc.lines.size()) + " lines but " +
                             std::to_string(doc.labels.size()) + " labels");
  return doc;
}

std::vector<GoldDocument> load_folder(const fs::path& folder) {
  std::vector<fs::path> texts;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".txt") texts.push_back(entry.path());
  std::sort(texts.begin(), texts.end());
  std::vector<GoldDocument> docs;
  for (const auto& path : texts) docs.push_back(load_document(path));
  return docs;
}

std::vector<wf::Segment> segments_of(const GoldDocument& doc) {
  const auto decoded = wf::decode(doc.bytes);
  return decoded.decoded ? wf::segment(decoded.decoded->text) : std::vector<wf::Segment>{};
}

// Classifies every document as the index would: a fingerprint's corpus count is
// the number of OTHER documents in the folder whose segments hold it.
std::vector<std::vector<wf::Segment>> classify_folder(const std::vector<GoldDocument>& docs,
                                                      bool use_corpus) {
  std::vector<std::set<std::string>> fingerprints(docs.size());
  std::map<std::string, std::uint32_t> documents_with;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (const auto& seg : wf::classify(segments_of(docs[i]))) {
      const std::string fp = wf::segment_fingerprint(seg.text);
      if (!fp.empty() && fingerprints[i].insert(fp).second) ++documents_with[fp];
    }
  }
  std::vector<std::vector<wf::Segment>> out;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    wf::ClassifyContext context;
    if (use_corpus) context.corpus_count = [&, i](const std::string& fp) -> std::uint32_t {
      const auto it = documents_with.find(fp);
      if (it == documents_with.end()) return 0;
      return it->second - (fingerprints[i].count(fp) ? 1U : 0U);
    };
    out.push_back(wf::classify(segments_of(docs[i]), context));
  }
  return out;
}

// The cleaned content: content segments, a space within a line, a newline between lines.
std::string cleaned_text(const std::vector<wf::Segment>& segments) {
  std::string out;
  int line = -1;
  for (const auto& seg : segments) {
    if (seg.label != wf::Label::content) continue;
    out += seg.line == line ? " " : "\n";
    out += seg.text;
    line = seg.line;
  }
  return out;
}

std::string gold_content(const GoldDocument& doc) {
  std::string out;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.labels[i].kind == 'C') out += doc.lines[i] + "\n";
    if (doc.labels[i].kind == 'M') out += doc.labels[i].part + "\n";
  }
  return scoring_key(out);
}

std::string shorten(const std::string& text) {
  return text.size() <= 90 ? text : text.substr(0, 87) + "...";
}

// The boilerplate of a line: the whole line, or the text around an M part.
std::vector<std::string> boilerplate_pieces(const std::string& line, const GoldLine& label) {
  if (label.kind == 'B') return {line};
  const std::size_t at = line.find(label.part);
  if (at == std::string::npos) return {line};
  return {line.substr(0, at), line.substr(at + label.part.size())};
}

void score_boilerplate(const std::string& where, const std::string& text, const std::string& cleaned,
                       const std::string& oracle, Score& score) {
  const std::string key = scoring_key(text);
  if (key.empty()) return;
  if (oracle.find(key) != std::string::npos) {
    ++score.unscorable;  // even a perfect filter keeps these words
    return;
  }
  if (cleaned.find(key) == std::string::npos) {
    ++score.boilerplate_removed;
  } else {
    ++score.boilerplate_kept;
    score.failures.push_back(where + " B kept: " + shorten(text));
  }
}

Score score_document(const GoldDocument& doc, const std::vector<wf::Segment>& segments) {
  Score score;
  const std::string cleaned = scoring_key(cleaned_text(segments));
  const std::string oracle = gold_content(doc);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const GoldLine& label = doc.labels[i];
    const std::string where = doc.name + ":" + std::to_string(i + 1);
    if (label.kind == 'C' || label.kind == 'M') {
      const std::string& content = label.kind == 'C' ? doc.lines[i] : label.part;
      const std::string key = scoring_key(content);
      if (key.empty()) continue;
      if (cleaned.find(key) != std::string::npos) {
        ++score.content_kept;
      } else {
        ++score.content_lost;
        score.failures.push_back(where + " " + label.kind + " lost: " + shorten(content));
      }
    }
    if (label.kind == 'B' || label.kind == 'M')
      for (const auto& piece : boilerplate_pieces(doc.lines[i], label))
        score_boilerplate(where, piece, cleaned, oracle, score);
  }
  return score;
}

void print_segments(const std::vector<wf::Segment>& segments) {
  for (const auto& seg : segments) {
    std::string reasons;
    for (const auto& r : seg.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    std::printf("    %4d %c %.2f %-60.60s  [%s]\n", seg.line, seg.label == wf::Label::content ? 'C' : 'B',
                seg.score, seg.text.c_str(), reasons.c_str());
  }
}

void print_row(const std::string& name, const Score& s) {
  std::printf("%-36s %4d/%-4d %4d/%-4d %6.3f %6.3f %6.3f %6.1f%%\n", name.c_str(), s.content_kept,
              s.content_kept + s.content_lost, s.boilerplate_removed,
              s.boilerplate_removed + s.boilerplate_kept, s.precision(), s.recall(), s.f1(),
              100.0 * s.removed());
}

/// The bars a run must meet; unset bars are not checked.
struct Bars {
  double min_f1 = 0.0;
  double min_removed = 0.0;
  bool exact = false;
  bool verbose = false;    ///< print every segment of a file that has failures
  bool no_corpus = false;  ///< classify each file alone, as the first page of an unseen site
};

bool meets_bars(const Score& overall, const Bars& bars) {
  bool ok = true;
  if (overall.f1() < bars.min_f1) {
    std::printf("FAIL: content F1 %.3f < %.3f\n", overall.f1(), bars.min_f1);
    ok = false;
  }
  if (overall.removed() < bars.min_removed) {
    std::printf("FAIL: boilerplate removed %.1f%% < %.1f%%\n", 100 * overall.removed(),
                100 * bars.min_removed);
    ok = false;
  }
  if (bars.exact && (overall.content_lost > 0 || overall.boilerplate_kept > 0)) {
    std::printf("FAIL: --exact, %d content lost, %d boilerplate kept\n", overall.content_lost,
                overall.boilerplate_kept);
    ok = false;
  }
  return ok;
}

int evaluate(const fs::path& folder, const Bars& bars) {
  const auto docs = load_folder(folder);
  const auto classified = classify_folder(docs, !bars.no_corpus);
  std::printf("%-36s %9s %9s %6s %6s %6s %7s\n", "file", "content", "boiler", "P", "R", "F1",
              "removed");
  Score overall;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Score s = score_document(docs[i], classified[i]);
    print_row(docs[i].name, s);
    if (bars.verbose && !s.failures.empty()) print_segments(classified[i]);
    overall.add(s);
    failures.insert(failures.end(), s.failures.begin(), s.failures.end());
  }
  for (const auto& failure : failures) std::printf("  %s\n", failure.c_str());
  std::printf("overall %s: %zu files, precision %.3f, recall %.3f, F1 %.3f, boilerplate removed "
              "%.1f%% (%d/%d; %d unscorable)\n",
              folder.filename().string().c_str(), docs.size(), overall.precision(),
              overall.recall(), overall.f1(), 100 * overall.removed(), overall.boilerplate_removed,
              overall.boilerplate_removed + overall.boilerplate_kept, overall.unscorable);
  return meets_bars(overall, bars) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Scores the boilerplate filter against a folder of gold-labelled documents."};
  std::string folder;
  Bars bars;
  app.add_option("folder", folder, "folder of NAME.txt + NAME.labels")->required();
  app.add_option("--min-f1", bars.min_f1, "fail when overall content F1 is below this");
  app.add_option("--min-removed", bars.min_removed, "fail when the share of boilerplate removed is below this");
  app.add_flag("--verbose", bars.verbose, "print every segment, label, score and reasons of failing files");
  app.add_flag("--no-corpus", bars.no_corpus, "classify each file alone, without repetition counts");
  app.add_flag("--exact", bars.exact, "fail unless every content line is kept and every boilerplate line removed");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return evaluate(folder, bars);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "winnow-eval: %s\n", e.what());
    return 2;
  }
}
