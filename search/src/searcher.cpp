// Searching: open the indexes, run the query, turn matches into hits with snippets.
#include "winnow/search/searcher.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include <charconv>
#include <fstream>
#include <filesystem>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "winnow/filters/text.hpp"
#include "winnow/filters/utf8.hpp"
#include "winnow/index/display.hpp"
#include "winnow/index/stored_fields.hpp"
#include "winnow/index/local_index.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/passage.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/retry.hpp"
#include "winnow/search/spelling.hpp"
#include "winnow/search/stub.hpp"

namespace winnow::search {
namespace {

namespace fs = std::filesystem;

// Xapian's reason for an error, without its class name: "Couldn't connect (Connection refused)".
std::string reason(const Xapian::Error& error) {
  std::string text = error.get_msg();
  if (const char* detail = error.get_error_string(); detail != nullptr && *detail != '\0') {
    text += std::string(" (") + detail + ")";
  }
  return text;
}

// The PORT of tcp://HOST:PORT: a number from 1 to 65535, else 0.
unsigned parse_port(std::string_view text) {
  unsigned port = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, port);
  return error == std::errc() && stop == end && port <= 65535 ? port : 0;
}

constexpr std::string_view tcp_scheme = "tcp://";

// An index served by xapian-tcpsrv: tcp://HOST:PORT.
Xapian::Database open_remote(const std::string& location) {
  const std::string_view address = std::string_view(location).substr(tcp_scheme.size());
  const std::size_t colon = address.rfind(':');
  const unsigned port = colon == std::string_view::npos ? 0 : parse_port(address.substr(colon + 1));
  const std::string_view host = address.substr(0, colon == std::string_view::npos ? 0 : colon);
  if (host.empty() || port == 0) throw NoIndex(location + ": expected tcp://HOST:PORT");
  try {
    return Xapian::Remote::open(std::string(host), port);
  } catch (const Xapian::NetworkError& error) {
    throw NoIndex(location + ": " + reason(error) + "; is xapian-tcpsrv serving an index there?");
  }
}

// Stubs may list stubs; a loop of them would never end.
constexpr unsigned deepest_stub = 8;

Xapian::Database open_location(const std::string& location, const OpenPolicy& policy, bool& all_local,
                               unsigned depth);

std::string read_stub_text(const std::string& stub) {
  std::ifstream in(stub, std::ios::binary);
  std::string text;
  // A stub is a few lines; a large "stub" is something else.
  constexpr std::size_t largest_stub = 1 << 20;
  text.resize(largest_stub + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || (!in && !in.eof())) throw NoIndex(index::terminal_safe(stub) + ": cannot read the stub file");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > largest_stub) throw NoIndex(index::terminal_safe(stub) + ": not a stub file (over 1 MiB)");
  return text;
}

// Each line as Xapian would open it, but a `remote :PROGRAM` line only when
// the user asked for it: a stub or a folder handed to a user must not run code.
Xapian::Database open_stub(const std::string& stub, const OpenPolicy& policy, bool& all_local, unsigned depth) {
  if (depth > deepest_stub) throw NoIndex(index::terminal_safe(stub) + ": stub files nested too deep (a loop?)");
  std::vector<StubEntry> entries;
  try {
    entries = parse_stub(read_stub_text(stub), stub);
  } catch (const StubError& error) {
    throw NoIndex(error.what());
  }
  Xapian::Database opened;
  for (const auto& entry : entries) {
    const std::string where = index::terminal_safe(stub) + ":" + std::to_string(entry.line);
    try {
      switch (entry.kind) {
        case StubEntry::Kind::local:
          try {
            opened.add_database(open_location(entry.target, policy, all_local, depth + 1));
          } catch (const NoIndex& error) {
            throw NoIndex(where + ": " + error.what());
          }
          break;
        case StubEntry::Kind::glass:
          opened.add_database(retry_while_modified([&] { return index::open_local_index(entry.target); }, [] {}));
          break;
        case StubEntry::Kind::tcp:
          all_local = false;
          opened.add_database(Xapian::Remote::open(entry.target, entry.port));
          break;
        case StubEntry::Kind::program:
          if (!policy.stub_programs) {
            throw NoIndex(where + ": 'remote :" + index::terminal_safe(entry.target) +
                          "' would run a program; winnow-search runs none unless given --allow-stub-programs");
          }
          all_local = false;
          opened.add_database(Xapian::Remote::open(entry.target, entry.args));
          break;
      }
    } catch (const Xapian::NetworkError& error) {
      throw NoIndex(index::terminal_safe(stub) + ": " + reason(error) + " (" + error.get_context() + ")");
    } catch (const Xapian::DatabaseOpeningError& error) {
      throw NoIndex(where + ": " + index::terminal_safe(entry.target) + ": " + reason(error));
    }
  }
  return opened;
}

