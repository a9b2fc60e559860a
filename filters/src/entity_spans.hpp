// The entity stage's second pass: runs of capitalised words (joined over
// "de", "of", "for" ... where a head word such as "Mission" or "Republic"
// asks for it), cut at titles ("Colonel", "Secretary-General") and guessed
// by the gazetteers and the head words: place, actor, demonym, nothing (an
// event, a law), or a lone word for the document to decide (entities.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "entity_lexicon.hpp"
#include "entity_words.hpp"
#include "gazetteer.hpp"

namespace winnow::filters::detail {

enum class Guess { place, actor, demonym, lone, acronym };

struct Candidate {
  Guess guess = Guess::lone;
  std::size_t first_word = 0;  // its words in the segment: [first_word, last_word]
  std::size_t last_word = 0;
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
  bool word_after = false;        // a word in small letters, no function word, right after: "Kent stepped up"
  bool agent_before = false;      // "built by Google"
  bool appositive = false;        // "Safaricom, the country's largest company"
  bool listed_with_place = false; // "Kidal, Anefis and Tessalit"
  bool listed_with_name = false;  // "Hershey, Mondelez and Nestlé"
  bool camel = false;
  bool in_parentheses_after = false;  // "(ACRONYM)" directly after the previous candidate
  bool by_head = false;  // the gazetteer or a head word made the guess ("Islamic State", "Alau Dam", "Mali")
  bool tagged = false;  // the tagger named it a person, an organisation or a place: no more evidence is asked
  bool organisation_town = false;  // a place the tagger reads as an organisation: a club, a company ("Meta")
  bool scored = false;             // a score beside it: "Plymouth 2 Preston 1"
};

/// Appends the candidate name made of words [first, last] to `out`, as the
/// spans pass makes each (context, guess), unless the rules make it no name
/// (an event, a law, a month).
void add_candidate(const Gazetteer& gazetteer, const EntityLexicon& lexicon, std::string_view text,
                   const std::vector<EntityWord>& words, std::size_t first, std::size_t last,
                   std::vector<Candidate>& out, std::size_t& order);

/// Appends the candidate names of one segment's words to `out`, numbering
/// them from `order` on (which it advances).
void find_candidates(const Gazetteer& gazetteer, const EntityLexicon& lexicon, std::string_view text,
                     const std::vector<EntityWord>& words, std::vector<Candidate>& out, std::size_t& order);

}  // namespace winnow::filters::detail
