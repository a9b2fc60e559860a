// The entity stage's spans: see entity_spans.hpp.
#include "entity_spans.hpp"

#include <optional>
#include <utility>

#include "winnow/filters/entities.hpp"

namespace winnow::filters::detail {
namespace {

struct SpanBuilder {
  const Gazetteer& gazetteer;
  const EntityLexicon& lexicon;
  std::string_view text;
  const std::vector<EntityWord>& words;
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
    if (w >= words.size() || !words[w].name_like) return false;
    return spaces_only(words[w].gap) || after_initial(w);
  }

  // "M. Butcher", "George W. Bush": an initial's full stop stays inside the name.
  bool after_initial(std::size_t w) const {
    if (w == 0 || words[w].gap != ". ") return false;
    const EntityWord& initial = words[w - 1];
    return initial.end - initial.begin == 1 && initial.capitalised && !lexicon.function_words.contains(words[w].key) &&
           !lexicon.function_words.contains(initial.key);
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
    const EntityWord& word = words[w];
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
      if (!plain_common_word(gazetteer, words[w].key) && !lexicon.connectors.contains(words[w].key) &&
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
    if (last > first && lexicon.compass.contains(first_key) && !plain_common_word(gazetteer, words[last].key)) return Guess::place;
    return Guess::lone;  // no head word: guess_by_shape
  }

  // What a name with no head word is by its shape alone: an acronym, a lone
  // word, or (two words or more) an actor.
  Guess guess_by_shape(std::size_t first, std::size_t last) const {
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
    // The gazetteer or a head word decided: what else reads the name leaves it so.
    candidate.by_head = candidate.guess != Guess::lone;
    if (!candidate.by_head) candidate.guess = guess_by_shape(first, last);
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
    candidate.first_word = first;
    candidate.last_word = last;
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
    const auto plain_gap = [](const EntityWord& word) { return spaces_only(word.gap); };
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
      const EntityWord& next = words[last + 1];
      if (!next.name_like && plain_gap(next) && !words[last].possessive && lexicon.settlements.contains(next.key))
        candidate.strong_place_context = true;
      if (!next.name_like && plain_gap(next) && !words[last].possessive && lexicon.actor_descriptors.contains(next.key))
        candidate.descriptor_after = true;
      if (!next.name_like && !next.capitalised && plain_gap(next) && !words[last].possessive && !next.digits &&
          !lexicon.function_words.contains(next.key))
        candidate.word_after = true;
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

}  // namespace

void add_candidate(const Gazetteer& gazetteer, const EntityLexicon& lexicon, std::string_view text,
                   const std::vector<EntityWord>& words, std::size_t first, std::size_t last,
                   std::vector<Candidate>& out, std::size_t& order) {
  SpanBuilder{gazetteer, lexicon, text, words, out, order}.emit(first, last, false);
}

void find_candidates(const Gazetteer& gazetteer, const EntityLexicon& lexicon, std::string_view text,
                     const std::vector<EntityWord>& words, std::vector<Candidate>& out, std::size_t& order) {
  SpanBuilder{gazetteer, lexicon, text, words, out, order}.build();
}

}  // namespace winnow::filters::detail