Xapian::Database open_location(const std::string& location, const OpenPolicy& policy, bool& all_local,
                               unsigned depth) {
  // error_code overloads: a name too long or a folder that cannot be searched
  // is one line naming the location, not an exception that stops the program.
  std::error_code probe_error;
  const fs::file_status status = fs::status(location, probe_error);
  const std::string shown = index::terminal_safe(location);
  if (status.type() == fs::file_type::not_found) {
    throw NoIndex("no index at " + shown + "; build one with: winnow-index --db " + shown + " PATH...");
  }
  if (probe_error) throw NoIndex(shown + ": " + probe_error.message());
  if (status.type() == fs::file_type::regular) return open_stub(location, policy, all_local, depth);
  if (status.type() != fs::file_type::directory) throw NoIndex(shown + ": not an index folder or a stub file");
  if (!fs::exists(fs::path(location) / "iamglass", probe_error)) {
    // Xapian's "stub folder": a folder whose XAPIANDB file is a stub.
    const fs::path stub_in_folder = fs::path(location) / "XAPIANDB";
    if (fs::is_regular_file(stub_in_folder, probe_error)) {
      return open_stub(stub_in_folder.string(), policy, all_local, depth);
    }
    throw NoIndex(shown + " is not a winnow index; build one with: winnow-index --db " + shown + " PATH...");
  }
  try {
    // Opening reads the newest revision's roots, which winnow-index may
    // discard under it as it commits: open again, at the revision then newest.
    return retry_while_modified([&] { return index::open_local_index(location); }, [] {});
  } catch (const Xapian::DatabaseOpeningError& error) {
    throw NoIndex(shown + ": " + reason(error));
  }
}

Xapian::Database open_one(const std::string& location, const OpenPolicy& policy, bool& all_local) {
  if (location.starts_with(tcp_scheme)) {
    all_local = false;
    return open_remote(location);
  }
  return open_location(location, policy, all_local, 0);
}

std::string strip_markers(std::string text) {
  for (const auto marker : {highlight_start, highlight_end}) {
    for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
      text.erase(at, marker.size());
    }
  }
  return text;
}

bool has_words(const SearchRequest& request) {
  return request.query.find_first_not_of(" \t\n") != std::string::npos;
}

// The words of the --actor and --place names, normalised: a search by
// entity alone shows and marks where the article names it.
std::vector<std::string> entity_filter_words(const SearchRequest& request) {
  std::vector<std::string> words;
  for (const auto* names : {&request.actors, &request.places}) {
    for (const auto& name : *names) {
      for (auto& token : filters::tokenise(name)) words.push_back(std::move(token.term));
    }
  }
  return words;
}

