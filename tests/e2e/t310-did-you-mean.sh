#!/usr/bin/env bash
# Did you mean: a search that matches nothing suggests the index's nearest
# name on standard error (exit status still 1): for a query word the index
# lacks, the word of an actor's or place's name; for an --actor or --place
# name, the nearest entity. In JSON, a "suggestion" field.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "index the corpus"

search guteres
expect_exit 1 "guteres: nothing matches, exit 1"
expect_eq "guteres: no matches" "no matches" "$OUT"
expect_eq "guteres: did you mean guterres" "did you mean: guterres" "$ERR"
search guterres
expect_exit 0 "guterres itself matches"
expect_eq "a match: no suggestion" "" "$ERR"

search --actor prigozin
expect_exit 1 "--actor prigozin: exit 1"
expect_eq "--actor prigozin: the nearest actor" "did you mean: --actor 'Yevgeny Prigozhin'" "$ERR"
search --place bamak
expect_exit 1 "--place bamak: exit 1"
expect_eq "--place bamak: the nearest place" "did you mean: --place Bamako" "$ERR"
search --actor 'Nobody Atall'
expect_eq "a name near nothing: no suggestion" "" "$ERR"

search --json guteres mali
expect_exit 1 "--json guteres mali: exit 1"
expect_eq "--json: the suggestion field" "" "$(check_json '
need(d.get("suggestion") == "guterres mali", "suggestion %r" % d.get("suggestion"))
need(d.get("total") == 0, "total %r" % d.get("total"))
')"
search --json wagner
expect_eq "--json with matches: suggestion null" "" "$(check_json 'need(d.get("suggestion", 1) is None, "suggestion %r" % d.get("suggestion"))')"

test_done
