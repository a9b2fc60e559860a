// The search model: a request, the matching documents, one result type for every printer.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace winnow::search {

/// What the user asked for.
struct SearchRequest {
  std::string query;
  unsigned offset = 0;
  unsigned limit = 10;
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
};

/// What a search found.
struct SearchResponse {
  std::string query;
  Xapian::doccount total = 0;  ///< estimated number of matches
  bool exact = false;          ///< whether `total` is exact
  unsigned offset = 0;
  std::vector<Hit> hits;
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

/// Opens one or more indexes as one: folders, Xapian stub files or tcp://HOST:PORT.
/// Throws Xapian::Error when one cannot be opened.
[[nodiscard]] Xapian::Database open_databases(const std::vector<std::string>& locations);

/// Runs a request. Throws QuerySyntaxError for a bad query.
[[nodiscard]] SearchResponse run_search(const Xapian::Database& db, const SearchRequest& request);

}  // namespace winnow::search
