// The passage shown under a result: Xapian 1.4's MSet::snippet algorithm
// (xapian-core/queryparser/termgenerator_internal.cc: parse_terms, SnipPipe,
// MSet::Internal::snippet) with its weights computed once per search.
//
// Everything that decides the result is kept as Xapian has it, down to the
// order of floating-point operations: window sums are compared with >=, so a
// last-bit difference could move a passage. That includes two quirks:
//  - a word's weight is one shared value per stem, halved while the word is
//    in the window and doubled back when it leaves; words still in the window
//    when a text ends stay halved for the next text (Xapian caches the
//    weights per MSet), so the texts must come in the hits' order;
//  - query terms are compared with the text's unprefixed words first, then
//    with "Z" + stem, so in a winnow index (all content terms Z-prefixed) the
//    words of a quoted phrase never match as a phrase and only weigh as
//    background words.
#include "winnow/search/passage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::search {
namespace {

namespace unicode = Xapian::Unicode;

constexpr unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
constexpr double decay = 2.0;               // Xapian's DECAY
constexpr std::size_t max_word_bytes = 64;  // longer words are skipped, as Xapian does
constexpr unsigned ignore_char = std::numeric_limits<unsigned>::max();

// --- Characters, as Xapian's tokeniser sees them ----------------------------

// One character and the offset after it, decoded as Xapian::Utf8Iterator
// decodes (an invalid byte is a character of its own).
struct Char {
  unsigned ch;
  std::size_t next;
};

inline Char decode(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return {byte, at + 1};
  Xapian::Utf8Iterator it;
  it.assign(text.data() + at, text.size() - at);  // at < text.size(): never the end iterator
  const unsigned ch = *it;
  ++it;
  return {ch, static_cast<std::size_t>(it.raw() - text.data())};
}

// Xapian's Unicode data for one character.
struct CharClass {
  bool word = false;
  unsigned lower = 0;
  unicode::category category = unicode::UNASSIGNED;
};

CharClass unicode_class(unsigned ch) {
  return {unicode::is_wordchar(ch), unicode::tolower(ch), unicode::get_category(ch)};
}

// The same from a table for ASCII (one library call per character is most of
// what tokenising a long English text would cost).
const std::array<CharClass, 128>& ascii_classes() {
  static const std::array<CharClass, 128> table = [] {
    std::array<CharClass, 128> out{};
    for (unsigned c = 0; c < out.size(); ++c) out[c] = unicode_class(c);
    return out;
  }();
  return table;
}

inline CharClass classify(unsigned ch) { return ch < 128 ? ascii_classes()[ch] : unicode_class(ch); }

inline bool is_wordchar(unsigned ch) { return classify(ch).word; }
// The lower-case form of a word character, 0 for any other character.
inline unsigned check_wordchar(unsigned ch) {
  const CharClass c = classify(ch);
  return c.word ? c.lower : 0;
}
inline bool is_digit(unsigned ch) { return classify(ch).category == unicode::DECIMAL_DIGIT_NUMBER; }
inline bool is_ascii_upper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }

inline void append_char(std::string& term, unsigned ch) {
  if (ch < 0x80) {
    term.push_back(static_cast<char>(ch));
  } else {
    unicode::append_utf8(term, ch);
  }
}

// Characters kept inside a word: "AT&T", "don't", "1,000".
unsigned check_infix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return ignore_char;
  return 0;
}

