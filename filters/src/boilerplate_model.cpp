// Boilerplate classifier, trained part: each block's evidence as numbers, and
// a logistic regression (liblinear) that weighs it. The features describe
// shape, position and the rules' verdicts, never wording, so that what was
// learnt on some sites carries to others and to other languages.
#include <algorithm>
#include <cerrno>  // program_invocation_short_name: the one-line errors name the program
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <numeric>

#include <linear.h>

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

/// liblinear's model, and which of its two classes is content.
class BoilerplateModel {
 public:
  explicit BoilerplateModel(model* m) : model_(m) {
    int labels[2] = {0, 0};
    get_labels(model_, labels);
    content_index_ = labels[0] == 1 ? 0 : 1;
  }
  ~BoilerplateModel() { free_and_destroy_model(&model_); }
  BoilerplateModel(const BoilerplateModel&) = delete;
  BoilerplateModel& operator=(const BoilerplateModel&) = delete;

  [[nodiscard]] double probability(std::span<const float> features) const {
    std::array<feature_node, model_feature_count + 2> x{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < features.size(); ++i)
      if (features[i] != 0.0F) x[n++] = feature_node{static_cast<int>(i) + 1, features[i]};
    if (model_->bias >= 0) x[n++] = feature_node{static_cast<int>(model_feature_count) + 1, model_->bias};
    x[n] = feature_node{-1, 0.0};
    double estimates[2] = {0.0, 0.0};
    predict_probability(model_, x.data(), estimates);
    return estimates[content_index_];
  }

  // Each feature's push on the decision value, towards content when positive.
  [[nodiscard]] double contribution(std::size_t feature, float value) const {
    // With two classes liblinear keeps one weight vector, for its first label.
    const double w = model_->w[feature];
    return (content_index_ == 0 ? w : -w) * value;
  }

 private:
  model* model_;
  int content_index_ = 0;
};

const BoilerplateModel* boilerplate_model() {
  static std::once_flag once;
  static std::unique_ptr<BoilerplateModel> loaded;
  std::call_once(once, [] {
    const auto path = boilerplate_model_path();
    std::error_code error;
    if (path.empty() || !std::filesystem::exists(path, error)) return;
    model* m = load_model(path.c_str());
    if (m == nullptr) {
      std::fprintf(stderr, "%s: %s: not a liblinear model; boilerplate is judged by the rules alone\n",
                   program_invocation_short_name, path.c_str());
      return;
    }
    if (get_nr_feature(m) != static_cast<int>(model_feature_count) || get_nr_class(m) != 2 ||
        check_probability_model(m) == 0) {
      std::fprintf(stderr,
                   "%s: %s: a model of %d features and %d classes, not of %zu features and 2 classes; "
                   "boilerplate is judged by the rules alone\n",
                   program_invocation_short_name, path.c_str(), get_nr_feature(m), get_nr_class(m), model_feature_count);
      free_and_destroy_model(&m);
      return;
    }
    loaded = std::make_unique<BoilerplateModel>(m);
  });
  return loaded.get();
}

double content_probability(const BoilerplateModel& model, std::span<const float> features) {
  return model.probability(features);
}

std::vector<std::string> strongest_features(const BoilerplateModel& model, std::span<const float> features,
                                            std::size_t count) {
  static const std::vector<std::string> names = all_feature_names();
  std::vector<std::size_t> order(features.size());
  std::iota(order.begin(), order.end(), 0);
  auto push = [&](std::size_t i) { return model.contribution(i, features[i]); };
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return std::abs(push(a)) > std::abs(push(b)); });
  std::vector<std::string> out;
  for (std::size_t r = 0; r < count; ++r) {
    const double p = push(order[r]);
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
