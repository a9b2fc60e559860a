// Corpus repetition: fingerprint counts over stories in memory, read from and saved to the index's count shards.
#include "repetition.hpp"

#include <algorithm>

#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace {

// Every holder of a fingerprint sees the stories but its own.
bool repeated_for_holders(std::int64_t stories) {
  return stories - 1 >= static_cast<std::int64_t>(filters::repetition_threshold);
}

// Runs `read` on the snapshot, reopening it when the writer has committed
// over the revision being read. Until save() is committed, every revision
// holds the same count shards, and a document this run has not written is
// the same in every revision.
template <typename Read>
auto read_retrying(Xapian::Database& snapshot, Read&& read) {
  for (;;) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      snapshot.reopen();
    }
  }
}

void sort_unique(std::vector<Fingerprint>& fingerprints) {
  std::sort(fingerprints.begin(), fingerprints.end());
  fingerprints.erase(std::unique(fingerprints.begin(), fingerprints.end()), fingerprints.end());
}

}  // namespace

std::vector<Fingerprint> fingerprints_of(const Xapian::Document& document) {
  return decode_fingerprints(document.get_value(schema::fingerprints_slot));
}

RepetitionTracker::RepetitionTracker(const std::string& index_at_start) : m_shards(shard_count) {
  if (index_at_start.empty()) return;
  m_snapshot.emplace(index_at_start);
  if (m_snapshot->get_metadata(std::string(schema::fingerprint_counts_key)) == schema::fingerprint_counts_complete) {
    m_write_every_shard = false;
    m_marked_complete = true;
  } else {
    count_from_documents();
  }
}

void RepetitionTracker::stamp(Xapian::Document& document, const Answers& answers) {
  document.add_value(schema::story_slot, encode_story(answers.story));
  // An empty value is no value: add_value("") removes the slot, present or not.
  document.add_value(schema::repeated_slot, encode_fingerprints(answers.repeated));
}

void RepetitionTracker::load_stories_locked() {
  if (m_stories_loaded) return;
  m_stories_loaded = true;
  if (!m_snapshot) return;
  read_retrying(*m_snapshot, [&] {
    m_signatures = StoryIndex();
    m_story.clear();
    m_members.clear();
    m_signatures.load(*m_snapshot);
    const Xapian::valueno slot = schema::story_slot;
    for (auto it = m_snapshot->valuestream_begin(slot); it != m_snapshot->valuestream_end(slot); ++it) {
      const StoryId story = decode_story(*it);
      m_story[it.get_docid()] = story;
      m_members[story].push_back(it.get_docid());
    }
  });
}

// A run stopped between two commits left counts that lag behind the
// documents: they are counted again, each story's fingerprints once.
void RepetitionTracker::count_from_documents() {
  m_recounted = true;
  load_stories_locked();
  std::unordered_map<Fingerprint, std::uint32_t> counts;
  std::unordered_map<StoryId, std::vector<Fingerprint>> shared;
  read_retrying(*m_snapshot, [&] {
    counts.clear();
    shared.clear();
    const Xapian::valueno slot = schema::fingerprints_slot;
    for (auto it = m_snapshot->valuestream_begin(slot); it != m_snapshot->valuestream_end(slot); ++it) {
      const auto story = m_story.find(it.get_docid());
      const std::vector<Fingerprint> held = decode_fingerprints(*it);
      if (story != m_story.end() && m_members[story->second].size() > 1) {
        auto& all = shared[story->second];
        all.insert(all.end(), held.begin(), held.end());
        continue;
      }
      for (const Fingerprint fingerprint : held) ++counts[fingerprint];
    }
  });
  for (auto& [story, held] : shared) {
    sort_unique(held);
    for (const Fingerprint fingerprint : held) ++counts[fingerprint];
  }
  for (auto& shard : m_shards) shard.emplace();
  for (const auto& [fingerprint, count] : counts) m_shards[shard_of(fingerprint)]->emplace_back(fingerprint, count);
  for (auto& shard : m_shards) std::sort(shard->begin(), shard->end());
}

const ShardCounts& RepetitionTracker::shard_locked(unsigned shard) {
  std::optional<ShardCounts>& counts = m_shards[shard];
  if (!counts) {
    const std::string key = shard_key(shard);
    counts = m_snapshot ? decode_shard(shard, read_retrying(*m_snapshot, [&] { return m_snapshot->get_metadata(key); }))
                        : ShardCounts{};
  }
  return *counts;
}

