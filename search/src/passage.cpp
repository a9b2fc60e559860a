// The passage shown under a result: see passage.hpp.
#include "winnow/search/passage.hpp"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "winnow/filters/chars.hpp"
#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/searcher.hpp"

namespace winnow::search {
namespace {

constexpr std::string_view omit = "…";
constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool ascii_word_byte(unsigned char byte) {
  return filters::chars::is_ascii_alnum(byte) || filters::chars::is_in_word_apostrophe(byte);
}

// A passage's words are written with their in-word apostrophes ("Mali’s"),
// as the indexer's words were before normalising dropped them.
bool is_passage_word_char(UChar32 c) { return filters::chars::is_word_char(c) || filters::chars::is_in_word_apostrophe(c); }

// Length in bytes of the character at text[at] when it is a letter, digit,
// mark or apostrophe that is not ASCII, or 0. Out of line: inlined into the
// walk over a text's bytes, the rare case made the common one 4% slower.
[[gnu::noinline]] std::size_t wide_word_char_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  return is_passage_word_char(filters::utf8::next(text, end)) ? end - at : 0;
}

// What a byte can be in a word: not at all (spaces, punctuation), an ASCII
// letter, digit or apostrophe (a word character of one byte), or a byte of
// a character that is not ASCII, which may be a letter.
enum ByteKind : unsigned char { not_word = 0, ascii_word = 1, maybe_wide = 2 };

constexpr std::array<ByteKind, 256> byte_kinds = [] {
  std::array<ByteKind, 256> kinds{};
  for (unsigned c = 0; c < kinds.size(); ++c) {
    kinds[c] = c >= 0x80 ? maybe_wide : ascii_word_byte(static_cast<unsigned char>(c)) ? ascii_word : not_word;
  }
  return kinds;
}();

// Whether text[at] is a ',' or '.' between two digits: inside a number
// ("1,000", "3.5"), which is one word, as the indexer's words are.
bool number_separator_at(std::string_view text, std::size_t at) {
  return at > 0 && at + 1 < text.size() && (text[at] == ',' || text[at] == '.') && is_digit(text[at - 1]) &&
         is_digit(text[at + 1]);
}

// The length of the word character at text[at], or 0.
std::size_t word_char_length(std::string_view text, std::size_t at) {
  const ByteKind kind = byte_kinds[static_cast<unsigned char>(text[at])];
  return kind == maybe_wide ? wide_word_char_length(text, at) : static_cast<std::size_t>(kind);
}

// Whether a word starting with the word character at text[at] starts there:
// the character before it is no word character, and no separator inside a
// number.
bool word_starts_at(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  const auto before = static_cast<unsigned char>(text[at - 1]);
  if (before < 0x80) return byte_kinds[before] != ascii_word && !number_separator_at(text, at - 1);
  // A character that is not ASCII: the one that ends where this word starts.
  return !is_passage_word_char(filters::utf8::before(text, at));
}

// Finds the next byte that a table of 256 allows. Most of a text's bytes
// start no word that can match, and passing over them one look-up at a time
// was nearly all of a passage's cost. When the table allows a few ASCII
// letters in either case (a query's first letters), the apostrophe and the
// first byte of every character that is not ASCII, sixteen bytes are
// compared at once; any other table is walked byte by byte.
class StartFinder {
 public:
  explicit StartFinder(const std::array<bool, 256>& allowed) : m_allowed(allowed) {
#if defined(__SSE2__)
    std::array<unsigned char, 128> folded{};  // what each ASCII byte is compared as
    std::size_t count = 0;
    bool fits = true;
    for (unsigned byte = 0; byte < 0x80 && fits; ++byte) {
      if (!allowed[byte]) continue;
      const bool letter = (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
      const auto key = static_cast<unsigned char>(letter ? byte | 0x20 : byte);
      if (letter && !allowed[byte ^ 0x20]) fits = false;  // one case alone
      if (folded[key]++ == 0) {
        if (count == m_keys.size()) fits = false;
        else m_keys[count++] = {key, letter};
      }
    }
    for (unsigned byte = 0x80; byte < 0x100 && fits; ++byte) fits = allowed[byte] == (byte >= 0xC0);
    m_vector = fits;
    m_count = count;
#endif
  }

  /// The first position from `at` whose byte is allowed and may start a
  /// word, or `size`. A byte right after an ASCII letter, digit or
  /// apostrophe starts none (word_starts_at), and most allowed bytes are
  /// inside words: the sixteen at a time pass over those too.
  [[nodiscard]] std::size_t next(const unsigned char* bytes, std::size_t at, std::size_t size) const {
#if defined(__SSE2__)
    if (m_vector) {
      if (at == 0 && size > 0) {
        if (m_allowed[bytes[0]]) return 0;
        at = 1;
      }
      while (at + 16 <= size) {
        const auto* chunk = reinterpret_cast<const __m128i*>(bytes + at);
        const auto* before = reinterpret_cast<const __m128i*>(bytes + at - 1);
        const unsigned mask = allowed_mask(_mm_loadu_si128(chunk)) & ~ascii_word_mask(_mm_loadu_si128(before));
        if (mask != 0) return at + static_cast<std::size_t>(__builtin_ctz(mask));
        at += 16;
      }
    }
#endif
    while (at < size && !m_allowed[bytes[at]]) ++at;
    return at;
  }

 private:
#if defined(__SSE2__)
  // Bit i set when byte i of the sixteen is allowed.
  [[nodiscard]] unsigned allowed_mask(__m128i chunk) const {
    // Bytes from 0xC0 up start a character that is not ASCII.
    const __m128i lead = _mm_set1_epi8(static_cast<char>(0xC0));
    __m128i hits = _mm_cmpeq_epi8(_mm_max_epu8(chunk, lead), chunk);
    // OR-ing 0x20 makes a capital its small letter; only the two cases of
    // a letter become that letter.
    const __m128i lowered = _mm_or_si128(chunk, _mm_set1_epi8(0x20));
    for (std::size_t k = 0; k < m_count; ++k) {
      const __m128i key = _mm_set1_epi8(static_cast<char>(m_keys[k].byte));
      hits = _mm_or_si128(hits, _mm_cmpeq_epi8(m_keys[k].letter ? lowered : chunk, key));
    }
    return static_cast<unsigned>(_mm_movemask_epi8(hits));
  }

  // Bit i set when byte i of the sixteen is an ASCII letter, digit or
  // apostrophe (ascii_word in byte_kinds). Each range test shifts its range
  // to the bottom of the signed bytes, where one comparison bounds it.
  [[nodiscard]] static unsigned ascii_word_mask(__m128i chunk) {
    const auto in_range = [](__m128i bytes, char first, char count) {
      const __m128i shifted = _mm_add_epi8(bytes, _mm_set1_epi8(static_cast<char>(0x80 - first)));
      return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + count)));
    };
    const __m128i letters = in_range(_mm_or_si128(chunk, _mm_set1_epi8(0x20)), 'a', 26);
    const __m128i digits = in_range(chunk, '0', 10);
    const __m128i apostrophes = _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\''));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letters, digits), apostrophes)));
  }

  struct Key {
    unsigned char byte;
    bool letter;
  };
  std::array<Key, 6> m_keys{};
  std::size_t m_count = 0;
  bool m_vector = false;
