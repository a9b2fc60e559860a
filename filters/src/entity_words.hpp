// The entity stage's first pass: a segment's text cut into words that
// remember their case, what separates them and whether a sentence starts
// there, and which of them may be part of a name (entities.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "entity_lexicon.hpp"
#include "gazetteer.hpp"

namespace winnow::filters::detail {

/// A word of a segment as the entity passes see it.
struct EntityWord {
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

/// Cuts a segment's text into words: apostrophes and hyphens join words
/// ("d’Ivoire", "Troost-Ekong"), a full stop joins single capitals ("U.S."),
/// a possessive "'s" is left out and a lower-case hyphenated tail
/// ("-linked") is noted apart.
[[nodiscard]] std::vector<EntityWord> split_words(std::string_view text);

/// Sets name_like on each word, dropping elided articles first ("l’Allemagne"):
/// capitalised, and not a common word that a title-case headline capitalised.
void mark_name_like(std::string_view text, std::vector<EntityWord>& words, const Gazetteer& gazetteer,
                    const EntityLexicon& lexicon);

/// A gap of spaces only (no punctuation) between two words: they may belong
/// to one name.
[[nodiscard]] bool spaces_only(std::string_view gap);

/// A common word of the language that is no known name either ("said", but
/// not "Mark").
[[nodiscard]] bool plain_common_word(const Gazetteer& gazetteer, std::string_view key);

}  // namespace winnow::filters::detail
