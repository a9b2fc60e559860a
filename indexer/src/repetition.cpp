// Corpus repetition: fingerprint counts from Xapian term frequencies, and re-clean bookkeeping.
#include "repetition.hpp"

#include "winnow/index/schema.hpp"

namespace winnow::index::detail {
namespace {

bool holds(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

// Every holder of a fingerprint sees count - 1 other documents.
bool repeated_for_holders(Xapian::doccount holders) {
  return holders > 0 && holders - 1 >= filters::repetition_threshold;
}

}  // namespace

void RepetitionTracker::remember_start(const std::string& fingerprint) {
  if (!m_count_at_start.contains(fingerprint)) {
    m_count_at_start.emplace(fingerprint, m_db.get_termfreq(schema::prefixed(schema::fingerprint_prefix, fingerprint)));
  }
}

filters::ClassifyContext RepetitionTracker::context_for(Xapian::docid previous) {
  m_pending.clear();
  filters::ClassifyContext context;
  context.corpus_count = [this, previous](const std::string& fingerprint) -> std::uint32_t {
    remember_start(fingerprint);
    const std::string term = schema::prefixed(schema::fingerprint_prefix, fingerprint);
    Xapian::doccount count = m_db.get_termfreq(term);
    if (previous != 0 && count > 0 && holds(m_db.get_document(previous), term)) --count;
    m_pending.emplace_back(fingerprint, count >= filters::repetition_threshold);
    return static_cast<std::uint32_t>(count);
  };
  return context;
}

void RepetitionTracker::document_written(Xapian::docid docid) {
  m_written.insert(docid);
  for (const auto& [fingerprint, over] : m_pending) {
    if (over) m_seen_over[fingerprint].insert(docid);
    else m_seen_below[fingerprint].push_back(docid);
  }
  m_pending.clear();
}

void RepetitionTracker::document_leaving(Xapian::docid docid) {
  const Xapian::Document document = m_db.get_document(docid);
  const std::string prefix(schema::fingerprint_prefix);
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    it.skip_to(prefix);
    if (it == document.termlist_end() || !(*it).starts_with(prefix)) break;
    remember_start((*it).substr(prefix.size()));
  }
}

std::vector<Xapian::docid> RepetitionTracker::documents_to_reclean() const {
  std::unordered_set<Xapian::docid> out;
  for (const auto& [fingerprint, count_at_start] : m_count_at_start) {
    const std::string term = schema::prefixed(schema::fingerprint_prefix, fingerprint);
    const bool was = repeated_for_holders(count_at_start);
    const bool now = repeated_for_holders(m_db.get_termfreq(term));
    if (!was && !now) continue;  // below the threshold throughout: nothing decided by it changed
    if (was && now) {
      // Old holders are unaffected; only this run's early copies can be stale.
      if (auto below = m_seen_below.find(fingerprint); below != m_seen_below.end()) out.insert(below->second.begin(), below->second.end());
      continue;
    }
    // The fingerprint changed side: every holder but those already classified on the new side.
    const auto over = m_seen_over.find(fingerprint);
    for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) {
      const bool current = m_written.contains(*it) && (now == (over != m_seen_over.end() && over->second.contains(*it)));
      if (!current) out.insert(*it);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace winnow::index::detail
