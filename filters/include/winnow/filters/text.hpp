// Normalise + tokenise stage: the one place where text becomes index terms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace winnow::filters {

/// The language-dependent parts of normalising, from the language's data
/// folder (see language_data.hpp).
struct TextRules {
  /// Words that elide onto the next one with an apostrophe (French "l",
  /// "qu", Italian "dell"), lower case and without accents, from
  /// elisions.txt; null when the language has none. The apostrophe after
  /// one of them splits the two words ("l'election" -> "l election").
  const std::unordered_set<std::string>* elisions = nullptr;
};

/// The rules of a language (an ISO 639-1 code); no rules for "".
[[nodiscard]] TextRules text_rules(std::string_view language);

/// Folds text the same way for documents and queries: NFKC, case folding,
/// accent folding, apostrophe variants to "'", possessive "'s" dropped and
/// remaining in-word apostrophes removed. Punctuation and spacing are kept,
/// so the result can still be parsed as a query. With a language's rules,
/// apostrophes after its elided words split them off instead.
[[nodiscard]] std::string normalise(std::string_view utf8, const TextRules& rules = {});

/// The accent folding step of normalise() on its own: canonical
/// decomposition, combining marks of the Inherited script removed (acute,
/// diaeresis, cedilla; not the Devanagari virama), recomposition, then Latin
/// letters that do not decompose spelled in ASCII ("ø" -> "o", "ß" -> "ss",
/// "æ" -> "ae"). The same as ICU's transliterator "NFD; [[:Nonspacing
/// Mark:]&[:Inherited:]] Remove; NFC; [:Latin:] Latin-ASCII", without the
/// tens of milliseconds that building one costs. Case is left as it is.
[[nodiscard]] std::string fold_accents(std::string_view utf8);

/// One index term with its word position.
struct Token {
  std::string term;           ///< normalised term, e.g. "mali", "15,000", "peacekeeping"
  std::uint32_t position = 0; ///< word position; a hyphenated whole shares its first part's position
};

/// Normalises and splits text into terms at ICU word boundaries. Numbers keep
/// their separators ("15,000", "1.2"); a hyphenated word yields its parts at
/// consecutive positions and the joined whole at the first part's position.
/// Positions start at first_position. The rules are normalise()'s.
[[nodiscard]] std::vector<Token> tokenise(std::string_view utf8, std::uint32_t first_position = 0,
                                          const TextRules& rules = {});

}  // namespace winnow::filters