RepetitionTracker::Count& RepetitionTracker::count_locked(Fingerprint fingerprint) {
  auto [it, inserted] = m_counts.try_emplace(fingerprint);
  if (inserted) {
    // A fingerprint not yet counted has not been written or removed by this
    // run, so the shard as the run began still holds its count.
    const ShardCounts& shard = shard_locked(shard_of(fingerprint));
    const auto found = std::lower_bound(shard.begin(), shard.end(), std::pair<Fingerprint, std::uint32_t>{fingerprint, 0});
    if (found != shard.end() && found->first == fingerprint) it->second.at_start = found->second;
    it->second.now = it->second.at_start;
  }
  return it->second;
}

const std::vector<Fingerprint>& RepetitionTracker::fingerprints_locked(Xapian::docid docid) {
  auto [it, inserted] = m_fingerprints.try_emplace(docid);
  if (inserted && m_snapshot) {
    try {
      it->second = read_retrying(*m_snapshot, [&] {
        return fingerprints_of(m_snapshot->get_document(docid, Xapian::DOC_ASSUME_VALID));
      });
    } catch (const Xapian::DocNotFoundError&) {
    }
  }
  return it->second;
}

bool RepetitionTracker::story_holds_locked(StoryId story, Fingerprint fingerprint, Xapian::docid except) {
  const auto members = m_members.find(story);
  if (members == m_members.end()) return false;
  for (const Xapian::docid member : members->second) {
    if (member == except) continue;
    const auto& held = fingerprints_locked(member);
    if (std::binary_search(held.begin(), held.end(), fingerprint)) return true;
  }
  return false;
}

void RepetitionTracker::join_locked(Xapian::docid docid, StoryId story) {
  for (const Fingerprint fingerprint : fingerprints_locked(docid)) {
    if (!story_holds_locked(story, fingerprint, docid)) ++count_locked(fingerprint).now;
  }
  m_members[story].push_back(docid);
  m_story[docid] = story;
}

void RepetitionTracker::leave_locked(Xapian::docid docid) {
  const auto found = m_story.find(docid);
  if (found == m_story.end()) return;
  const StoryId story = found->second;
  m_story.erase(found);
  if (auto members = m_members.find(story); members != m_members.end()) {
    std::erase(members->second, docid);
    if (members->second.empty()) m_members.erase(members);
  }
  for (const Fingerprint fingerprint : fingerprints_locked(docid)) {
    if (!story_holds_locked(story, fingerprint, docid)) --count_locked(fingerprint).now;
  }
}

filters::ClassifyContext RepetitionTracker::context_for(Xapian::docid docid, const std::string& path,
                                                        std::vector<Fingerprint> previous, Answers& answers) {
  sort_unique(previous);
  filters::ClassifyContext context;
  // Called first: the story, and what it already holds, which are no
  // evidence against the document (nor is its own indexed version).
  context.on_story = [this, docid, path, previous = std::move(previous),
                      &answers](const std::optional<filters::StorySignature>& signature) {
    const std::lock_guard lock(m_mutex);
    load_stories_locked();
    m_signatures.put(docid, path, signature);
    answers.story = m_signatures.story_of(docid);
    answers.story_holds = previous;
    if (const auto members = m_members.find(answers.story); members != m_members.end()) {
      for (const Xapian::docid member : std::vector<Xapian::docid>(members->second)) {
        if (member == docid) continue;
        const auto& held = fingerprints_locked(member);
        answers.story_holds.insert(answers.story_holds.end(), held.begin(), held.end());
      }
    }
    sort_unique(answers.story_holds);
  };
  context.corpus_count = [this, &answers](const Fingerprint fingerprint) {
    std::int64_t count = 0;
    {
      const std::lock_guard lock(m_mutex);
      count = count_locked(fingerprint).now;
    }
    if (count > 0 && std::binary_search(answers.story_holds.begin(), answers.story_holds.end(), fingerprint)) --count;
    if (count >= static_cast<std::int64_t>(filters::repetition_threshold)) answers.repeated.push_back(fingerprint);
    return static_cast<std::uint32_t>(std::max<std::int64_t>(count, 0));
  };
  return context;
}

