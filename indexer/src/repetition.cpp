// Corpus repetition: fingerprint counts in memory, read from and saved to the index's count shards.
#include "repetition.hpp"

#include <algorithm>

#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace {

// Every holder of a fingerprint sees count - 1 other documents.
bool repeated_for_holders(std::int64_t holders) {
  return holders > 0 && holders - 1 >= static_cast<std::int64_t>(filters::repetition_threshold);
}

// Runs `read` on the snapshot, reopening it when the writer has committed
// over the revision being read. Until save() is committed, every revision
// holds the same count shards and the same documents at start.
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

void RepetitionTracker::count_from_documents() {
  std::unordered_map<Fingerprint, std::uint32_t> counts;
  read_retrying(*m_snapshot, [&] {
    counts.clear();
    const Xapian::valueno slot = schema::fingerprints_slot;
    for (auto it = m_snapshot->valuestream_begin(slot); it != m_snapshot->valuestream_end(slot); ++it) {
      for (const Fingerprint fingerprint : decode_fingerprints(*it)) ++counts[fingerprint];
    }
  });
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

filters::ClassifyContext RepetitionTracker::context_for(std::vector<Fingerprint> previous, Answers& answers) {
  std::sort(previous.begin(), previous.end());
  filters::ClassifyContext context;
  context.corpus_count = [this, previous = std::move(previous), &answers](const std::string& hex) {
    const Fingerprint fingerprint = parse_fingerprint(hex);
    Count seen;
    {
      const std::lock_guard lock(m_mutex);
      seen = count_locked(fingerprint);
    }
    std::int64_t count = seen.now;
    if (count > 0 && std::binary_search(previous.begin(), previous.end(), fingerprint)) --count;
    answers.given.push_back({fingerprint, count >= static_cast<std::int64_t>(filters::repetition_threshold),
                             repeated_for_holders(seen.at_start)});
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
  const std::vector<Fingerprint> held = fingerprints_of(document);
  const std::lock_guard lock(m_mutex);
  for (const Fingerprint fingerprint : held) ++count_locked(fingerprint).now;
  m_written.insert(docid);
  for (const auto& answer : answers.given) {
    if (answer.over) m_seen_over[answer.fingerprint].insert(docid);
    else if (answer.repeated_at_start) m_seen_below[answer.fingerprint].push_back(docid);
  }
}

void RepetitionTracker::document_leaving(const Xapian::Document& document) {
  const std::vector<Fingerprint> held = fingerprints_of(document);
  const std::lock_guard lock(m_mutex);
  for (const Fingerprint fingerprint : held) --count_locked(fingerprint).now;
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
  if (!m_marked_complete) {
    db.set_metadata(std::string(schema::fingerprint_counts_key), std::string(schema::fingerprint_counts_complete));
    m_marked_complete = true;
  }
}

std::vector<Xapian::docid> RepetitionTracker::documents_to_reclean(
    const std::vector<Xapian::Database>& holders) const {
  std::unordered_set<Xapian::docid> out;
  // Fingerprints that changed side -> the side they are on now.
  std::unordered_map<Fingerprint, bool> crossed;
  for (const auto& [fingerprint, count] : m_counts) {
    const bool was = repeated_for_holders(count.at_start);
    const bool now = repeated_for_holders(count.now);
    if (!was && !now) continue;  // below the threshold throughout: nothing decided by it changed
    if (was && now) {
      // Old holders are unaffected; only this run's copies that saw it below can be stale.
      if (auto below = m_seen_below.find(fingerprint); below != m_seen_below.end()) {
        out.insert(below->second.begin(), below->second.end());
      }
      continue;
    }
    crossed.emplace(fingerprint, now);
  }
  // A crossed fingerprint: every holder but those already classified on the new side.
  if (!crossed.empty()) {
    const Xapian::valueno slot = schema::fingerprints_slot;
    for (const auto& index : holders) {
      for (auto it = index.valuestream_begin(slot); it != index.valuestream_end(slot); ++it) {
        const Xapian::docid docid = it.get_docid();
        for (const Fingerprint fingerprint : decode_fingerprints(*it)) {
          const auto side = crossed.find(fingerprint);
          if (side == crossed.end()) continue;
          const auto over = m_seen_over.find(fingerprint);
          const bool current = m_written.contains(docid) &&
                               (side->second == (over != m_seen_over.end() && over->second.contains(docid)));
          if (!current) out.insert(docid);
        }
      }
    }
  }
  std::vector<Xapian::docid> sorted(out.begin(), out.end());
  std::sort(sorted.begin(), sorted.end());  // the same order whatever the hash map's
  return sorted;
}

}  // namespace winnow::index::detail
