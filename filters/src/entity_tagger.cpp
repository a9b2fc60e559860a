// The entity tagger: see entity_tagger.hpp.
#include "entity_tagger.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <unicode/uchar.h>

#include "winnow/filters/language_data.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters::detail {
namespace {

constexpr std::string_view model_header = "winnow-entity-tagger 1";
constexpr std::array<std::string_view, name_tag_count> tag_names{"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                                 "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
// Weights are written as integers of this many parts of one.
constexpr double weight_scale = 1000.0;
// How far on either side of a word the features look.
constexpr int reach = 2;
constexpr std::size_t offsets = 2 * reach + 1;
constexpr std::size_t start_state = name_tag_count;

// A later word of a name follows only the first or a later word of a name
// of the same type: no other sequence is ever decoded.
bool allowed(std::size_t from, std::size_t to) {
  if (to == 0 || to % 2 == 1) return true;  // outside, or a first word
  return from != start_state && from != 0 && (from + 1) / 2 == to / 2;
}

// --------------------------------------------------------------- features

// What a word looks like: each run of capitals, small letters, digits or
// other characters as one X, x, d or the character itself: "Xx", "X.X.",
// "dd-dd" becomes "d-d", "McCain" "XxXx".
std::string short_shape(std::string_view word) {
  std::string shape;
  char last = 0;
  for (std::size_t i = 0; i < word.size();) {
    const UChar32 c = utf8::next(word, i);
    char mark = 0;
    if (u_isupper(c) || u_istitle(c)) mark = 'X';
    else if (u_islower(c) || (u_isalpha(c) && c >= 0x80)) mark = 'x';
    else if (u_isdigit(c)) mark = 'd';
    else mark = c < 0x80 ? static_cast<char>(c) : '~';
    if (mark != last) shape.push_back(mark);
    last = mark;
  }
  return shape;
}

// The characters between two words, as a few kinds.
char gap_kind(std::string_view gap) {
  if (gap.empty()) return '0';
  if (gap.find('\n') != std::string_view::npos) return 'n';
  if (gap.find('(') != std::string_view::npos) return '(';
  if (gap.find(')') != std::string_view::npos) return ')';
  if (gap.find(',') != std::string_view::npos) return ',';
  if (gap.find_first_of(".!?") != std::string_view::npos) return '.';
  if (gap.find_first_of(":;") != std::string_view::npos) return ':';
  // A hyphen, an en dash or an em dash.
  if (gap.find('-') != std::string_view::npos || gap.find("\xE2\x80\x93") != std::string_view::npos ||
      gap.find("\xE2\x80\x94") != std::string_view::npos)
    return '-';
  if (gap.find_first_of("\"'") != std::string_view::npos || gap.find("\xE2\x80") != std::string_view::npos) return 'q';
  if (gap.find_first_not_of(" \t") == std::string_view::npos) return ' ';
  return '?';
}

// Word classes from the gazetteers and the language's lists, as feature
// names. Each is a class of the word's folded key.
void add_classes(const Gazetteer& gazetteer, const EntityLexicon& lexicon, std::string_view key,
                 std::vector<std::string_view>& into) {
  if (const Place* place = gazetteer.place(key)) {
    switch (place->level) {
      case PlaceLevel::country: into.push_back("country"); break;
      case PlaceLevel::region: into.push_back("region"); break;
      case PlaceLevel::subdivision: into.push_back("subdivision"); break;
      case PlaceLevel::city: into.push_back(place->population >= 100000 ? "city" : "town"); break;
    }
  }
  if (gazetteer.demonym(key)) into.push_back("demonym");
  if (gazetteer.common_word(key)) into.push_back("common");
  if (gazetteer.known_name(key)) into.push_back("known-name");
  const std::pair<const WordSet*, std::string_view> lists[] = {
      {&lexicon.titles, "title"},
      {&lexicon.organisation_heads, "organisation-head"},
      {&lexicon.place_heads, "place-head"},
      {&lexicon.leading_place_heads, "leading-place-head"},
      {&lexicon.non_entity_heads, "non-entity-head"},
      {&lexicon.speech_verbs, "speech-verb"},
      {&lexicon.place_prepositions, "place-preposition"},
      {&lexicon.function_words, "function-word"},
      {&lexicon.calendar, "calendar"},
      {&lexicon.groups, "group"},
      {&lexicon.settlements, "settlement"},
      {&lexicon.actor_descriptors, "actor-descriptor"},
      {&lexicon.particles, "particle"},
      {&lexicon.connectors, "connector"},
      {&lexicon.compass, "compass"},
      {&lexicon.non_entity_acronyms, "non-entity-acronym"},
  };
  for (const auto& [list, name] : lists)
    if (list->contains(key)) into.push_back(name);
}

// What the line as a whole is: in capitals (a headline, a dateline), or a
// row of a table (mostly numbers).
struct LineKind {
  bool capitals = false;
  bool table = false;
};

LineKind line_kind(const TaggerLine& line) {
  int cased = 0;
  int all_capitals = 0;
  int numbers = 0;
  for (const EntityWord& word : line.words) {
    if (word.digits) ++numbers;
    bool lower = false;
    bool upper = false;
    for (std::size_t i = word.begin; i < word.end;) {
      const auto byte = static_cast<unsigned char>(line.text[i]);
      if (byte < 0x80) {  // most letters: no decoding, no call
        lower = lower || (byte >= 'a' && byte <= 'z');
        upper = upper || (byte >= 'A' && byte <= 'Z');
        ++i;
        continue;
      }
      const UChar32 c = utf8::next(line.text.substr(0, word.end), i);
      lower = lower || u_islower(c);
      upper = upper || u_isupper(c);
    }
    if (lower || upper) ++cased;
    if (upper && !lower) ++all_capitals;
  }
  LineKind kind;
  kind.capitals = cased >= 2 && all_capitals * 5 >= cased * 4;
  const auto words = static_cast<int>(line.words.size());
  kind.table = numbers >= 2 && numbers * 3 >= words;
  return kind;
}

// Where a word's feature counts, as offsets from the tagged word.
enum class Reach { all, near, neighbours, self };  // -2..2, -1..1, -1 and 1, 0

bool reaches(Reach where, int offset) {
  switch (where) {
    case Reach::all: return true;
    case Reach::near: return offset >= -1 && offset <= 1;
    case Reach::neighbours: return offset == -1 || offset == 1;
    case Reach::self: return offset == 0;
  }
  return false;
}

class WordFeatures {
 public:
  WordFeatures(const TaggerLine& line, LineKind kind) : line_(line), kind_(kind) {}

  // The identity of word w for the cache: everything its features read.
  [[nodiscard]] std::string identity(std::size_t w) const {
    const EntityWord& word = line_.words[w];
    std::string id(line_.text.substr(word.begin, word.end - word.begin));
    id.push_back('\x1f');
    id.push_back(static_cast<char>('0' + (word.sentence_start ? 1 : 0) + (kind_.capitals ? 2 : 0) +
                                   (kind_.table ? 4 : 0) + (word.possessive ? 8 : 0) + (word.modifier ? 16 : 0)));
    return id;
  }

  // Calls add(name, reach) for each feature of word w: the offsets from the
  // tagged word at which the word gives it.
  template <typename Add>
  void features(std::size_t w, Add&& add) const {
    const EntityWord& word = line_.words[w];
    const std::string_view surface = line_.text.substr(word.begin, word.end - word.begin);
    const std::string& key = word.key;
    const std::string shape = short_shape(surface);
    std::string name;
    const auto emit = [&](std::string_view what, std::string_view value, Reach where) {
      name.assign(what);
      if (!value.empty()) {
        name += '=';
        name += value;
      }
      add(std::string_view(name), where);
    };
    emit("w", key, Reach::all);
    emit("sh", shape, Reach::all);
    if (kind_.capitals) emit("caps-sh", shape, Reach::all);
    std::vector<std::string_view> classes;
    add_classes(line_.gazetteer, line_.lexicon, key, classes);
    for (const auto c : classes) emit("c", c, Reach::near);
    if (word.sentence_start) emit("start", "", Reach::neighbours);
    emit("s", surface, Reach::self);
    for (std::size_t n = 2; n <= 4; ++n) {
      if (key.size() > n) {
        emit("pre", key.substr(0, n), Reach::self);
        emit("suf", key.substr(key.size() - n), Reach::self);
      }
    }
    emit(word.sentence_start ? "start" : "inside", shape, Reach::self);
    if (kind_.capitals) emit("caps-w", key, Reach::self);
    if (kind_.table) emit("table-sh", shape, Reach::self);
    if (word.possessive) emit("possessive", "", Reach::self);
    if (word.modifier) emit("modifier", word.modifier_tail, Reach::self);
  }

  // Calls add(name) for each feature word w gives at `offset`, named with
  // the offset ("-1:w=said").
  template <typename Add>
  void each(std::size_t w, int offset, Add&& add) const {
    std::string named;
    features(w, [&](std::string_view name, Reach where) {
      if (!reaches(where, offset)) return;
      named = std::to_string(offset);
      named += ':';
      named += name;
      add(named);
    });
  }

 private:
  const TaggerLine& line_;
  LineKind kind_;
};

// The punctuation between two words, as a feature name: "gap-1=," is a
// comma before the word left of the tagged one.
constexpr std::array<char, 11> gap_kinds{'0', 'n', '(', ')', ',', '.', ':', '-', 'q', ' ', '?'};

// (Position features are named without the "OFFSET:" that starts the name
// of every word feature.)
std::string gap_feature(int offset, char kind) {
  std::string name = "gap" + std::to_string(offset) + "=";
  name.push_back(kind);
  return name;
}

std::string edge_feature(int offset) { return "edge" + std::to_string(offset); }

// The punctuation before each word of the line, as gap_kind's kinds.
std::vector<char> line_gaps(const TaggerLine& line) {
  std::vector<char> kinds(line.words.size());
  for (std::size_t w = 0; w < line.words.size(); ++w) kinds[w] = gap_kind(line.words[w].gap);
  return kinds;
}

// The punctuation before the words at offsets -1, 0 and +1 (the last: what
// follows the tagged word); 'b' and 'e' past the line's ends.
std::array<char, 3> gaps_around(const std::vector<char>& gaps, std::size_t w) {
  std::array<char, 3> kinds{};
  for (int offset = -1; offset <= 1; ++offset) {
    const auto at = static_cast<std::ptrdiff_t>(w) + offset;
    kinds[static_cast<std::size_t>(offset + 1)] =
        at < 0 ? 'b' : at >= static_cast<std::ptrdiff_t>(gaps.size()) ? 'e' : gaps[static_cast<std::size_t>(at)];
  }
  return kinds;
}

// "New York", "Buenos Aires", "South Korea": two or three capitalised words
// the gazetteer names. For each word of the line, which of the four
// features it has: a place's or a demonym's first or later word.
enum GazetteerMark : std::uint8_t { place_first = 1, place_later = 2, demonym_first = 4, demonym_later = 8 };
constexpr std::array<std::pair<GazetteerMark, std::string_view>, 4> gazetteer_names{{
    {place_first, "gazetteer-place-first"},
    {place_later, "gazetteer-place-later"},
    {demonym_first, "gazetteer-demonym-first"},
    {demonym_later, "gazetteer-demonym-later"},
}};

std::vector<std::uint8_t> gazetteer_marks(const TaggerLine& line) {
  const std::size_t n = line.words.size();
  std::vector<std::uint8_t> marks(n, 0);
  std::string key;
  for (std::size_t first = 0; first + 1 < n; ++first) {
    if (!line.words[first].capitalised || !line.words[first + 1].capitalised) continue;
    key = line.words[first].key;
    for (std::size_t last = first + 1; last < n && last <= first + 2 && line.words[last].capitalised; ++last) {
      key.push_back(' ');
      key += line.words[last].key;
      const bool place = line.gazetteer.place(key) != nullptr;
      if (!place && !line.gazetteer.demonym(key)) continue;
      for (std::size_t k = first; k <= last; ++k)
        marks[k] |= k == first ? (place ? place_first : demonym_first) : (place ? place_later : demonym_later);
    }
  }
  return marks;
}

template <typename Add>
void gazetteer_features(std::uint8_t marks, Add&& add) {
  for (const auto& [mark, name] : gazetteer_names)
    if (marks & mark) add(name);
}

// Features of a position that no one word gives: a bias, the edges of the
// line, the punctuation around the word, and names of several words that
// the gazetteer knows. (EntityTagger::add_position_weights weighs the same.)
template <typename Add>
void position_features(const TaggerLine& line, const std::vector<char>& gap_kinds_of_line, std::size_t w,
                       std::uint8_t gazetteer, Add&& add) {
  add("bias");
  const auto size = static_cast<std::ptrdiff_t>(line.words.size());
  for (int offset = -reach; offset <= reach; ++offset) {
    const auto at = static_cast<std::ptrdiff_t>(w) + offset;
    if (offset != 0 && (at < 0 || at >= size)) add(edge_feature(offset));
  }
  const std::array<char, 3> gaps = gaps_around(gap_kinds_of_line, w);
  for (int offset = -1; offset <= 1; ++offset) add(gap_feature(offset, gaps[static_cast<std::size_t>(offset + 1)]));
  gazetteer_features(gazetteer, add);
}

}  // namespace

std::size_t tag_number(NameTag tag) {
  if (tag.type == NameType::none) return 0;
  return 2 * static_cast<std::size_t>(tag.type) - (tag.begins ? 1 : 0);
}

NameTag numbered_tag(std::size_t number) {
  if (number == 0 || number >= name_tag_count) return {};
  return {static_cast<NameType>((number + 1) / 2), number % 2 == 1};
}

std::string_view tag_name(std::size_t number) { return number < name_tag_count ? tag_names[number] : "?"; }

std::vector<std::vector<std::string>> line_features(const TaggerLine& line) {
  const WordFeatures words(line, line_kind(line));
  std::vector<std::vector<std::string>> out(line.words.size());
  const auto size = static_cast<std::ptrdiff_t>(line.words.size());
  const std::vector<std::uint8_t> gazetteer = gazetteer_marks(line);
  const std::vector<char> gaps = line_gaps(line);
  for (std::size_t w = 0; w < line.words.size(); ++w) {
    const auto add = [&](std::string_view name) { out[w].push_back(std::string(name)); };
    position_features(line, gaps, w, gazetteer[w], add);
    for (int offset = -reach; offset <= reach; ++offset) {
      const auto at = static_cast<std::ptrdiff_t>(w) + offset;
      if (at >= 0 && at < size) words.each(static_cast<std::size_t>(at), offset, add);
    }
  }
  return out;
}

// ----------------------------------------------------------------- tagging

std::uint64_t EntityTagger::next_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

const float* EntityTagger::weights_of(std::string_view feature) const {
  const auto found = position_rows_.find(feature);
  return found == position_rows_.end() ? nullptr : position_weights_.data() + std::size_t{found->second} * name_tag_count;
}

const float* EntityTagger::word_weights_of(std::string_view feature) const {
  const auto found = word_rows_.find(feature);
  return found == word_rows_.end() ? nullptr : word_weights_.data() + std::size_t{found->second} * offsets * name_tag_count;
}

void EntityTagger::add_weights(std::string_view feature, Scores& into) const {
  if (const float* row = weights_of(feature))
    for (std::size_t t = 0; t < name_tag_count; ++t) into[t] += row[t];
}

// position_features' weights, with the names of the common ones looked up
// once for all lines.
void EntityTagger::add_position_weights(const TaggerLine& line, const std::vector<char>& gap_kinds_of_line,
                                        std::size_t w, std::uint8_t gazetteer, Scores& into) const {
  struct Rows {
    const float* bias = nullptr;
    std::array<const float*, 2 * reach + 1> edges{};
    // gaps[offset + 1][kind]: kinds in gap_kinds' order, then 'b' and 'e'.
    std::array<std::array<const float*, gap_kinds.size() + 2>, 3> gaps{};
  };
  // Built on first use for this model.
  thread_local std::uint64_t built_for = 0;
  thread_local Rows rows;
  if (built_for != serial_) {
    rows.bias = weights_of("bias");
    for (int offset = -reach; offset <= reach; ++offset)
      rows.edges[static_cast<std::size_t>(offset + reach)] = offset == 0 ? nullptr : weights_of(edge_feature(offset));
    for (int offset = -1; offset <= 1; ++offset) {
      auto& row = rows.gaps[static_cast<std::size_t>(offset + 1)];
      for (std::size_t k = 0; k < gap_kinds.size(); ++k) row[k] = weights_of(gap_feature(offset, gap_kinds[k]));
      row[gap_kinds.size()] = weights_of(gap_feature(offset, 'b'));
      row[gap_kinds.size() + 1] = weights_of(gap_feature(offset, 'e'));
    }
    built_for = serial_;
  }
  const auto add_row = [&](const float* row) {
    if (row)
      for (std::size_t t = 0; t < name_tag_count; ++t) into[t] += row[t];
  };
  add_row(rows.bias);
  const auto size = static_cast<std::ptrdiff_t>(line.words.size());
  for (int offset = -reach; offset <= reach; ++offset) {
    const auto at = static_cast<std::ptrdiff_t>(w) + offset;
    if (offset != 0 && (at < 0 || at >= size)) add_row(rows.edges[static_cast<std::size_t>(offset + reach)]);
  }
  static const std::array<std::uint8_t, 256> kind_index = [] {
    std::array<std::uint8_t, 256> index{};
    index.fill(0xFF);
    for (std::size_t k = 0; k < gap_kinds.size(); ++k) index[static_cast<unsigned char>(gap_kinds[k])] = static_cast<std::uint8_t>(k);
    index['b'] = static_cast<std::uint8_t>(gap_kinds.size());
    index['e'] = static_cast<std::uint8_t>(gap_kinds.size() + 1);
    return index;
  }();
  const std::array<char, 3> gaps = gaps_around(gap_kinds_of_line, w);
  for (std::size_t o = 0; o < 3; ++o) {
    const std::size_t k = kind_index[static_cast<unsigned char>(gaps[o])];
    if (k < rows.gaps[o].size()) add_row(rows.gaps[o][k]);
  }
  gazetteer_features(gazetteer, [&](std::string_view name) { add_weights(name, into); });
}

namespace {

// What each distinct word adds to the scores of the positions around it, per
// offset, for one model and one language's word lists. Kept per thread.
struct WordScores {
  std::array<std::array<float, name_tag_count>, offsets> by_offset;
};

struct ScoreCache {
  static constexpr std::size_t most = std::size_t{1} << 18;
  std::unordered_map<std::string, WordScores> words;
};

ScoreCache& cache_for(std::uint64_t tagger, const void* lexicon) {
  thread_local std::map<std::pair<std::uint64_t, const void*>, ScoreCache> caches;
  // Only the newest model's caches are worth keeping: a trainer makes many.
  if (!caches.empty() && caches.rbegin()->first.first < tagger) caches.clear();
  ScoreCache& cache = caches[{tagger, lexicon}];
  if (cache.words.size() >= ScoreCache::most) cache.words.clear();
  return cache;
}

// Positions worth decoding: a word with a capital (any word of a line in
// capitals), and a particle or connector between two of them ("Bank of
// England", "Leonardo da Vinci"). Elsewhere a word of running text is
// outside every name, and a document's words are mostly such words.
std::vector<bool> worth_tagging(const TaggerLine& line, bool capitals_line) {
  const std::size_t n = line.words.size();
  std::vector<bool> marked(n, false);
  const auto capital = [&](std::size_t w) {
    const EntityWord& word = line.words[w];
    return capitals_line || word.capitalised || word.camel;
  };
  for (std::size_t w = 0; w < n; ++w) {
    if (capital(w)) {
      marked[w] = true;
      continue;
    }
    // Up to two small words between capitals: "of", "of the", "de la".
    for (std::size_t gap = 1; gap <= 2 && w + gap < n && w >= 1; ++gap) {
      if (!capital(w - 1) || !capital(w + gap)) continue;
      bool joining = true;
      for (std::size_t k = w; k < w + gap; ++k) {
        const std::string& key = line.words[k].key;
        joining = joining && (line.lexicon.connectors.contains(key) || line.lexicon.particles.contains(key) ||
                              key == "and" || key == "the");
      }
      if (joining) {
        for (std::size_t k = w; k < w + gap; ++k) marked[k] = true;
        break;
      }
    }
  }
  return marked;
}

// For each tag, the tags it may follow (allowed): the decoder's inner loop.
struct Predecessors {
  std::array<std::array<std::uint8_t, name_tag_count>, name_tag_count> from{};
  std::array<std::uint8_t, name_tag_count> count{};
};

const Predecessors& predecessors() {
  static const Predecessors table = [] {
    Predecessors p;
    for (std::size_t to = 0; to < name_tag_count; ++to)
      for (std::size_t from = 0; from < name_tag_count; ++from)
        if (allowed(from, to)) p.from[to][p.count[to]++] = static_cast<std::uint8_t>(from);
    return p;
  }();
  return table;
}

}  // namespace

TaggedWords EntityTagger::tag(const TaggerLine& line) const {
  const std::size_t n = line.words.size();
  TaggedWords out;
  out.tags.resize(n);
  if (n == 0) return out;
  const LineKind kind = line_kind(line);
  out.capitals = kind.capitals;
  out.table = kind.table;
  std::vector<NameTag>& tags = out.tags;
  const WordFeatures features(line, kind);
  const std::vector<bool> marked = worth_tagging(line, kind.capitals);
  const std::vector<std::uint8_t> gazetteer = gazetteer_marks(line);
  const std::vector<char> gaps = line_gaps(line);
  ScoreCache& cache = cache_for(serial_, &line.lexicon);
  std::vector<const WordScores*> known(n, nullptr);
  const auto scores_of = [&](std::size_t w) -> const WordScores& {
    if (known[w]) return *known[w];
    auto [it, added] = cache.words.try_emplace(features.identity(w));
    if (added) {
      for (auto& row : it->second.by_offset) row.fill(0);
      features.features(w, [&](std::string_view name, Reach) {
        const float* block = word_weights_of(name);
        if (!block) return;
        for (std::size_t o = 0; o < offsets; ++o)
          for (std::size_t t = 0; t < name_tag_count; ++t) it->second.by_offset[o][t] += block[o * name_tag_count + t];
      });
    }
    known[w] = &it->second;
    return it->second;
  };

  // Viterbi over each run of marked positions; the words around a run are
  // outside every name.
  const Predecessors& before = predecessors();
  std::vector<Scores> best;
  std::vector<std::array<std::uint8_t, name_tag_count>> back;
  for (std::size_t first = 0; first < n;) {
    if (!marked[first]) {
      ++first;
      continue;
    }
    std::size_t end = first;
    while (end < n && marked[end]) ++end;
    const std::size_t length = end - first;
    best.assign(length, Scores{});
    back.assign(length, {});
    for (std::size_t i = 0; i < length; ++i) {
      const std::size_t w = first + i;
      Scores local{};
      add_position_weights(line, gaps, w, gazetteer[w], local);
      for (int offset = -reach; offset <= reach; ++offset) {
        const auto at = static_cast<std::ptrdiff_t>(w) + offset;
        if (at < 0 || at >= static_cast<std::ptrdiff_t>(n)) continue;
        const auto& row = scores_of(static_cast<std::size_t>(at)).by_offset[static_cast<std::size_t>(offset + reach)];
        for (std::size_t t = 0; t < name_tag_count; ++t) local[t] += row[t];
      }
      for (std::size_t t = 0; t < name_tag_count; ++t) {
        float top = -1e30F;
        std::uint8_t from_top = 0;
        if (i == 0) {
          // The word before the run is outside every name (or the line starts).
          const std::size_t from = first == 0 ? start_state : 0;
          if (allowed(from, t)) top = transitions_[from][t];
        } else {
          for (std::size_t k = 0; k < before.count[t]; ++k) {
            const std::size_t from = before.from[t][k];
            const float score = best[i - 1][from] + transitions_[from][t];
            if (score > top) {
              top = score;
              from_top = static_cast<std::uint8_t>(from);
            }
          }
        }
        best[i][t] = top + local[t];
        back[i][t] = from_top;
      }
    }
    // The word after the run is outside every name: its transition counts.
    std::size_t last = 0;
    float top = -1e30F;
    for (std::size_t t = 0; t < name_tag_count; ++t) {
      const float score = best[length - 1][t] + (end < n ? transitions_[t][0] : 0.0F);
      if (score > top) {
        top = score;
        last = t;
      }
    }
    for (std::size_t i = length; i-- > 0;) {
      tags[first + i] = numbered_tag(last);
      last = back[i][last];
    }
    first = end;
  }
  return out;
}

namespace {

// The model's text, a line at a time, numbers read with from_chars: a
// stream's parsing had made reading the model cost more than indexing a
// hundred files.
class ModelText {
 public:
  explicit ModelText(std::istream& in) : text_(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()) {}

