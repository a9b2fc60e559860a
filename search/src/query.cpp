// Query building: winnow's normaliser on the words, Xapian's QueryParser on the syntax.
#include "winnow/search/query.hpp"

#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "winnow/filters/text.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/facets.hpp"

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

std::string_view without_leading_syntax(std::string_view chunk) {
  while (!chunk.empty() && (chunk.front() == '(' || chunk.front() == '+' || chunk.front() == '-')) {
    chunk.remove_prefix(1);
  }
  return chunk;
}

bool kept_verbatim(std::string_view chunk) {
  std::string_view bare = without_leading_syntax(chunk);
  while (!bare.empty() && bare.back() == ')') bare.remove_suffix(1);
  return is_operator(bare) || (bare.starts_with(date_field) && bare.substr(date_field.size()).starts_with(':')) ||
         bare.starts_with(language_field_colon);
}

// An actor: or place: filter is left to its field processor, which folds the
// name itself; normalising it here would lower-case the field name and could
// split a quoted value.
bool is_entity_filter(std::string_view chunk) {
  const std::string_view bare = without_leading_syntax(chunk);
  for (const std::string_view field : {actor_field, place_field}) {
    if (bare.size() > field.size() && bare.starts_with(field) && bare[field.size()] == ':') return true;
  }
  return false;
}

// Where an entity filter starting at `start` ends: at the white space after it,
// or, for actor:"Wagner Group", after the closing quote (or at the end).
std::size_t entity_filter_end(std::string_view query, std::size_t start) {
  const std::size_t colon = query.find(':', start);
  const std::size_t open_quote = colon + 1;
  if (open_quote < query.size() && query[open_quote] == '"') {
    const std::size_t close_quote = query.find('"', open_quote + 1);
    if (close_quote == std::string_view::npos) return query.size();
    const std::size_t end = query.find_first_of(" \t\n", close_quote);
    return end == std::string_view::npos ? query.size() : end;
  }
  const std::size_t end = query.find_first_of(" \t\n", start);
  return end == std::string_view::npos ? query.size() : end;
}

// Content terms are stems (schema::stem_prefix), so a wildcard expands over
// stems: "peace*" finds peacekeepers (stem peacekeep) but not peace itself,
// whose stem "peac" is shorter than what was typed. Or-ing the word itself
// back in covers it: peace* -> (peace* OR peace).
std::string with_wildcard_word(std::string chunk) {
  std::size_t begin = 0;
  while (begin < chunk.size() && (chunk[begin] == '(' || chunk[begin] == '+' || chunk[begin] == '-')) ++begin;
  std::size_t end = chunk.size();
  while (end > begin && chunk[end - 1] == ')') --end;
  const std::string_view word = std::string_view(chunk).substr(begin, end - begin);
  if (word.size() < 2 || word.back() != '*' || word.find_first_of("\"*:") != word.size() - 1) return chunk;
  const std::string stem_word(word.substr(0, word.size() - 1));
  return chunk.substr(0, begin) + "(" + stem_word + "* OR " + stem_word + ")" + chunk.substr(end);
}

bool is_word_byte(unsigned char byte) {
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || byte >= 0x80;
}

// Runs of ASCII letters and digits and of bytes of other characters: about
// the words the query parser sees, counted without parsing.
std::size_t count_words(std::string_view query) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : query) {
    const bool word_byte = is_word_byte(static_cast<unsigned char>(c));
    if (word_byte && !in_word) ++words;
    in_word = word_byte;
  }
  return words;
}

// The pattern as the user typed it, folded: "peace*".
std::string shown_wildcard(std::string_view pattern) {
  if (pattern.starts_with(index::schema::stem_prefix)) pattern.remove_prefix(index::schema::stem_prefix.size());
  return std::string(pattern) + "*";
}

// How many terms of `db` start with `pattern`, counting no further than `up_to`.
std::size_t terms_starting_with(const Xapian::Database& db, const std::string& pattern, std::size_t up_to) {
  std::size_t terms = 0;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern) && terms < up_to; ++it) ++terms;
  return terms;
}

// Counts the words the query's NEAR groups join and gathers its wildcards' patterns.
void gather_costly_parts(const Xapian::Query& query, std::size_t& near_words, std::vector<std::string>& wildcards) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_WILDCARD) {
    wildcards.push_back(wildcard_pattern(query));
    return;
  }
  if (type == Xapian::Query::OP_NEAR) near_words += query.get_num_subqueries();
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    gather_costly_parts(query.get_subquery(i), near_words, wildcards);
  }
}

