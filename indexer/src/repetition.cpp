// Corpus repetition: fingerprint counts in memory, seeded from the index's XF term frequencies.
#include "repetition.hpp"

#include <algorithm>
#include <charconv>

#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace {

// Fingerprints are 16 hex digits (filters::segment_fingerprint); kept as
// numbers, a corpus's millions of them take a third of the memory.
std::uint64_t fingerprint_number(std::string_view fingerprint) {
  std::uint64_t number = 0;
  std::from_chars(fingerprint.data(), fingerprint.data() + fingerprint.size(), number, 16);
  return number;
}

// Every holder of a fingerprint sees count - 1 other documents.
bool repeated_for_holders(std::int64_t holders) {
  return holders > 0 && holders - 1 >= static_cast<std::int64_t>(filters::repetition_threshold);
}

}  // namespace

std::vector<std::string> fingerprints_of(const Xapian::Document& document) {
  std::vector<std::string> out;
  const std::string prefix(schema::fingerprint_prefix);
  auto it = document.termlist_begin();
  for (it.skip_to(prefix); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    if (!term.starts_with(prefix)) break;
    out.push_back(term.substr(prefix.size()));
  }
  return out;
}

RepetitionTracker::RepetitionTracker(const std::string& index_at_start) {
  if (!index_at_start.empty()) m_snapshot.emplace(index_at_start);
}

RepetitionTracker::Count& RepetitionTracker::count_locked(std::uint64_t fingerprint) {
  auto [it, inserted] = m_counts.try_emplace(fingerprint);
  if (inserted && m_snapshot) {
    // A fingerprint not yet counted has not been written or removed by this
    // run, so every revision the writer committed since the start agrees on it.
    const std::string term = schema::prefixed(schema::fingerprint_prefix, schema::hex64(fingerprint));
    for (;;) {
      try {
        it->second.at_start = m_snapshot->get_termfreq(term);
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        m_snapshot->reopen();  // the writer committed over the revision being read
      }
    }
    it->second.now = it->second.at_start;
  }
  return it->second;
}

filters::ClassifyContext RepetitionTracker::context_for(std::vector<std::string> previous, Answers& answers) {
  std::sort(previous.begin(), previous.end());
  filters::ClassifyContext context;
  context.corpus_count = [this, previous = std::move(previous), &answers](const std::string& fingerprint) {
    const std::uint64_t number = fingerprint_number(fingerprint);
    Count seen;
    {
      const std::lock_guard lock(m_mutex);
      seen = count_locked(number);
    }
    std::int64_t count = seen.now;
    if (count > 0 && std::binary_search(previous.begin(), previous.end(), fingerprint)) --count;
    answers.given.push_back({number, count >= static_cast<std::int64_t>(filters::repetition_threshold),
                             repeated_for_holders(seen.at_start)});
    return static_cast<std::uint32_t>(std::max<std::int64_t>(count, 0));
  };
  return context;
}

std::vector<std::string> RepetitionTracker::fingerprints_at_start(Xapian::docid docid) {
  const std::lock_guard lock(m_mutex);
  if (!m_snapshot) return {};
  for (;;) {
    try {
      return fingerprints_of(m_snapshot->get_document(docid, Xapian::DOC_ASSUME_VALID));
    } catch (const Xapian::DatabaseModifiedError&) {
      m_snapshot->reopen();
    } catch (const Xapian::DocNotFoundError&) {
      return {};
    }
  }
}

void RepetitionTracker::document_written(Xapian::docid docid, const Xapian::Document& document,
                                         const Answers& answers) {
  const std::vector<std::string> held = fingerprints_of(document);
  const std::lock_guard lock(m_mutex);
  for (const auto& fingerprint : held) ++count_locked(fingerprint_number(fingerprint)).now;
  m_written.insert(docid);
  for (const auto& answer : answers.given) {
    if (answer.over) m_seen_over[answer.fingerprint].insert(docid);
    else if (answer.repeated_at_start) m_seen_below[answer.fingerprint].push_back(docid);
  }
}

void RepetitionTracker::document_leaving(const Xapian::Document& document) {
  const std::vector<std::string> held = fingerprints_of(document);
  const std::lock_guard lock(m_mutex);
  for (const auto& fingerprint : held) --count_locked(fingerprint_number(fingerprint)).now;
}

std::vector<Xapian::docid> RepetitionTracker::documents_to_reclean(
    const std::vector<Xapian::Database>& holders) const {
  std::unordered_set<Xapian::docid> out;
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
    // The fingerprint changed side: every holder but those already classified on the new side.
    const auto over = m_seen_over.find(fingerprint);
    const std::string term = schema::prefixed(schema::fingerprint_prefix, schema::hex64(fingerprint));
    for (const auto& index : holders) {
      for (auto it = index.postlist_begin(term); it != index.postlist_end(term); ++it) {
        const bool current =
            m_written.contains(*it) && (now == (over != m_seen_over.end() && over->second.contains(*it)));
        if (!current) out.insert(*it);
      }
    }
  }
  std::vector<Xapian::docid> sorted(out.begin(), out.end());
  std::sort(sorted.begin(), sorted.end());  // the same order whatever the hash map's
  return sorted;
}

}  // namespace winnow::index::detail
