// Query building: the user's query through winnow's normaliser, then Xapian's QueryParser.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "winnow/filters/text.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::search {

/// The query is not valid syntax; what() says what is wrong.
class QuerySyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The query is larger than query_limits allow; what() says which limit, in
/// one line. (Raised before the search runs: none of its work is done.)
class QueryTooLarge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How large a query may be. A search's cost grows with its query, faster
/// than the query's length for some parts of it (a NEAR group, a wildcard);
/// these bound it, so that no query takes much longer than a search of an
/// ordinary one. The figures behind them are in docs/benchmarks.md (query
/// limits); winnow-search(1) documents them.
struct QueryLimits {
  /// Bytes in the query string.
  std::size_t bytes = 16 * 1024;
  /// Words: runs of letters and digits, operators and field names included.
  std::size_t words = 1000;
  /// Words joined by NEAR, over all the query's NEAR groups ("a NEAR b
  /// NEAR c" joins 3): Xapian's test of a group costs the square of its
  /// size, and a word in one costs ten times a word of a phrase.
  std::size_t near_words = 64;
  /// Wildcards in a query, and the words (index terms) each may match.
  std::size_t wildcards = 10;
  unsigned wildcard_words = 1000;
};

/// The limits winnow-search applies.
inline constexpr QueryLimits query_limits{};

/// Whether the query string is within query_limits' bytes and words: the
/// problem in one line ("query too long: ..."), empty when it is. Reads
/// nothing but the string, so it can be checked before an index is opened.
[[nodiscard]] std::string query_size_problem(std::string_view query);

/// The letters an OP_WILDCARD query expands, with their term prefix:
/// "Zpeace" for peace*. (Xapian 1.4 has no accessor; its description ends with them.)
[[nodiscard]] std::string wildcard_pattern(const Xapian::Query& wildcard);

/// The query's fields, from the schema's table (index::schema).
using index::schema::actor_field;
using index::schema::date_field;
using index::schema::language_field;
using index::schema::language_field_colon;
using index::schema::place_field;

/// Runs the document normaliser over the words of a query, keeping the
/// syntax QueryParser needs: upper-case operators (AND, OR, NOT, XOR, NEAR,
/// ADJ), the date: range and actor:/place: filters with their (quoted)
/// values, so documents and queries fold alike. `rules` are the text
/// language's (elisions), as its documents were normalised with.
[[nodiscard]] std::string normalise_query(std::string_view query, const filters::TextRules& rules = {});

/// The languages the index's documents were stemmed in (their XS terms),
/// sorted; English for an index with none.
[[nodiscard]] std::vector<std::string> text_languages(const Xapian::Database& db);

/// The days a date as people type it stands for, as YYYYMMDD (the index's
/// date values): "2023" the year, "2023-07" the month, "2023-07-01" the day
/// (also "20230701"). Throws QuerySyntaxError naming the date when it is no
/// such form or no such day ("2023-13-01", "2023-02-30").
struct DaySpan {
  std::string first;
  std::string last;
};
[[nodiscard]] DaySpan date_span(std::string_view typed);

/// The dated documents from the first day of `since` to the last day of
/// `until` (either may be empty: no bound). Undated documents never match.
/// Throws QuerySyntaxError for a date that is no date.
[[nodiscard]] Xapian::Query date_filter(std::string_view since, std::string_view until);

/// Parses a query: words, phrases, boolean operators, +/-, wildcards,
/// date:DATE and date:FROM..TO (date_span's forms; either end may be left
/// out), lang:CODE, and actor:NAME / place:NAME filters (resolved against `db`
/// with entity_query; several are combined with AND and do not change the
/// ranking). Several words mean all of them (AND); a word repeated in them
/// is matched once, weighing as many times as it is repeated. Throws
/// The words are read in each language of text_languages(db), with its
/// stemmer, each reading restricted to that language's documents. Throws
/// QuerySyntaxError for bad syntax, QueryTooLarge when a NEAR group or a
/// wildcard is over query_limits (the wildcards' words are counted in `db`).
[[nodiscard]] Xapian::Query parse_query(std::string_view query, const Xapian::Database& db);

}  // namespace winnow::search
