// winnow-bench-write: what each term family costs to write (issue #6).
//
// Usage: winnow-bench-write CORPUS_DIR [--runs N] [--batch N] [--sweep LIST]
//
// Reads the files winnow-index would take under CORPUS_DIR (its own walker
// and reader) into memory and runs winnow's per-document stages on them,
// untimed, the way a first run of winnow-index ends up classifying them:
// once to count every segment fingerprint over the corpus, then again with
// those counts (index::prepare_document with the indexer's repetition
// tracker), so repeated boilerplate is labelled as in the product's index.
//
// Then, for each variant of the index schema (the product's
// index::build_document as-is, and the product with one term family added
// back or taken out), builds the Xapian documents (timed on their own) and
// writes them into a fresh on-disk database the way winnow-index's
// incremental writer does (add_document in transactions of --batch
// documents, default 1000, then a final commit), timing only the writing.
// (A first run writes parts of at most --batch files in parallel, one commit
// each, and compacts them into one index: the same documents, so the same
// shares per family.) It reports, per variant, the best of N runs (3) of
// build user CPU, write user CPU and write wall time, the database's size
// (bytes of its files, as `du -sb`) before and after Xapian compaction
// (DBCOMPACT_NO_RENUMBER, as winnow-index does after a first run), its
// distinct terms and postings, and the positions the documents hold.
//
// Then the sweep: the product's documents written with each batch size of
// LIST (default 500,1000,2000,5000,10000; "none" skips it), best of N, with
// the resident memory each write adds at its peak (the writer's own share;
// tests/bench/write_cost runs winnow-index under /usr/bin/time -v for the
// whole product's peak RSS per batch size).
//
// How the variants are made, so that each is the product's document plus or
// minus one family and as little of document.cpp as possible is copied:
//  - content words: build_document of the document with every segment
//    labelled boilerplate gives the product without its content words;
//    add_words() then adds them the variant's way. add_words is the one copy
//    of document.cpp (its add_content_terms), checked at start: with
//    positional stems it must rebuild build_document's documents exactly,
//    or the bench warns and exits 3;
//  - fingerprints: the same with no segments at all (segments feed only the
//    content words and the fingerprints);
//  - stored text: build_document with the document's cleaned content empty;
//  - entity terms and values: build_document's documents with those terms,
//    or every value slot, taken out afterwards, untimed (so the build time
//    of those two variants still includes making them).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <xapian.h>

#include "repetition.hpp"  // indexer/src: the indexer's corpus repetition counts
#include "walk.hpp"        // indexer/src: the indexer's file walker and reader
#include "winnow/filters/text.hpp"
#include "winnow/index/document.hpp"
#include "winnow/index/indexer.hpp"
#include "winnow/index/prepare.hpp"
#include "winnow/index/schema.hpp"

namespace fs = std::filesystem;
namespace filters = winnow::filters;
namespace windex = winnow::index;
namespace schema = winnow::index::schema;

namespace {

// ---------------------------------------------------------------------------
// Timing: wall time and this process's user and system CPU. Xapian writes on
// the calling thread, so on a shared machine user CPU is the steadier figure
// and wall - user - sys is mostly waiting for the disk (commits fsync).

struct Cost {
  double wall = 0, user = 0, sys = 0;
};

double cpu_seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

class Stopwatch {
 public:
  Stopwatch() : m_start(std::chrono::steady_clock::now()) { getrusage(RUSAGE_SELF, &m_usage); }
  [[nodiscard]] Cost elapsed() const {
    rusage now{};
    getrusage(RUSAGE_SELF, &now);
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(),
            cpu_seconds(now.ru_utime) - cpu_seconds(m_usage.ru_utime),
            cpu_seconds(now.ru_stime) - cpu_seconds(m_usage.ru_stime)};
  }

 private:
  std::chrono::steady_clock::time_point m_start;
  rusage m_usage{};
};

/// Best of N, each figure on its own: the least disturbed run of each.
struct Best {
  Cost cost{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::infinity()};
  void add(const Cost& c) {
    cost.wall = std::min(cost.wall, c.wall);
    cost.user = std::min(cost.user, c.user);
    cost.sys = std::min(cost.sys, c.sys);
  }
};