#endif
  const std::array<bool, 256>& m_allowed;
};

// Calls on_word(begin, end) for each word of the text whose first byte
// `may_start` allows. The bytes that cannot start such a word are passed
// over (StartFinder), so neither those words nor the spaces between them
// are walked through word by word.
template <typename OnWord>
void for_each_word(std::string_view text, const std::array<bool, 256>& may_start, OnWord&& on_word) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  const StartFinder starts(may_start);
  std::size_t i = 0;
  while (i < size) {
    i = starts.next(bytes, i, size);
    if (i == size) break;
    std::size_t length = word_char_length(text, i);
    if (length == 0 || !word_starts_at(text, i)) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (true) {
      do i += length;
      while (i < size && (length = word_char_length(text, i)) != 0);
      if (i < size && number_separator_at(text, i)) {
        length = 1;
        continue;
      }
      break;
    }
    on_word(begin, i);
  }
}

// The query's words as the passage looks for them: the terms, the wildcards'
// letters and the weight of each, and which word of a text matches which.
class QueryTerms {
 public:
  QueryTerms(const Xapian::MSet& matches, const Xapian::Query& query, const std::vector<std::string>& extra_words) {
    gather(query);
    for (const auto& word : extra_words) add(word, m_terms);
    double heaviest = 0;
    for (std::size_t i = 0; i < m_names.size(); ++i) {
      try {
        m_weights[i] = matches.get_termweight(m_names[i]);
      } catch (const Xapian::InvalidArgumentError&) {
        // Not a term of the search: a wildcard or a word of an --actor name.
      }
      heaviest = std::max(heaviest, m_weights[i]);
    }
    for (auto& weight : m_weights) {
      if (weight <= 0) weight = heaviest > 0 ? heaviest : 1.0;
    }
    // The first bytes may_match lets through: a first letter of a query
    // term in either case, an apostrophe, and the first byte of any
    // character that is not ASCII.
    for (unsigned byte = 0; byte < 0x80; ++byte) {
      m_may_start[byte] = byte == '\'' || m_first[lower(static_cast<unsigned char>(byte))];
    }
    for (unsigned byte = 0xC0; byte < 0x100; ++byte) m_may_start[byte] = true;
  }

