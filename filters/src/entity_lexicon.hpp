// The closed word classes the entity rules look at: titles, the head words of
// organisation and place names, words that make a name an event or a law, and
// the context words around names. All hold, and take, words folded by
// entity_key.
//
// The words are data, not code: each class is the file entity-CLASS.txt of a
// language's folder (filters/lang/CODE, see language_data.hpp), folded by
// entity_key when it is read, so a file is written as the language writes
// ("Präsident", "déclaré"). Month and weekday names, and their
// abbreviations, are ICU's for the language's locale (DateFormatSymbols), not
// a list.
//
// A document's classes are its language's words and English's together:
// news in any language quotes English names and titles ("CEO", "Mr"), and a
// language with few or no files of its own is still read as well as English
// is. English ("en") and an undetermined language ("und") are English alone.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "word_set.hpp"

namespace winnow::filters::detail {

/// The word classes of one document language (English's words included, see
/// above). Each class's file is named after it: titles is entity-titles.txt.
/// The rules ask several classes about most words of a document, and most
/// words are in none: WordSet's screen turns those misses away cheaply.
struct EntityLexicon {
  /// The classes of these languages together, read from their files.
  explicit EntityLexicon(std::span<const std::string> languages);
  EntityLexicon(const EntityLexicon&) = delete;
  EntityLexicon& operator=(const EntityLexicon&) = delete;

  /// A title or role written before a name and not part of it: "colonel",
  /// "president", "minister", "secretary general", "mr"; "kanzlerin".
  WordSet titles;
  /// The last (or any) word of an organisation's name: "group", "council",
  /// "mission", "union", "watch", "forces", "institute", "party".
  WordSet organisation_heads;
  /// A word that makes a name a site or a geographic feature: "stadium",
  /// "dam", "lake", "river", "region", "province", "airport", "square".
  WordSet place_heads;
  /// A word that makes a name a place when it comes first: "Lake Chad",
  /// "Mount Kenya"; "Lago di Como", "Estádio do Dragão", "Puszcza Białowieska".
  WordSet leading_place_heads;
  /// A word that makes a name an event, a law, a product or a disease, which
  /// are no entities: "cup", "agreement", "act", "summit", "virus", "tour".
  WordSet non_entity_heads;
  /// Lower-case nouns after a name that make it the name of a disease, a law
  /// or an event: "Marburg virus", "the Algiers accords".
  WordSet named_thing_nouns;
  /// Hyphenated tails that tie a name to an actor: "Al-Qaeda-linked", "UN-backed".
  WordSet affiliation_tails;
  /// A lower-case particle inside a name: "de", "du", "des", "al", "van", "bin".
  WordSet particles;
  /// A lower-case word that may join two parts of one organisation's or
  /// place's name after a head word: "of", "for", "in", "to", "on", "the".
  WordSet connectors;
  /// The connectors of the document's language that English has not: the
  /// rules for English's connectors name each ("of", "in", "to"), and these
  /// join after a head word, as "of" does ("Ministerium für Wirtschaft").
  /// Empty for English.
  WordSet other_connectors;
  /// Compass and size words that make "South Kivu", "Upper Nile" a place.
  WordSet compass;
  /// Months and days of the week and their abbreviations (ICU's, and
  /// month-extras.txt and weekday-extras.txt), and holidays (entity-holidays.txt).
  WordSet calendar;
  /// Ethnic, religious and political groups named by a common noun:
  /// "muslims", "tuareg", "islamists", "jihadists". Not actors.
  WordSet groups;
  /// Capitalised acronyms that name no actor: "ai", "gdp", "ceo", "ngo", "hiv".
  WordSet non_entity_acronyms;
  /// Function words that are capitalised only at the start of a sentence or
  /// in a headline: "the", "in", "under", "instead", "this", "after".
  WordSet function_words;
  /// Verbs of speech that make the name before them an actor: "said", "told".
  WordSet speech_verbs;
  /// Prepositions that make an unknown name after them a place: "in", "near".
  WordSet place_prepositions;
  /// Lower-case nouns after a name that make it an organisation: "its
  /// Barkhane operation", "the Cocobod regulator", "Wagner mercenaries".
  WordSet actor_descriptors;
  /// Nouns that, with "of" after them, introduce a place: "village", "town".
  WordSet settlements;
  /// Articles and prepositions elided onto the next word ("l", "dell"): the
  /// language's elisions.txt, which the word normaliser reads too.
  WordSet elisions;
};

/// The word classes of a document in LANGUAGE (an ISO 639-1 code, "und", or
/// any folder's name): that language's and English's, built the first time a
/// document in it asks and kept for the life of the process (for_languages).
/// Safe to call from several threads; it takes a lock, so take it once per
/// document, not once per word.
[[nodiscard]] const EntityLexicon& entity_lexicon(std::string_view language);

}  // namespace winnow::filters::detail