// The story slot of each match, in the MSet's order. Read in docid order
// from one value stream rather than a document at a time: the values of a
// slot lie in chunks by docid, and walking them forward reads each block
// once (the 50 matches of "said" on the 10,000 bench files read 23 blocks
// for their stories instead of 34).
std::vector<std::string> story_values(const Xapian::Database& db, const Xapian::MSet& matches) {
  std::vector<std::pair<Xapian::docid, Xapian::doccount>> order;
  order.reserve(matches.size());
  for (Xapian::doccount i = 0; i < matches.size(); ++i) order.emplace_back(*matches[i], i);
  std::sort(order.begin(), order.end());
  std::vector<std::string> stories(matches.size());
  auto it = db.valuestream_begin(index::schema::story_slot);
  for (const auto& [docid, at] : order) {
    if (it == db.valuestream_end(index::schema::story_slot)) break;
    it.skip_to(docid);
    if (it != db.valuestream_end(index::schema::story_slot) && it.get_docid() == docid) stories[at] = *it;
  }
  return stories;
}

// A hit as --files prints it: the path, from its value slot, so that neither
// the stored data (compressed, with the whole text) is read nor a passage made.
Hit path_only_hit(unsigned rank, const Xapian::MSetIterator& it) {
  Hit hit;
  hit.rank = rank;
  hit.path = it.get_document().get_value(index::schema::path_slot);
  hit.score = it.get_percent();
  return hit;
}

}  // namespace

Databases open_databases(const std::vector<std::string>& locations, const OpenPolicy& policy) {
  Databases opened;
  for (const auto& location : locations) opened.db.add_database(open_one(location, policy, opened.all_local));
  return opened;
}

bool selects_documents(const SearchRequest& request) {
  return has_words(request) || !request.actors.empty() || !request.places.empty() || !request.languages.empty() ||
         !request.since.empty() || !request.until.empty();
}