unsigned check_infix_digit(unsigned ch) {
  switch (ch) {
    case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060D:
    case 0x07F8: case 0x2044: case 0xFE10: case 0xFE13: case 0xFE14:
      return ch;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return ignore_char;
  return 0;
}

unsigned check_suffix(unsigned ch) { return ch == '+' || ch == '#' ? ch : 0; }

// Xapian's parse_terms (without CJK n-grams): calls on_word(term, end) for
// each word, `end` being the offset just after it (punctuation included the
// way Xapian includes it: "C++", acronyms with their dots).
template <typename OnWord>
void parse_words(std::string_view text, OnWord&& on_word) {
  const std::size_t end = text.size();
  std::size_t at = 0;
  std::string term;
  while (true) {
    // c: the character at `at`; ch: its lower-case form when a word character, else 0.
    Char c{};
    unsigned ch = 0;
    while (true) {
      if (at == end) return;
      c = decode(text, at);
      ch = check_wordchar(c.ch);
      if (ch != 0) break;
      at = c.next;
    }
    term.clear();
    // Initials separated by dots ("U.N.C.L.E."): one term.
    if (is_ascii_upper(c.ch)) {
      std::size_t p = at;
      do {
        const Char initial = decode(text, p);
        append_char(term, unicode::tolower(initial.ch));
        p = initial.next;
      } while (p != end && text[p] == '.' && ++p != end && is_ascii_upper(static_cast<unsigned char>(text[p])));
      if (term.size() > 1 && (p == end || !is_wordchar(decode(text, p).ch))) {
        at = p;
        on_word(term, at);
        continue;
      }
      term.clear();
    }
    bool at_end = false;
    while (true) {
      unsigned previous = 0;
      do {
        append_char(term, ch);
        previous = ch;
        at = c.next;
        if (at == end) {
          at_end = true;
          break;
        }
        c = decode(text, at);
        ch = check_wordchar(c.ch);
      } while (ch != 0);
      if (at_end) break;
      // c is a character between word characters: part of the word ("AT&T", "1,000") or its end.
      if (c.next == end) break;
      const Char after = decode(text, c.next);
      const unsigned next_ch = check_wordchar(after.ch);
      if (next_ch == 0) break;
      const unsigned kept = is_digit(previous) && is_digit(after.ch) ? check_infix_digit(c.ch) : check_infix(c.ch);
      if (kept == 0) break;
      if (kept != ignore_char) append_char(term, kept);
      ch = next_ch;
      at = c.next;
      c = after;
    }
    if (!at_end) {
      // "C++", "C#": up to three suffix characters, unless a word goes on ("fish+chips").
      const std::size_t length = term.size();
      unsigned count = 0;
      for (unsigned suffix; (suffix = check_suffix(decode(text, at).ch)) != 0;) {
        if (++count > 3) {
          term.resize(length);
          break;
        }
        append_char(term, suffix);
        at = decode(text, at).next;
        if (at == end) {
          at_end = true;
          break;
        }
      }
      if (!at_end && is_wordchar(decode(text, at).ch)) term.resize(length);
    }
    on_word(term, at);
  }
}

// --- The sliding window (Xapian's SnipPipe, SNIPPET_EXHAUSTIVE) -------------

struct Sniplet {
  double* relevance;
  std::size_t term_end;
  std::size_t highlight;
};

bool leading_punctuation(unsigned ch) {
  const auto category = classify(ch).category;
  if (category == unicode::CURRENCY_SYMBOL || category == unicode::OPEN_PUNCTUATION ||
      category == unicode::INITIAL_QUOTE_PUNCTUATION) {
    return true;
  }
  switch (ch) {
    case '"': case '#': case '%': case '&': case '\'': case '+': case '-': case '/':
    case '<': case '@': case '\\': case '`': case '~': case 0x00A1: case 0x00A7: case 0x00BF:
      return true;
  }
  return false;
}

bool trailing_punctuation(unsigned ch) {
  const auto category = classify(ch).category;
  if (category == unicode::CURRENCY_SYMBOL || category == unicode::CLOSE_PUNCTUATION ||
      category == unicode::FINAL_QUOTE_PUNCTUATION) {
    return true;
  }
  switch (ch) {
    case '"': case '%': case '\'': case '+': case '-': case '/': case '>': case '@': case '\\': case '`': case '~':
      return true;
  }
  return false;
}

bool ends_sentence(unsigned ch) { return ch == '.' || ch == '?' || ch == '!'; }

// Xapian escapes these even with no highlight markers.
void append_escaped(std::string_view text, std::size_t from, std::size_t to, std::string& out) {
  for (std::size_t i = from; i < to; ++i) {
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += text[i];
    }
  }
}

