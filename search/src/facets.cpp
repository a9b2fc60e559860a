// Entity facets: name resolution from the index's alias terms, exact counts from value slots.
#include "winnow/search/facets.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "winnow/index/schema.hpp"
#include "winnow/search/spelling.hpp"

namespace winnow::search {
namespace schema = index::schema;
namespace {

// Calls on_term(term without prefix, term frequency) for every term starting
// with prefix; the view is valid during the call only.
template <typename OnTerm>
void for_each_term(const Xapian::Database& db, const std::string& prefix, OnTerm&& on_term) {
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    on_term(std::string_view(term).substr(prefix.size()), it.get_termfreq());
  }
}

// The second halves of the pair terms <prefix><first>\x1f<second>.
std::vector<std::string> paired_with(const Xapian::Database& db, std::string_view prefix, const std::string& first) {
  std::vector<std::string> seconds;
  for_each_term(db, schema::prefixed(prefix, schema::joined_pair(first, "")),
                [&](std::string_view second, Xapian::doccount) { seconds.emplace_back(second); });
  return seconds;
}

bool starts_with_words(std::string_view key, std::string_view words) {
  return key.size() > words.size() && key.starts_with(words) && key[words.size()] == ' ';
}

bool ends_with_words(std::string_view key, std::string_view words) {
  return key.size() > words.size() && key.ends_with(words) && key[key.size() - words.size() - 1] == ' ';
}

// Keys whose words begin or end with the given key's words: a surname or a
// first name typed alone. Only the start can use a prefix scan; the end needs
// every key, which is why this runs only when nothing else resolved.
std::vector<std::string> keys_sharing_words(const Xapian::Database& db, std::string_view facet_prefix,
                                            const std::string& key) {
  std::vector<std::string> keys;
  const std::string prefix(facet_prefix);
  // (No term frequencies here: reading them would double the cost of the walk.)
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    const std::string_view candidate = std::string_view(term).substr(prefix.size());
    if (starts_with_words(candidate, key) || ends_with_words(candidate, key)) keys.emplace_back(candidate);
  }
  return keys;
}

void sort_by_count_then_key(std::vector<FacetValue>& values) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  });
}

// The keys of a slot value: "gao\x1fmali" -> "gao", "mali".
template <typename OnKey>
void split_keys(std::string_view value, OnKey&& on_key) {
  while (!value.empty()) {
    const std::size_t end = std::min(value.find(schema::key_separator), value.size());
    if (end > 0) on_key(value.substr(0, end));
    value.remove_prefix(std::min(end + 1, value.size()));
  }
}

// The spelling with the highest document count among those considered.
struct MostCommonSpelling {
  std::string spelling;
  Xapian::doccount count = 0;
  // Terms come in byte order, so on a tie the first one seen stays.
  void consider(std::string_view candidate, Xapian::doccount documents) {
    if (documents <= count) return;
    spelling = candidate;
    count = documents;
  }
};

// Whether the full name `best` of an alias, joined to it by `best_count` of
// the `all` documents joining the alias to a longer name, is the alias's:
// at least four in five of them agree ("wagner" -> "wagner group", though a
// few joined "Mali Wagner").
bool dominates(Xapian::doccount best_count, Xapian::doccount all) { return best_count > 0 && best_count * 5 >= all * 4; }

// dominant_full of every alias of the index that has one, in one pass over
// the alias terms (in order, so each alias's full names come together).
std::unordered_map<std::string, std::string> dominant_fulls(const Xapian::Database& db,
                                                            const schema::EntitySchema& terms) {
  std::unordered_map<std::string, std::string> out;
  std::string alias, best;
  Xapian::doccount best_count = 0, all = 0;
  const auto close = [&] {
    if (!alias.empty() && dominates(best_count, all)) out.emplace(alias, best);
  };
  for_each_term(db, std::string(terms.alias_prefix), [&](std::string_view pair, Xapian::doccount documents) {
    const std::size_t separator = pair.find(schema::key_separator);
    if (separator == std::string_view::npos) return;
    const std::string_view this_alias = pair.substr(0, separator);
    if (this_alias != alias) {
      close();
      alias = this_alias;
      best.clear();
      best_count = all = 0;
    }
    all += documents;
    if (documents > best_count) {
      best = pair.substr(separator + 1);
      best_count = documents;
    }
  });
  close();
  return out;
}

