// winnow-eval --entities: scores the entity extractor against NAME.entities.json
// (tests/data/seed-gold/README.md "Entities", "How the labels are scored").
//
// An entity is a kind, a name and its surface forms (gold: the aliases,
// predicted: the mentions). A gold entity is found, and a predicted one
// matched, when the other side holds an entity of the same kind whose name or
// a form has the same scoring key as its name or one of its forms.
#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "gold.hpp"
#include "winnow/filters/decode.hpp"
#include "winnow/filters/entities.hpp"
#include "winnow/filters/language_id.hpp"

namespace winnow::eval {

namespace wf = winnow::filters;
using Kind = wf::EntityKind;

namespace {

constexpr std::array kinds{Kind::actor, Kind::place};

const char* kind_name(Kind kind) { return kind == Kind::actor ? "actor" : "place"; }

/// A gold or predicted entity as the scorer sees it.
struct Keyed {
  Kind kind = Kind::actor;
  std::string name;
  std::vector<std::string> forms;  ///< gold aliases (mojibake repaired) or predicted mentions
  std::set<std::string> keys;      ///< scoring keys of the name and the forms, empty ones left out

  Keyed(Kind k, std::string n, std::vector<std::string> f)
      : kind(k), name(std::move(n)), forms(std::move(f)) {
    keys.insert(scoring_key(name));
    for (const auto& form : forms) keys.insert(scoring_key(form));
    keys.erase("");
  }
  [[nodiscard]] bool shares_key(const Keyed& other) const {
    for (const auto& key : keys)
      if (other.keys.count(key)) return true;
    return false;
  }
};

/// Matched out of total: predicted entities matched (precision) or gold entities found (recall).
struct Count {
  int hit = 0;
  int total = 0;
  void add(const Count& other) {
    hit += other.hit;
    total += other.total;
  }
};

/// A file's or the whole run's figures; "all" is actors and places together.
struct Tally {
  std::array<Count, 2> precision;  ///< per kind: predicted entities that match a gold one
  std::array<Count, 2> recall;     ///< per kind: gold entities found
  Count any_precision;             ///< type-agnostic: a match of either kind counts
  Count any_recall;

  void add(const Tally& other) {
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      precision[k].add(other.precision[k]);
      recall[k].add(other.recall[k]);
    }
    any_precision.add(other.any_precision);
    any_recall.add(other.any_recall);
  }
  [[nodiscard]] Count all_precision() const { return sum(precision); }
  [[nodiscard]] Count all_recall() const { return sum(recall); }
  static Count sum(const std::array<Count, 2>& counts) {
    Count all;
    for (const auto& c : counts) all.add(c);
    return all;
  }
};

std::string quoted_list(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) out += (out.empty() ? "\"" : ", \"") + text + "\"";
  return out.empty() ? "(none)" : out;
}

// The alias text, or the text of a demonym object {"text", "demonym": true}.
std::string alias_text(const nlohmann::json& alias) {
  if (alias.is_string()) return alias.get<std::string>();
  if (alias.is_object() && alias.contains("text") && alias["text"].is_string())
    return alias["text"].get<std::string>();
  throw std::runtime_error("an alias is neither a string nor {\"text\": ...}: " + alias.dump());
}

std::vector<Keyed> parse_entities(const nlohmann::json& json) {
  if (!json.is_object()) throw std::runtime_error("not a JSON object");
  std::vector<Keyed> entities;
  for (const Kind kind : kinds) {
    const std::string list = kind == Kind::actor ? "actors" : "places";
    if (!json.contains(list) || !json[list].is_array())
      throw std::runtime_error("no \"" + list + "\" array");
    for (const auto& entry : json[list]) {
      if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
        throw std::runtime_error("an entry of \"" + list + "\" has no \"name\" string: " + entry.dump());
      std::vector<std::string> forms;
      if (entry.contains("aliases")) {
        if (!entry["aliases"].is_array())
          throw std::runtime_error("\"aliases\" of " + entry["name"].dump() + " is not an array");
        for (const auto& alias : entry["aliases"]) forms.push_back(wf::repair_mojibake(alias_text(alias)));
      }
      entities.emplace_back(kind, wf::repair_mojibake(entry["name"].get<std::string>()), forms);
    }
  }
  return entities;
}