// Throws QueryTooLarge when the parsed query is over the limits. The
// wildcards' words are counted here, against the index, so that the user
// reads the wildcard as typed, before any search; Xapian's own limit
// (set_max_expansion) stays as the backstop for an index that grows in between.
void check_query_limits(const Xapian::Query& query, const Xapian::Database& db) {
  std::size_t near_words = 0;
  std::vector<std::string> wildcards;
  gather_costly_parts(query, near_words, wildcards);
  if (near_words > query_limits.near_words) {
    throw QueryTooLarge("query too large: " + std::to_string(near_words) + " words joined by NEAR; at most " +
                        std::to_string(query_limits.near_words) + " are allowed");
  }
  if (wildcards.size() > query_limits.wildcards) {
    throw QueryTooLarge("query too large: " + std::to_string(wildcards.size()) + " wildcards; at most " +
                        std::to_string(query_limits.wildcards) + " are allowed");
  }
  for (const auto& pattern : wildcards) {
    if (terms_starting_with(db, pattern, query_limits.wildcard_words + 1) > query_limits.wildcard_words) {
      throw QueryTooLarge("wildcard " + shown_wildcard(pattern) + " matches more than " +
                          std::to_string(query_limits.wildcard_words) + " different words; type more of it");
    }
  }
}

// A word repeated in an AND ("said said said", the default operator) is
// matched once, scaled by its copies: the matcher walks a posting list per
// copy, which for 20,000 copies took seconds. The matches are the same and
// so are the weights: ranking_weight()'s BM25 (k2 = 0, k3 = 1) weighs each
// copy alike, whatever the rest of the query. ANDs are reached through ANDs
// and ORs; other operators (a phrase, NEAR) keep their words as they are.
// Nothing when no word repeats.
std::optional<Xapian::Query> without_repeated_words(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type != Xapian::Query::OP_AND && type != Xapian::Query::OP_OR) return std::nullopt;
  std::vector<Xapian::Query> parts;
  std::vector<unsigned> copies;
  std::unordered_map<std::string, std::size_t> word_at;  // term and wqf -> its part
  bool changed = false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query part = query.get_subquery(i);
    if (type == Xapian::Query::OP_AND && part.get_type() == Xapian::Query::LEAF_TERM) {
      // (A leaf's length is its wqf.)
      const auto [found, added] =
          word_at.try_emplace(*part.get_terms_begin() + '\0' + std::to_string(part.get_length()), parts.size());
      if (!added) {
        ++copies[found->second];
        changed = true;
        continue;
      }
    }
    if (auto rewritten = without_repeated_words(part)) {
      part = std::move(*rewritten);
      changed = true;
    }
    parts.push_back(std::move(part));
    copies.push_back(1);
  }
  if (!changed) return std::nullopt;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (copies[i] > 1) parts[i] = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parts[i], copies[i]);
  }
  return Xapian::Query(type, parts.begin(), parts.end());
}

}  // namespace

std::string query_size_problem(std::string_view query) {
  if (query.size() > query_limits.bytes) {
    return "query too long: " + std::to_string(query.size()) + " bytes; at most " +
           std::to_string(query_limits.bytes) + " are allowed";
  }
  if (const std::size_t words = count_words(query); words > query_limits.words) {
    return "query too long: " + std::to_string(words) + " words; at most " + std::to_string(query_limits.words) +
           " are allowed";
  }
  return {};
}

std::string wildcard_pattern(const Xapian::Query& wildcard) {
  // "Query(WILDCARD SYNONYM Zpeace)"
  std::string description = wildcard.get_description();
  if (description.ends_with(')')) description.pop_back();
  return description.substr(description.rfind(' ') + 1);
}

std::string normalise_query(std::string_view query, const filters::TextRules& rules) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const std::size_t start = query.find_first_not_of(" \t\n", i);
    if (start == std::string_view::npos) break;
    out.append(query.substr(i, start - i));
    std::size_t end = query.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = query.size();
    const bool entity_filter = is_entity_filter(query.substr(start, end - start));
    if (entity_filter) end = entity_filter_end(query, start);
    const std::string_view chunk = query.substr(start, end - start);
    out += entity_filter || kept_verbatim(chunk) ? std::string(chunk) : with_wildcard_word(filters::normalise(chunk, rules));
    i = end;
  }
  return out;
}

std::vector<std::string> text_languages(const Xapian::Database& db) {
  std::vector<std::string> languages;
  const std::string prefix(index::schema::text_language_prefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    languages.push_back((*it).substr(prefix.size()));
  }
  // An index without XS terms (empty, or of an older schema) is English.
  if (languages.empty()) languages.emplace_back(index::fallback_language);
  return languages;
}

namespace {

// lang:de -> the L term of that language, however its code is typed ("DE").
class LanguageFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::string code;
    for (const char c : value) code += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return Xapian::Query(index::schema::prefixed(index::schema::language_prefix, code));
  }
};

// date:FROM..TO, each end in date_span's forms: the dated documents from
// FROM's first day to TO's last. (Xapian's DateRangeProcessor reads only
// whole days, and with both ends left out matches every document, dated
// or not.)
class DateRanges : public Xapian::RangeProcessor {
 public:
  DateRanges() : Xapian::RangeProcessor(index::schema::date_slot, std::string(date_field) + ":") {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return date_filter(begin, end);
  }
};

