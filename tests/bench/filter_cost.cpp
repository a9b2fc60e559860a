// winnow-bench-filter: what the boilerplate filter costs next to a full index run.
//
// Usage: winnow-bench-filter [--runs N] CORPUS_DIR
//
// Reads every text file under CORPUS_DIR into memory once (not timed), then
// times each per-document stage over all files: decode, segment, classify
// (with corpus repetition counts answered from a hash map filled by an
// untimed first pass, the lookup counted inside classify) and
// build_document. Then times index::run_index into a fresh temporary
// database over the folder. Every figure is the best of N runs (3) to keep
// a shared machine's noise out. Prints a table and the key line
//   cleaning (classify) = X.X% of indexing time (N docs, full index Y.YY s)
// tests/bench/filter_cost builds, generates the 10k corpus and runs this.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <unistd.h>

#include <xapian.h>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/decode.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/indexer.hpp"
#include "winnow/index/prepare.hpp"

namespace fs = std::filesystem;
namespace filters = winnow::filters;
namespace windex = winnow::index;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The files the indexer's walker takes: .txt, .text or no extension, not hidden.
bool is_text_name(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name.front() == '.') return false;
  const std::string extension = path.extension().string();
  return extension.empty() || extension == ".txt" || extension == ".text";
}

struct InputFile {
  windex::FileInfo info;
  std::string bytes;
};

std::vector<InputFile> read_corpus(const fs::path& root) {
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && is_text_name(it->path())) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<InputFile> files;
  files.reserve(paths.size());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    InputFile file;
    file.info.path = fs::absolute(path).lexically_normal().string();
    file.info.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             fs::last_write_time(path).time_since_epoch()).count();
    file.bytes = std::move(buffer).str();
    file.info.size = file.bytes.size();
    files.push_back(std::move(file));
  }
  return files;
}

/// Fingerprint counts over the corpus, as the index's stored counts
/// give them once every file is in: documents holding each fingerprint.
/// corpus_count answers "how many OTHER documents", so a document's own
/// fingerprints are kept to subtract itself, like the indexer does for a
/// re-cleaned document.
struct RepetitionCounts {
  std::unordered_map<std::uint64_t, std::uint32_t> holders;
  std::vector<std::vector<std::uint64_t>> own;  ///< per document, sorted, unique

  [[nodiscard]] filters::ClassifyContext context_for(std::size_t document) const {
    filters::ClassifyContext context;
    context.corpus_count = [this, document](std::uint64_t fingerprint) -> std::uint32_t {
      const auto found = holders.find(fingerprint);
      if (found == holders.end()) return 0;
      const auto& mine = own[document];
      const bool holds = std::binary_search(mine.begin(), mine.end(), fingerprint);
      return found->second - (holds ? 1u : 0u);
    };
    return context;
  }
};

// Untimed first pass: decode, segment, classify without corpus knowledge and
// count the fingerprints of every segment classify returns (what the index stores).
RepetitionCounts count_fingerprints(const std::vector<InputFile>& files) {
  RepetitionCounts counts;
  counts.own.resize(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const filters::DecodeResult decoded = filters::decode(files[i].bytes);
    if (!decoded.decoded) continue;
    auto& mine = counts.own[i];
    for (const auto& segment : filters::classify(filters::segment(decoded.decoded->text)))
      if (segment.fingerprint) mine.push_back(*segment.fingerprint);
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (const std::uint64_t fingerprint : mine) ++counts.holders[fingerprint];
  }
  return counts;
}

struct Best {
  double seconds = std::numeric_limits<double>::infinity();
  void add(double s) { seconds = std::min(seconds, s); }
};

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "winnow-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
  return pattern;
}

