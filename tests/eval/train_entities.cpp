// winnow-train-entities: trains the entity tagger (make train-entities) from
// folders of NAME.txt with NAME.spans, the gold names as byte ranges of the
// text ("START<TAB>END<TAB>TYPE", TYPE one of PER ORG LOC MISC), as
// filters/train/entities/prepare_conll.py writes them. Each line of a text
// is one segment, cut into words by the entity stage's own split_words, so
// the model learns on the words it will tag. With --dev, the words' tags are
// scored against another folder's spans after each epoch (exact spans, per
// type, as CoNLL scores them). Files are read in name order and the epochs
// drawn from fixed seeds: the same folders give the same model, byte for byte.
#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "../../filters/src/entity_lexicon.hpp"
#include "../../filters/src/entity_tagger.hpp"
#include "../../filters/src/entity_words.hpp"
#include "../../filters/src/gazetteer.hpp"

namespace {

namespace fs = std::filesystem;
namespace wd = winnow::filters::detail;

struct GoldSpan {
  std::size_t begin = 0, end = 0;
  wd::NameType type = wd::NameType::none;
};

// A line and its words' gold tags. The words themselves are cut again where
// they are needed (words_of): they point into the text, which moves.
struct TaggedLine {
  std::string text;
  std::vector<wd::NameTag> tags;
};

std::vector<wd::EntityWord> words_of(const std::string& text, const wd::Gazetteer& gazetteer,
                                     const wd::EntityLexicon& lexicon) {
  std::vector<wd::EntityWord> words = wd::split_words(text);
  wd::mark_name_like(text, words, gazetteer, lexicon);
  return words;
}

wd::NameType type_named(const std::string& name) {
  if (name == "PER") return wd::NameType::person;
  if (name == "ORG") return wd::NameType::organisation;
  if (name == "LOC") return wd::NameType::place;
  if (name == "MISC") return wd::NameType::other;
  throw std::runtime_error("unknown span type " + name);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<GoldSpan> read_spans(const fs::path& path) {
  std::vector<GoldSpan> spans;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    GoldSpan span;
    std::string type;
    if (!(fields >> span.begin >> span.end >> type)) throw std::runtime_error(path.string() + ": bad line " + line);
    span.type = type_named(type);
    spans.push_back(span);
  }
  return spans;
}

// Every line of every NAME.txt of a folder that has a NAME.spans, with each
// word's gold tag: the type of the span it overlaps, first word or later.
std::vector<TaggedLine> read_folder(const fs::path& folder, const wd::Gazetteer& gazetteer,
                                    const wd::EntityLexicon& lexicon) {
  std::vector<fs::path> texts;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".txt" && fs::exists(fs::path(entry.path()).replace_extension(".spans")))
      texts.push_back(entry.path());
  std::sort(texts.begin(), texts.end());
  if (texts.empty()) throw std::runtime_error(folder.string() + ": no NAME.txt with a NAME.spans");
  std::vector<TaggedLine> lines;
  for (const auto& path : texts) {
    const std::string text = read_file(path);
    const std::vector<GoldSpan> spans = read_spans(fs::path(path).replace_extension(".spans"));
    for (std::size_t start = 0; start < text.size();) {
      std::size_t stop = text.find('\n', start);
      if (stop == std::string::npos) stop = text.size();
      TaggedLine line;
      line.text = text.substr(start, stop - start);
      const std::vector<wd::EntityWord> words = words_of(line.text, gazetteer, lexicon);
      line.tags.resize(words.size());
      for (const GoldSpan& span : spans) {
        bool first = true;
        for (std::size_t w = 0; w < words.size(); ++w) {
          const std::size_t begin = start + words[w].begin;
          const std::size_t end = start + words[w].end;
          if (begin < span.end && end > span.begin) {
            line.tags[w] = {span.type, first};
            first = false;
          }
        }
      }
      lines.push_back(std::move(line));
      start = stop + 1;
    }
  }
  return lines;
}

struct Span {
  std::size_t first, last;
  wd::NameType type;
  bool operator<(const Span& o) const {
    return std::tie(first, last, type) < std::tie(o.first, o.last, o.type);
  }
  bool operator==(const Span& o) const = default;
};

std::vector<Span> spans_of(const std::vector<wd::NameTag>& tags) {
  std::vector<Span> out;
  for (std::size_t w = 0; w < tags.size(); ++w) {
    if (tags[w].type == wd::NameType::none) continue;
    if (tags[w].begins || w == 0 || tags[w - 1].type != tags[w].type) out.push_back({w, w, tags[w].type});
    else out.back().last = w;
  }
  return out;
}

