// Opening an index folder by its backend: data on disk can name databases, never programs.
#pragma once

#include <string>

#include <xapian.h>

namespace winnow::index {

/// Opens the index folder `folder` as a glass database, for reading.
///
/// Xapian's own opening guesses: a file, or a folder holding an XAPIANDB
/// file, is read as a stub, and a stub's `remote :PROGRAM` line runs that
/// program. A folder handed to a user would then run code as that user, so
/// winnow opens local indexes only as glass (`DB_BACKEND_GLASS`); stub files
/// are read by winnow-search itself (see winnow/search/stub.hpp).
[[nodiscard]] Xapian::Database open_local_index(const std::string& folder);

/// The same, for writing, with `flags` (DB_CREATE_OR_OPEN, DB_OPEN, ...).
[[nodiscard]] Xapian::WritableDatabase open_local_index_for_writing(const std::string& folder, int flags);

/// The database is one winnow wrote: it carries the schema version, which
/// winnow-index sets with an index's first commit (see schema::schema_key).
[[nodiscard]] bool carries_winnow_marker(const Xapian::Database& db);

/// No document and no metadata: nothing in it to lose.
[[nodiscard]] bool holds_nothing(const Xapian::Database& db);

}  // namespace winnow::index
