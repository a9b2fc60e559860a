// Per-document pipeline: decode -> segment -> classify, then title, date, cleaned content and entities.
#include "winnow/index/prepare.hpp"

#include <algorithm>

#include "winnow/filters/decode.hpp"
#include "winnow/filters/hash.hpp"
#include "winnow/filters/language_id.hpp"
#include "winnow/filters/utf8.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace {

// Content segments of one source line are joined with a space, lines with a
// newline, so snippets read like the article and the scorer sees every part.
std::string join_content(const std::vector<filters::Segment>& segments) {
  std::string content;
  int current_line = 0;
  for (const auto& segment : segments) {
    if (segment.label != filters::Label::content) continue;
    if (!content.empty()) content += segment.line == current_line ? ' ' : '\n';
    content += segment.text;
    current_line = segment.line;
  }
  return content;
}

std::string first_content_line(const std::vector<filters::Segment>& segments) {
  std::string title;
  int title_line = 0;
  for (const auto& segment : segments) {
    if (segment.label != filters::Label::content) continue;
    if (title_line != 0 && segment.line != title_line) break;
    if (!title.empty()) title += ' ';
    title += segment.text;
    title_line = segment.line;
  }
  return title;
}

// A first line can be a whole paragraph when a page had no headline; keep
// the title to a readable length, cut at a word boundary.
std::string shorten_title(std::string title) {
  constexpr std::size_t max_bytes = 160;
  if (title.size() <= max_bytes) return title;
  std::size_t cut = title.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut < max_bytes / 2) cut = filters::utf8::cut(title, max_bytes).size();
  title.resize(cut);
  return title + "…";
}

// Whether the classifier kept every segment of these lines (ascending):
// then the page's language was read from content text alone.
bool kept_whole(const std::vector<filters::Segment>& segments, const std::vector<int>& lines) {
  for (const auto& segment : segments)
    if (segment.label != filters::Label::content && std::binary_search(lines.begin(), lines.end(), segment.line))
      return false;
  return true;
}

}  // namespace

PrepareResult prepare_document(const FileInfo& file, std::string_view bytes,
                               const filters::ClassifyContext& context, std::string_view default_language) {
  filters::DecodeResult decoded = filters::decode(bytes);
  if (!decoded.decoded) return {std::nullopt, decoded.problem};

  PreparedDocument document;
  document.file = file;
  document.content_hash = filters::hash64(bytes);
  document.encoding = decoded.decoded->encoding;
  document.warnings = std::move(decoded.decoded->warnings);
  // The signature is the classifier's to give; the caller's hook still sees it first.
  filters::ClassifyContext with_signature = context;
  with_signature.on_story = [&document, &context](const std::optional<filters::StorySignature>& signature) {
    document.story_signature = signature;
    if (context.on_story) context.on_story(signature);
  };
  std::vector<filters::Segment> segments = filters::segment(decoded.decoded->text);
  // Read in the page's language (its stop words, cues, buttons), and in English.
  const filters::PageLanguage page = filters::identify_page_language_from(segments);
  with_signature.languages = filters::page_languages(page.guess.code, default_language);
  document.segments = filters::classify(std::move(segments), with_signature);
  document.title = shorten_title(first_content_line(document.segments));
  document.date = filters::article_date(document.segments, with_signature.languages);
  document.content = join_content(document.segments);
  // From the text that is kept: a cookie banner in English on a German page
  // does not make it English. The page's guess is that already when all
  // it read was kept, as an article's longest lines mostly are.
  document.language = kept_whole(document.segments, page.lines) ? page.guess
                                                                : filters::identify_language(document.content);
  document.text_language = document.language.code == filters::undetermined_language ? std::string(default_language)
                                                                                     : document.language.code;
  // From the labelled segments, so a re-clean that relabels a repeated footer
  // also drops the names that only the footer held; in the text language, so
  // that a German article's titles and country names are German's.
  document.entities = filters::extract_entities(document.segments, document.text_language);
  return {std::move(document), {}};
}

}  // namespace winnow::index
