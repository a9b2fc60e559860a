// Boilerplate classifier: the furniture cues and the cue families, matched in one pass over the words.
// The words are the page languages' data files (BoilerplateLexicon); the families are code.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <span>
#include <unordered_map>
#include <utility>

#include "boilerplate_internal.hpp"

namespace winnow::filters::detail {
namespace {

constexpr double strong = 1.0;
constexpr double medium = 0.5;
constexpr double weak = 0.25;

bool cue_applies(const Cue& cue, std::size_t at, int word_count) {
  switch (cue.scope) {
    case Scope::anywhere: return true;
    case Scope::opening: return at == 0;
    case Scope::whole: return at == 0 && word_count <= cue.words + 2;
  }
  return false;
}

// Adds every lexicon cue found in `words` (each cue once, in the order they
// are found) and returns the vocabulary phrases it holds. A phrase starts
// with a space, and every space of `words` is visited, so a phrase is found
// exactly when `words` contains it.
PhrasesFound match_lexicon(std::string_view words, int word_count, const BoilerplateLexicon& lexicon,
                           CueResult& result) {
  const std::vector<Cue>& cues = lexicon.cues();
  std::vector<std::size_t> seen;  // few cues match a text: a search of them is cheaper than a flag per cue
  PhrasesFound phrases;
  for (std::size_t at = 0; at + 1 < words.size();) {
    const std::size_t end = words.find(' ', at + 1);
    if (const FirstWordEntry* found = lexicon.starting_with(words.substr(at + 1, end - at - 1))) {
      for (const std::size_t i : found->cues) {
        const Cue& cue = cues[i];
        if (words.compare(at, cue.phrase.size(), cue.phrase) != 0 || !cue_applies(cue, at, word_count)) continue;
        if (std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
        seen.push_back(i);
        result.add(cue.strength, cue.reason);
      }
      for (const auto& [vocabulary, i] : found->phrases) {
        if (words.compare(at, lexicon.phrase(vocabulary, i).size(), lexicon.phrase(vocabulary, i)) == 0)
          phrases.bits[vocabulary].set(i);
      }
    }
    at = end;
  }
  return phrases;
}

// Cookie banners in any wording: cookies + the reader addressed + a choice.
bool cookie_family(const PhrasesFound& found) {
  return found.any(cookie_vocabulary) && found.any(addressed_vocabulary) && found.any(choice_vocabulary);
}

// Embedded-post notices: the post is hidden until the reader allows it.
bool embed_family(const PhrasesFound& found) {
  return found.any(embed_vocabulary) && found.any(gate_vocabulary);
}

// Privacy panels without the word cookie: the reader addressed, and the
// vocabulary of data processing and settings.
bool privacy_family(const PhrasesFound& found) {
  return found.any(reader_vocabulary) && found.count(privacy_vocabulary) >= 2;
}

// "Jane Doe covers markets for ...", "Jane Doe is the Review's Brussels correspondent".
bool author_bio(std::string_view raw, const PhrasesFound& found, const BoilerplateLexicon& lexicon) {
  const auto verbs = lexicon.bio_verbs();
  const std::size_t name = name_run_length(raw, lexicon);
  if (name == 0 || std::count(raw.begin(), raw.begin() + static_cast<long>(name), ' ') < 1) return false;
  const std::string after = word_string(raw.substr(name));
  const bool verb_follows =
      std::any_of(verbs.begin(), verbs.end(), [&](std::string_view v) { return after.starts_with(v); });
  return verb_follows && found.any(beat_vocabulary);
}

// A date alone ("July 1, 2023") or in a byline of separated parts
// ("Jane Doe | Technology Editor | 1 August 2024").
bool dated_line(std::string_view words, const PhrasesFound& found, const Features& f) {
  const bool byline_shape = f.words <= 6 || (f.separators >= 1 && f.words <= 14 && !f.sentence_end);
  return byline_shape && found.any(month_vocabulary) &&
         std::any_of(words.begin(), words.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void CueResult::add(double strength, std::string_view reason) {
  weight += strength;
  if (reason == comment_family) comments = true;
  const std::string text = "cue: " + std::string(reason);
  if (std::find(reasons.begin(), reasons.end(), text) == reasons.end()) reasons.push_back(text);
}

CueResult match_cues(std::string_view raw, std::string_view words, const Features& features,
                     const BoilerplateLexicon& lexicon) {
  CueResult result;
  const PhrasesFound found = match_lexicon(words, features.words, lexicon, result);
  if (cookie_family(found)) {
    result.add(strong, "cookie consent");
    result.notice = true;
  }
  if (privacy_family(found)) result.add(strong, "privacy preferences");
  if (embed_family(found)) {
    result.add(strong, "social embed");
    result.notice = true;
  }
  if (features.words <= 12 && found.count(social_vocabulary) >= 2) result.add(strong, "share or follow");
  if (author_bio(raw, found, lexicon)) result.add(medium + weak, "author bio");
  if (dated_line(words, found, features)) result.add(medium, "byline");
  if (features.has_address) result.add(weak, "address");
  return result;
}

}  // namespace winnow::filters::detail
