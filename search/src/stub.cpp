// Stub files, read by winnow itself so that no line of one is acted on unseen.
#include "winnow/search/stub.hpp"

#include <charconv>
#include <filesystem>

#include "winnow/index/display.hpp"

namespace winnow::search {
namespace {

constexpr std::string_view blanks = " \t\r";

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

// A PATH as Xapian takes it: relative to the stub file's folder.
std::string resolved(std::string_view path, const std::string& stub_path) {
  const std::filesystem::path given{std::string(path)};
  if (given.is_absolute()) return given.string();
  return (std::filesystem::path(stub_path).parent_path() / given).string();
}

}  // namespace

std::vector<StubEntry> parse_stub(std::string_view text, const std::string& stub_path) {
  std::vector<StubEntry> entries;
  unsigned line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trimmed(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const auto fail = [&](std::string_view why) -> StubError {
      return StubError(index::terminal_safe(stub_path) + ":" + std::to_string(line_number) + ": " + std::string(why));
    };
    const std::size_t space = line.find_first_of(blanks);
    const std::string_view type = line.substr(0, space);
    const std::string_view rest = space == std::string_view::npos ? std::string_view() : trimmed(line.substr(space));
    StubEntry entry;
    entry.line = line_number;
    if (type == "auto" || type == "glass") {
      if (rest.empty()) throw fail(std::string(type) + " needs a PATH");
      entry.kind = type == "auto" ? StubEntry::Kind::local : StubEntry::Kind::glass;
      entry.target = resolved(rest, stub_path);
    } else if (type == "remote" && rest.starts_with(':')) {
      const std::string_view command = rest.substr(1);
      const std::size_t gap = command.find_first_of(blanks);
      entry.kind = StubEntry::Kind::program;
      entry.target = std::string(command.substr(0, gap));
      if (entry.target.empty()) throw fail("remote : needs a PROGRAM");
      if (gap != std::string_view::npos) entry.args = std::string(trimmed(command.substr(gap)));
    } else if (type == "remote") {
      const std::size_t colon = rest.rfind(':');
      const std::string_view port = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      const auto [stop, error] = std::from_chars(port.data(), port.data() + port.size(), entry.port);
      if (colon == 0 || colon == std::string_view::npos || error != std::errc() || stop != port.data() + port.size() ||
          entry.port == 0 || entry.port > 65535) {
        throw fail("expected remote HOST:PORT or remote :PROGRAM ARGS");
      }
      entry.kind = StubEntry::Kind::tcp;
      entry.target = std::string(rest.substr(0, colon));
    } else {
      throw fail("'" + index::terminal_safe(type) +
                 "' lines are not read by winnow (it reads auto, glass and remote lines)");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace winnow::search
