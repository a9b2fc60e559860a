// Boilerplate classifier, trained part: each block's evidence as numbers, and
// gradient-boosted trees that weigh it. The features describe
// shape, position and the rules' verdicts, never wording, so that what was
// learnt on some sites carries to others and to other languages.
#include <algorithm>
#include <cerrno>  // program_invocation_short_name: the one-line errors name the program
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>

#include "boilerplate_internal.hpp"
#include "winnow/filters/boilerplate_model.hpp"
#include "winnow/filters/language_data.hpp"

namespace winnow::filters {
namespace detail {

namespace {

// The features of one block on its own, then of its neighbours.
constexpr std::string_view own_names[] = {
    "words",              // log-scaled
    "length",             // bytes, log-scaled
    "stop-word share",    //
    "stop words",         // log-scaled
    "lower-case initials",
    "capital initials",
    "digit share",
    "separators",
    "ends a sentence",
    "address or handle",
    "paragraph shape",
    "sentence shape",
    "short shape",
    "menu shape",
    "cue weight",
    "consent or embed notice",
    "repeated elsewhere",  // in repetition_threshold or more other stories
    "rules: head",
    "rules: headline",
    "rules: body",
    "rules: tail",
    "rules: score",
    "rules: content",
    "blank line before",
    "blank line after",
    "same line as previous",
    "same line as next",
    "paragraphs near",  // paragraph-shaped blocks among the three either side
    "one to three words",
    "short, at head",    // the rules' position and the shape together: a
    "short, in body",    // linear model cannot multiply the two itself
    "short, at tail",
    "right after the headline",
    "page: paragraph share",  // of its blocks: a clean article is mostly prose, a
    "page: rules' content share",  // site's whole page mostly furniture
    "title-like",  // 4 to 15 words, mostly capitalised, no sentence end: a headline, a caption, a teaser
    "apart from the article",  // in the body, outside the main run of paragraphs
    "time stamps near",        // time-stamped short blocks among the four either side
};
constexpr std::size_t own_count = std::size(own_names);

// For each neighbour (two before, two after): these features of it.
// No feature says how long the page is or where in it a block sits: the
// training pages are whole sites' pages, menus and all, and a short clean
// article would read as the top of one.
constexpr std::string_view neighbour_names[] = {"words", "stop-word share", "ends a sentence", "rules: content",
                                                "paragraph shape"};
constexpr std::size_t neighbour_count = std::size(neighbour_names);
constexpr int neighbour_offsets[] = {-2, -1, 1, 2};
constexpr std::string_view offset_names[] = {"two before: ", "one before: ", "one after: ", "two after: "};

static_assert(own_count + std::size(neighbour_offsets) * neighbour_count == model_feature_count);

float log_scaled(double n, double top) { return static_cast<float>(std::log1p(std::max(n, 0.0)) / std::log1p(top)); }
float flag(bool b) { return b ? 1.0F : 0.0F; }
float share(int part, int whole) { return whole <= 0 ? 0.0F : static_cast<float>(part) / static_cast<float>(whole); }

std::vector<std::string> all_feature_names() {
  std::vector<std::string> names(std::begin(own_names), std::end(own_names));
  for (const auto offset : offset_names)
    for (const auto name : neighbour_names) names.push_back(std::string(offset) + std::string(name));
  return names;
}

}  // namespace

int stamps_near(const std::vector<Block>& blocks, std::size_t i) {
  int stamps = 0;
  for (std::size_t j = i >= 4 ? i - 4 : 0; j < std::min(blocks.size(), i + 5); ++j) {
    const Features& f = blocks[j].features;
    if (j != i && f.time_stamp && !f.sentence_end && f.tokens <= 16) ++stamps;
  }
  return stamps;
}

void model_features(const std::vector<Block>& blocks, std::size_t i, std::span<float> out) {
  const Block& b = blocks[i];
  const Features& f = b.features;
  std::size_t k = 0;
  out[k++] = log_scaled(f.words, 200);
  out[k++] = log_scaled(f.bytes, 1500);
  out[k++] = static_cast<float>(f.stop_ratio());
  out[k++] = log_scaled(f.stop_words, 100);
  out[k++] = share(f.lower_initial, f.tokens);
  out[k++] = share(f.upper_initial, f.tokens);
  out[k++] = share(f.digits, f.bytes);
  out[k++] = static_cast<float>(std::min(f.separators, 4)) / 4.0F;
  out[k++] = flag(f.sentence_end);
  out[k++] = flag(f.has_address);
  out[k++] = flag(b.shape == Shape::good);
  out[k++] = flag(b.shape == Shape::near_good);
  out[k++] = flag(b.shape == Shape::short_text);
  out[k++] = flag(b.shape == Shape::menu);
  out[k++] = static_cast<float>(std::min(b.cues.weight, 2.0) / 2.0);
  out[k++] = flag(b.cues.notice);
  // Only whether it is repeated, not how often: the index re-cleans a
  // document when a segment crosses the threshold, not when a count moves.
  out[k++] = flag(b.repeats >= repetition_threshold);
  out[k++] = flag(b.place == Place::head);
  out[k++] = flag(b.place == Place::headline);
  out[k++] = flag(b.place == Place::body);
  out[k++] = flag(b.place == Place::tail);
  out[k++] = static_cast<float>(std::clamp(b.rule_score, 0.0, 1.0));
  out[k++] = flag(b.content);
  // A gap in line numbers is a blank line: a paragraph break in the source.
  out[k++] = flag(i == 0 || blocks[i - 1].line < b.line - 1);
  out[k++] = flag(i + 1 == blocks.size() || blocks[i + 1].line > b.line + 1);
  out[k++] = flag(i > 0 && blocks[i - 1].line == b.line);
  out[k++] = flag(i + 1 < blocks.size() && blocks[i + 1].line == b.line);
  int paragraphs = 0;
  for (std::size_t j = i >= 3 ? i - 3 : 0; j < std::min(blocks.size(), i + 4); ++j)
    if (j != i && blocks[j].shape == Shape::good) ++paragraphs;
  out[k++] = static_cast<float>(paragraphs) / 6.0F;
  out[k++] = flag(f.words >= 1 && f.words <= 3);
  const bool short_block = b.shape == Shape::short_text || b.shape == Shape::menu;
  out[k++] = flag(short_block && b.place == Place::head);
  out[k++] = flag(short_block && b.place == Place::body);
  out[k++] = flag(b.shape != Shape::good && b.place == Place::tail);
  out[k++] = flag(i > 0 && blocks[i - 1].place == Place::headline);
  out[k++] = share(static_cast<int>(std::count_if(blocks.begin(), blocks.end(),
                                                  [](const Block& x) { return x.shape == Shape::good; })),
                   static_cast<int>(blocks.size()));
  out[k++] = share(static_cast<int>(std::count_if(blocks.begin(), blocks.end(),
                                                  [](const Block& x) { return x.content; })),
                   static_cast<int>(blocks.size()));
  out[k++] = flag(f.words >= 4 && f.words <= 15 && !f.sentence_end && f.upper_initial * 2 > f.tokens);
  out[k++] = flag(b.apart);
  out[k++] = static_cast<float>(std::min(stamps_near(blocks, i), 4)) / 4.0F;
  for (const int offset : neighbour_offsets) {
    const auto j = static_cast<std::ptrdiff_t>(i) + offset;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(blocks.size())) {
      for (std::size_t n = 0; n < neighbour_count; ++n) out[k++] = 0.0F;
      continue;
    }
    const Block& nb = blocks[static_cast<std::size_t>(j)];
    out[k++] = log_scaled(nb.features.words, 200);
    out[k++] = static_cast<float>(nb.features.stop_ratio());
    out[k++] = flag(nb.features.sentence_end);
    out[k++] = flag(nb.content);
    out[k++] = flag(nb.shape == Shape::good);
  }
}

/// Gradient-boosted trees (trained by XGBoost, train_trees.py), in the
/// project's text format: each tree's nodes, a split sending a block left
/// when its feature is below the threshold, a leaf adding its value to the
/// margin. Every node also carries the mean value of the leaves under it, so
/// that the change at each split along a block's path is what that split's
/// feature added (--explain's reasons).
class BoilerplateModel {
 public:
  struct Node {
    int feature = -1;  // -1: a leaf
    float threshold = 0;
    int below = 0, above = 0;  // the next node when the feature is below the threshold, and when not
    double value = 0;          // a leaf's value; a split's mean value
  };
  using Tree = std::vector<Node>;

