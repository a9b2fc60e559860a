// Boilerplate classifier: the words it reads, from the language data files of
// the languages a page is read in (filters/lang/CODE/, see its README.md).
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "word_set.hpp"

namespace winnow::filters::detail {

/// Where a cue must sit: anywhere, opening the text, or filling it (the cue
/// plus at most two words: "Subscribe now", "Comment *").
enum class Scope { anywhere, opening, whole };

/// One cue of a cues.txt; the phrase is in word_string() form, padded with spaces.
struct Cue {
  std::string phrase;
  double strength = 0;
  Scope scope = Scope::anywhere;
  std::string reason;  ///< the family it is evidence of: "cookie consent"
  int words = 0;       ///< words in the phrase
};

/// The vocabularies the cue families count, each a cue-NAME.txt list (months
/// come from ICU): which of their phrases a text holds is found in the same
/// pass over its words as the cues.
enum Vocabulary : std::size_t {
  cookie_vocabulary,     ///< cue-cookie: "cookie", "cookies"
  addressed_vocabulary,  ///< cue-addressed: the reader or the site addressed ("you", "we")
  choice_vocabulary,     ///< cue-choices: what a banner asks ("accept", "manage")
  embed_vocabulary,      ///< cue-embeds: an embedded post named ("this content")
  gate_vocabulary,       ///< cue-gates: what unlocks it ("enable", "load")
  reader_vocabulary,     ///< cue-reader: the reader alone ("you", "your")
  privacy_vocabulary,    ///< cue-privacy: data processing ("personal data", "partners")
  beat_vocabulary,       ///< cue-beats: a journalist's beat ("correspondent", "covers")
  social_vocabulary,     ///< social-networks (language-independent): "facebook", "whatsapp"
  month_vocabulary,      ///< month names and abbreviations, from ICU, and month-extras
  vocabulary_count
};

/// The most phrases of one vocabulary that count (the rest of a longer list
/// are not read): PhrasesFound keeps a bit per phrase.
inline constexpr std::size_t max_vocabulary_phrases = 256;

/// Which phrases of each vocabulary a text holds.
struct PhrasesFound {
  std::array<std::bitset<max_vocabulary_phrases>, vocabulary_count> bits{};
  [[nodiscard]] int count(Vocabulary v) const { return static_cast<int>(bits[v].count()); }
  [[nodiscard]] bool any(Vocabulary v) const { return bits[v].any(); }
};

/// The cues and vocabulary phrases that open with one word.
struct FirstWordEntry {
  std::vector<std::size_t> cues;                              ///< indexes into cues(), in file order
  std::vector<std::pair<Vocabulary, std::uint32_t>> phrases;  ///< vocabulary, index in it
};

/// Everything the classifier reads of a language: the union of the lists of
/// the languages it was built for, loaded once.
class BoilerplateLexicon {
 public:
  explicit BoilerplateLexicon(std::span<const std::string> languages);
  BoilerplateLexicon(const BoilerplateLexicon&) = delete;
  BoilerplateLexicon& operator=(const BoilerplateLexicon&) = delete;

  /// Whether the page's own language (the first it is read in) writes
  /// headlines in title case (headline-style.txt says "title case").
  [[nodiscard]] bool title_case_headlines() const { return m_title_case_headlines; }
  /// A function word (stopwords.txt), lower case: prose is dense in them,
  /// menus and names are not (jusText's stop-word density).
  [[nodiscard]] bool is_stop_word(std::string_view word) const { return m_stop_words.contains(word); }
  /// A word of a consent or embed button ("accept", "manage", "my"; buttons.txt), lower case.
  [[nodiscard]] bool is_button_word(std::string_view word) const { return m_button_words.contains(word); }
  /// A verb that opens a button ("accept", "load"; button-verbs.txt), lower case.
  [[nodiscard]] bool is_button_verb(std::string_view word) const { return m_button_verbs.contains(word); }
  /// A verb after a name that opens an author's bio ("is", "covers"; bio-verbs.txt),
  /// in word_string() form: " covers ".
  [[nodiscard]] std::span<const std::string> bio_verbs() const { return m_bio_verbs; }
  /// An ad marker word as written ("Advertisement", "ANZEIGE"; ad-markers.txt
  /// holds them lower case, and a marker is written capitalised or in capitals).
  [[nodiscard]] bool is_ad_marker(std::string_view word) const;
  /// The length of the photo credit label opening text ("Photo:", "(Foto:";
  /// credit-labels.txt), 0 when none does.
  [[nodiscard]] std::size_t credit_label_length(std::string_view text) const;

  [[nodiscard]] const std::vector<Cue>& cues() const { return m_cues; }
  [[nodiscard]] std::string_view phrase(Vocabulary v, std::uint32_t i) const { return m_vocabularies[v][i]; }
  /// The cues and phrases whose first word is `word`, or nullptr.
  [[nodiscard]] const FirstWordEntry* starting_with(std::string_view word) const;

 private:
  bool m_title_case_headlines = false;
  WordSet m_stop_words;
  WordSet m_button_words;
  WordSet m_button_verbs;
  WordSet m_ad_markers;
  std::vector<std::string> m_bio_verbs;
  std::vector<std::string> m_credit_labels;  ///< "Photo", "Foto credit", longest first
  std::vector<Cue> m_cues;
  std::array<std::vector<std::string>, vocabulary_count> m_vocabularies;
  std::unordered_map<std::string, FirstWordEntry, WordHash, std::equal_to<>> m_first_words;
  FirstByteAndLength m_first_word_summary;
};

/// The lexicon of a set of languages (in any order, repeats allowed), built
/// the first time it is asked for and kept; thread-safe. Always holds the
/// language-independent lists of "mul".
[[nodiscard]] const BoilerplateLexicon& boilerplate_lexicon(std::span<const std::string> languages);

}  // namespace winnow::filters::detail
