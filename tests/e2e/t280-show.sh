#!/usr/bin/env bash
# --show: an article as it was indexed, by its path or by its rank in a
# search: its title, date, language, actors and places, and the cleaned
# text, without the furniture the filter dropped.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "index the corpus"
search --show corpus/004_97bd423b222bc096.txt
expect_exit 0 "--show PATH: exit 0"
expect_eq "--show: the title first" "UN ends Peacekeeping mission in Mali as US asccuses Russia’s Wagner Group" \
  "$(head -n 1 "$OUT_FILE")"
expect_contains "--show: the path and the language" "corpus/004_97bd423b222bc096.txt  [en," "$OUT"
expect_contains "--show: the actors" "actors: " "$OUT"
expect_contains "--show: the places, Mali among them" "Mali" "$(grep '^places: ' "$OUT_FILE")"
expect_contains "--show: the article's text" "unanimously voted to conclude the decade-long peacekeeping mission" "$OUT"
# The filter drops 004's cookie banner: what --show prints is what was indexed.
expect_true "004 itself has a cookie banner" grep -qi cookies corpus/004_97bd423b222bc096.txt
expect_not_contains "--show: no furniture the filter dropped" "ookies" "$OUT"

search --files wagner
first=$(printf '%s\n' "$OUT" | head -n 1)
search --show "$first"
by_path=$OUT
search --show 1 wagner
expect_eq "--show 1 wagner: the first result of wagner" "$by_path" "$OUT"

search --json --show corpus/002_8ef430123d4cc39d.txt
expect_eq "--show --json: the documented shape" "" "$(check_json '
need(sorted(d) == ["actors", "date", "lang", "path", "places", "text", "title"], "keys %r" % sorted(d))
need(d["date"] == "2023-07-01" and d["lang"] == "en", "date %r, lang %r" % (d["date"], d["lang"]))
need(d["path"] == "corpus/002_8ef430123d4cc39d.txt", "path %r" % d["path"])
need("peacekeeping mission" in d["text"], "text %r" % d["text"][:80])
')"

search --show corpus/none.txt
expect_exit 1 "--show of a file not indexed: exit 1"
expect_eq "--show of a file not indexed: says so" "winnow-search: corpus/none.txt: not in the index" "$ERR"
search --show 9 wagner
expect_exit 1 "--show 9 wagner (five results): exit 1"
expect_eq "--show 9 wagner: says so" "winnow-search: 9: no result of that rank" "$ERR"
search --show 1 --files wagner
expect_exit 2 "--show with --files: exit 2"

test_done
