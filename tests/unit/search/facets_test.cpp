// Unit tests for entity facets: name resolution, entity filters, exact facet
// counts and value lists, on real Xapian databases in a temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "winnow/index/document.hpp"
#include "winnow/index/schema.hpp"
#include "winnow/search/facets.hpp"
#include "winnow/search/output.hpp"
#include "winnow/search/query.hpp"
#include "winnow/search/searcher.hpp"

namespace fs = std::filesystem;
using namespace winnow;
using filters::EntityKind;

namespace {

/// A temporary folder for on-disk indexes, removed afterwards.
struct TempDir {
  fs::path root = fs::temp_directory_path() / ("winnow-facets-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(root); }
  ~TempDir() { fs::remove_all(root); }
};

/// An entity as the entity stage would give it: the key and alias keys derived from the names.
filters::Entity entity(EntityKind kind, const std::string& name, const std::vector<std::string>& also_called = {}) {
  filters::Entity out;
  out.kind = kind;
  out.name = name;
  out.key = filters::entity_key(name);
  out.mentions = {name};
  for (const auto& mention : also_called) {
    out.mentions.push_back(mention);
    if (filters::entity_key(mention) != out.key) out.alias_keys.push_back(filters::entity_key(mention));
  }
  out.count = static_cast<unsigned>(out.mentions.size());
  return out;
}

filters::Entity actor(const std::string& name, const std::vector<std::string>& also_called = {}) {
  return entity(EntityKind::actor, name, also_called);
}

filters::Entity place(const std::string& name, const std::vector<std::string>& also_called = {}) {
  return entity(EntityKind::place, name, also_called);
}

struct Article {
  std::string name;  ///< the file name: /a/NAME.txt
  std::string text;
  std::vector<filters::Entity> actors;
  std::vector<filters::Entity> places;
};

Xapian::Document document_of(const Article& article) {
  index::PreparedDocument prepared;
  prepared.file.path = "/a/" + article.name + ".txt";
  filters::Segment segment;
  segment.line = 1;
  segment.text = article.text;
  prepared.segments = {segment};
  prepared.title = article.text;
  prepared.content = article.text;
  prepared.entities.actors = article.actors;
  prepared.entities.places = article.places;
  return index::build_document(prepared);
}

void add_articles(Xapian::WritableDatabase& db, const std::vector<Article>& articles) {
  for (const auto& article : articles) db.add_document(document_of(article));
  db.commit();
}

/// The Sahel sample: the spellings, aliases and overlaps facets must cope with.
std::vector<Article> sahel() {
  return {
      {"guterres-long", "Antonio Guterres met Wagner Group leaders in Gao, Mali.",
       {actor("Antonio Guterres", {"Guterres"}), actor("Wagner Group", {"Wagner"})}, {place("Mali"), place("Gao")}},
      {"guterres-accent", "António Guterres said the mission in Mali would end.",
       {actor("António Guterres", {"Guterres"})}, {place("Mali")}},
      {"wagner-short", "Wagner fighters were seen near Menaka in Mali.", {actor("Wagner")},
       {place("Mali"), place("Ménaka")}},
      {"unsc", "The United Nations Security Council (UNSC) voted in New York.",
       {actor("United Nations Security Council", {"UNSC"})}, {place("New York")}},
      {"ivory", "Cocoa prices rose in Côte d'Ivoire, also called Ivory Coast.", {},
       {place("Côte d'Ivoire", {"Ivory Coast"})}},
      {"nobody", "Rain fell on the market.", {}, {}},
  };
}

std::vector<std::string> paths_of(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::vector<std::string> paths;
  const Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    paths.push_back(index::read_stored_fields(it.get_document()).path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> actor_paths(const Xapian::Database& db, const std::string& name) {
  return paths_of(db, search::entity_query(db, EntityKind::actor, name));
}

std::vector<std::string> place_paths(const Xapian::Database& db, const std::string& name) {
  return paths_of(db, search::entity_query(db, EntityKind::place, name));
}

search::SearchRequest request(const std::string& query) {
  search::SearchRequest out;
  out.query = query;
  return out;
}

using Paths = std::vector<std::string>;
using Keys = std::vector<std::string>;

Xapian::WritableDatabase in_memory(const std::vector<Article>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  add_articles(db, articles);
  return db;
}

}  // namespace

TEST_CASE("a name resolves to its key, what it is an alias of, and its aliases", "[facets][resolve]") {
  const auto db = in_memory(sahel());
  // An alias points to the full name, and documents using only the alias count too.
  CHECK(search::resolve_entity(db, EntityKind::actor, "Wagner") == Keys{"wagner", "wagner group"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "wagner group") == Keys{"wagner", "wagner group"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "WAGNER-GROUP") == Keys{"wagner", "wagner group"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "guterres") == Keys{"antonio guterres"});
  // Aliases that are no document's entity ("guterres" alone) add nothing.
  CHECK(search::resolve_entity(db, EntityKind::actor, "Antónió Guterres") == Keys{"antonio guterres"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "unsc") == Keys{"united nations security council"});
  CHECK(search::resolve_entity(db, EntityKind::place, "ivory coast") == Keys{"cote divoire"});
  CHECK(search::resolve_entity(db, EntityKind::place, "Côte d’Ivoire") == Keys{"cote divoire"});
  CHECK(search::resolve_entity(db, EntityKind::place, "menaka") == Keys{"menaka"});
}

TEST_CASE("a name that resolves to nothing matches nothing", "[facets][resolve]") {
  const auto db = in_memory(sahel());
  CHECK(search::resolve_entity(db, EntityKind::actor, "Prigozhin").empty());
  CHECK(search::resolve_entity(db, EntityKind::place, "Aguelhok").empty());
  CHECK(search::resolve_entity(db, EntityKind::actor, "").empty());
  CHECK(search::resolve_entity(db, EntityKind::actor, "!!!").empty());
  CHECK(actor_paths(db, "Prigozhin").empty());
  // Kinds do not mix: Mali is a place, not an actor.
  CHECK(actor_paths(db, "Mali").empty());
}

TEST_CASE("a surname or first name alone finds the full name when nothing else does", "[facets][resolve]") {
  // No document calls him "Guterres" alone, so no alias term helps.
  const auto db = in_memory({{"a", "x", {actor("António Guterres")}, {}},
                             {"b", "x", {actor("Maria Guterres Silva")}, {}},
                             {"c", "x", {actor("Guterresson")}, {}},
                             {"d", "x", {}, {place("New York")}}});
  CHECK(search::resolve_entity(db, EntityKind::actor, "guterres") == Keys{"antonio guterres"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "antonio") == Keys{"antonio guterres"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "gut").empty());  // words, not letters
  // Only for actors: "york" is no place of its own.
  CHECK(search::resolve_entity(db, EntityKind::place, "york").empty());
}

TEST_CASE("Wagner, \"wagner group\" and actor:wagner find the same documents", "[facets][filter]") {
  const auto db = in_memory(sahel());
  const Paths wagner{"/a/guterres-long.txt", "/a/wagner-short.txt"};
  CHECK(actor_paths(db, "Wagner") == wagner);
  CHECK(actor_paths(db, "wagner group") == wagner);
  CHECK(paths_of(db, search::parse_query("actor:wagner", db)) == wagner);
  CHECK(paths_of(db, search::parse_query("actor:\"Wagner Group\"", db)) == wagner);
  CHECK(paths_of(db, search::parse_query("ACTOR:WAGNER", db)) == wagner);  // the normaliser folds field names too

  const Paths guterres{"/a/guterres-accent.txt", "/a/guterres-long.txt"};
  CHECK(actor_paths(db, "guterres") == guterres);
  CHECK(actor_paths(db, "Antonio Guterres") == guterres);
  CHECK(place_paths(db, "Ivory Coast") == Paths{"/a/ivory.txt"});
  CHECK(paths_of(db, search::parse_query("place:\"ivory coast\"", db)) == Paths{"/a/ivory.txt"});
}

TEST_CASE("entity filters combine with AND and with the query, and do not change the ranking", "[facets][filter]") {
  const auto db = in_memory(sahel());
  auto both = request("");
  both.places = {"Mali", "Gao"};
  CHECK(paths_of(db, search::build_query(db, both)) == Paths{"/a/guterres-long.txt"});
  both.places = {"Gao", "New York"};
  CHECK(paths_of(db, search::build_query(db, both)).empty());
  CHECK(paths_of(db, search::parse_query("place:mali place:gao", db)) == Paths{"/a/guterres-long.txt"});
  CHECK(paths_of(db, search::parse_query("mali actor:guterres", db)) ==
        Paths{"/a/guterres-accent.txt", "/a/guterres-long.txt"});
  CHECK(paths_of(db, search::parse_query("mali -actor:wagner", db)) == Paths{"/a/guterres-accent.txt"});

  auto filtered = request("mali");
  filtered.actors = {"Wagner"};
  CHECK(paths_of(db, search::build_query(db, filtered)) == Paths{"/a/guterres-long.txt", "/a/wagner-short.txt"});
  // Each match weighs what it weighs for the query alone.
  const auto weights = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::map<Xapian::docid, double> out;
    const auto matches = enquire.get_mset(0, 10);
    for (auto it = matches.begin(); it != matches.end(); ++it) out[*it] = it.get_weight();
    return out;
  };
  const auto alone = weights(search::parse_query("mali", db));
  for (const auto& [docid, weight] : weights(search::build_query(db, filtered))) {
    CHECK(weight == Approx(alone.at(docid)));
  }
  auto unknown = request("mali");
  unknown.actors = {"Nobody At All"};
  CHECK(search::run_search(db, unknown).total == 0);
}

TEST_CASE("normalise_query keeps actor: and place: filters and their quoted values intact", "[facets][query]") {
  CHECK(search::normalise_query("Mali actor:\"Wagner Group\" Gao") == "mali actor:\"Wagner Group\" gao");
  CHECK(search::normalise_query("place:Ménaka AND Wagner") == "place:Ménaka AND wagner");
  CHECK(search::normalise_query("-actor:Wagner (place:\"Côte d’Ivoire\" OR Mali)") ==
        "-actor:Wagner (place:\"Côte d’Ivoire\" OR mali)");
  CHECK(search::normalise_query("actor:\"Wagner Group") == "actor:\"Wagner Group");
  CHECK(search::normalise_query("factor:X") == "factor:x");
}

TEST_CASE("facets count every match exactly, not just the page shown", "[facets][counts]") {
  // 30 matches, shown one at a time: counts come from all 30.
  std::vector<Article> articles;
  for (int i = 0; i < 30; ++i) {
    Article article{fmt::format("n{}", i), "Peacekeepers left the region.", {}, {place("Mali")}};
    if (i % 3 == 0) article.places.push_back(place("Gao"));
    if (i % 5 == 0) article.actors.push_back(actor("MINUSMA"));
    if (i % 2 == 0) article.actors.push_back(actor("Wagner Group"));
    articles.push_back(article);
  }
  articles.push_back({"other", "Cocoa prices rose.", {actor("Wagner Group")}, {place("Abidjan")}});
  const auto db = in_memory(articles);

  auto page = request("peacekeepers");
  page.limit = 1;
  page.facets = true;
  const auto response = search::run_search(db, page);
  CHECK(response.hits.size() == 1);
  CHECK(response.total == 30);
  CHECK(response.exact);
  REQUIRE(response.facets);
  CHECK(response.facets->places == std::vector<search::FacetValue>{{"Mali", "mali", 30}, {"Gao", "gao", 10}});
  CHECK(response.facets->actors ==
        std::vector<search::FacetValue>{{"Wagner Group", "wagner group", 15}, {"MINUSMA", "minusma", 6}});
  CHECK_FALSE(response.facets->estimated);  // 30 matches: far under the sample size

  // Without --facets nothing is counted.
  page.facets = false;
  CHECK_FALSE(search::run_search(db, page).facets);
}

TEST_CASE("facets show the top ten of each kind, by count then name", "[facets][counts]") {
  std::vector<Article> articles;
  // Place k (k = 1..12) is in k documents; "Beta" and "Alpha" tie.
  for (int k = 1; k <= 12; ++k) {
    for (int n = 0; n < k; ++n) {
      articles.push_back({fmt::format("p{}-{}", k, n), "flood", {}, {place(fmt::format("Town{}", k))}});
    }
  }
  articles.push_back({"beta", "flood", {}, {place("Beta")}});
  articles.push_back({"alpha", "flood", {}, {place("Alpha")}});
  const auto db = in_memory(articles);
  auto all = request("flood");
  all.facets = true;
  const auto facets = search::run_search(db, all).facets;
  REQUIRE(facets);
  REQUIRE(facets->places.size() == search::facets_shown);
  CHECK(facets->places.front() == search::FacetValue{"Town12", "town12", 12});
  CHECK(facets->places.back() == search::FacetValue{"Town3", "town3", 3});
  CHECK(facets->actors.empty());

  const auto every = search::list_facet(db, EntityKind::place);
  REQUIRE(every.size() == 14);
  CHECK(every[10] == search::FacetValue{"Town2", "town2", 2});
  CHECK(every[11] == search::FacetValue{"Alpha", "alpha", 1});  // ties: by name
  CHECK(every[12] == search::FacetValue{"Beta", "beta", 1});
  CHECK(every[13] == search::FacetValue{"Town1", "town1", 1});
}

TEST_CASE("each key is shown in the spelling most documents use", "[facets][names]") {
  const auto db = in_memory({{"1", "x", {actor("António Guterres")}, {}},
                             {"2", "x", {actor("Antonio Guterres")}, {}},
                             {"3", "x", {actor("António Guterres")}, {}},
                             {"4", "x", {actor("ANTONIO GUTERRES")}, {}}});
  CHECK(search::display_name(db, EntityKind::actor, "antonio guterres") == "António Guterres");
  CHECK(search::list_facet(db, EntityKind::actor) ==
        std::vector<search::FacetValue>{{"António Guterres", "antonio guterres", 4}});
  CHECK(search::display_name(db, EntityKind::actor, "nobody") == "nobody");
}

TEST_CASE("a value list counts every value over the index, or over a query's matches", "[facets][list]") {
  const auto db = in_memory(sahel());
  const auto places = search::list_facet(db, EntityKind::place);
  CHECK(places == std::vector<search::FacetValue>{{"Mali", "mali", 3},
                                                  {"Côte d'Ivoire", "cote divoire", 1},
                                                  {"Gao", "gao", 1},
                                                  {"Ménaka", "menaka", 1},
                                                  {"New York", "new york", 1}});
  // From term frequencies or from a spy over every document: the same counts.
  CHECK(search::list_facet(db, EntityKind::place, Xapian::Query::MatchAll) == places);

  auto wagner = request("");
  wagner.actors = {"wagner"};
  CHECK(search::list_facet(db, EntityKind::place, search::build_query(db, wagner)) ==
        std::vector<search::FacetValue>{{"Mali", "mali", 2}, {"Gao", "gao", 1}, {"Ménaka", "menaka", 1}});
  CHECK(search::list_facet(db, EntityKind::actor, search::parse_query("zzzz", db)).empty());
  auto nobody = request("");
  nobody.actors = {"Nobody At All"};
  CHECK(search::list_facet(db, EntityKind::place, search::build_query(db, nobody)).empty());
}

TEST_CASE("facets, lists and alias resolution work over several databases as one", "[facets][multi]") {
  TempDir dir;
  {
    // The alias "Wagner" of "Wagner Group" is only known in the first index; the
    // second only has articles that use the short name, or spell Guterres otherwise.
    Xapian::WritableDatabase first((dir.root / "first").string(), Xapian::DB_CREATE);
    add_articles(first, {{"one", "Wagner Group in Gao", {actor("Wagner Group", {"Wagner"}), actor("António Guterres")},
                          {place("Gao"), place("Mali")}}});
    Xapian::WritableDatabase second((dir.root / "second").string(), Xapian::DB_CREATE);
    add_articles(second, {{"two", "Wagner near Gao", {actor("Wagner"), actor("Antonio Guterres")}, {place("Gao")}},
                          {"three", "Antonio Guterres in Gao", {actor("Antonio Guterres")}, {place("Gao")}}});
  }
  const search::Databases opened =
      search::open_databases({(dir.root / "first").string(), (dir.root / "second").string()});
  CHECK(opened.all_local);
  const Xapian::Database& db = opened.db;
  REQUIRE(db.get_doccount() == 3);

  CHECK(search::resolve_entity(db, EntityKind::actor, "wagner") == Keys{"wagner", "wagner group"});
  CHECK(search::resolve_entity(db, EntityKind::actor, "Wagner Group") == Keys{"wagner", "wagner group"});
  CHECK(actor_paths(db, "Wagner Group") == Paths{"/a/one.txt", "/a/two.txt"});

  CHECK(search::list_facet(db, EntityKind::place) ==
        std::vector<search::FacetValue>{{"Gao", "gao", 3}, {"Mali", "mali", 1}});
  // "Wagner", used alone in the second index, is counted under the Wagner
  // Group, which the first one joins it to.
  CHECK(search::list_facet(db, EntityKind::actor) ==
        std::vector<search::FacetValue>{{"Antonio Guterres", "antonio guterres", 3},
                                        {"Wagner Group", "wagner group", 2}});

  auto in_gao = request("gao");
  in_gao.facets = true;
  in_gao.limit = 1;
  const auto response = search::run_search(db, in_gao);
  CHECK(response.total == 3);
  REQUIRE(response.facets);
  CHECK(response.facets->places == std::vector<search::FacetValue>{{"Gao", "gao", 3}, {"Mali", "mali", 1}});
  CHECK(response.facets->actors.front() == search::FacetValue{"Antonio Guterres", "antonio guterres", 3});
}

TEST_CASE("hits carry the document's actors and places", "[facets][hits]") {
  const auto db = in_memory(sahel());
  const auto response = search::run_search(db, request("menaka"));
  REQUIRE(response.hits.size() == 1);
  CHECK(response.hits[0].actors == std::vector<std::string>{"Wagner"});
  CHECK(response.hits[0].places == std::vector<std::string>{"Mali", "Ménaka"});
}

namespace {

/// Articles with random actors and places, from pools where some are common
/// and most rare, as in news: "flood" in every one, "rain" in every third.
std::vector<Article> random_articles(std::size_t count, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<Article> articles;
  for (std::size_t i = 0; i < count; ++i) {
    Article article{fmt::format("r{}", i), i % 3 == 0 ? "flood and rain" : "flood", {}, {}};
    // Actor k is in about 0.6 / (k + 1) of the articles; place k in 0.5 / (k + 1).
    for (int k = 0; k < 40; ++k) {
      if (uniform(random) < 0.6 / (k + 1)) article.actors.push_back(actor(fmt::format("Person Number{}", k)));
    }
    for (int k = 0; k < 20; ++k) {
      if (uniform(random) < 0.5 / (k + 1)) article.places.push_back(place(fmt::format("Town{}", k)));
    }
    articles.push_back(std::move(article));
  }
  return articles;
}

using KeyCounts = std::map<std::string, Xapian::doccount>;

/// Per-key counts over the query's matches the way winnow counted them
/// before it had a counter of its own: Xapian's ValueCountMatchSpy counts
/// each combination of keys, which is split here.
KeyCounts spy_counts(const Xapian::Database& db, const Xapian::Query& query, EntityKind kind) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::ValueCountMatchSpy spy(index::schema::entity_schema(kind).slot);
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 0, db.get_doccount());
  KeyCounts counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    std::stringstream keys(*it);
    for (std::string key; std::getline(keys, key, index::schema::key_separator);) counts[key] += it.get_termfreq();
  }
  return counts;
}

