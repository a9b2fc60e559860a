#!/usr/bin/env bash
# Stories, not copies: the seed and dev articles saved three times each stay
# whole and findable in every copy (copies of one story are no repetition
# evidence against each other), a footer shared by a dozen different
# articles is still removed, copies that come and go later leave the index a
# clean build's, and --explain names a file's story and copies.
. "$(dirname "$0")/lib.sh"
: "${WINNOW_DUMP_INDEX:?set WINNOW_DUMP_INDEX to the winnow-dump-index helper}"

gold="$WINNOW_SOURCE/tests/data"
mkdir one
cp "$gold"/seed-gold/*.txt "$gold"/boilerplate-dev/*.txt one/
for copy in a b c; do mkdir "$copy" && cp one/*.txt "$copy/"; done
find one a b c -type f -exec touch -d '-1 minute' {} +
per_copy=$(ls one | wc -l)

index --db single one
index --db copies a b c
expect_exit 0 "three copies: exit 0"

count() { search --db "$1" --limit 1000 --files --all-copies "${@:2}"; printf '%s\n' "$OUT" | sed '/^$/d' | wc -l; }
single_wagner=$(count single wagner)
expect_eq "wagner: every copy of every article that says it" $((3 * single_wagner)) "$(count copies wagner)"
expect_eq "\"africa korpus\": article 000 in all three copies" 3 "$(count copies '"africa korpus"')"
search_files --db copies --limit 1000 --all-copies '"africa korpus"'
expect_eq "\"africa korpus\": the three copies of 000" "$(printf 'a/%s\nb/%s\nc/%s' 000_83a647917034a0e8.txt 000_83a647917034a0e8.txt 000_83a647917034a0e8.txt)" "$FILES"
# Without --all-copies, a story shows once, as its best-ranked copy, with
# the number of its other copies; the totals say stories and files.
search --db copies --limit 1000 '"africa korpus"'
expect_eq "\"africa korpus\": one result for the three copies of 000" 1 "$(grep -cE '^ *[0-9]+\. ' "$OUT_FILE" || true)"
expect_contains "\"africa korpus\": the result says its copies" "000_83a647917034a0e8.txt  2024-07-09  (+2 copies)" "$OUT"
expect_eq "\"africa korpus\": the totals" "showing 1-1 of 1 matches (3 files)" "$(tail -n 1 "$OUT_FILE")"
search --db copies --json --limit 1000 wagner
expect_eq "wagner --json: each story once, its copies counted, the files too" "" "$(check_json '
rs = d.get("results", [])
stems = [r["path"].split("/")[-1] for r in rs]
need(len(stems) == len(set(stems)), "a story twice: %r" % stems)
need(all(r.get("copies") == 2 for r in rs), "copies %r" % [r.get("copies") for r in rs])
need(d.get("files") == 3 * len(rs) and d.get("total") == len(rs), "total %r, files %r, %d results" % (d.get("total"), d.get("files"), len(rs)))
')"
search_files --db copies --limit 1000 --all-copies wagner
expect_eq "corpus: wagner in 15 of the 15 copies of the five seeds" 15 \
  "$(printf '%s\n' "$FILES" | grep -c '/00[0-4]_')"

# Every gold content line (and content part) of every copy is in its
# indexed text, and each copy's text is the text of the file indexed alone.
"$WINNOW_DUMP_INDEX" --by-path single >single.dump
"$WINNOW_DUMP_INDEX" --by-path copies >copies.dump
PROBLEMS=$(python3 - "$gold" "$TMP_DIR" <<'PY'
import os, re, sys
gold, top = sys.argv[1], sys.argv[2]
def contents(dump):
    docs, path = {}, None
    for line in open(dump, encoding="utf-8", errors="replace").read().split("\n== document ")[1:]:
        path = line.split("\n", 1)[0]
        m = re.search(r"\nvalue 7 (.*?)\nvalue 8 ", line, re.S)
        docs[path] = m.group(1) if m else ""
    return docs
def norm(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())
single, copies = contents("single.dump"), contents("copies.dump")
problems, checked = [], 0
for name in sorted(os.listdir(os.path.join(top, "one"))):
    alone = single.get(os.path.join(top, "one", name))
    for copy in "abc":
        text = copies.get(os.path.join(top, copy, name))
        if text is None:
            problems.append(f"{copy}/{name}: not indexed"); continue
        if text != alone:
            problems.append(f"{copy}/{name}: not the text of the file indexed alone")
        for folder in ("seed-gold", "boilerplate-dev"):
            labels = os.path.join(gold, folder, name[:-4] + ".labels")
            if not os.path.exists(labels): continue
            lines = open(os.path.join(gold, folder, name), encoding="utf-8", errors="replace").read().split("\n")
            for number, label in enumerate(open(labels, encoding="utf-8").read().split("\n")):
                part = lines[number] if label == "C" else label[2:] if label.startswith("M\t") else None
                if part is None or not norm(part): continue
                checked += 1
                if folder == "seed-gold" and norm(part) not in norm(text):
                    problems.append(f"{copy}/{name}:{number + 1}: a gold content line is missing")
print("\n".join(problems) if problems else f"ok {checked}")
PY
)
expect_contains "every copy keeps the text of its file indexed alone, every seed gold content line" "ok " "$PROBLEMS"
[ "$TESTS_FAILED" = 0 ] || printf '%s\n' "$PROBLEMS" | head -10

# A footer on a dozen different generated articles is furniture.
python3 "$WINNOW_SOURCE/corpus/gen_corpus.py" -n 12 --seed 11 gen >/dev/null
for f in $(find gen -name '*.txt'); do
  printf '\nThe Kestrelwood Dispatch reaches readers in forty countries every single morning.\n' >>"$f"
done
find gen -type f -exec touch -d '-1 minute' {} +
index --db footer gen
expect_eq "footer shared by 12 different articles: removed from all" 0 "$(count footer kestrelwood)"
expect_eq "footer shared by 12 different articles: the articles are there" 12 "$(count footer --list places >/dev/null; "$WINNOW_DUMP_INDEX" footer | grep -c '^== document')"

# Copies come and go: the index stays a clean build's.
rm c/000_83a647917034a0e8.txt
mkdir d && cp one/000_83a647917034a0e8.txt one/002_*.txt d/ && touch -d '-1 minute' d/*
printf '\nAn editor added this note to the copy in b.\n' >>b/002_8ef430123d4cc39d.txt
touch -d '-30 seconds' b/002_8ef430123d4cc39d.txt
index --db copies a b c d
expect_exit 0 "copies come and go: exit 0"
index --db clean a b c d
"$WINNOW_DUMP_INDEX" --by-path copies >copies.dump
"$WINNOW_DUMP_INDEX" --by-path clean >clean.dump
expect_true "copies come and go: the same index as a clean build" cmp -s clean.dump copies.dump
expect_eq "copies come and go: \"africa korpus\" in a, b and d" 3 "$(count copies '"africa korpus"')"

# --explain shows the story and its copies, from the index.
index --db copies --explain a/000_83a647917034a0e8.txt
expect_contains "--explain --db: the copies indexed" \
  "2 copies indexed: b/000_83a647917034a0e8.txt, d/000_83a647917034a0e8.txt;" "$OUT"
index --db copies --explain --json a/000_83a647917034a0e8.txt
expect_eq "--explain --db --json: the repetition member" "" "$(check_json '
r = d.get("repetition", {})
need(r.get("indexed") is True, "indexed")
need(len(r.get("story", "")) == 16, "story")
need([c.rsplit("/", 2)[-2] for c in r.get("copies", [])] == ["b", "d"], "copies")
need(isinstance(r.get("repeated"), int), "repeated")')"

test_done