// ---------------------------------------------------------------------------
// Input: what winnow-index reads and how a first run labels it.

/// A prepared document and, for the variants, its segments all labelled
/// boilerplate (build_document then adds no content words, the rest as is).
struct Input {
  windex::PreparedDocument prepared;
  std::vector<filters::Segment> no_content;
};

struct Corpus {
  std::vector<Input> inputs;
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  double prepare_seconds = 0;  ///< both passes, wall
};

/// The files winnow-index takes under `root`, in its walk order, prepared
/// with the corpus's repetition counts as a first run leaves them: a first
/// pass counts every fingerprint (as the writer's tracker does while
/// writing), a second classifies each file with the final counts of the
/// other files (as the indexer's re-clean does for the files whose first
/// classification saw too low a count).
Corpus read_corpus(const fs::path& root) {
  std::vector<windex::FileInfo> found;
  const std::string walked = fs::absolute(root).lexically_normal().string();
  const windex::detail::LinkPolicy links({walked}, false);
  windex::detail::FileWalker walker([&](const windex::FileInfo& file) { found.push_back(file); },
                                    [](const windex::FileInfo& entry, const std::string& problem,
                                       windex::detail::SkipKind) {
                                      std::fprintf(stderr, "%s: %s\n", entry.path.c_str(), problem.c_str());
                                    },
                                    links);
  walker.walk_root(walked);

  const Stopwatch watch;
  Corpus corpus;
  corpus.files = found.size();
  std::vector<std::string> bytes(found.size());
  const std::uint64_t max_file_bytes = windex::IndexOptions{}.max_file_bytes;  // winnow-index's default
  for (std::size_t i = 0; i < found.size(); ++i) {
    std::string problem;
    if (!windex::detail::read_file(found[i].path, max_file_bytes, links, bytes[i], problem)) {
      throw std::runtime_error(found[i].path + ": " + problem);
    }
    corpus.bytes += bytes[i].size();
  }
  windex::detail::RepetitionTracker tracker("");
  std::vector<std::vector<windex::detail::Fingerprint>> fingerprints(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    windex::detail::RepetitionTracker::Answers answers;
    const auto docid = static_cast<Xapian::docid>(i + 1);
    const windex::PrepareResult first =
        windex::prepare_document(found[i], bytes[i], tracker.context_for(docid, found[i].path, {}, answers));
    if (!first.document) continue;
    Xapian::Document document = windex::build_document(*first.document);
    windex::detail::RepetitionTracker::stamp(document, answers);
    tracker.document_written(docid, document, answers);
    fingerprints[i] = windex::detail::fingerprints_of(document);
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    windex::detail::RepetitionTracker::Answers answers;
    windex::PrepareResult result =
        windex::prepare_document(found[i], bytes[i],
                                 tracker.context_for(static_cast<Xapian::docid>(i + 1), found[i].path,
                                                     std::move(fingerprints[i]), answers));
    if (!result.document) {
      std::fprintf(stderr, "%s: %s\n", found[i].path.c_str(), result.problem.c_str());
      continue;
    }
    Input input{std::move(*result.document), {}};
    input.no_content = input.prepared.segments;
    for (auto& segment : input.no_content) segment.label = filters::Label::boilerplate;
    corpus.inputs.push_back(std::move(input));
  }
  corpus.prepare_seconds = watch.elapsed().wall;
  return corpus;
}

// ---------------------------------------------------------------------------
// Variants.

/// How content words become terms.
enum class Words {
  stems,                    ///< the product: Z+stem with positions (Xapian STEM_ALL_Z)
  stems_without_positions,  ///< Z+stem, wdf only: no phrase or NEAR search
  unstemmed,                ///< the word with positions, no stem (Xapian STEM_NONE)
  stem_some,                ///< the word with positions + Z+stem without (Xapian STEM_SOME; schema 2)
};

// Schema 2 gave numbers no stem term (document.cpp before commit 712dfa2).
bool has_letter(std::string_view term) {
  return std::any_of(term.begin(), term.end(), [](char c) { return !(c >= '0' && c <= '9') && c != ',' && c != '.'; });
}