// dominant_full of each of `keys` that has one, in one walk of a single
// term iterator over the alias terms, skipping from key to key.
std::unordered_map<std::string, std::string> dominant_fulls_of(const Xapian::Database& db,
                                                               const schema::EntitySchema& terms,
                                                               std::vector<std::string_view> keys) {
  std::unordered_map<std::string, std::string> out;
  std::sort(keys.begin(), keys.end());
  const std::string prefix(terms.alias_prefix);
  auto it = db.allterms_begin(prefix);
  const auto end = db.allterms_end(prefix);
  for (const std::string_view key : keys) {
    const std::string start = schema::prefixed(prefix, schema::joined_pair(key, ""));
    std::string best;
    Xapian::doccount best_count = 0, all = 0;
    for (it.skip_to(start); it != end; it.skip_to(*it + '\0')) {
      const std::string term = *it;
      if (!term.starts_with(start)) break;
      const Xapian::doccount documents = it.get_termfreq();
      all += documents;
      if (documents > best_count) {
        best = term.substr(start.size());
        best_count = documents;
      }
    }
    out.emplace(std::string(key), dominates(best_count, all) ? best : std::string());
    if (it == end) it = db.allterms_begin(prefix);  // past the end: the next key may still come before it
  }
  return out;
}

// The alias's dominant full name (dominates()); empty when none is.
std::string dominant_full(const Xapian::Database& db, const schema::EntitySchema& terms, std::string_view alias) {
  return dominant_fulls_of(db, terms, {alias}).begin()->second;
}

// The names folded into a full name: one word, as the short names that
// stand for a longer one are (an acronym, a surname, an organisation's
// first word). A name of several words is a full name of its own in the
// counts; looking up each one's alias terms, some joined to hundreds of
// longer runs of names, tripled the cost of folding.
bool short_name(std::string_view key) { return key.find(' ') == std::string_view::npos; }

// Folds each counted value whose key is a short_name() alias into the
// value of its dominant full name, followed up to the end ("un" -> "united
// nations"), so
// an acronym and its expansion, a short name and the full one, are one
// facet value across the corpus whenever documents join them. Only the
// first `considered` values are looked up: one further down has fewer
// documents than each of them. `count_of(key)` gives a key's count when it
// is not among the values. A value that took in aliases is counted again,
// once, as `documents_of(keys)`, the documents with any of its keys (a
// document may hold two of them), when it is among the first `shown` (all
// when 0) after the merge; where that gives nothing, the sum stands.
// Values stay sorted.
template <typename CountOf, typename DocumentsOf>
void merge_aliases(const Xapian::Database& db, EntityKind kind, std::vector<FacetValue>& values,
                   std::size_t considered, std::size_t shown, CountOf&& count_of, DocumentsOf&& documents_of) {
  const schema::EntitySchema& terms = schema::entity_schema(kind);
  std::unordered_map<std::string, std::size_t> at;  // key -> its value's index
  for (std::size_t i = 0; i < values.size(); ++i) at.emplace(values[i].key, i);
  const std::size_t looked_up = std::min(considered, values.size());
  // Many keys (a whole --list): one pass over every alias term beats a
  // seek per key. A few: one iterator skipping from key to key, in order
  // (a new iterator per key costs several times as much: a cursor of its
  // own). A chain's further steps, rare, are looked up one by one.
  constexpr std::size_t one_pass_from = 64;
  const bool every_alias = looked_up >= one_pass_from;
  std::unordered_map<std::string, std::string> known;
  if (every_alias) {
    known = dominant_fulls(db, terms);
  } else {
    std::vector<std::string_view> keys;
    for (std::size_t i = 0; i < looked_up; ++i)
      if (short_name(values[i].key)) keys.push_back(values[i].key);
    known = dominant_fulls_of(db, terms, std::move(keys));
  }
  const auto dominant = [&](const std::string& key) -> std::string {
    if (!short_name(key)) return {};
    const auto found = known.find(key);
    if (found != known.end()) return found->second;
    return every_alias ? std::string() : dominant_full(db, terms, key);
  };
  std::unordered_map<std::string, std::vector<std::string>> taken_in;  // full name's key -> its aliases' keys
  std::vector<bool> folded(values.size());
  for (std::size_t i = 0; i < looked_up; ++i) {
    // Up the chain of dominant full names, a few steps at most.
    std::string target;
    std::set<std::string> seen{values[i].key};
    for (std::string up = dominant(values[i].key); !up.empty() && seen.size() < 8; up = dominant(up)) {
      if (!seen.insert(up).second) break;
      target = up;
    }
    if (target.empty()) continue;
    auto found = at.find(target);
    if (found == at.end()) {
      // Not among the values looked up: its count, 0 when no match uses the
      // full name itself (the matches say "UN"; they count as the United
      // Nations all the same).
      found = at.emplace(target, values.size()).first;
      values.push_back({{}, target, count_of(target)});
      folded.push_back(false);
    }
    values[found->second].count += values[i].count;  // at most: counted again below if shown
    taken_in[target].push_back(values[i].key);
    folded[i] = true;
  }
  if (taken_in.empty()) return;
  std::vector<FacetValue> kept;
  kept.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!folded[i]) kept.push_back(std::move(values[i]));
  sort_by_count_then_key(kept);
  const std::size_t recounted = shown == 0 ? kept.size() : std::min(shown, kept.size());
  bool changed = false;
  for (std::size_t i = 0; i < recounted; ++i) {
    const auto merged = taken_in.find(kept[i].key);
    if (merged == taken_in.end()) continue;
    std::vector<std::string> keys = merged->second;
    keys.push_back(kept[i].key);
    const std::optional<Xapian::doccount> exact = documents_of(keys);
    if (!exact) continue;
    changed = changed || *exact != kept[i].count;
    kept[i].count = *exact;
  }
  if (changed) sort_by_count_then_key(kept);
  values = std::move(kept);
}

