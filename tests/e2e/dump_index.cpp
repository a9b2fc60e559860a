// winnow-dump-index: prints an index's metadata (but the roots, which name
// the folders) and every document (data, values, terms with wdf and
// positions) in docid order, so two indexes can be compared with diff. Used by the end-to-end tests (t140: --jobs 1 and --jobs 4 agree).
//
// Usage: winnow-dump-index DATABASE
#include <iostream>

#include <xapian.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: winnow-dump-index DATABASE\n";
    return 2;
  }
  try {
    const Xapian::Database db(argv[1]);
    std::cout << "documents " << db.get_doccount() << " last docid " << db.get_lastdocid() << '\n';
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
      if (*key == "winnow:roots") continue;
      std::cout << "metadata " << *key << ' ' << db.get_metadata(*key) << '\n';
    }
    for (auto doc = db.postlist_begin(""); doc != db.postlist_end(""); ++doc) {
      const Xapian::Document document = db.get_document(*doc);
      std::cout << "== document " << *doc << "\ndata " << document.get_data() << '\n';
      for (auto value = document.values_begin(); value != document.values_end(); ++value) {
        std::cout << "value " << value.get_valueno() << ' ' << *value << '\n';
      }
      for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        std::cout << "term " << *term << " wdf " << term.get_wdf() << " positions";
        for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) std::cout << ' ' << *pos;
        std::cout << '\n';
      }
    }
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-dump-index: " << argv[1] << ": " << error.get_description() << '\n';
    return 1;
  }
  return 0;
}