class Window {
 public:
  // One more than asked for, for the space between words (as Xapian).
  explicit Window(std::size_t length) : m_length(length + 1) {}

  void pump(double* r, std::size_t t, std::size_t h) {
    if (h > 1) {
      if (m_pipe.size() >= h - 1) {
        // A phrase's last word is entering: its weight goes on the phrase's first word.
        Sniplet& phrase_start = m_pipe[m_pipe.size() - (h - 1)];
        if (phrase_start.relevance != nullptr) {
          *phrase_start.relevance *= decay;
          m_sum -= *phrase_start.relevance;
        }
        m_sum += *r;
        phrase_start.relevance = r;
        phrase_start.highlight = h;
        *r /= decay;
      }
      r = nullptr;
      h = 0;
    }
    m_pipe.push_back({r, t, h});
    if (r != nullptr) {
      m_sum += *r;
      *r /= decay;
    }
    while (t - m_begin > m_length) {
      const Sniplet word = m_pipe.front();
      if (word.relevance != nullptr) {
        *word.relevance *= decay;
        m_sum -= *word.relevance;
      }
      m_begin = word.term_end;
      if (m_best_end >= m_begin) m_best_pipe.push_back(word);
      m_pipe.pop_front();
      if (m_pipe.empty()) break;
    }
    if (m_sum >= m_best_sum) {
      if (m_begin >= m_best_end) {
        m_best_pipe.clear();
      } else {
        while (!m_best_pipe.empty() && m_best_pipe.front().term_end <= m_begin) m_best_pipe.pop_front();
      }
      m_best_sum = m_sum;
      m_best_begin = m_begin;
      m_best_end = t;
    }
  }

  void done() {
    if (m_begin >= m_best_end) {
      m_pipe.clear();
    } else {
      while (!m_pipe.empty() && m_pipe.back().term_end > m_best_end) m_pipe.pop_back();
    }
  }

  // The passage: the best window's words with what Xapian keeps around them.
  std::string passage(std::string_view text, std::string_view omit) {
    std::string out;
    while (drain(text, omit, out)) {
    }
    return out;
  }

 private:
  // Xapian's SnipPipe::drain with empty highlight markers (which leave the text as it is).
  bool drain(std::string_view text, std::string_view omit, std::string& out) {
    if (m_best_pipe.empty() && !m_pipe.empty()) std::swap(m_best_pipe, m_pipe);
    if (m_best_pipe.empty()) {
      finish(text, omit, out);
      return false;
    }
    const Sniplet& word = m_best_pipe.front();
    if (out.empty()) start(text, word, omit, out);
    append_escaped(text, m_best_begin, word.term_end, out);
    m_best_begin = word.term_end;
    m_best_pipe.pop_front();
    return true;
  }

  // Leading punctuation worth keeping ("(", a quote), and omit unless at a sentence start.
  void start(std::string_view text, const Sniplet& word, std::string_view omit, std::string& out) {
    enum { no, punctuation, yes } boundary = m_best_begin == 0 ? yes : no;
    for (std::size_t at = m_best_begin; at < word.term_end;) {
      const Char c = decode(text, at);
      if (boundary == no) {
        if (ends_sentence(c.ch)) boundary = punctuation;
      } else if (boundary == punctuation) {
        if (unicode::is_whitespace(c.ch)) {
          boundary = yes;
        } else if (!ends_sentence(c.ch)) {
          boundary = no;
        }
      }
      if (is_wordchar(c.ch)) {
        if (at - m_best_begin > 4) m_best_begin = at;
        break;
      }
      at = std::min(c.next, word.term_end);
      if (!leading_punctuation(c.ch)) m_best_begin = at;
    }
    if (boundary != yes) out += omit;
  }

