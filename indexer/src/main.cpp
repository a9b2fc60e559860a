// winnow-index: parse the command line, run the indexer or --explain, map errors to exit statuses.
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include "walk.hpp"
#include "winnow/filters/language_data.hpp"
#include "winnow/index/display.hpp"
#include "winnow/index/explain.hpp"
#include "winnow/index/help.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/index/indexer.hpp"

namespace {

using winnow::index::terminal_safe;

constexpr int exit_fatal = 1;
constexpr int exit_usage = 2;

void note(const std::string& path, const std::string& problem) {
  std::cerr << "winnow-index: " << terminal_safe(path) << ": " << terminal_safe(problem) << '\n';
}

// --explain indexes nothing: it runs the per-document stages on each file and
// prints them, with the repetition evidence of `index` when there is one.
// Each FILE is read as a run reads it (regular files only, at most
// `max_bytes`), but a link is followed wherever it leads: the user named it.
int explain(const std::vector<std::filesystem::path>& files, bool json, const std::filesystem::path& index,
            std::uint64_t max_bytes, const std::string& default_language) {
  using namespace winnow::index;
  int status = 0;
  const auto every_link = detail::LinkPolicy::every_link();
  for (const auto& path : files) {
    std::string bytes, problem;
    if (!detail::read_file(path.string(), max_bytes, every_link, bytes, problem)) {
      note(path.string(), problem);
      status = exit_fatal;
      continue;
    }
    const FileInfo file{std::filesystem::absolute(path).lexically_normal().string(), 0, bytes.size()};
    const ExplainedFile explained = explain_file(file, bytes, index, default_language);
    if (!explained.prepared.document) {
      note(path.string(), explained.prepared.problem);
      status = exit_fatal;
      continue;
    }
    const std::string shown = path.string();
    const RepetitionEvidence* evidence = explained.evidence ? &*explained.evidence : nullptr;
    std::cout << (json ? explain_json(*explained.prepared.document, shown, evidence) + "\n"
                       : explain_text(*explained.prepared.document, shown, evidence));
  }
  return status;
}

// The index --explain reads: --db's, else the default one if there is one
// (--explain never creates an index).
std::filesystem::path explain_index(const std::string& db) {
  const std::filesystem::path index = db.empty() ? winnow::index::default_database() : std::filesystem::path(db);
  std::error_code error;
  if (std::filesystem::exists(index / "iamglass", error)) return index;
  if (!db.empty()) throw std::invalid_argument("no index at " + db + " for --explain to read");
  return {};
}

// libxapian 1.4 can end a commit in std::terminate when the disk fills at
// one point of it (an exception thrown while it unwinds another, seen on a
// small tmpfs: tests/e2e/t170). Xapian's commits are atomic, so what was
// committed before is kept and the next run resumes it; say so in the
// program's one-line form and exit 1 instead of aborting.
std::string g_terminate_index, g_terminate_folder;

[[noreturn]] void on_terminate() {
  struct statvfs disk {};
  const bool full = ::statvfs(g_terminate_folder.c_str(), &disk) == 0 &&
                    static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize < (1u << 20);
  std::fprintf(stderr, "winnow-index: %s: %s; what was committed is kept, and the next run resumes it\n",
               g_terminate_index.c_str(),
               full ? "No space left on device (libxapian stopped in the middle of a commit)"
                    : "libxapian stopped in the middle of a commit");
  std::_Exit(exit_fatal);
}

// On a terminal, one line that each report overwrites: the phase, the
// files done of its total, the rate and the time left.
void show_progress(const winnow::index::IndexProgress& progress) {
  static std::string phase;
  static auto phase_started = std::chrono::steady_clock::now();
  if (progress.phase != phase) {
    phase = progress.phase;
    phase_started = std::chrono::steady_clock::now();
  }
  std::string line = "winnow-index: " + phase;
  if (progress.total > 0) {
    line += fmt::format(" {} of {} files", progress.done, progress.total);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - phase_started).count();
    if (seconds > 0.5 && progress.done > 0) {
      const double rate = static_cast<double>(progress.done) / seconds;
      const double left = static_cast<double>(progress.total - std::min(progress.done, progress.total)) / rate;
      line += fmt::format(", {:.0f} files/s, about {:.0f} s left", rate, left);
    }
  } else if (progress.done > 0) {
    line += fmt::format(" ({} files)", progress.done);
  }
  std::cerr << "\r\033[K" << line << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"winnow-index: index scraped news text for winnow-search.\n"
               "Indexes files and folders; run again to pick up new, changed and deleted files."};
  app.set_version_flag("-V,--version", winnow::index::schema::version_line("winnow-index"));
  // One line naming the problem, like the program's other errors.
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    return "winnow-index: " + terminal_safe(error.what()) + " (see --help)\n";
  });
  winnow::index::IndexOptions options;
  std::string db;
  bool explain_mode = false, json = false;
  std::uint64_t max_mib = options.max_file_bytes >> 20;
  app.add_option("--db", db, "Index folder (default: $WINNOW_DB, $XDG_DATA_HOME/winnow, ~/.local/share/winnow)")
      ->option_text("DIR");
  app.add_flag("--rebuild", options.rebuild, "Start from an empty index");
  app.add_flag("--explain", explain_mode, "Index nothing; show each segment's label, score and reasons");
  app.add_flag("--json", json, "With --explain: one JSON object per file");
  // At most 1 TiB: the limit in bytes, max_mib << 20, must fit in 64 bits
  // (2^44 MiB wrapped to 0, and every file was "too large").
  constexpr std::uint64_t max_size_mib = std::uint64_t{1} << 20;
  app.add_option("--max-size", max_mib, "Skip files larger than this many MiB, 1 to 1048576 (default: 16)")
      ->default_val(max_mib)->check(CLI::Range(std::uint64_t{1}, max_size_mib))->option_text("MIB");
  app.add_flag("--follow-symlinks", options.follow_symlinks,
               "Also follow symbolic links that lead outside the roots being indexed");
  // A batch's postings are held in memory until its commit (about 100 MiB
  // per 1,000 files on an incremental run: docs/benchmarks.md).
  app.add_option("--batch", options.batch_files, "Files per Xapian transaction, 1 to 100000 (default: 1000)")
      ->default_val(options.batch_files)->check(CLI::Range(1u, 100'000u))->option_text("N");
  app.add_option("--jobs,-j", options.jobs,
                 "Worker threads for reading and analysing files, 1 to 256 (default: the cores)")
      ->default_val(options.jobs)->check(CLI::Range(1u, 256u))->option_text("N");
  app.add_option("--lang", options.default_language,
                 "Language of articles whose language cannot be identified (too short, mixed): an ISO 639-1 "
                 "code; their words are stemmed in it (default: en)")
      ->default_val(options.default_language)->option_text("CODE")
      ->check(CLI::Validator(
          [](const std::string& code) {
            const bool letters = std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
            return letters && code.size() >= 2 && code.size() <= 3 ? std::string()
                                                                   : "not a language code (two or three small letters)";
          },
          "CODE"));
  bool list_roots = false;
  app.add_flag("--roots", list_roots, "List the folders and files the index remembers, one a line, and exit");
  std::string forget;
  app.add_option("--forget", forget, "Drop this remembered root, and its documents, from the index")
      ->option_text("PATH");
  app.add_option("PATH", options.paths, "Files and folders to index (default: the remembered ones)");
  winnow::index::use_help_formatter(app,
                                    "Exit status:\n"
                                    "  0  done (files that could not be read are notes on stderr, and skipped)\n"
                                    "  1  a fatal error: the index is locked by another run, or cannot be written\n"
                                    "  2  a usage error: an unknown option, a bad value, a PATH that does not exist\n"
                                    "See winnow-index(1) and winnow(7).");
  try {
    app.parse(argc, argv);
    if (json && !explain_mode) throw CLI::ValidationError("--json", "--json goes with --explain");
    if (explain_mode && options.paths.empty()) throw CLI::ValidationError("--explain", "--explain needs FILE...");
    if ((list_roots || !forget.empty()) && (!options.paths.empty() || explain_mode || options.rebuild))
      throw CLI::ValidationError(list_roots ? "--roots" : "--forget", "goes with no PATH, --explain or --rebuild");
    if (list_roots && !forget.empty()) throw CLI::ValidationError("--roots", "--roots and --forget cannot be combined");
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : exit_usage;
  }
  // Without English's lists the boilerplate filter reads no page right:
  // refuse rather than index badly cleaned text.
  if (!winnow::filters::language_data_found()) {
    std::cerr << "winnow-index: " << terminal_safe(winnow::filters::language_data_folder().string())
              << ": no language data (en/stopwords.txt); set WINNOW_LANG_DIR to winnow's lang folder\n";
    return exit_usage;
  }
  if (explain_mode) {
    try {
      return explain(options.paths, json, explain_index(db), max_mib << 20, options.default_language);
    } catch (const std::invalid_argument& error) {
      std::cerr << "winnow-index: " << terminal_safe(error.what()) << '\n';
      return exit_usage;
    } catch (const Xapian::Error& error) {
      std::cerr << "winnow-index: " << terminal_safe(db) << ": " << terminal_safe(error.get_description()) << '\n';
      return exit_fatal;
    }
  }

  options.max_file_bytes = max_mib << 20;
  options.database = db.empty() ? winnow::index::default_database() : std::filesystem::path(db);
  {
    const std::filesystem::path parent = options.database.parent_path();
    g_terminate_folder = (parent.empty() ? std::filesystem::path(".") : parent).string();
    g_terminate_index = terminal_safe(options.database.string());
  }
  std::set_terminate(on_terminate);
  winnow::index::IndexReporter reporter;
  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  reporter.note = [terminal](const std::string& path, const std::string& problem) {
    if (terminal) std::cerr << "\r\033[K";
    note(path, problem);
  };
  if (terminal) reporter.progress = show_progress;
  try {
    if (list_roots) {
      for (const auto& root : winnow::index::remembered_roots(options.database)) std::cout << terminal_safe(root) << '\n';
      return 0;
    }
    const auto summary = forget.empty() ? winnow::index::run_index(options, reporter)
                                        : winnow::index::forget_root(options, forget, reporter);
    if (terminal) std::cerr << "\r\033[K";
    std::cerr << winnow::index::summary_line(summary) << '\n';
    return 0;
  } catch (const std::invalid_argument& error) {
    std::cerr << "winnow-index: " << terminal_safe(error.what()) << '\n';
    return exit_usage;
  } catch (const winnow::index::IndexLocked& error) {
    std::cerr << "winnow-index: " << terminal_safe(error.what()) << '\n';
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-index: " << terminal_safe(options.database.string()) << ": "
              << terminal_safe(error.get_description()) << '\n';
  } catch (const std::filesystem::filesystem_error& error) {
    // "PATH: File name too long", not the library's "filesystem error: status: ...".
    const std::string path = error.path1().empty() ? options.database.string() : error.path1().string();
    std::cerr << "winnow-index: " << terminal_safe(path) << ": " << error.code().message() << '\n';
  } catch (const std::exception& error) {
    std::cerr << "winnow-index: " << terminal_safe(error.what()) << '\n';
  }
  return exit_fatal;
}
