// Searching: open the indexes, run the query, turn matches into hits with snippets.
#include "winnow/search/searcher.hpp"

#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

#include "winnow/filters/text.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/passage.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/retry.hpp"

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

Xapian::Database open_one(const std::string& location) {
  if (location.starts_with(tcp_scheme)) return open_remote(location);
  // error_code overloads: a name too long or a folder that cannot be searched
  // is one line naming the location, not an exception that stops the program.
  std::error_code probe_error;
  const fs::file_status status = fs::status(location, probe_error);
  if (status.type() == fs::file_type::not_found) {
    throw NoIndex("no index at " + location + "; build one with: winnow-index --db " + location + " PATH...");
  }
  if (probe_error) throw NoIndex(location + ": " + probe_error.message());
  try {
    // Opening reads the newest revision's roots, which winnow-index may
    // discard under it as it commits: open again, at the revision then newest.
    return retry_while_modified([&] { return Xapian::Database(location); }, [] {});
  } catch (const Xapian::DatabaseOpeningError& error) {
    // A file is read as a stub: its bad line or missing shard says more than "not an index".
    if (status.type() != fs::file_type::directory) {
      const std::string why = reason(error);  // a bad line: "STUB:LINE: Bad line"
      throw NoIndex(why.starts_with(location + ":") ? why : location + ": " + why);
    }
    throw NoIndex(location + " is not a winnow index; build one with: winnow-index --db " + location + " PATH...");
  } catch (const Xapian::NetworkError& error) {
    // A stub file's remote shard.
    throw NoIndex(location + ": " + reason(error) + " (" + error.get_context() + ")");
  }
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

Databases open_databases(const std::vector<std::string>& locations) {
  Databases opened;
  for (const auto& location : locations) {
    opened.db.add_database(open_one(location));
    // A stub file may list remote indexes: taken as one.
    std::error_code probe_error;  // it was opened: an error now is a race, whose answer is "not local"
    opened.all_local =
        opened.all_local && !location.starts_with(tcp_scheme) && fs::is_directory(location, probe_error);
  }
  return opened;
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

SearchResponse run_search(const Xapian::Database& db, const SearchRequest& request, const FacetCounting& counting) {
  const Xapian::Query query = build_query(db, request);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(index::schema::ranking_weight());
  const Xapian::MSet matches = enquire.get_mset(request.offset, request.limit, 100);

  SearchResponse response{request.query, matches.get_matches_estimated(),
                          matches.get_matches_lower_bound() == matches.get_matches_upper_bound(),
                          request.offset, {}, std::nullopt};
  if (request.facets) {
    // A pass of their own over every match, which also counts them exactly.
    FacetCounts counts = count_facets(db, query, {matches.get_matches_estimated(), response.exact}, counting,
                                      facets_shown);
    response.total = counts.matches;
    response.exact = true;
    response.facets = Facets{name_facets(db, EntityKind::actor, std::move(counts.actors), 0, counting.local),
                             name_facets(db, EntityKind::place, std::move(counts.places), 0, counting.local),
                             counts.estimated};
  }
  unsigned rank = request.offset;
  if (request.paths_only) {
    for (auto it = matches.begin(); it != matches.end(); ++it) response.hits.push_back(path_only_hit(++rank, it));
    return response;
  }
  PassagePicker passage_of(matches, query, entity_filter_words(request));
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    index::StoredFields fields = index::read_stored_fields(it.get_document());
    Passage passage = passage_of(strip_markers(std::move(fields.content)));
    response.hits.push_back({++rank, std::move(fields.path), std::move(fields.title), std::move(fields.date),
                             it.get_percent(), std::move(passage.plain), std::move(passage.marked),
                             std::move(fields.actors), std::move(fields.places)});
  }
  return response;
}

}  // namespace winnow::search
