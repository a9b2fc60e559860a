// winnow-train-boilerplate: trains the boilerplate model (liblinear's L2
// logistic regression) on gold-labelled folders. Each block classify() judges
// is one example, with the features classify() computes and the label its
// source line has in the gold: the model learns from the same blocks it will
// judge. The solver (trust-region Newton on the primal) draws no random
// numbers, so the same folders give the same model, byte for byte.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <linear.h>

#include "gold.hpp"
#include "winnow/filters/boilerplate_model.hpp"

namespace {

namespace we = winnow::eval;
namespace wf = winnow::filters;

struct Example {
  std::vector<feature_node> x;  // sparse, 1-based, bias and the -1 end included
  double y = 0;                 // 1 content, 0 boilerplate
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
                              Example e;
                              e.y = label;
                              for (std::size_t f = 0; f < block.features.size(); ++f)
                                if (block.features[f] != 0.0F)
                                  e.x.push_back({static_cast<int>(f) + 1, block.features[f]});
                              e.x.push_back({static_cast<int>(block.features.size()) + 1, 1.0});  // bias
                              e.x.push_back({-1, 0.0});
                              for (int c = 0; c < copies; ++c) {
                                examples.push_back(e);
                                ++(label == 1 ? totals.content : totals.boilerplate);
                              }
                            }
                          });
}

void quiet(const char*) {}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trains winnow's boilerplate model on gold-labelled folders (NAME.txt + NAME.labels)."};
  std::vector<std::string> folders;
  std::string out;
  double c = 1.0;
  bool no_corpus = false;
  double content_weight = 1.0;
  app.add_option("folders", folders,
                 "gold folders; FOLDER:N counts each of its examples N times (a small hand-labelled set "
                 "beside a large one)")
      ->required();
  app.add_option("--out", out, "the model file to write")->required();
  app.add_option("-C,--cost", c, "liblinear's C: the inverse of the regularisation strength");
  app.add_option("--content-weight", content_weight,
                 "the cost of a lost content block against a kept boilerplate one: content is the rarer "
                 "class, and a lost paragraph is a lost search hit");
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
    std::vector<double> y;
    std::vector<feature_node*> x;
    for (auto& e : examples) {
      y.push_back(e.y);
      x.push_back(e.x.data());
    }
    problem prob{};
    prob.l = static_cast<int>(examples.size());
    prob.n = static_cast<int>(wf::boilerplate_feature_names().size()) + 1;
    prob.y = y.data();
    prob.x = x.data();
    prob.bias = 1.0;
    parameter param{};
    param.solver_type = L2R_LR;
    param.eps = 0.001;
    param.C = c;
    int weight_label[] = {1};
    double weight[] = {content_weight};
    param.nr_weight = 1;
    param.weight_label = weight_label;
    param.weight = weight;
    set_print_string_function(quiet);
    if (const char* error = check_parameter(&prob, &param)) {
      std::fprintf(stderr, "winnow-train-boilerplate: %s\n", error);
      return 2;
    }
    model* m = train(&prob, &param);
    if (save_model(out.c_str(), m) != 0) {
      std::fprintf(stderr, "winnow-train-boilerplate: %s: cannot write the model\n", out.c_str());
      free_and_destroy_model(&m);
      return 2;
    }
    std::printf("%d content and %d boilerplate blocks (%d without a gold label), C = %g, content weight %g: %s\n",
                totals.content, totals.boilerplate, totals.skipped, c, content_weight, out.c_str());
    // The weights, strongest first, for the model's README and for review.
    std::vector<std::pair<double, std::string>> weights;
    const auto names = wf::boilerplate_feature_names();
    const double sign = m->label[0] == 1 ? 1.0 : -1.0;
    for (std::size_t f = 0; f < names.size(); ++f) weights.emplace_back(sign * m->w[f], std::string(names[f]));
    std::sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) { return std::abs(a.first) > std::abs(b.first); });
    for (const auto& [w, name] : weights) std::printf("  %+7.3f  %s\n", w, name.c_str());
    free_and_destroy_model(&m);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "winnow-train-boilerplate: %s\n", e.what());
    return 2;
  }
}
