// Query building: the user's query through winnow's normaliser, then Xapian's QueryParser.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <xapian.h>

namespace winnow::search {

/// The query is not valid syntax; what() says what is wrong.
class QuerySyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The query fields that filter by entity: actor:NAME, place:"Two Words".
inline constexpr std::string_view actor_field = "actor";
inline constexpr std::string_view place_field = "place";

/// Runs the document normaliser over the words of a query, keeping the
/// syntax QueryParser needs: upper-case operators (AND, OR, NOT, XOR, NEAR,
/// ADJ), the date: range and actor:/place: filters with their (quoted)
/// values, so documents and queries fold alike.
[[nodiscard]] std::string normalise_query(std::string_view query);

/// Parses a query: words, phrases, boolean operators, +/-, wildcards,
/// date:FROM..TO, and actor:NAME / place:NAME filters (resolved against `db`
/// with entity_query; several are combined with AND and do not change the
/// ranking). Several words mean all of them (AND).
[[nodiscard]] Xapian::Query parse_query(std::string_view query, const Xapian::Database& db);

}  // namespace winnow::search
