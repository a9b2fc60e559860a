// Document builder: a prepared document to the Xapian document that stores it.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "winnow/index/prepare.hpp"
#include "winnow/index/stored_fields.hpp"

namespace winnow::index {

/// Builds the Xapian document: positional terms and stems from content
/// segments only, the unique id, fingerprints, entity facet terms, values and
/// stored fields (see schema.hpp).
/// `store_mtime` is false when the file's mtime is too recent to trust.
[[nodiscard]] Xapian::Document build_document(const PreparedDocument& prepared,
                                              bool store_mtime = true);

}  // namespace winnow::index
