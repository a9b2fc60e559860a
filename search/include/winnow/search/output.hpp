// Printers for a search response: human text, JSON, paths.
#pragma once

#include <ostream>

#include "winnow/search/searcher.hpp"

namespace winnow::search {

/// Ranked results with title, path, date, the first actors and places, and
/// snippet; then the facets when asked for. `color` highlights matches in
/// bold. Paths are relative to the current folder when inside it, unless
/// `absolute` (--absolute). Snippets wrap at spaces to `width` columns (0:
/// one line each, as in a pipe).
void print_human(const SearchResponse& response, std::ostream& out, bool color, bool absolute = false,
                 std::size_t width = 0);

/// The terminal's width in columns when standard output is one, else 0.
[[nodiscard]] std::size_t terminal_width();

/// One JSON object in the contract's search shape.
void print_json(const SearchResponse& response, std::ostream& out, bool absolute = false);

/// --list: one "count  name" line per value.
void print_list_human(const std::vector<FacetValue>& values, std::ostream& out);

/// --list --json: {"actors": [{"name", "count"}, ...]} (or "places", "langs": the list asked for).
void print_list_json(const std::vector<FacetValue>& values, std::string_view list, std::ostream& out);

/// Paths only, one per line; with `nul` (-0), each ended by a NUL byte
/// instead, as xargs -0 reads them, and as they are (made safe for a
/// terminal only when standard output is one).
void print_files(const SearchResponse& response, std::ostream& out, bool absolute = false, bool nul = false);

/// --show: the title, the path, date and language, the actors and places,
/// then the cleaned text that was indexed.
void print_article_human(const ShownArticle& article, std::ostream& out, bool absolute = false);

/// --show --json: {"path", "title", "date", "lang", "actors", "places", "text"}.
void print_article_json(const ShownArticle& article, std::ostream& out, bool absolute = false);

/// Whether a timeline's bars are drawn with Unicode's block characters:
/// standard output is a terminal and TERM is not "dumb"; else with '#'.
[[nodiscard]] bool bars_wanted();

/// --color=auto: stdout is a terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
[[nodiscard]] bool color_wanted(const std::string& when);

}  // namespace winnow::search
