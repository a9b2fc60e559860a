// winnow-train-boilerplate: writes the boilerplate model's training examples
// from gold-labelled folders, for train_trees.py (make train-boilerplate).
// Each block classify() judges is one example, with the features classify()
// computes and the label its source line has in the gold: the model learns
// from the same blocks it will judge. Folders are read in the order given and
// files in name order, so the same folders give the same examples, byte for byte.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gold.hpp"
#include "winnow/filters/boilerplate_model.hpp"

namespace {

namespace we = winnow::eval;
namespace wf = winnow::filters;

struct Example {
  std::vector<float> features;
  int y = 0;  // 1 content, 0 boilerplate
};

struct Totals {
  int content = 0;
  int boilerplate = 0;
  int skipped = 0;  // blank, forced, or a mixed line's piece that is partly content
};

// The gold label of a block, or -1 when the gold does not say: a blank line,
// or a piece of a mixed line that is neither wholly inside nor wholly outside
// its content part.
int gold_label(const we::GoldDocument& doc, const wf::TrainingBlock& block) {
  const auto index = static_cast<std::size_t>(block.line - 1);
  if (block.line < 1 || index >= doc.labels.size()) return -1;
  const we::GoldLine& gold = doc.labels[index];
  if (gold.kind == 'C') return 1;
  if (gold.kind == 'B') return 0;
  if (gold.kind != 'M') return -1;
  std::string text;
  for (const auto& piece : block.texts) text += piece + " ";
  const std::string key = we::scoring_key(text);
  const std::string part = we::scoring_key(gold.part);
  if (key.empty()) return -1;
  if (part.find(key) != std::string::npos) return 1;
  if (key.find(part) != std::string::npos && !part.empty()) return -1;  // holds the content and more
  return 0;
}

void add_folder(const std::string& folder, int copies, bool use_corpus, std::vector<Example>& examples,
                Totals& totals) {
  const auto docs = we::load_folder(folder);
  we::for_each_in_context(docs, use_corpus,
                          [&](std::size_t i, std::vector<wf::Segment> segments, const wf::ClassifyContext& context) {
                            for (const auto& block : wf::training_blocks(std::move(segments), context)) {
                              const int label = block.forced ? -1 : gold_label(docs[i], block);
                              if (label < 0) {
                                ++totals.skipped;
                                continue;
                              }
                              const Example e{block.features, label};
                              for (int c = 0; c < copies; ++c) {
                                examples.push_back(e);
                                ++(label == 1 ? totals.content : totals.boilerplate);
                              }
                            }
                          });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes winnow's boilerplate training examples from gold-labelled folders (NAME.txt + NAME.labels)."};
  std::vector<std::string> folders;
  std::string out;
  bool no_corpus = false;
  app.add_option("folders", folders,
                 "gold folders; FOLDER:N counts each of its examples N times (a small hand-labelled set "
                 "beside a large one)")
      ->required();
  app.add_option("--out", out,
                 "the file to write: one example a line in LIBSVM's text format (label, then index:value)")
      ->required();
  app.add_flag("--no-corpus", no_corpus, "without repetition counts over each folder");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    std::vector<Example> examples;
    Totals totals;
    for (const auto& arg : folders) {
      const auto colon = arg.rfind(':');
      int copies = 1;
      std::string folder = arg;
      if (colon != std::string::npos && colon + 1 < arg.size() &&
          arg.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        copies = std::stoi(arg.substr(colon + 1));
        folder = arg.substr(0, colon);
      }
      add_folder(folder, copies, !no_corpus, examples, totals);
    }
    if (totals.content == 0 || totals.boilerplate == 0) {
      std::fprintf(stderr, "winnow-train-boilerplate: need examples of both content and boilerplate\n");
      return 2;
    }
    std::FILE* f = std::fopen(out.c_str(), "w");
    if (f == nullptr) {
      std::fprintf(stderr, "winnow-train-boilerplate: %s: cannot write the examples\n", out.c_str());
      return 2;
    }
    for (const auto& e : examples) {
      std::fprintf(f, "%d", e.y);
      for (std::size_t i = 0; i < e.features.size(); ++i)
        if (e.features[i] != 0.0F) std::fprintf(f, " %zu:%.9g", i + 1, static_cast<double>(e.features[i]));
      std::fputc('\n', f);
    }
    if (std::fclose(f) != 0) {
      std::fprintf(stderr, "winnow-train-boilerplate: %s: cannot write the examples\n", out.c_str());
      return 2;
    }
    std::printf("%d content and %d boilerplate blocks (%d without a gold label): %s\n", totals.content,
                totals.boilerplate, totals.skipped, out.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "winnow-train-boilerplate: %s\n", e.what());
    return 2;
  }
}
