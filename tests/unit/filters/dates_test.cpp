// Unit tests for dates: written forms, the day-first rule, validation, and the article's date.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "winnow/filters/dates.hpp"
#include "winnow/filters/segment.hpp"

using winnow::filters::article_date;
using winnow::filters::Date;
using winnow::filters::find_date;
using winnow::filters::segment;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string found_iso(const std::string& text) {
  const auto date = find_date(text);
  return date ? date->iso() : "none";
}

std::string article_iso(const std::string& text) {
  const auto date = article_date(segment(text));
  return date ? date->iso() : "none";
}

}  // namespace

TEST_CASE("Date prints ISO and sortable forms", "[dates]") {
  const Date date{2023, 7, 1};
  CHECK(date.iso() == "2023-07-01");
  CHECK(date.sortable() == "20230701");
}

TEST_CASE("find_date reads the written forms news sites use", "[dates]") {
  const auto [text, iso] = GENERATE(table<std::string, std::string>({
      {"July 1, 2023", "2023-07-01"},
      {"Published Jul. 1, 2023 at 10:00", "2023-07-01"},
      {"Sept 14 2024", "2024-09-14"},
      {"JULY 20, 2024", "2024-07-20"},
      {"Posted by Aïssata Cissé on 18 November 2024 · 6 min read", "2024-11-18"},
      {"1st August 2024", "2024-08-01"},
      {"9 Jul 2024", "2024-07-09"},
      {"updated 2024-03-30T10:00", "2024-03-30"},
      {"Luca Iotti . 09/07/2024 . Reading time: 2 minutes", "2024-07-09"},
      {"09.07.2024", "2024-07-09"},
      {"9-7-2024", "2024-07-09"},
      {"07/25/2024", "2024-07-25"},
  }));
  CHECK(found_iso(text) == iso);
}

TEST_CASE("find_date rejects impossible and out-of-range dates", "[dates]") {
  const auto [text, iso] = GENERATE(table<std::string, std::string>({
      {"February 31, 2024", "none"},
      {"31/02/2024", "none"},
      {"29/02/2023", "none"},
      {"29/02/2024", "2024-02-29"},
      {"13/13/2024", "none"},
      {"July 1, 1850", "none"},
      {"1 July 2150", "none"},
      {"in December 2023", "none"},  // no day
      {"on June 30", "none"},        // no year
      {"31/02/2024 then 1 March 2024", "2024-03-01"},
  }));
  CHECK(found_iso(text) == iso);
}

TEST_CASE("the article date is the dateline's, not one in the body", "[dates]") {
  const auto [file, iso] = GENERATE(table<std::string, std::string>({
      {"seed-gold/000_83a647917034a0e8.txt", "2024-07-09"},
      {"seed-gold/001_1dda32276892a587.txt", "none"},
      {"seed-gold/002_8ef430123d4cc39d.txt", "2023-07-01"},
      {"seed-gold/003_a65d448c5312df79.txt", "none"},
      {"seed-gold/004_97bd423b222bc096.txt", "none"},
      {"boilerplate-dev/dev03_mali-heatwave.txt", "2024-04-12"},            // after a cookie banner
      {"boilerplate-dev/dev06_meta-pay-or-consent.txt", "2024-07-01"},      // published, then updated
      {"boilerplate-dev/dev13_rwanda-ruling.txt", "2024-11-15"},            // not the ruling's date
      {"boilerplate-dev/dev16_south-africa-coalition.txt", "2024-07-20"},
  }));
  INFO(file);
  CHECK(article_iso(read_file(std::string(WINNOW_TEST_DATA) + "/" + file)) == iso);
}

TEST_CASE("a date in a long paragraph or after the body starts is not the article's", "[dates]") {
  const std::string long_paragraph =
      "The mission, which was established in 2013 and cost more than a billion dollars a year, "
      "was withdrawn on July 1, 2024 after the junta asked the Council to end it at once.";
  CHECK(article_iso("Headline\n\n" + long_paragraph + "\n") == "none");
  const std::string body =
      "Body text that goes on for long enough to count as a paragraph of the article, with "
      "plenty of words in it so that the head of the document is clearly over by now.";
  CHECK(article_iso("Headline\n\n" + body + "\n\n" + body + "\n\nJuly 1, 2023\n") == "none");
  CHECK(article_iso("Headline\n\nBy A. Writer, 2 April 2024\n\n" + body + "\n") == "2024-04-02");
  CHECK(article_date({}) == std::nullopt);
}

// Month names come from ICU's locale data for each language (declensions
// included), ordinals and linking words from the languages' data files.
TEST_CASE("find_date reads month names in the page's languages", "[dates][languages]") {
  const auto [language, text, iso] = GENERATE(table<std::string, std::string, std::string>({
      {"de", "Von Anna Schmidt | 18. März 2025", "2025-03-18"},
      {"de", "Aktualisiert am 3. Okt. 2024", "2024-10-03"},
      {"fr", "Publié le 1er mars 2025 à 10 h", "2025-03-01"},
      {"fr", "Mis à jour le 22 août 2024", "2024-08-22"},
      {"es", "Madrid, 18 de marzo de 2025", "2025-03-18"},
      {"pt", "Lisboa, 1º de maio de 2025", "2025-05-01"},
      {"it", "Roma, 5 settembre 2025", "2025-09-05"},
      {"nl", "Bijgewerkt op 18 maart 2025", "2025-03-18"},
      {"pl", "Warszawa, 3 maja 2025", "2025-05-03"},
      {"pl", "Kraków, 14 października 2024", "2024-10-14"},
  }));
  const std::vector<std::string> languages{language, "en"};
  const auto date = find_date(text, languages);
  CHECK((date ? date->iso() : "none") == iso);
  // English names still read beside the page's own.
  CHECK(find_date("July 1, 2023", languages).has_value());
}

TEST_CASE("a month name of another language is not read", "[dates][languages]") {
  CHECK(found_iso("Von Anna Schmidt | 18. März 2025") == "none");  // English alone
  const std::vector<std::string> french{"fr"};
  CHECK(!find_date("18 de marzo de 2025", french).has_value());
}
