// Unit tests for opening the indexes a search covers: folders, Xapian stub
// files and tcp://HOST:PORT, and the one-line errors when one cannot be opened.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/search/searcher.hpp"

namespace fs = std::filesystem;
using namespace winnow;

namespace {

/// A temporary folder for on-disk indexes, removed afterwards.
struct TempDir {
  fs::path root = fs::temp_directory_path() / ("winnow-databases-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(root); }
  ~TempDir() { fs::remove_all(root); }
};

/// An index at `path` holding one document per name (/a/NAME.txt, text "NAME mali").
void make_index(const fs::path& path, const std::vector<std::string>& names) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  for (const auto& name : names) {
    index::PreparedDocument prepared;
    prepared.file.path = "/a/" + name + ".txt";
    filters::Segment segment;
    segment.line = 1;
    segment.text = name + " mali";
    prepared.segments = {segment};
    prepared.title = segment.text;
    prepared.content = segment.text;
    db.add_document(index::build_document(prepared));
  }
  db.commit();
}

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

/// What open_databases throws for these locations: NoIndex's message, or what went wrong instead.
std::string open_error(const std::vector<std::string>& locations) {
  try {
    (void)search::open_databases(locations);
  } catch (const search::NoIndex& error) {
    return error.what();
  } catch (const std::exception& error) {
    return std::string("not NoIndex: ") + error.what();
  } catch (const Xapian::Error& error) {
    return "not NoIndex: " + error.get_description();
  }
  return "opened";
}

/// A port of 127.0.0.1 that refuses connections while this lives: bound, not listening.
struct ClosedPort {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  unsigned port = 0;
  ClosedPort() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
  }
  ~ClosedPort() { if (fd >= 0) close(fd); }
};

}  // namespace

TEST_CASE("a malformed tcp:// address is a usage error naming it, not a crash", "[search][databases]") {
  for (const std::string location : {"tcp://localhost", "tcp://localhost:", "tcp://localhost:port",
                                     "tcp://localhost:80x", "tcp://localhost:0", "tcp://localhost:65536",
                                     "tcp://localhost:99999999999999999999", "tcp://:8080"}) {
    INFO(location);
    CHECK(open_error({location}) == location + ": expected tcp://HOST:PORT");
  }
}

TEST_CASE("a remote index that cannot be reached is an error naming it", "[search][databases]") {
  const ClosedPort closed;
  REQUIRE(closed.port != 0);
  const std::string location = "tcp://127.0.0.1:" + std::to_string(closed.port);
  const std::string error = open_error({location});
  CHECK_THAT(error, Catch::Matchers::StartsWith(location + ": Couldn't connect (Connection refused)"));
  CHECK(error.find('\n') == std::string::npos);
}

TEST_CASE("a stub file lists indexes searched as one, relative to its folder", "[search][databases]") {
  TempDir dir;
  make_index(dir.root / "2023", {"one", "two"});
  make_index(dir.root / "2024", {"three"});
  write_file(dir.root / "all.stub", "# every year\nauto 2023\nauto " + (dir.root / "2024").string() + "\n");
  const search::Databases opened = search::open_databases({(dir.root / "all.stub").string()});
  const Xapian::Database& db = opened.db;
  CHECK(opened.all_local);  // it names local folders only
  CHECK(db.get_doccount() == 3);
  search::SearchRequest request;
  request.query = "mali";
  CHECK(search::run_search(db, request).total == 3);
  // A stub and a folder together: the stub's indexes and the folder's.
  const auto both = search::open_databases({(dir.root / "all.stub").string(), (dir.root / "2024").string()});
  CHECK(both.db.get_doccount() == 4);
  // Folders alone are local: facets can use winnow's own counter.
  CHECK(search::open_databases({(dir.root / "2023").string(), (dir.root / "2024").string()}).all_local);
}

TEST_CASE("a stub file that cannot be used is an error naming it and the problem", "[search][databases]") {
  TempDir dir;
  make_index(dir.root / "2023", {"one"});
  const std::string bad = (dir.root / "bad.stub").string();
  write_file(bad, "auto 2023\ntcp 127.0.0.1 33333\n");
  CHECK_THAT(open_error({bad}), Catch::Matchers::StartsWith(bad + ":2: 'tcp' lines are not read by winnow"));

  const std::string missing = (dir.root / "missing.stub").string();
  write_file(missing, "auto 2023\nauto 2099\n");
  const std::string error = open_error({missing});
  CHECK_THAT(error, Catch::Matchers::StartsWith(missing + ":2: no index at "));
  CHECK_THAT(error, Catch::Matchers::Contains("2099"));

  const ClosedPort closed;
  REQUIRE(closed.port != 0);
  const std::string down = (dir.root / "down.stub").string();
  write_file(down, "auto 2023\nremote 127.0.0.1:" + std::to_string(closed.port) + "\n");
  CHECK(open_error({down}) == down + ": Couldn't connect (Connection refused) (remote:tcp(127.0.0.1:" +
                                  std::to_string(closed.port) + "))");
}

TEST_CASE("a folder that is not an index says how to build one", "[search][databases]") {
  TempDir dir;
  fs::create_directories(dir.root / "empty");
  const std::string empty = (dir.root / "empty").string();
  CHECK(open_error({empty}) == empty + " is not a winnow index; build one with: winnow-index --db " + empty + " PATH...");
  const std::string none = (dir.root / "none").string();
  CHECK(open_error({none}) == "no index at " + none + "; build one with: winnow-index --db " + none + " PATH...");
}
