// Query building: winnow's normaliser on the words, Xapian's QueryParser on the syntax.
#include "winnow/search/query.hpp"

#include <array>

#include "winnow/filters/text.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::search {
namespace {

bool is_operator(std::string_view word) {
  static constexpr std::array<std::string_view, 6> operators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  const std::string_view name = word.substr(0, word.find('/'));  // NEAR/3, ADJ/2
  for (const auto op : operators) {
    if (name == op) return true;
  }
  return false;
}

bool kept_verbatim(std::string_view chunk) {
  std::string_view bare = chunk;
  while (!bare.empty() && (bare.front() == '(' || bare.front() == '+' || bare.front() == '-')) bare.remove_prefix(1);
  while (!bare.empty() && bare.back() == ')') bare.remove_suffix(1);
  return is_operator(bare) || bare.starts_with("date:");
}

}  // namespace

std::string normalise_query(std::string_view query) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const std::size_t start = query.find_first_not_of(" \t\n", i);
    if (start == std::string_view::npos) break;
    out.append(query.substr(i, start - i));
    std::size_t end = query.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view chunk = query.substr(start, end - start);
    out += kept_verbatim(chunk) ? std::string(chunk) : filters::normalise(chunk);
    i = end;
  }
  return out;
}

Xapian::Query parse_query(std::string_view query, const Xapian::Database& db) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  Xapian::DateRangeProcessor dates(index::schema::date_slot, "date:");
  parser.add_rangeprocessor(&dates);
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    return parser.parse_query(normalise_query(query), flags);
  } catch (const Xapian::QueryParserError& error) {
    throw QuerySyntaxError(error.get_msg());
  }
}

}  // namespace winnow::search
