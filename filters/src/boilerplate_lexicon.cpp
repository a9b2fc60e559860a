// Boilerplate classifier: its lexicon, read from the language data files and ICU's month names.
#include "boilerplate_lexicon.hpp"

#include <algorithm>

#include "boilerplate_internal.hpp"
#include "calendar_names.hpp"
#include "winnow/filters/language_data.hpp"

namespace winnow::filters::detail {
namespace {

/// The language-independent lists (social networks' names): ISO 639's code
/// for "multiple languages".
constexpr std::string_view shared_lists = "mul";

/// The list file each vocabulary is read from, in Vocabulary order; months
/// are ICU's, with month-extras beside them.
constexpr std::array<std::string_view, vocabulary_count> vocabulary_lists = {
    "cue-cookie", "cue-addressed", "cue-choices", "cue-embeds", "cue-gates",
    "cue-reader", "cue-privacy", "cue-beats", "social-networks", "month-extras"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

int phrase_words(std::string_view phrase) {
  return static_cast<int>(std::count(phrase.begin(), phrase.end(), ' ')) - 1;
}

std::string_view first_word(std::string_view phrase) { return phrase.substr(1, phrase.find(' ', 1) - 1); }

// "family | strength | where | phrase", as cues.txt has it; false for a line
// that does not parse, which is not read.
bool parse_cue(std::string_view line, Cue& cue) {
  std::array<std::string_view, 4> fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::size_t bar = i + 1 < fields.size() ? line.find('|') : line.size();
    if (bar == std::string_view::npos) return false;
    fields[i] = trimmed(line.substr(0, bar));
    line = line.substr(std::min(bar + 1, line.size()));
  }
  const auto [family, strength, where, phrase] = fields;
  if (strength == "strong") cue.strength = 1.0;
  else if (strength == "medium") cue.strength = 0.5;
  else if (strength == "weak") cue.strength = 0.25;
  else return false;
  if (where == "anywhere") cue.scope = Scope::anywhere;
  else if (where == "opening") cue.scope = Scope::opening;
  else if (where == "whole") cue.scope = Scope::whole;
  else return false;
  cue.phrase = word_string(phrase);
  cue.reason = std::string(family);
  cue.words = phrase_words(cue.phrase);
  return !family.empty() && cue.words > 0;
}

void add_phrase(std::vector<std::string>& phrases, std::string_view text) {
  std::string phrase = word_string(text);
  if (phrase.size() <= 2 || phrases.size() >= max_vocabulary_phrases) return;
  if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) phrases.push_back(std::move(phrase));
}

}  // namespace

BoilerplateLexicon::BoilerplateLexicon(std::span<const std::string> languages) {
  std::vector<std::string> codes(languages.begin(), languages.end());
  if (!codes.empty())
    for (const std::string& style : language_data(codes.front()).list("headline-style"))
      m_title_case_headlines = m_title_case_headlines || style == "title case";
  codes.emplace_back(shared_lists);
  for (const std::string& code : codes) {
    const LanguageData& data = language_data(code);
    // Words are looked up as word_string() writes them: "don't" is "don" and "t".
    const auto add_words = [&data](std::string_view list, WordSet& set) {
      for (const std::string& entry : data.list(list)) {
        const std::string words = word_string(entry);
        for (std::size_t at = 1; at < words.size();) {
          const std::size_t end = words.find(' ', at);
          if (end > at) set.add(words.substr(at, end - at));
          at = end + 1;
        }
      }
    };
    add_words("stopwords", m_stop_words);
    add_words("buttons", m_button_words);
    add_words("button-verbs", m_button_verbs);
    for (const std::string& entry : data.list("ad-markers")) m_ad_markers.add(word_string(entry));
    for (const std::string& entry : data.list("bio-verbs")) add_phrase(m_bio_verbs, entry);
    for (const std::string& entry : data.list("credit-labels")) m_credit_labels.push_back(entry);
    for (const std::string& line : data.list("cues")) {
      Cue cue;
      // A cue two languages share ("newsletter") counts once.
      const auto same = [&cue](const Cue& other) { return other.phrase == cue.phrase && other.scope == cue.scope; };
      if (parse_cue(line, cue) && std::none_of(m_cues.begin(), m_cues.end(), same)) m_cues.push_back(std::move(cue));
    }
    for (std::size_t v = 0; v < vocabulary_count; ++v)
      for (const std::string& entry : data.list(vocabulary_lists[v])) add_phrase(m_vocabularies[v], entry);
    if (code != shared_lists)
      for (const std::string& month : month_names(code)) add_phrase(m_vocabularies[month_vocabulary], month);
  }
  // Ad markers are kept as whole word strings (" advertisement ") so the
  // look-up takes the marker's word string; credit labels longest first, so
  // "Photo credit:" wins over "Photo".
  std::sort(m_credit_labels.begin(), m_credit_labels.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (std::size_t i = 0; i < m_cues.size(); ++i) m_first_words[std::string(first_word(m_cues[i].phrase))].cues.push_back(i);
  for (std::size_t v = 0; v < vocabulary_count; ++v)
    for (std::size_t i = 0; i < m_vocabularies[v].size(); ++i)
      m_first_words[std::string(first_word(m_vocabularies[v][i]))].phrases.emplace_back(
          static_cast<Vocabulary>(v), static_cast<std::uint32_t>(i));
  for (const auto& [word, entry] : m_first_words) m_first_word_summary.add(word);
}

bool BoilerplateLexicon::is_ad_marker(std::string_view word) const {
  // "Advertisement" or "ADVERTISEMENT", never "advertisement" in a sentence.
  if (word.empty() || word.front() < 'A' || word.front() > 'Z') return false;
  return m_ad_markers.contains(word_string(word));
}

std::size_t BoilerplateLexicon::credit_label_length(std::string_view text) const {
  const std::size_t bracket = text.starts_with('(') ? 1 : 0;
  for (const std::string& label : m_credit_labels) {
    const std::string_view rest = text.substr(bracket);
    if (rest.starts_with(label) && rest.substr(label.size()).starts_with(':')) return bracket + label.size() + 1;
  }
  return 0;
}

const FirstWordEntry* BoilerplateLexicon::starting_with(std::string_view word) const {
  if (!m_first_word_summary.may_hold(word)) return nullptr;
  const auto found = m_first_words.find(word);
  return found == m_first_words.end() ? nullptr : &found->second;
}

const BoilerplateLexicon& boilerplate_lexicon(std::span<const std::string> languages) {
  return for_languages<BoilerplateLexicon>(languages);
}

}  // namespace winnow::filters::detail
