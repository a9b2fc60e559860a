#!/usr/bin/env bash
# --show: an article as it was indexed, by its path or by its rank in a
# search: its title, date, language, actors and places, and the cleaned
# text, without the furniture the filter dropped. --show --explain: every
# segment of the file, kept or dropped, with the filter's reasons.
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

search --show corpus/004_97bd423b222bc096.txt --explain
expect_exit 0 "--show --explain: exit 0"
expect_contains "--show --explain: the cookie banner, dropped, and why" \
  "cue: cookie consent" "$(grep -A1 'boilerplate .*cookies' "$OUT_FILE")"
expect_contains "--show --explain: the text kept" \
  "content" "$(grep 'unanimously voted to conclude' "$OUT_FILE")"
expect_contains "--show --explain: the index's repetition evidence" "repetition: story " "$OUT"
expect_eq "--show --explain: nothing on standard error" "" "$ERR"
search --show 1 wagner --explain --json
expect_eq "--show N QUERY --explain --json: winnow-index's explain object" "" "$(check_json '
need(any(s["label"] == "boilerplate" for s in d["segments"]), "no segment dropped")
need(any(s["label"] == "content" and s["reasons"] for s in d["segments"]), "no segment kept with reasons")
need("repetition" in d and d["repetition"]["indexed"], "repetition %r" % d.get("repetition"))
')"
printf '\nA line added after indexing.\n' >>corpus/003_a65d448c5312df79.txt
search --show corpus/003_a65d448c5312df79.txt --explain
expect_exit 0 "--explain of a changed file: exit 0"
expect_eq "--explain of a changed file: says so" \
  "winnow-search: corpus/003_a65d448c5312df79.txt: changed since it was indexed; explained as it is now" "$ERR"
expect_contains "--explain of a changed file: the file as it is now" "A line added after indexing." "$OUT"
mv corpus/001_1dda32276892a587.txt gone.txt
search --show corpus/001_1dda32276892a587.txt --explain
expect_exit 2 "--explain of a file gone since: exit 2"
expect_eq "--explain of a file gone since: one line naming it" \
  "winnow-search: corpus/001_1dda32276892a587.txt: cannot be explained: No such file or directory (--show without --explain prints what was indexed)" "$ERR"
search --show corpus/001_1dda32276892a587.txt
expect_exit 0 "--show of a file gone since: what was indexed"
search --explain wagner
expect_exit 2 "--explain without --show: exit 2"
expect_eq "--explain without --show: says so" "winnow-search: --explain goes with --show" "$ERR"

search --show corpus/none.txt
expect_exit 1 "--show of a file not indexed: exit 1"
expect_eq "--show of a file not indexed: says so" "winnow-search: corpus/none.txt: not in the index" "$ERR"
search --show 9 wagner
expect_exit 1 "--show 9 wagner (five results): exit 1"
expect_eq "--show 9 wagner: says so" "winnow-search: 9: no result of that rank" "$ERR"
search --show 1 --files wagner
expect_exit 2 "--show with --files: exit 2"

test_done