  /// Which first bytes a word that may match can have.
  [[nodiscard]] const std::array<bool, 256>& may_start() const { return m_may_start; }

  [[nodiscard]] std::size_t size() const { return m_names.size(); }
  [[nodiscard]] double weight(std::size_t term) const { return m_weights[term]; }

  /// The language of the texts to come: their words are normalised and
  /// stemmed in it, as the indexer did.
  void set_language(std::string_view language) {
    if (language.empty()) language = index::fallback_language;  // an index of schema 7
    if (language == m_language) return;
    m_language = language;
    m_stemmer = &index::schema::stemmer_for(m_language);
    m_rules = filters::text_rules(m_language);
    m_seen.clear();
  }

  // The query term that a word of a text matches, or npos.
  std::size_t match(std::string_view word) {
    if (!may_match(word)) return npos;
    const auto [found, added] = m_seen.try_emplace(std::string(word), npos);
    if (added) found->second = compute(word);
    return found->second;
  }

 private:
  static std::string_view without_stem_prefix(std::string_view term) {
    return term.starts_with(index::schema::stem_prefix) ? term.substr(index::schema::stem_prefix.size()) : term;
  }

  // Content terms ("Z" + stem) and plain words; the boolean terms of entity
  // filters and dates (other capital prefixes) never appear in a text.
  static bool content_term(std::string_view term) {
    return !term.empty() && (term.starts_with(index::schema::stem_prefix) || !(term[0] >= 'A' && term[0] <= 'Z'));
  }

  std::size_t add(const std::string& term, std::unordered_map<std::string, std::size_t>& into) {
    const auto [found, added] = into.try_emplace(term, m_names.size());
    if (added) {
      m_names.push_back(term);
      m_weights.push_back(0);
      const std::string_view letters = without_stem_prefix(term);
      if (!letters.empty()) add_first_letters(letters);
    }
    return found->second;
  }

