// Character classes the text stages share: what is part of a word, what
// stands for an apostrophe or a hyphen, what ends a sentence. ASCII, most of
// any text, is answered without ICU's property look-ups.
#pragma once

#include <string_view>

#include <unicode/uchar.h>

namespace winnow::filters::chars {

/// [A-Za-z0-9].
constexpr bool is_ascii_alnum(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// Letters (L), decimal digits (Nd) and marks (M): what a word is made of,
/// so that a combining accent or a Devanagari vowel sign stays in its word.
/// An ill-formed sequence (a negative value) is none. Beyond ASCII, one look-up
/// of the general category answers it.
inline bool is_word_char(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(c);
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_M_MASK)) != 0;
}

/// Characters that stand for "'" in scraped text: U+2019 right single quote,
/// U+2018 left single quote, U+02BC modifier letter apostrophe, U+2032 prime
/// and the grave accent, beside "'" itself. Normalising folds them all.
constexpr bool is_apostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032 || c == '`';
}

/// Whether a byte of UTF-8 may start a character is_apostrophe() accepts:
/// "'", "`", or the lead byte of U+02BC (CA) or of U+2018, U+2019, U+2032
/// (E2). Text without such a byte has no apostrophe to fold.
constexpr bool may_start_apostrophe(char byte) { return byte == '\'' || byte == '`' || byte == '\xCA' || byte == '\xE2'; }

/// The apostrophes written inside words ("don't", "Mali’s"): "'", U+2019
/// and U+02BC. The others is_apostrophe() accepts open a quotation ("‘",
/// "`") or follow a number ("5′") more often than they sit in a word, so a
/// passage's words, which are highlighted as they are written, leave them out.
constexpr bool is_in_word_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

/// "-", U+2010 hyphen and U+2011 non-breaking hyphen: what joins a compound
/// ("peace-keeping", "Troost-Ekong"); the dashes set off clauses instead.
constexpr bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/// Whether text ends a sentence: ".", "!", "?" or "…", after any closing
/// quotes, brackets and footnote stars ("said.”", "(see below.)").
[[nodiscard]] bool ends_sentence(std::string_view text);

/// Whether the gap between two words (the text between them) may explain a
/// capital on the second one by grammar rather than by a name: it holds a
/// sentence or clause end (". ! ? : ;"), a straight quote, or an opening
/// quote or dash ("“ ‘ « —"), after which a clause starts with a capital.
/// Wider than ends_sentence(), on purpose: a capital word after "said: "
/// or "—" is no better evidence of a name than one after a full stop.
[[nodiscard]] bool may_start_clause(std::string_view gap);

}  // namespace winnow::filters::chars
