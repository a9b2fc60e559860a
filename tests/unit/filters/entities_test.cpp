// Unit tests for the entity stage: what is found, what is merged, and the
// false friends that are left alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/dates.hpp"
#include "winnow/filters/decode.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/filters/text.hpp"

#include "entity_lexicon.hpp"
#include "entity_tagger.hpp"
#include "entity_words.hpp"
#include "gazetteer.hpp"

using winnow::filters::Entities;
using winnow::filters::Entity;
using winnow::filters::entity_key;
using winnow::filters::extract_entities;

namespace {

const Entity* find(const std::vector<Entity>& list, const std::string& name) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const Entity& e) { return e.name == name; });
  return it == list.end() ? nullptr : &*it;
}

bool has_mention(const Entity* entity, const std::string& mention) {
  return entity && std::find(entity->mentions.begin(), entity->mentions.end(), mention) != entity->mentions.end();
}

std::vector<std::string> names(const std::vector<Entity>& list) {
  std::vector<std::string> out;
  for (const Entity& e : list) out.push_back(e.name);
  return out;
}

}  // namespace

TEST_CASE("entity keys fold case, accents and punctuation") {
  CHECK(entity_key("António Guterres") == "antonio guterres");
  CHECK(entity_key("ANTONIO  guterres") == "antonio guterres");
  CHECK(entity_key("Al-Qaeda") == entity_key("al Qaeda"));
  CHECK(entity_key("Côte d’Ivoire") == entity_key("Cote d'Ivoire"));
  CHECK(entity_key("Mali’s") == "mali");
  CHECK(entity_key("Ménaka") == entity_key("Menaka"));
}

TEST_CASE("people are found without their titles, and surnames join full names") {
  const Entities e = extract_entities(
      "UN Secretary-General António Guterres called for calm.\n"
      "Colonel Assimi Goïta leads the junta. Guterres said the mission would end.");
  const Entity* guterres = find(e.actors, "António Guterres");
  REQUIRE(guterres);
  CHECK(has_mention(guterres, "Guterres"));
  CHECK(guterres->count == 2);
  CHECK(find(e.actors, "Assimi Goïta"));
  CHECK(find(e.actors, "UN"));
  CHECK_FALSE(find(e.actors, "Colonel Assimi Goïta"));
  CHECK_FALSE(find(e.actors, "Guterres"));
}

TEST_CASE("an acronym joins its expansion, in either order") {
  const Entities e = extract_entities(
      "The United Nations Security Council (UNSC) voted on Friday. The UNSC resolution passed.\n"
      "MINUSMA (United Nations Multidimensional Integrated Stabilization Mission in Mali) will leave.");
  const Entity* council = find(e.actors, "United Nations Security Council");
  REQUIRE(council);
  CHECK(has_mention(council, "UNSC"));
  CHECK(std::find(council->alias_keys.begin(), council->alias_keys.end(), "unsc") != council->alias_keys.end());
  // A long expansion gives way to its acronym as the name shown.
  const Entity* mission = find(e.actors, "MINUSMA");
  REQUIRE(mission);
  CHECK(has_mention(mission, "United Nations Multidimensional Integrated Stabilization Mission in Mali"));
  // Longest name wins: Mali inside the mission's name is no place here.
  CHECK_FALSE(find(e.places, "Mali"));
}

TEST_CASE("organisations are found by their head words and a first word joins them") {
  const Entities e = extract_entities(
      "Human Rights Watch has condemned the killings. Fighters of the Wagner Group were seen.\n"
      "Witnesses said Wagner fighters took part.");
  CHECK(find(e.actors, "Human Rights Watch"));
  const Entity* wagner = find(e.actors, "Wagner Group");
  REQUIRE(wagner);
  CHECK(has_mention(wagner, "Wagner"));
}

TEST_CASE("places come from the gazetteers, with their canonical names") {
  const Entities e = extract_entities(
      "Troops left Gao and Menaka for Bamako. Ivory Coast and the Russian Federation sent envoys.");
  CHECK(find(e.places, "Gao"));
  CHECK(find(e.places, "Ménaka"));
  CHECK(find(e.places, "Bamako"));
  CHECK(has_mention(find(e.places, "Côte d'Ivoire"), "Ivory Coast"));
  CHECK(has_mention(find(e.places, "Russia"), "Russian Federation"));
}

TEST_CASE("demonyms count as their country") {
  const Entities e = extract_entities("Malian forces and Russian mercenaries advanced on the town.");
  CHECK(has_mention(find(e.places, "Mali"), "Malian"));
  CHECK(has_mention(find(e.places, "Russia"), "Russian"));
  CHECK(e.actors.empty());
}