std::vector<Fingerprint> RepetitionTracker::fingerprints_at_start(Xapian::docid docid) {
  const std::lock_guard lock(m_mutex);
  if (!m_snapshot) return {};
  try {
    return read_retrying(*m_snapshot, [&] {
      return fingerprints_of(m_snapshot->get_document(docid, Xapian::DOC_ASSUME_VALID));
    });
  } catch (const Xapian::DocNotFoundError&) {
    return {};
  }
}

void RepetitionTracker::document_written(Xapian::docid docid, const Xapian::Document& document,
                                         const Answers& answers) {
  std::vector<Fingerprint> told = answers.repeated;
  sort_unique(told);
  const std::lock_guard lock(m_mutex);
  load_stories_locked();
  leave_locked(docid);  // a version the caller did not say was leaving
  m_fingerprints[docid] = fingerprints_of(document);
  join_locked(docid, answers.story);
  m_told[docid] = std::move(told);
  m_written.insert(docid);
}

void RepetitionTracker::document_leaving(Xapian::docid docid, const Xapian::Document& document, bool replaced) {
  const std::lock_guard lock(m_mutex);
  load_stories_locked();
  m_fingerprints[docid] = fingerprints_of(document);
  leave_locked(docid);
  // Copies that took their story from this path may belong to another now.
  m_left_stories.insert(story_of_path(document.get_value(schema::path_slot)));
  if (replaced) return;
  m_signatures.remove(docid);
  m_fingerprints.erase(docid);
  m_told.erase(docid);
  m_written.erase(docid);
}

std::vector<Xapian::docid> RepetitionTracker::copies_of(Xapian::docid docid) {
  const std::lock_guard lock(m_mutex);
  load_stories_locked();
  return m_signatures.copies_of(docid);
}

void RepetitionTracker::document_recleaned(Xapian::docid docid, const Answers& answers) {
  std::vector<Fingerprint> told = answers.repeated;
  sort_unique(told);
  const std::lock_guard lock(m_mutex);
  m_told[docid] = std::move(told);
  m_written.insert(docid);
}

std::vector<Fingerprint> RepetitionTracker::expected_repeated_locked(Xapian::docid docid) {
  std::vector<Fingerprint> expected;
  for (const Fingerprint fingerprint : fingerprints_locked(docid)) {
    if (repeated_for_holders(count_locked(fingerprint).now)) expected.push_back(fingerprint);
  }
  return expected;
}

std::vector<Fingerprint> RepetitionTracker::told_locked(Xapian::docid docid) {
  auto [it, inserted] = m_told.try_emplace(docid);
  if (inserted && m_snapshot) {
    try {
      it->second = read_retrying(*m_snapshot, [&] {
        return decode_fingerprints(m_snapshot->get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::repeated_slot));
      });
    } catch (const Xapian::DocNotFoundError&) {
    }
  }
  return it->second;
}

