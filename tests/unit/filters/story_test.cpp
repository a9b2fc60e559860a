// Story signatures: copies agree, different and templated articles do not, and the classifier hands one over.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/segment.hpp"
#include "winnow/filters/story.hpp"

using namespace winnow::filters;

namespace {

std::string seed_article(const std::string& prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(WINNOW_CORPUS)) {
    if (entry.path().filename().string().starts_with(prefix)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  }
  FAIL("no seed article " << prefix);
  return {};
}

StorySignature signature_of(const std::string& text) {
  const auto signature = story_signature({text});
  REQUIRE(signature.has_value());
  return *signature;
}

// What indexing gives: the signature the classifier hands over.
std::optional<StorySignature> classified_signature(const std::string& text) {
  std::optional<StorySignature> seen;
  ClassifyContext context;
  context.on_story = [&](const std::optional<StorySignature>& signature) { seen = signature; };
  (void)classify(segment(text), context);
  return seen;
}

std::string templated(const std::string& town) {
  return "Floods close roads around " + town + ". Heavy rain flooded the main roads around " + town +
         " on Tuesday, officials said, and schools stayed shut. Residents of " + town +
         " waded through water to reach the market, where traders counted their losses. The regional governor "
         "promised help for the families who lost their homes in " + town + " this week.";
}

}  // namespace

TEST_CASE("story signatures: a copy agrees whole, an edited copy nearly", "[story]") {
  const std::string article = seed_article("002_");
  CHECK(story_agreement(signature_of(article), signature_of(article)) == StorySignature::hashes);
  std::string edited = article;
  edited.replace(edited.find("peacekeeping"), 12, "peace-keeping");
  CHECK(same_story(signature_of(article), signature_of(edited)));
}

TEST_CASE("story signatures: different articles, and articles from one template, are different stories", "[story]") {
  const std::vector<std::string> seeds{seed_article("000_"), seed_article("001_"), seed_article("002_"),
                                       seed_article("003_"), seed_article("004_")};
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    for (std::size_t j = i + 1; j < seeds.size(); ++j) {
      INFO("seed " << i << " and seed " << j);
      CHECK_FALSE(same_story(signature_of(seeds[i]), signature_of(seeds[j])));
    }
  }
  CHECK_FALSE(same_story(signature_of(templated("Gao")), signature_of(templated("Mopti"))));
}

TEST_CASE("story signatures: too short a text has none; bands agree for copies", "[story]") {
  CHECK_FALSE(story_signature({"Share this"}).has_value());
  CHECK(story_signature({"three words", "and two"}).has_value());
  const std::string article = seed_article("001_");
  CHECK(story_band_keys(signature_of(article)) == story_band_keys(signature_of(article)));
  // A short text fills every bin, so no empty bin is taken for agreement.
  const StorySignature short_one = signature_of("Mali junta asks the UN to leave now");
  const StorySignature short_two = signature_of("Niger junta tells France to leave soon");
  CHECK(story_agreement(short_one, short_two) < story_agreement_needed);
}

TEST_CASE("the classifier hands over the signature of what it keeps on the document's own evidence", "[story]") {
  const std::string article = seed_article("003_");
  const auto plain = classified_signature(article);
  REQUIRE(plain.has_value());
  // The same story on another site: other furniture around the same text.
  const std::string other_site = "Cookies on The Northern Courier\nAccept all cookies\n\n" + article +
                                 "\nLeave a comment\nSubscribe to our newsletter for the latest news\n";
  const auto copied = classified_signature(other_site);
  REQUIRE(copied.has_value());
  CHECK(same_story(*plain, *copied));
  CHECK_FALSE(classified_signature("OK").has_value());
}
