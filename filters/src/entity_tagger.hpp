// The entity tagger: a trained sequence model that reads a segment's words
// and tags each as outside any name or as the first or a later word of a
// person's, an organisation's, a place's or another name (an event, a
// nationality, a product: CoNLL-2003's MISC). The spans pass and the
// document pass (entity_spans.cpp, entities.cpp) still find, join and merge
// the names; the tagger's tags settle what the rules cannot tell from a
// word's case and the word lists alone (entities.cpp, "What the tagger
// decides").
//
// The model is an averaged structured perceptron over features of each word
// and its neighbours (word, shape, affixes, the gazetteers' and the
// language's word classes, whether the line is in capitals or a table),
// decoded with Viterbi over the tag transitions. Every feature is a feature
// of one word at an offset from the tagged one, so what a word contributes
// at each offset is summed once per distinct word and kept: a document's
// words are mostly words already seen.
//
// A language's model is filters/lang/CODE/entities.model, trained by
// `make train-entities` (filters/train/entities/README.md); a language
// without one is read by the rules alone.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entity_lexicon.hpp"
#include "entity_words.hpp"
#include "gazetteer.hpp"
#include "word_set.hpp"

namespace winnow::filters::detail {

/// The kinds of name the tagger tells apart.
enum class NameType : std::uint8_t { none, person, organisation, place, other };

/// A word's tag: the type of the name it is part of, and whether it is the
/// name's first word.
struct NameTag {
  NameType type = NameType::none;
  bool begins = false;
  friend bool operator==(const NameTag&, const NameTag&) = default;
};

/// Tags as the model numbers them: 0 outside, then the first and a later
/// word of each type in NameType's order.
inline constexpr std::size_t name_tag_count = 9;
[[nodiscard]] std::size_t tag_number(NameTag tag);
[[nodiscard]] NameTag numbered_tag(std::size_t number);
/// "O", "B-PER", "I-PER", "B-ORG" ... as in CoNLL-2003.
[[nodiscard]] std::string_view tag_name(std::size_t number);

/// One segment as the tagger reads it: its text, its words (split_words,
/// then mark_name_like) and the language's word lists.
struct TaggerLine {
  std::string_view text;
  const std::vector<EntityWord>& words;
  const Gazetteer& gazetteer;
  const EntityLexicon& lexicon;
};

/// A line's tags, and what the tagger saw of the line as a whole.
struct TaggedWords {
  std::vector<NameTag> tags;  ///< one a word
  /// Written in capitals (a headline, a dateline): a word's case says nothing
  /// of whether it is a name.
  bool capitals = false;
  /// A row of a table, mostly numbers ("Plymouth 2 Preston 1").
  bool table = false;
};

/// The features of each word of a line, as the model names them: what the
/// trainer learns from and the tagger weighs.
[[nodiscard]] std::vector<std::vector<std::string>> line_features(const TaggerLine& line);

class EntityTagger {
 public:
  /// Reads a model written by EntityTaggerTrainer::write. Throws
  /// std::runtime_error naming what is wrong with it.
  explicit EntityTagger(std::istream& model);

  /// The tag of each word of the line.
  [[nodiscard]] TaggedWords tag(const TaggerLine& line) const;

  /// LANGUAGE's model, read the first time it is asked for; nullptr when the
  /// language has none (or it cannot be read: a one-line warning says why).
  /// $WINNOW_ENTITY_MODEL names one model for every language instead; set
  /// and empty, none: the rules alone.
  static const EntityTagger* for_language(std::string_view language);

 private:
  friend class EntityTaggerTrainer;
  EntityTagger() = default;

  using Scores = std::array<float, name_tag_count>;
  /// A position feature's weights, or nullptr.
  [[nodiscard]] const float* weights_of(std::string_view feature) const;
  /// A word feature's weights at each offset (-2 to 2, name_tag_count each), or nullptr.
  [[nodiscard]] const float* word_weights_of(std::string_view feature) const;
  void add_weights(std::string_view feature, Scores& into) const;
  void add_position_weights(const TaggerLine& line, const std::vector<char>& gap_kinds_of_line, std::size_t w,
                            std::uint8_t gazetteer, Scores& into) const;

  // Which model this is, for the per-thread caches of weights summed per
  // word: an address may be a later model's once this one is freed.
  std::uint64_t serial_ = next_serial();
  static std::uint64_t next_serial();

  // Word features by name without the offset, each a block of the five
  // offsets' rows; features of a position by their whole name, a row each.
  std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> word_rows_, position_rows_;
  std::vector<float> word_weights_, position_weights_;
  /// transitions_[from][to]; from name_tag_count is the start of a line.
  std::array<Scores, name_tag_count + 1> transitions_{};
};

/// Learns a model from tagged lines: an averaged structured perceptron.
/// Deterministic: the same lines in the same order give the same model.
class EntityTaggerTrainer {
 public:
  /// One training line: each word's features (line_features) and gold tag.
  void add_line(std::vector<std::vector<std::string>> features, std::vector<NameTag> tags);
  [[nodiscard]] std::size_t lines() const { return lines_.size(); }

  /// One pass over the lines in an order drawn from `seed`; returns the
  /// share of words whose predicted tag was wrong before each update.
  double epoch(std::uint32_t seed);

  /// The averaged model, without the features seen fewer than `min_count`
  /// times in training.
  [[nodiscard]] EntityTagger averaged(unsigned min_count) const;
  /// Writes the averaged model (see averaged()).
  void write(std::ostream& out, unsigned min_count) const;

 private:
  struct Line {
    std::vector<std::vector<std::uint32_t>> features;
    std::vector<std::uint8_t> tags;
  };
  std::uint32_t feature_id(const std::string& feature);
  [[nodiscard]] std::vector<std::uint8_t> decode(const Line& line) const;
  void update(std::uint32_t row, std::size_t tag, float delta);
  void update_transition(std::size_t from, std::size_t to, float delta);
  [[nodiscard]] float averaged_weight(std::size_t index) const;

  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
  std::vector<unsigned> counts_;
  std::vector<Line> lines_;
  // Current weights, their running sums and when each was last brought up
  // to date, for the average (the usual lazy form).
  std::vector<float> weights_, transitions_;
  std::vector<double> totals_, transition_totals_;
  std::vector<std::uint64_t> stamps_;
  std::vector<std::uint64_t> transition_stamps_;
  std::uint64_t step_ = 0;
};

}  // namespace winnow::filters::detail
