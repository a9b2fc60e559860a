// WordSet: see word_set.hpp. Out of line: inlined into its callers, GCC 12
// warns that the moved string "may be used uninitialized".
#include "word_set.hpp"

namespace winnow::filters::detail {

void WordSet::add(std::string word) {
  m_summary.add(word);
  m_words.insert(std::move(word));
}

}  // namespace winnow::filters::detail
