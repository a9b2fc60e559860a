// Reading an index while winnow-index commits to it: reopen at the newest revision and read again.
#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>

#include <xapian.h>

namespace winnow::search {

/// How many times a read of the index is tried. Xapian keeps a revision's
/// blocks until the writer, past its next commit, writes the one after; so
/// a read fails only when it runs longer than about a commit interval, and
/// after a reopen it starts again at the newest revision, with the whole
/// interval before it. 8 tries failed about one search in a hundred against
/// a writer committing every 20 files with both cores taken by other work
/// (tests/e2e/t150); 20 carry them through, and still give up within a few
/// seconds on a writer that commits faster than the search can read.
inline constexpr unsigned read_attempts = 20;

/// Every try of a read met Xapian::DatabaseModifiedError: the index changed
/// under it each time. what() says so in one line.
class IndexKeptChanging : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs `read` and returns what it returns. When a writer's commits have
/// discarded the revision it was reading (Xapian::DatabaseModifiedError),
/// calls `reopen` and runs `read` again from the start, up to `attempts`
/// times in all; then throws IndexKeptChanging. Other exceptions pass
/// through at once.
template <typename Read, typename Reopen>
auto retry_while_modified(Read&& read, Reopen&& reopen, unsigned attempts = read_attempts)
    -> std::invoke_result_t<Read&> {
  for (unsigned attempt = 1;; ++attempt) {
    try {
      // The reopen is inside the try: it reads the new revision's roots,
      // which further commits may already have discarded too.
      if (attempt > 1) reopen();
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= attempts) {
        throw IndexKeptChanging("the index changed while it was read, " + std::to_string(attempts) +
                                " times in a row; try again");
      }
    }
  }
}

/// retry_while_modified for a read through `db` (and what it opens from it:
/// queries, enquires, documents): each retry first calls `db.reopen()`,
/// which reopens every shard of a multi-database at its newest revision.
template <typename Read>
auto with_retries(Xapian::Database& db, Read&& read, unsigned attempts = read_attempts)
    -> std::invoke_result_t<Read&> {
  return retry_while_modified(read, [&db] { db.reopen(); }, attempts);
}

}  // namespace winnow::search
