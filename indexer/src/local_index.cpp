// Opening an index folder by its backend.
#include "winnow/index/local_index.hpp"

#include "winnow/index/schema.hpp"

namespace winnow::index {

Xapian::Database open_local_index(const std::string& folder) {
  return Xapian::Database(folder, Xapian::DB_BACKEND_GLASS);
}

Xapian::WritableDatabase open_local_index_for_writing(const std::string& folder, int flags) {
  return Xapian::WritableDatabase(folder, flags | Xapian::DB_BACKEND_GLASS);
}

bool carries_winnow_marker(const Xapian::Database& db) {
  return !db.get_metadata(std::string(schema::schema_key)).empty();
}

bool holds_nothing(const Xapian::Database& db) {
  return db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
}

}  // namespace winnow::index