TEST_CASE("places no list knows are found from their context") {
  const Entities e = extract_entities(
      "Soldiers entered the village of Ogota at dawn. Later they reached the town of Moura.");
  CHECK(find(e.places, "Ogota"));
  CHECK(find(e.places, "Moura"));
  CHECK(e.actors.empty());
}

TEST_CASE("common words that are also place names are no places by themselves") {
  const Entities e = extract_entities(
      "Reading the report, officials were worried. Nice weather helped.\n"
      "The results were Mixed and Mobile teams had to Split up. Of the ten, two left.");
  INFO(Catch::Detail::stringify(names(e.places)));
  CHECK(e.places.empty());
  const Entities in_context = extract_entities("The stage finished in Nice on Sunday.");
  CHECK(find(in_context.places, "Nice"));
}

TEST_CASE("sentence-initial capitals are no names") {
  const Entities e = extract_entities(
      "Instead, the talks stalled. Under pressure, the council met. Meanwhile prices rose.");
  CHECK(e.actors.empty());
  CHECK(e.places.empty());
}

TEST_CASE("events, laws and diseases are no entities, nor anything inside them") {
  const Entities e = extract_entities(
      "Fans celebrated the Africa Cup of Nations. The Paris Agreement set targets.\n"
      "The Marburg virus spread. They finished the Tour de France.");
  INFO(Catch::Detail::stringify(names(e.places)));
  CHECK(e.actors.empty());
  CHECK_FALSE(find(e.places, "Paris"));
  CHECK_FALSE(find(e.places, "France"));
  CHECK_FALSE(find(e.places, "Africa"));
}

TEST_CASE("the issuer of a document is named") {
  const Entities e = extract_entities(
      "The mission was set up by United Nations Security Council Resolution 2100. "
      "According to a Human Rights Watch report, dozens died.");
  CHECK(find(e.actors, "United Nations Security Council"));
  CHECK(find(e.actors, "Human Rights Watch"));
}

TEST_CASE("only content segments are read") {
  auto segments = winnow::filters::segment("Photo: Aguelhock market. Credit AllAfrica\nThe army entered Gao.\n");
  for (auto& s : segments)
    if (s.line == 1) s.label = winnow::filters::Label::boilerplate;
  const Entities e = extract_entities(segments);
  CHECK(find(e.places, "Gao"));
  CHECK_FALSE(find(e.places, "Aguelhock"));
  CHECK(e.actors.empty());
}

TEST_CASE("entities are listed most mentioned first") {
  const Entities e = extract_entities("Kidal is far from Gao. Gao lies on the river; Gao has a market.");
  REQUIRE(e.places.size() == 2);
  CHECK(e.places[0].name == "Gao");
  CHECK(e.places[0].count == 3);
}

TEST_CASE("particles in a row stay in a name; a capitalised dateline is a place") {
  const Entities e = extract_entities(
      "BERLIN - Commission President Ursula von der Leyen spoke on Thursday.");
  INFO(Catch::Detail::stringify(names(e.actors)));
  CHECK(find(e.actors, "Ursula von der Leyen"));
  CHECK_FALSE(find(e.actors, "Ursula"));
  CHECK(has_mention(find(e.places, "Berlin"), "BERLIN"));
  CHECK_FALSE(find(e.actors, "BERLIN"));
}

TEST_CASE("an appositive makes a lone name an actor") {
  const Entities e = extract_entities(
      "Prices rose again.\nSafaricom, the country's largest company, reported lower profits.");
  CHECK(find(e.actors, "Safaricom"));
}

namespace {

// Everything the filter stages say about one file, as text: the indexer's
// worker threads call them all, in this order.
std::string all_stages(const std::string& bytes, const std::string& language) {
  namespace f = winnow::filters;
  std::ostringstream out;
  const f::DecodeResult decoded = f::decode(bytes);
  if (!decoded.decoded) return decoded.problem;
  const std::vector<f::Segment> segments = f::classify(f::segment(decoded.decoded->text));
  for (const f::Segment& s : segments) {
    out << s.line << ' ' << f::label_name(s.label) << ' ' << s.score << ' ' << s.text << ' '
        << s.fingerprint.value_or(0);
    for (const auto& reason : s.reasons) out << " [" << reason << ']';
    for (const auto& token : f::tokenise(s.text)) out << ' ' << token.position << ':' << token.term;
    out << '\n';
  }
  if (const auto date = f::article_date(segments)) out << date->iso() << '\n';
  const Entities entities = f::extract_entities(segments, language);
  for (const auto* list : {&entities.actors, &entities.places})
    for (const Entity& e : *list) {
      out << e.name << '|' << e.key << '|' << e.count;
      for (const auto& mention : e.mentions) out << '|' << mention;
      for (const auto& alias : e.alias_keys) out << '|' << alias;
      out << '\n';
    }
  return out.str();
}

}  // namespace