KeyCounts as_map(const std::vector<search::FacetValue>& values) {
  KeyCounts counts;
  for (const auto& value : values) counts[value.key] = value.count;
  return counts;
}

Xapian::doccount matches_of(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

/// The page's estimate that count_facets is given, as run_search gives it.
search::MatchEstimate page_estimate(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const Xapian::MSet page = enquire.get_mset(0, 10, 100);
  return {page.get_matches_estimated(), page.get_matches_lower_bound() == page.get_matches_upper_bound()};
}

}  // namespace

TEST_CASE("winnow's counter counts each key as Xapian's spy does, locally or as a remote would",
          "[facets][counts]") {
  const auto articles = random_articles(600, 7);
  const auto db = in_memory(articles);
  // The same articles in two databases searched as one.
  Xapian::Database shards;
  shards.add_database(in_memory({articles.begin(), articles.begin() + 250}));
  shards.add_database(in_memory({articles.begin() + 250, articles.end()}));
  const search::FacetCounting exact{.local = true, .sample_above = 0};
  const search::FacetCounting remote{.local = false};
  for (const Xapian::Database* searched : std::vector<const Xapian::Database*>{&db, &shards}) {
    for (const std::string text : {"flood", "rain", "flood -rain", "place:town3", "actor:\"person number0\" rain"}) {
      INFO(text << (searched == &shards ? " (two databases)" : ""));
      const Xapian::Query query = search::parse_query(text, *searched);
      const Xapian::doccount matches = matches_of(*searched, query);
      REQUIRE(matches > 0);
      for (const auto& how : {exact, remote}) {
        const auto counts = search::count_facets(*searched, query, {matches, true}, how);
        CHECK(counts.matches == matches);
        CHECK_FALSE(counts.estimated);
        CHECK(as_map(counts.actors) == spy_counts(*searched, query, EntityKind::actor));
        CHECK(as_map(counts.places) == spy_counts(*searched, query, EntityKind::place));
        // --list counts the same way, exactly, and names the values.
        const auto listed = search::list_facet(*searched, EntityKind::actor, query, how.local);
        CHECK(as_map(listed) == spy_counts(*searched, query, EntityKind::actor));
        CHECK(std::all_of(listed.begin(), listed.end(), [](const auto& value) { return !value.name.empty(); }));
      }
    }
  }
}

