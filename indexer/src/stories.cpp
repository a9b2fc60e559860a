// Stories: signature and story slot encodings, and the band table that finds a document's copies.
#include "stories.hpp"

#include <algorithm>
#include <charconv>

#include "winnow/filters/hash.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index::detail {

std::string encode_signature(const filters::StorySignature& signature) {
  std::string bytes;
  bytes.reserve(signature.minimum.size() * 4);
  for (const std::uint32_t value : signature.minimum) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>((value >> shift) & 0xff));
  }
  return bytes;
}

std::optional<filters::StorySignature> decode_signature(std::string_view value) {
  filters::StorySignature signature;
  if (value.size() != signature.minimum.size() * 4) return std::nullopt;
  for (std::size_t i = 0; i < signature.minimum.size(); ++i) {
    std::uint32_t number = 0;
    for (std::size_t b = 0; b < 4; ++b) number = (number << 8) | static_cast<unsigned char>(value[i * 4 + b]);
    signature.minimum[i] = number;
  }
  return signature;
}

StoryId story_of_path(std::string_view path) { return filters::hash64(path); }

std::string encode_story(StoryId story) { return schema::hex64(story); }

StoryId decode_story(std::string_view value) {
  StoryId story = 0;
  std::from_chars(value.data(), value.data() + value.size(), story, 16);
  return story;
}

void StoryIndex::load(const Xapian::Database& db) {
  m_documents.reserve(m_documents.size() + db.get_doccount());
  for (auto it = db.valuestream_begin(schema::path_slot); it != db.valuestream_end(schema::path_slot); ++it) {
    m_documents[it.get_docid()].path = *it;
  }
  const Xapian::valueno slot = schema::story_signature_slot;
  m_loaded_bands.reserve(m_loaded_bands.size() + db.get_doccount() * filters::story_bands);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const auto found = m_documents.find(it.get_docid());
    if (found == m_documents.end()) continue;
    found->second.signature = decode_signature(*it);
    if (!found->second.signature) continue;
    for (const std::uint64_t key : filters::story_band_keys(*found->second.signature)) {
      m_loaded_bands.emplace_back(key, it.get_docid());
    }
  }
  std::sort(m_loaded_bands.begin(), m_loaded_bands.end());
}

void StoryIndex::unlink_bands(Xapian::docid docid, const filters::StorySignature& signature) {
  for (const std::uint64_t key : filters::story_band_keys(signature)) {
    const auto band = m_bands.find(key);
    if (band == m_bands.end()) continue;
    std::erase(band->second, docid);
    if (band->second.empty()) m_bands.erase(band);
  }
}

void StoryIndex::put(Xapian::docid docid, std::string path, const std::optional<filters::StorySignature>& signature) {
  if (const auto found = m_documents.find(docid); found != m_documents.end()) {
    const auto& known = found->second.signature;
    const bool same_signature = known.has_value() == signature.has_value() &&
                                (!known || known->minimum == signature->minimum);
    if (same_signature && found->second.path == path) return;  // a re-clean: nothing moves
  }
  remove(docid);
  Entry& entry = m_documents[docid];
  entry.path = std::move(path);
  entry.signature = signature;
  if (!signature) return;
  for (const std::uint64_t key : filters::story_band_keys(*signature)) m_bands[key].push_back(docid);
}

void StoryIndex::remove(Xapian::docid docid) {
  const auto found = m_documents.find(docid);
  if (found == m_documents.end()) return;
  if (found->second.signature) unlink_bands(docid, *found->second.signature);
  if (!m_loaded_bands.empty()) m_unloaded.insert(docid);
  m_documents.erase(found);
}

std::vector<Xapian::docid> StoryIndex::copies_of(Xapian::docid docid) const {
  std::vector<Xapian::docid> copies;
  const auto found = m_documents.find(docid);
  if (found == m_documents.end() || !found->second.signature) return copies;
  const filters::StorySignature& signature = *found->second.signature;
  for (const std::uint64_t key : filters::story_band_keys(signature)) {
    for (auto it = std::lower_bound(m_loaded_bands.begin(), m_loaded_bands.end(), std::pair<std::uint64_t, Xapian::docid>{key, 0});
         it != m_loaded_bands.end() && it->first == key; ++it) {
      if (it->second != docid && !m_unloaded.contains(it->second)) copies.push_back(it->second);
    }
    const auto band = m_bands.find(key);
    if (band == m_bands.end()) continue;
    for (const Xapian::docid other : band->second) {
      if (other != docid) copies.push_back(other);
    }
  }
  std::sort(copies.begin(), copies.end());
  copies.erase(std::unique(copies.begin(), copies.end()), copies.end());
  std::erase_if(copies, [&](Xapian::docid other) {
    return !filters::same_story(signature, *m_documents.at(other).signature);
  });
  return copies;
}

StoryId StoryIndex::story_of(Xapian::docid docid) const {
  const auto found = m_documents.find(docid);
  if (found == m_documents.end()) return 0;
  const std::string* first = &found->second.path;
  for (const Xapian::docid other : copies_of(docid)) {
    const std::string& path = m_documents.at(other).path;
    if (path < *first) first = &path;
  }
  return story_of_path(*first);
}

}  // namespace winnow::index::detail
