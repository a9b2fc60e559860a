// winnow-eval: scores the boilerplate filter, or with --entities the entity
// extractor, against a folder of gold-labelled documents (DESIGN.md "Gold data").
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "gold.hpp"

int main(int argc, char** argv) {
  namespace we = winnow::eval;
  CLI::App app{"Scores the boilerplate filter, or the entity extractor, against a folder of "
               "gold-labelled documents."};
  std::string folder;
  std::string predictions;
  bool entities = false;
  we::Options options;
  app.add_option("folder", folder, "folder of NAME.txt + NAME.labels (+ NAME.entities.json)")
      ->required();
  app.add_flag("--verbose", options.verbose,
               "boilerplate: print every segment, label, score and reasons of failing files; "
               "entities: list false positives, misses, split and merged entities and notes on "
               "the gold data");
  app.add_flag("--no-corpus", options.no_corpus,
               "classify each file alone, without repetition counts");
  auto* entity_mode =
      app.add_flag("--entities", entities, "score the entity extractor instead of the boilerplate filter");
  app.add_option("--min-f1", options.min_f1, "fail when overall content F1 is below this")
      ->excludes(entity_mode);
  app.add_option("--min-removed", options.min_removed,
                 "fail when the share of boilerplate removed is below this")
      ->excludes(entity_mode);
  app.add_option("--write-cleaned", options.write_cleaned,
                 "write each file's cleaned text (its content, a line per source line) to this folder as NAME.txt")
      ->excludes(entity_mode)
      ->check(CLI::ExistingDirectory);
  app.add_flag("--exact", options.exact,
               "fail unless every content line is kept and every boilerplate line removed")
      ->excludes(entity_mode);
  app.add_option("--min-precision", options.min_precision,
                 "entities: fail when overall precision is below this")
      ->needs(entity_mode);
  app.add_option("--min-recall", options.min_recall, "entities: fail when overall recall is below this")
      ->needs(entity_mode);
  app.add_flag("--gold-content", options.gold_content,
               "entities: extract from the gold's content lines rather than what the classifier keeps "
               "(the entity stage scored alone)")
      ->needs(entity_mode);
  app.add_option("--predictions", predictions,
                 "entities: score the NAME.entities.json of this folder instead of running the extractor "
                 "(a missing file predicts nothing; the gold folder itself is the scorer's self-check)")
      ->needs(entity_mode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  options.predictions = predictions;
  try {
    return entities ? we::evaluate_entities(folder, options) : we::evaluate_boilerplate(folder, options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "winnow-eval: %s\n", e.what());
    return 2;
  }
}
