// Unit tests for the segment stage.
#include <catch2/catch.hpp>

#include "winnow/filters/segment.hpp"

using winnow::filters::segment;

TEST_CASE("segments keep their 1-based source line", "[segment]") {
  const auto segs = segment("Headline\n\nFirst paragraph.\r\nSecond one.\n");
  REQUIRE(segs.size() == 3);
  CHECK(segs[0].line == 1);
  CHECK(segs[0].text == "Headline");
  CHECK(segs[1].line == 3);
  CHECK(segs[2].line == 4);
  CHECK(segs[2].text == "Second one.");
}

TEST_CASE("a line splits into its sentences, each on the same line", "[segment]") {
  const auto segs = segment("Minusma left in 2023. HRW said it was worried. Kidal fell in November.");
  REQUIRE(segs.size() == 3);
  CHECK(segs[0].text == "Minusma left in 2023.");
  CHECK(segs[1].text == "HRW said it was worried.");
  for (const auto& s : segs) CHECK(s.line == 1);
}

TEST_CASE("blank and no-break-space lines yield no segment", "[segment]") {
  const auto segs = segment("one\n \xC2\xA0 \n\ttwo\n\n");
  REQUIRE(segs.size() == 2);
  CHECK(segs[1].line == 3);
  CHECK(segs[1].text == "two");
}

TEST_CASE("a file without a final newline keeps its last line", "[segment]") {
  const auto segs = segment("a\nb");
  REQUIRE(segs.size() == 2);
  CHECK(segs[1].line == 2);
  CHECK(segment("").empty());
}

TEST_CASE("a line opening with a list number is one item, not a sentence of its own", "[segment]") {
  const auto segs = segment("1. Michelle Freeman (Jamaica) 12.71 seconds\n12. Lopez ran. She won.\n3.\n");
  REQUIRE(segs.size() == 4);
  CHECK(segs[0].text == "1. Michelle Freeman (Jamaica) 12.71 seconds");
  CHECK(segs[1].text == "12. Lopez ran.");
  CHECK(segs[2].text == "She won.");
  CHECK(segs[3].text == "3.");
  // A year is no list number: "2024." ends the sentence before it.
  CHECK(segment("It fell in 2024. Then it rose.").size() == 2);
}
