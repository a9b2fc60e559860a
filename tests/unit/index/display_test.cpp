// Unit tests for terminal_safe and json_terminal_safe: nothing from data drives the terminal.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "winnow/index/display.hpp"

using winnow::index::json_terminal_safe;
using winnow::index::terminal_safe;

TEST_CASE("text without controls is shown as it is", "[display]") {
  CHECK(terminal_safe("Wagner in Mali: «paix» – 和平 😀") == "Wagner in Mali: «paix» – 和平 😀");
  CHECK(terminal_safe("") == "");
}

TEST_CASE("C0 controls, DEL and ESC sequences are escaped, layout becomes a space", "[display]") {
  CHECK(terminal_safe("red \x1b[31mALERT") == "red \\x1b[31mALERT");
  CHECK(terminal_safe("a\tb\nc\rd") == "a b c d");
  CHECK(terminal_safe(std::string("nul\0here", 8)) == "nul\\x00here");
  CHECK(terminal_safe("bell\x07 del\x7f") == "bell\\x07 del\\x7f");
}

TEST_CASE("C1 controls are escaped as code points and as raw bytes", "[display]") {
  CHECK(terminal_safe("csi \xc2\x9b" "31m") == "csi \\u009b31m");  // U+009B in UTF-8
  CHECK(terminal_safe("raw \x9b" "31m") == "raw \\x9b31m");        // 8-bit CSI, not UTF-8
  CHECK(terminal_safe("cut \xe2\x80") == "cut \\xe2\\x80");        // a sequence cut off
  CHECK(terminal_safe("overlong \xc0\xaf") == "overlong \\xc0\\xaf");
  CHECK(terminal_safe("surrogate \xed\xa0\x80") == "surrogate \\xed\\xa0\\x80");
}

TEST_CASE("bidi controls are escaped so text is shown in the order it is stored", "[display]") {
  CHECK(terminal_safe("invoice\xe2\x80\xaetxt.exe") == "invoice\\u202etxt.exe");
  CHECK(terminal_safe("\xe2\x81\xa6x\xe2\x81\xa9 \xe2\x80\x8f \xd8\x9c") == "\\u2066x\\u2069 \\u200f \\u061c");
  // Other format characters that do not reorder text stay: a zero-width joiner in an emoji.
  CHECK(terminal_safe("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb") == "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
}

TEST_CASE("making text safe twice changes nothing more", "[display]") {
  const std::string once = terminal_safe("a\x1b[0m\x9b\xe2\x80\xae\xc2\x85z");
  CHECK(terminal_safe(once) == once);
}

TEST_CASE("JSON keeps the data but carries no raw C1, DEL or bidi control", "[display]") {
  const std::string text = "t\xe2\x80\xae\xc2\x9b\x7f\x1b!";
  const std::string dumped =
      json_terminal_safe(nlohmann::json{{"title", text}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  CHECK(dumped.find("\xe2\x80\xae") == std::string::npos);
  CHECK(dumped.find("\xc2\x9b") == std::string::npos);
  CHECK(dumped.find('\x7f') == std::string::npos);
  CHECK(dumped.find('\x1b') == std::string::npos);
  CHECK(nlohmann::json::parse(dumped)["title"] == text);  // the same string to a parser
}
