// libFuzzer target: a query as winnow-search takes it, through
// normalise_query and parse_query (with the actor: and place: filters
// resolved against the index) and then run, against an in-memory index of
// corpus/ and of the articles in eight languages of tests/data/langs (so
// every query is read in each of their languages), built once at start. A
// syntax error and a query over the limits are answers; any other
// exception escaping is a finding (winnow-search would print it as an
// unexplained error).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/index/prepare.hpp"
#include "winnow/search/query.hpp"

namespace {

Xapian::WritableDatabase& corpus_index() {
  static Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  return db;
}

void index_folder(Xapian::WritableDatabase& db, const std::filesystem::path& folder) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const winnow::index::FileInfo file{entry.path().string(), 0, bytes.size()};
    const auto prepared = winnow::index::prepare_document(file, bytes);
    if (prepared.document) db.add_document(winnow::index::build_document(*prepared.document));
  }
}

void index_corpus() {
  Xapian::WritableDatabase& db = corpus_index();
  index_folder(db, WINNOW_CORPUS);
  index_folder(db, WINNOW_LANGS);
  db.commit();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  index_corpus();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A command line cannot carry a NUL: the query is what comes before one.
  std::string_view query(reinterpret_cast<const char*>(data), size);
  query = query.substr(0, query.find('\0'));

  (void)winnow::search::normalise_query(query);
  // winnow-search refuses an over-long query before it opens the index.
  if (!winnow::search::query_size_problem(query).empty()) return 0;
  try {
    Xapian::Enquire enquire(corpus_index());
    enquire.set_query(winnow::search::parse_query(query, corpus_index()));
    (void)enquire.get_mset(0, 10);
  } catch (const winnow::search::QuerySyntaxError&) {
  } catch (const winnow::search::QueryTooLarge&) {
    // Refused with its reason (exit 2), as tests/e2e/t210-limits.sh checks.
  }
  return 0;
}