void add_word(Xapian::Document& document, const filters::Token& token, Words words) {
  thread_local const Xapian::Stem stemmer("english");
  switch (words) {
    case Words::stems:
      document.add_posting(schema::prefixed(schema::stem_prefix, stemmer(token.term)), token.position);
      return;
    case Words::stems_without_positions:
      document.add_term(schema::prefixed(schema::stem_prefix, stemmer(token.term)));
      return;
    case Words::stem_some:
      if (has_letter(token.term)) document.add_term(schema::prefixed(schema::stem_prefix, stemmer(token.term)));
      [[fallthrough]];
    case Words::unstemmed:
      document.add_posting(token.term, token.position);
      return;
  }
}

/// The copy of document.cpp's add_content_terms: the content segments'
/// tokens, numbered from 1 with a one-position gap after each segment.
void add_words(Xapian::Document& document, const std::vector<filters::Segment>& segments, Words words) {
  std::uint32_t next = 1;
  for (const auto& segment : segments) {
    if (segment.label != filters::Label::content) continue;
    for (const auto& token : filters::tokenise(segment.text, next)) {
      add_word(document, token, words);
      next = token.position + 1;
    }
    ++next;
  }
}

/// build_document with `segments` standing in for the document's own.
Xapian::Document build_with_segments(Input& input, std::vector<filters::Segment>& segments) {
  std::swap(input.prepared.segments, segments);
  Xapian::Document document = windex::build_document(input.prepared);
  std::swap(input.prepared.segments, segments);
  return document;
}

/// The product with its content words made the given way.
Xapian::Document with_words(Input& input, Words words) {
  Xapian::Document document = build_with_segments(input, input.no_content);
  add_words(document, input.prepared.segments, words);
  return document;
}

/// Removes every term that starts with one of the prefixes.
void remove_terms(Xapian::Document& document, const std::vector<std::string_view>& prefixes) {
  std::vector<std::string> doomed;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string name = *term;
    if (std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return name.starts_with(p); })) {
      doomed.push_back(name);
    }
  }
  for (const auto& term : doomed) document.remove_term(term);
}

struct Variant {
  const char* name;  ///< the table's row
  const char* what;  ///< the legend
  Xapian::Document (*build)(Input&);
  void (*trim)(Xapian::Document&) = nullptr;  ///< applied after the timed build, untimed
};

/// The variants' places in variants(), for the per-family table.
enum VariantIndex : std::size_t {
  product,
  stem_some,
  no_positions,
  no_stems,
  no_fingerprints,
  no_entity_terms,
  no_values,
  no_stored_text,
  bare_words,
  variant_count
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> all = {
      {"product (schema 5)",
       "index::build_document as-is: Z stems with positions (STEM_ALL_Z), Q, entity terms, values 0-8, data",
       [](Input& input) { return windex::build_document(input.prepared); }},
      {"+ unstemmed (STEM_SOME)",
       "+ unstemmed positional words, Z stems without positions (Xapian STEM_SOME; schema 2)",
       [](Input& input) { return with_words(input, Words::stem_some); }},
      {"- positions", "Z stems with wdf only: what positions cost (no phrase or NEAR search)",
       [](Input& input) { return with_words(input, Words::stems_without_positions); }},
      {"- stems (STEM_NONE)", "unstemmed positional words instead of Z stems: what stemming costs",
       [](Input& input) { return with_words(input, Words::unstemmed); }},
      {"- fingerprints", "no slot 8 (the fingerprints behind the boilerplate filter's corpus repetition counts)",
       [](Input& input) {
         std::vector<filters::Segment> none;
         Xapian::Document document = build_with_segments(input, none);
         add_words(document, input.prepared.segments, Words::stems);
         return document;
       }},
      {"- entity terms", "no XA/XP/XN/XV/XR terms (slots 5 and 6 kept; taken out after the build)",
       [](Input& input) { return windex::build_document(input.prepared); },
       [](Xapian::Document& document) {
         remove_terms(document, {schema::actor_prefix, schema::place_prefix, schema::actor_name_prefix,
                                 schema::place_name_prefix, schema::actor_alias_prefix, schema::place_alias_prefix,
                                 schema::actor_alias_reverse_prefix, schema::place_alias_reverse_prefix});
       }},
      {"- values", "no value slots (date, mtime, size, hash, path, entity keys, text, fingerprints; taken out after the build)",
       [](Input& input) { return windex::build_document(input.prepared); },
       [](Xapian::Document& document) { document.clear_values(); }},
      {"- stored text", "no cleaned text (slot 7, for snippets); path, title, date, names kept",
       [](Input& input) {
         std::string content;
         std::swap(input.prepared.content, content);
         Xapian::Document document = windex::build_document(input.prepared);
         std::swap(input.prepared.content, content);
         return document;
       }},
      {"bare words only", "Z stems with positions and nothing else: the floor",
       [](Input& input) {
         Xapian::Document document;
         add_words(document, input.prepared.segments, Words::stems);
         return document;
       }},
  };
  return all;
}