RepetitionTracker::Settlement RepetitionTracker::settle(bool check_all, const std::vector<Xapian::Database>& holders) {
  const std::lock_guard lock(m_mutex);
  check_all = check_all || m_recounted;
  Settlement out;
  // A run that wrote and removed nothing changed no story and no count: a
  // no-op re-scan reads none of the stories.
  if (!check_all && m_written.empty() && m_left_stories.empty()) return out;
  load_stories_locked();

  // Stories first: they decide the counts, which decide the evidence.
  std::vector<Xapian::docid> affected;
  if (check_all) {
    for (const auto& entry : m_story) affected.push_back(entry.first);
  } else {
    std::unordered_set<Xapian::docid> reached(m_written.begin(), m_written.end());
    for (const Xapian::docid docid : m_written) {
      for (const Xapian::docid copy : m_signatures.copies_of(docid)) reached.insert(copy);
    }
    for (const StoryId story : m_left_stories) {
      if (const auto members = m_members.find(story); members != m_members.end()) {
        reached.insert(members->second.begin(), members->second.end());
      }
    }
    affected.assign(reached.begin(), reached.end());
  }
  std::sort(affected.begin(), affected.end());  // the same order whatever the hash maps'
  for (const Xapian::docid docid : affected) {
    const auto current = m_story.find(docid);
    if (current == m_story.end()) continue;
    const StoryId story = m_signatures.story_of(docid);
    if (story == current->second) continue;
    leave_locked(docid);
    join_locked(docid, story);
    out.moved.emplace_back(docid, story);
  }

  // Then every document whose evidence could have changed.
  std::unordered_set<Xapian::docid> candidates;
  if (check_all) {
    for (const auto& entry : m_story) candidates.insert(entry.first);
  } else {
    candidates.insert(m_written.begin(), m_written.end());
    for (const auto& [docid, story] : out.moved) candidates.insert(docid);
    std::unordered_set<Fingerprint> crossed;
    for (const auto& [fingerprint, count] : m_counts) {
      if (repeated_for_holders(count.at_start) != repeated_for_holders(count.now)) crossed.insert(fingerprint);
    }
    if (!crossed.empty()) {
      const Xapian::valueno slot = schema::fingerprints_slot;
      for (const auto& index : holders) {
        for (auto it = index.valuestream_begin(slot); it != index.valuestream_end(slot); ++it) {
          for (const Fingerprint fingerprint : decode_fingerprints(*it)) {
            if (crossed.contains(fingerprint)) {
              candidates.insert(it.get_docid());
              break;
            }
          }
        }
      }
    }
  }
  std::vector<Xapian::docid> sorted(candidates.begin(), candidates.end());
  std::sort(sorted.begin(), sorted.end());
  for (const Xapian::docid docid : sorted) {
    if (!m_story.contains(docid)) continue;
    if (expected_repeated_locked(docid) != told_locked(docid)) out.to_reclean.push_back(docid);
  }
  return out;
}

void RepetitionTracker::counts_pending(Xapian::WritableDatabase& db) {
  const std::lock_guard lock(m_mutex);
  if (!m_marked_complete) return;
  db.set_metadata(std::string(schema::fingerprint_counts_key), "");
  m_marked_complete = false;
}

void RepetitionTracker::save(Xapian::WritableDatabase& db) {
  const std::lock_guard lock(m_mutex);
  std::vector<std::vector<std::pair<Fingerprint, std::int64_t>>> changed(shard_count);
  for (const auto& [fingerprint, count] : m_counts) {
    if (m_write_every_shard || count.now != static_cast<std::int64_t>(count.at_start)) {
      changed[shard_of(fingerprint)].emplace_back(fingerprint, count.now);
    }
  }
  for (unsigned shard = 0; shard < shard_count; ++shard) {
    auto& updates = changed[shard];
    if (updates.empty() && !m_write_every_shard) continue;
    std::sort(updates.begin(), updates.end());
    const ShardCounts& before = shard_locked(shard);
    ShardCounts after;
    after.reserve(before.size() + updates.size());
    auto old = before.begin();
    const auto keep_older_than = [&](Fingerprint limit) {
      for (; old != before.end() && old->first < limit; ++old) after.push_back(*old);
    };
    for (const auto& [fingerprint, now] : updates) {
      keep_older_than(fingerprint);
      if (old != before.end() && old->first == fingerprint) ++old;
      if (now > 0) after.emplace_back(fingerprint, static_cast<std::uint32_t>(now));
    }
    after.insert(after.end(), old, before.end());
    db.set_metadata(shard_key(shard), encode_shard(shard, after));  // empty: the entry goes
  }
  if (m_write_every_shard && m_snapshot) {
    // Entries of another layout (4,096 shards, 3 hex digits) that a
    // recount replaced: only this layout's keys are to be left.
    const std::string prefix = std::string(schema::fingerprint_counts_key) + ":";
    const std::size_t key_size = shard_key(0).size();
    std::vector<std::string> stale;
    read_retrying(*m_snapshot, [&] {
      stale.clear();
      for (auto it = m_snapshot->metadata_keys_begin(prefix); it != m_snapshot->metadata_keys_end(prefix); ++it) {
        if ((*it).size() != key_size) stale.push_back(*it);
      }
    });
    for (const auto& key : stale) db.set_metadata(key, "");
  }
  if (!m_marked_complete) {
    db.set_metadata(std::string(schema::fingerprint_counts_key), std::string(schema::fingerprint_counts_complete));
    m_marked_complete = true;
  }
}

}  // namespace winnow::index::detail
