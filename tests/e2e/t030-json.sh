#!/usr/bin/env bash
# winnow-search --json: one JSON object with the documented fields, even with no match.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "index the corpus"

search --json wagner
expect_exit 0 "--json wagner: exit 0"
expect_eq "--json wagner: exactly one line" 1 "$(wc -l <"$OUT_FILE")"
expect_eq "--json wagner: nothing on stderr" "" "$ERR"
expect_eq "--json wagner: top-level fields" "" "$(check_json '
for key in ("query", "total", "exact", "offset", "results", "facets"):
    need(key in d, "missing field " + key)
need(d.get("query") == "wagner", "query is %r" % d.get("query"))
need(d.get("total") == 5, "total is %r" % d.get("total"))
need(d.get("exact") is True, "exact is %r" % d.get("exact"))
need(d.get("offset") == 0, "offset is %r" % d.get("offset"))
')"
expect_eq "--json wagner: results" "" "$(check_json '
results = d.get("results")
need(isinstance(results, list) and len(results) == 5, "results: %r" % results)
for i, r in enumerate(results or []):
    for key in ("rank", "path", "title", "date", "score", "snippet", "actors", "places"):
        need(key in r, "result %d lacks %s" % (i, key))
    need(r.get("rank") == i + 1, "result %d has rank %r" % (i, r.get("rank")))
    need(isinstance(r.get("path"), str) and r["path"].startswith("corpus/") and r["path"].endswith(".txt"),
         "result %d path %r" % (i, r.get("path")))
    need(isinstance(r.get("title"), str) and r["title"], "result %d title %r" % (i, r.get("title")))
    need(r.get("date") is None or isinstance(r.get("date"), str), "result %d date %r" % (i, r.get("date")))
    need(isinstance(r.get("score"), (int, float)), "result %d score %r" % (i, r.get("score")))
    need(isinstance(r.get("snippet"), str) and "wagner" in r["snippet"].lower(),
         "result %d snippet %r" % (i, r.get("snippet")))
    need(isinstance(r.get("actors"), list), "result %d actors %r" % (i, r.get("actors")))
    need(isinstance(r.get("places"), list), "result %d places %r" % (i, r.get("places")))
scores = [r.get("score") for r in results or []]
need(scores == sorted(scores, reverse=True), "scores not in decreasing order: %r" % scores)
need(sorted(r.get("path") for r in results or []) == sorted(set(r.get("path") for r in results or [])),
     "a path appears twice")
')"
expect_eq "--json wagner: facets" "" "$(check_json '
f = d.get("facets")
need(isinstance(f, dict), "facets: %r" % f)
for key in ("actors", "places"):
    need(isinstance((f or {}).get(key), list), "facets.%s: %r" % (key, (f or {}).get(key)))
    for item in (f or {}).get(key) or []:
        need(isinstance(item, dict) and "name" in item and "count" in item, "facet item %r" % item)
')"
expect_eq "--json wagner: the paths are the --files paths" \
  "$(search_files wagner; printf '%s\n' "$FILES")" \
  "$(search --json wagner; python3 -c 'import json,sys; print("\n".join(sorted(r["path"] for r in json.load(open(sys.argv[1]))["results"])))' "$OUT_FILE")"

# Dates and accents survive the JSON encoding.
search --json 'date:2023-07-01..2023-07-31'
expect_eq "--json date filter: 002 with its date" "" "$(check_json '
rs = d.get("results", [])
need(len(rs) == 1 and rs[0]["path"] == "corpus/002_8ef430123d4cc39d.txt", "results %r" % rs)
need(len(rs) == 1 and rs[0]["date"] == "2023-07-01", "date %r" % [r.get("date") for r in rs])
')"
search --json goita
expect_eq "--json goita: snippet keeps Goïta" "" "$(check_json '
rs = d.get("results", [])
need(len(rs) == 1 and "Goïta" in rs[0]["snippet"], "snippet %r" % [r.get("snippet") for r in rs])
')"

# Paging is reflected in the object.
search --json --offset 4 --limit 10 wagner
expect_eq "--json --offset 4: offset, total, one result ranked 5" "" "$(check_json '
need(d.get("offset") == 4, "offset %r" % d.get("offset"))
need(d.get("total") == 5, "total %r" % d.get("total"))
rs = d.get("results", [])
need(len(rs) == 1 and rs[0].get("rank") == 5, "results %r" % [(r.get("rank"), r.get("path")) for r in rs])
')"

# No match: still one valid object, exit 1.
search --json zzzzqqq
expect_exit 1 "--json zzzzqqq: exit 1"
expect_eq "--json zzzzqqq: valid JSON, total 0, no results" "" "$(check_json '
need(d.get("query") == "zzzzqqq", "query %r" % d.get("query"))
need(d.get("total") == 0, "total %r" % d.get("total"))
need(d.get("results") == [], "results %r" % d.get("results"))
need(isinstance(d.get("facets"), dict), "facets %r" % d.get("facets"))
')"

# A query with quotes and accents is echoed back intact.
search --json '"António Guterres"'
expect_eq "--json: query field is the query as typed" "" "$(check_json '
need(d.get("query") == "\"António Guterres\"", "query %r" % d.get("query"))
need(d.get("total") == 3, "total %r" % d.get("total"))
')"

test_done