TEST_CASE("values come most documents first, then by key, and a limit keeps the first", "[facets][counts]") {
  const auto db = in_memory(random_articles(300, 3));
  const Xapian::Query query = search::parse_query("flood", db);
  const auto all = search::count_facets(db, query, {300, true}, {.local = true, .sample_above = 0});
  REQUIRE(all.actors.size() > 10);
  CHECK(std::is_sorted(all.actors.begin(), all.actors.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  }));
  const auto top = search::count_facets(db, query, {300, true}, {.local = true, .sample_above = 0}, 10);
  CHECK(top.actors == std::vector<search::FacetValue>(all.actors.begin(), all.actors.begin() + 10));
}

TEST_CASE("many matches are counted from a sample: estimates near the exact counts, flagged", "[facets][sample]") {
  // 3,000 matches, a sample of about 600 (a fifth) of them.
  const auto articles = random_articles(3000, 11);
  const auto db = in_memory(articles);
  const search::FacetCounting sampled{.local = true, .sample_above = 600};
  for (const std::string text : {"flood", "actor:\"person number0\" OR actor:\"person number1\""}) {
    INFO(text);
    const Xapian::Query query = search::parse_query(text, db);
    const search::MatchEstimate page = page_estimate(db, query);
    // One term: the page knows the number, so only the sample is visited; an
    // OR of two leaves it an estimate, so every match is (and counted).
    CHECK(page.exact == (text == "flood"));
    REQUIRE(page.matches > 600);
    const auto estimate = search::count_facets(db, query, page, sampled);
    CHECK(estimate.estimated);
    CHECK(estimate.matches == matches_of(db, query));  // exact all the same
    const auto exact_actors = spy_counts(db, query, EntityKind::actor);
    const auto exact_places = spy_counts(db, query, EntityKind::place);
    // The common values (100 or more of 3,000): each estimate within four
    // standard errors of the exact count. A value in e of the N matches is
    // read in about e * p of them (p = 600 / N), with a variance of
    // e * p * (1 - p); scaled by 1 / p, that is a standard error of
    // sqrt(e * (1 - p) / p), some 20% for 100 matches of 3,000.
    const double p = 600.0 / static_cast<double>(estimate.matches);
    for (const auto& [values, exact] : {std::pair{&estimate.actors, &exact_actors},
                                        std::pair{&estimate.places, &exact_places}}) {
      std::size_t checked = 0;
      double squares = 0;
      for (const auto& [key, count] : *exact) {
        if (count < 100) continue;
        INFO(key << ": exact " << count);
        const auto found = std::find_if(values->begin(), values->end(), [&](const auto& v) { return v.key == key; });
        REQUIRE(found != values->end());
        const double error = std::sqrt(count * (1 - p) / p);
        const double z = (static_cast<double>(found->count) - count) / error;
        CHECK(std::abs(z) <= 4.0);
        squares += z * z;
        ++checked;
      }
      CHECK(checked >= 5);
      // Taken together, no more spread than a uniform sample gives (a
      // biased sample, such as one that followed the order of the
      // documents, would show as a mean square far above 1).
      CHECK(squares / static_cast<double>(checked) <= 3.0);
    }
    // The same search, the same sample: the same estimates.
    CHECK(search::count_facets(db, query, page, sampled).actors == estimate.actors);
  }
  // At or under the sample size, every match is counted.
  const Xapian::Query rain = search::parse_query("rain", db);  // 1,000 matches
  const auto counted = search::count_facets(db, rain, page_estimate(db, rain), {.local = true, .sample_above = 1000});
  CHECK_FALSE(counted.estimated);
  CHECK(as_map(counted.actors) == spy_counts(db, rain, EntityKind::actor));
  // Remote databases are never sampled (xapian-tcpsrv cannot run the counter).
  const auto remote = search::count_facets(db, rain, page_estimate(db, rain), {.local = false, .sample_above = 10});
  CHECK_FALSE(remote.estimated);
  CHECK(as_map(remote.places) == spy_counts(db, rain, EntityKind::place));
}

