// Printers: one result model, three ways to show it.
#include "winnow/search/output.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "winnow/index/display.hpp"

namespace winnow::search {
namespace {

constexpr std::string_view bold = "\033[1m";
constexpr std::string_view match_on = "\033[1;31m";
constexpr std::string_view dim = "\033[2m";
constexpr std::string_view reset = "\033[0m";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string shown_snippet(const Hit& hit, bool color) {
  const std::string safe = index::terminal_safe(hit.snippet_marked);
  const std::string with_on = replace_all(safe, highlight_start, color ? match_on : "");
  return replace_all(with_on, highlight_end, color ? reset : "");
}

// At most `most` names joined with ", ", made safe for the terminal.
std::string first_names(const std::vector<std::string>& names, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) {
    if (i > 0) out += ", ";
    out += index::terminal_safe(names[i]);
  }
  return out;
}

// "actors: Wagner Group, MINUSMA · places: Mali, Gao", or empty when the document has none.
std::string entities_line(const Hit& hit) {
  constexpr std::size_t most = 3;
  std::string line;
  if (!hit.actors.empty()) line = "actors: " + first_names(hit.actors, most);
  if (!hit.places.empty()) {
    if (!line.empty()) line += " · ";
    line += "places: " + first_names(hit.places, most);
  }
  return line;
}

// One "  count  name" line per value, counts right-aligned like `uniq -c`;
// an estimated count reads "≈1234".
void print_values(const std::vector<FacetValue>& values, std::ostream& out, bool estimated = false) {
  for (const auto& value : values) {
    const std::string count = fmt::format("{}{}", estimated ? "≈" : "", value.count);
    out << fmt::format("{:>7}  {}\n", count, index::terminal_safe(value.name));
  }
}

void print_facets(const Facets& facets, std::ostream& out) {
  const std::string_view counted = facets.estimated ? ", estimated from a sample" : "";
  for (const auto& [heading, values] : {std::pair{"actors", &facets.actors}, std::pair{"places", &facets.places},
                                       std::pair{"languages", &facets.languages}}) {
    out << fmt::format("\ntop {} (documents{}):\n", heading, counted);
    if (values->empty()) out << "      (none)\n";
    print_values(*values, out, facets.estimated);
  }
}

nlohmann::json values_json(const std::vector<FacetValue>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back({{"name", value.name}, {"count", value.count}});
  return out;
}

nlohmann::json facets_json(const Facets& facets) {
  return {{"actors", values_json(facets.actors)},
          {"places", values_json(facets.places)},
          {"langs", values_json(facets.languages)},
          {"estimated", facets.estimated}};
}

std::string dump(const nlohmann::json& document) {
  // Strings from data keep their text; control and bidi characters are escaped.
  return index::json_terminal_safe(document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// One bar of a timeline, `width` columns at most for `most`: eighths of a
// column with Unicode's block characters, whole columns of '#' without.
std::string bar(Xapian::doccount count, Xapian::doccount most, bool unicode) {
  constexpr int width = 40;
  if (most == 0 || count == 0) return {};
  const long eighths = std::max(1L, std::lround(8.0 * width * static_cast<double>(count) / static_cast<double>(most)));
  if (!unicode) return std::string(static_cast<std::size_t>(std::max(1L, (eighths + 4) / 8)), '#');
  static constexpr std::array<std::string_view, 8> partial = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  std::string out;
  for (long i = 0; i < eighths / 8; ++i) out += "█";
  out += partial[static_cast<std::size_t>(eighths % 8)];
  return out;
}

void print_timeline(const Timeline& timeline, std::ostream& out, bool unicode) {
  out << fmt::format("\nmatches per {}{}:\n", timeline.by_year ? "year" : "month",
                     timeline.undated > 0 ? fmt::format(" ({} undated, not shown)", timeline.undated) : "");
  if (timeline.periods.empty()) out << "  (no dated match)\n";
  Xapian::doccount most = 0;
  for (const auto& period : timeline.periods) most = std::max(most, period.count);
  for (const auto& period : timeline.periods) {
    out << fmt::format("  {:<7}  {:>6}  {}\n", period.name, period.count, bar(period.count, most, unicode));
  }
}

nlohmann::json timeline_json(const Timeline& timeline) {
  nlohmann::json periods = nlohmann::json::array();
  for (const auto& period : timeline.periods) periods.push_back({{"period", period.name}, {"count", period.count}});
  return {{"by", timeline.by_year ? "year" : "month"}, {"periods", periods}, {"undated", timeline.undated}};
}

}  // namespace

std::size_t terminal_width() {
  if (::isatty(STDOUT_FILENO) == 0) return 0;
  struct winsize size {};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

bool bars_wanted() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) != 0 && !(term && std::string_view(term) == "dumb");
}

void print_human(const SearchResponse& response, std::ostream& out, bool color, bool absolute, std::size_t width) {
  const auto paint = [color](std::string_view style, const std::string& text) {
    return color ? fmt::format("{}{}{}", style, text, reset) : text;
  };
  for (const auto& hit : response.hits) {
    const std::string title = hit.title.empty() ? "(untitled)" : index::terminal_safe(hit.title);
    out << fmt::format("{:>2}. {}\n", hit.rank, paint(bold, title));
    std::string where = index::terminal_safe(absolute ? hit.path : index::display_path(hit.path));
    if (!hit.date.empty()) where += "  " + hit.date;
    // English is what most archives hold: only other languages are named.
    if (!hit.language.empty() && hit.language != "en") where += "  [" + index::terminal_safe(hit.language) + "]";
    if (hit.copies > 0) where += fmt::format("  (+{} {})", hit.copies, hit.copies == 1 ? "copy" : "copies");
    out << "    " << paint(dim, where) << '\n';
    if (const std::string entities = entities_line(hit); !entities.empty()) out << "    " << entities << '\n';
    if (!hit.snippet.empty()) {
      // Wrapped to a terminal wide enough for it to help; else one line.
      const std::string snippet = shown_snippet(hit, color);
      out << "    " << (width > 4 + 20 ? index::wrap_at_spaces(snippet, width, 4, 4) : snippet) << '\n';
    }
    out << '\n';
  }
  if (response.hits.empty() && response.total > 0) {
    out << fmt::format("no results past {} ({} matches)\n", response.offset, response.total);
  } else if (response.total > 0) {
    out << fmt::format("showing {}-{} of {}{} matches", response.offset + 1,
                       response.offset + response.hits.size(), response.exact ? "" : "about ", response.total);
    // Copies were collapsed: how many files the matches are.
    if (response.files != response.total) {
      out << fmt::format(" ({}{} files)", response.files_exact ? "" : "about ", response.files);
    }
    out << '\n';
  } else {
    out << "no matches\n";
  }
  if (response.facets && response.total > 0) print_facets(*response.facets, out);
  if (response.timeline && response.total > 0) print_timeline(*response.timeline, out, bars_wanted());
}

void print_json(const SearchResponse& response, std::ostream& out, bool absolute) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& hit : response.hits) {
    results.push_back({{"rank", hit.rank},
                       {"path", absolute ? hit.path : index::display_path(hit.path)},
                       {"title", hit.title},
                       {"date", hit.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(hit.date)},
                       {"score", hit.score},
                       {"snippet", hit.snippet},
                       {"actors", hit.actors},
                       {"places", hit.places},
                       {"lang", hit.language.empty() ? nlohmann::json(nullptr) : nlohmann::json(hit.language)},
                       {"copies", hit.copies}});
  }
  nlohmann::json document = {
      {"query", response.query},
      {"total", response.total},
      {"exact", response.exact},
      {"files", response.files},
      {"offset", response.offset},
      {"results", results},
      {"facets", facets_json(response.facets.value_or(Facets{}))}};
  if (response.timeline) document["timeline"] = timeline_json(*response.timeline);
  document["suggestion"] = response.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(response.suggestion);
  out << dump(document) << '\n';
}