// Values of a kind looked up for merging beyond the `limit` shown: the
// aliases among them may join a value shown, or lift theirs into view.
std::size_t merge_window(std::size_t limit) { return limit == 0 ? SIZE_MAX : limit + 20; }

}  // namespace

std::vector<std::string> resolve_entity(const Xapian::Database& db, EntityKind kind, std::string_view name) {
  const std::string key = filters::entity_key(name);
  if (key.empty()) return {};
  const schema::EntitySchema& terms = schema::entity_schema(kind);
  // Only keys some document has as an entity: an alias that no document
  // uses alone ("guterres" of "antonio guterres") would add nothing.
  std::set<std::string> keys;
  const auto add_if_used = [&](std::string candidate) {
    if (db.term_exists(schema::prefixed(terms.facet_prefix, candidate))) keys.insert(std::move(candidate));
  };
  // The full name that documents joining an alias joined it to, when at
  // least four in five of them agree ("wagner" -> "wagner group", though a
  // few joined "Mali Wagner"); empty when none does.
  std::map<std::string, std::string> dominant_of;  // each alias's scan, once
  const auto dominant = [&](const std::string& alias) -> const std::string& {
    const auto known = dominant_of.find(alias);
    if (known != dominant_of.end()) return known->second;
    return dominant_of.emplace(alias, dominant_full(db, terms, alias)).first->second;
  };
  // The entity is every key linked to this one by such agreements, either
  // way: its dominant full name, the aliases whose dominant full name it is,
  // and theirs. Typed as "wagner" or as "wagner group", it is the same.
  constexpr std::size_t most_keys = 64;  // a guard: a real entity has a handful
  std::set<std::string> linked{key};
  std::vector<std::string> pending{key};
  while (!pending.empty() && linked.size() < most_keys) {
    const std::string node = std::move(pending.back());
    pending.pop_back();
    add_if_used(node);
    if (std::string up = dominant(node); !up.empty()) {  // a copy: the map may grow
      if (linked.insert(up).second) pending.push_back(std::move(up));
    } else {
      // Joined to several longer names, none of them most of the time
      // ("wagner" to "wagner group" and "richard wagner" alike): the name
      // is in each of them, which are found too, but not followed further.
      for (auto& other : paired_with(db, terms.alias_prefix, node)) add_if_used(std::move(other));
    }
    for (auto& alias : paired_with(db, terms.alias_reverse_prefix, node))
      if (!linked.contains(alias) && dominant(alias) == node && linked.insert(alias).second)
        pending.push_back(std::move(alias));
  }
  if (keys.empty() && kind == EntityKind::actor) {
    for (auto& similar : keys_sharing_words(db, terms.facet_prefix, key)) keys.insert(std::move(similar));
  }
  return {keys.begin(), keys.end()};
}

