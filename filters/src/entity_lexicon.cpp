// Word classes for the entity rules, read from the languages' data files: see
// entity_lexicon.hpp. Each list is closed and general, not a list of names.
#include "entity_lexicon.hpp"

#include <map>
#include <memory>
#include <mutex>

#include "calendar_names.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/language_data.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::filters::detail {
namespace {

constexpr std::string_view english = "en";

// The languages whose files make up a document language's classes: its own
// and English's; English alone for English and for an undetermined language.
std::vector<std::string_view> sources(std::string_view language) {
  if (language == english || language == undetermined_language || language.empty()) return {english};
  return {language, english};
}

// Adds a word or a phrase, folded as the rules fold the words they look up.
void add_folded(WordSet& words, std::string_view entry) {
  std::string key = entity_key(entry);
  if (!key.empty()) words.add(std::move(key));
}

void add_list(WordSet& words, std::string_view language, std::string_view name) {
  for (const std::string& entry : language_data(language).list(name)) add_folded(words, entry);
}

void add_lists(WordSet& words, const std::vector<std::string_view>& languages, std::string_view name) {
  for (const std::string_view language : languages) add_list(words, language, name);
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

std::unique_ptr<EntityLexicon> build(std::string_view language) {
  const std::vector<std::string_view> from = sources(language);
  auto lexicon = std::make_unique<EntityLexicon>();
  EntityLexicon& l = *lexicon;
  add_lists(l.titles, from, "entity-titles");
  add_lists(l.organisation_heads, from, "entity-organisation-heads");
  add_lists(l.place_heads, from, "entity-place-heads");
  add_lists(l.leading_place_heads, from, "entity-leading-place-heads");
  add_lists(l.non_entity_heads, from, "entity-non-entity-heads");
  add_lists(l.named_thing_nouns, from, "entity-named-thing-nouns");
  add_lists(l.affiliation_tails, from, "entity-affiliation-tails");
  add_lists(l.particles, from, "entity-particles");
  add_lists(l.connectors, from, "entity-connectors");
  add_lists(l.compass, from, "entity-compass");
  add_lists(l.groups, from, "entity-groups");
  add_lists(l.non_entity_acronyms, from, "entity-non-entity-acronyms");
  add_lists(l.function_words, from, "entity-function-words");
  add_lists(l.speech_verbs, from, "entity-speech-verbs");
  add_lists(l.place_prepositions, from, "entity-place-prepositions");
  add_lists(l.actor_descriptors, from, "entity-actor-descriptors");
  add_lists(l.settlements, from, "entity-settlements");
  add_lists(l.elisions, from, "elisions");
  add_lists(l.calendar, from, "entity-holidays");
  add_lists(l.calendar, from, "month-extras");
  add_lists(l.calendar, from, "weekday-extras");
  for (const std::string_view source : from) add_calendar_names(l.calendar, source);
  // English's own connectors have rules of their own in the entity rules.
  if (from.front() != english) {
    WordSet english_connectors;
    add_list(english_connectors, english, "entity-connectors");
    for (const std::string& entry : language_data(from.front()).list("entity-connectors")) {
      std::string key = entity_key(entry);
      if (!english_connectors.contains(key)) l.other_connectors.add(std::move(key));
    }
  }
  return lexicon;
}

}  // namespace

const EntityLexicon& entity_lexicon(std::string_view language) {
  // English and "und" share one table.
  const std::string_view code = sources(language).front();
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<EntityLexicon>, std::less<>> lexicons;
  const std::lock_guard lock(mutex);
  auto found = lexicons.find(code);
  if (found == lexicons.end()) found = lexicons.emplace(std::string(code), build(code)).first;
  return *found->second;
}

}  // namespace winnow::filters::detail
