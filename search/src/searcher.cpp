// Searching: open the indexes, run the query, turn matches into hits with snippets.
#include "winnow/search/searcher.hpp"

#include <charconv>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "winnow/filters/text.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/passage.hpp"
#include "winnow/search/query.hpp"

namespace winnow::search {
namespace {

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

Xapian::Database open_one(const std::string& location) {
  if (location.starts_with(tcp_scheme)) return open_remote(location);
  if (!std::filesystem::exists(location)) {
    throw NoIndex("no index at " + location + "; build one with: winnow-index --db " + location + " PATH...");
  }
  try {
    return Xapian::Database(location);
  } catch (const Xapian::DatabaseOpeningError& error) {
    // A file is read as a stub: its bad line or missing shard says more than "not an index".
    if (!std::filesystem::is_directory(location)) {
      const std::string why = reason(error);  // a bad line: "STUB:LINE: Bad line"
      throw NoIndex(why.starts_with(location + ":") ? why : location + ": " + why);
    }
    throw NoIndex(location + " is not a winnow index; build one with: winnow-index --db " + location + " PATH...");
  } catch (const Xapian::NetworkError& error) {
    // A stub file's remote shard.
    throw NoIndex(location + ": " + reason(error) + " (" + error.get_context() + ")");
  }
}

// Length in bytes of the word character at text[at] (letter, digit, mark or
// apostrophe), or 0 when the character there is not part of a word.
std::size_t word_char_length(const std::string& text, std::size_t at) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t offset = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(bytes, offset, static_cast<int32_t>(text.size()), c);
  const bool word = c > 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || c == '\'' || c == 0x2019);
  return word ? static_cast<std::size_t>(offset) - at : 0;
}

// Whether a word of the text matches the query the way the index matched it:
// winnow's normaliser and stemmer on the word, remembered for the search,
// since the same words come back in every passage (tokenising one is an ICU
// normalisation and a break iterator pass).
class QueryWords {
 public:
  explicit QueryWords(std::set<std::string> terms) : m_terms(std::move(terms)) {}

  bool match(const std::string& word) {
    const auto [found, added] = m_seen.try_emplace(word, false);
    if (added) found->second = compute(word);
    return found->second;
  }

 private:
  bool compute(const std::string& word) const {
    thread_local const Xapian::Stem stemmer("english");
    for (const auto& token : filters::tokenise(word)) {
      if (m_terms.contains(token.term) ||
          m_terms.contains(index::schema::prefixed(index::schema::stem_prefix, stemmer(token.term)))) {
        return true;
      }
    }
    return false;
  }

  std::set<std::string> m_terms;
  std::unordered_map<std::string, bool> m_seen;
};

// Calls `on_word(begin, end)` for each word of text, `on_other(byte)` between them.
template <typename OnWord, typename OnOther>
void scan_words(const std::string& text, OnWord&& on_word, OnOther&& on_other) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (word_char_length(text, i) == 0) {
      on_other(text[i++]);
      continue;
    }
    std::size_t end = i;
    for (std::size_t length; end < text.size() && (length = word_char_length(text, end)) != 0;) end += length;
    if (!on_word(i, end)) return;
    i = end;
  }
}

// Highlighting is done with winnow's own normaliser, so "António" and
// "Guterres’s" light up for the query words "antonio" and "guterres", as
// they matched in the index (Xapian's snippet generator folds no accents).
std::string highlight(const std::string& snippet, QueryWords& query_words, bool& any) {
  std::string out;
  scan_words(snippet, [&](std::size_t begin, std::size_t end) {
    const std::string word = snippet.substr(begin, end - begin);
    const bool matched = query_words.match(word);
    any = any || matched;
    out += matched ? std::string(highlight_start) + word + std::string(highlight_end) : word;
    return true;
  }, [&](char byte) { out += byte; });
  return out;
}

