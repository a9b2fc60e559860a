// Xapian stub files, read by winnow itself: which databases they list, and
// which lines would run a program.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::search {

/// One database a stub file lists, one line of it.
struct StubEntry {
  enum class Kind {
    local,    ///< `auto PATH`: a folder or another stub file, opened as --db would be
    glass,    ///< `glass PATH`: a glass index folder
    tcp,      ///< `remote HOST:PORT`: xapian-tcpsrv
    program,  ///< `remote :PROGRAM ARGS`: a program winnow would start (xapian-progsrv)
  };
  Kind kind = Kind::local;
  std::string target;  ///< PATH (relative ones resolved from the stub's folder), HOST or PROGRAM
  std::string args;    ///< the PROGRAM's arguments
  unsigned port = 0;   ///< tcp's PORT
  unsigned line = 0;   ///< 1-based, for messages
};

/// A stub line winnow does not accept: "STUB:LINE: why".
class StubError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads a stub file's text, in Xapian's format: one `auto PATH`, `glass PATH`,
/// `remote HOST:PORT` or `remote :PROGRAM ARGS` a line, blank lines and `#`
/// comments skipped. Other backends (chert, inmemory) and anything else throw
/// StubError naming `stub_path` and the line. Nothing is opened or run here.
[[nodiscard]] std::vector<StubEntry> parse_stub(std::string_view text, const std::string& stub_path);

}  // namespace winnow::search
