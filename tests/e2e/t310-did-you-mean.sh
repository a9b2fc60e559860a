#!/usr/bin/env bash
# Did you mean: a search that matches nothing, or has a word that a few
# articles misspell, suggests on standard error the query with the index's
# nearest common word (the exit status stays 1 when nothing matched); for
# an --actor or --place name, the nearest entity. In JSON, a "suggestion"
# field. On the bundled corpus and on generated files.
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

search peacekeepng
expect_exit 1 "peacekeepng: nothing matches, exit 1"
expect_eq "peacekeepng: a common word, as the articles write it" "did you mean: peacekeeping" "$ERR"
search '"peacekepers have" OR goverment'
expect_eq "quotes and operators stay as typed" 'did you mean: "peacekeepers have" OR government' "$ERR"

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

# Generated articles and one that misspells a common word: its search finds
# that article, and suggests the word as the other articles spell it.
python3 "$WINNOW_SOURCE/corpus/gen_corpus.py" -n 150 --seed 31 gen >/dev/null
cat >gen/000/typo.txt <<'EOF'
Talks resume in the capital

The goverment said on Tuesday that talks with the opposition would resume next week.

Officials declined to give a date for the first meeting.
EOF
index --db gen-index gen
expect_exit 0 "index the generated files"
search --db gen-index goverment
expect_exit 0 "goverment: the one article that misspells it"
expect_eq "goverment: did you mean government" "did you mean: government" "$ERR"
expect_eq "goverment: its article is shown" "1" "$(printf '%s\n' "$OUT" | grep -c 'typo.txt')"
search --db gen-index --json goverment
expect_eq "--json: the suggestion beside the match" "" "$(check_json '
need(d.get("suggestion") == "government", "suggestion %r" % d.get("suggestion"))
need(d.get("total") == 1, "total %r" % d.get("total"))
')"
search --db gen-index government
expect_eq "government itself: no suggestion" "" "$ERR"

test_done
