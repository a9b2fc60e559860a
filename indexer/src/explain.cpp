// --explain: the filter's decision per segment, for users who want to see why.
#include "winnow/index/explain.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "repetition.hpp"
#include "winnow/index/display.hpp"
#include "winnow/index/local_index.hpp"
#include "winnow/index/schema.hpp"

namespace winnow::index {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// "  actors:" then one line per entity: its name, how often, and the names used.
std::string entities_text(std::string_view heading, const std::vector<filters::Entity>& entities) {
  if (entities.empty()) return fmt::format("  {}: none found\n", heading);
  std::string out = fmt::format("  {}:\n", heading);
  for (const auto& entity : entities) {
    out += fmt::format("    {} ({}x): {}\n", terminal_safe(entity.name), entity.count,
                       terminal_safe(joined(entity.mentions, ", ")));
  }
  return out;
}

nlohmann::json entities_json(const std::vector<filters::Entity>& entities) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& entity : entities) {
    out.push_back({{"name", entity.name},
                   {"key", entity.key},
                   {"mentions", entity.mentions},
                   {"alias_keys", entity.alias_keys},
                   {"count", entity.count}});
  }
  return out;
}

std::string evidence_text(const RepetitionEvidence& evidence) {
  std::vector<std::string> shown;
  for (const auto& copy : evidence.copies) shown.push_back(terminal_safe(display_path(copy)));
  const std::string copies = shown.empty() ? "no copies indexed"
                                           : fmt::format("{} {} indexed: {}", shown.size(),
                                                         shown.size() == 1 ? "copy" : "copies", joined(shown, ", "));
  return fmt::format("  repetition: story {}, {};\n              {} {} repeated in other stories{}\n",
                     evidence.story, copies, evidence.repeated_fingerprints,
                     evidence.repeated_fingerprints == 1 ? "segment" : "segments",
                     evidence.indexed ? "" : " (the file is not in the index)");
}

}  // namespace

ExplainedFile explain_file(const FileInfo& file, std::string_view bytes, const std::filesystem::path& index,
                           std::string_view default_language) {
  ExplainedFile out;
  if (index.empty()) {
    filters::ClassifyContext alone;
    alone.explain = true;
    out.prepared = prepare_document(file, bytes, alone, default_language);
    return out;
  }
  const Xapian::Database db = open_local_index(index.string());
  RepetitionEvidence evidence;
  evidence.index = index.string();
  // Its indexed version is no evidence against it, as in a run.
  Xapian::docid docid = db.get_lastdocid() + 1;
  std::vector<detail::Fingerprint> previous;
  const std::string id = schema::unique_id_term(file.path);
  if (auto posting = db.postlist_begin(id); posting != db.postlist_end(id)) {
    docid = *posting;
    previous = detail::fingerprints_of(db.get_document(docid));
    evidence.indexed = true;
  }
  detail::RepetitionTracker tracker(index.string());
  detail::RepetitionTracker::Answers answers;
  filters::ClassifyContext context = tracker.context_for(docid, file.path, std::move(previous), answers);
  context.explain = true;
  out.prepared = prepare_document(file, bytes, context,
                                  default_language);
  evidence.story = detail::encode_story(answers.story);
  for (const Xapian::docid copy : tracker.copies_of(docid)) {
    evidence.copies.push_back(db.get_document(copy).get_value(schema::path_slot));
  }
  std::sort(evidence.copies.begin(), evidence.copies.end());
  std::sort(answers.repeated.begin(), answers.repeated.end());
  evidence.repeated_fingerprints = static_cast<std::size_t>(
      std::unique(answers.repeated.begin(), answers.repeated.end()) - answers.repeated.begin());
  out.evidence = std::move(evidence);
  return out;
}

namespace {

// "de (97%)", or "und (stemmed as en)" for a language that was not identified.
std::string language_text(const PreparedDocument& document) {
  if (document.language.code == filters::undetermined_language) {
    return fmt::format("{} (not identified; words read as {})", document.language.code,
                       terminal_safe(document.text_language));
  }
  return fmt::format("{} ({}%)", document.language.code, document.language.confidence);
}

}  // namespace

std::string explain_text(const PreparedDocument& document, const std::string& shown_path,
                         const RepetitionEvidence* evidence) {
  std::string out = fmt::format("{}\n", terminal_safe(shown_path));
  if (evidence) out += evidence_text(*evidence);
  for (const auto& segment : document.segments) {
    std::string reasons;
    for (const auto& reason : segment.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
    out += fmt::format("  {:>4}  {:<11} {:.2f}  {}\n", segment.line, filters::label_name(segment.label),
                       segment.score, terminal_safe(segment.text));
    if (!reasons.empty()) out += fmt::format("{:>25}{}\n", "", reasons);
  }
  out += entities_text("actors", document.entities.actors);
  out += entities_text("places", document.entities.places);
  out += fmt::format("  title: {}\n", terminal_safe(document.title));
  out += fmt::format("  date:  {}\n", document.date ? document.date->iso() : "none found");
  out += fmt::format("  lang:  {}\n", language_text(document));
  return out;
}

std::string explain_json(const PreparedDocument& document, const std::string& shown_path,
                         const RepetitionEvidence* evidence) {
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& segment : document.segments) {
    segments.push_back({{"line", segment.line},
                        {"text", segment.text},
                        {"label", filters::label_name(segment.label)},
                        {"score", segment.score},
                        {"reasons", segment.reasons}});
  }
  nlohmann::json out = {
      {"path", shown_path},
      {"title", document.title},
      {"date", document.date ? nlohmann::json(document.date->iso()) : nlohmann::json(nullptr)},
      {"encoding", document.encoding},
      {"lang", document.language.code},
      {"lang_confidence", document.language.confidence},
      {"text_lang", document.text_language},
      {"segments", segments},
      {"content", document.content},
      {"entities", {{"actors", entities_json(document.entities.actors)},
                    {"places", entities_json(document.entities.places)}}}};
  if (evidence) {
    out["repetition"] = {{"index", evidence->index},
                         {"indexed", evidence->indexed},
                         {"story", evidence->story},
                         {"copies", evidence->copies},
                         {"repeated", evidence->repeated_fingerprints}};
  }
  return json_terminal_safe(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace winnow::index
