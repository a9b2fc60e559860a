// entity_key(): the folded form of a name, for facet values and user input.
// In a file of its own so that winnow-search, which folds the names users
// type, links it without the entity stage's gazetteers (libgeonames and, with
// it, GLib: several milliseconds of start-up per search).
#include <string>
#include <string_view>

#include "winnow/filters/chars.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"

namespace winnow::filters {
namespace {

using chars::is_ascii_alnum;
using chars::is_word_char;

// Builds an entity key from folded characters: letters, digits and marks
// kept, every run of other characters one space (none at the start), and no
// character that would take the key past max_entity_key_bytes.
class KeyBuilder {
 public:
  explicit KeyBuilder(std::size_t capacity) { m_key.reserve(capacity); }

  /// Adds one character, given as its UTF-8 bytes; false once the key is full.
  bool add(std::string_view character, bool word_char) {
    if (!word_char) {
      m_pending_space = true;
      return true;
    }
    if (m_pending_space && !m_key.empty()) m_key.push_back(' ');
    m_pending_space = false;
    if (m_key.size() + character.size() > max_entity_key_bytes) return false;
    m_key.append(character);
    return true;
  }

  std::string take() { return std::move(m_key); }

 private:
  std::string m_key;
  bool m_pending_space = false;
};

// entity_key() of plain ASCII, without ICU and without an intermediate
// string: normalise() of ASCII is lower case with possessive "'s" and in-word
// apostrophes dropped, and each folded character goes straight to the key.
// The gazetteers hold some 200,000 names, and ICU's normaliser would cost a
// noticeable part of start-up.
std::string ascii_entity_key(std::string_view name) {
  KeyBuilder key(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '\'' && i > 0 && is_ascii_alnum(name[i - 1])) {
      const char next = i + 1 < name.size() ? name[i + 1] : ' ';
      const char after = i + 2 < name.size() ? name[i + 2] : ' ';
      if ((next == 's' || next == 'S') && !is_ascii_alnum(after)) {
        ++i;  // possessive "'s"
        continue;
      }
      if (is_ascii_alnum(next) || name[i - 1] == 's' || name[i - 1] == 'S') continue;  // in-word apostrophe
    }
    const char folded = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!key.add(std::string_view(&folded, 1), is_ascii_alnum(folded))) break;
  }
  return key.take();
}

}  // namespace

std::string entity_key(std::string_view name) {
  if (utf8::is_ascii(name)) return ascii_entity_key(name);
  const std::string folded = normalise(name);
  KeyBuilder key(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t start = i;
    const bool word_char = is_word_char(utf8::next(folded, i));
    if (!key.add(std::string_view(folded).substr(start, i - start), word_char)) break;
  }
  return key.take();
}

}  // namespace winnow::filters