  // After the last word: the sentence's end, or closing punctuation and omit.
  void finish(std::string_view text, std::string_view omit, std::string& out) const {
    const std::size_t end = text.size();
    if (m_best_end == end) return;
    bool sentence_end = false;
    std::size_t at = m_best_end;
    while (at < end) {
      const Char c = decode(text, at);
      if (sentence_end && unicode::is_whitespace(c.ch)) break;
      sentence_end = ends_sentence(c.ch);
      if (is_wordchar(c.ch)) break;
      at = c.next;
    }
    if (sentence_end) {
      append_escaped(text, m_best_end, at, out);
      return;
    }
    at = m_best_end;
    int trailing = 0;
    while (at < end) {
      const Char c = decode(text, at);
      if (!trailing_punctuation(c.ch)) break;
      if (++trailing > 4) {
        trailing = 0;
        break;
      }
      at = c.next;
    }
    if (trailing != 0) {
      append_escaped(text, m_best_end, at, out);
      if (at == end) return;
    }
    out += omit;
  }

  std::deque<Sniplet> m_pipe, m_best_pipe;
  std::size_t m_length;
  std::size_t m_begin = 0;
  double m_sum = 0;
  std::size_t m_best_begin = 0, m_best_end = 0;
  double m_best_sum = 0;
};

bool cjk_ngrams_enabled() {
  const char* value = std::getenv("XAPIAN_CJK_NGRAM");
  return value != nullptr && *value != '\0';
}

// Whether the index has a term that a text's word could equal: one that does
// not start with an upper-case ASCII prefix letter. Terms sort by bytes, so
// the first term and the first one after "Z" tell.
bool has_unprefixed_terms(const Xapian::Database& db) {
  auto it = db.allterms_begin();
  if (it == db.allterms_end()) return false;
  if (const std::string first = *it; first.empty() || first.front() < 'A') return true;
  it.skip_to("[");  // the byte after 'Z'
  return it != db.allterms_end();
}

}  // namespace

struct PassagePicker::State {
  // A distinct word of the texts, interned for the whole search.
  struct Word {
    std::string stem;                  // "Z" + stem: Xapian's snippet hard-codes the Z
    std::size_t loose_term = npos;     // index in loose_terms of the word itself
    std::size_t loose_stem = npos;     // ... and of its stem
    std::size_t background = npos;     // index of its stem's weight in background
    bool pending = false;              // in the batch of stems being looked up
  };
  struct Token {
    const std::string* term;
    Word* word;
    std::size_t end;
  };
  struct LooseTerm {
    std::string term;
    bool weight_known = false;  // Xapian's termweight, looked up once per search
    bool has_weight = false;
    double weight = 0;
    double value = 0;    // per text: 0 until the term is first seen
    bool erased = false;  // per text: no weight, so no longer a query term
  };
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  Xapian::Database db;
  Xapian::MSet matches;
  Xapian::Stem stemmer;
  std::size_t length;
  std::string omit;
  bool use_xapian = false;

  double max_tw = 0;
  Xapian::doccount num_docs = 0;
  std::vector<LooseTerm> loose_terms;
  std::unordered_map<std::string, std::size_t> loose_index;
  std::vector<std::vector<std::string>> phrases;
  std::size_t longest_phrase = 0;

  std::unordered_map<std::string, Word> words;
  std::unordered_map<std::string, std::size_t> stem_index;
  // The background weight of each stem, shared by every text as Xapian's
  // cache is (a deque, so the pointers held by a window stay valid).
  std::deque<double> background;

  State(const Xapian::Database& db_, const Xapian::MSet& matches_, const Xapian::Stem& stemmer_, std::size_t length_,
        std::string omit_)
      : db(db_), matches(matches_), stemmer(stemmer_), length(length_), omit(std::move(omit_)) {}

  std::size_t loose(const std::string& term) const {
    const auto found = loose_index.find(term);
    return found == loose_index.end() ? npos : found->second;
  }

