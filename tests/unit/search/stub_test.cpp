// Unit tests for parse_stub: which databases a stub file lists, and which lines would run a program.
#include <catch2/catch.hpp>

#include <string>

#include "winnow/search/stub.hpp"

using winnow::search::parse_stub;
using winnow::search::StubEntry;
using winnow::search::StubError;

TEST_CASE("a stub's auto and glass paths are taken from the stub's folder unless absolute", "[stub]") {
  const auto entries = parse_stub("# shards\n\nauto shard-a\n  glass /srv/shard-b  \n", "stubs/all.stub");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].kind == StubEntry::Kind::local);
  CHECK(entries[0].target == "stubs/shard-a");
  CHECK(entries[0].line == 3);
  CHECK(entries[1].kind == StubEntry::Kind::glass);
  CHECK(entries[1].target == "/srv/shard-b");
}

TEST_CASE("a stub's remote lines are a server or a program, told apart", "[stub]") {
  const auto entries = parse_stub("remote 127.0.0.1:33333\nremote :xapian-progsrv /srv/db --writable\n", "s");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].kind == StubEntry::Kind::tcp);
  CHECK(entries[0].target == "127.0.0.1");
  CHECK(entries[0].port == 33333);
  CHECK(entries[1].kind == StubEntry::Kind::program);
  CHECK(entries[1].target == "xapian-progsrv");
  CHECK(entries[1].args == "/srv/db --writable");
}

TEST_CASE("a stub line winnow does not read is an error naming the file and line", "[stub]") {
  CHECK_THROWS_WITH(parse_stub("auto a\nchert old\n", "x.stub"), Catch::StartsWith("x.stub:2: 'chert' lines"));
  CHECK_THROWS_WITH(parse_stub("remote host\n", "x.stub"), Catch::StartsWith("x.stub:1: expected remote HOST:PORT"));
  CHECK_THROWS_WITH(parse_stub("remote host:99999\n", "x.stub"), Catch::StartsWith("x.stub:1:"));
  CHECK_THROWS_WITH(parse_stub("remote :\n", "x.stub"), Catch::StartsWith("x.stub:1: remote : needs a PROGRAM"));
  CHECK_THROWS_AS(parse_stub("auto\n", "x.stub"), StubError);
}

TEST_CASE("an empty stub lists nothing", "[stub]") { CHECK(parse_stub("\n# nothing yet\n", "x.stub").empty()); }