TEST_CASE("every filter stage gives the same results on several threads") {
  // The indexer runs decode..entities and tokenise on worker threads: the
  // stages' caches (break iterators, date parsers, gazetteer, cue index,
  // each language's word classes and country names) must be per thread or
  // immutable once built. The threads start first, so that (with ctest, one
  // test case per process) they also build the shared tables at the same time.
  std::vector<std::pair<std::string, std::string>> files;  // bytes, language
  const auto add_folder = [&files](const std::filesystem::path& folder, const std::string& language) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      files.emplace_back(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), language);
    }
  };
  add_folder(WINNOW_CORPUS, "en");
  REQUIRE(files.size() >= 5);
  for (const std::string language : {"de", "fr", "es", "it", "pt", "nl", "pl"})
    add_folder(std::filesystem::path(WINNOW_TEST_DATA) / "langs" / language, language);
  files.emplace_back("Søren Łódź, Ελληνικά, the Goïta’s “peace-keeping” U.S. mission, 1 July 2024.", "und");

  constexpr std::size_t thread_count = 4;
  constexpr int rounds = 5;
  // results[t][round * files + file]
  std::vector<std::vector<std::string>> results(thread_count);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] {
      std::vector<std::string> mine(rounds * files.size());
      for (int round = 0; round < rounds; ++round)
        for (std::size_t i = 0; i < files.size(); ++i) {
          const std::size_t file = (i + t) % files.size();  // threads work on different files at once
          mine[static_cast<std::size_t>(round) * files.size() + file] = all_stages(files[file].first, files[file].second);
        }
      results[t] = std::move(mine);
    });
  for (auto& thread : threads) thread.join();

  int mismatches = 0;
  for (std::size_t file = 0; file < files.size(); ++file) {
    const std::string expected = all_stages(files[file].first, files[file].second);
    for (const auto& mine : results)
      for (int round = 0; round < rounds; ++round)
        if (mine[static_cast<std::size_t>(round) * files.size() + file] != expected) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("a country named in the document's language is the country, by its English name") {
  // iso-codes' translations of ISO 3166-1 (its gettext catalogues).
  const Entities german = extract_entities("Die Regierung in Deutschland plant neue Gesetze.", "de");
  CHECK(has_mention(find(german.places, "Germany"), "Deutschland"));
  const Entities french = extract_entities("Le gouvernement en Allemagne prépare de nouvelles lois.", "fr");
  CHECK(has_mention(find(french.places, "Germany"), "Allemagne"));
  // Another language's name is no place of an English article.
  const Entities english = extract_entities("The talks in Deutschland went on.", "en");
  CHECK_FALSE(find(english.places, "Germany"));
}

TEST_CASE("a German article's titles, verbs of speech and function words are German's") {
  const Entities e = extract_entities(
      "Bundeskanzler Olaf Scholz sagte in Berlin, die Regierung werde handeln.\n"
      "Nach der Bundestagswahl bildete sich eine neue Koalition.",
      "de");
  CHECK(find(e.actors, "Olaf Scholz"));  // the title cut off
  CHECK_FALSE(find(e.actors, "Bundeskanzler Olaf Scholz"));
  CHECK(find(e.places, "Berlin"));
  // "Nach" and "der" start no name, and an election is no actor.
  CHECK_FALSE(find(e.actors, "Nach der Bundestagswahl"));
  CHECK_FALSE(find(e.actors, "Bundestagswahl"));
  // Read as English, the German title is part of the name.
  CHECK(find(extract_entities("Bundeskanzler Olaf Scholz sagte in Berlin etwas.", "en").actors,
             "Bundeskanzler Olaf Scholz"));
}

TEST_CASE("a French article's titles and elisions are French's") {
  const Entities e = extract_entities(
      "Le président Emmanuel Macron a déclaré à Paris que l’Allemagne restait un partenaire.\n"
      "Selon l’Agence France-Presse, la ministre Catherine Vautrin a confirmé la visite en Côte d’Ivoire.",
      "fr");
  CHECK(find(e.actors, "Emmanuel Macron"));
  CHECK(find(e.actors, "Catherine Vautrin"));
  CHECK(find(e.places, "Paris"));
  // l’Allemagne is Allemagne, the place Germany; inside a name the elision stays.
  CHECK(has_mention(find(e.places, "Germany"), "Allemagne"));
  CHECK(find(e.places, "Côte d'Ivoire"));
  CHECK(find(e.actors, "Agence France-Presse"));
  CHECK(names(e.actors) == std::vector<std::string>{"Emmanuel Macron", "Agence France-Presse", "Catherine Vautrin"});
}

TEST_CASE("English words are read in every language, and und is English") {
  // English titles and names turn up in news in any language.
  const Entities german = extract_entities("Der Besuch von Mr Haq in Bamako war kurz.", "de");
  CHECK(find(german.actors, "Haq"));
  const Entities undetermined = extract_entities("Colonel Assimi Goïta said so.", "und");
  CHECK(find(undetermined.actors, "Assimi Goïta"));
}

TEST_CASE("month and weekday names are ICU's for the document's language, and no actors") {
  // Named twice inside sentences, an unknown capitalised word would be an actor.
  CHECK(extract_entities("Die Wahl ist im März, und im März wird gezählt, am Montag und am Montag.", "de")
            .actors.empty());
  CHECK(extract_entities("Le vote a lieu en janvier, puis en Janvier encore, le Lundi et le Lundi.", "fr")
            .actors.empty());
  // The abbreviations papers use that ICU lacks (month-extras.txt, weekday-extras.txt).
  CHECK(extract_entities("Talks began on Tues and again on Tues, then Thurs and Thurs, until Sept and Sept.")
            .actors.empty());
}

// ------------------------------------------------------------ the tagger

namespace {

namespace wd = winnow::filters::detail;

// Trains a model on a few lines, each word tagged by its letter in `tags`
// (O outside, P person, G organisation, L place), and reads it back.
wd::EntityTagger tiny_model(const std::vector<std::pair<std::string, std::string>>& lines, unsigned epochs) {
  const auto& gazetteer = wd::Gazetteer::for_language("en");
  const auto& lexicon = wd::entity_lexicon("en");
  wd::EntityTaggerTrainer trainer;
  for (const auto& [text, letters] : lines) {
    auto words = wd::split_words(text);
    wd::mark_name_like(text, words, gazetteer, lexicon);
    std::vector<wd::NameTag> tags;
    for (std::size_t w = 0; w < words.size(); ++w) {
      const char letter = letters.at(w);
      const auto type = letter == 'P' ? wd::NameType::person : letter == 'G' ? wd::NameType::organisation
                        : letter == 'L' ? wd::NameType::place : wd::NameType::none;
      tags.push_back({type, type != wd::NameType::none && (w == 0 || letters[w - 1] != letter)});
    }
    trainer.add_line(wd::line_features({text, words, gazetteer, lexicon}), tags);
  }
  for (unsigned e = 1; e <= epochs; ++e) (void)trainer.epoch(e);
  return trainer.averaged(1);
}

std::string tag_letters(const wd::EntityTagger& tagger, const std::string& text) {
  const auto& gazetteer = wd::Gazetteer::for_language("en");
  const auto& lexicon = wd::entity_lexicon("en");
  auto words = wd::split_words(text);
  wd::mark_name_like(text, words, gazetteer, lexicon);
  std::string out;
  for (const auto& tag : tagger.tag({text, words, gazetteer, lexicon}).tags) {
    out.push_back(tag.type == wd::NameType::person ? 'P' : tag.type == wd::NameType::organisation ? 'G'
                  : tag.type == wd::NameType::place ? 'L' : 'O');
  }
  return out;
}

}  // namespace

TEST_CASE("the tagger learns its training lines, and the model it writes reads back the same") {
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"Anna Berg of Acme Corp said prices rose in Oslo.", "PPOGGOOOOL"},
      {"In Lima, Carl Dahl told Zeta Bank of the plan.", "OLPPOGGOOO"},
      {"Prices fell in Quito, Eva Lund said.", "OOOLPPO"},
  };
  const wd::EntityTagger tagger = tiny_model(lines, 8);
  for (const auto& [text, letters] : lines) CHECK(tag_letters(tagger, text) == letters);
  // Written and read again, the model tags as the trainer's averaged one.
  const wd::EntityTagger again = tiny_model(lines, 8);
  CHECK(tag_letters(again, "Anna Berg told Acme Corp of Lima.") == tag_letters(tagger, "Anna Berg told Acme Corp of Lima."));
}

