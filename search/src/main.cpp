// winnow-search: parse the command line, search, print; exit 0 on matches, 1 on none, 2 on error.
#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "winnow/index/display.hpp"
#include "winnow/index/help.hpp"
#include "winnow/index/default_database.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/explain.hpp"
#include "winnow/search/facets.hpp"
#include "winnow/search/output.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/retry.hpp"
#include "winnow/search/searcher.hpp"

namespace {

using winnow::index::terminal_safe;
constexpr int exit_no_match = 1;
constexpr int exit_error = 2;

// What to do after the options are read.
struct Mode {
  bool files = false, json = false;
  bool absolute = false;  ///< --absolute: paths as indexed, not relative to the current folder
  bool nul = false;       ///< -0: --files paths ended by NUL bytes
  std::string show;       ///< --show PATH or RANK: one article as indexed
  bool explain = false;   ///< --explain with --show: what the filter kept and dropped, and why
  std::string list;  ///< "actors", "places", "langs" or empty
  std::string color = "auto";
  /// --list shows this many values, most documents first: all unless
  /// --limit is given (then --offset skips as many first).
  std::optional<unsigned> list_limit;
};

// Combinations the options cannot express, as one line naming the problem; empty when fine.
std::string usage_problem(const winnow::search::SearchRequest& request, const Mode& mode) {
  if (mode.files && mode.json) return "--files and --json cannot be combined";
  if (!mode.list.empty() && mode.files) return "--list and --files cannot be combined";
  if (!mode.list.empty() && request.facets) return "--list and --facets cannot be combined";
  if (mode.files && request.facets) return "--files and --facets cannot be combined";
  if (mode.files && request.timeline) return "--files and --timeline cannot be combined";
  if (mode.nul && !mode.files) return "-0 needs --files";
  if (mode.explain && mode.show.empty()) return "--explain goes with --show";
  if (!mode.show.empty() && (mode.files || !mode.list.empty() || request.facets)) {
    return "--show cannot be combined with --files, --list or --facets";
  }
  if (!winnow::search::selects_documents(request) && mode.list.empty() && mode.show.empty()) {
    return "no QUERY given (a QUERY, --actor, --place, --lang, --since, --until or --list is needed)";
  }
  // Before the index is opened: an over-long query costs nothing.
  return winnow::search::query_size_problem(request.query);
}

// --list: every actor, place or language with its number of documents, over
// the documents the query and filters select (all of them when there are none).
int list_values(winnow::search::Databases& opened, const winnow::search::SearchRequest& request, const Mode& mode) {
  using namespace winnow::search;
  Xapian::Database& db = opened.db;
  // The query is built again on each try: resolving --actor and --place names reads the index.
  const auto values = with_retries(db, [&] {
    const auto query = selects_documents(request) ? std::optional(build_query(db, request)) : std::nullopt;
    if (mode.list == "langs") return list_languages(db, query, opened.all_local);
    return list_facet(db, mode.list == "actors" ? EntityKind::actor : EntityKind::place, query, opened.all_local);
  });
  if (values.empty()) {
    if (mode.json) print_list_json(values, mode.list, std::cout);
    else print_list_human(values, std::cout);
    return exit_no_match;
  }
  std::vector<FacetValue> shown = values;
  if (mode.list_limit) {
    const std::size_t from = std::min<std::size_t>(request.offset, shown.size());
    const std::size_t to = std::min<std::size_t>(from + *mode.list_limit, shown.size());
    shown = std::vector<FacetValue>(shown.begin() + static_cast<std::ptrdiff_t>(from),
                                    shown.begin() + static_cast<std::ptrdiff_t>(to));
  }
  if (mode.json) print_list_json(shown, mode.list, std::cout);
  else print_list_human(shown, std::cout);
  return 0;
}

int search(winnow::search::Databases& opened, const winnow::search::SearchRequest& request, const Mode& mode) {
  using namespace winnow::search;
  // Everything the printers show is read here (stored fields, snippets,
  // facets), so a retry never repeats output.
  const auto response =
      with_retries(opened.db, [&] { return run_search(opened.db, request, {.local = opened.all_local}); });
  if (mode.json) print_json(response, std::cout, mode.absolute);
  else if (mode.files) print_files(response, std::cout, mode.absolute, mode.nul);
  else print_human(response, std::cout, color_wanted(mode.color), mode.absolute, terminal_width());
  if (!response.suggestion.empty()) std::cerr << "did you mean: " << terminal_safe(response.suggestion) << '\n';
  return response.total > 0 ? 0 : exit_no_match;
}

// --show --explain: winnow-index --explain on the article's file, with the
// index that holds it, so that every segment is shown kept or dropped with
// the filter's reasons, on the same evidence the index had (see explain.hpp
// for why a program of its own). It replaces this process: its output and
// exit status are the search's.
int explain_article(const winnow::search::ShownArticle& article, const std::vector<std::string>& locations,
                    const Mode& mode) {
  using namespace winnow::search;
  const std::string shown = mode.absolute ? article.path : winnow::index::display_path(article.path);
  const FileNow now = file_now(article.path, article.content_hash);
  if (!now.readable) {
    std::cerr << "winnow-search: " << terminal_safe(shown) << ": cannot be explained: " << terminal_safe(now.problem)
              << " (--show without --explain prints what was indexed)\n";
    return exit_error;
  }
  if (now.changed) {
    std::cerr << "winnow-search: " << terminal_safe(shown)
              << ": changed since it was indexed; explained as it is now\n";
  }
  const auto indexer = indexer_program();
  if (!indexer) {
    std::cerr << "winnow-search: --explain needs winnow-index, installed beside winnow-search\n";
    return exit_error;
  }
  const std::string folder = index_folder_holding(locations, article.path);
  std::vector<std::string> arguments = {indexer->string(), "--explain"};
  if (!folder.empty()) arguments.insert(arguments.end(), {"--db", folder});
  if (mode.json) arguments.emplace_back("--json");
  arguments.insert(arguments.end(), {"--", shown});
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  ::execv(argv[0], argv.data());
  std::cerr << "winnow-search: " << terminal_safe(indexer->string()) << ": " << std::strerror(errno) << '\n';
  return exit_error;
}

// --show: one article as indexed, named by its path, or by its rank among
// the results of the query and filters ("--show 2 wagner").
int show(winnow::search::Databases& opened, winnow::search::SearchRequest request, const Mode& mode,
         const std::vector<std::string>& locations) {
  using namespace winnow::search;
  const bool by_rank = !mode.show.empty() && mode.show.find_first_not_of("0123456789") == std::string::npos &&
                       selects_documents(request);
  const auto article = with_retries(opened.db, [&]() -> std::optional<ShownArticle> {
    if (!by_rank) return show_article(opened.db, mode.show);
    unsigned rank = 0;
    const auto [end, problem] = std::from_chars(mode.show.data(), mode.show.data() + mode.show.size(), rank);
    if (problem != std::errc() || rank == 0) return std::nullopt;  // too large a rank has no result either
    request.offset = static_cast<unsigned>(rank - 1);
    request.limit = 1;
    request.paths_only = true;
    const SearchResponse response = run_search(opened.db, request, {.local = opened.all_local});
    if (response.hits.empty()) return std::nullopt;
    return show_article(opened.db, response.hits.front().path);
  });
  if (!article) {
    std::cerr << "winnow-search: " << terminal_safe(mode.show)
              << (by_rank ? ": no result of that rank\n" : ": not in the index\n");
    return exit_no_match;
  }
  if (mode.explain) return explain_article(*article, locations, mode);
  if (mode.json) print_article_json(*article, std::cout, mode.absolute);
  else print_article_human(*article, std::cout, mode.absolute);
  return 0;
}

// The --db locations as an error names them: "A" or "A, B".
std::string joined(const std::vector<std::string>& locations) {
  std::string text;
  for (const auto& location : locations) text += (text.empty() ? "" : ", ") + location;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"winnow-search: search scraped news text indexed by winnow-index.\n"
               "Words, \"phrases\", AND OR NOT, +/-, peace*, date:2023-07-01..2023-12-31,\n"
               "actor:NAME, place:\"Two Words\"; see winnow(7)."};
  app.set_version_flag("-V,--version", winnow::index::schema::version_line("winnow-search"));
  // One line naming the problem, like the program's other errors.
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    return "winnow-search: " + terminal_safe(error.what()) + " (see --help)\n";
  });
  std::vector<std::string> databases, words;
  winnow::search::SearchRequest request;
  Mode mode;
  app.add_option("--db", databases,
                 "Index to search; repeat to search several as one (folder, stub file or tcp://HOST:PORT)")
      ->allow_extra_args(false)->option_text("DIR");
  app.add_option("--actor", request.actors,
                 "Only articles naming this person or organisation (aliases resolve); repeat: all of them")
      ->allow_extra_args(false)->option_text("NAME");
  app.add_option("--place", request.places, "Only articles naming this place; repeat: all of them")
      ->allow_extra_args(false)->option_text("NAME");
  app.add_option("--lang", request.languages,
                 "Only articles in this language (ISO 639-1 code, e.g. de; und: not identified); repeat: any of them")
      ->allow_extra_args(false)->option_text("CODE")
      ->transform([](std::string code) {
        for (char& c : code) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        return code;
      });
  app.add_option("--since", request.since, "Only articles dated on or after DATE (2023, 2023-07 or 2023-07-01)")
      ->option_text("DATE");
  app.add_option("--until", request.until, "Only articles dated on or before DATE (its last day for 2023 or 2023-07)")
      ->option_text("DATE");
  std::string order = "relevance";
  app.add_option("--sort", order, "relevance, date (oldest first) or -date (newest first); undated articles last")
      ->check(CLI::IsMember({"relevance", "date", "-date"}))
      ->option_text("ORDER");
  app.add_flag("--timeline", request.timeline,
               "After the results, the matches per month (per year over more than three years) as a bar chart");
  bool all_copies = false;
  app.add_flag("--all-copies", all_copies, "Show every file of a story, not its best-ranked copy alone");
  app.add_flag("--facets", request.facets,
               "Also show the top actors, places and languages of all matches, with counts (estimated from a "
               "sample above 1,000 matches)");
  app.add_option("--list", mode.list,
                 "Print every actor, place or language with its number of articles, not articles: actors, "
                 "places or langs")
      ->check(CLI::IsMember({"actors", "places", "langs"}))
      ->option_text("KIND");
  // Ranges a user can mean; together they stay far inside Xapian's 32-bit document counts.
  CLI::Option* limit =
      app.add_option("--limit", request.limit, "Results (or --list values) to show, 0 to 1000000 (default: 10)")
          ->default_val(request.limit)->check(CLI::Range(0u, 1'000'000u))->option_text("N");
  app.add_option("--offset", request.offset, "Skip this many results, up to 1000000000 (default: 0)")
      ->default_val(request.offset)->check(CLI::Range(0u, 1'000'000'000u))->option_text("N");
  app.add_flag("--files", mode.files, "Print only the paths of matching files");
  app.add_flag("-0,--null", mode.nul, "With --files: end each path with a NUL byte, for xargs -0");
  app.add_option("--show", mode.show,
                 "Print the article indexed from PATH as indexed (title, date, language, actors, places, "
                 "cleaned text); a number N with a QUERY: its Nth result")
      ->option_text("PATH|N");
  app.add_flag("--explain", mode.explain,
               "With --show: every segment of the article's file, kept or dropped, with the filter's reasons "
               "(runs winnow-index --explain)");
  app.add_flag("--absolute", mode.absolute, "Print absolute paths, not paths relative to the current folder");
  app.add_flag("--json", mode.json, "Print one JSON object");
  app.add_option("--color", mode.color, "Highlight matches: auto (on a terminal, the default), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->default_val(mode.color)->option_text("WHEN");
  winnow::search::OpenPolicy policy;
  app.add_flag("--allow-stub-programs", policy.stub_programs,
               "Start the program a stub file's 'remote :PROGRAM' line names (refused otherwise: a stub "
               "file or index folder from someone else could run anything)");
  app.add_option("QUERY", words,
                 "The query (may be left out with --actor, --place, --lang, --since, --until or --list); at most " +
                     std::to_string(winnow::search::query_limits.words) + " words and " +
                     std::to_string(winnow::search::query_limits.bytes / 1024) + " KiB");
  winnow::index::use_help_formatter(app,
                                    "Exit status:\n"
                                    "  0  something matched (or was listed, or shown)\n"
                                    "  1  nothing matched\n"
                                    "  2  an error: a bad option or query, no index, an index that cannot be read\n"
                                    "See winnow-search(1) and winnow(7).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : exit_error;
  }
  for (const auto& word : words) request.query += (request.query.empty() ? "" : " ") + word;
  request.order = order == "date"    ? winnow::search::SearchRequest::Order::oldest
                  : order == "-date" ? winnow::search::SearchRequest::Order::newest
                                     : winnow::search::SearchRequest::Order::relevance;
  for (const auto& [option, date] : {std::pair{"--since", &request.since}, std::pair{"--until", &request.until}}) {
    try {
      if (!date->empty()) (void)winnow::search::date_span(*date);
    } catch (const winnow::search::QuerySyntaxError& error) {
      std::cerr << "winnow-search: " << option << ": " << terminal_safe(error.what()) << '\n';
      return exit_error;
    }
  }
  if (const std::string problem = usage_problem(request, mode); !problem.empty()) {
    std::cerr << "winnow-search: " << terminal_safe(problem) << '\n';
    return exit_error;
  }
  request.paths_only = mode.files;
  if (limit->count() > 0) mode.list_limit = request.limit;
  request.collapse_copies = !all_copies;

  try {
    if (databases.empty()) databases.push_back(winnow::index::default_database().string());
    winnow::search::Databases opened = winnow::search::open_databases(databases, policy);
    if (!mode.show.empty()) return show(opened, request, mode, databases);
    return mode.list.empty() ? search(opened, request, mode) : list_values(opened, request, mode);
  } catch (const winnow::search::QuerySyntaxError& error) {
    std::cerr << "winnow-search: query syntax: " << terminal_safe(error.what()) << '\n';
  } catch (const winnow::search::NoIndex& error) {
    std::cerr << "winnow-search: " << terminal_safe(error.what()) << '\n';
  } catch (const winnow::search::IndexKeptChanging& error) {
    std::cerr << "winnow-search: " << terminal_safe(joined(databases)) << ": " << terminal_safe(error.what()) << '\n';
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-search: " << terminal_safe(error.get_description()) << '\n';
  } catch (const std::exception& error) {
    // Whatever else (a std::filesystem error, an allocation failing) is an
    // error line too, not an abort.
    std::cerr << "winnow-search: " << terminal_safe(error.what()) << '\n';
  }
  return exit_error;
}
