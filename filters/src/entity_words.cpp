// The entity stage's words: see entity_words.hpp.
#include "entity_words.hpp"

#include <algorithm>
#include <utility>

#include <unicode/uchar.h>

#include "winnow/filters/chars.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters::detail {
namespace {

using chars::is_apostrophe;
using chars::is_hyphen;
using chars::is_word_char;

// ICU's character classes, with ASCII answered inline: an entity pass asks
// several of them about every character of the content. For ASCII, ICU's
// Lu is A-Z, Ll a-z, L the two, Nd 0-9, and no character is Lt or M.
// (An ill-formed sequence decodes to a negative value, which is none of them.)
bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c) != 0; }
bool is_lower(UChar32 c) { return c < 0x80 ? c >= 'a' && c <= 'z' : u_islower(c) != 0; }
bool is_alpha(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : u_isalpha(c) != 0; }
bool is_digit(UChar32 c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c) != 0; }
bool is_titlecase(UChar32 c) { return c >= 0x80 && u_istitle(c) != 0; }

// Abbreviations after which a full stop does not end the sentence.
bool abbreviation(std::string_view key) {
  return key.size() == 1 || key == "mr" || key == "mrs" || key == "ms" || key == "dr" || key == "st" ||
         key == "gen" || key == "col" || key == "lt" || key == "capt" || key == "sgt" || key == "prof" ||
         key == "jr" || key == "sr" || key == "rev" || key == "no" || key == "vs" || key == "u s";
}

// Where a word that starts at `i` ends: apostrophes and hyphens join words
// ("d’Ivoire", "Troost-Ekong"), a full stop joins single capitals ("U.S."),
// and a possessive "'s" is left out.
std::size_t word_end(std::string_view text, std::size_t i) {
  const std::size_t begin = i;
  std::size_t last_dot = std::string_view::npos;
  while (i < text.size()) {
    const UChar32 c = utf8::at(text, i);
    if (is_word_char(c)) {
      i = utf8::after(text, i);
      continue;
    }
    const std::size_t after = utf8::after(text, i);
    const UChar32 next = utf8::at(text, after);
    if (!is_word_char(next)) break;
    if (is_apostrophe(c) && (next == 's' || next == 'S') && !is_word_char(utf8::at(text, utf8::after(text, after))))
      break;
    const bool single_capital_before = i - begin == 1 || (last_dot != std::string_view::npos && i - last_dot == 2);
    const bool initials = c == '.' && is_upper(next) && single_capital_before;
    if (!is_apostrophe(c) && !is_hyphen(c) && !initials) break;
    if (c == '.') last_dot = i;
    i = after;
  }
  // "U.S." keeps its last full stop.
  if (last_dot != std::string_view::npos && i < text.size() && text[i] == '.') ++i;
  return i;
}

// "Al-Qaeda-linked", "French-drafted", "UN-backed": the name before a
// lower-case hyphenated tail is a name of its own that qualifies a noun.
std::size_t without_modifier_tail(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view word = text.substr(begin, end - begin);
  const std::size_t hyphen = word.find_last_of('-');
  if (hyphen == std::string_view::npos || hyphen == 0 || hyphen + 1 >= word.size()) return end;
  const std::string_view tail = word.substr(hyphen + 1);
  const bool lower_tail = std::all_of(tail.begin(), tail.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const bool capital_head = is_upper(utf8::at(text, begin));
  return lower_tail && capital_head ? begin + hyphen : end;
}

void describe(EntityWord& word, std::string_view text) {
  bool seen_lower = false;
  bool after_lower = false;  // the previous character was a lower-case letter
  int letters = 0;
  int capitals = 0;
  for (std::size_t i = word.begin; i < word.end; i = utf8::after(text, i)) {
    const UChar32 c = utf8::at(text, i);
    const bool lower = is_lower(c);
    if (is_upper(c) || is_titlecase(c)) {
      ++capitals;
      if (i == word.begin) word.capitalised = true;
      // "NetBlocks", "uMkhonto"; not "Saint-Vulbas", whose capital follows a hyphen.
      if (after_lower || (seen_lower && !word.capitalised && i > word.begin)) word.camel = true;
    } else if (lower) {
      seen_lower = true;
    }
    after_lower = lower;
    const bool alpha = is_alpha(c);
    if (alpha) ++letters;
    if (is_digit(c)) word.digits = true;
    if (c >= 0x80 && alpha) word.foreign = true;
  }
  // "UNSC", "US"; and "FAMa": mostly capitals.
  word.acronym = capitals >= 2 && ((letters >= 2 && !seen_lower) || (letters >= 3 && capitals * 2 > letters && word.capitalised));
  word.key = entity_key(text.substr(word.begin, word.end - word.begin));
}

}  // namespace

bool spaces_only(std::string_view gap) { return gap.find_first_not_of(" \u00A0") == std::string_view::npos; }