void print_list_human(const std::vector<FacetValue>& values, std::ostream& out) { print_values(values, out); }

void print_list_json(const std::vector<FacetValue>& values, std::string_view list, std::ostream& out) {
  out << dump({{std::string(list), values_json(values)}}) << '\n';
}

void print_files(const SearchResponse& response, std::ostream& out, bool absolute, bool nul) {
  const bool raw = nul && ::isatty(STDOUT_FILENO) == 0;
  for (const auto& hit : response.hits) {
    const std::string path = absolute ? hit.path : index::display_path(hit.path);
    out << (raw ? path : index::terminal_safe(path)) << (nul ? '\0' : '\n');
  }
}

void print_article_human(const ShownArticle& article, std::ostream& out, bool absolute) {
  out << (article.title.empty() ? "(untitled)" : index::terminal_safe(article.title)) << '\n';
  std::string where = index::terminal_safe(absolute ? article.path : index::display_path(article.path));
  if (!article.date.empty()) where += "  " + article.date;
  if (!article.language.empty()) where += fmt::format("  [{}, {}%]", index::terminal_safe(article.language),
                                                      article.language_confidence);
  out << where << '\n';
  const auto names = [](const std::vector<std::string>& list) {
    std::string line;
    for (const auto& name : list) line += (line.empty() ? "" : ", ") + index::terminal_safe(name);
    return line.empty() ? std::string("(none)") : line;
  };
  out << "actors: " << names(article.actors) << '\n' << "places: " << names(article.places) << "\n\n";
  // The text line by line: each made safe, none lost.
  std::string_view text = article.text;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    out << index::terminal_safe(std::string(text.substr(0, end))) << '\n';
    text.remove_prefix(std::min(end + 1, text.size()));
  }
}

void print_article_json(const ShownArticle& article, std::ostream& out, bool absolute) {
  out << dump({{"path", absolute ? article.path : index::display_path(article.path)},
               {"title", article.title},
               {"date", article.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.date)},
               {"lang", article.language.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.language)},
               {"actors", article.actors},
               {"places", article.places},
               {"text", article.text}})
      << '\n';
}

bool color_wanted(const std::string& when) {
  if (when == "always") return true;
  if (when == "never") return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) != 0 && !(term && std::string_view(term) == "dumb");
}

}  // namespace winnow::search
