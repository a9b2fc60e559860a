// Word classes for the entity rules, read from the languages' data files: see
// entity_lexicon.hpp. Each list is closed and general, not a list of names.
#include "entity_lexicon.hpp"

#include <span>
#include <string>
#include <vector>

#include "calendar_names.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/language_data.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::filters::detail {
namespace {

constexpr std::string_view english = "en";

// The languages whose files make up a document language's classes: its own
// and English's; English alone for English and for an undetermined language.
std::vector<std::string> sources(std::string_view language) {
  if (language == english || language == undetermined_language || language.empty()) return {std::string(english)};
  return {std::string(language), std::string(english)};
}

// Adds a word or a phrase, folded as the rules fold the words they look up.
void add_folded(WordSet& words, std::string_view entry) {
  std::string key = entity_key(entry);
  if (!key.empty()) words.add(std::move(key));
}

void add_list(WordSet& words, std::string_view language, std::string_view name) {
  for (const std::string& entry : language_data(language).list(name)) add_folded(words, entry);
}

void add_lists(WordSet& words, std::span<const std::string> languages, std::string_view name) {
  for (const std::string& language : languages) add_list(words, language, name);
}

// The months and weekdays of the language's locale, from ICU, as the text
// writes them without the full stop of an abbreviation ("janv.", "Mo.").
void add_calendar_names(WordSet& words, std::string_view language) {
  for (const auto& names : {month_names(language), weekday_names(language)}) {
    for (std::string name : names) {
      if (name.ends_with('.')) name.pop_back();
      add_folded(words, name);
    }
  }
}

}  // namespace

EntityLexicon::EntityLexicon(std::span<const std::string> languages) {
  add_lists(titles, languages, "entity-titles");
  add_lists(organisation_heads, languages, "entity-organisation-heads");
  add_lists(place_heads, languages, "entity-place-heads");
  add_lists(leading_place_heads, languages, "entity-leading-place-heads");
  add_lists(non_entity_heads, languages, "entity-non-entity-heads");
  add_lists(named_thing_nouns, languages, "entity-named-thing-nouns");
  add_lists(affiliation_tails, languages, "entity-affiliation-tails");
  add_lists(particles, languages, "entity-particles");
  add_lists(connectors, languages, "entity-connectors");
  add_lists(compass, languages, "entity-compass");
  add_lists(groups, languages, "entity-groups");
  add_lists(non_entity_acronyms, languages, "entity-non-entity-acronyms");
  add_lists(function_words, languages, "entity-function-words");
  add_lists(speech_verbs, languages, "entity-speech-verbs");
  add_lists(place_prepositions, languages, "entity-place-prepositions");
  add_lists(actor_descriptors, languages, "entity-actor-descriptors");
  add_lists(settlements, languages, "entity-settlements");
  add_lists(elisions, languages, "elisions");
  add_lists(calendar, languages, "entity-holidays");
  add_lists(calendar, languages, "month-extras");
  add_lists(calendar, languages, "weekday-extras");
  for (const std::string& language : languages) add_calendar_names(calendar, language);
  // English's own connectors have rules of their own in the entity rules.
  WordSet english_connectors;
  add_list(english_connectors, english, "entity-connectors");
  for (const std::string& language : languages) {
    if (language == english) continue;
    for (const std::string& entry : language_data(language).list("entity-connectors")) {
      std::string key = entity_key(entry);
      if (!key.empty() && !english_connectors.contains(key)) other_connectors.add(std::move(key));
    }
  }
}

const EntityLexicon& entity_lexicon(std::string_view language) {
  return for_languages<EntityLexicon>(sources(language));  // English and "und" share one
}

}  // namespace winnow::filters::detail