TEST_CASE("a search with --facets reports the exact total and whether counts are estimated", "[facets][sample]") {
  const auto db = in_memory(random_articles(3000, 5));
  // A total the page only estimates.
  auto flood = request("flood actor:\"person number0\" OR actor:\"person number1\"");
  flood.facets = true;
  flood.limit = 3;
  const Xapian::doccount total = matches_of(db, search::build_query(db, flood));
  auto plain = flood;
  plain.facets = false;
  CHECK_FALSE(search::run_search(db, plain).exact);
  const auto sampled = search::run_search(db, flood, {.local = true, .sample_above = 500});
  CHECK(sampled.total == total);
  CHECK(sampled.exact);
  REQUIRE(sampled.facets);
  CHECK(sampled.facets->estimated);
  CHECK(sampled.facets->actors.size() == search::facets_shown);
  CHECK(sampled.facets->actors.front().name == "Person Number0");
  CHECK(sampled.hits.size() == 3);

  const auto counted = search::run_search(db, flood, {.local = true, .sample_above = 5000});
  CHECK(counted.total == total);
  REQUIRE(counted.facets);
  CHECK_FALSE(counted.facets->estimated);
  CHECK(as_map(counted.facets->actors).at("person number0") ==
        spy_counts(db, search::build_query(db, flood), EntityKind::actor).at("person number0"));
}