Xapian::Query build_query(const Xapian::Database& db, const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  for (const auto& name : request.actors) filters.push_back(entity_query(db, EntityKind::actor, name));
  for (const auto& name : request.places) filters.push_back(entity_query(db, EntityKind::place, name));
  if (!request.languages.empty()) {
    std::vector<Xapian::Query> languages;
    for (const auto& code : request.languages) {
      languages.emplace_back(index::schema::prefixed(index::schema::language_prefix, code));
    }
    filters.emplace_back(Xapian::Query::OP_OR, languages.begin(), languages.end());
  }
  if (!request.since.empty() || !request.until.empty()) filters.push_back(date_filter(request.since, request.until));
  Xapian::Query query = has_words(request) ? parse_query(request.query, db) : Xapian::Query();
  if (filters.empty()) return query;
  const Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
  // Filters alone: every match weighs the same (0), so no term skews the order.
  if (!has_words(request)) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

namespace {

// The query's terms, each copy counted, as Xapian's percentages count them.
std::size_t query_terms(const Xapian::Query& query) {
  return static_cast<std::size_t>(std::distance(query.get_terms_begin(), query.get_terms_end()));
}

// Xapian's percentage counts the terms a match lacks: against the terms of
// every language's reading, the best match of a multilingual index would
// score 100 / languages. Scaled to the terms of the document's own
// language's reading, a score means what it means in an index of one language.
// The readings are found in the query itself (parse_query's
// "reading FILTER XS<code>"): nothing is parsed or read again.
class ScoreScale {
 public:
  explicit ScoreScale(const Xapian::Query& query) {
    std::vector<std::pair<std::string, std::size_t>> readings;
    gather_readings(query, readings);
    if (readings.size() < 2) return;  // one language: Xapian's own percentages
    std::size_t all = 0;
    for (const auto& [language, terms] : readings) all += terms;
    for (const auto& [language, terms] : readings) {
      if (terms > 0) m_scale.emplace(language, static_cast<double>(all) / static_cast<double>(terms));
    }
  }

  [[nodiscard]] int operator()(int percent, const std::string& text_language) const {
    if (m_scale.empty()) return percent;
    const auto found = m_scale.find(text_language.empty() ? std::string(index::fallback_language) : text_language);
    if (found == m_scale.end()) return percent;
    return std::min(100, static_cast<int>(percent * found->second + 0.5));
  }

 private:
  static void gather_readings(const Xapian::Query& query, std::vector<std::pair<std::string, std::size_t>>& out) {
    if (query.get_type() == Xapian::Query::OP_FILTER && query.get_num_subqueries() == 2) {
      const Xapian::Query restriction = query.get_subquery(1);
      if (restriction.get_type() == Xapian::Query::LEAF_TERM) {
        const std::string term = *restriction.get_terms_begin();
        if (term.starts_with(index::schema::text_language_prefix)) {
          out.emplace_back(term.substr(index::schema::text_language_prefix.size()), query_terms(query.get_subquery(0)));
          return;
        }
      }
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) gather_readings(query.get_subquery(i), out);
  }

  std::map<std::string, double> m_scale;
};

// Whether the query holds a phrase or a NEAR group, each match of which
// costs a look at the positions of its words.
bool has_positions(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (has_positions(query.get_subquery(i))) return true;
  return false;
}

// How many matches a search counts before it estimates (exact_up_to): a
// single word's are known from its posting list whatever is counted, and a
// phrase's cost a look at positions each (exact_up_to_positional).
Xapian::doccount counted_exactly(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) return exact_up_to_positional;
  return has_positions(query) ? exact_up_to_positional : exact_up_to;
}

// Counts each match's month from its date value, and rejects it: as
// KeyCounter (facets.cpp) does for facets, so the matcher makes no MSet
// item per match, which cost more than the counting. Local indexes only.
class MonthCounter : public Xapian::MatchDecider {
 public:
  bool operator()(const Xapian::Document& doc) const override {
    ++matches;
    add(doc.get_value(index::schema::date_slot), 1);
    return false;
  }
  void add(std::string_view value, Xapian::doccount count) const {
    if (value.size() != 8) return;
    int year = 0, month = 0;
    std::from_chars(value.data(), value.data() + 4, year);
    std::from_chars(value.data() + 4, value.data() + 6, month);
    if (month < 1 || month > 12) return;
    per_month[year * 12 + month - 1] += count;
    dated += count;
  }
  mutable std::map<int, Xapian::doccount> per_month;  // year * 12 + month - 1
  mutable Xapian::doccount matches = 0, dated = 0;
};

// The matches per month or year, from the date slot of every match (a pass
// of its own, which weighs nothing). A remote index runs only Xapian's own
// spies.
Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query, bool local) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  MonthCounter counter;
  if (local) {
    (void)enquire.get_mset(0, 0, db.get_doccount(), nullptr, &counter);
  } else {
    Xapian::ValueCountMatchSpy dates(index::schema::date_slot);
    enquire.add_matchspy(&dates);
    counter.matches = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    for (auto it = dates.values_begin(); it != dates.values_end(); ++it) counter.add(*it, it.get_termfreq());
  }
  const std::map<int, Xapian::doccount>& per_month = counter.per_month;
  Timeline timeline;
  timeline.undated = counter.matches - std::min(counter.dated, counter.matches);
  if (per_month.empty()) return timeline;
  const int first = per_month.begin()->first, last = per_month.rbegin()->first;
  timeline.by_year = last - first >= timeline_months;
  if (timeline.by_year) {
    std::map<int, Xapian::doccount> per_year;
    for (const auto& [month, count] : per_month) per_year[month / 12] += count;
    for (int year = first / 12; year <= last / 12; ++year)
      timeline.periods.push_back({fmt::format("{:04d}", year), per_year[year]});
  } else {
    for (int month = first; month <= last; ++month) {
      const auto found = per_month.find(month);
      timeline.periods.push_back(
          {fmt::format("{:04d}-{:02d}", month / 12, month % 12 + 1), found == per_month.end() ? 0 : found->second});
    }
  }
  return timeline;
}

// A name as the shell reads it back: quoted when it holds more than
// letters, digits and dashes ("'Côte d'\''Ivoire'").
std::string shell_word(const std::string& name) {
  const bool plain = std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
  });
  if (plain) return name;
  std::string quoted = "'";
  for (const char c : name) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// When a word of a query that matched is taken for a misspelling: it is in