/// The variant's documents; `cost` gets the build's, without the trimming.
std::vector<Xapian::Document> build_all(std::vector<Input>& inputs, const Variant& variant, Best& cost) {
  std::vector<Xapian::Document> documents;
  documents.reserve(inputs.size());
  const Stopwatch watch;
  for (auto& input : inputs) documents.push_back(variant.build(input));
  cost.add(watch.elapsed());
  if (variant.trim != nullptr) {
    for (auto& document : documents) variant.trim(document);
  }
  return documents;
}

// ---------------------------------------------------------------------------
// Checking the copy against the product.

std::string difference(const Xapian::Document& product, const Xapian::Document& copy) {
  if (product.get_data() != copy.get_data()) return "data differs";
  auto a = product.termlist_begin(), b = copy.termlist_begin();
  for (; a != product.termlist_end() && b != copy.termlist_end(); ++a, ++b) {
    if (*a != *b) return "term " + *a + " vs " + *b;
    if (a.get_wdf() != b.get_wdf()) return "wdf of " + *a;
    if (!std::equal(a.positionlist_begin(), a.positionlist_end(), b.positionlist_begin(), b.positionlist_end())) {
      return "positions of " + *a;
    }
  }
  if (a != product.termlist_end() || b != copy.termlist_end()) return "number of terms differs";
  auto va = product.values_begin(), vb = copy.values_begin();
  for (; va != product.values_end() && vb != copy.values_end(); ++va, ++vb) {
    if (va.get_valueno() != vb.get_valueno() || *va != *vb) return "value slot " + std::to_string(va.get_valueno());
  }
  if (va != product.values_end() || vb != copy.values_end()) return "number of values differs";
  return {};
}

/// Empty when add_words rebuilds build_document's content words, else what differs.
std::string check_copy(std::vector<Input>& inputs) {
  for (auto& input : inputs) {
    const std::string why = difference(windex::build_document(input.prepared), with_words(input, Words::stems));
    if (!why.empty()) return input.prepared.file.path + ": " + why;
  }
  return {};
}

// ---------------------------------------------------------------------------
// Writing and measuring a database.

/// A fresh temporary folder, removed with everything in it when done or on an error.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "winnow-bench-write-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

/// Like the indexer's incremental writer (indexer.cpp IndexRun::write): one
/// transaction per `batch` documents, the last one committed at the end,
/// then a commit. Creating the empty database is not timed; closing it is.
Cost write_database(const std::vector<Xapian::Document>& documents, const fs::path& folder, unsigned batch) {
  fs::remove_all(folder);
  Xapian::WritableDatabase db(folder.string(), Xapian::DB_CREATE);
  const Stopwatch watch;
  db.begin_transaction();
  unsigned in_batch = 0;
  for (const auto& document : documents) {
    db.add_document(document);
    if (++in_batch < batch) continue;
    db.commit_transaction();
    db.begin_transaction();
    in_batch = 0;
  }
  db.commit_transaction();
  db.commit();
  db.close();
  return watch.elapsed();
}

/// Bytes of the folder's files, as `du -sb`.
std::uint64_t folder_bytes(const fs::path& folder) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

struct Sizes {
  std::uint64_t written = 0, compacted = 0;
  double compact_seconds = 0;
  std::uint64_t terms = 0, postings = 0;  ///< distinct terms; (term, document) pairs
};