TEST_CASE("a damaged entity model is refused with what is wrong with it") {
  const auto refused = [](const std::string& text) {
    std::istringstream in(text);
    try {
      wd::EntityTagger tagger(in);
    } catch (const std::runtime_error& error) {
      return std::string(error.what());
    }
    return std::string("read");
  };
  CHECK(refused("not a model\n").find("not an entity model") != std::string::npos);
  CHECK(refused("winnow-entity-tagger 1\nO 1 2 3\n").find("transition row is short") != std::string::npos);
  CHECK(refused("winnow-entity-tagger 1\n").find("ends inside the transitions") != std::string::npos);
}

TEST_CASE("a headline in capitals gives its names, not the sport's") {
  // With the shipped English model: case says nothing in a line of capitals.
  const Entities e = extract_entities(
      "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\n"
      "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria on Friday.\n");
  CHECK(find(e.actors, "SOCCER") == nullptr);
  CHECK(find(e.places, "Japan") != nullptr);
  CHECK(find(e.places, "China") != nullptr);
  CHECK(find(e.places, "Syria") != nullptr);
}

TEST_CASE("the teams of a results table are actors, though named after their towns") {
  const Entities e = extract_entities(
      "English league results on Saturday:\n"
      "Plymouth 2 Preston 1\n"
      "Walsall 1 Wrexham 2\n"
      "Bristol Rovers 0 Millwall 3\n");
  CHECK(find(e.actors, "Plymouth") != nullptr);
  CHECK(find(e.actors, "Wrexham") != nullptr);
  CHECK(find(e.actors, "Bristol Rovers") != nullptr);
  CHECK(find(e.places, "Plymouth") == nullptr);
}