// at most `rare_documents` documents, at most one in `rare_share` of the
// index, and the correction is in `more_common` times as many.
struct MisspellingBars {
  Xapian::doccount rare_documents = 3;
  Xapian::doccount rare_share = 100;
  Xapian::doccount more_common = 10;
};
constexpr MisspellingBars misspelling_bars;

// Query syntax that is no word to correct.
bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

// Whether some content term of the query is in so few documents that it
// may be misspelt (read from the match's statistics: no look-up).
bool has_rare_word(const Xapian::Database& db, const Xapian::Query& query, const Xapian::MSet& matches) {
  const Xapian::doccount documents = db.get_doccount();
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
    if (!(*term).starts_with(index::schema::stem_prefix)) continue;
    const Xapian::doccount frequency = matches.get_termfreq(*term);
    if (frequency > 0 && frequency <= misspelling_bars.rare_documents &&
        frequency * misspelling_bars.rare_share <= documents)
      return true;
  }
  return false;
}

// In how many documents a normalised word is, its stem read in each
// language of the index.
Xapian::doccount word_documents(const Xapian::Database& db, const std::vector<std::string>& languages,
                                const std::string& word) {
  Xapian::doccount most = 0;
  for (const auto& language : languages) {
    const std::string stem = index::schema::prefixed(index::schema::stem_prefix, index::schema::stemmer_for(language)(word));
    most = std::max(most, db.get_termfreq(stem));
  }
  return most;
}

// The correction of one typed word (letters only), or "" to keep it: the
// index's nearest common word (corrected_spelling), for a word in at most a
// few documents; for a word in none, else the nearest word of an actor's or
// a place's name.
std::string corrected_word(const Xapian::Database& db, const std::vector<std::string>& languages,
                           std::string_view typed) {
  const auto tokens = filters::tokenise(typed, 0, filters::text_rules(languages.front()));
  if (tokens.size() != 1) return {};
  const std::string& word = tokens.front().term;
  const Xapian::doccount documents = word_documents(db, languages, word);
  if (documents > misspelling_bars.rare_documents) return {};
  const Xapian::doccount at_least = std::max<Xapian::doccount>(1, misspelling_bars.more_common * documents);
  if (std::string correction = corrected_spelling(db, languages, word, at_least); !correction.empty())
    return correction;
  if (documents > 0) return {};
  NearestName near = nearest_name(db, EntityKind::actor, typed);
  if (near.name.empty()) near = nearest_name(db, EntityKind::place, typed);
  return near.word;
}

// The query with each word corrected_word corrects, or "" when none is.
// Quotes and brackets around a word stay; field prefixes (actor:...) and
// operators are left alone.
std::string corrected_query(const Xapian::Database& db, const std::string& query) {
  const std::vector<std::string> languages = text_languages(db);
  std::string corrected;
  bool changed = false;
  std::size_t at = 0;
  while (at < query.size()) {
    const std::size_t start = query.find_first_not_of(" \t\n", at);
    corrected.append(query, at, std::min(start, query.size()) - at);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(query.find_first_of(" \t\n", start), query.size());
    std::string_view chunk = std::string_view(query).substr(start, end - start);
    at = end;
    const std::size_t first = chunk.find_first_not_of("\"(+-");
    const std::size_t last = chunk.find_last_not_of("\")");
    constexpr std::size_t shortest = 4;
    const bool plain = first != std::string_view::npos && last != std::string_view::npos && last >= first &&
                       last - first + 1 >= shortest && !is_operator(chunk.substr(first, last - first + 1)) &&
                       std::all_of(chunk.begin() + static_cast<std::ptrdiff_t>(first),
                                   chunk.begin() + static_cast<std::ptrdiff_t>(last) + 1, [](unsigned char c) {
                                     return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
                                   });
    std::string correction;
    if (plain) correction = corrected_word(db, languages, chunk.substr(first, last - first + 1));
    if (correction.empty()) {
      corrected.append(chunk);
      continue;
    }
    corrected.append(chunk.substr(0, first)).append(correction).append(chunk.substr(last + 1));
    changed = true;
  }
  return changed ? corrected : std::string();
}

