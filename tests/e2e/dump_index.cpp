// winnow-dump-index: prints an index's metadata (but the roots, which name
// the folders) and every document (data, values, terms with wdf and
// positions), so two indexes can be compared with diff. Used by the
// end-to-end tests (t140: --jobs 1 and --jobs 4 agree; t170: a resumed
// build equals a clean one).
//
// Usage: winnow-dump-index [--by-path] DATABASE
// --by-path: documents in order of their paths, without docids, for two
// indexes whose files were added in different runs (docids follow the runs).
#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace {

constexpr Xapian::valueno path_slot = 4;  // winnow's schema::path_slot

void dump_document(const Xapian::Document& document) {
  std::cout << "data " << document.get_data() << '\n';
  for (auto value = document.values_begin(); value != document.values_end(); ++value) {
    std::cout << "value " << value.get_valueno() << ' ' << *value << '\n';
  }
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    std::cout << "term " << *term << " wdf " << term.get_wdf() << " positions";
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) std::cout << ' ' << *pos;
    std::cout << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  const bool by_path = argc == 3 && std::string(argv[1]) == "--by-path";
  if (argc != 2 && !by_path) {
    std::cerr << "usage: winnow-dump-index [--by-path] DATABASE\n";
    return 2;
  }
  const char* location = argv[argc - 1];
  try {
    const Xapian::Database db(location);
    std::cout << "documents " << db.get_doccount();
    if (!by_path) std::cout << " last docid " << db.get_lastdocid();
    std::cout << '\n';
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
      if (*key == "winnow:roots") continue;
      std::cout << "metadata " << *key << ' ' << db.get_metadata(*key) << '\n';
    }
    std::vector<std::pair<std::string, Xapian::docid>> order;
    for (auto doc = db.postlist_begin(""); doc != db.postlist_end(""); ++doc) {
      order.emplace_back(by_path ? db.get_document(*doc).get_value(path_slot) : std::string(), *doc);
    }
    if (by_path) std::sort(order.begin(), order.end());
    for (const auto& [path, docid] : order) {
      if (by_path) std::cout << "== document " << path << '\n';
      else std::cout << "== document " << docid << '\n';
      dump_document(db.get_document(docid));
    }
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-dump-index: " << location << ": " << error.get_description() << '\n';
    return 1;
  }
  return 0;
}
