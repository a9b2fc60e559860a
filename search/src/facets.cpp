// Entity facets: name resolution from the index's alias terms, exact counts from value slots.
#include "winnow/search/facets.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "winnow/index/schema.hpp"

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
  add_if_used(key);
  for (auto& full : paired_with(db, terms.alias_prefix, key)) add_if_used(std::move(full));
  for (auto& alias : paired_with(db, terms.alias_reverse_prefix, key)) add_if_used(std::move(alias));
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

FacetCounter::FacetCounter(EntityKind kind) : m_spy(schema::entity_schema(kind).slot) {}

void FacetCounter::attach(Xapian::Enquire& enquire) { enquire.add_matchspy(&m_spy); }

std::vector<FacetValue> FacetCounter::counts(std::size_t limit) const {
  // The spy counts each distinct combination of keys; a document holds each
  // key once, so adding a combination's count to each of its keys is exact.
  // Keys are counted as views into the combinations, kept meanwhile, so that
  // no string is made per occurrence (a common word's matches hold some
  // 75,000 of them).
  std::vector<std::pair<std::string, Xapian::doccount>> combinations;
  for (auto it = m_spy.values_begin(); it != m_spy.values_end(); ++it) combinations.emplace_back(*it, it.get_termfreq());
  std::unordered_map<std::string_view, Xapian::doccount> per_key;
  for (const auto& [combination, documents] : combinations) {
    split_keys(combination, [&](std::string_view key) { per_key[key] += documents; });
  }
  // Ordered through pointers, and only as far as shown: sorting all of some
  // 15,000 keys (as values holding two strings) cost more than counting them.
  using Entry = const std::pair<const std::string_view, Xapian::doccount>*;
  std::vector<Entry> order;
  order.reserve(per_key.size());
  for (const auto& entry : per_key) order.push_back(&entry);
  const auto before = [](Entry a, Entry b) { return a->second != b->second ? a->second > b->second : a->first < b->first; };
  const std::size_t shown = limit == 0 ? order.size() : std::min(limit, order.size());
  if (shown == order.size()) {
    std::sort(order.begin(), order.end(), before);
  } else {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(), before);
  }
  std::vector<FacetValue> values;
  values.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) values.push_back({{}, std::string(order[i]->first), order[i]->second});
  return values;
}

std::string display_name(const Xapian::Database& db, EntityKind kind, const std::string& key) {
  MostCommonSpelling best;
  for_each_term(db, schema::prefixed(schema::entity_schema(kind).name_prefix, schema::joined_pair(key, "")),
                [&](std::string_view spelling, Xapian::doccount count) { best.consider(spelling, count); });
  return best.count == 0 ? key : best.spelling;
}

std::vector<FacetValue> name_facets(const Xapian::Database& db, EntityKind kind, std::vector<FacetValue> values,
                                    std::size_t limit) {
  if (limit != 0 && values.size() > limit) values.resize(limit);
  // A few keys: a short prefix scan each. Many (a whole --list): one pass
  // over every spelling beats a seek per key.
  constexpr std::size_t one_pass_from = 64;
  if (values.size() < one_pass_from) {
    for (auto& value : values) value.name = display_name(db, kind, value.key);
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
                                   const std::optional<Xapian::Query>& query) {
  std::vector<FacetValue> values;
  if (!query) {
    // One XA/XP term per document that has the entity: its term frequency is
    // the exact document count, summed by Xapian over several databases.
    for_each_term(db, std::string(schema::entity_schema(kind).facet_prefix),
                  [&](std::string_view key, Xapian::doccount count) { values.push_back({{}, std::string(key), count}); });
    sort_by_count_then_key(values);
  } else {
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    FacetCounter counter(kind);
    counter.attach(enquire);
    (void)enquire.get_mset(0, 0, db.get_doccount());
    values = counter.counts();
  }
  return name_facets(db, kind, std::move(values));
}

std::string_view plural_name(EntityKind kind) { return kind == EntityKind::actor ? "actors" : "places"; }

}  // namespace winnow::search
