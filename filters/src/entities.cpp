// Entity stage: see entities.hpp.
//
// How a name is found, in three passes over a document's content:
//  1. words (entity_words.cpp): each segment is cut into words that remember
//     their case, what separates them and whether a sentence starts there;
//  2. spans (entity_spans.cpp): runs of capitalised words (joined over "de", "of", "for" ... where
//     a head word such as "Mission" or "Republic" asks for it) are cut at
//     titles ("Colonel", "Secretary-General") and classified by the gazetteers
//     and the head words: place, actor, demonym, nothing (an event, a law), or
//     a lone word to decide later;
//  3. the document (here): acronyms join their expansions, surnames their full names,
//     lone words become places or actors only on evidence (context such as
//     "the village of", a verb of speech, repetition), and the mentions of one
//     entity are merged under one name.
// The words the passes look for (titles, head words, verbs of speech ...)
// are the document language's and English's, from filters/lang
// (entity_lexicon.hpp); its language's country names join the gazetteer.
#include "winnow/filters/entities.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "entity_lexicon.hpp"
#include "entity_spans.hpp"
#include "entity_tagger.hpp"
#include "entity_words.hpp"
#include "gazetteer.hpp"

namespace winnow::filters {
namespace {

using detail::Candidate;
using detail::add_candidate;
using detail::EntityLexicon;
using detail::EntityTagger;
using detail::NameTag;
using detail::NameType;
using detail::EntityWord;
using detail::Gazetteer;
using detail::Guess;
using detail::find_candidates;
using detail::Place;
using detail::PlaceLevel;
using detail::mark_name_like;
using detail::plain_common_word;
using detail::spaces_only;
using detail::split_words;

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
  DocumentEntities(const Gazetteer& gazetteer, const EntityLexicon& lexicon, const EntityTagger* tagger)
      : gazetteer_(gazetteer), lexicon_(lexicon), tagger_(tagger) {}

  void add_segment(std::string_view text) {
    std::vector<EntityWord> words = split_words(text);
    mark_name_like(text, words, gazetteer_, lexicon_);
    if (!tagger_) return find_candidates(gazetteer_, lexicon_, text, words, candidates_, order_);
    const detail::TaggerLine line{text, words, gazetteer_, lexicon_};
    const detail::TaggedWords tagged = tagger_->tag(line);
    const std::vector<NameTag>& tags = tagged.tags;
    // In a line of capitals every word looks like a name: the tagger says which are.
    const bool capitals = tagged.capitals;
    if (capitals)
      for (std::size_t w = 0; w < words.size(); ++w) words[w].name_like = tags[w].type != NameType::none;
    const std::size_t first_new = candidates_.size();
    find_candidates(gazetteer_, lexicon_, text, words, candidates_, order_);
    // The names the tagger finds where the rules saw none: "de Klerk", a team in a table.
    std::vector<bool> covered(words.size(), false);
    for (std::size_t c = first_new; c < candidates_.size(); ++c)
      for (std::size_t w = candidates_[c].first_word; w <= candidates_[c].last_word; ++w) covered[w] = true;
    for (std::size_t w = 0; w < words.size();) {
      const NameType type = tags[w].type;
      std::size_t last = w;
      while (last + 1 < words.size() && tags[last + 1].type == type && !tags[last + 1].begins) ++last;
      const bool named = type == NameType::person || type == NameType::organisation || type == NameType::place;
      if (named && tagger_only_name(words, w, last, capitals) && std::none_of(covered.begin() + static_cast<std::ptrdiff_t>(w),
                                covered.begin() + static_cast<std::ptrdiff_t>(last) + 1, [](bool c) { return c; }))
        add_candidate(gazetteer_, lexicon_, text, words, w, last, candidates_, order_);
      w = last + 1;
    }
    // What the tagger says of each candidate settles it, or drops it.
    const bool table = tagged.table;
    std::size_t kept = first_new;
    for (std::size_t c = first_new; c < candidates_.size(); ++c) {
      Candidate& candidate = candidates_[c];
      const std::size_t first = candidate.first_word;
      const std::size_t last = candidate.last_word;
      // "Plymouth 2 Preston 1", "Somerset 83 and 174": a score beside the name.
      const bool scored = table || (last + 1 < words.size() && words[last + 1].digits && spaces_only(words[last + 1].gap));
      if (!settle(candidate, type_over(tags, first, last), scored)) continue;
      if (kept != c) candidates_[kept] = std::move(candidate);
      ++kept;
    }
    candidates_.resize(kept);
  }