  // Xapian's check_query: the loose terms and the tight phrases of terms.
  void gather(const Xapian::Query& query) {
    const std::size_t n = query.get_num_subqueries();
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
      const std::string term = *query.get_terms_begin();
      if (loose_index.emplace(term, loose_terms.size()).second) loose_terms.push_back({term});
      return;
    }
    if (op == Xapian::Query::OP_WILDCARD) {
      use_xapian = true;
      return;
    }
    if (op == Xapian::Query::OP_PHRASE && n > 0) {
      std::vector<Xapian::Query> subqueries;
      for (std::size_t i = 0; i < n; ++i) subqueries.push_back(query.get_subquery(i));
      const bool all_terms = std::all_of(subqueries.begin(), subqueries.end(), [](const Xapian::Query& q) {
        return q.get_type() == Xapian::Query::LEAF_TERM;
      });
      // The window is not public; a phrase is tight when it describes itself
      // as the same phrase with a window of one word per term.
      const Xapian::Query tight(Xapian::Query::OP_PHRASE, subqueries.begin(), subqueries.end(),
                                static_cast<Xapian::termcount>(n));
      if (all_terms && n >= 2 && tight.get_description() == query.get_description()) {
        auto& terms = phrases.emplace_back();
        for (const auto& q : subqueries) terms.push_back(*q.get_terms_begin());
        longest_phrase = std::max(longest_phrase, n);
        return;
      }
    }
    for (std::size_t i = 0; i < n; ++i) gather(query.get_subquery(i));
  }

  // Xapian's Weight::Internal::get_max_termweight (the largest non-zero
  // weight of the query's terms, whose statistics the MSet keeps), scaled as
  // snippet() scales it.
  void find_max_termweight(const Xapian::Query& query) {
    double max_part = 0;
    bool any = false;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
      double part = 0;
      try {
        part = matches.get_termweight(*it);
      } catch (const Xapian::InvalidArgumentError&) {
        continue;  // not in the statistics, so not in Xapian's loop either
      }
      if (part == 0.0) continue;
      if (!any || part > max_part) max_part = part;
      any = true;
    }
    max_tw = max_part == 0.0 ? 1.0 : max_part * 1.015625;
  }

  // The word's entry, stemmed on first sight.
  Token intern(const std::string& text_term, std::size_t end) {
    const auto [it, added] = words.try_emplace(text_term);
    const std::string& term = it->first;
    Word& word = it->second;
    if (!added) return {&term, &word, end};
    const std::string stemmed = stemmer(term);
    word.stem.reserve(stemmed.size() + 1);  // (reserve + append: operator+ trips GCC 12's -Wrestrict)
    word.stem.append("Z").append(stemmed);
    word.loose_term = loose(term);
    word.loose_stem = loose(word.stem);
    if (const auto stem = stem_index.find(word.stem); stem != stem_index.end()) word.background = stem->second;
    return {&term, &word, end};
  }

  // The background weights of every stem of the texts, looked up in term
  // order, all texts at once (Xapian looks them up as the words come). A
  // weight only changes while its word is in a window, so having it before
  // the text that first uses it changes nothing.
  void add_background(const std::vector<std::vector<Token>>& texts) {
    std::vector<Word*> fresh;
    for (const auto& tokens : texts) {
      for (const auto& token : tokens) {
        if (token.word->background == npos && !token.word->pending) {
          token.word->pending = true;
          fresh.push_back(token.word);
        }
      }
    }
    if (fresh.empty()) return;
    std::sort(fresh.begin(), fresh.end(), [](const Word* a, const Word* b) { return a->stem < b->stem; });
    for (Word* word : fresh) {
      word->pending = false;
      auto [it, added] = stem_index.try_emplace(word->stem, background.size());
      if (added) {
        const Xapian::doccount tf = db.get_termfreq(word->stem);
        double r = 0.0;
        if (tf != 0) {
          r = max_tw * std::log((num_docs - tf) / double(tf));
          r /= static_cast<double>(length + 1) * std::log(double(num_docs));
        }
        background.push_back(r);
      }
      word->background = it->second;
    }
  }

  // Xapian's check_term: the weight of a query term in this text, or null.
  double* loose_weight(std::size_t index) {
    if (index == npos) return nullptr;
    LooseTerm& term = loose_terms[index];
    if (term.erased) return nullptr;
    if (term.value == 0.0) {
      if (!term.weight_known) {
        term.weight_known = true;
        try {
          term.weight = matches.get_termweight(term.term);
          term.has_weight = true;
        } catch (const Xapian::InvalidArgumentError&) {
          term.has_weight = false;
        }
      }
      if (!term.has_weight) {
        term.erased = true;
        return nullptr;
      }
      term.value = term.weight + max_tw;
    }
    return &term.value;
  }

  std::vector<Token> tokenise(const std::string& text) {
    std::vector<Token> tokens;
    if (text.size() <= length) return tokens;  // returned whole, see pick()
    tokens.reserve(text.size() / 4);
    parse_words(text, [&](const std::string& term, std::size_t end) {
      if (term.size() <= max_word_bytes) tokens.push_back(intern(term, end));
    });
    return tokens;
  }

  std::string pick(const std::string& text, const std::vector<Token>& tokens) {
    if (text.size() <= length) return text;  // Xapian returns a short text whole, unescaped
    for (auto& term : loose_terms) {
      term.value = 0;
      term.erased = false;
    }
    std::vector<double> phrase_relevance;
    for (const auto& terms : phrases) phrase_relevance.push_back(max_tw * static_cast<double>(terms.size()));
    static const std::string no_term;
    std::vector<const std::string*> previous(longest_phrase > 0 ? longest_phrase - 1 : 0, &no_term);
    std::size_t previous_next = 0;

    Window window(length);
    for (const Token& token : tokens) {
      double* relevance = nullptr;
      std::size_t highlight = 0;
      for (std::size_t i = 0; i < phrases.size() && relevance == nullptr; ++i) {
        const auto& terms = phrases[i];
        if (*token.term != terms.back()) continue;
        bool match = true;
        for (std::size_t n = terms.size() - 1; n-- > 0;) {
          if (terms[n] != *previous[(n + previous_next) % (longest_phrase - 1)]) {
            match = false;
            break;
          }
        }
        if (match) {
          relevance = &phrase_relevance[i];
          highlight = terms.size();
        }
      }
      if (relevance == nullptr && (relevance = loose_weight(token.word->loose_term)) != nullptr) highlight = 1;
      if (relevance == nullptr && (relevance = loose_weight(token.word->loose_stem)) != nullptr) highlight = 1;
      if (relevance == nullptr) relevance = &background[token.word->background];
      if (longest_phrase > 0) {
        previous[previous_next] = token.term;
        previous_next = (previous_next + 1) % (longest_phrase - 1);
      }
      window.pump(relevance, token.end, highlight);
    }
    window.done();
    return window.passage(text, omit);
  }
};

