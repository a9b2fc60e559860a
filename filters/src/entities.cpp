// Entity stage: see entities.hpp.
//
// How a name is found, in three passes over a document's content:
//  1. words: each segment is cut into words that remember their case, what
//     separates them and whether a sentence starts there;
//  2. spans: runs of capitalised words (joined over "de", "of", "for" ... where
//     a head word such as "Mission" or "Republic" asks for it) are cut at
//     titles ("Colonel", "Secretary-General") and classified by the gazetteers
//     and the head words: place, actor, demonym, nothing (an event, a law), or
//     a lone word to decide later;
//  3. the document: acronyms join their expansions, surnames their full names,
//     lone words become places or actors only on evidence (context such as
//     "the village of", a verb of speech, repetition), and the mentions of one
//     entity are merged under one name.
// The words the passes look for (titles, head words, verbs of speech ...)
// are the document language's and English's, from filters/lang
// (entity_lexicon.hpp); its language's country names join the gazetteer.
#include "winnow/filters/entities.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include <unicode/uchar.h>

#include "entity_lexicon.hpp"
#include "gazetteer.hpp"
#include "winnow/filters/chars.hpp"
#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters {
namespace {

using detail::EntityLexicon;
using detail::Gazetteer;
using detail::Place;
using detail::PlaceLevel;
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

// ---------------------------------------------------------------- 1. words

struct Word {
  std::size_t begin = 0;      // byte offset in the segment's text
  std::size_t end = 0;        // end of the word, a possessive "'s" excluded
  std::string key;            // entity_key of the word
  bool capitalised = false;   // starts with a capital: "Gao", "MINUSMA"
  bool acronym = false;       // two or more letters, all capitals: "UNSC", "US"
  bool camel = false;         // a capital after a lower-case start: "NetBlocks", "uMkhonto", "d’Ivoire"
  bool digits = false;        // holds a digit: "COP29", "R21"
  bool possessive = false;    // followed by "'s" or "s'"
  bool modifier = false;      // had a lower-case hyphenated tail: "Al-Qaeda(-linked)"
  std::string_view modifier_tail;  // "linked"
  bool foreign = false;       // has letters beyond ASCII: "Côte", "Faé" are no English words
  bool sentence_start = false;
  bool name_like = false;     // may be part of a name (set per segment)
  std::string_view gap;       // the text between the previous word and this one
};

// A gap of spaces only (no punctuation) between two words: they may belong
// to one name.
bool spaces_only(std::string_view gap) { return gap.find_first_not_of(" \u00A0") == std::string_view::npos; }

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

void describe(Word& word, std::string_view text) {
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

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_char(utf8::at(text, i))) {
      i = utf8::after(text, i);
      continue;
    }
    Word word;
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

bool common(const Gazetteer& gazetteer, std::string_view key) {
  return gazetteer.common_word(key) && !gazetteer.known_name(key);
}

// A headline in title case ("Mali Junta Extends Rule Over Gao") capitalises
// common words, which are no names there. A sentence that ends like one is
// no headline, however many names made of common words it holds.
bool title_case(std::string_view text, const std::vector<Word>& words, const Gazetteer& gazetteer) {
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
    else if (common(gazetteer, words[w].key))
      ++capitalised_common;
  }
  return capitalised_common >= 3 && capitalised_common > lower;
}