  BoilerplateModel(double base, std::vector<Tree> trees) : base_(base), trees_(std::move(trees)) { lay_out(); }

  /// Deeper trees are refused: their complete layout would double in size with each level.
  static constexpr int deepest = 8;
  [[nodiscard]] static int depth(const Tree& tree, std::size_t n = 0) {
    if (tree[n].feature < 0) return 0;
    return 1 + std::max(depth(tree, static_cast<std::size_t>(tree[n].below)),
                        depth(tree, static_cast<std::size_t>(tree[n].above)));
  }

  [[nodiscard]] double probability(std::span<const float> features) const {
    // Each tree is walked as a complete tree of depth_ levels: the next node
    // is computed, not branched to, so the walk costs the same whichever way
    // a block goes, and nothing is mispredicted.
    const std::size_t splits = (std::size_t{1} << depth_) - 1;
    double margin = base_;
    const Split* split = splits_.data();
    const float* leaf = leaves_.data();
    for (std::size_t t = 0; t < trees_.size(); ++t, split += splits, leaf += splits + 1) {
      std::size_t n = 0;
      for (int level = 0; level < depth_; ++level)
        n = 2 * n + 1 + static_cast<std::size_t>(!(features[split[n].feature] < split[n].threshold));
      margin += leaf[n - splits];
    }
    return 1.0 / (1.0 + std::exp(-margin));
  }