// Exact-span precision, recall and F1 per type and over all four.
void score(const wd::EntityTagger& tagger, const std::vector<TaggedLine>& lines, const wd::Gazetteer& gazetteer,
           const wd::EntityLexicon& lexicon) {
  std::array<int, 5> hit{}, predicted{}, gold{};
  for (const TaggedLine& line : lines) {
    const std::vector<wd::EntityWord> words = words_of(line.text, gazetteer, lexicon);
    const std::vector<wd::NameTag> tags = tagger.tag({line.text, words, gazetteer, lexicon}).tags;
    const std::vector<Span> guess = spans_of(tags);
    const std::vector<Span> truth = spans_of(line.tags);
    for (const Span& s : guess) ++predicted[static_cast<std::size_t>(s.type)];
    for (const Span& s : truth) ++gold[static_cast<std::size_t>(s.type)];
    for (const Span& s : guess)
      if (std::find(truth.begin(), truth.end(), s) != truth.end()) ++hit[static_cast<std::size_t>(s.type)];
  }
  const char* names[] = {"all", "PER", "ORG", "LOC", "MISC"};
  for (std::size_t t = 1; t < 5; ++t) {
    hit[0] += hit[t];
    predicted[0] += predicted[t];
    gold[0] += gold[t];
  }
  for (std::size_t t = 0; t < 5; ++t) {
    const double p = predicted[t] ? static_cast<double>(hit[t]) / predicted[t] : 0;
    const double r = gold[t] ? static_cast<double>(hit[t]) / gold[t] : 0;
    std::printf("  %-4s P %.3f R %.3f F1 %.3f\n", names[t], p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains the entity tagger from folders of NAME.txt and NAME.spans (make train-entities)."};
  std::vector<std::string> folders;
  std::string out;
  std::string dev;
  std::string language = "en";
  unsigned epochs = 10;
  unsigned min_count = 2;
  std::string show;
  std::string model;
  app.add_option("folders", folders, "training folders");
  app.add_option("--out", out, "the model file to write");
  app.add_option("--show", show, "print each word of this text with the tag --model gives it, and train nothing");
  app.add_option("--model", model, "the model --show reads")->needs("--show");
  app.add_option("--dev", dev, "a folder to score the tags on after each epoch");
  app.add_option("--language", language, "the language whose word lists and gazetteer the features read");
  app.add_option("--epochs", epochs, "passes over the training lines");
  app.add_option("--min-count", min_count, "features seen fewer times are left out of the model");
  CLI11_PARSE(app, argc, argv);
  try {
    const wd::Gazetteer& gazetteer = wd::Gazetteer::for_language(language);
    const wd::EntityLexicon& lexicon = wd::entity_lexicon(language);
    if (!show.empty()) {
      std::ifstream in(model);
      if (!in) throw std::runtime_error(model + ": cannot read");
      const wd::EntityTagger tagger(in);
      const std::vector<wd::EntityWord> words = words_of(show, gazetteer, lexicon);
      const std::vector<wd::NameTag> tags = tagger.tag({show, words, gazetteer, lexicon}).tags;
      for (std::size_t w = 0; w < words.size(); ++w)
        std::printf("%s\t%s\n", show.substr(words[w].begin, words[w].end - words[w].begin).c_str(),
                    std::string(wd::tag_name(wd::tag_number(tags[w]))).c_str());
      return 0;
    }
    if (folders.empty() || out.empty()) throw std::runtime_error("training needs folders and --out");
    wd::EntityTaggerTrainer trainer;
    std::size_t words = 0;
    for (const auto& folder : folders) {
      for (TaggedLine& line : read_folder(folder, gazetteer, lexicon)) {
        const std::vector<wd::EntityWord> line_words = words_of(line.text, gazetteer, lexicon);
        words += line_words.size();
        trainer.add_line(wd::line_features({line.text, line_words, gazetteer, lexicon}), std::move(line.tags));
      }
    }
    std::fprintf(stderr, "%zu lines, %zu words\n", trainer.lines(), words);
    std::vector<TaggedLine> dev_lines;
    if (!dev.empty()) dev_lines = read_folder(dev, gazetteer, lexicon);
    for (unsigned e = 1; e <= epochs; ++e) {
      const double wrong = trainer.epoch(e);
      std::fprintf(stderr, "epoch %u: %.4f of training words wrong\n", e, wrong);
      if (!dev_lines.empty() && (e == epochs || e % 2 == 0)) {
        std::printf("epoch %u, %s:\n", e, dev.c_str());
        score(trainer.averaged(min_count), dev_lines, gazetteer, lexicon);
        std::fflush(stdout);
      }
    }
    std::ofstream file(out, std::ios::binary);
    trainer.write(file, min_count);
    if (!file) throw std::runtime_error(out + ": cannot write");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "winnow-train-entities: %s\n", error.what());
    return 1;
  }
  return 0;
}