// The passage around the first word that matches, for documents where
// Xapian's snippet generator found none (an accented or possessive form).
std::string passage_around_first_match(const std::string& content, QueryWords& query_words) {
  constexpr std::size_t before = 80, length = 300;
  std::size_t found = std::string::npos;
  scan_words(content, [&](std::size_t begin, std::size_t end) {
    if (!query_words.match(content.substr(begin, end - begin))) return true;
    found = begin;
    return false;
  }, [](char) {});
  if (found == std::string::npos) return {};
  std::size_t start = found > before ? content.find(' ', found - before) : 0;
  if (start == std::string::npos || start > found) start = found;
  std::size_t stop = std::min(content.size(), start + length);
  if (stop < content.size()) {
    const std::size_t space = content.rfind(' ', stop);
    stop = space != std::string::npos && space > found ? space : stop;
  }
  while (stop < content.size() && (static_cast<unsigned char>(content[stop]) & 0xC0) == 0x80) ++stop;
  std::string passage = content.substr(start, stop - start);
  for (char& c : passage) if (c == '\n') c = ' ';
  return (start > 0 ? "…" : "") + passage + (stop < content.size() ? "…" : "");
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

// The words a snippet should show and highlight: the query's, and those of
// the --actor and --place names, so a search by entity alone shows where the
// article names it.
std::set<std::string> snippet_terms(const Xapian::Query& query, const SearchRequest& request) {
  std::set<std::string> terms(query.get_terms_begin(), query.get_terms_end());
  for (const auto* names : {&request.actors, &request.places}) {
    for (const auto& name : *names) {
      for (auto& token : filters::tokenise(name)) terms.insert(std::move(token.term));
    }
  }
  return terms;
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

// Each hit's passage: the one Xapian's snippet generator picks, highlighted
// with winnow's normaliser, or the passage around the first match when that
// one has none.
std::vector<std::pair<std::string, std::string>> passages(const Xapian::Database& db, const Xapian::MSet& matches,
                                                          const Xapian::Query& query, const SearchRequest& request,
                                                          const std::vector<std::string>& contents) {
  std::vector<std::pair<std::string, std::string>> out;  // plain and marked
  if (contents.empty()) return out;
  PassagePicker picker(db, matches, query, Xapian::Stem("english"), 300, "…");
  QueryWords query_words(snippet_terms(query, request));
  std::vector<std::string> picked = picker(contents);
  for (std::size_t i = 0; i < contents.size(); ++i) {
    std::string passage = std::move(picked[i]);
    bool any_match = false;
    std::string marked = highlight(passage, query_words, any_match);
    if (!any_match) {
      if (std::string own = passage_around_first_match(contents[i], query_words); !own.empty()) {
        passage = std::move(own);
        marked = highlight(passage, query_words, any_match);
      }
    }
    out.emplace_back(std::move(passage), std::move(marked));
  }
  return out;
}

}  // namespace

Xapian::Database open_databases(const std::vector<std::string>& locations) {
  Xapian::Database combined;
  for (const auto& location : locations) combined.add_database(open_one(location));
  return combined;
}

bool selects_documents(const SearchRequest& request) {
  return has_words(request) || !request.actors.empty() || !request.places.empty();
}

Xapian::Query build_query(const Xapian::Database& db, const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  for (const auto& name : request.actors) filters.push_back(entity_query(db, EntityKind::actor, name));
  for (const auto& name : request.places) filters.push_back(entity_query(db, EntityKind::place, name));
  Xapian::Query query = has_words(request) ? parse_query(request.query, db) : Xapian::Query();
  if (filters.empty()) return query;
  const Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
  // Filters alone: every match weighs the same (0), so no term skews the order.
  if (!has_words(request)) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

SearchResponse run_search(const Xapian::Database& db, const SearchRequest& request) {
  const Xapian::Query query = build_query(db, request);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  FacetCounter actor_counter(EntityKind::actor), place_counter(EntityKind::place);
  if (request.facets) {
    actor_counter.attach(enquire);
    place_counter.attach(enquire);
  }
  // Facet counts must see every match, not just those the page needs.
  const Xapian::doccount check_at_least = request.facets ? db.get_doccount() : 100;
  const Xapian::MSet matches = enquire.get_mset(request.offset, request.limit, check_at_least);

  SearchResponse response{request.query, matches.get_matches_estimated(),
                          matches.get_matches_lower_bound() == matches.get_matches_upper_bound(),
                          request.offset, {}, std::nullopt};
  unsigned rank = request.offset;
  if (request.paths_only) {
    for (auto it = matches.begin(); it != matches.end(); ++it) response.hits.push_back(path_only_hit(++rank, it));
    return response;
  }
  // Every hit's text first: the passages are picked for all of them at once.
  std::vector<index::StoredFields> stored;
  std::vector<std::string> contents;
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    stored.push_back(index::read_stored_fields(it.get_document()));
    contents.push_back(strip_markers(std::move(stored.back().content)));
  }
  auto shown = passages(db, matches, query, request, contents);
  auto it = matches.begin();
  for (std::size_t i = 0; i < stored.size(); ++i, ++it) {
    index::StoredFields& fields = stored[i];
    response.hits.push_back({++rank, std::move(fields.path), std::move(fields.title), std::move(fields.date),
                             it.get_percent(), std::move(shown[i].first), std::move(shown[i].second),
                             std::move(fields.actors), std::move(fields.places)});
  }
  if (request.facets) {
    response.facets = Facets{name_facets(db, EntityKind::actor, actor_counter.counts(facets_shown), facets_shown),
                             name_facets(db, EntityKind::place, place_counter.counts(facets_shown), facets_shown)};
  }
  return response;
}

}  // namespace winnow::search
