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

/// Runs the document normaliser over the words of a query, keeping the
/// syntax QueryParser needs: upper-case operators (AND, OR, NOT, XOR, NEAR,
/// ADJ) and the date: range, so documents and queries fold alike.
[[nodiscard]] std::string normalise_query(std::string_view query);

/// Parses a query: words, phrases, boolean operators, +/-, wildcards and
/// date:FROM..TO. Several words mean all of them (AND).
[[nodiscard]] Xapian::Query parse_query(std::string_view query, const Xapian::Database& db);

}  // namespace winnow::search
