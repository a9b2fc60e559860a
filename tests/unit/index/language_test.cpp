// Languages: identification of whole prepared articles, text languages and
// per-language data, on the real files of tests/data (no stand-ins).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "winnow/filters/language_data.hpp"
#include "winnow/filters/language_id.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/filters/text.hpp"
#include "winnow/index/prepare.hpp"

namespace fs = std::filesystem;
using namespace winnow;

namespace {

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

index::PreparedDocument prepared(const fs::path& file, std::string_view default_language = index::fallback_language) {
  const std::string bytes = read(file);
  auto result = index::prepare_document({file.string(), 0, bytes.size()}, bytes, {}, default_language);
  REQUIRE(result.document);
  return std::move(*result.document);
}

std::vector<std::string> terms(std::string_view text, std::string_view language) {
  std::vector<std::string> out;
  for (auto& token : filters::tokenise(text, 0, filters::text_rules(language))) out.push_back(std::move(token.term));
  return out;
}

}  // namespace

TEST_CASE("every article of the eight languages' fixtures is identified as its folder's language") {
  std::map<std::string, int> right, seen;
  for (const auto& folder : fs::directory_iterator(fs::path(WINNOW_TEST_DATA) / "langs")) {
    if (!folder.is_directory()) continue;
    const std::string language = folder.path().filename().string();
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (file.path().extension() != ".txt") continue;  // beside each article, its gold labels
      const auto document = prepared(file.path());
      ++seen[language];
      INFO(file.path().filename().string() << " read as " << document.language.code);
      CHECK(document.language.code == language);
      CHECK(document.language.confidence >= filters::min_identified_percent);
      CHECK(document.text_language == language);
      if (document.language.code == language) ++right[language];
    }
  }
  CHECK(seen.size() == 8);
  for (const auto& [language, count] : seen) CHECK(count >= 5);
}

TEST_CASE("every gold article is English") {
  for (const char* folder : {"seed-gold", "boilerplate-dev"}) {
    for (const auto& file : fs::directory_iterator(fs::path(WINNOW_TEST_DATA) / folder)) {
      if (file.path().extension() != ".txt") continue;
      INFO(file.path().filename().string());
      CHECK(prepared(file.path()).language.code == "en");
    }
  }
}

TEST_CASE("too little text has no language and is read in the run's default") {
  CHECK(filters::identify_language("").code == "und");
  CHECK(filters::identify_language("Mali").code == "und");
  CHECK(filters::identify_language("12 345 678 -- 2024/07/09").code == "und");
  const fs::path file = fs::temp_directory_path() / "winnow-language-short.txt";
  std::ofstream(file) << "Gao\n";
  CHECK(prepared(file).language.code == "und");
  CHECK(prepared(file).language.confidence == 0);
  CHECK(prepared(file).text_language == "en");
  CHECK(prepared(file, "de").text_language == "de");
  fs::remove(file);
}

TEST_CASE("French and Italian elisions split; English apostrophes fold as before") {
  CHECK(terms("l’élection en Côte d’Ivoire", "fr") == std::vector<std::string>{"l", "election", "en", "cote", "d", "ivoire"});
  CHECK(terms("Qu'il parte jusqu’à Paris", "fr") == std::vector<std::string>{"qu", "il", "parte", "jusqu", "a", "paris"});
  CHECK(terms("dell’Unione, l'anno", "it") == std::vector<std::string>{"dell", "unione", "l", "anno"});
  // English has no elisions: words keep folding into one.
  CHECK(terms("Côte d’Ivoire, O'Brien's", "en") == std::vector<std::string>{"cote", "divoire", "obrien"});
  CHECK(terms("l’élection", "") == std::vector<std::string>{"lelection"});
  // Only whole elided words split: "nell" yes, "snell'x" is no elision.
  CHECK(terms("nell’aula snell'x", "it") == std::vector<std::string>{"nell", "aula", "snellx"});
}

TEST_CASE("a language is its files: a toy language's lists are read from WINNOW_LANG_DIR's folder") {
  // The data folder is chosen once per process; this test only reads one
  // that is already in use, and a language that has no folder.
  const auto& missing = filters::language_data("zz-none");
  CHECK(missing.list("elisions").empty());
  CHECK(missing.set("stopwords").empty());
  const auto& french = filters::language_data("fr");
  CHECK(french.set("elisions").contains("qu"));
  CHECK(french.set("elisions").contains("l"));
  CHECK(&filters::language_data("fr") == &french);  // loaded once
  const auto languages = filters::data_languages();
  CHECK(std::find(languages.begin(), languages.end(), "fr") != languages.end());
}

TEST_CASE("a page's language comes from its longest lines, not an English banner above them") {
  const std::string page =
      "We use cookies to improve your experience on our website. By continuing to browse, you agree.\n\n"
      "Accept all | Manage preferences\n\n"
      "Neue Straßenbahnlinie in Leipzig verzögert sich\n\n"
      "Die geplante Straßenbahnlinie in den Leipziger Süden wird später fertig als bisher angekündigt. "
      "Nach Angaben der Verkehrsbetriebe müssen die Arbeiten an einer Brücke neu ausgeschrieben werden, "
      "weil sich kein Unternehmen auf die erste Ausschreibung beworben hatte.\n\n"
      "Anwohnerinnen und Anwohner reagierten verärgert, denn viele hatten gehofft, bald nicht mehr auf "
      "die überfüllten Busse angewiesen zu sein, die in den Stoßzeiten oft im Stau stehen.\n";
  CHECK(filters::identify_page_language(filters::segment(page)).code == "de");
  CHECK(filters::identify_page_language({}).code == filters::undetermined_language);
}
