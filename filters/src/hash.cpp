// hash64(): XXH3-64 from libxxhash.
#include "winnow/filters/hash.hpp"

// libxxhash's header-only mode: the code is compiled in here, so no program
// loads libxxhash.so. A search is a new process each time, and loading and
// binding one more shared library was 0.5% of a search's instructions.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace winnow::filters {

std::uint64_t hash64(std::string_view bytes) noexcept { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace winnow::filters