/// Sizes of a written database, compacts it as winnow-index does, counts its terms.
Sizes measure(const fs::path& written, const fs::path& compacted) {
  Sizes sizes;
  sizes.written = folder_bytes(written);
  fs::remove_all(compacted);
  const Stopwatch watch;
  Xapian::Database(written.string()).compact(compacted.string(), Xapian::DBCOMPACT_NO_RENUMBER);
  sizes.compact_seconds = watch.elapsed().wall;
  sizes.compacted = folder_bytes(compacted);
  const Xapian::Database db(compacted.string());
  for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
    ++sizes.terms;
    sizes.postings += term.get_termfreq();
  }
  return sizes;
}

/// Positions the documents hold (one per positional term occurrence).
std::uint64_t count_positions(const std::vector<Xapian::Document>& documents) {
  std::uint64_t positions = 0;
  for (const auto& document : documents) {
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      positions += term.positionlist_count();
    }
  }
  return positions;
}

// ---------------------------------------------------------------------------
// The writer's memory: how far resident memory rises above where it was
// while one database is written. Linux resets the peak (VmHWM) to the
// current RSS on "5" written to clear_refs; malloc_trim first hands back
// what earlier writes freed, or a write would reuse it unseen.

/// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"), 0 if absent.
std::uint64_t status_bytes(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10) * 1024;
    }
  }
  return 0;
}

/// Starts a peak measurement; returns the resident bytes it starts from, or
/// nothing when the kernel does not let the peak be reset.
std::optional<std::uint64_t> start_peak() {
  malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5" << std::flush;
  if (!clear) return std::nullopt;
  return status_bytes("VmRSS");
}

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }
double mib(std::uint64_t bytes) { return mib(static_cast<double>(bytes)); }
double percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

std::vector<unsigned> parse_sweep(const std::string& list) {
  std::vector<unsigned> sizes;
  if (list == "none" || list.empty()) return sizes;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    const int size = std::atoi(item.c_str());
    if (size <= 0) throw std::invalid_argument("--sweep takes positive batch sizes separated by commas");
    sizes.push_back(static_cast<unsigned>(size));
  }
  return sizes;
}

void usage() {
  std::fprintf(stderr, "usage: winnow-bench-write CORPUS_DIR [--runs N] [--batch N] [--sweep N,N,...|none]\n");
}

struct Options {
  fs::path corpus;
  int runs = 3;
  unsigned batch = 1000;  ///< winnow-index's default --batch
  std::string sweep = "500,1000,2000,5000,10000";
};

/// The command line's options, or nothing when it is not a valid one.
std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (value != nullptr && arg == "--runs") {
      options.runs = std::max(1, std::atoi(value));
    } else if (value != nullptr && arg == "--batch") {
      options.batch = static_cast<unsigned>(std::max(1, std::atoi(value)));
    } else if (value != nullptr && arg == "--sweep") {
      options.sweep = value;
    } else if (options.corpus.empty() && !arg.starts_with("-")) {
      options.corpus = arg;
      continue;
    } else {
      return std::nullopt;
    }
    ++i;  // the option's value
  }
  if (options.corpus.empty() || !fs::is_directory(options.corpus)) return std::nullopt;
  return options;
}

/// Per variant: build and write costs (best of the runs), sizes and counts.
struct Figures {
  std::vector<Best> build, write;
  std::vector<Sizes> sizes;
  std::vector<std::uint64_t> positions;
  [[nodiscard]] double user(std::size_t v) const { return write[v].cost.user; }
  [[nodiscard]] double total(std::size_t v) const { return build[v].cost.user + write[v].cost.user; }
  [[nodiscard]] double bytes(std::size_t v) const { return static_cast<double>(sizes[v].compacted); }
};