Xapian::Query entity_query(const Xapian::Database& db, EntityKind kind, std::string_view name) {
  const std::string_view facet_prefix = schema::entity_schema(kind).facet_prefix;
  std::vector<Xapian::Query> terms;
  for (const auto& key : resolve_entity(db, kind, name)) terms.emplace_back(schema::prefixed(facet_prefix, key));
  if (terms.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

namespace {

// A search that weighs no match: a pass over the matches that only counts.
Xapian::Enquire unweighted(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire;
}

// How many documents matching `query` (all of them when there is none) have
// any of the keys as entities.
Xapian::doccount documents_with_any(const Xapian::Database& db, EntityKind kind,
                                    const std::optional<Xapian::Query>& query, const std::vector<std::string>& keys) {
  const std::string_view prefix = schema::entity_schema(kind).facet_prefix;
  std::vector<Xapian::Query> terms;
  terms.reserve(keys.size());
  for (const auto& key : keys) terms.emplace_back(schema::prefixed(prefix, key));
  Xapian::Query any(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (query) any = Xapian::Query(Xapian::Query::OP_FILTER, *query, any);
  return unweighted(db, any).get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// splitmix64's finaliser: a well-mixed 64-bit hash of a 64-bit number.
std::uint64_t mixed(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A hash of a key, eight bytes at a time.
std::uint64_t key_hash(std::string_view key) {
  std::uint64_t hash = key.size();
  while (!key.empty()) {
    std::uint64_t word = 0;
    const std::size_t length = std::min<std::size_t>(key.size(), sizeof word);
    std::memcpy(&word, key.data(), length);
    hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
    hash ^= hash >> 29;
    key.remove_prefix(length);
  }
  return mixed(hash);
}

// Document counts per key. A key is looked up as a view into the value it
// came from, so no string is made per occurrence; a new key is copied into
// one buffer for all of them, not a string of its own. Open addressing over
// one array: a lookup is a hash and a comparison or two (the standard
// unordered_map cost three times as much, its nodes an allocation or two
// per key).
class KeyCounts {
 public:
  void add(std::string_view key, Xapian::doccount documents) {
    if (2 * (m_size + 1) > m_entries.size()) grow();
    const std::uint64_t hash = key_hash(key);
    Entry* entry = find(hash, key);
    if (entry->count == 0) {
      *entry = {hash, static_cast<std::uint32_t>(m_keys.size()), static_cast<std::uint32_t>(key.size()), 0};
      m_keys.append(key);
      ++m_size;
    }
    entry->count += documents;
  }

  /// Calls on_key(key, documents) for every key, in no order.
  template <typename OnKey>
  void for_each(OnKey&& on_key) const {
    for (const Entry& entry : m_entries) {
      if (entry.count != 0) on_key(std::string_view(m_keys).substr(entry.offset, entry.length), entry.count);
    }
  }

  [[nodiscard]] std::size_t size() const { return m_size; }

  /// The key's count; 0 when it was never added.
  [[nodiscard]] Xapian::doccount count(std::string_view key) const {
    if (m_entries.empty()) return 0;
    const std::uint64_t hash = key_hash(key);
    const std::size_t mask = m_entries.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const Entry& entry = m_entries[at];
      if (entry.count == 0) return 0;
      if (entry.hash == hash && std::string_view(m_keys).substr(entry.offset, entry.length) == key) return entry.count;
    }
  }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, length = 0;  // the key in m_keys
    Xapian::doccount count = 0;            // 0: a free entry
  };

  // The key's entry, or the free one where it goes.
  Entry* find(std::uint64_t hash, std::string_view key) {
    const std::size_t mask = m_entries.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      Entry& entry = m_entries[at];
      if (entry.count == 0) return &entry;
      if (entry.hash == hash && std::string_view(m_keys).substr(entry.offset, entry.length) == key) return &entry;
    }
  }

  void grow() {
    std::vector<Entry> old(std::max<std::size_t>(64, 2 * m_entries.size()));
    old.swap(m_entries);
    const std::size_t mask = m_entries.size() - 1;
    for (const Entry& entry : old) {
      if (entry.count == 0) continue;
      std::size_t at = entry.hash & mask;
      while (m_entries[at].count != 0) at = (at + 1) & mask;
      m_entries[at] = entry;
    }
  }

  std::vector<Entry> m_entries;  // a power of two of them, at most half used
  std::string m_keys;
  std::size_t m_size = 0;
};

// Where a document's id falls in [0, 2^64), for sampling: a well-mixed
// hash, so that no order the files were indexed in (by date, by site, by a
// generator's cycle of templates) shows through. (Fibonacci hashing, which
// spaces the sampled ids evenly, was half as accurate on the benchmark's
// corpus: every k-th document can follow a cycle of the corpus.)
std::uint64_t sample_hash(Xapian::docid id) { return mixed(id); }

// The documents whose id hashes below this are in a sample of about `rate`
// of them (0 < rate <= 1).
std::uint64_t sample_bound(double rate) {
  // 2^64 as a double; a rate close to 1 could round up to it.
  const double bound = rate * 18446744073709551616.0;
  return bound >= 18446744073709551615.0 ? UINT64_MAX : static_cast<std::uint64_t>(bound);
}

// The documents of a sample, in order of id: as a filter, it restricts a
// search to its sampled matches, which the matcher then visits alone (the
// query's posting lists skip to them).
class SampleSource : public Xapian::PostingSource {
 public:
  SampleSource(std::uint64_t below, double rate) : m_below(below), m_rate(rate) {}

  Xapian::PostingSource* clone() const override { return new SampleSource(m_below, m_rate); }
  void init(const Xapian::Database& db) override {
    m_last = db.get_lastdocid();
    m_documents = db.get_doccount();
    m_at = 0;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override {
    return static_cast<Xapian::doccount>(m_documents * m_rate);
  }
  Xapian::doccount get_termfreq_max() const override { return m_documents; }
  void next(double) override {
    do ++m_at;
    while (m_at <= m_last && sample_hash(m_at) >= m_below);
  }
  void skip_to(Xapian::docid id, double min_weight) override {
    if (id <= m_at) return;
    m_at = id - 1;
    next(min_weight);
  }
  bool at_end() const override { return m_at > m_last; }
  Xapian::docid get_docid() const override { return m_at; }

 private:
  std::uint64_t m_below;
  double m_rate;
  Xapian::docid m_last = 0, m_at = 0;
  Xapian::doccount m_documents = 0;
};

// Counts, per key, the matches whose value slots hold it: actors and places
// in one call per match. With a sample rate below 1, only the matches whose
// id hashes below rate * 2^64 are read (about that fraction of them, spread
// evenly, whatever the query).
//
// It is a match decider, not a match spy, which rejects every match: the
// matcher then keeps no candidate. Given to get_mset(0, 0, doccount) with
// a spy, the matcher still makes, heaps and drops an MSet item per match,
// which costs more than the rest of the pass (on 97,000 matches, 55 million
// instructions against 15 million). Rejected, each match is still counted
// and seen: nothing is ever ranked, so the match never stops early. Only
// for local databases: a remote one runs only what it can unserialise.
class KeyCounter : public Xapian::MatchDecider {
 public:
  explicit KeyCounter(double rate) : m_sampled(rate < 1.0), m_below(sample_bound(rate)), m_rate(rate) {}

  bool operator()(const Xapian::Document& doc) const override {
    ++m_matches;
    if (m_check_sample && sample_hash(doc.get_docid()) >= m_below) return false;
    ++m_read;
    // Both kinds in one value (schema::entities_slot): one read per match.
    const std::string value = doc.get_value(schema::entities_slot);
    const std::string_view both = value;
    const std::size_t split = std::min(both.find(schema::kinds_separator), both.size());
    const std::size_t places_start = std::min(split + 1, both.size());
    const std::size_t language_split = std::min(both.find(schema::kinds_separator, places_start), both.size());
    split_keys(both.substr(0, split), [this](std::string_view key) { m_counts[0].add(key, 1); });
    split_keys(both.substr(places_start, language_split - places_start),
               [this](std::string_view key) { m_counts[1].add(key, 1); });
    if (language_split < both.size()) m_counts[2].add(both.substr(language_split + 1), 1);
    return false;
  }

  /// Shows the counter every match of the query, or, with `only_sample`,
  /// only the matches in its sample.
  void count(const Xapian::Database& db, const Xapian::Query& query, bool only_sample = false) {
    // Every match shown is in the sample: no need to check (and over several
    // databases, the source numbers documents within each one).
    m_check_sample = m_sampled && !only_sample;
    Xapian::Query shown = query;
    if (only_sample && m_sampled) {
      // The source is released with the query.
      const Xapian::Query sample((new SampleSource(m_below, m_rate))->release());
      shown = Xapian::Query(Xapian::Query::OP_FILTER, query, sample);
    }
    (void)unweighted(db, shown).get_mset(0, 0, db.get_doccount(), nullptr, this);
  }

  [[nodiscard]] bool sampled() const { return m_sampled; }
  [[nodiscard]] Xapian::doccount matches() const { return m_matches; }
  [[nodiscard]] Xapian::doccount read() const { return m_read; }
  [[nodiscard]] const KeyCounts& counts(EntityKind kind) const {
    return m_counts[kind == EntityKind::actor ? 0 : 1];
  }
  [[nodiscard]] const KeyCounts& language_counts() const { return m_counts[2]; }

 private:
  // The actors' counts, the places', the languages'. (Mutable: Xapian
  // calls a decider through a const member.)
  mutable std::array<KeyCounts, 3> m_counts;
  bool m_sampled = false;
  bool m_check_sample = false;  // whether a match shown may be outside the sample
  std::uint64_t m_below = UINT64_MAX;
  double m_rate = 1.0;
  mutable Xapian::doccount m_matches = 0;  // calls: every match
  mutable Xapian::doccount m_read = 0;     // matches whose values were read
};

// Per-key counts from Xapian's spy, which counts each distinct combination
// of keys; a document holds each key once, so adding a combination's count
// to each of its keys is exact.
KeyCounts per_key(const Xapian::ValueCountMatchSpy& spy) {
  KeyCounts counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string combination = *it;
    const Xapian::doccount documents = it.get_termfreq();
    split_keys(combination, [&](std::string_view key) { counts.add(key, documents); });
  }
  return counts;
}

// The first `limit` keys (all when 0), most documents first, then by key,
// each count scaled by to / of, rounded: counts over `of` sampled matches
// made estimates over `to` matches (by default, left as they are).
std::vector<FacetValue> top_values(const KeyCounts& counts, std::size_t limit, Xapian::doccount to = 1,
                                   Xapian::doccount of = 1) {
  const auto scaled = [to, of](Xapian::doccount count) {
    return static_cast<Xapian::doccount>((std::uint64_t{count} * to + of / 2) / of);
  };
  // Ordered as views, and only as far as shown: sorting all of some 15,000
  // keys as values holding two strings cost more than counting them.
  // Scaling keeps the order of different counts (the scale is above 1).
  using Entry = std::pair<std::string_view, Xapian::doccount>;
  std::vector<Entry> order;
  order.reserve(counts.size());
  counts.for_each([&](std::string_view key, Xapian::doccount documents) { order.emplace_back(key, documents); });
  const auto before = [](const Entry& a, const Entry& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t shown = limit == 0 ? order.size() : std::min(limit, order.size());
  if (shown == order.size()) {
    std::sort(order.begin(), order.end(), before);
  } else {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(), before);
  }
  std::vector<FacetValue> values;
  values.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) values.push_back({{}, std::string(order[i].first), scaled(order[i].second)});
  return values;
}

// Every match of the query, unweighed, each shown to Xapian's spies: the
// MSet holds no document, only the exact number of matches.
Xapian::MSet every_match(const Xapian::Database& db, const Xapian::Query& query,
                         const std::vector<Xapian::MatchSpy*>& spies) {
  Xapian::Enquire enquire = unweighted(db, query);
  for (auto* spy : spies) enquire.add_matchspy(spy);
  return enquire.get_mset(0, 0, db.get_doccount());
}

}  // namespace

FacetCounts count_facets(const Xapian::Database& db, const Xapian::Query& query, MatchEstimate page,
                         const FacetCounting& counting, std::size_t limit) {
  FacetCounts out;
  const std::size_t window = merge_window(limit);
  // The first `window` values of a kind's counts (scaled by to / of), its
  // aliases folded into their full names, cut to `limit`.
  const auto values = [&](EntityKind kind, const KeyCounts& counts, Xapian::doccount to, Xapian::doccount of) {
    std::vector<FacetValue> shown = top_values(counts, window, to, of);
    merge_aliases(
        db, kind, shown, window, limit,
        [&](std::string_view key) {
          return static_cast<Xapian::doccount>((std::uint64_t{counts.count(key)} * to + of / 2) / of);
        },
        [&](const std::vector<std::string>& keys) -> std::optional<Xapian::doccount> {
          // Counts from a sample are estimates already, and a document
          // rarely holds an alias and its full name both: the sum stands,
          // and the matches are not walked again.
          if (of != 1 || to != 1) return std::nullopt;
          return documents_with_any(db, kind, query, keys);
        });
    if (limit != 0 && shown.size() > limit) shown.resize(limit);
    return shown;
  };
  if (!counting.local) {
    Xapian::ValueCountMatchSpy actors(schema::actors_slot), places(schema::places_slot),
        languages(schema::language_slot);
    out.matches = every_match(db, query, {&actors, &places, &languages}).get_matches_lower_bound();
    out.actors = values(EntityKind::actor, per_key(actors), 1, 1);
    out.places = values(EntityKind::place, per_key(places), 1, 1);
    out.languages = top_values(per_key(languages), limit);
    return out;
  }
  const bool sample = counting.sample_above > 0 && page.matches > counting.sample_above;
  KeyCounter counter(sample ? static_cast<double>(counting.sample_above) / page.matches : 1.0);
  // The number of matches is needed: known, or counted by visiting them all.
  counter.count(db, query, page.exact);
  out.matches = sample && page.exact ? page.matches : counter.matches();
  out.estimated = sample;
  // (No match in a sample: no key was seen, nothing to scale.)
  const bool scale = sample && counter.read() > 0;
  const Xapian::doccount to = scale ? out.matches : 1;
  const Xapian::doccount of = scale ? counter.read() : 1;
  out.actors = values(EntityKind::actor, counter.counts(EntityKind::actor), to, of);
  out.places = values(EntityKind::place, counter.counts(EntityKind::place), to, of);
  out.languages = top_values(counter.language_counts(), limit, to, of);
  return out;
}

NearestName nearest_name(const Xapian::Database& db, EntityKind kind, std::string_view typed) {
  const std::string wanted = filters::entity_key(typed);
  if (wanted.size() < 3) return {};
  const std::size_t bound = wanted.size() <= 4 ? 1 : 2;
  std::string best, best_word;
  std::size_t best_edits = bound + 1;
  Xapian::doccount best_documents = 0;
  for_each_term(db, std::string(schema::entity_schema(kind).facet_prefix),
                [&](std::string_view key, Xapian::doccount documents) {
                  std::size_t edits = edits_within(wanted, key, bound);
                  std::string_view word = key;
                  // Or one of its words: a surname typed alone ("prigozin").
                  for (std::size_t start = 0; edits > 0 && start < key.size();) {
                    const std::size_t end = std::min(key.find(' ', start), key.size());
                    if (end - start != key.size()) {
                      const std::size_t word_edits = edits_within(wanted, key.substr(start, end - start), bound);
                      if (word_edits < edits) {
                        edits = word_edits;
                        word = key.substr(start, end - start);
                      }
                    }
                    start = end + 1;
                  }
                  if (edits == 0 || edits > bound) return;  // the same key resolves by itself
                  if (edits < best_edits || (edits == best_edits && documents > best_documents)) {
                    best = key;
                    best_word = word;
                    best_edits = edits;
                    best_documents = documents;
                  }
                });
  if (best.empty()) return {};
  return {display_name(db, kind, best), best_word};
}

std::string display_name(const Xapian::Database& db, EntityKind kind, const std::string& key) {
  MostCommonSpelling best;
  for_each_term(db, schema::prefixed(schema::entity_schema(kind).name_prefix, schema::joined_pair(key, "")),
                [&](std::string_view spelling, Xapian::doccount count) { best.consider(spelling, count); });
  return best.count == 0 ? key : best.spelling;
}

std::vector<FacetValue> name_facets(const Xapian::Database& db, EntityKind kind, std::vector<FacetValue> values,
                                    std::size_t limit, bool local) {
  if (limit != 0 && values.size() > limit) values.resize(limit);
  // A few keys: a short prefix scan each. Many (a whole --list): one pass
  // over every spelling beats a seek per key.
  constexpr std::size_t one_pass_from = 64;
  if (values.size() < one_pass_from && !local) {
    for (auto& value : values) value.name = display_name(db, kind, value.key);
    return values;
  }
  if (values.size() < one_pass_from) {
    // On a local index, one iterator skipping from key to key, in order:
    // a new iterator per key costs ten times as much (a cursor of its own).
    const std::string prefix(schema::entity_schema(kind).name_prefix);
    std::vector<std::pair<std::string, FacetValue*>> starts;  // (first possible term, value)
    for (auto& value : values) starts.emplace_back(schema::prefixed(prefix, schema::joined_pair(value.key, "")), &value);
    std::sort(starts.begin(), starts.end());
    auto it = db.allterms_begin(prefix);
    for (const auto& [start, value] : starts) {
      MostCommonSpelling best;
      // (From a term to the next with skip_to, not ++, which cost 25 times as much.)
      for (it.skip_to(start); it != db.allterms_end(prefix); it.skip_to(*it + '\0')) {
        const std::string term = *it;
        if (!term.starts_with(start)) break;
        best.consider(std::string_view(term).substr(start.size()), it.get_termfreq());
      }
      value->name = best.count == 0 ? value->key : best.spelling;
    }
    return values;
  }
  std::unordered_map<std::string, MostCommonSpelling> spellings;
  for_each_term(db, std::string(schema::entity_schema(kind).name_prefix),
                [&](std::string_view key_and_spelling, Xapian::doccount count) {
                  const std::size_t separator = key_and_spelling.find(schema::key_separator);
                  if (separator == std::string_view::npos) return;
                  spellings[std::string(key_and_spelling.substr(0, separator))].consider(
                      key_and_spelling.substr(separator + 1), count);
                });
  for (auto& value : values) {
    const auto found = spellings.find(value.key);
    value.name = found == spellings.end() ? value.key : found->second.spelling;
  }
  return values;
}

std::vector<FacetValue> list_facet(const Xapian::Database& db, EntityKind kind,
                                   const std::optional<Xapian::Query>& query, bool local) {
  std::vector<FacetValue> values;
  if (!query) {
    // One XA/XP term per document that has the entity: its term frequency is
    // the exact document count, summed by Xapian over several databases.
    for_each_term(db, std::string(schema::entity_schema(kind).facet_prefix),
                  [&](std::string_view key, Xapian::doccount count) { values.push_back({{}, std::string(key), count}); });
    sort_by_count_then_key(values);
  } else if (local) {
    KeyCounter counter(1.0);
    counter.count(db, *query);
    values = top_values(counter.counts(kind), 0);
  } else {
    Xapian::ValueCountMatchSpy spy(schema::entity_schema(kind).slot);
    (void)every_match(db, *query, {&spy});
    values = top_values(per_key(spy), 0);
  }
  // Every value is listed, so every full name an alias joins is among them.
  merge_aliases(
      db, kind, values, values.size(), 0, [](std::string_view) { return Xapian::doccount{0}; },
      [&](const std::vector<std::string>& keys) {
        return std::optional<Xapian::doccount>(documents_with_any(db, kind, query, keys));
      });
  return name_facets(db, kind, std::move(values), 0, local);
}

std::vector<FacetValue> list_languages(const Xapian::Database& db, const std::optional<Xapian::Query>& query,
                                       bool local) {
  std::vector<FacetValue> values;
  if (!query) {
    // One L term per document.
    for_each_term(db, std::string(schema::language_prefix),
                  [&](std::string_view code, Xapian::doccount count) { values.push_back({{}, std::string(code), count}); });
    sort_by_count_then_key(values);
  } else {
    values = count_facets(db, *query, {}, {.local = local, .sample_above = 0}).languages;
  }
  for (auto& value : values) value.name = value.key;
  return values;
}

std::string_view plural_name(EntityKind kind) { return kind == EntityKind::actor ? "actors" : "places"; }

}  // namespace winnow::search
