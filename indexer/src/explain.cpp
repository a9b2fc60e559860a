// --explain: the filter's decision per segment, for users who want to see why.
#include "winnow/index/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "winnow/index/display.hpp"

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

}  // namespace

std::string explain_text(const PreparedDocument& document, const std::string& shown_path) {
  std::string out = fmt::format("{}\n", terminal_safe(shown_path));
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
  return out;
}

std::string explain_json(const PreparedDocument& document, const std::string& shown_path) {
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& segment : document.segments) {
    segments.push_back({{"line", segment.line},
                        {"text", segment.text},
                        {"label", filters::label_name(segment.label)},
                        {"score", segment.score},
                        {"reasons", segment.reasons}});
  }
  const nlohmann::json out = {
      {"path", shown_path},
      {"title", document.title},
      {"date", document.date ? nlohmann::json(document.date->iso()) : nlohmann::json(nullptr)},
      {"encoding", document.encoding},
      {"segments", segments},
      {"content", document.content},
      {"entities", {{"actors", entities_json(document.entities.actors)},
                    {"places", entities_json(document.entities.places)}}}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace winnow::index