TEST_CASE("estimated facet counts are marked in the human output and the JSON", "[facets][output]") {
  search::SearchResponse response;
  response.query = "flood";
  response.total = 97000;
  response.exact = true;
  response.facets = search::Facets{{{"Wagner Group", "wagner group", 1234}}, {{"Mali", "mali", 56}}, {}, true};

  std::ostringstream human;
  search::print_human(response, human, false);
  CHECK_THAT(human.str(), Catch::Matchers::Contains("top actors (documents, estimated from a sample):"));
  CHECK_THAT(human.str(), Catch::Matchers::Contains("  ≈1234  Wagner Group\n"));
  CHECK_THAT(human.str(), Catch::Matchers::Contains("    ≈56  Mali\n"));
  std::ostringstream json;
  search::print_json(response, json);
  const auto parsed = nlohmann::json::parse(json.str());
  CHECK(parsed["facets"]["estimated"] == true);
  CHECK(parsed["facets"]["actors"][0]["count"] == 1234);

  response.facets->estimated = false;
  human.str("");
  search::print_human(response, human, false);
  CHECK_THAT(human.str(), Catch::Matchers::Contains("top actors (documents):\n   1234  Wagner Group\n"));
  json.str("");
  search::print_json(response, json);
  CHECK(nlohmann::json::parse(json.str())["facets"]["estimated"] == false);
  // Without --facets: empty lists, not estimated.
  response.facets.reset();
  json.str("");
  search::print_json(response, json);
  CHECK(nlohmann::json::parse(json.str())["facets"] ==
        nlohmann::json{{"actors", nlohmann::json::array()},
                       {"places", nlohmann::json::array()},
                       {"langs", nlohmann::json::array()},
                       {"estimated", false}});
}

