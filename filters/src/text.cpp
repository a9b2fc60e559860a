// Normalise + tokenise: ICU folding (NFKC, case, accents, apostrophes) and
// ICU's word breaks (word_breaks.hpp).
//
// Everything works on UTF-8 bytes: ICU normalises and case-folds UTF-8
// directly and its break iterator reads UTF-8 through a UText, so a paragraph
// is never converted to UTF-16 and back, and each term is a slice of the
// normalised text. Text that is all ASCII (most English paragraphs and most
// queries) skips ICU's folding: NFKC leaves ASCII as it is, and case folding
// and accent folding of ASCII are the lower-casing of A-Z and nothing.
#include "winnow/filters/text.hpp"

#include <utility>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "winnow/filters/chars.hpp"
#include "winnow/filters/language_data.hpp"
#include "winnow/filters/utf8.hpp"
#include "word_breaks.hpp"

namespace winnow::filters {
namespace {

constexpr std::size_t max_term_bytes = 64;

using chars::is_apostrophe;
using chars::is_hyphen;
using chars::is_word_char;
using chars::may_start_apostrophe;

// The accent folder changes only non-ASCII letters and marks; text without
// them (most English paragraphs, most queries) is left as it is, which
// saves its two normalisation passes.
bool needs_accent_folding(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    const UChar32 c = utf8::next(utf8, i);
    if (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) return true;
  }
  return false;
}

// Whether the word that ends at byte `end` of s (a run of word characters)
// is one of the language's elided words ("l", "dell", "qu").
bool is_elision(std::string_view s, std::size_t end, const TextRules& rules) {
  if (rules.elisions == nullptr || rules.elisions->empty()) return false;
  std::size_t start = end;
  while (start > 0) {
    std::size_t before = start;
    if (!is_word_char(utf8::previous(s, before))) break;
    start = before;
  }
  return rules.elisions->contains(std::string(s.substr(start, end - start)));
}

// Drops possessive "'s" at a word's end ("mali's" -> "mali"), the apostrophe
// of a plural possessive ("states'" -> "states") and apostrophes inside a
// word ("don't" -> "dont"); quotes around words stay. After one of the
// language's elided words the apostrophe becomes a space instead, so
// "l'election" is the two words "l" and "election". s is valid UTF-8. Text
// between apostrophes is copied in runs, and text without one is returned
// as it is.
std::string fold_apostrophes(std::string s, const TextRules& rules) {
  const std::size_t length = s.size();
  std::size_t i = 0;
  while (i < length && !may_start_apostrophe(s[i])) ++i;
  if (i == length) return s;
  std::string out;
  out.reserve(s.size());
  out.append(s, 0, i);
  while (i < length) {
    const std::size_t start = i;
    std::size_t next = i;
    const UChar32 c = utf8::next(s, next);
    if (!is_apostrophe(c)) {
      // Up to the next byte that may start an apostrophe.
      while (next < length && !may_start_apostrophe(s[next])) ++next;
      out.append(s, start, next - start);
      i = next;
      continue;
    }
    const UChar32 before = utf8::before(s, start);
    const UChar32 after = utf8::at(s, next);
    const std::size_t after_next = utf8::after(s, next);
    const UChar32 after_s = utf8::at(s, after_next);
    if (is_word_char(before) && is_word_char(after) && is_elision(s, start, rules)) {
      out.push_back(' ');  // "l'election", "dell'unione"
      i = next;
    } else if (is_word_char(before) && after == u's' && !is_word_char(after_s)) {
      i = after_next;  // possessive "'s"
    } else if (is_word_char(before) && (is_word_char(after) || before == u's')) {
      i = next;  // in-word apostrophe, or plural possessive "s'"
    } else {
      out.push_back('\'');
      i = next;
    }
  }
  return out;
}

// NFKC then case folding of valid UTF-8 that is not all ASCII.
std::string nfkc_case_fold(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string normalised;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) {
    normalised.reserve(utf8.size() + 16);
    icu::StringByteSink<std::string> sink(&normalised);
    nfkc->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())), sink, nullptr,
                        status);
  }
  if (U_FAILURE(status)) normalised.assign(utf8);
  status = U_ZERO_ERROR;
  std::string folded;
  folded.reserve(normalised.size() + 16);
  icu::StringByteSink<std::string> sink(&folded);
  icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT,
                         icu::StringPiece(normalised.data(), static_cast<std::int32_t>(normalised.size())), sink,
                         nullptr, status);
  return U_SUCCESS(status) ? folded : normalised;
}