// date:2023, date:2023-07, date:2023-07-01: that year, month or day.
class DateField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override { return date_filter(value, value); }
};

// The query as one language reads it: its normaliser and its stemmer.
Xapian::Query parse_in_language(std::string_view query, const Xapian::Database& db, const std::string& language) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(index::schema::stemmer_for(language));
  // Every content term is a stem with Z, phrases included (see schema.hpp):
  // STEM_ALL stems every word and the empty field's prefix adds the Z, so
  // wildcards expand over the same Z terms too (STEM_ALL_Z would leave them bare).
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  parser.add_prefix("", std::string(index::schema::stem_prefix));
  parser.set_default_op(Xapian::Query::OP_AND);
  DateRanges dates;
  parser.add_rangeprocessor(&dates);
  DateField days;
  parser.add_boolean_prefix(std::string(date_field), &days);
  // An empty grouping makes each filter its own group, so two of them are
  // combined with AND, as repeated --actor options are (an article names many).
  const std::string each_alone;
  EntityFieldProcessor actors(db, EntityKind::actor), places(db, EntityKind::place);
  parser.add_boolean_prefix(std::string(actor_field), &actors, &each_alone);
  parser.add_boolean_prefix(std::string(place_field), &places, &each_alone);
  LanguageFieldProcessor languages;
  parser.add_boolean_prefix(std::string(language_field), &languages);
  parser.set_max_expansion(query_limits.wildcard_words, Xapian::Query::WILDCARD_LIMIT_ERROR,
                           Xapian::QueryParser::FLAG_WILDCARD);
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  Xapian::Query parsed;
  try {
    parsed = parser.parse_query(normalise_query(query, filters::text_rules(language)), flags);
  } catch (const Xapian::QueryParserError& error) {
    throw QuerySyntaxError(error.get_msg());
  }
  check_query_limits(parsed, db);
  return without_repeated_words(parsed).value_or(parsed);
}

}  // namespace

DaySpan date_span(std::string_view typed) {
  const auto fail = [&]() -> DaySpan {
    throw QuerySyntaxError("not a date: '" + std::string(typed) + "' (YYYY, YYYY-MM or YYYY-MM-DD)");
  };
  std::string digits;
  std::vector<std::size_t> parts;  // the digits in each part between dashes
  std::size_t run = 0;
  for (const char c : typed) {
    if (c >= '0' && c <= '9') {
      digits += c;
      ++run;
    } else if (c == '-' && run > 0) {
      parts.push_back(run);
      run = 0;
    } else {
      return fail();
    }
  }
  parts.push_back(run);
  // 2023, 2023-07, 2023-07-01, or the index's own 20230701.
  const bool dashed = parts == std::vector<std::size_t>{4} || parts == std::vector<std::size_t>{4, 2} ||
                      parts == std::vector<std::size_t>{4, 2, 2};
  if (!dashed && parts != std::vector<std::size_t>{8}) return fail();
  const int year = std::stoi(digits.substr(0, 4));
  const int month = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : 0;
  const int day = digits.size() == 8 ? std::stoi(digits.substr(6, 2)) : 0;
  const auto days_in = [year](int m) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return m == 2 && leap ? 29 : days[static_cast<std::size_t>(m - 1)];
  };
  if (digits.size() >= 6 && (month < 1 || month > 12)) return fail();
  if (digits.size() == 8 && (day < 1 || day > days_in(month))) return fail();
  const auto two = [](int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); };
  const std::string y = digits.substr(0, 4);
  if (digits.size() == 4) return {y + "0101", y + "1231"};
  if (digits.size() == 6) return {y + two(month) + "01", y + two(month) + two(days_in(month))};
  return {digits, digits};
}

Xapian::Query date_filter(std::string_view since, std::string_view until) {
  constexpr Xapian::valueno slot = index::schema::date_slot;
  // The lowest and highest values a date can have: any dated document.
  const std::string first = since.empty() ? "00000000" : date_span(since).first;
  const std::string last = until.empty() ? "99999999" : date_span(until).last;
  if (last < first) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, first, last);
}

Xapian::Query parse_query(std::string_view query, const Xapian::Database& db) {
  const std::vector<std::string> languages = text_languages(db);
  if (languages.size() == 1) return parse_in_language(query, db, languages.front());
  // Each document's words were stemmed in its own language: the query is
  // read in each language of the index and each reading restricted to the
  // documents of its language, so "Wahlen" finds German articles that say
  // "Wahl", and a document matches (and weighs) in one reading only.
  std::vector<Xapian::Query> readings;
  for (const auto& language : languages) {
    readings.emplace_back(Xapian::Query::OP_FILTER, parse_in_language(query, db, language),
                          Xapian::Query(index::schema::prefixed(index::schema::text_language_prefix, language)));
  }
  return Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
}

}  // namespace winnow::search