// Where the word at `word` starts once an elided article or preposition is
// dropped ("l’Allemagne", "dell’Istituto": Allemagne, Istituto); its own
// start when it has none. From the language's elisions.txt.
std::size_t after_elision(std::string_view text, const Word& word, const EntityLexicon& lexicon) {
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
void drop_elision(std::string_view text, Word& word, const Word* previous, const EntityLexicon& lexicon) {
  if (previous && previous->name_like && spaces_only(word.gap) && !lexicon.function_words.contains(previous->key))
    return;
  const std::size_t start = after_elision(text, word, lexicon);
  if (start == word.begin) return;
  Word bare;
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

void mark_name_like(std::string_view text, std::vector<Word>& words, const Gazetteer& gazetteer,
                    const EntityLexicon& lexicon) {
  const bool headline = title_case(text, words, gazetteer);
  for (std::size_t w = 0; w < words.size(); ++w) {
    Word& word = words[w];
    if (!lexicon.elisions.empty()) drop_elision(text, word, w > 0 ? &words[w - 1] : nullptr, lexicon);
    const bool shape = (word.capitalised || word.camel) && !word.digits;
    word.name_like = shape && !(headline && !word.acronym && (common(gazetteer, word.key) ||
                                                             lexicon.function_words.contains(word.key)));
  }
}

// ---------------------------------------------------------------- 2. spans

enum class Guess { place, actor, demonym, lone, acronym };

struct Candidate {
  Guess guess = Guess::lone;
  std::string text;  // as written
  std::string key;
  const Place* place = nullptr;
  std::vector<std::string> word_keys;
  bool has_connector = false;  // "Serum Institute of India": "Serum Institute" may stand for it
  std::size_t words_before_connector = 0;  // 2 for "Serum Institute of India"
  std::string initials;                    // "unsc" for "United Nations Security Council"
  std::string initials_with_connectors;    // "ecowas" for "Economic Community of West African States"
  bool organisation_head = false;  // a word such as "Group", "Council", "Institute"
  std::size_t order = 0;
  bool sentence_start = false;
  bool title_before = false;
  bool place_context = false;
  bool strong_place_context = false;  // "the village of", "X region"
  bool speech_after = false;
  bool descriptor_after = false;  // "its Barkhane operation", "the Cocobod regulator"
  bool agent_before = false;      // "built by Google"
  bool appositive = false;        // "Safaricom, the country's largest company"
  bool listed_with_place = false; // "Kidal, Anefis and Tessalit"
  bool listed_with_name = false;  // "Hershey, Mondelez and Nestlé"
  bool camel = false;
  bool in_parentheses_after = false;  // "(ACRONYM)" directly after the previous candidate
};

struct SpanBuilder {
  const Gazetteer& gazetteer;
  const EntityLexicon& lexicon;
  std::string_view text;
  const std::vector<Word>& words;
  std::vector<Candidate>& out;
  std::size_t& order;

  std::string surface(std::size_t first, std::size_t last) const {
    return std::string(text.substr(words[first].begin, words[last].end - words[first].begin));
  }

  // Connector text between two words, lower-case words only: "of", "of the".
  std::optional<std::pair<std::size_t, std::string>> connector_after(std::size_t last) const {
    std::string joined;
    std::size_t w = last + 1;
    for (; w < words.size() && w <= last + 2; ++w) {
      if (words[w].name_like) break;
      if (!spaces_only(words[w].gap)) return {};
      if (!joined.empty()) joined.push_back(' ');
      joined += words[w].key;
    }
    if (joined.empty() || w >= words.size() || !words[w].name_like) return {};
    if (!spaces_only(words[w].gap)) return {};
    return std::make_pair(w, joined);
  }

  bool all_particles(const std::string& connector) const {
    std::size_t start = 0;
    while (start <= connector.size()) {
      const std::size_t space = std::min(connector.find(' ', start), connector.size());
      if (!lexicon.particles.contains(std::string_view(connector).substr(start, space - start))) return false;
      start = space + 1;
    }
    return true;
  }

  // The word at w carries the name on: capitalised, after nothing but spaces.
  bool continues_name(std::size_t w) const {
    return w < words.size() && words[w].name_like && spaces_only(words[w].gap);
  }

  bool joins(std::size_t head, const std::string& connector, std::size_t next, bool joined_before) const {
    const std::string& head_key = words[head].key;
    // "Fighters of the Wagner Group": a capital that only starts the sentence.
    if (words[head].sentence_start && gazetteer.common_word(head_key) && !joined_before) return false;
    // "de", "von der": particles, alone or in a row, are part of the name.
    if (all_particles(connector)) return true;
    if (connector == "and") {
      // "Group to Support Islam and Muslims": only inside a name already joined,
      // and only for a last word that is no place of its own.
      return joined_before && !continues_name(next + 1) && !gazetteer.place(words[next].key);
    }
    if (!lexicon.connectors.contains(connector)) return false;
    // "Agreement on Peace and Reconciliation": a law's name goes on too, so
    // that none of it is taken for an entity.
    const bool head_word = lexicon.organisation_heads.contains(head_key) || lexicon.place_heads.contains(head_key) ||
                           lexicon.non_entity_heads.contains(head_key);
    if (connector == "of" || connector == "of the") return head_word || joined_before;
    if (connector == "in" || connector == "in the") return head_key == "mission" || head_key == "state";
    if (connector == "to") {
      // "Group to Support Islam": a name goes on for two capitalised words.
      return lexicon.organisation_heads.contains(head_key) && continues_name(next + 1);
    }
    if (connector == "for" || connector == "for the" || connector == "on" || connector == "on the")
      return lexicon.organisation_heads.contains(head_key) || lexicon.non_entity_heads.contains(head_key);
    // Another language's connector ("für", "voor"): after a head word, as "of".
    if (lexicon.other_connectors.contains(connector)) return head_word || joined_before;
    return false;
  }

  void build() {
    for (std::size_t w = 0; w < words.size();) {
      if (!words[w].name_like) {
        ++w;
        continue;
      }
      std::size_t first = w;
      // "al Qaeda", "el-Sisi": a lower-case particle leads the name.
      if (first > 0 && (words[first - 1].key == "al" || words[first - 1].key == "el") &&
          spaces_only(words[first].gap))
        --first;
      std::size_t last = w;
      bool joined = false;
      for (;;) {
        if (words[last].possessive || words[last].modifier) break;
        if (continues_name(last + 1)) {
          ++last;
          continue;
        }
        const auto connector = connector_after(last);
        if (connector && joins(last, connector->second, connector->first, joined)) {
          last = connector->first;
          joined = true;
          continue;
        }
        break;
      }
      classify(first, last);
      w = last + 1;
    }
  }

  // A capital that only marks the start of a sentence: "Instead", "Media
  // reports"; but "Human Rights Watch" keeps its first word.
  bool function_or_common_start(std::size_t w, std::size_t last) const {
    const Word& word = words[w];
    if (lexicon.function_words.contains(word.key) || lexicon.calendar.contains(word.key)) {
      // "Le Havre", "La Paz", "El Salvador": an article that is also a name
      // particle begins a place's name.
      return !(w < last && lexicon.particles.contains(word.key) && gazetteer.place(join_keys(w, last)));
    }
    if (!word.sentence_start || word.acronym || word.foreign || !gazetteer.common_word(word.key)) return false;
    if (gazetteer.place(join_keys(w, last)) || gazetteer.demonym(join_keys(w, last))) return false;
    // "Mark Cavendish": a first name that is also a word.
    if (w < last && gazetteer.known_name(word.key) && !gazetteer.common_word(words[w + 1].key)) return false;
    return w == last || !has_head(w + 1, last);
  }

  void classify(std::size_t first, std::size_t last, bool title_before = false) {
    while (first <= last && function_or_common_start(first, last)) ++first;
    if (first > last) return;
    // Titles: "UN Secretary-General António Guterres" is the UN and a person.
    for (std::size_t w = first; w <= last; ++w) {
      if (!lexicon.titles.contains(words[w].key) || words[w].acronym) continue;
      const bool head_follows = w < last && (lexicon.organisation_heads.contains(words[w + 1].key) ||
                                             lexicon.place_heads.contains(words[w + 1].key));
      if (head_follows) continue;
      if (w > first) classify(first, w - 1, title_before);
      if (w < last) classify(w + 1, last, /*title_before=*/true);
      return;
    }
    // "the United States Jeffrey DeLaurentis": a country, then a full name.
    if (last >= first + 2 && !has_head(first, last)) {
      for (std::size_t end = std::min(first + 3, last - 2);; --end) {
        const Place* place = gazetteer.place(join_keys(first, end));
        if (place && place->level <= PlaceLevel::region) {
          emit(first, end, false);
          classify(end + 1, last, title_before);
          return;
        }
        if (end == first) break;
      }
    }
    // "Russian Yevgeny Prigozhin": a demonym before a name is a place of its own.
    if (last > first && gazetteer.demonym(words[first].key) && !gazetteer.place(join_keys(first, last)) &&
        !gazetteer.demonym(join_keys(first, last)) && !has_head(first, last)) {
      emit(first, first, false);
      emit(first + 1, last, false);
      return;
    }
    emit(first, last, title_before);
  }

  std::string join_keys(std::size_t first, std::size_t last) const {
    std::string key;
    for (std::size_t w = first; w <= last; ++w) {
      if (!key.empty()) key.push_back(' ');
      key += words[w].key;
    }
    return entity_key(key);
  }

  bool has_head(std::size_t first, std::size_t last) const {
    for (std::size_t w = first; w <= last; ++w)
      if (lexicon.organisation_heads.contains(words[w].key) || lexicon.place_heads.contains(words[w].key) ||
          lexicon.leading_place_heads.contains(words[w].key))
        return true;
    return false;
  }

  // An event, a law, a product or a disease ("Africa Cup of Nations", "Paris
  // Agreement", "Marburg virus"): no entity, and nothing inside it is one.
  bool non_entity(std::size_t first, std::size_t last) const {
    if (words[first].key == "tour" || words[first].key == "clade") return true;
    for (std::size_t w = first; w <= last; ++w) {
      if (!lexicon.non_entity_heads.contains(words[w].key)) continue;
      if (w == last || (w + 1 <= last && !words[w + 1].name_like)) return true;
      if (w + 1 <= last && lexicon.connectors.contains(words[w + 1].key)) return true;
    }
    if (last + 1 < words.size() && !words[last + 1].name_like && lexicon.named_thing_nouns.contains(words[last + 1].key) &&
        spaces_only(words[last + 1].gap) && !words[last].possessive)
      return true;
    return false;
  }

  // "United Nations Security Council Resolution 2100": the organisation that
  // issues a document is named; the end of the span where it stops.
  std::optional<std::size_t> issuer_end(std::size_t first, std::size_t last) const {
    if (last == first || !lexicon.non_entity_heads.contains(words[last].key)) return {};
    if (lexicon.organisation_heads.contains(words[last - 1].key) && last - 1 > first) return last - 1;
    return {};
  }

  bool all_common(std::size_t first, std::size_t last) const {
    for (std::size_t w = first; w <= last; ++w)
      if (!common(gazetteer, words[w].key) && !lexicon.connectors.contains(words[w].key) &&
          !lexicon.particles.contains(words[w].key))
        return false;
    return true;
  }

  Guess guess_for(std::size_t first, std::size_t last, const Place*& place) const {
    const std::string key = join_keys(first, last);
    place = gazetteer.place(key);
    // "US" and "UK" are places, "AES" is no Spanish town; a dateline's
    // "BERLIN" is Berlin.
    const bool short_acronym = first == last && words[first].acronym && key.size() <= 3;
    if (place && !(short_acronym && !place_acronym(key))) return Guess::place;
    place = gazetteer.demonym(key);
    if (place) return Guess::demonym;
    const std::string& last_key = words[last].key;
    const std::string& first_key = words[first].key;
    // A head word alone is no name ("die Brücke": German writes nouns with a capital).
    if (last > first && (lexicon.place_heads.contains(last_key) || lexicon.leading_place_heads.contains(first_key))) {
      // "Islamic State" is an organisation; "Borno State" a place.
      if (last_key == "state" && (first == last || !gazetteer.place(join_keys(first, last - 1)))) return Guess::actor;
      return Guess::place;
    }
    if (last > first && has_head(first, last)) return Guess::actor;
    if (last > first && lexicon.compass.contains(first_key) && !common(gazetteer, words[last].key)) return Guess::place;
    if (first == last) {
      if (words[first].acronym) return Guess::acronym;
      return Guess::lone;
    }
    return Guess::actor;
  }

  static bool place_acronym(std::string_view key) {
    return key == "us" || key == "uk" || key == "usa" || key == "drc" || key == "uae" || key == "u s" ||
           key == "u k";
  }

  void emit(std::size_t first, std::size_t last, bool title_before) {
    if (first > last) return;
    if (const auto issuer = issuer_end(first, last)) last = *issuer;
    if (non_entity(first, last)) return;
    Candidate candidate;
    candidate.guess = guess_for(first, last, candidate.place);
    candidate.text = surface(first, last);
    candidate.key = join_keys(first, last);
    if (candidate.key.empty()) return;
    const std::string& single = words[first].key;
    if (first == last) {
      if (lexicon.calendar.contains(single) || lexicon.groups.contains(single) || lexicon.function_words.contains(single))
        return;
      if (candidate.guess == Guess::acronym && lexicon.non_entity_acronyms.contains(single)) return;
    }
    set_context(candidate, first, last);
    // "Breaking News Today" is no name; "the World Weather Attribution group" is.
    if (first != last && candidate.guess == Guess::actor && all_common(first, last) && !has_head(first, last) &&
        !title_before && !candidate.descriptor_after && !candidate.speech_after)
      return;
    for (std::size_t w = first; w <= last; ++w) {
      const std::string& key = words[w].key;
      if (!words[w].name_like && (lexicon.connectors.contains(key) || lexicon.particles.contains(key))) {
        if (!candidate.has_connector) candidate.words_before_connector = candidate.word_keys.size();
        candidate.has_connector = true;
        if (key != "the") candidate.initials_with_connectors.push_back(key[0]);
      } else {
        candidate.word_keys.push_back(key);
        candidate.initials.push_back(key[0]);
        candidate.initials_with_connectors.push_back(key[0]);
      }
    }
    for (std::size_t w = first; w <= last; ++w)
      if (lexicon.organisation_heads.contains(words[w].key) && first != last) candidate.organisation_head = true;
    candidate.order = order++;
    candidate.sentence_start = words[first].sentence_start;
    candidate.title_before = title_before || (first > 0 && lexicon.titles.contains(words[first - 1].key));
    candidate.camel = words[first].camel && first == last;
    out.push_back(std::move(candidate));
  }

  // "Hershey, Mondelez and Nestlé": names in a list with other names.
  void note_list_neighbours(Candidate& candidate, std::size_t first, std::size_t last) const {
    const auto list_gap = [](std::string_view gap) {
      return gap == ", " || gap == ",\u00A0" || gap == " " ;
    };
    const auto note = [&](std::size_t neighbour) {
      if (!words[neighbour].name_like || words[neighbour].sentence_start) return;
      if (gazetteer.place(words[neighbour].key))
        candidate.listed_with_place = true;
      else if (!gazetteer.common_word(words[neighbour].key))
        candidate.listed_with_name = true;
    };
    // Before: "X, Y" or "X and Y".
    if (first >= 1 && words[first].gap == ", ") note(first - 1);
    if (first >= 2 && (words[first - 1].key == "and" || words[first - 1].key == "or") &&
        list_gap(words[first].gap) && list_gap(words[first - 1].gap))
      note(first - 2);
    // After: "Y, Z" or "Y and Z".
    if (last + 1 < words.size() && words[last + 1].gap == ", " && !words[last].possessive) note(last + 1);
    if (last + 2 < words.size() && (words[last + 1].key == "and" || words[last + 1].key == "or") &&
        list_gap(words[last + 1].gap) && list_gap(words[last + 2].gap) && !words[last].possessive)
      note(last + 2);
  }

  void set_context(Candidate& candidate, std::size_t first, std::size_t last) const {
    const auto plain_gap = [](const Word& word) { return spaces_only(word.gap); };
    if (first > 0 && plain_gap(words[first])) {
      const std::string& before = words[first - 1].key;
      candidate.place_context = lexicon.place_prepositions.contains(before);
      // "the village of Ogota", "the hills of the Adrar des Ifoghas".
      std::size_t of = first - 1;
      if (before == "the" && of > 0) --of;
      if (words[of].key == "of" && of > 0 && lexicon.settlements.contains(words[of - 1].key))
        candidate.strong_place_context = true;
      if (before == "according" || (first > 1 && words[first - 2].key == "according")) candidate.speech_after = true;
      if (before == "by") candidate.agent_before = true;
    }
    // "Safaricom, the country's largest company": an appositive names an actor.
    if (last + 2 < words.size() && words[last + 1].gap == ", " && !words[last].possessive &&
        (words[last + 1].key == "the" || words[last + 1].key == "a" || words[last + 1].key == "an") &&
        !words[last + 1].name_like)
      candidate.appositive = true;
    // "Al-Qaeda-linked", "Bamako-based".
    if (words[last].modifier) {
      if (lexicon.affiliation_tails.contains(words[last].modifier_tail)) candidate.agent_before = true;
      if (words[last].modifier_tail == "based" || words[last].modifier_tail == "born") candidate.place_context = true;
    }
    note_list_neighbours(candidate, first, last);
    if (last + 1 < words.size()) {
      const Word& next = words[last + 1];
      if (!next.name_like && plain_gap(next) && !words[last].possessive && lexicon.settlements.contains(next.key))
        candidate.strong_place_context = true;
      if (!next.name_like && plain_gap(next) && !words[last].possessive && lexicon.actor_descriptors.contains(next.key))
        candidate.descriptor_after = true;
      // ", Mali": a place named with its country.
      if (next.gap.find(',') != std::string_view::npos && next.gap.size() <= 3 && next.name_like &&
          gazetteer.place(next.key) && gazetteer.place(next.key)->level == PlaceLevel::country)
        candidate.place_context = true;
      for (std::size_t w = last + 1; w < words.size() && w <= last + 3; ++w) {
        if (!plain_gap(words[w]) || words[last].possessive) break;
        if (lexicon.speech_verbs.contains(words[w].key)) candidate.speech_after = true;
        if (words[w].name_like) break;
      }
      // "(MINUSMA)" right after a name spells it out.
    }
    if (first > 0 && words[first].gap.find('(') != std::string_view::npos &&
        (last + 1 >= words.size() || words[last + 1].gap.starts_with(")")) &&
        words[first].gap.find_first_not_of(" (") == std::string_view::npos)
      candidate.in_parentheses_after = true;
  }
};

// ------------------------------------------------------------- 3. document

struct Merged {
  EntityKind kind = EntityKind::actor;
  std::string name;
  std::vector<std::string> mentions;
  std::vector<std::string> word_keys;  // of the fullest name
  bool has_connector = false;
  std::size_t words_before_connector = 0;
  std::string initials;
  std::string initials_with_connectors;
  bool person_like = false;  // two or more words, no head word, no connector: "Farhan Haq"
  std::string acronym;                 // a linked acronym's surface form
  unsigned count = 0;
  std::size_t first_order = 0;
};

class DocumentEntities {
 public:
  DocumentEntities(const Gazetteer& gazetteer, const EntityLexicon& lexicon)
      : gazetteer_(gazetteer), lexicon_(lexicon) {}

  void add_segment(std::string_view text) {
    std::vector<Word> words = split_words(text);
    mark_name_like(text, words, gazetteer_, lexicon_);
    SpanBuilder{gazetteer_, lexicon_, text, words, candidates_, order_}.build();
  }

  Entities finish() {
    count_lone_words();
    // Full names first, longest first, so short forms can join them.
    std::vector<const Candidate*> actors;
    for (Candidate& c : candidates_) {
      // "in the Adrar des Ifoghas mountains": a name before a place noun.
      if (c.guess == Guess::actor && c.strong_place_context && !c.organisation_head) c.guess = Guess::place;
      if (c.guess == Guess::actor) actors.push_back(&c);
    }
    std::stable_sort(actors.begin(), actors.end(), [](const Candidate* a, const Candidate* b) {
      return a->word_keys.size() > b->word_keys.size();
    });
    for (const Candidate* c : actors)
      if (find(EntityKind::actor, c->key) || !link_short_form(*c, Link::suffix_or_prefix)) add(*c, EntityKind::actor, c->key);
    link_acronyms();
    for (const Candidate& c : candidates_) {
      switch (c.guess) {
        case Guess::place: add_place(c); break;
        case Guess::demonym: add(c, EntityKind::place, entity_key(c.place->name), c.place->name); break;
        case Guess::acronym: add_acronym(c); break;
        case Guess::lone: add_lone(c); break;
        case Guess::actor: break;
      }
    }
    return result();
  }

 private:
  void count_lone_words() {
    for (const Candidate& c : candidates_)
      if (!c.sentence_start) ++mid_sentence_uses_[c.key];
    gather_evidence();
  }

  unsigned uses(const std::string& key) const {
    const auto it = mid_sentence_uses_.find(key);
    return it == mid_sentence_uses_.end() ? 0 : it->second;
  }

  Merged* find(EntityKind kind, const std::string& key) {
    const auto it = entities_.find(std::make_pair(kind, key));
    return it == entities_.end() ? nullptr : &it->second;
  }

  void add(const Candidate& c, EntityKind kind, const std::string& key, std::string_view name = {}) {
    if (key.empty()) return;
    auto [it, inserted] = entities_.try_emplace(std::make_pair(kind, key));
    Merged& m = it->second;
    if (inserted) {
      m.kind = kind;
      m.name = name.empty() ? c.text : std::string(name);
      m.word_keys = c.word_keys;
      m.has_connector = c.has_connector;
      m.words_before_connector = c.words_before_connector;
      m.initials = c.initials;
      m.initials_with_connectors = c.initials_with_connectors;
      m.person_like = kind == EntityKind::actor && c.word_keys.size() >= 2 && !c.has_connector && !c.organisation_head;
      m.first_order = c.order;
    }
    add_mention(m, c.text);
  }

  static void add_mention(Merged& m, const std::string& text) {
    ++m.count;
    if (std::find(m.mentions.begin(), m.mentions.end(), text) == m.mentions.end()) m.mentions.push_back(text);
  }

  // The place a single word names needs evidence: a common English word
  // ("Nice", "Reading") or a small town named like a person needs a context.
  bool place_has_evidence(const Candidate& c) const {
    if (c.word_keys.size() > 1 || c.place->level == PlaceLevel::country || c.place->level == PlaceLevel::region)
      return !(c.sentence_start && common(gazetteer_, c.key)) || c.place_context;
    if (gazetteer_.common_word(c.key)) return c.place_context || c.strong_place_context;
    if (c.sentence_start && !c.place_context && uses(c.key) == 0 && c.place->level == PlaceLevel::city &&
        c.place->population < 100000)
      return false;
    return true;
  }

  void add_place(const Candidate& c) {
    // Named by its head word ("Alau Dam", "Borno State"): no gazetteer entry.
    if (!c.place) return add(c, EntityKind::place, c.key);
    // A surname that is also a town: "Faye" after "Bassirou Diomaye Faye".
    if (c.word_keys.size() == 1 && (c.place->level == PlaceLevel::city || c.place->level == PlaceLevel::subdivision) &&
        link_short_form(c, Link::surname))
      return;
    if (!place_has_evidence(c)) return;
    add(c, EntityKind::place, entity_key(c.place->name), c.place->name);
  }

  // "Guterres" joins "António Guterres", "Wagner" joins "Wagner Group",
  // "Security Council" joins "United Nations Security Council".
  // A prefix stands for a name only when it is one word that is no common
  // word ("Wagner"), or when it is all of the name before a connector
  // ("Serum Institute" of India): "United Nations" is no short form of the
  // United Nations Security Council, nor of the United Nations ... Mission in
  // Mali. An end stands for a name without connectors only ("Security
  // Council", "Guterres"): "European Union" is no short form of the Court of
  // Justice of the European Union.
  enum class Link { surname, suffix_or_prefix };
  bool link_short_form(const Candidate& c, Link link) {
    Merged* best = nullptr;
    for (auto& [id, m] : entities_) {
      if (id.first != EntityKind::actor || m.word_keys.size() <= c.word_keys.size()) continue;
      if (link == Link::surname && !m.person_like) continue;
      const auto& full = m.word_keys;
      const bool suffix = !m.has_connector && std::equal(c.word_keys.rbegin(), c.word_keys.rend(), full.rbegin());
      const bool prefix_allowed = m.has_connector ? c.word_keys.size() == m.words_before_connector
                                                  : c.word_keys.size() == 1 && !common(gazetteer_, c.key);
      const bool prefix = link == Link::suffix_or_prefix && prefix_allowed &&
                          std::equal(c.word_keys.begin(), c.word_keys.end(), full.begin());
      if ((suffix || prefix) && (!best || m.count > best->count)) best = &m;
    }
    if (!best) return false;
    add_mention(*best, c.text);
    return true;
  }

  // "(MINUSMA)" after a name, or an acronym made of a name's initials.
  void link_acronyms() {
    for (std::size_t i = 1; i < candidates_.size(); ++i) {
      const Candidate& c = candidates_[i];
      if (c.guess != Guess::acronym || !c.in_parentheses_after) continue;
      const Candidate& before = candidates_[i - 1];
      if (before.order + 1 != c.order) continue;
      if (before.guess == Guess::actor) acronym_targets_[c.key] = {EntityKind::actor, before.key};
      if (before.guess == Guess::place && before.place)
        acronym_targets_[c.key] = {EntityKind::place, entity_key(before.place->name)};
    }
    // "MINUSMA (United Nations Multidimensional ... Mission in Mali)".
    for (std::size_t i = 1; i < candidates_.size(); ++i) {
      const Candidate& c = candidates_[i];
      const Candidate& before = candidates_[i - 1];
      if (c.guess == Guess::actor && c.in_parentheses_after && before.guess == Guess::acronym &&
          before.order + 1 == c.order && !acronym_targets_.contains(before.key))
        acronym_targets_[before.key] = {EntityKind::actor, c.key};
    }
    // "UNSC" for the United Nations Security Council; "ECOWAS" for the
    // Economic Community of West African States.
    for (auto& [id, m] : entities_) {
      if (id.first != EntityKind::actor || m.word_keys.size() < 2) continue;
      for (const Candidate& c : candidates_) {
        if (c.guess != Guess::acronym || acronym_targets_.contains(c.key)) continue;
        const std::string letters = squeeze(c.key);
        if (letters == m.initials || letters == m.initials_with_connectors) acronym_targets_[c.key] = id;
      }
    }
  }

  // "u s" -> "us": an acronym's key without the spaces its full stops left.
  static std::string squeeze(const std::string& key) {
    std::string out;
    for (const char ch : key)
      if (ch != ' ') out.push_back(ch);
    return out;
  }

  void add_acronym(const Candidate& c) {
    if (Merged* m = find(EntityKind::actor, c.key)) return add_mention(*m, c.text);
    if (const auto it = acronym_targets_.find(c.key); it != acronym_targets_.end()) {
      if (Merged* m = find(it->second.first, it->second.second)) {
        if (m->acronym.empty()) m->acronym = c.text;
        return add_mention(*m, c.text);
      }
    }
    add(c, EntityKind::actor, c.key);
  }

  // What all the uses of a lone word say about it, over the document.
  struct Evidence {
    bool place = false;         // "in Anefis", "from Kamituga"
    bool strong_place = false;  // "the village of Ogota", "the Mbera camp"
    bool actor = false;         // "Cocobod said", "Mr Haq", "by Google"
    bool descriptor = false;    // "its Barkhane operation": weaker, "Peacekeeping mission" has it too
    bool appositive = false;    // "Safaricom, the country's largest company"
    bool listed_with_place = false;
    bool listed_with_name = false;
  };

  void gather_evidence() {
    for (const Candidate& c : candidates_) {
      if (c.guess != Guess::lone) continue;
      Evidence& e = evidence_[c.key];
      e.place |= c.place_context && !c.sentence_start;
      e.strong_place |= c.strong_place_context;
      e.actor |= c.title_before || c.speech_after || c.camel || c.agent_before;
      e.appositive |= c.appositive;
      e.descriptor |= c.descriptor_after;
      e.listed_with_place |= c.listed_with_place;
      e.listed_with_name |= c.listed_with_name;
    }
  }

  std::optional<EntityKind> decide_lone(const std::string& key) const {
    const auto it = evidence_.find(key);
    if (it == evidence_.end()) return {};
    const Evidence& e = it->second;
    const unsigned mid_sentence = uses(key);  // uses not at the start of a sentence
    if (e.strong_place) return EntityKind::place;
    if (gazetteer_.common_word(key)) {
      // "Meta", "Apple": a common word is a name only when it is used as one.
      if (((e.actor || e.listed_with_name) && mid_sentence >= 1) || mid_sentence >= 3 ||
          (e.descriptor && mid_sentence >= 2))
        return EntityKind::actor;
      return {};
    }
    if (e.place && !e.actor) return EntityKind::place;
    if (e.listed_with_place && !e.actor) return EntityKind::place;
    if (mid_sentence == 0 && !e.actor && !e.descriptor && !e.appositive) return {};
    if (e.actor || e.descriptor || e.appositive || e.listed_with_name || mid_sentence >= 2) return EntityKind::actor;
    return {};
  }

  void add_lone(const Candidate& c) {
    // "Minusma" is MINUSMA; "Haller" is Sébastien Haller.
    if (Merged* m = find(EntityKind::actor, c.key)) return add_mention(*m, c.text);
    if (const auto it = acronym_targets_.find(c.key); it != acronym_targets_.end())
      if (Merged* m = find(it->second.first, it->second.second)) return add_mention(*m, c.text);
    if (link_short_form(c, Link::suffix_or_prefix)) return;
    if (const auto kind = decide_lone(c.key)) add(c, *kind, c.key);
  }

  Entities result() {
    std::vector<Merged*> all;
    for (auto& [id, m] : entities_) all.push_back(&m);
    std::stable_sort(all.begin(), all.end(), [](const Merged* a, const Merged* b) {
      return a->count != b->count ? a->count > b->count : a->first_order < b->first_order;
    });
    Entities entities;
    for (Merged* m : all) {
      Entity e;
      e.kind = m->kind;
      e.name = display_name(*m);
      e.key = entity_key(e.name);
      e.mentions = m->mentions;
      e.count = m->count;
      for (const std::string& mention : m->mentions) {
        std::string alias = entity_key(mention);
        if (alias != e.key && std::find(e.alias_keys.begin(), e.alias_keys.end(), alias) == e.alias_keys.end())
          e.alias_keys.push_back(std::move(alias));
      }
      (e.kind == EntityKind::actor ? entities.actors : entities.places).push_back(std::move(e));
    }
    return entities;
  }

  // The fullest name, except that a long expansion gives way to its acronym:
  // "MINUSMA" rather than "United Nations Multidimensional Integrated ...".
  static std::string display_name(const Merged& m) {
    if (!m.acronym.empty() && m.word_keys.size() > 4) return m.acronym;
    return m.name;
  }

  const Gazetteer& gazetteer_;
  const EntityLexicon& lexicon_;
  std::vector<Candidate> candidates_;
  std::size_t order_ = 0;
  std::map<std::pair<EntityKind, std::string>, Merged> entities_;
  std::unordered_map<std::string, std::pair<EntityKind, std::string>> acronym_targets_;
  std::unordered_map<std::string, unsigned> mid_sentence_uses_;
  std::unordered_map<std::string, Evidence> evidence_;
};

}  // namespace

Entities extract_entities(const std::vector<Segment>& segments, std::string_view language) {
  // The language's tables once per document: the rules ask them about every word.
  DocumentEntities document(Gazetteer::for_language(language), detail::entity_lexicon(language));
  for (const Segment& segment : segments)
    if (segment.label == Label::content) document.add_segment(segment.text);
  return document.finish();
}

Entities extract_entities(std::string_view content, std::string_view language) {
  return extract_entities(segment(content), language);
}

}  // namespace winnow::filters