TEST_CASE("a full name and its short name find the same documents, though a few joined them to other names",
          "[facets][resolve]") {
  // Most documents join "Wagner" to the Wagner Group; one joins it to a
  // run of two names, and one joins "Wagner Group" itself to such a run.
  // Typed either way, the name stands for the same documents.
  std::vector<Article> articles = {
      {"group-1", "Wagner Group fighters, Wagner said.", {actor("Wagner Group", {"Wagner"})}, {}},
      {"group-2", "Wagner Group left; Wagner denied it.", {actor("Wagner Group", {"Wagner"})}, {}},
      {"group-3", "The Wagner Group, or Wagner, stayed.", {actor("Wagner Group", {"Wagner"})}, {}},
      {"group-4", "Wagner Group and Wagner again.", {actor("Wagner Group", {"Wagner"})}, {}},
      {"short", "Wagner fighters were seen.", {actor("Wagner")}, {}},
      {"run", "Mali Wagner, then Wagner alone.", {actor("Mali Wagner", {"Wagner"})}, {}},
      {"longer-run", "Antonio Guterres Wagner Group, then Wagner Group.",
       {actor("Antonio Guterres Wagner Group", {"Wagner Group"})}, {}},
      {"composer", "Richard Wagner's opera.", {actor("Richard Wagner")}, {}},
  };
  const auto db = in_memory(articles);
  const Paths by_short = actor_paths(db, "Wagner");
  CHECK(by_short == actor_paths(db, "Wagner Group"));
  CHECK(std::find(by_short.begin(), by_short.end(), "/a/short.txt") != by_short.end());
  CHECK(std::find(by_short.begin(), by_short.end(), "/a/group-1.txt") != by_short.end());
  // The composer shares the word, never an alias: he is no Wagner Group.
  CHECK(std::find(by_short.begin(), by_short.end(), "/a/composer.txt") == by_short.end());
}

