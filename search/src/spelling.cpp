// Corrections of misspelt query words: see spelling.hpp.
#include "winnow/search/spelling.hpp"

#include <algorithm>

#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/index/stored_fields.hpp"

namespace winnow::search {
namespace schema = index::schema;

std::size_t edits_within(std::string_view a, std::string_view b, std::size_t bound) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > bound) return bound + 1;
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_best = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = std::min(current[j], before[j - 2] + 1);
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > bound) return bound + 1;
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

namespace {

struct NearestStem {
  std::string term;  ///< with its Z prefix; empty when none is near
  std::size_t edits = 0;
  Xapian::doccount documents = 0;
};

// The word with the stem of `term`, as the first few documents holding it
// write it, that is nearest to the typed word (ties: the commonest, then
// the first in byte order).
std::string word_with_stem(const Xapian::Database& db, const std::string& term, const std::string& typed) {
  constexpr int documents_read = 3;
  const std::string_view stem = std::string_view(term).substr(schema::stem_prefix.size());
  std::vector<std::string> words;
  int read = 0;
  for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term) && read < documents_read;
       ++posting, ++read) {
    const index::StoredFields fields = index::read_stored_fields(db.get_document(*posting));
    const std::string_view language = fields.text_language.empty() ? index::fallback_language : fields.text_language;
    const Xapian::Stem& stemmer = schema::stemmer_for(language);
    for (auto& token : filters::tokenise(fields.content, 0, filters::text_rules(language))) {
      if (stemmer(token.term) == stem) words.push_back(std::move(token.term));
    }
  }
  std::sort(words.begin(), words.end());
  std::string best;
  std::size_t best_edits = 0, best_uses = 0;
  for (auto first = words.begin(); first != words.end();) {
    const auto last = std::find_if(first, words.end(), [&](const std::string& w) { return w != *first; });
    const std::size_t edits = edits_within(typed, *first, std::max(typed.size(), first->size()));
    const auto uses = static_cast<std::size_t>(last - first);
    if (best.empty() || edits < best_edits || (edits == best_edits && uses > best_uses)) {
      best = *first;
      best_edits = edits;
      best_uses = uses;
    }
    first = last;
  }
  return best;
}

}  // namespace

std::string corrected_spelling(const Xapian::Database& db, const std::vector<std::string>& languages,
                               const std::string& word, Xapian::doccount at_least) {
  constexpr std::size_t long_word = 6;
  const std::size_t bound = filters::utf8::length(word) >= long_word ? 2 : 1;
  NearestStem best;
  std::vector<std::string> stems;
  for (const auto& language : languages) stems.push_back(schema::stemmer_for(language)(word));
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  std::vector<std::string> first_letters;
  for (const auto& stem : stems) {
    if (stem.empty()) continue;
    std::size_t end = 0;
    filters::utf8::next(stem, end);
    first_letters.push_back(schema::prefixed(schema::stem_prefix, stem.substr(0, end)));
  }
  std::sort(first_letters.begin(), first_letters.end());
  first_letters.erase(std::unique(first_letters.begin(), first_letters.end()), first_letters.end());
  for (const auto& prefix : first_letters) {
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string& term = *it;
      const std::string_view candidate = std::string_view(term).substr(schema::stem_prefix.size());
      std::size_t edits = bound + 1;
      for (const auto& stem : stems) edits = std::min(edits, edits_within(stem, candidate, bound));
      if (edits == 0 || edits > bound) continue;  // the word itself, or too far
      const Xapian::doccount documents = it.get_termfreq();
      if (documents < at_least) continue;
      if (best.term.empty() || edits < best.edits || (edits == best.edits && documents > best.documents)) {
        best = {term, edits, documents};
      }
    }
  }
  if (best.term.empty()) return {};
  return word_with_stem(db, best.term, word);
}

}  // namespace winnow::search