// A shell-ready line of what a search may have meant: an --actor or --place
// name the index lacks, made its nearest name; else the query with its
// misspelt words corrected (see corrected_word). `matched_nothing`: the
// search found nothing, so a correction must find something to be offered.
std::string suggestion_for(const Xapian::Database& db, const SearchRequest& request, bool matched_nothing) {
  if (matched_nothing) {
    for (const auto& [kind, names, option] : {std::tuple{EntityKind::actor, &request.actors, "--actor"},
                                              std::tuple{EntityKind::place, &request.places, "--place"}}) {
      for (const auto& name : *names) {
        if (!resolve_entity(db, kind, name).empty()) continue;
        if (const NearestName near = nearest_name(db, kind, name); !near.name.empty())
          return std::string(option) + " " + shell_word(near.name);
      }
    }
  }
  if (!has_words(request)) return {};
  std::string corrected = corrected_query(db, request.query);
  if (corrected.empty() || !matched_nothing) return corrected;
  SearchRequest retried = request;
  retried.query = corrected;
  Xapian::Enquire enquire(db);
  enquire.set_query(build_query(db, retried));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 1).empty() ? std::string() : corrected;
}

}  // namespace

std::optional<ShownArticle> show_article(const Xapian::Database& db, const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) return std::nullopt;
  absolute = absolute.lexically_normal();
  const std::string term = index::schema::unique_id_term(absolute.string());
  const auto posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) return std::nullopt;
  const Xapian::Document document = db.get_document(*posting);
  index::StoredFields fields = index::read_stored_fields(document);
  return ShownArticle{std::move(fields.path),   std::move(fields.title),  std::move(fields.date),
                      std::move(fields.language), fields.language_confidence, std::move(fields.actors),
                      std::move(fields.places), strip_markers(std::move(fields.content)),
                      document.get_value(index::schema::content_hash_slot)};
}