TEST_CASE("an acronym and its expansion are one facet value once any document joins them", "[facets][merge]") {
  // One article spells out "United Nations (UN)"; the others say only one
  // of the two; one names both apart (its extractor did not join them) and
  // is counted once. The counts, the list and --actor agree.
  std::vector<Article> articles = {
      {"joined", "The United Nations (UN) voted in Mali.", {actor("United Nations", {"UN"})}, {place("Mali")}},
      {"short-1", "The UN voted in Mali.", {actor("UN")}, {place("Mali")}},
      {"short-2", "UN staff left Mali.", {actor("UN")}, {place("Mali")}},
      {"long", "The United Nations left Mali.", {actor("United Nations")}, {place("Mali")}},
      {"both", "UN aid and United Nations staff reached Mali.", {actor("UN"), actor("United Nations")},
       {place("Mali")}},
      {"other", "Minusma left Mali.", {actor("Minusma")}, {place("Mali")}},
  };
  const auto db = in_memory(articles);
  const std::vector<search::FacetValue> merged{{"United Nations", "united nations", 5}, {"Minusma", "minusma", 1}};
  CHECK(search::list_facet(db, EntityKind::actor) == merged);
  const Xapian::Query query = search::parse_query("mali", db);
  CHECK(search::list_facet(db, EntityKind::actor, query) == merged);
  for (const bool local : {true, false}) {
    INFO((local ? "winnow's counter" : "Xapian's spy"));
    const auto counts = search::count_facets(db, query, {6, true}, {.local = local, .sample_above = 0}, 10);
    CHECK(search::name_facets(db, EntityKind::actor, counts.actors) == merged);
  }
  CHECK(actor_paths(db, "UN").size() == 5);
  CHECK(actor_paths(db, "United Nations").size() == 5);
}

