// winnow-eval: scores the boilerplate filter against a gold folder (DESIGN.md "Gold data").
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "gold.hpp"

namespace winnow::eval {

namespace wf = winnow::filters;

namespace {

/// Snippet counts in the trafilatura sense: content snippets found or missed,
/// boilerplate snippets kept (false positives) or removed.
struct Score {
  int content_kept = 0;
  int content_lost = 0;
  int boilerplate_kept = 0;
  int boilerplate_removed = 0;
  int unscorable = 0;  ///< boilerplate whose text the gold content itself holds
  std::vector<std::string> failures;
  /// Per kind of line (NAME.kinds): how many were scored, and how many kept.
  std::map<std::string, std::pair<int, int>> kinds;

  void add(const Score& other) {
    content_kept += other.content_kept;
    content_lost += other.content_lost;
    boilerplate_kept += other.boilerplate_kept;
    boilerplate_removed += other.boilerplate_removed;
    unscorable += other.unscorable;
    for (const auto& [kind, counts] : other.kinds) {
      kinds[kind].first += counts.first;
      kinds[kind].second += counts.second;
    }
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
};

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

// Returns whether the piece was scored, and in `kept` whether it was kept.
bool score_boilerplate(const std::string& where, const std::string& text, const std::string& cleaned,
                       const std::string& oracle, Score& score, bool& kept) {
  const std::string key = scoring_key(text);
  if (key.empty()) return false;
  if (oracle.find(key) != std::string::npos) {
    ++score.unscorable;  // even a perfect filter keeps these words
    return false;
  }
  kept = cleaned.find(key) != std::string::npos;
  if (!kept) {
    ++score.boilerplate_removed;
  } else {
    ++score.boilerplate_kept;
    score.failures.push_back(where + " B kept: " + shorten(text));
  }
  return true;
}

Score score_document(const GoldDocument& doc, const std::vector<wf::Segment>& segments) {
  Score score;
  const std::string cleaned = scoring_key(cleaned_text(segments));
  const std::string oracle = scoring_key(gold_content_text(doc));
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const GoldLine& label = doc.labels[i];
    const std::string where = doc.name + ":" + std::to_string(i + 1);
    // A line counts once for its kind: kept when any of its scored text is.
    bool scored = false, kept = false;
    if (label.kind == 'C' || label.kind == 'M') {
      const std::string& content = label.kind == 'C' ? doc.lines[i] : label.part;
      const std::string key = scoring_key(content);
      if (key.empty()) continue;
      scored = true;
      if (cleaned.find(key) != std::string::npos) {
        ++score.content_kept;
        kept = true;
      } else {
        ++score.content_lost;
        score.failures.push_back(where + " " + label.kind + " lost: " + shorten(content));
      }
    }
    if (label.kind == 'B' || label.kind == 'M') {
      for (const auto& piece : boilerplate_pieces(doc.lines[i], label)) {
        bool piece_kept = false;
        if (score_boilerplate(where, piece, cleaned, oracle, score, piece_kept)) {
          scored = true;
          kept = kept || piece_kept;
        }
      }
    }
    if (scored && !doc.kinds.empty()) {
      auto& counts = score.kinds[doc.kinds[i]];
      ++counts.first;
      counts.second += kept ? 1 : 0;
    }
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

bool meets_bars(const Score& overall, const Options& options) {
  bool ok = true;
  if (overall.f1() < options.min_f1) {
    std::printf("FAIL: content F1 %.3f < %.3f\n", overall.f1(), options.min_f1);
    ok = false;
  }
  if (overall.removed() < options.min_removed) {
    std::printf("FAIL: boilerplate removed %.1f%% < %.1f%%\n", 100 * overall.removed(),
                100 * options.min_removed);
    ok = false;
  }
  if (options.exact && (overall.content_lost > 0 || overall.boilerplate_kept > 0)) {
    std::printf("FAIL: --exact, %d content lost, %d boilerplate kept\n", overall.content_lost,
                overall.boilerplate_kept);
    ok = false;
  }
  return ok;
}

}  // namespace

int evaluate_boilerplate(const fs::path& folder, const Options& options) {
  const auto docs = load_folder(folder);
  const auto classified = classify_folder(docs, !options.no_corpus);
  std::printf("%-36s %9s %9s %6s %6s %6s %7s\n", "file", "content", "boiler", "P", "R", "F1",
              "removed");
  Score overall;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Score s = score_document(docs[i], classified[i]);
    if (!options.write_cleaned.empty()) {
      std::ofstream out(options.write_cleaned / (docs[i].name + ".txt"), std::ios::binary);
      const std::string cleaned = cleaned_text(classified[i]);  // each line starts with "\n"
      if (!cleaned.empty()) out << cleaned.substr(1) << '\n';
      if (!out) throw std::runtime_error((options.write_cleaned / docs[i].name).string() + ": cannot write");
    }
    print_row(docs[i].name, s);
    if (options.verbose && !s.failures.empty()) print_segments(classified[i]);
    overall.add(s);
    failures.insert(failures.end(), s.failures.begin(), s.failures.end());
  }
  for (const auto& failure : failures) std::printf("  %s\n", failure.c_str());
  std::printf("overall %s: %zu files, precision %.3f, recall %.3f, F1 %.3f, boilerplate removed "
              "%.1f%% (%d/%d; %d unscorable)\n",
              folder.filename().string().c_str(), docs.size(), overall.precision(),
              overall.recall(), overall.f1(), 100 * overall.removed(), overall.boilerplate_removed,
              overall.boilerplate_removed + overall.boilerplate_kept, overall.unscorable);
  if (!overall.kinds.empty()) {
    std::printf("by kind (NAME.kinds): lines scored, and the share kept\n");
    for (const auto& [kind, counts] : overall.kinds)
      std::printf("  %-16s %6d  %5.1f%% kept\n", kind.c_str(), counts.first,
                  100.0 * counts.second / std::max(counts.first, 1));
  }
  return meets_bars(overall, options) ? 0 : 1;
}

}  // namespace winnow::eval
