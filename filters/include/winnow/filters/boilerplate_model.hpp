// The boilerplate classifier's trained part: what it reads of each block and
// where its model file lives, for the training program and --explain.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/segment.hpp"

namespace winnow::filters {

/// The model file: gradient-boosted trees in the project's text format
/// (filters/train/boilerplate/README.md), LANGDIR/mul/boilerplate.model (language_data_folder()); language-neutral,
/// since what it weighs is each page language's evidence. $WINNOW_BOILERPLATE_MODEL,
/// when set, names another file, or, set and empty, none.
[[nodiscard]] std::filesystem::path boilerplate_model_path();

/// Whether classify() found and loaded the model (loaded on first use); without
/// it, classify() gives its hand-written rules' verdicts.
[[nodiscard]] bool boilerplate_model_loaded();

/// The names of the model's features, in the order of TrainingBlock::features.
[[nodiscard]] std::span<const std::string_view> boilerplate_feature_names();

/// One block as classify() forms it (consecutive pieces of one line judged
/// together) with what the model reads of it.
struct TrainingBlock {
  int line = 0;                    ///< the 1-based source line its pieces come from
  std::vector<std::string> texts;  ///< its pieces' texts, in order
  bool forced = false;             ///< boilerplate by construction (a split-off credit, marker, buttons)
  std::vector<float> features;     ///< boilerplate_feature_names() order
};

/// The blocks the model would judge for these segments, with their features
/// computed as classify() computes them: the training program's rows. None
/// for a page without a paragraph of prose, which the rules alone judge.
[[nodiscard]] std::vector<TrainingBlock> training_blocks(std::vector<Segment> segments,
                                                         const ClassifyContext& context = {});

}  // namespace winnow::filters