TEST_CASE("counties the tagger reads as teams are actors, unless the article says the place") {
  // County cricket: the counties are the teams. Where the same article
  // puts a county's name after "in", it is the place.
  const Entities cricket = extract_entities(
      "West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset by an "
      "innings and 39 runs in two days to take over at the head of the county championship.\n"
      "Trailing by 213, Somerset got a solid start to their second innings before Simmons bundled them out.\n");
  CHECK(find(cricket.actors, "Leicestershire") != nullptr);
  CHECK(find(cricket.places, "Leicestershire") == nullptr);
  const Entities floods = extract_entities(
      "Floods closed roads in Somerset on Friday, and the county council said Somerset would need weeks to "
      "repair them.\n");
  CHECK(find(floods.places, "Somerset") != nullptr);
  CHECK(find(floods.actors, "Somerset") == nullptr);
}

TEST_CASE("a word the tagger takes for a place that no gazetteer knows needs a place's context") {
  // The tagger learnt "Al-" from towns; Al-Qaeda, listed with another
  // group, acts as an organisation. "In Kidira", a town too small for the
  // gazetteer, is said to be a place.
  const Entities e = extract_entities(
      "Malian forces have intensified operations against jihadist groups affiliated with Al-Qaeda and ISIS.\n"
      "Traders crossed the border at the market in Kidira on Monday.\n");
  CHECK(find(e.places, "Al-Qaeda") == nullptr);
  CHECK(find(e.actors, "Al-Qaeda") != nullptr);
  CHECK(find(e.places, "Kidira") != nullptr);
}

TEST_CASE("in German, where every noun is capitalised, the German tagger keeps the names alone") {
  // Read by the rules alone, capitalised nouns ("Schulen", "Ausbildung",
  // "Mieten") become actors; the language's tagger tells them from names.
  const Entities e = extract_entities(
      "Schulen bereiten Erstwähler auf die Bundestagswahl vor\n"
      "Wenige Wochen vor der Bundestagswahl nutzen viele Schulen in Nordrhein-Westfalen den Unterricht, um junge "
      "Menschen auf ihre erste Stimmabgabe vorzubereiten. In Köln, Bochum und Münster haben Lehrkräfte "
      "Probeabstimmungen organisiert.\n"
      "\u201eViele wissen gar nicht, was der Unterschied zwischen Erststimme und Zweitstimme ist\u201c, sagt Markus "
      "Behrendt, der an einem Gymnasium in Bochum Politik unterrichtet. Die Wahl sei kein abstraktes Ereignis, "
      "sondern betreffe Fragen wie Ausbildung, Mieten und Klimaschutz ganz direkt.\n"
      "Das Schulministerium in Düsseldorf verweist auf das Neutralitätsgebot. Nach Angaben des Ministeriums haben "
      "sich bereits mehr als 400 Schulen für das Programm angemeldet.\n",
      "de");
  INFO(Catch::Detail::stringify(names(e.actors)));
  CHECK(find(e.actors, "Markus Behrendt") != nullptr);
  CHECK(find(e.places, "Köln") != nullptr);
  CHECK(find(e.places, "Düsseldorf") != nullptr);
  for (const char* noun : {"Schulen", "Ausbildung", "Mieten", "Lehrkräfte"}) {
    INFO(noun);
    CHECK(find(e.actors, noun) == nullptr);
  }
}