  Entities finish() {
    organisation_towns();
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
  // The type most of a candidate's words are tagged with; none unless at
  // least half of them are in a name.
  // Its context names a place: "the village of Ogota", or "in Gao" inside a sentence.
  static bool place_said(const Candidate& c) { return c.strong_place_context || (c.place_context && !c.sentence_start); }

  // Some word around it makes it an organisation or a person: a verb of
  // speech after it ("Meta said"), a noun or an appositive that names one, a
  // title before it, "by" before it.
  static bool acts(const Candidate& c) {
    return c.speech_after || c.descriptor_after || c.appositive || c.agent_before || c.title_before;
  }

  static NameType type_over(const std::vector<NameTag>& tags, std::size_t first, std::size_t last) {
    std::array<std::size_t, 5> counts{};
    for (std::size_t w = first; w <= last; ++w) ++counts[static_cast<std::size_t>(tags[w].type)];
    const auto named = static_cast<std::size_t>(std::max_element(counts.begin() + 1, counts.end()) - counts.begin());
    return 2 * counts[named] >= last - first + 1 ? static_cast<NameType>(named) : NameType::none;
  }

  // What the tagger decides (winnow(7), "Entities"). A candidate the
  // tagger finds no name in, or only another kind of name (an event, a
  // product), is dropped, unless it is a demonym ("Malian", which the tagger
  // reads as another kind of name) or a country or a region the gazetteer
  // knows, or a head word names it ("Islamic State", "Alau Dam"). Where the
  // gazetteer or a head word made the guess, the guess stands, except that
  // a place short of a country the tagger reads as an organisation may be
  // one (a club, a company: organisation_towns). Otherwise the tagger's person or
  // organisation is an actor, unless the context names a place ("in
  // Tinzaouatene"), and its place is a place, unless it is an acronym or a
  // full name ("Simon Adingra"). A lone common word ("Nice") still needs the
  // evidence the rules ask for. Returns false to drop the candidate.
  bool settle(Candidate& c, NameType type, bool scored) const {
    if (c.guess == Guess::demonym) return true;
    const bool named = type == NameType::person || type == NameType::organisation || type == NameType::place;
    const bool country_or_region = c.guess == Guess::place && c.place && c.place->level <= PlaceLevel::region;
    const bool head_word = c.by_head && !c.place;
    if (!named) return country_or_region || head_word;
    const bool said_place = place_said(c);
    if (c.by_head) {
      const bool town = c.guess == Guess::place && !country_or_region;
      c.organisation_town = town && type == NameType::organisation && !said_place;
      c.scored = scored;
      return true;  // a town the gazetteer names still needs the evidence a place asks for ("Nice")
    }
    if (c.guess == Guess::lone && plain_common_word(gazetteer_, c.key)) return true;
    // A lone word the tagger reads as a place, though no gazetteer knows
    // it and nothing around it says a place ("groups affiliated with
    // Al-Qaeda": the tagger learnt "Al-" from towns): an actor where it
    // acts as one, else too unsure to keep.
    if (type == NameType::place && !said_place && c.guess == Guess::lone && !gazetteer_.place(c.key)) {
      if (!c.listed_with_name && !acts(c)) return false;
      c.guess = Guess::actor;
      c.tagged = true;
      return true;
    }
    if (type == NameType::place || said_place) {
      const bool full_name = c.guess == Guess::actor && gazetteer_.known_name(c.word_keys.front());
      if (c.guess != Guess::acronym && !full_name) to_place(c);
    } else if (c.guess == Guess::lone) {
      c.guess = Guess::actor;
    }
    c.tagged = true;
    return true;
  }

  // A town the tagger reads as an organisation is one when some use of it
  // in the document acts as an organisation does: a score beside it
  // ("Plymouth 2 Preston 1"), a verb of speech after it ("Meta said"), a
  // noun or an appositive that makes it one, a title before it. Then every
  // such use is the organisation; "The army entered Gao" alone stays a place.
  // A place the tagger reads so at two uses or more, and at two in three
  // of all its uses, is one too when no use says the place, and so is a
  // county or a province read so once, right before a word in small
  // letters: cricket's counties ("Leicestershire beat Somerset"). A town
  // read so once is not: the tagger reads towns at a sentence's end as
  // organisations ("The army entered Gao").
  void organisation_towns() {
    struct Uses {
      unsigned all = 0;
      unsigned as_organisation = 0;
      bool place_said = false;
    };
    std::unordered_map<std::string, Uses> uses;
    for (const Candidate& c : candidates_) {
      Uses& u = uses[c.key];
      ++u.all;
      if (c.organisation_town) ++u.as_organisation;
      if (place_said(c)) u.place_said = true;
    }
    std::unordered_set<std::string> acting;
    for (const Candidate& c : candidates_) {
      if (!c.organisation_town) continue;
      const Uses& u = uses[c.key];
      const bool wider = c.place && c.place->level != PlaceLevel::city;
      const bool read_so = !u.place_said && ((u.as_organisation >= 2 && 3 * u.as_organisation >= 2 * u.all) ||
                                             (wider && c.word_after));
      if (read_so || c.scored || acts(c)) acting.insert(c.key);
    }
    for (Candidate& c : candidates_)
      if (c.organisation_town && acting.contains(c.key)) c.guess = Guess::actor;
  }

  void to_place(Candidate& c) const {
    if (c.guess == Guess::place) return;
    c.guess = Guess::place;
    c.place = gazetteer_.place(c.key);
  }

  // A name only the tagger sees must look like one: two words or more, or a
  // word that is no common word, or any word of a line in capitals.
  bool tagger_only_name(const std::vector<EntityWord>& words, std::size_t first, std::size_t last,
                        bool capitals) const {
    if (last > first || capitals) return true;
    const EntityWord& word = words[first];
    return word.key.size() >= 2 && !plain_common_word(gazetteer_, word.key) && (word.capitalised || word.camel);
  }

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
      return !(c.sentence_start && plain_common_word(gazetteer_, c.key)) || c.place_context;
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
    if (!c.tagged && !place_has_evidence(c)) return;
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
                                                  : c.word_keys.size() == 1 && !plain_common_word(gazetteer_, c.key);
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
  const EntityTagger* tagger_;  // nullptr: the rules alone
  std::vector<Candidate> candidates_;
  std::size_t order_ = 0;
  std::map<std::pair<EntityKind, std::string>, Merged> entities_;
  std::unordered_map<std::string, std::pair<EntityKind, std::string>> acronym_targets_;
  std::unordered_map<std::string, unsigned> mid_sentence_uses_;
  std::unordered_map<std::string, Evidence> evidence_;
};

// The language's tagger, and its gazetteer. The first document of a
// language on a thread loads them side by side (the gazetteer's lists took
// 40 ms, the tagger's model 11 ms), so that an indexing run with a few new
// files waits for the longer one alone; later documents find both loaded.
std::pair<const Gazetteer*, const EntityTagger*> language_tables(std::string_view language) {
  thread_local std::unordered_set<std::string> seen;
  if (seen.contains(std::string(language))) return {&Gazetteer::for_language(language), EntityTagger::for_language(language)};
  seen.emplace(language);
  std::future<const EntityTagger*> tagger =
      std::async(std::launch::async, [code = std::string(language)] { return EntityTagger::for_language(code); });
  const Gazetteer* gazetteer = &Gazetteer::for_language(language);
  return {gazetteer, tagger.get()};
}

}  // namespace

Entities extract_entities(const std::vector<Segment>& segments, std::string_view language) {
  // The language's tables once per document: the rules ask them about every word.
  const auto [gazetteer, tagger] = language_tables(language);
  DocumentEntities document(*gazetteer, detail::entity_lexicon(language), tagger);
  // The content segments of one line are read as one text: a sentence
  // break inside a name ("M. Butcher", "Bank of St. Louis") would cut it.
  std::string line_text;
  int line = -1;
  for (const Segment& segment : segments) {
    if (segment.label != Label::content) continue;
    if (segment.line != line && !line_text.empty()) {
      document.add_segment(line_text);
      line_text.clear();
    }
    line = segment.line;
    if (!line_text.empty()) line_text.push_back(' ');
    line_text += segment.text;
  }
  if (!line_text.empty()) document.add_segment(line_text);
  return document.finish();
}

Entities extract_entities(std::string_view content, std::string_view language) {
  return extract_entities(segment(content), language);
}

}  // namespace winnow::filters