Figures measure_variants(std::vector<Input>& inputs, int runs, unsigned batch, const fs::path& temp) {
  const auto& all = variants();
  if (all.size() != variant_count) throw std::logic_error("variants() and VariantIndex disagree");
  Figures figures{std::vector<Best>(all.size()), std::vector<Best>(all.size()), std::vector<Sizes>(all.size()),
                  std::vector<std::uint64_t>(all.size())};
  const fs::path written = temp / "db", compacted = temp / "compacted";
  // Run-major: every variant once per run, so a burst of load on the
  // shared machine hits one run of several variants, not every run of one.
  for (int run = 0; run < runs; ++run) {
    for (std::size_t v = 0; v < all.size(); ++v) {
      const std::vector<Xapian::Document> documents = build_all(inputs, all[v], figures.build[v]);
      figures.write[v].add(write_database(documents, written, batch));
      if (run == 0) {  // sizes and counts do not change between runs
        figures.sizes[v] = measure(written, compacted);
        figures.positions[v] = count_positions(documents);
      }
      std::fprintf(stderr, "run %d of %d: %s done\n", run + 1, runs, all[v].name);
    }
  }
  return figures;
}

void print_variants(const Figures& f, int runs, unsigned batch) {
  const auto& all = variants();
  std::printf("\nbest of %d runs; build = user CPU making the documents; write = add_document in transactions of\n"
              "%u + final commit (user CPU, wall); CPU%% = build + write user CPU, of the product's; MiB = bytes of\n"
              "the database's files (du -sb) as written / after Xapian compaction; size%% = compacted, of the product's\n",
              runs, batch);
  std::printf("  %-24s %7s %7s %7s %5s %7s %7s %5s %8s %9s %10s\n", "variant", "build s", "write s", "wall s",
              "CPU%", "MiB", "compact", "size%", "terms", "postings", "positions");
  for (std::size_t v = 0; v < all.size(); ++v) {
    std::printf("  %-24s %7.2f %7.2f %7.2f %4.0f%% %7.1f %7.1f %4.0f%% %8llu %9llu %10llu\n", all[v].name,
                f.build[v].cost.user, f.write[v].cost.user, f.write[v].cost.wall, percent(f.total(v), f.total(product)),
                mib(f.sizes[v].written), mib(f.sizes[v].compacted), percent(f.bytes(v), f.bytes(product)),
                static_cast<unsigned long long>(f.sizes[v].terms), static_cast<unsigned long long>(f.sizes[v].postings),
                static_cast<unsigned long long>(f.positions[v]));
  }
  std::printf("  (compacting the product's database took %.2f s)\n", f.sizes[product].compact_seconds);
  for (const auto& variant : all) std::printf("  %-24s %s\n", variant.name, variant.what);

  // Each family's cost is the product minus the variant without it; what
  // bare words and the families do not explain (the Q term, the data's
  // other fields, and what the families cost together rather than alone)
  // is the rest. Noise can make a small family's figure negative.
  const auto family = [&](const char* name, std::size_t with, std::size_t without) {
    const double write = f.user(with) - f.user(without), total = f.total(with) - f.total(without);
    const double bytes = f.bytes(with) - f.bytes(without);
    std::printf("  %-38s %7.2f %5.0f%% %7.2f %5.0f%% %7.1f %5.0f%%\n", name, write, percent(write, f.user(product)),
                total, percent(total, f.total(product)), mib(bytes), percent(bytes, f.bytes(product)));
  };
  std::printf("\nwhat each family costs in the product: the product minus the variant without it\n"
              "(write user CPU; build + write user CPU; compacted size; %% of the product's)\n");
  std::printf("  %-38s %7s %6s %7s %6s %7s %6s\n", "family", "write s", "", "CPU s", "", "MiB", "");
  std::printf("  %-38s %7.2f %5.0f%% %7.2f %5.0f%% %7.1f %5.0f%%\n", "content words (bare words only)",
              f.user(bare_words), percent(f.user(bare_words), f.user(product)), f.total(bare_words),
              percent(f.total(bare_words), f.total(product)), mib(f.bytes(bare_words)),
              percent(f.bytes(bare_words), f.bytes(product)));
  family("  of which positions", product, no_positions);
  family("  stems instead of unstemmed words", product, no_stems);
  const std::pair<const char*, std::size_t> families[] = {{"fingerprints (slot 8)", no_fingerprints},
                                                          {"entity terms", no_entity_terms},
                                                          {"values", no_values},
                                                          {"stored text", no_stored_text}};
  double rest_write = f.user(product) - f.user(bare_words), rest_total = f.total(product) - f.total(bare_words);
  double rest_bytes = f.bytes(product) - f.bytes(bare_words);
  for (const auto& [name, without] : families) {
    family(name, product, without);
    rest_write -= f.user(product) - f.user(without);
    rest_total -= f.total(product) - f.total(without);
    rest_bytes -= f.bytes(product) - f.bytes(without);
  }
  std::printf("  %-38s %7.2f %5.0f%% %7.2f %5.0f%% %7.1f %5.0f%%\n", "rest (Q id, other data; together)", rest_write,
              percent(rest_write, f.user(product)), rest_total, percent(rest_total, f.total(product)),
              mib(rest_bytes), percent(rest_bytes, f.bytes(product)));
  family("unstemmed copy on top (STEM_SOME)", stem_some, product);
  std::fflush(stdout);
}