  void gather(const Xapian::Query& query) {
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
      const std::string term = *query.get_terms_begin();
      if (content_term(term)) add(term, m_terms);
      return;
    }
    if (type == Xapian::Query::OP_WILDCARD) {
      if (const std::string pattern = wildcard_pattern(query); content_term(pattern)) add(pattern, m_wildcards);
      return;
    }
    // Words after NOT are in no result: only the first part of an AND_NOT counts.
    const std::size_t parts = type == Xapian::Query::OP_AND_NOT ? 1 : query.get_num_subqueries();
    for (std::size_t i = 0; i < parts; ++i) gather(query.get_subquery(i));
  }

  // Normalised and stemmed, a word keeps its first two letters (lower-cased,
  // or folded when not ASCII), except that "dying", "lying" and "tying" stem
  // to "die", "lie" and "tie" (checked against Xapian's English stemmer over
  // the 133,000 words of wamerican-large: no other word changes either
  // letter). So a word whose first two letters start no query term cannot
  // match, and that rules out nearly every word of a text at the cost of a
  // table look-up.
  void add_first_letters(std::string_view letters) {
    const auto first = static_cast<unsigned char>(letters[0]);
    if (first >= 0x80) return;  // a word starting with a letter that is not ASCII is always checked
    m_first[first] = true;
    if (letters.size() == 1 || static_cast<unsigned char>(letters[1]) >= 0x80) {
      m_any_second[first] = true;
      return;
    }
    const auto second = static_cast<unsigned char>(letters[1]);
    m_first_two[first][second] = true;
    if (second == 'i' && (first == 'd' || first == 'l' || first == 't')) m_first_two[first]['y'] = true;
  }

  static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

  [[nodiscard]] bool may_match(std::string_view word) const {
    const unsigned char first = lower(static_cast<unsigned char>(word[0]));
    if (first >= 0x80 || first == '\'') return true;
    if (!m_first[first]) return false;
    if (m_any_second[first] || word.size() == 1) return true;
    const unsigned char second = lower(static_cast<unsigned char>(word[1]));
    // Not a plain letter or digit (an apostrophe, an accent): the normaliser may drop or fold it.
    if (!((second >= 'a' && second <= 'z') || (second >= '0' && second <= '9'))) return true;
    return m_first_two[first][second];
  }

  [[nodiscard]] std::size_t compute(std::string_view word) const {
    const Xapian::Stem& stemmer = *m_stemmer;
    for (const auto& token : filters::tokenise(word, 0, m_rules)) {
      if (const auto plain = m_terms.find(token.term); plain != m_terms.end()) return plain->second;
      const std::string stem = index::schema::prefixed(index::schema::stem_prefix, stemmer(token.term));
      if (const auto stemmed = m_terms.find(stem); stemmed != m_terms.end()) return stemmed->second;
      // A wildcard expands over stems and is or-ed with its word (query.cpp).
      const std::string whole = index::schema::prefixed(index::schema::stem_prefix, token.term);
      for (const auto& [pattern, term] : m_wildcards) {
        if (stem.starts_with(pattern) || whole.starts_with(pattern)) return term;
      }
    }
    return npos;
  }

  std::vector<std::string> m_names;
  std::vector<double> m_weights;
  std::unordered_map<std::string, std::size_t> m_terms, m_wildcards;
  std::array<bool, 128> m_first{}, m_any_second{};
  std::array<bool, 256> m_may_start{};
  std::array<std::array<bool, 128>, 128> m_first_two{};
  std::unordered_map<std::string, std::size_t> m_seen;  // in m_language
  std::string m_language{index::fallback_language};
  const Xapian::Stem* m_stemmer = &index::schema::stemmer_for(index::fallback_language);
  filters::TextRules m_rules;
};

