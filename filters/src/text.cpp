// Normalise + tokenise: ICU folding (NFKC, case, accents, apostrophes) and ICU word breaks.
#include "winnow/filters/text.hpp"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace winnow::filters {
namespace {

constexpr std::size_t max_term_bytes = 64;

// Accent folding: strip combining marks of the Inherited script (acute,
// diaeresis, cedilla, Arabic harakat) but not script-specific ones such as
// the Devanagari virama, whose loss would change the word; then spell
// Latin letters that do not decompose (ø đ ł æ œ þ ı) in ASCII. The
// [:Latin:] filter keeps Latin-ASCII away from punctuation (« — ’) that the
// query parser or the apostrophe rules must still see.
constexpr const char16_t* fold_accents_id =
    u"NFD; [[:Nonspacing Mark:]&[:Inherited:]] Remove; NFC; [:Latin:] Latin-ASCII";

// icu::Transliterator::transliterate mutates the object, so each thread owns
// one; the indexer runs stages on several threads.
icu::Transliterator* accent_folder() {
  thread_local const std::unique_ptr<icu::Transliterator> folder = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        icu::UnicodeString(fold_accents_id), UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  return folder.get();
}

// The folder changes only non-ASCII letters and marks; text without them
// (most English paragraphs, most queries) is left as it is. Skipping it saves
// the transliteration and, for a query, the folder's construction, which is
// most of a winnow-search process's start-up.
bool needs_accent_folding(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    if (c >= 0x80 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0)) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

bool is_apostrophe(UChar32 c) {
  // U+2019 right single quote, U+2018 left, U+02BC modifier letter
  // apostrophe, U+2032 prime, grave accent: all stand for "'" in scraped text.
  return c == u'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032 || c == u'`';
}

bool is_word_char(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c); }

// The character before index i, or 0 at the start.
UChar32 char_before(const icu::UnicodeString& s, int32_t i) {
  return i > 0 ? s.char32At(s.moveIndex32(i, -1)) : 0;
}

// Drops possessive "'s" at a word's end ("mali's" -> "mali"), the apostrophe
// of a plural possessive ("states'" -> "states") and apostrophes inside a
// word ("don't" -> "dont"); quotes around words stay.
icu::UnicodeString fold_apostrophes(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  const int32_t length = s.length();
  for (int32_t i = 0; i < length;) {
    const UChar32 c = s.char32At(i);
    const int32_t next = s.moveIndex32(i, 1);
    if (!is_apostrophe(c)) {
      out.append(c);
      i = next;
      continue;
    }
    const UChar32 before = char_before(s, i);
    const UChar32 after = next < length ? s.char32At(next) : 0;
    const int32_t after_next = next < length ? s.moveIndex32(next, 1) : length;
    const UChar32 after_s = after_next < length ? s.char32At(after_next) : 0;
    if (is_word_char(before) && after == u's' && !is_word_char(after_s)) {
      i = after_next;  // possessive "'s"
    } else if (is_word_char(before) && (is_word_char(after) || before == u's')) {
      i = next;  // in-word apostrophe, or plural possessive "s'"
    } else {
      out.append(static_cast<UChar>(u'\''));
      i = next;
    }
  }
  return out;
}

icu::UnicodeString normalise_unicode(std::string_view utf8) {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) text = nfkc->normalize(text, status);
  text.foldCase();
  if (needs_accent_folding(text))
    if (icu::Transliterator* folder = accent_folder()) folder->transliterate(text);
  return fold_apostrophes(text);
}

struct Word {
  int32_t start = 0;
  int32_t end = 0;
  bool numeric = false;
};

bool is_hyphen(UChar c) { return c == u'-' || c == 0x2010 || c == 0x2011; }

// ICU's word segments that hold letters or numbers (not spaces or punctuation).
std::vector<Word> find_words(const icu::UnicodeString& text) {
  std::vector<Word> words;
  // One iterator per thread: creating one costs more than breaking a paragraph,
  // and a BreakIterator holds per-text state.
  thread_local const std::unique_ptr<icu::BreakIterator> breaks = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  if (!breaks) return words;
  breaks->setText(text);
  int32_t start = breaks->first();
  for (int32_t end = breaks->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaks->next()) {
    const int32_t status_tag = breaks->getRuleStatus();
    if (status_tag >= UBRK_WORD_NONE_LIMIT)
      words.push_back({start, end, status_tag < UBRK_WORD_NUMBER_LIMIT});
  }
  return words;
}

void add_token(std::vector<Token>& out, const icu::UnicodeString& term, std::uint32_t position) {
  std::string utf8;
  term.toUTF8String(utf8);
  if (!utf8.empty() && utf8.size() <= max_term_bytes) out.push_back({std::move(utf8), position});
}

// ICU keeps "i.e", "u.s" and "example.com" as one word, but Xapian's
// QueryParser reads a dotted word as a phrase of its parts (its acronym rule
// wants capitals, which the normaliser has folded). Index the parts at
// consecutive positions, and the parts joined ("ie") at the first, so both
// "i.e." and "ie" find it. Returns the positions used.
std::uint32_t add_dotted_word(std::vector<Token>& out, const icu::UnicodeString& word, std::uint32_t position) {
  if (word.indexOf(u'.') < 0) {
    add_token(out, word, position);
    return 1;
  }
  icu::UnicodeString joined;
  std::uint32_t parts = 0;
  for (int32_t start = 0; start <= word.length();) {
    int32_t dot = word.indexOf(u'.', start);
    if (dot < 0) dot = word.length();
    if (dot > start) {
      add_token(out, word.tempSubStringBetween(start, dot), position + parts++);
      joined += word.tempSubStringBetween(start, dot);
    }
    start = dot + 1;
  }
  add_token(out, joined, position);
  return parts;
}

}  // namespace

std::string normalise(std::string_view utf8) {
  std::string out;
  normalise_unicode(utf8).toUTF8String(out);
  return out;
}

std::vector<Token> tokenise(std::string_view utf8, std::uint32_t first_position) {
  const icu::UnicodeString text = normalise_unicode(utf8);
  const std::vector<Word> words = find_words(text);
  std::vector<Token> out;
  std::uint32_t position = first_position;
  for (std::size_t i = 0; i < words.size();) {
    // A hyphenated compound: words joined by exactly one hyphen character.
    std::size_t last = i;
    bool all_numeric = words[i].numeric;
    while (last + 1 < words.size() && words[last + 1].start == words[last].end + 1 &&
           is_hyphen(text.charAt(words[last].end))) {
      ++last;
      all_numeric = all_numeric && words[last].numeric;
    }
    if (last == i && !words[i].numeric) {
      position += add_dotted_word(out, text.tempSubStringBetween(words[i].start, words[i].end), position);
      ++i;
      continue;
    }
    icu::UnicodeString whole;
    for (std::size_t k = i; k <= last; ++k) {
      const icu::UnicodeString part = text.tempSubStringBetween(words[k].start, words[k].end);
      add_token(out, part, position + static_cast<std::uint32_t>(k - i));
      whole += part;
    }
    // "peace-keeping" is also found as "peacekeeping"; a score "15-0" or a
    // range "2022-23" is not a word, so all-number compounds are not joined.
    if (last > i && !all_numeric) add_token(out, whole, position);
    position += static_cast<std::uint32_t>(last - i + 1);
    i = last + 1;
  }
  return out;
}

}  // namespace winnow::filters
