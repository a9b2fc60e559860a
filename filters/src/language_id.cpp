// Language identification with CLD2: its tables are compiled into libcld2,
// so nothing is loaded at start-up and only winnow-index links it.
#include "winnow/filters/language_id.hpp"

#include <algorithm>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "winnow/filters/utf8.hpp"

namespace winnow::filters {

LanguageGuess identify_language(std::string_view text) {
  CLD2::Language languages[3];
  int percents[3] = {0, 0, 0};
  double scores[3];
  int text_bytes = 0;
  bool reliable = false;
  // An article's first few kilobytes name its language as well as the
  // whole does (CLD2 is right on every fixture and gold article from 120
  // bytes of body), and CLD2 was 8% of indexing's instructions on whole texts.
  text = utf8::cut(text, max_identified_bytes);
  const int length = static_cast<int>(text.size());
  const CLD2::Language found =
      CLD2::ExtDetectLanguageSummary(text.data(), length, /*is_plain_text=*/true, /*tld_hint=*/"",
                                     CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE, languages, percents, scores,
                                     &text_bytes, &reliable);
  LanguageGuess guess;
  if (found == CLD2::UNKNOWN_LANGUAGE || found == CLD2::TG_UNKNOWN_LANGUAGE || !reliable ||
      text_bytes < min_identified_bytes || languages[0] != found || percents[0] < min_identified_percent) {
    return guess;
  }
  std::string code = CLD2::LanguageCode(found);
  // CLD2 spells a few languages with their old or regional codes.
  if (const std::size_t dash = code.find('-'); dash != std::string::npos) code.resize(dash);  // "zh-Hant"
  if (code == "iw") code = "he";
  if (code == "jw") code = "jv";
  if (code.size() != 2) return guess;  // not an ISO 639-1 language ("haw", "xx-Qaai")
  guess.code = std::move(code);
  guess.confidence = percents[0];
  return guess;
}

PageLanguage identify_page_language_from(const std::vector<Segment>& segments) {
  std::vector<const Segment*> longest;
  longest.reserve(segments.size());
  for (const Segment& segment : segments) longest.push_back(&segment);
  std::stable_sort(longest.begin(), longest.end(),
                   [](const Segment* a, const Segment* b) { return a->text.size() > b->text.size(); });
  PageLanguage page;
  std::string sample;
  for (const Segment* segment : longest) {
    if (sample.size() >= max_identified_bytes) break;
    sample += segment->text;
    sample += '\n';
    page.lines.push_back(segment->line);
  }
  std::sort(page.lines.begin(), page.lines.end());
  page.lines.erase(std::unique(page.lines.begin(), page.lines.end()), page.lines.end());
  page.guess = identify_language(sample);
  return page;
}

LanguageGuess identify_page_language(const std::vector<Segment>& segments) {
  return identify_page_language_from(segments).guess;
}

}  // namespace winnow::filters
