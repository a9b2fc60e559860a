#!/usr/bin/env bash
# winnow-index --explain: per-segment labels, scores and reasons, the title
# and date; --json gives one object per file. Indexes nothing.
. "$(dirname "$0")/lib.sh"

A003=corpus/003_a65d448c5312df79.txt
A002=corpus/002_8ef430123d4cc39d.txt
TITLE003="Mali Junta Slammed for 'Atrocities' Against Civilians One Year After UN Withdrawal"

index --explain "$A003"
expect_exit 0 "--explain: exit 0"
expect_eq "--explain: nothing on stderr" "" "$ERR"
expect_eq "--explain: the first line is the path" "$A003" "$(head -n 1 "$OUT_FILE")"
expect_true "--explain: several lines" test "$(wc -l <"$OUT_FILE")" -gt 10
expect_true "--explain: lines labelled content" grep -qE '^ +[0-9]+ +content +[0-9]+\.[0-9]{2} ' "$OUT_FILE"
expect_eq "--explain: every segment line is labelled content or boilerplate" "" \
  "$(grep -E '^ +[0-9]+  ' "$OUT_FILE" | grep -vE '^ +[0-9]+  (content|boilerplate) +[0-9]+\.[0-9]{2}  ' || true)"
expect_contains "--explain: the title" "  title: $TITLE003" "$OUT"
expect_contains "--explain: a date line" "  date:  " "$OUT"
expect_true "--explain: the paragraph on line 5" \
  grep -qE '^ +5  (content|boilerplate) +[0-9.]+  Human Rights Watch has condemned' "$OUT_FILE"
expect_true "--explain did not create an index" test ! -e "$WINNOW_DB"

index --explain "$A002"
expect_contains "--explain 002: the date" "  date:  2023-07-01" "$OUT"

# --json: one object per line, one line per file.
index --explain --json "$A003" "$A002"
expect_exit 0 "--explain --json: exit 0"
expect_eq "--explain --json: one line per file" 2 "$(wc -l <"$OUT_FILE")"
expect_eq "--explain --json: the documented shape" "" "$(python3 -c '
import json, sys
problems = []
def need(cond, what):
    if not cond: problems.append(what)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
objects = []
for n, line in enumerate(lines, 1):
    try:
        objects.append(json.loads(line))
    except ValueError as e:
        problems.append("line %d is not JSON: %s" % (n, e))
for d in objects:
    for key in ("path", "title", "date", "segments", "content", "entities"):
        need(key in d, "missing field " + key)
    need(isinstance(d.get("segments"), list) and d["segments"], "segments: %r" % d.get("segments"))
    for s in d.get("segments") or []:
        for key in ("line", "text", "label", "score", "reasons"):
            need(key in s, "segment lacks %s: %r" % (key, s))
        need(s.get("label") in ("content", "boilerplate"), "label %r" % s.get("label"))
        need(isinstance(s.get("line"), int) and s["line"] >= 1, "line %r" % s.get("line"))
        need(isinstance(s.get("score"), (int, float)), "score %r" % s.get("score"))
        need(isinstance(s.get("reasons"), list) and all(isinstance(r, str) for r in s["reasons"]),
             "reasons %r" % s.get("reasons"))
        need(isinstance(s.get("text"), str) and s["text"] and "\n" not in s["text"], "text %r" % s.get("text"))
    lines_seen = [s.get("line") for s in d.get("segments") or []]
    need(lines_seen == sorted(lines_seen), "segment lines not in order: %r" % lines_seen)
    need(isinstance(d.get("content"), str), "content %r" % d.get("content"))
    e = d.get("entities")
    need(isinstance(e, dict) and isinstance(e.get("actors"), list) and isinstance(e.get("places"), list),
         "entities %r" % e)
    for item in (e or {}).get("actors", []) + (e or {}).get("places", []):
        need(isinstance(item, dict) and "name" in item and isinstance(item.get("mentions"), list), "entity %r" % item)
print("\n".join(problems))
' "$OUT_FILE")"

# The values, checked against the source file.
index --explain --json "$A003"
json_003() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$OUT_FILE"; }
expect_eq "--explain --json: path as given" "$A003" "$(json_003 'd["path"]')"
expect_eq "--explain --json: title" "$TITLE003" "$(json_003 'd["title"]')"
expect_eq "--explain --json: the first segment is line 1" 1 "$(json_003 'd["segments"][0]["line"]')"
expect_eq "--explain --json: the first segment's text is line 1" "$(sed -n 1p "$A003")" "$(json_003 'd["segments"][0]["text"]')"
expect_eq "--explain --json: 'Human Rights Watch has condemned' is on line 5" 5 \
  "$(json_003 '[s["line"] for s in d["segments"] if s["text"].startswith("Human Rights Watch has condemned")][0]')"
expect_eq "--explain --json: line 5 of the file is that paragraph" 1 \
  "$(sed -n 5p "$A003" | grep -c '^Human Rights Watch has condemned' || true)"
# Every segment's text occurs on the source line it names (blank lines make no segment).
expect_eq "--explain --json: each segment's text is on its line" "" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
source = open(sys.argv[2], encoding="utf-8").read().split("\n")
for s in d["segments"]:
    line = source[s["line"] - 1] if 1 <= s["line"] <= len(source) else ""
    if " ".join(s["text"].split()) not in " ".join(line.split()):
        print("line %d: %r not in %r" % (s["line"], s["text"][:60], line[:60]))
' "$OUT_FILE" "$A003")"
expect_contains "--explain --json: the cleaned content holds the paragraph" \
  "Human Rights Watch has condemned" "$(json_003 'd["content"]')"
index --explain --json "$A002"
expect_eq "--explain --json 002: date" "2023-07-01" "$(json_003 'd["date"]')"

# Usage errors and missing files.
index --json "$A003"
expect_exit 2 "--json without --explain: exit 2"
expect_contains "--json without --explain: says why" "--explain" "$ERR"
expect_eq "--json without --explain: nothing on stdout" "" "$OUT"
index --explain
expect_exit 2 "--explain without FILE: exit 2"

index --explain corpus/no-such-file.txt
expect_true "--explain on a missing file: non-zero exit" test "$STATUS" -ne 0
expect_eq "--explain on a missing file: named on stderr" \
  "winnow-index: corpus/no-such-file.txt: No such file or directory" "$ERR"
index --explain corpus/no-such-file.txt "$A002"
expect_contains "--explain missing + good file: the good one is still shown" "  title: " "$OUT"
expect_contains "--explain missing + good file: the missing one is named" "corpus/no-such-file.txt" "$ERR"

: >corpus/empty.txt
index --explain corpus/empty.txt
expect_true "--explain on an empty file: non-zero exit" test "$STATUS" -ne 0
expect_eq "--explain on an empty file: named on stderr" "winnow-index: corpus/empty.txt: empty file" "$ERR"

test_done