  // Each feature's push on the margin, towards content when positive.
  [[nodiscard]] std::vector<double> contributions(std::span<const float> features) const {
    std::vector<double> push(features.size(), 0.0);
    for (const Tree& tree : trees_) {
      for (std::size_t n = 0; tree[n].feature >= 0;) {
        const Node& node = tree[n];
        const std::size_t next = next_node(node, features);
        push[static_cast<std::size_t>(node.feature)] += tree[next].value - node.value;
        n = next;
      }
    }
    return push;
  }

 private:
  static std::size_t next_node(const Node& node, std::span<const float> features) {
    return static_cast<std::size_t>(features[static_cast<std::size_t>(node.feature)] < node.threshold ? node.below
                                                                                                       : node.above);
  }

  // Every tree as a complete tree of depth_ levels, in breadth-first order:
  // a leaf above the bottom becomes splits that always go left (a threshold
  // of infinity) over copies of its value.
  struct Split {
    std::uint32_t feature = 0;
    float threshold = std::numeric_limits<float>::infinity();
  };

  void lay_out() {
    for (const Tree& tree : trees_) depth_ = std::max(depth_, depth(tree));
    const std::size_t splits = (std::size_t{1} << depth_) - 1;
    splits_.assign(trees_.size() * splits, Split{});
    leaves_.assign(trees_.size() * (splits + 1), 0.0F);
    for (std::size_t t = 0; t < trees_.size(); ++t) place(trees_[t], 0, 0, 0, t * splits, t * (splits + 1));
  }

  // Places node n of a tree at position `at` of level `level` of its complete layout.
  void place(const Tree& tree, std::size_t n, std::size_t at, int level, std::size_t split_base,
             std::size_t leaf_base) {
    const Node& node = tree[n];
    if (level == depth_) {
      leaves_[leaf_base + at - ((std::size_t{1} << depth_) - 1)] = static_cast<float>(node.value);
      return;
    }
    if (node.feature < 0) {  // a leaf above the bottom: both sides hold it
      place(tree, n, 2 * at + 1, level + 1, split_base, leaf_base);
      place(tree, n, 2 * at + 2, level + 1, split_base, leaf_base);
      return;
    }
    splits_[split_base + at] = {static_cast<std::uint32_t>(node.feature), node.threshold};
    place(tree, static_cast<std::size_t>(node.below), 2 * at + 1, level + 1, split_base, leaf_base);
    place(tree, static_cast<std::size_t>(node.above), 2 * at + 2, level + 1, split_base, leaf_base);
  }

