// The search model: a request, the matching documents, one result type for every printer.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "winnow/search/facets.hpp"

namespace winnow::search {

/// What the user asked for.
struct SearchRequest {
  std::string query;                 ///< may be empty when there are entity filters
  unsigned offset = 0;
  unsigned limit = 10;
  std::vector<std::string> actors;   ///< --actor names: each must match (AND)
  std::vector<std::string> places;   ///< --place names: each must match (AND)
  std::vector<std::string> languages;  ///< --lang codes: any of them (OR)
  std::string since;                 ///< --since: dated on or after this date's first day (date_span's forms)
  std::string until;                 ///< --until: dated on or before this date's last day
  /// --sort: by relevance; by date, oldest first; or newest first. Undated
  /// articles come last either way; ties keep their relevance order.
  enum class Order { relevance, oldest, newest } order = Order::relevance;
  /// Copies of one story (index::schema::story_slot) show once, as the
  /// best-ranked copy; false (--all-copies) shows every file.
  bool collapse_copies = true;
  bool facets = false;               ///< count actors, places and languages over every match
  bool timeline = false;             ///< count the matches per month (per year over a long span)
  /// Hits need only their rank, path and score (--files): no stored data is
  /// read and no snippet made.
  bool paths_only = false;
};

/// One matching document.
struct Hit {
  unsigned rank = 0;      ///< 1-based, over all matches
  std::string path;       ///< absolute path of the file
  std::string title;
  std::string date;       ///< ISO date or empty
  int score = 0;          ///< Xapian's percentage relevance
  std::string snippet;    ///< plain text around the matches
  std::string snippet_marked;  ///< the same, matched words wrapped in highlight_start/end
  std::vector<std::string> actors;  ///< the document's actors, most mentioned first
  std::vector<std::string> places;  ///< the document's places, most mentioned first
  std::string language;             ///< ISO 639-1 or "und"; empty in an index of schema 7
  int language_confidence = 0;      ///< percent
  unsigned copies = 0;              ///< other files of its story among the matches, not shown
};

/// The top actors and places over all matches, with document counts.
struct Facets {
  std::vector<FacetValue> actors;
  std::vector<FacetValue> places;
  std::vector<FacetValue> languages;  ///< every language of the matches, named by its code
  /// The counts are estimated from a sample of the matches (there were many
  /// of them; see FacetCounting), not exact.
  bool estimated = false;
};

/// --timeline: how many matching files are dated in each month ("2023-07"),
/// or each year ("2023") when the dates span more than timeline_months;
/// every period from the first to the last, empty ones included.
struct Timeline {
  struct Period {
    std::string name;
    Xapian::doccount count = 0;
    friend bool operator==(const Period&, const Period&) = default;
  };
  std::vector<Period> periods;
  bool by_year = false;
  Xapian::doccount undated = 0;  ///< matching files with no known date, in no period
};
inline constexpr int timeline_months = 36;

/// How many values of each kind --facets shows.
inline constexpr std::size_t facets_shown = 10;

/// A search with at most this many matches counts them exactly; above it,
/// the total is Xapian's estimate ("about N").
inline constexpr Xapian::doccount exact_up_to = 1000;
/// The same for a query with a phrase or NEAR, whose every match counted
/// costs a look at positions.
inline constexpr Xapian::doccount exact_up_to_positional = 100;

/// What a search found.
struct SearchResponse {
  std::string query;
  Xapian::doccount total = 0;  ///< estimated number of matches: stories, when copies are collapsed
  bool exact = false;          ///< whether `total` is exact
  Xapian::doccount files = 0;  ///< estimated number of matching files, copies included
  bool files_exact = false;
  unsigned offset = 0;
  std::vector<Hit> hits;
  std::optional<Facets> facets;  ///< set when the request asked for them
  std::optional<Timeline> timeline;  ///< set when the request asked for it
  /// When nothing matched: what the user may have meant ("guterres",
  /// "--actor 'Yevgeny Prigozhin'"), from the index's names; else empty.
  std::string suggestion;
};

/// Markers around highlighted words in Hit::snippet_marked (private-use code
/// points: they cannot come from a document, which is scrubbed of them).
inline constexpr std::string_view highlight_start = "\xEE\x80\x80";  // U+E000
inline constexpr std::string_view highlight_end = "\xEE\x80\x81";    // U+E001

/// An index cannot be found or opened; what() says how to build one.
class NoIndex : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Indexes opened to be searched as one. A read through `db` while
/// winnow-index commits may meet a discarded revision: run it with
/// with_retries (retry.hpp).
struct Databases {
  Xapian::Database db;
  /// Every one is an index folder on this machine, none a tcp:// location
  /// or a remote line of a stub file. Says how facets can be counted
  /// (FacetCounting::local).
  bool all_local = true;
};

/// What opening may do beyond reading local folders and connecting to servers.
struct OpenPolicy {
  /// Start the program of a stub's `remote :PROGRAM ARGS` line
  /// (--allow-stub-programs). Off: such a line is refused, and nothing runs.
  bool stub_programs = false;
};

/// Opens one or more indexes as one: index folders (opened as glass, never
/// by Xapian's guess), Xapian stub files (read by winnow: see stub.hpp), or
/// tcp://HOST:PORT. Throws NoIndex, or Xapian::Error, when one cannot be
/// opened, and IndexKeptChanging when each try to open one met a discarded revision.
[[nodiscard]] Databases open_databases(const std::vector<std::string>& locations, const OpenPolicy& policy = {});

/// Whether the request has a query string or entity filters: without either
/// it selects no documents, and --list counts over the whole index.
[[nodiscard]] bool selects_documents(const SearchRequest& request);

/// The request's query string and entity filters as one Xapian query: the
/// filters restrict the query without changing its ranking. Matches nothing
/// when !selects_documents(request). Throws QuerySyntaxError for a bad query.
[[nodiscard]] Xapian::Query build_query(const Xapian::Database& db, const SearchRequest& request);

/// Runs a request; `counting` says how --facets may count (the default
/// suits local indexes). With request.facets, every match is counted, so
/// the total is exact. Throws QuerySyntaxError for a bad query.
/// One indexed article as --show prints it: what was indexed of it.
struct ShownArticle {
  std::string path;  ///< absolute
  std::string title;
  std::string date;  ///< ISO date or empty
  std::string language;
  int language_confidence = 0;
  std::vector<std::string> actors;
  std::vector<std::string> places;
  std::string text;  ///< the cleaned text, a line of it per source line that kept some
  std::string content_hash;  ///< of the file's bytes when indexed (schema::content_hash_slot)
};

/// The article indexed from `path` (relative paths are taken from the
/// current folder), or nullopt when the index holds none from there.
[[nodiscard]] std::optional<ShownArticle> show_article(const Xapian::Database& db, const std::string& path);

[[nodiscard]] SearchResponse run_search(const Xapian::Database& db, const SearchRequest& request,
                                        const FacetCounting& counting = {});

}  // namespace winnow::search