TEST_CASE("a search counts up to a thousand matches exactly", "[search][totals]") {
  // 900 articles have both words, 600 one of them: Xapian cannot know how
  // many have both from the words' counts alone, and must count.
  std::vector<Article> articles;
  for (int i = 0; i < 1500; ++i) {
    const char* text = i < 900 ? "The flood reached the river town." : i < 1200 ? "The flood came." : "The river rose.";
    articles.push_back({fmt::format("n{}", i), text, {}, {}});
  }
  const auto db = in_memory(articles);
  auto both = request("flood river");
  both.limit = 10;
  const auto response = search::run_search(db, both);
  CHECK(response.exact);
  CHECK(response.total == 900);
  CHECK(response.hits.size() == 10);
}

TEST_CASE("a timeline counts the matches per month, the same with winnow's counter and Xapian's spy",
          "[search][timeline]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::pair<std::string, std::string>> dated = {
      {"a", "20221114"}, {"b", "20230203"}, {"c", "20230701"}, {"d", "20230728"}, {"e", ""}};
  for (const auto& [name, date] : dated) {
    Xapian::Document doc = document_of({name, "Floods reached the river town " + name + ".", {}, {}});
    if (!date.empty()) doc.add_value(index::schema::date_slot, date);
    db.add_document(doc);
  }
  auto floods = request("floods");
  floods.timeline = true;
  const std::vector<search::Timeline::Period> months = {
      {"2022-11", 1}, {"2022-12", 0}, {"2023-01", 0}, {"2023-02", 1}, {"2023-03", 0},
      {"2023-04", 0}, {"2023-05", 0}, {"2023-06", 0}, {"2023-07", 2}};
  for (const bool local : {true, false}) {
    INFO((local ? "winnow's counter" : "Xapian's spy"));
    const auto response = search::run_search(db, floods, {.local = local});
    REQUIRE(response.timeline);
    CHECK_FALSE(response.timeline->by_year);
    CHECK(response.timeline->undated == 1);
    CHECK(response.timeline->periods == months);
  }
  // Over more than three years, a period is a year.
  Xapian::Document old = document_of({"f", "Floods reached the river town long ago.", {}, {}});
  old.add_value(index::schema::date_slot, "20150301");
  db.add_document(old);
  const auto response = search::run_search(db, floods);
  REQUIRE(response.timeline);
  CHECK(response.timeline->by_year);
  CHECK(response.timeline->periods.front() == search::Timeline::Period{"2015", 1});
  CHECK(response.timeline->periods.back() == search::Timeline::Period{"2023", 3});
  CHECK(response.timeline->periods.size() == 9);
}