PassagePicker::PassagePicker(const Xapian::Database& db, const Xapian::MSet& matches, const Xapian::Query& query,
                             const Xapian::Stem& stemmer, std::size_t length, std::string omit)
    : m_state(std::make_unique<State>(db, matches, stemmer, length, std::move(omit))) {
  State& s = *m_state;
  s.gather(query);
  if (cjk_ngrams_enabled() || has_unprefixed_terms(db)) s.use_xapian = true;
  if (s.use_xapian) return;
  s.find_max_termweight(query);
  s.num_docs = db.get_doccount() + 1;
}

PassagePicker::~PassagePicker() = default;

std::vector<std::string> PassagePicker::operator()(const std::vector<std::string>& texts) {
  State& s = *m_state;
  std::vector<std::string> passages;
  passages.reserve(texts.size());
  if (s.use_xapian) {
    for (const auto& text : texts) passages.push_back(s.matches.snippet(text, s.length, s.stemmer, flags, "", "", s.omit));
    return passages;
  }
  std::vector<std::vector<State::Token>> tokens;
  tokens.reserve(texts.size());
  for (const auto& text : texts) tokens.push_back(s.tokenise(text));
  s.add_background(tokens);
  for (std::size_t i = 0; i < texts.size(); ++i) passages.push_back(s.pick(texts[i], tokens[i]));
  return passages;
}

bool PassagePicker::uses_xapian() const { return m_state->use_xapian; }

}  // namespace winnow::search