std::vector<EntityWord> split_words(std::string_view text) {
  std::vector<EntityWord> words;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_char(utf8::at(text, i))) {
      i = utf8::after(text, i);
      continue;
    }
    EntityWord word;
    word.begin = i;
    i = word_end(text, i);
    word.end = without_modifier_tail(text, word.begin, i);
    word.modifier = word.end != i;
    if (word.modifier) word.modifier_tail = text.substr(word.end + 1, i - word.end - 1);
    // Possessive: "Mali’s", "Eagles’".
    if (i < text.size() && is_apostrophe(utf8::at(text, i))) {
      const std::size_t after = utf8::after(text, i);
      const UChar32 next = utf8::at(text, after);
      if ((next == 's' || next == 'S') && !is_word_char(utf8::at(text, utf8::after(text, after)))) {
        word.possessive = true;
        i = utf8::after(text, after);
      } else if (!is_word_char(next) && text[i - 1] == 's') {
        word.possessive = true;
        i = after;
      }
    }
    describe(word, text);
    word.gap = text.substr(previous_end, word.begin - previous_end);
    previous_end = i;
    if (!word.key.empty()) words.push_back(std::move(word));
  }
  for (std::size_t w = 0; w < words.size(); ++w)
    words[w].sentence_start = w == 0 || (chars::may_start_clause(words[w].gap) && !abbreviation(words[w - 1].key));
  return words;
}

bool plain_common_word(const Gazetteer& gazetteer, std::string_view key) {
  return gazetteer.common_word(key) && !gazetteer.known_name(key);
}

namespace {

// A headline in title case ("Mali Junta Extends Rule Over Gao") capitalises
// common words, which are no names there. A sentence that ends like one is
// no headline, however many names made of common words it holds.
bool title_case(std::string_view text, const std::vector<EntityWord>& words, const Gazetteer& gazetteer) {
  const std::size_t end = text.find_last_not_of(" \t\u00A0");
  if (end == std::string_view::npos) return false;
  const char last = text[end];
  if (last == '.' || last == '!' || last == '?' || last == '"' || text.ends_with("\u201D")) return false;
  int capitalised_common = 0;
  int lower = 0;
  for (std::size_t w = 1; w < words.size(); ++w) {
    if (words[w].key.size() < 4 || words[w].digits) continue;
    if (!words[w].capitalised)
      ++lower;
    else if (plain_common_word(gazetteer, words[w].key))
      ++capitalised_common;
  }
  return capitalised_common >= 3 && capitalised_common > lower;
}

// Where the word at `word` starts once an elided article or preposition is
// dropped ("l’Allemagne", "dell’Istituto": Allemagne, Istituto); its own
// start when it has none. From the language's elisions.txt.
std::size_t after_elision(std::string_view text, const EntityWord& word, const EntityLexicon& lexicon) {
  for (std::size_t i = word.begin; i < word.end; i = utf8::after(text, i)) {
    const UChar32 c = utf8::at(text, i);
    if (is_apostrophe(c)) {
      const std::size_t rest = utf8::after(text, i);
      const bool elided = rest < word.end && is_alpha(utf8::at(text, rest)) &&
                          lexicon.elisions.contains(entity_key(text.substr(word.begin, i - word.begin)));
      return elided ? rest : word.begin;
    }
    if (!is_alpha(c)) break;
  }
  return word.begin;
}

// The elision before a name is no part of it; inside a name, after a
// capitalised word, it stays: "Côte d’Ivoire", "Giro d’Italia".
void drop_elision(std::string_view text, EntityWord& word, const EntityWord* previous, const EntityLexicon& lexicon) {
  if (previous && previous->name_like && spaces_only(word.gap) && !lexicon.function_words.contains(previous->key))
    return;
  const std::size_t start = after_elision(text, word, lexicon);
  if (start == word.begin) return;
  EntityWord bare;
  bare.begin = start;
  bare.end = word.end;
  bare.possessive = word.possessive;
  bare.modifier = word.modifier;
  bare.modifier_tail = word.modifier_tail;
  bare.sentence_start = word.sentence_start;
  bare.gap = word.gap;  // the elision stands where an article would: "à l’Allemagne" is "à Allemagne"
  describe(bare, text);
  word = std::move(bare);
}

}  // namespace

void mark_name_like(std::string_view text, std::vector<EntityWord>& words, const Gazetteer& gazetteer,
                    const EntityLexicon& lexicon) {
  const bool headline = title_case(text, words, gazetteer);
  for (std::size_t w = 0; w < words.size(); ++w) {
    EntityWord& word = words[w];
    if (!lexicon.elisions.empty()) drop_elision(text, word, w > 0 ? &words[w - 1] : nullptr, lexicon);
    const bool shape = (word.capitalised || word.camel) && !word.digits;
    word.name_like = shape && !(headline && !word.acronym && (plain_common_word(gazetteer, word.key) ||
                                                             lexicon.function_words.contains(word.key)));
  }
}

}  // namespace winnow::filters::detail
