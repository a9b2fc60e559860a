// winnow-search: parse the command line, search, print; exit 0 on matches, 1 on none, 2 on error.
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "winnow/index/indexer.hpp"
#include "winnow/search/output.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/searcher.hpp"

namespace {
constexpr int exit_no_match = 1;
constexpr int exit_error = 2;
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"winnow-search: search scraped news text indexed by winnow-index.\n"
               "Words, \"phrases\", AND OR NOT, +/-, peace*, date:2023-07-01..2023-12-31; see winnow(7)."};
  app.set_version_flag("--version", "winnow-search " WINNOW_VERSION);
  std::vector<std::string> databases, words;
  winnow::search::SearchRequest request;
  bool files = false, json = false;
  std::string color = "auto";
  app.add_option("--db", databases,
                 "Index to search; repeat to search several as one (folder, stub file or tcp://HOST:PORT)")
      ->allow_extra_args(false);
  app.add_option("--limit", request.limit, "Results to show")->default_val(request.limit);
  app.add_option("--offset", request.offset, "Skip this many results")->default_val(request.offset);
  app.add_flag("--files", files, "Print only the paths of matching files");
  app.add_flag("--json", json, "Print one JSON object");
  app.add_option("--color", color, "Highlight matches: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->default_val(color);
  app.add_option("QUERY", words, "The query")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : exit_error;
  }
  if (files && json) {
    std::cerr << "winnow-search: --files and --json cannot be combined\n";
    return exit_error;
  }
  for (const auto& word : words) request.query += (request.query.empty() ? "" : " ") + word;
  if (databases.empty()) databases.push_back(winnow::index::default_database().string());

  try {
    const Xapian::Database db = winnow::search::open_databases(databases);
    const auto response = winnow::search::run_search(db, request);
    if (json) winnow::search::print_json(response, std::cout);
    else if (files) winnow::search::print_files(response, std::cout);
    else winnow::search::print_human(response, std::cout, winnow::search::color_wanted(color));
    return response.total > 0 ? 0 : exit_no_match;
  } catch (const winnow::search::QuerySyntaxError& error) {
    std::cerr << "winnow-search: query syntax: " << error.what() << '\n';
  } catch (const winnow::search::NoIndex& error) {
    std::cerr << "winnow-search: " << error.what() << '\n';
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-search: " << error.get_description() << '\n';
  }
  return exit_error;
}
