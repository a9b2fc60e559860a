// winnow-eval: gold folders, the scoring key and corpus-aware classification (gold.hpp).
#include "gold.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/decode.hpp"
#include "winnow/filters/language_id.hpp"
#include "winnow/filters/text.hpp"

namespace winnow::eval {

namespace wf = winnow::filters;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

namespace {

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

GoldLine parse_label(const std::string& raw) {
  GoldLine label;
  if (raw.empty()) return label;
  label.kind = raw[0];
  if (label.kind == 'M' && raw.size() > 2) label.part = wf::repair_mojibake(raw.substr(2));
  return label;
}

GoldDocument load_document(const fs::path& txt) {
  GoldDocument doc;
  doc.txt = txt;
  doc.name = txt.stem().string();
  doc.bytes = read_file(txt);
  for (const auto& line : split_lines(doc.bytes)) doc.lines.push_back(wf::repair_mojibake(line));
  fs::path labels_path = txt;
  labels_path.replace_extension(".labels");
  for (const auto& raw : split_lines(read_file(labels_path))) doc.labels.push_back(parse_label(raw));
  if (doc.labels.size() != doc.lines.size())
    throw std::runtime_error(doc.name + ": " + std::to_string(doc.lines.size()) + " lines but " +
                             std::to_string(doc.labels.size()) + " labels");
  fs::path kinds_path = txt;
  kinds_path.replace_extension(".kinds");
  if (fs::exists(kinds_path)) {
    doc.kinds = split_lines(read_file(kinds_path));
    if (doc.kinds.size() != doc.lines.size())
      throw std::runtime_error(kinds_path.string() + ": " + std::to_string(doc.kinds.size()) + " kinds for " +
                               std::to_string(doc.lines.size()) + " lines");
  }
  return doc;
}

std::vector<wf::Segment> segments_of(const GoldDocument& doc) {
  const auto decoded = wf::decode(doc.bytes);
  return decoded.decoded ? wf::segment(decoded.decoded->text) : std::vector<wf::Segment>{};
}

}  // namespace

std::string scoring_key(std::string_view text) {
  std::string key;
  for (const char c : wf::normalise(text)) {
    if (c >= 'A' && c <= 'Z') key += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  }
  return key;
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

std::string gold_content_text(const GoldDocument& doc) {
  std::string out;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.labels[i].kind == 'C') out += doc.lines[i] + "\n";
    if (doc.labels[i].kind == 'M') out += doc.labels[i].part + "\n";
  }
  return out;
}

void for_each_in_context(const std::vector<GoldDocument>& docs, bool use_corpus,
                         const std::function<void(std::size_t, std::vector<wf::Segment>,
                                                  const wf::ClassifyContext&)>& judge) {
  std::vector<std::set<std::uint64_t>> fingerprints(docs.size());
  std::map<std::uint64_t, std::uint32_t> documents_with;
  // Each page read in its language, as winnow-index reads it.
  std::vector<std::vector<std::string>> languages;
  for (const auto& doc : docs)
    languages.push_back(wf::page_languages(wf::identify_page_language(segments_of(doc)).code, "en"));
  if (use_corpus) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      wf::ClassifyContext alone;
      alone.languages = languages[i];
      for (const auto& seg : wf::classify(segments_of(docs[i]), alone)) {
        if (seg.fingerprint && fingerprints[i].insert(*seg.fingerprint).second) ++documents_with[*seg.fingerprint];
      }
    }
  }
  for (std::size_t i = 0; i < docs.size(); ++i) {
    wf::ClassifyContext context;
    context.languages = languages[i];
    if (use_corpus) context.corpus_count = [&, i](std::uint64_t fp) -> std::uint32_t {
      const auto it = documents_with.find(fp);
      if (it == documents_with.end()) return 0;
      return it->second - (fingerprints[i].count(fp) ? 1U : 0U);
    };
    judge(i, segments_of(docs[i]), context);
  }
}

std::vector<std::vector<wf::Segment>> classify_folder(const std::vector<GoldDocument>& docs,
                                                      bool use_corpus) {
  std::vector<std::vector<wf::Segment>> out(docs.size());
  for_each_in_context(docs, use_corpus,
                      [&](std::size_t i, std::vector<wf::Segment> segments, const wf::ClassifyContext& context) {
                        out[i] = wf::classify(std::move(segments), context);
                      });
  return out;
}

}  // namespace winnow::eval
