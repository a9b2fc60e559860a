// The search tests' index: articles of one content paragraph each, built
// with the indexer's document builder into a Xapian database in memory.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "winnow/index/document.hpp"

namespace winnow::test {

/// Article i (from 1) is the file /a/i.txt, titled with its text.
inline Xapian::WritableDatabase corpus_of(const std::vector<std::string>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int n = 0;
  for (const auto& text : articles) {
    index::PreparedDocument prepared;
    prepared.file.path = "/a/" + std::to_string(++n) + ".txt";
    filters::Segment segment;
    segment.line = 1;
    segment.text = text;
    prepared.segments = {segment};
    prepared.title = text;
    prepared.content = text;
    db.add_document(index::build_document(prepared));
  }
  return db;
}

}  // namespace winnow::test