/// The names a gold file lists as "ignored" (CoNLL-2003's MISC: nationalities,
/// events), which are scored neither way; none when it has no such list.
std::vector<Keyed> parse_ignored(const nlohmann::json& json) {
  std::vector<Keyed> out;
  if (!json.is_object() || !json.contains("ignored") || !json["ignored"].is_array()) return out;
  for (const auto& entry : json["ignored"]) {
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
      throw std::runtime_error("an entry of \"ignored\" has no \"name\" string: " + entry.dump());
    std::vector<std::string> forms;
    if (entry.contains("aliases") && entry["aliases"].is_array())
      for (const auto& alias : entry["aliases"]) forms.push_back(wf::repair_mojibake(alias_text(alias)));
    out.emplace_back(Kind::actor, wf::repair_mojibake(entry["name"].get<std::string>()), forms);
  }
  return out;
}

/// NAME.entities.json's ignored names (parse_ignored), or an error naming the file.
std::vector<Keyed> load_ignored(const fs::path& folder, const GoldDocument& doc) {
  const fs::path path = folder / (doc.name + ".entities.json");
  try {
    return parse_ignored(nlohmann::json::parse(read_file(path)));
  } catch (const std::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

/// Leaves out the predicted entities that match no gold entity of either
/// kind but match a name the gold ignores; returns how many.
std::size_t drop_ignored(std::vector<Keyed>& predicted, const std::vector<Keyed>& gold,
                         const std::vector<Keyed>& ignored) {
  const auto before = predicted.size();
  std::erase_if(predicted, [&](const Keyed& p) {
    const auto shares = [&](const Keyed& g) { return p.shares_key(g); };
    return std::none_of(gold.begin(), gold.end(), shares) && std::any_of(ignored.begin(), ignored.end(), shares);
  });
  return before - predicted.size();
}

/// NAME.entities.json in the folder, or an error naming the file.
std::vector<Keyed> load_entities(const fs::path& folder, const GoldDocument& doc) {
  const fs::path path = folder / (doc.name + ".entities.json");
  const std::string text = read_file(path);
  try {
    return parse_entities(nlohmann::json::parse(text));
  } catch (const std::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

// The text language, as winnow-index finds it: of the content kept, and
// English when it is undetermined.
std::string text_language(const std::vector<wf::Segment>& segments) {
  std::string content;
  for (const auto& segment : segments)
    if (segment.label == wf::Label::content) content += segment.text + '\n';
  const std::string code = wf::identify_language(content).code;
  return code == wf::undetermined_language ? "en" : code;
}

std::vector<Keyed> predicted_entities(const std::vector<wf::Segment>& segments) {
  const wf::Entities found = wf::extract_entities(segments, text_language(segments));
  std::vector<Keyed> out;
  for (const auto* list : {&found.actors, &found.places})
    for (const auto& e : *list) out.emplace_back(e.kind, e.name, e.mentions);
  return out;
}

// How many of `from` (of kind `kind`, or of any kind) share a key with an
// entity of `in` of the same kind (or of any kind); `missed` gets the others.
Count count_matches(const std::vector<Keyed>& from, const std::vector<Keyed>& in, const Kind* kind,
                    std::vector<const Keyed*>* missed = nullptr) {
  Count count;
  for (const auto& a : from) {
    if (kind && a.kind != *kind) continue;
    ++count.total;
    bool hit = false;
    for (const auto& b : in) hit = hit || ((!kind || b.kind == *kind) && a.shares_key(b));
    if (hit) ++count.hit;
    else if (missed) missed->push_back(&a);
  }
  return count;
}

Tally score_file(const std::vector<Keyed>& gold, const std::vector<Keyed>& predicted,
                 std::vector<const Keyed*>& false_positives, std::vector<const Keyed*>& misses) {
  Tally t;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    t.precision[k] = count_matches(predicted, gold, &kinds[k], &false_positives);
    t.recall[k] = count_matches(gold, predicted, &kinds[k], &misses);
  }
  t.any_precision = count_matches(predicted, gold, nullptr);
  t.any_recall = count_matches(gold, predicted, nullptr);
  return t;
}

std::string label(const Keyed& e) { return std::string(kind_name(e.kind)) + " \"" + e.name + "\""; }

// The entities of `from` that match several of `in`: a gold entity split
// into several predicted ones, or a predicted one merging several gold ones.
// The rule counts each as correct, but the facets would show them wrongly.
std::vector<std::string> multiple_matches(const std::vector<Keyed>& from, const std::vector<Keyed>& in) {
  std::vector<std::string> out;
  for (const auto& a : from) {
    std::vector<std::string> names;
    for (const auto& b : in)
      if (b.kind == a.kind && a.shares_key(b)) names.push_back(b.name);
    if (names.size() > 1) out.push_back(label(a) + "  matches: " + quoted_list(names));
  }
  return out;
}

// Whether `form` occurs in `content` other than inside one of the longer forms.
bool occurs_alone(const std::string& form, const std::string& content, const std::vector<Keyed>& gold) {
  std::vector<std::pair<std::size_t, std::size_t>> longer;  // spans of longer forms holding it
  for (const auto& e : gold)
    for (const auto& other : e.forms)
      if (other.size() > form.size() && other.find(form) != std::string::npos)
        for (auto at = content.find(other); at != std::string::npos; at = content.find(other, at + 1))
          longer.emplace_back(at, at + other.size());
  for (auto at = content.find(form); at != std::string::npos; at = content.find(form, at + 1)) {
    const auto inside = [&](const auto& span) { return span.first <= at && at + form.size() <= span.second; };
    if (std::none_of(longer.begin(), longer.end(), inside)) return true;
  }
  return false;
}

// Gold-data notes: forms the content does not hold outside a longer form (no
// extractor should return them), entities without a scorable form, forms
// shared by two entities.
std::vector<std::string> gold_notes(const GoldDocument& doc, const std::vector<Keyed>& gold) {
  const std::string content = gold_content_text(doc);
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const Keyed& e = gold[i];
    if (e.keys.empty()) notes.push_back(label(e) + " has no scorable form");
    for (const auto& form : e.forms)
      if (!occurs_alone(form, content, gold))
        notes.push_back(label(e) + ": alias \"" + form + "\" is not in the content outside a longer alias");
    for (std::size_t j = i + 1; j < gold.size(); ++j)
      if (e.shares_key(gold[j])) notes.push_back(label(e) + " and " + label(gold[j]) + " share a form");
  }
  return notes;
}

// A ratio, or "-" when there is nothing to count.
std::string figure(const Count& c) {
  if (c.total == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", ratio(c.hit, c.total));
  return buf;
}

std::string counted(const Count& c) { return std::to_string(c.hit) + "/" + std::to_string(c.total); }

void print_header() {
  std::printf("%-36s %6s %6s %6s %6s  %6s %7s %6s %7s\n", "file", "act P", "act R", "plc P", "plc R",
              "P", "match", "R", "found");
}

void print_row(const std::string& name, const Tally& t) {
  std::printf("%-36s %6s %6s %6s %6s  %6s %7s %6s %7s\n", name.c_str(), figure(t.precision[0]).c_str(),
              figure(t.recall[0]).c_str(), figure(t.precision[1]).c_str(), figure(t.recall[1]).c_str(),
              figure(t.all_precision()).c_str(), counted(t.all_precision()).c_str(),
              figure(t.all_recall()).c_str(), counted(t.all_recall()).c_str());
}

void print_entities(const char* what, const std::vector<const Keyed*>& entities, const char* forms) {
  for (const Keyed* e : entities)
    std::printf("    %-6s %s  %s: %s\n", what, label(*e).c_str(), forms, quoted_list(e->forms).c_str());
}

bool meets_bars(const Tally& overall, const Options& options) {
  bool ok = true;
  const Count p = overall.all_precision();
  const Count r = overall.all_recall();
  if (ratio(p.hit, p.total) < options.min_precision) {
    std::printf("FAIL: entity precision %s < %.3f\n", figure(p).c_str(), options.min_precision);
    ok = false;
  }
  if (ratio(r.hit, r.total) < options.min_recall) {
    std::printf("FAIL: entity recall %s < %.3f\n", figure(r).c_str(), options.min_recall);
    ok = false;
  }
  return ok;
}

}  // namespace

int evaluate_entities(const fs::path& folder, const Options& options) {
  const auto docs = load_folder(folder);
  const bool extract = options.predictions.empty();
  if (!extract && !fs::is_directory(options.predictions))
    throw std::runtime_error("cannot read " + options.predictions.string());
  std::vector<std::vector<Keyed>> gold;
  std::vector<std::vector<Keyed>> predicted;
  for (const auto& doc : docs) {
    gold.push_back(load_entities(folder, doc));
    // A predictions folder need not hold every file: a missing one predicts nothing.
    const bool has_prediction = !extract && fs::exists(options.predictions / (doc.name + ".entities.json"));
    predicted.push_back(has_prediction ? load_entities(options.predictions, doc) : std::vector<Keyed>{});
  }
  if (extract && options.gold_content) {
    for (std::size_t i = 0; i < docs.size(); ++i) predicted[i] = predicted_entities(wf::segment(gold_content_text(docs[i])));
  } else if (extract) {
    const auto classified = classify_folder(docs, !options.no_corpus);
    for (std::size_t i = 0; i < docs.size(); ++i) predicted[i] = predicted_entities(classified[i]);
  }

  std::size_t ignored = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) ignored += drop_ignored(predicted[i], gold[i], load_ignored(folder, docs[i]));

  print_header();
  Tally overall;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::vector<const Keyed*> false_positives;
    std::vector<const Keyed*> misses;
    const Tally t = score_file(gold[i], predicted[i], false_positives, misses);
    print_row(docs[i].name, t);
    overall.add(t);
    if (!options.verbose) continue;
    print_entities("FP", false_positives, "mentions");
    print_entities("miss", misses, "forms");
    for (const auto& split : multiple_matches(gold[i], predicted[i]))
      std::printf("    split  %s\n", split.c_str());
    for (const auto& merge : multiple_matches(predicted[i], gold[i]))
      std::printf("    merge  %s\n", merge.c_str());
    for (const auto& note : gold_notes(docs[i], gold[i])) std::printf("    note   %s\n", note.c_str());
  }
  const Count p = overall.all_precision();
  const Count r = overall.all_recall();
  const std::string source = extract ? "" : " (predictions: " + options.predictions.string() + ")";
  std::printf("overall %s%s: %zu files, precision %s (%s), recall %s (%s); actors P %s R %s, places "
              "P %s R %s; type-agnostic P %s R %s\n",
              folder.filename().string().c_str(), source.c_str(),
              docs.size(), figure(p).c_str(), counted(p).c_str(), figure(r).c_str(),
              counted(r).c_str(), figure(overall.precision[0]).c_str(),
              figure(overall.recall[0]).c_str(), figure(overall.precision[1]).c_str(),
              figure(overall.recall[1]).c_str(), figure(overall.any_precision).c_str(),
              figure(overall.any_recall).c_str());
  if (ignored > 0) std::printf("  (%zu predicted entities matched only names the gold ignores, and were not scored)\n", ignored);
  return meets_bars(overall, options) ? 0 : 1;
}

}  // namespace winnow::eval
