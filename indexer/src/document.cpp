// Document builder: terms, values and stored fields of one indexed file.
#include "winnow/index/document.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "fingerprint_table.hpp"
#include "stories.hpp"
#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace {

// The content term ("Z" + stem) of each word, as this thread made them for
// one language. Snowball takes a few hundred instructions a word and an
// article repeats most of its words, so stemming was 10% of what indexing a
// file cost (callgrind, 400 bench files); a look-up here is a hash of the
// word. Cleared when it grows past `most_words`, so its memory stays bounded.
class ContentTerms {
 public:
  explicit ContentTerms(const Xapian::Stem& stemmer) : m_stemmer(stemmer) {}

  const std::string& of(const std::string& word) {
    if (m_terms.size() >= most_words) m_terms.clear();
    const auto [found, added] = m_terms.try_emplace(word);
    if (added) found->second = schema::prefixed(schema::stem_prefix, m_stemmer(word));
    return found->second;
  }

 private:
  static constexpr std::size_t most_words = 1 << 17;
  const Xapian::Stem& m_stemmer;
  std::unordered_map<std::string, std::string> m_terms;
};

ContentTerms& content_terms_for(const std::string& language) {
  thread_local std::map<std::string, ContentTerms, std::less<>> per_language;
  auto found = per_language.find(language);
  if (found == per_language.end()) found = per_language.try_emplace(language, schema::stemmer_for(language)).first;
  return found->second;
}

// Stemmed words with positions, and no unstemmed copy (Xapian's STEM_ALL_Z):
// one term per word instead of two halves what the index writes, and phrases
// match on stems too ("peacekeeper killed" finds "peacekeepers killed").
// Numbers go through the stemmer unchanged and get the same prefix, as the
// query parser gives them. A one-position gap between segments keeps phrases
// from matching across a paragraph or across removed boilerplate. Each
// occurrence adds the article's occurrence weight to the wdf, which needs the
// article's length first: the words are gathered, then added.
void add_content_terms(Xapian::Document& document, const PreparedDocument& prepared) {
  ContentTerms& terms = content_terms_for(prepared.text_language);
  const filters::TextRules rules = filters::text_rules(prepared.text_language);
  std::vector<filters::Token> words;
  std::uint32_t position = 1;
  for (const auto& segment : prepared.segments) {
    if (segment.label != filters::Label::content) continue;
    for (auto& token : filters::tokenise(segment.text, position, rules)) {
      position = token.position + 1;
      words.push_back(std::move(token));
    }
    position += 1;
  }
  const Xapian::termcount weight = schema::occurrence_weight(words.size());
  for (const auto& word : words) {
    document.add_posting(terms.of(word.term), word.position, weight);
  }
}

void add_fingerprints(Xapian::Document& document, const PreparedDocument& prepared) {
  std::vector<detail::Fingerprint> fingerprints;
  for (const auto& segment : prepared.segments)
    if (segment.fingerprint) fingerprints.push_back(*segment.fingerprint);
  if (!fingerprints.empty()) {
    document.add_value(schema::fingerprints_slot, detail::encode_fingerprints(std::move(fingerprints)));
  }
}

// Adds a boolean term unless it would pass Xapian's term length limit.
void add_term_if_fits(Xapian::Document& document, const std::string& term) {
  if (term.size() <= schema::max_term_bytes) document.add_boolean_term(term);
}

// Facet, spelling and alias terms of one kind of entity, and its slot value,
// which it returns.
std::string add_entity_terms(Xapian::Document& document, const std::vector<filters::Entity>& entities,
                             const schema::EntitySchema& kind) {
  std::vector<std::string> keys;
  for (const auto& entity : entities) {
    if (entity.key.empty()) continue;  // a name with no letter or digit
    keys.push_back(entity.key);
    add_term_if_fits(document, schema::prefixed(kind.facet_prefix, entity.key));
    // The spelling is only shown, so a long one is cut rather than dropped.
    // (Keys are at most filters::max_entity_key_bytes, so there is room for a name.)
    const std::size_t room = schema::max_term_bytes - kind.name_prefix.size() - entity.key.size() - 1;
    add_term_if_fits(document, schema::prefixed(kind.name_prefix,
                                                schema::joined_pair(entity.key, filters::utf8::cut(entity.name, room))));
    for (const auto& alias : entity.alias_keys) {
      if (alias.empty() || alias == entity.key) continue;
      add_term_if_fits(document, schema::prefixed(kind.alias_prefix, schema::joined_pair(alias, entity.key)));
      add_term_if_fits(document,
                       schema::prefixed(kind.alias_reverse_prefix, schema::joined_pair(entity.key, alias)));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::string value;
  for (const auto& key : keys) {
    if (!value.empty()) value += schema::key_separator;
    value += key;
  }
  if (!value.empty()) document.add_value(kind.slot, value);
  return value;
}

nlohmann::json entity_names(const std::vector<filters::Entity>& entities) {
  nlohmann::json names = nlohmann::json::array();
  for (const auto& entity : entities) names.push_back(entity.name);
  return names;
}

}  // namespace

Xapian::Document build_document(const PreparedDocument& prepared, bool store_mtime) {
  Xapian::Document document;
  add_content_terms(document, prepared);
  add_fingerprints(document, prepared);
  if (prepared.story_signature) {
    document.add_value(schema::story_signature_slot, detail::encode_signature(*prepared.story_signature));
  }
  document.add_boolean_term(schema::unique_id_term(prepared.file.path));
  document.add_boolean_term(schema::prefixed(schema::language_prefix, prepared.language.code));
  document.add_boolean_term(schema::prefixed(schema::text_language_prefix, prepared.text_language));
  document.add_value(schema::language_slot, prepared.language.code);
  const std::string actors = add_entity_terms(document, prepared.entities.actors, schema::actor_schema);
  const std::string places = add_entity_terms(document, prepared.entities.places, schema::place_schema);
  std::string facets;
  facets.reserve(actors.size() + places.size() + 2 + prepared.language.code.size());
  facets.append(actors).append(1, schema::kinds_separator).append(places);
  facets.append(1, schema::kinds_separator).append(prepared.language.code);
  document.add_value(schema::entities_slot, facets);

  const std::string date = prepared.date ? prepared.date->iso() : std::string();
  if (prepared.date) document.add_value(schema::date_slot, prepared.date->sortable());
  document.add_value(schema::mtime_slot, std::to_string(store_mtime ? prepared.file.mtime_ns : 0));
  document.add_value(schema::size_slot, std::to_string(prepared.file.size));
  document.add_value(schema::content_hash_slot, schema::hex64(prepared.content_hash));
  document.add_value(schema::path_slot, prepared.file.path);
  document.add_value(schema::content_slot, prepared.content);

  const nlohmann::json data = {{"path", prepared.file.path},
                               {"title", prepared.title},
                               {"date", date},
                               {"actors", entity_names(prepared.entities.actors)},
                               {"places", entity_names(prepared.entities.places)},
                               {"lang", prepared.language.code},
                               {"lang_confidence", prepared.language.confidence},
                               {"text_lang", prepared.text_language}};
  // Invalid UTF-8 cannot reach here (the decoder repairs it), but never let
  // one odd byte abort a whole batch: replace rather than throw.
  document.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return document;
}

}  // namespace winnow::index
