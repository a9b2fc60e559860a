// Corrections of misspelt query words, from the index's own terms.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace winnow::search {

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent
/// swaps), over bytes, or bound + 1 as soon as it must exceed `bound`.
[[nodiscard]] std::size_t edits_within(std::string_view a, std::string_view b, std::size_t bound);

/// A correction of a normalised query word, or "" when none is near:
/// the content stem (in any of `languages`) one edit from the word's stem
/// (two for words of six letters or more) that the most documents hold,
/// written as the word of one of those documents that has that stem and is
/// nearest to what was typed ("peacekeepng" -> "peacekeeping").
///
/// Read from the index's terms at search time, not from Xapian's spelling
/// data: building that cost a fresh index of the 10,000 bench files 10% of
/// its time (every fragment of every word is an entry of its own, each
/// compressed), while a search that needs a correction reads the stems
/// sharing the word's first letter, a few milliseconds. Only stems with that
/// first letter are read, so a misspelt first letter is not corrected.
/// `at_least`: the fewest documents the correction must be in.
[[nodiscard]] std::string corrected_spelling(const Xapian::Database& db, const std::vector<std::string>& languages,
                                             const std::string& word, Xapian::doccount at_least);

}  // namespace winnow::search