/// The product's documents written with each batch size: time, size, and
/// the resident memory the writing adds at its peak.
void sweep_batches(std::vector<Input>& inputs, const std::vector<unsigned>& sweep, int runs, const fs::path& temp) {
  Best unused;
  const std::vector<Xapian::Document> documents = build_all(inputs, variants()[product], unused);
  const fs::path written = temp / "db";
  std::vector<Best> times(sweep.size());
  std::vector<std::uint64_t> written_bytes(sweep.size());
  std::vector<std::optional<std::uint64_t>> growth(sweep.size());  // the highest of the runs
  for (int run = 0; run < runs; ++run) {
    for (std::size_t s = 0; s < sweep.size(); ++s) {
      const std::optional<std::uint64_t> resident = start_peak();
      times[s].add(write_database(documents, written, sweep[s]));
      if (resident) {
        const std::uint64_t peak = status_bytes("VmHWM");
        growth[s] = std::max(growth[s].value_or(0), peak > *resident ? peak - *resident : 0);
      }
      if (run == 0) written_bytes[s] = folder_bytes(written);
      std::fprintf(stderr, "sweep run %d of %d: --batch %u done\n", run + 1, runs, sweep[s]);
    }
  }
  std::printf("\nbatch sweep, product, best of %d runs: writing only; MiB as written (compaction evens it\n"
              "out); writer's peak = resident memory the write added at its highest (max of the runs)\n",
              runs);
  std::printf("  %8s %8s %8s %8s %10s %15s\n", "batch", "user s", "sys s", "wall s", "MiB", "writer peak MiB");
  for (std::size_t s = 0; s < sweep.size(); ++s) {
    std::printf("  %8u %8.2f %8.2f %8.2f %10.1f ", sweep[s], times[s].cost.user, times[s].cost.sys,
                times[s].cost.wall, mib(written_bytes[s]));
    if (growth[s]) {
      std::printf("%15.0f\n", mib(*growth[s]));
    } else {
      std::printf("%15s\n", "n/a");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help")) {
    usage();
    return 0;
  }
  const std::optional<Options> options = parse_options(argc, argv);
  if (!options) {
    usage();
    return 2;
  }

  try {
    const std::vector<unsigned> sweep = parse_sweep(options->sweep);
    Corpus input = read_corpus(options->corpus);
    std::printf("corpus: %s: %zu files, %.1f MB; %zu documents prepared in %.1f s (two passes, not timed); Xapian %s\n",
                options->corpus.c_str(), input.files, static_cast<double>(input.bytes) / 1e6, input.inputs.size(),
                input.prepare_seconds, Xapian::version_string());
    std::fflush(stdout);

    const std::string mismatch = check_copy(input.inputs);
    if (!mismatch.empty()) {
      std::printf("WARNING: the bench's copy of document.cpp no longer builds what build_document does (%s);\n"
                  "         the variants are not the product plus or minus one family: update write_cost.cpp\n",
                  mismatch.c_str());
    }

    const TempDir temp;
    print_variants(measure_variants(input.inputs, options->runs, options->batch, temp.path()), options->runs,
                   options->batch);
    if (!sweep.empty()) sweep_batches(input.inputs, sweep, options->runs, temp.path());
    return mismatch.empty() ? 0 : 3;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "winnow-bench-write: %s\n", error.what());
    return 1;
  }
}