void usage() {
  std::fprintf(stderr, "usage: winnow-bench-filter [--runs N] CORPUS_DIR\n");
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  fs::path corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (corpus.empty() && !arg.starts_with("-")) {
      corpus = arg;
    } else {
      usage();
      return 2;
    }
  }
  if (corpus.empty() || !fs::is_directory(corpus)) {
    usage();
    return 2;
  }

  try {
    const std::vector<InputFile> files = read_corpus(corpus);
    std::uint64_t total_bytes = 0;
    for (const auto& file : files) total_bytes += file.bytes.size();
    std::printf("corpus: %s: %zu files, %.1f MB (read into memory, not timed)\n", corpus.c_str(), files.size(),
                static_cast<double>(total_bytes) / 1e6);
    std::fflush(stdout);

    const RepetitionCounts counts = count_fingerprints(files);
    std::size_t repeated = 0;
    for (const auto& [fingerprint, holders] : counts.holders) repeated += holders - 1 >= filters::repetition_threshold;
    std::printf("first pass: %zu distinct fingerprints, %zu held by >= %u documents (not timed)\n",
                counts.holders.size(), repeated, filters::repetition_threshold + 1);
    std::fflush(stdout);

    // Inputs of each stage, produced untimed once: a stage is timed on its own.
    std::vector<std::string> texts(files.size());
    std::vector<std::vector<filters::Segment>> segmented(files.size());
    std::vector<windex::PreparedDocument> prepared;
    std::size_t not_text = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      filters::DecodeResult decoded = filters::decode(files[i].bytes);
      if (!decoded.decoded) {
        ++not_text;
        continue;
      }
      texts[i] = std::move(decoded.decoded->text);
      segmented[i] = filters::segment(texts[i]);
      windex::PrepareResult result = windex::prepare_document(files[i].info, files[i].bytes, counts.context_for(i));
      if (result.document) prepared.push_back(std::move(*result.document));
    }
    std::size_t boilerplate = 0, segments = 0;
    for (const auto& document : prepared) {
      segments += document.segments.size();
      for (const auto& segment : document.segments) boilerplate += segment.label == filters::Label::boilerplate;
    }
    std::printf("documents: %zu prepared (%zu not text), %zu segments, %.1f%% boilerplate\n\n", prepared.size(),
                not_text, segments, segments ? 100.0 * static_cast<double>(boilerplate) / static_cast<double>(segments) : 0.0);
    std::fflush(stdout);

    Best decode_time, segment_time, classify_time, prepare_time, build_time, index_time;
    std::size_t sink = 0;  // keeps results observable
    windex::IndexSummary last_summary;
    std::uint64_t notes = 0;
    const fs::path temp = make_temp_dir();

    for (int run = 0; run < runs; ++run) {
      {  // decode
        std::vector<filters::DecodeResult> out;
        out.reserve(files.size());
        const auto start = Clock::now();
        for (const auto& file : files) out.push_back(filters::decode(file.bytes));
        decode_time.add(seconds_since(start));
        sink += out.size();
      }
      {  // segment
        std::vector<std::vector<filters::Segment>> out;
        out.reserve(files.size());
        const auto start = Clock::now();
        for (const auto& text : texts) out.push_back(filters::segment(text));
        segment_time.add(seconds_since(start));
        sink += out.size();
      }
      {  // classify, with the repetition lookup
        std::vector<std::vector<filters::Segment>> in = segmented;  // copied untimed: classify takes its input by value
        std::vector<std::vector<filters::Segment>> out;
        out.reserve(files.size());
        const auto start = Clock::now();
        for (std::size_t i = 0; i < in.size(); ++i) out.push_back(filters::classify(std::move(in[i]), counts.context_for(i)));
        classify_time.add(seconds_since(start));
        sink += out.size();
      }
      {  // the whole per-document pipeline, as the indexer calls it (check on the sum above)
        std::vector<windex::PrepareResult> out;
        out.reserve(files.size());
        const auto start = Clock::now();
        for (std::size_t i = 0; i < files.size(); ++i) {
          out.push_back(windex::prepare_document(files[i].info, files[i].bytes, counts.context_for(i)));
        }
        prepare_time.add(seconds_since(start));
        sink += out.size();
      }
      {  // Xapian document building
        std::vector<Xapian::Document> out;
        out.reserve(prepared.size());
        const auto start = Clock::now();
        for (const auto& document : prepared) out.push_back(windex::build_document(document));
        build_time.add(seconds_since(start));
        sink += out.size();
      }
      {  // a real full index run into a fresh database
        const fs::path database = temp / ("db-" + std::to_string(run));
        windex::IndexReporter reporter;
        notes = 0;
        reporter.note = [&notes](const std::string&, const std::string&) { ++notes; };
        const auto start = Clock::now();
        last_summary = windex::run_index(windex::IndexOptions{database, {corpus}}, reporter);
        index_time.add(seconds_since(start));
        fs::remove_all(database);
      }
      std::fflush(stdout);
      std::fprintf(stderr, "run %d of %d done\n", run + 1, runs);
    }
    fs::remove_all(temp);

    const double index = index_time.seconds;
    const auto share = [index](double s) { return 100.0 * s / index; };
    const auto row = [&](const char* stage, double s) {
      std::printf("  %-36s %9.3f %9.1f%%\n", stage, s, share(s));
    };
    std::printf("best of %d runs; share = stage time / full index run time\n", runs);
    std::printf("  %-36s %9s %10s\n", "stage", "seconds", "share");
    row("decode", decode_time.seconds);
    row("segment", segment_time.seconds);
    row("classify (incl. repetition lookup)", classify_time.seconds);
    row("build_document", build_time.seconds);
    row("prepare_document (decode..classify)", prepare_time.seconds);
    row("full index run (run_index)", index);
    std::printf("full index (last run): %s%s\n", windex::summary_line(last_summary).c_str(),
                notes ? (", " + std::to_string(notes) + " notes").c_str() : "");
    std::printf("filter stages (decode + segment + classify) = %.1f%% of indexing time\n",
                share(decode_time.seconds + segment_time.seconds + classify_time.seconds));
    std::printf("\ncleaning (classify) = %.1f%% of indexing time (%zu docs, full index %.2f s)\n",
                share(classify_time.seconds), prepared.size(), index);
    return sink == 0 ? 1 : 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "winnow-bench-filter: %s\n", error.what());
    return 1;
  }
}
