// The closed word classes the entity rules look at: titles, the head words of
// organisation and place names, words that make a name an event or a law, and
// the context words around names. All take a word folded by entity_key.
#pragma once

#include <string_view>

namespace winnow::filters::detail {

/// A title or role written before a name and not part of it: "colonel",
/// "president", "minister", "ambassador", "secretary general", "mr".
[[nodiscard]] bool is_title(std::string_view word);
/// The last (or any) word of an organisation's name: "group", "council",
/// "mission", "union", "watch", "forces", "institute", "party".
[[nodiscard]] bool is_organisation_head(std::string_view word);
/// A word that makes a name a site or a geographic feature: "stadium", "dam",
/// "lake", "river", "region", "province", "airport", "square", "mine".
[[nodiscard]] bool is_place_head(std::string_view word);
/// A word that makes a name an event, a law, a product or a disease, which
/// are no entities: "cup", "agreement", "act", "summit", "virus", "tour".
[[nodiscard]] bool is_non_entity_head(std::string_view word);
/// Lower-case nouns after a name that make it the name of a disease, a law or
/// an event: "Marburg virus", "the Algiers accords", "the Paris agreement".
[[nodiscard]] bool is_named_thing_noun(std::string_view word);
/// Hyphenated tails that tie a name to an actor: "Al-Qaeda-linked", "UN-backed".
[[nodiscard]] bool is_affiliation_tail(std::string_view word);
/// A lower-case particle inside a name: "de", "du", "des", "al", "van", "bin".
[[nodiscard]] bool is_name_particle(std::string_view word);
/// A lower-case word that may join two parts of one organisation's or
/// place's name after a head word: "of", "for", "in", "to", "on", "the".
[[nodiscard]] bool is_name_connector(std::string_view word);
/// Compass and size words that make "South Kivu", "Upper Nile" a place.
[[nodiscard]] bool is_compass_word(std::string_view word);
/// Months and days of the week (and their abbreviations).
[[nodiscard]] bool is_calendar_word(std::string_view word);
/// Ethnic, religious and political groups named by a common noun: "muslims",
/// "tuareg", "islamists", "jihadists". Not actors.
[[nodiscard]] bool is_group_word(std::string_view word);
/// Capitalised acronyms that name no actor: "ai", "gdp", "ceo", "ngo", "hiv".
[[nodiscard]] bool is_non_entity_acronym(std::string_view word);
/// Function words that are capitalised only at the start of a sentence or in
/// a headline: "the", "in", "under", "instead", "this", "after".
[[nodiscard]] bool is_function_word(std::string_view word);
/// Verbs of speech that make the name before them an actor: "said", "told".
[[nodiscard]] bool is_speech_verb(std::string_view word);
/// Prepositions that make an unknown name after them a place: "in", "near".
[[nodiscard]] bool is_place_preposition(std::string_view word);
/// Lower-case nouns after a name that make it an organisation: "its Barkhane
/// operation", "the Cocobod regulator", "Wagner mercenaries".
[[nodiscard]] bool is_actor_descriptor(std::string_view word);
/// Nouns that, with "of" after them, introduce a place: "village", "town".
[[nodiscard]] bool is_settlement_noun(std::string_view word);

}  // namespace winnow::filters::detail