  double base_;
  std::vector<Tree> trees_;  // as read: for contributions()
  int depth_ = 0;
  std::vector<Split> splits_;
  std::vector<float> leaves_;
};

namespace {

// Reads a tree file, or says in `problem` what is wrong with it.
std::unique_ptr<BoilerplateModel> read_trees(const std::filesystem::path& path, std::string& problem) {
  std::ifstream in(path);
  std::string magic, word;
  int version = 0;
  std::size_t features = 0, count = 0;
  double base = 0;
  if (!(in >> magic >> version) || magic != "winnow-boilerplate-trees" || version != 1) {
    problem = "not a boilerplate model (winnow-boilerplate-trees 1)";
    return nullptr;
  }
  if (!(in >> word >> features) || word != "features" || features != model_feature_count) {
    problem = "a model of " + std::to_string(features) + " features, not " + std::to_string(model_feature_count);
    return nullptr;
  }
  if (!(in >> word >> base) || word != "base" || !(in >> word >> count) || word != "trees") {
    problem = "no base or tree count";
    return nullptr;
  }
  std::vector<BoilerplateModel::Tree> trees(count);
  for (std::size_t t = 0; t < count; ++t) {
    std::size_t nodes = 0;
    if (!(in >> word >> nodes) || word != "tree" || nodes == 0) {
      problem = "tree " + std::to_string(t) + ": no node count";
      return nullptr;
    }
    auto& tree = trees[t];
    tree.resize(nodes);
    for (std::size_t n = 0; n < nodes; ++n) {
      std::size_t id = 0;
      std::string kind;
      if (!(in >> id >> kind) || id != n) {
        problem = "tree " + std::to_string(t) + ": node " + std::to_string(n) + " missing";
        return nullptr;
      }
      auto& node = tree[n];
      if (kind == "leaf") {
        if (!(in >> node.value)) problem = "tree " + std::to_string(t) + ": leaf " + std::to_string(n) + " has no value";
      } else {
        std::string default_left;
        node.feature = std::atoi(kind.c_str());
        if (!(in >> node.threshold >> node.below >> node.above >> default_left >> node.value) || node.feature < 0 ||
            static_cast<std::size_t>(node.feature) >= model_feature_count ||
            // Children come after their parent: every walk ends at a leaf.
            node.below <= static_cast<int>(n) || node.above <= static_cast<int>(n) ||
            static_cast<std::size_t>(node.below) >= nodes || static_cast<std::size_t>(node.above) >= nodes) {
          problem = "tree " + std::to_string(t) + ": node " + std::to_string(n) + " is not a split or a leaf";
        }
      }
      if (!problem.empty()) return nullptr;
    }
  }
  if (in >> word) {
    problem = "more after the last tree";
    return nullptr;
  }
  for (std::size_t t = 0; t < count; ++t) {
    if (BoilerplateModel::depth(trees[t]) > BoilerplateModel::deepest) {
      problem = "tree " + std::to_string(t) + " is deeper than " + std::to_string(BoilerplateModel::deepest);
      return nullptr;
    }
  }
  return std::make_unique<BoilerplateModel>(base, std::move(trees));
}

}  // namespace

const BoilerplateModel* boilerplate_model() {
  static std::once_flag once;
  static std::unique_ptr<BoilerplateModel> loaded;
  std::call_once(once, [] {
    const auto path = boilerplate_model_path();
    std::error_code error;
    if (path.empty() || !std::filesystem::exists(path, error)) return;
    std::string problem;
    loaded = read_trees(path, problem);
    if (!loaded) {
      std::fprintf(stderr, "%s: %s: %s; boilerplate is judged by the rules alone\n", program_invocation_short_name,
                   path.c_str(), problem.c_str());
    }
  });
  return loaded.get();
}

double content_probability(const BoilerplateModel& model, std::span<const float> features) {
  return model.probability(features);
}

std::vector<std::string> strongest_features(const BoilerplateModel& model, std::span<const float> features,
                                            std::size_t count) {
  static const std::vector<std::string> names = all_feature_names();
  const std::vector<double> push = model.contributions(features);
  std::vector<std::size_t> order(features.size());
  std::iota(order.begin(), order.end(), 0);
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return std::abs(push[a]) > std::abs(push[b]); });
  std::vector<std::string> out;
  for (std::size_t r = 0; r < count; ++r) {
    const double p = push[order[r]];
    if (p == 0.0) break;
    char weight[16];
    std::snprintf(weight, sizeof weight, "%+.1f", p);
    out.push_back(names[order[r]] + " " + weight);
  }
  return out;
}

}  // namespace detail

std::filesystem::path boilerplate_model_path() {
  // $WINNOW_BOILERPLATE_MODEL names another model, to judge one before it is
  // committed; set and empty, none, to see the rules' verdicts alone.
  if (const char* chosen = std::getenv("WINNOW_BOILERPLATE_MODEL")) return chosen;
  return language_data_folder() / "mul" / "boilerplate.model";
}

bool boilerplate_model_loaded() { return detail::boilerplate_model() != nullptr; }

std::span<const std::string_view> boilerplate_feature_names() {
  static const std::vector<std::string> names = detail::all_feature_names();
  static const std::vector<std::string_view> views(names.begin(), names.end());
  return views;
}

}  // namespace winnow::filters