  bool next_line(std::string_view& line) {
    if (at_ >= text_.size()) return false;
    const std::size_t end = std::min(text_.find('\n', at_), text_.size());
    line = std::string_view(text_).substr(at_, end - at_);
    at_ = end + 1;
    return true;
  }

  // Reads name_tag_count integers from `fields` into `row` as weights.
  static bool read_row(std::string_view fields, float* row) {
    const char* at = fields.data();
    const char* const end = fields.data() + fields.size();
    for (std::size_t t = 0; t < name_tag_count; ++t) {
      while (at < end && *at == ' ') ++at;
      long value = 0;
      const auto [stop, error] = std::from_chars(at, end, value);
      if (error != std::errc()) return false;
      row[t] = static_cast<float>(static_cast<double>(value) / weight_scale);
      at = stop;
    }
    return true;
  }

 private:
  std::string text_;
  std::size_t at_ = 0;
};

}  // namespace

EntityTagger::EntityTagger(std::istream& model) {
  ModelText text(model);
  std::string_view line;
  if (!text.next_line(line) || line != model_header)
    throw std::runtime_error("not an entity model (its first line is not \"" + std::string(model_header) + "\")");
  for (std::size_t from = 0; from <= name_tag_count; ++from) {
    if (!text.next_line(line)) throw std::runtime_error("it ends inside the transitions");
    const std::size_t space = std::min(line.find(' '), line.size());
    if (!ModelText::read_row(line.substr(space), transitions_[from].data()))
      throw std::runtime_error("a transition row is short: " + std::string(line));
  }
  std::size_t count = 0;
  if (!text.next_line(line) || !line.starts_with("features ") ||
      std::from_chars(line.data() + 9, line.data() + line.size(), count).ec != std::errc())
    throw std::runtime_error("no \"features N\" line after the transitions");
  word_rows_.reserve(count);
  for (std::size_t f = 0; f < count; ++f) {
    if (!text.next_line(line)) throw std::runtime_error("it ends after " + std::to_string(f) + " features");
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw std::runtime_error("a feature line has no tab: " + std::string(line.substr(0, 60)));
    Scores row{};
    if (!ModelText::read_row(line.substr(tab + 1), row.data()))
      throw std::runtime_error("a feature's weights are short: " + std::string(line.substr(0, 60)));
    const std::string_view name = line.substr(0, tab);
    // "-1:w=said" is the word feature "w=said" at offset -1; other names are
    // features of a position.
    const std::size_t colon = name.find(':');
    int offset = 0;
    const bool word_feature = colon != std::string_view::npos && colon > 0 && colon <= 2 &&
                              std::from_chars(name.data(), name.data() + colon, offset).ec == std::errc() &&
                              offset >= -reach && offset <= reach;
    if (!word_feature) {
      position_rows_.emplace(std::string(name), static_cast<std::uint32_t>(position_weights_.size() / name_tag_count));
      position_weights_.insert(position_weights_.end(), row.begin(), row.end());
      continue;
    }
    const auto [found, added] = word_rows_.try_emplace(
        std::string(name.substr(colon + 1)), static_cast<std::uint32_t>(word_weights_.size() / (offsets * name_tag_count)));
    if (added) word_weights_.resize(word_weights_.size() + offsets * name_tag_count, 0.0F);
    float* block = word_weights_.data() + std::size_t{found->second} * offsets * name_tag_count +
                   static_cast<std::size_t>(offset + reach) * name_tag_count;
    std::copy(row.begin(), row.end(), block);
  }
}

const EntityTagger* EntityTagger::for_language(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<EntityTagger>, std::less<>> loaded;
  const std::lock_guard lock(mutex);
  if (const auto found = loaded.find(language); found != loaded.end()) return found->second.get();
  std::filesystem::path path;
  if (const char* chosen = std::getenv("WINNOW_ENTITY_MODEL")) {
    path = chosen;
  } else {
    const std::string code = language.empty() || language == "und" ? "en" : std::string(language);
    path = language_data_folder() / code / "entities.model";
  }
  std::unique_ptr<EntityTagger> tagger;
  std::error_code error;
  if (!path.empty() && std::filesystem::exists(path, error)) {
    std::ifstream in(path);
    try {
      tagger.reset(new EntityTagger(in));
    } catch (const std::exception& problem) {
      std::fprintf(stderr, "%s: %s: %s; entities are found by the rules alone\n", program_invocation_short_name,
                   path.c_str(), problem.what());
    }
  }
  return loaded.emplace(std::string(language), std::move(tagger)).first->second.get();
}

// ---------------------------------------------------------------- training

std::uint32_t EntityTaggerTrainer::feature_id(const std::string& feature) {
  const auto [found, added] = ids_.try_emplace(feature, static_cast<std::uint32_t>(names_.size()));
  if (added) {
    names_.push_back(feature);
    counts_.push_back(0);
    weights_.resize(weights_.size() + name_tag_count, 0.0F);
    totals_.resize(totals_.size() + name_tag_count, 0.0);
    stamps_.resize(stamps_.size() + name_tag_count, 0);
  }
  ++counts_[found->second];
  return found->second;
}

void EntityTaggerTrainer::add_line(std::vector<std::vector<std::string>> features, std::vector<NameTag> tags) {
  Line line;
  line.features.resize(features.size());
  for (std::size_t w = 0; w < features.size(); ++w)
    for (const auto& name : features[w]) line.features[w].push_back(feature_id(name));
  for (const NameTag tag : tags) line.tags.push_back(static_cast<std::uint8_t>(tag_number(tag)));
  lines_.push_back(std::move(line));
}

std::vector<std::uint8_t> EntityTaggerTrainer::decode(const Line& line) const {
  const std::size_t n = line.tags.size();
  std::vector<std::uint8_t> out(n);
  if (n == 0) return out;
  const auto transition = [&](std::size_t from, std::size_t to) {
    return transitions_.empty() ? 0.0F : transitions_[from * name_tag_count + to];
  };
  std::vector<std::array<float, name_tag_count>> best(n);
  std::vector<std::array<std::uint8_t, name_tag_count>> back(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::array<float, name_tag_count> local{};
    for (const std::uint32_t f : line.features[i])
      for (std::size_t t = 0; t < name_tag_count; ++t) local[t] += weights_[std::size_t{f} * name_tag_count + t];
    for (std::size_t t = 0; t < name_tag_count; ++t) {
      float top = -1e30F;
      std::uint8_t from_top = 0;
      if (i == 0) {
        if (allowed(start_state, t)) top = transition(start_state, t);
      } else {
        for (std::size_t from = 0; from < name_tag_count; ++from) {
          if (!allowed(from, t)) continue;
          const float score = best[i - 1][from] + transition(from, t);
          if (score > top) {
            top = score;
            from_top = static_cast<std::uint8_t>(from);
          }
        }
      }
      best[i][t] = top + local[t];
      back[i][t] = from_top;
    }
  }
  std::size_t last = static_cast<std::size_t>(std::max_element(best[n - 1].begin(), best[n - 1].end()) - best[n - 1].begin());
  for (std::size_t i = n; i-- > 0;) {
    out[i] = static_cast<std::uint8_t>(last);
    last = back[i][last];
  }
  return out;
}

// Brings weight `index` up to date in the running sum, then moves it.
void EntityTaggerTrainer::update(std::uint32_t row, std::size_t tag, float delta) {
  const std::size_t index = std::size_t{row} * name_tag_count + tag;
  totals_[index] += static_cast<double>(step_ - stamps_[index]) * weights_[index];
  stamps_[index] = step_;
  weights_[index] += delta;
}

void EntityTaggerTrainer::update_transition(std::size_t from, std::size_t to, float delta) {
  const std::size_t index = from * name_tag_count + to;
  transition_totals_[index] += static_cast<double>(step_ - transition_stamps_[index]) * transitions_[index];
  transition_stamps_[index] = step_;
  transitions_[index] += delta;
}

double EntityTaggerTrainer::epoch(std::uint32_t seed) {
  if (transitions_.empty()) {
    transitions_.assign((name_tag_count + 1) * name_tag_count, 0.0F);
    transition_totals_.assign(transitions_.size(), 0.0);
    transition_stamps_.assign(transitions_.size(), 0);
  }
  // Fisher-Yates over mt19937's numbers, which the standard fixes (unlike
  // std::shuffle's use of them), so every build trains the same model.
  std::vector<std::size_t> order(lines_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 random(seed);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
  std::size_t words = 0;
  std::size_t wrong = 0;
  for (const std::size_t l : order) {
    const Line& line = lines_[l];
    ++step_;
    const std::vector<std::uint8_t> guess = decode(line);
    words += guess.size();
    for (std::size_t i = 0; i < guess.size(); ++i) {
      const std::size_t gold_from = i == 0 ? start_state : line.tags[i - 1];
      const std::size_t guess_from = i == 0 ? start_state : guess[i - 1];
      if (guess[i] == line.tags[i] && gold_from == guess_from) continue;
      if (guess[i] != line.tags[i]) {
        ++wrong;
        for (const std::uint32_t f : line.features[i]) {
          update(f, line.tags[i], 1.0F);
          update(f, guess[i], -1.0F);
        }
      }
      update_transition(gold_from, line.tags[i], 1.0F);
      update_transition(guess_from, guess[i], -1.0F);
    }
  }
  return words == 0 ? 0.0 : static_cast<double>(wrong) / static_cast<double>(words);
}

float EntityTaggerTrainer::averaged_weight(std::size_t index) const {
  const double total = totals_[index] + static_cast<double>(step_ - stamps_[index]) * weights_[index];
  return step_ == 0 ? 0.0F : static_cast<float>(total / static_cast<double>(step_));
}

void EntityTaggerTrainer::write(std::ostream& out, unsigned min_count) const {
  const auto scaled = [](double weight) { return static_cast<long>(std::lround(weight * weight_scale)); };
  out << model_header << '\n';
  for (std::size_t from = 0; from <= name_tag_count; ++from) {
    out << (from == start_state ? std::string_view("start") : tag_name(from));
    for (std::size_t to = 0; to < name_tag_count; ++to) {
      const std::size_t index = from * name_tag_count + to;
      const double total =
          transition_totals_[index] + static_cast<double>(step_ - transition_stamps_[index]) * transitions_[index];
      out << ' ' << scaled(step_ == 0 ? 0.0 : total / static_cast<double>(step_));
    }
    out << '\n';
  }
  // Features in name order, those whose weights all round to zero left out.
  std::vector<std::uint32_t> kept;
  std::vector<std::array<long, name_tag_count>> rows;
  std::vector<std::uint32_t> order(names_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
  for (const std::uint32_t f : order) {
    if (counts_[f] < min_count) continue;
    std::array<long, name_tag_count> row{};
    bool any = false;
    for (std::size_t t = 0; t < name_tag_count; ++t) {
      row[t] = scaled(averaged_weight(std::size_t{f} * name_tag_count + t));
      any = any || row[t] != 0;
    }
    if (!any) continue;
    kept.push_back(f);
    rows.push_back(row);
  }
  out << "features " << kept.size() << '\n';
  for (std::size_t k = 0; k < kept.size(); ++k) {
    out << names_[kept[k]] << '\t';
    for (std::size_t t = 0; t < name_tag_count; ++t) out << (t ? " " : "") << rows[k][t];
    out << '\n';
  }
}

EntityTagger EntityTaggerTrainer::averaged(unsigned min_count) const {
  std::stringstream model;
  write(model, min_count);
  return EntityTagger(model);
}

}  // namespace winnow::filters::detail