std::string normalise_utf8(std::string_view utf8, const TextRules& rules) {
  if (utf8::is_ascii(utf8)) {
    // NFKC leaves ASCII alone, case folding maps A-Z to a-z and nothing
    // else, and there is no accent to fold.
    std::string lower(utf8);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return fold_apostrophes(std::move(lower), rules);
  }
  // Ill-formed bytes (a query typed in a legacy terminal) become U+FFFD;
  // decoded documents never have any.
  if (!utf8::is_valid(utf8)) return normalise_utf8(utf8::repaired(utf8), rules);
  std::string folded = nfkc_case_fold(utf8);
  if (needs_accent_folding(folded)) folded = fold_accents(folded);
  return fold_apostrophes(std::move(folded), rules);
}

void add_token(std::vector<Token>& out, std::string_view term, std::uint32_t position) {
  if (!term.empty() && term.size() <= max_term_bytes) out.push_back({std::string(term), position});
}

// ICU keeps "i.e", "u.s" and "example.com" as one word, but Xapian's
// QueryParser reads a dotted word as a phrase of its parts (its acronym rule
// wants capitals, which the normaliser has folded). Index the parts at
// consecutive positions, and the parts joined ("ie") at the first, so both
// "i.e." and "ie" find it. Returns the positions used.
std::uint32_t add_dotted_word(std::vector<Token>& out, std::string_view word, std::uint32_t position) {
  if (word.find('.') == std::string_view::npos) {
    add_token(out, word, position);
    return 1;
  }
  std::string joined;
  std::uint32_t parts = 0;
  for (std::size_t start = 0; start <= word.size();) {
    std::size_t dot = word.find('.', start);
    if (dot == std::string_view::npos) dot = word.size();
    if (dot > start) {
      add_token(out, word.substr(start, dot - start), position + parts++);
      joined += word.substr(start, dot - start);
    }
    start = dot + 1;
  }
  add_token(out, joined, position);
  return parts;
}

// The hyphen that ends at byte `end` of text and starts the next word at
// `next_start`: "peace-keeping" is one compound, "peace - keeping" is not.
bool joined_by_hyphen(std::string_view text, std::size_t end, std::size_t next_start) {
  std::size_t i = end;
  const UChar32 c = utf8::next(text, i);
  return i == next_start && is_hyphen(c);
}

}  // namespace

TextRules text_rules(std::string_view language) {
  if (language.empty()) return {};
  const auto& elisions = language_data(language).set("elisions");
  return {elisions.empty() ? nullptr : &elisions};
}

std::string normalise(std::string_view utf8, const TextRules& rules) { return normalise_utf8(utf8, rules); }

std::vector<Token> tokenise(std::string_view utf8, std::uint32_t first_position, const TextRules& rules) {
  const std::string normalised = normalise_utf8(utf8, rules);
  const std::string_view text = normalised;
  std::vector<Token> out;
  const std::vector<detail::WordSpan> words = detail::word_spans(text);
  out.reserve(words.size());
  std::uint32_t position = first_position;
  const auto word_text = [&](const detail::WordSpan& word) { return text.substr(word.start, word.end - word.start); };
  for (std::size_t i = 0; i < words.size();) {
    // A hyphenated compound: words joined by exactly one hyphen character.
    std::size_t last = i;
    bool all_numeric = words[i].numeric;
    while (last + 1 < words.size() && joined_by_hyphen(text, words[last].end, words[last + 1].start)) {
      ++last;
      all_numeric = all_numeric && words[last].numeric;
    }
    if (last == i && !words[i].numeric) {
      position += add_dotted_word(out, word_text(words[i]), position);
      ++i;
      continue;
    }
    std::string whole;
    for (std::size_t k = i; k <= last; ++k) {
      const std::string_view part = word_text(words[k]);
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