SearchResponse run_search(const Xapian::Database& db, const SearchRequest& request, const FacetCounting& counting) {
  const Xapian::Query query = build_query(db, request);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(index::schema::ranking_weight());
  // By date: the date value, undated articles last (a value above every
  // date going up; the empty value, below every date, going down).
  Xapian::MultiValueKeyMaker by_date;
  if (request.order != SearchRequest::Order::relevance) {
    const bool newest_first = request.order == SearchRequest::Order::newest;
    by_date.add_value(index::schema::date_slot, newest_first, newest_first ? "" : "99999999~");
    enquire.set_sort_by_key_then_relevance(&by_date, false);
  }
  // Up to exact_up_to matches are counted exactly, and beyond it Xapian's
  // estimate starts from them: with 100, "refugee camp" on the 10k bench
  // corpus said "about 500" of 2,157; with 1,000, "about 2000", for 3% more
  // time on a common word (2,000: 7%). A phrase checks the positions of
  // every match counted: 1,000 cost 21% more on "security forces", so
  // those count 100.
  //
  // Copies of one story show once. They score alike, or nearly, and so rank
  // together: the page is picked from a window of the first matches, the
  // best-ranked file of each story standing for the rest of it there.
  // (Xapian's collapse key reads every candidate's story, up to the
  // thousand matches counted: 18% more time on a common word; this reads a
  // few dozen.) Files without a story id (too short to have one) are
  // stories of their own.
  const Xapian::doccount page_end = request.offset + request.limit;
  const Xapian::doccount window =
      request.collapse_copies ? std::max<Xapian::doccount>(3 * page_end, page_end + 20) : request.limit;
  const Xapian::MSet matches = enquire.get_mset(request.collapse_copies ? 0 : request.offset, window,
                                                counted_exactly(query));

  SearchResponse response;
  response.query = request.query;
  response.offset = request.offset;
  response.files = matches.get_matches_estimated();
  response.files_exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
  // The matches shown, as indexes into `matches`, with their copies in the window.
  std::vector<std::pair<Xapian::doccount, unsigned>> shown;
  if (!request.collapse_copies) {
    for (Xapian::doccount i = 0; i < matches.size(); ++i) shown.emplace_back(i, 0);
    response.total = response.files;
    response.exact = response.files_exact;
  } else {
    std::vector<std::pair<Xapian::doccount, unsigned>> stories;  // the first file of each, and its copies
    std::unordered_map<std::string, std::size_t> story_at;
    const std::vector<std::string> story_of = story_values(db, matches);
    for (Xapian::doccount i = 0; i < matches.size(); ++i) {
      const std::string& story = story_of[i];
      if (!story.empty()) {
        const auto [found, added] = story_at.emplace(story, stories.size());
        if (!added) {
          ++stories[found->second].second;
          continue;
        }
      }
      stories.emplace_back(i, 0);
    }
    for (std::size_t k = request.offset; k < stories.size() && k < page_end; ++k) shown.push_back(stories[k]);
    // Every match read: the stories are counted. No copy among the first
    // matches: as many stories as files (as an index without copies has).
    // Else as many stories a file as among the first matches, estimated.
    const bool all_read = response.files_exact && matches.size() == response.files;
    const bool copies_seen = stories.size() < matches.size();
    if (all_read || !copies_seen) {
      response.total = all_read ? static_cast<Xapian::doccount>(stories.size()) : response.files;
      response.exact = response.files_exact;
    } else {
      response.total = static_cast<Xapian::doccount>(std::llround(
          static_cast<double>(response.files) * static_cast<double>(stories.size()) / static_cast<double>(matches.size())));
      response.exact = false;
    }
  }
  if (request.facets) {
    // A pass of their own over every match (every file), which also counts them exactly.
    FacetCounts counts = count_facets(db, query, {response.files, response.files_exact}, counting, facets_shown);
    // With no copies seen, the stories are the files, now counted exactly.
    const bool stories_are_files = !request.collapse_copies || response.total == response.files;
    response.files = counts.matches;
    response.files_exact = true;
    if (stories_are_files) {
      response.total = counts.matches;
      response.exact = true;
    }
    for (auto& language : counts.languages) language.name = language.key;
    response.facets = Facets{name_facets(db, EntityKind::actor, std::move(counts.actors), 0, counting.local),
                             name_facets(db, EntityKind::place, std::move(counts.places), 0, counting.local),
                             std::move(counts.languages), counts.estimated};
  }
  if (request.timeline) response.timeline = count_timeline(db, query, counting.local);
  if (response.total == 0 || has_rare_word(db, query, matches))
    response.suggestion = suggestion_for(db, request, response.total == 0);
  unsigned rank = request.offset;
  if (request.paths_only) {
    for (const auto& [at, copies] : shown) {
      response.hits.push_back(path_only_hit(++rank, matches[at]));
      response.hits.back().copies = copies;
    }
    return response;
  }
  PassagePicker passage_of(matches, query, entity_filter_words(request));
  const ScoreScale scaled(query);
  for (const auto& [at, copies] : shown) {
    const Xapian::MSetIterator it = matches[at];
    index::StoredFields fields = index::read_stored_fields(it.get_document());
    Passage passage = passage_of(strip_markers(std::move(fields.content)), fields.text_language);
    response.hits.push_back({++rank, std::move(fields.path), std::move(fields.title), std::move(fields.date),
                             scaled(it.get_percent(), fields.text_language), std::move(passage.plain),
                             std::move(passage.marked),
                             std::move(fields.actors), std::move(fields.places), std::move(fields.language),
                             fields.language_confidence, copies});
  }
  return response;
}

}  // namespace winnow::search