struct Match {
  std::size_t begin, end, term;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Whether a sentence starts at `at`: the text's start, a new line, or after
// ". ", "?” ", "!) " and the like.
bool sentence_starts_at(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  std::size_t i = at;
  if (!is_space(text[i - 1])) return false;
  while (i > 0 && is_space(text[i - 1])) {
    if (text[i - 1] == '\n') return true;
    --i;
  }
  return filters::chars::ends_sentence(text.substr(0, i));
}

// The best run of matches: [first, last] indexes into `matches`.
std::pair<std::size_t, std::size_t> heaviest_run(const std::vector<Match>& matches, const QueryTerms& terms,
                                                 std::size_t length) {
  std::pair<std::size_t, std::size_t> best{0, 0};
  double best_weight = -1;
  std::vector<double> repeat(terms.size(), 1.0);
  for (std::size_t first = 0; first < matches.size(); ++first) {
    double weight = 0;
    std::size_t last = first;
    for (std::size_t i = first; i < matches.size() && matches[i].end - matches[first].begin <= length; ++i) {
      weight += terms.weight(matches[i].term) * repeat[matches[i].term];
      repeat[matches[i].term] /= 2;
      last = i;
    }
    // Only the run's terms were halved: resetting them, not every term of
    // the query, keeps this linear in the matches for a query of 1,000 words.
    for (std::size_t i = first; i <= last; ++i) repeat[matches[i].term] = 1.0;
    if (weight > best_weight) {
      best_weight = weight;
      best = {first, last};
    }
  }
  return best;
}

// Where the passage of `length` bytes around [begin, end) starts and ends.
std::pair<std::size_t, std::size_t> place(std::string_view text, std::size_t begin, std::size_t end,
                                          std::size_t length) {
  const std::size_t room = length - (end - begin);
  // The sentence the run starts in, when it fits; else a little context.
  std::size_t from = begin;
  const std::size_t earliest = begin > room ? begin - room : 0;
  while (from > earliest && !sentence_starts_at(text, from)) --from;
  if (!sentence_starts_at(text, from)) {
    from = begin > room / 4 ? begin - room / 4 : 0;
    while (from < begin && from > 0 && !is_space(text[from - 1])) ++from;  // to a word's start
  }
  // Up to `length` bytes, ending after a word (and the punctuation on it).
  std::size_t to = std::min(text.size(), from + length);
  if (to < text.size()) {
    std::size_t cut = to;
    while (cut > end && !is_space(text[cut])) --cut;
    if (cut > end) to = cut;
    while (to > from && is_space(text[to - 1])) --to;
  }
  return {from, filters::utf8::character_end(text, to)};
}

// The text of [from, to) on one line, with markers around the matches in it.
Passage cut(std::string_view text, std::size_t from, std::size_t to, const std::vector<Match>& matches) {
  Passage out;
  const bool starts_sentence = sentence_starts_at(text, from);
  const bool ends_at_sentence_end = to == text.size() || filters::chars::ends_sentence(text.substr(from, to - from));
  if (!starts_sentence) {
    out.plain += omit;
    out.marked += omit;
  }
  std::size_t at = from;
  // On one line: a passage may span paragraphs.
  const auto copy = [&](std::size_t until, bool marked_too) {
    const std::size_t start = out.plain.size();
    out.plain.append(text.substr(at, until - at));
    for (std::size_t i = start; i < out.plain.size(); ++i) {
      if (is_space(out.plain[i])) out.plain[i] = ' ';
    }
    if (marked_too) out.marked.append(out.plain, start, std::string::npos);
    at = until;
  };
  for (const auto& match : matches) {
    if (match.begin < from || match.end > to) continue;
    copy(match.begin, true);
    out.marked += highlight_start;
    out.marked.append(text.substr(match.begin, match.end - match.begin));
    out.marked += highlight_end;
    copy(match.end, false);
  }
  copy(to, true);
  if (!ends_at_sentence_end) {
    out.plain += omit;
    out.marked += omit;
  }
  return out;
}

}  // namespace

struct PassagePicker::State {
  QueryTerms terms;
  std::size_t length;
};

PassagePicker::PassagePicker(const Xapian::MSet& matches, const Xapian::Query& query,
                             const std::vector<std::string>& extra_words, std::size_t length)
    : m_state(std::make_unique<State>(State{QueryTerms(matches, query, extra_words), length})) {}

PassagePicker::~PassagePicker() = default;

Passage PassagePicker::operator()(std::string_view text, std::string_view language) {
  State& s = *m_state;
  s.terms.set_language(language);
  std::vector<Match> matches;
  for_each_word(text, s.terms.may_start(), [&](std::size_t begin, std::size_t end) {
    if (const std::size_t term = s.terms.match(text.substr(begin, end - begin)); term != npos) {
      matches.push_back({begin, end, term});
    }
  });
  if (text.size() <= s.length) return cut(text, 0, text.size(), matches);
  if (matches.empty()) {
    const auto [from, to] = place(text, 0, 0, s.length);
    return cut(text, from, to, matches);
  }
  const auto [first, last] = heaviest_run(matches, s.terms, s.length);
  const auto [from, to] = place(text, matches[first].begin, matches[last].end, s.length);
  return cut(text, from, to, matches);
}

}  // namespace winnow::search
