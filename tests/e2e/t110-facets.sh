#!/usr/bin/env bash
# Entity facets end to end, on a small corpus the test writes: --actor and
# --place (AND, aliases, case and accents), actor:/place: in the query,
# --facets counts, --list, the entities line of each hit, JSON shapes, and
# usage errors. The sentences name people and places plainly, so any sane
# entity extractor finds them; the assertions compare the programs' answers
# with each other and with what the files say, not with one extractor's quirks.
. "$(dirname "$0")/lib.sh"

mkdir facets
cat >facets/a.txt <<'EOF'
Guterres warns of Wagner Group role in Mali

UN Secretary-General Antonio Guterres met community leaders in Gao, Mali, on Monday and warned that Wagner Group fighters were making the conflict in the north worse.

Guterres said the people of Gao deserved protection, and that the Wagner Group had no mandate to operate in Mali.

Wagner has denied the accusations. Officials in the capital did not answer questions about the meeting, which lasted three hours.
EOF
cat >facets/b.txt <<'EOF'
António Guterres calls for food aid to the Sahel

UN Secretary-General António Guterres said on Tuesday that Mali and Niger needed urgent food aid after a second poor harvest left millions of people hungry.

António Guterres asked donors to pledge more money at a conference next month, warning that the lean season had started early this year.
EOF
cat >facets/c.txt <<'EOF'
Fighters seen near Ménaka

Witnesses said Wagner fighters were seen near Ménaka in eastern Mali on Friday, days after an attack on a market in the region killed eleven people.

Residents of Ménaka said the fighters left the town after two days, heading north towards the border with Niger.
EOF
cat >facets/d.txt <<'EOF'
Floods close roads in Nairobi

Heavy rain flooded the main roads of Nairobi, Kenya, on Wednesday, officials said, and schools in the city stayed shut.

The Kenya Red Cross said hundreds of families had lost their homes in Nairobi and that more rain was expected over the weekend.
EOF

A=facets/a.txt B=facets/b.txt C=facets/c.txt D=facets/d.txt
files() { printf '%s\n' "$@" | LC_ALL=C sort; }

index facets
expect_exit 0 "index the fixture"

# --- --actor / --place: case, accents, aliases, AND ---
# a.txt calls the group both "Wagner Group" and "Wagner", which makes "wagner"
# an alias of "wagner group"; c.txt says only "Wagner".
search_files --actor guterres
expect_eq "--actor guterres: both spellings of António Guterres" "$(files $A $B)" "$FILES"
expect_exit 0 "--actor guterres: exit 0"
search_files --actor 'ANTÓNIO guterres'
expect_eq "--actor 'ANTÓNIO guterres': the same files" "$(files $A $B)" "$FILES"
search_files --actor 'Antonio Guterres'
expect_eq "--actor 'Antonio Guterres': the same files" "$(files $A $B)" "$FILES"

search_files --actor Wagner
wagner=$FILES
expect_contains "--actor Wagner: finds the Wagner Group article" "$A" "$wagner"
expect_not_contains "--actor Wagner: not the Guterres-only article" "$B" "$wagner"
search_files --actor 'wagner group'
expect_eq "--actor 'wagner group' = --actor Wagner" "$wagner" "$FILES"
search_files actor:wagner
expect_eq "actor:wagner = --actor Wagner" "$wagner" "$FILES"
search_files 'actor:"Wagner Group"'
expect_eq "actor:\"Wagner Group\" = --actor Wagner" "$wagner" "$FILES"

search_files --place Gao
expect_eq "--place Gao: the one article in Gao" "$A" "$FILES"
search_files --place menaka
expect_eq "--place menaka: Ménaka without its accent" "$C" "$FILES"
search_files --place Gao --place Mali
expect_eq "--place Gao --place Mali: an AND" "$A" "$FILES"
search_files --place Mali --place Niger
expect_eq "--place Mali --place Niger: only articles naming both" "$(files $B $C)" "$FILES"
search --files --place Gao --place Nairobi
expect_exit 1 "--place Gao --place Nairobi: no article names both, exit 1"
expect_eq "--place Gao --place Nairobi: nothing printed" "" "$OUT"
search_files 'place:gao place:mali'
expect_eq "place:gao place:mali in the query: an AND too" "$A" "$FILES"

# Filters restrict the query; they do not widen it.
search_files --place Mali guterres
expect_eq "guterres --place Mali: the query AND the filter" "$(files $A $B)" "$FILES"
search_files --place Nairobi guterres
expect_eq "guterres --place Nairobi: nothing" "" "$FILES"
search_files 'mali -actor:wagner'
expect_eq "mali -actor:wagner: excludes the Wagner articles" \
  "$(comm -23 <(files $A $B $C) <(printf '%s\n' "$wagner"))" "$FILES"

# A name nobody uses: no match, not an error.
search --actor 'Nobody Atall'
expect_exit 1 "--actor 'Nobody Atall': exit 1"
expect_eq "--actor 'Nobody Atall': nothing on stderr" "" "$ERR"
expect_contains "--actor 'Nobody Atall': says no matches" "no matches" "$OUT"
search --place Mali --actor 'Nobody Atall'
expect_exit 1 "an unknown name in an AND: no match"

# --- each hit shows its entities ---
search --place Gao
expect_true "a hit shows an entities line under its path" \
  grep -qE '^    (actors: .*Guterres.* · places: .*Gao|places: .*Gao)' "$OUT_FILE"
expect_eq "the entities line comes right after the path line" "$A" \
  "$(grep -B1 -E '^    (actors|places): ' "$OUT_FILE" | head -n 1 | sed 's/^ *//')"
expect_true "at most three actors and three places per hit" \
  python3 -c '
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("    actors: ") or line.startswith("    places: "):
        for part in line.strip().split(" · "):
            kind, names = part.split(": ", 1)
            if len(names.split(", ")) > 3: sys.exit(1)
' "$OUT_FILE"

# --- --list ---
search --list places
expect_exit 0 "--list places: exit 0"
list_places=$OUT
count_of() {  # count_of NAME: the count --list printed for NAME (case and accents ignored)
  printf '%s\n' "$1" | python3 -c '
import sys, unicodedata
def key(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))
want = key(sys.argv[1])
found = [line.split(None, 1)[0] for line in sys.stdin if line.strip() and key(line.split(None, 1)[1].strip()) == want]
print(",".join(found))
' "$2"
}
expect_eq "--list places: Gao once, in one file" 1 "$(count_of "$list_places" Gao)"
expect_eq "--list places: Ménaka once, in one file" 1 "$(count_of "$list_places" Menaka)"
expect_eq "--list places: Mali in three files" 3 "$(count_of "$list_places" Mali)"
expect_eq "--list places: Nairobi in one file" 1 "$(count_of "$list_places" Nairobi)"
expect_true "--list places: every line is 'COUNT  NAME'" \
  python3 -c 'import re,sys; sys.exit(any(not re.fullmatch(r" *[0-9]+  \S.*", l.rstrip("\n")) for l in open(sys.argv[1])))' "$OUT_FILE"
expect_true "--list places: sorted by count, most first" \
  python3 -c 'import sys; c=[int(l.split()[0]) for l in open(sys.argv[1])]; sys.exit(c != sorted(c, reverse=True))' "$OUT_FILE"
search --list actors
expect_eq "--list actors: António Guterres once, in two files" 2 "$(count_of "$OUT" 'Antonio Guterres')"
expect_not_contains "--list actors: no place among the actors" "Nairobi" "$OUT"
search --list places guterres
expect_eq "--list places with a query: only the matches' places (Mali in two)" 2 "$(count_of "$OUT" Mali)"
expect_not_contains "--list places guterres: not Nairobi" "Nairobi" "$OUT"
search --list places --actor Nobody
expect_exit 1 "--list over no match: exit 1"
expect_eq "--list over no match: prints nothing" "" "$OUT"

# --- --facets: exact counts over all matches, not just the page ---
search --facets --limit 1 mali
expect_exit 0 "--facets --limit 1 mali: exit 0"
expect_contains "--facets: only one result shown" "showing 1-1 of 3 matches" "$OUT"
facets_out=$OUT
facet_block() {  # facet_block KIND: the "COUNT  NAME" lines under "top KIND"
  printf '%s\n' "$facets_out" | sed -n "/^top $1 /,/^\$/p" | sed '1d;/^$/d'
}
expect_eq "--facets: Mali counted in all three matches" 3 "$(count_of "$(facet_block places)" Mali)"
expect_eq "--facets: Gao counted once" 1 "$(count_of "$(facet_block places)" Gao)"
expect_eq "--facets: no Nairobi (not a match)" "" "$(count_of "$(facet_block places)" Nairobi)"
expect_eq "--facets: Guterres in two matches" 2 "$(count_of "$(facet_block actors)" 'Antonio Guterres')"
# A facet count is the number of matching files that --place NAME finds.
search_files --limit 100 --place Mali mali
expect_eq "--facets: Mali's count is what --place Mali finds" 3 "$(printf '%s\n' "$FILES" | sed '/^$/d' | wc -l)"
expect_true "--facets: at most ten of each kind" test "$(facet_block places | wc -l)" -le 10

search --limit 1 mali
expect_not_contains "without --facets: no facet block" "top places" "$OUT"

# --- JSON ---
search --json --facets --place Gao
expect_true "--json --facets: python3 -m json.tool reads it" python3 -m json.tool "$OUT_FILE" /dev/null
expect_eq "--json --facets: the documented shapes" "" "$(check_json '
rs = d.get("results")
need(isinstance(rs, list) and len(rs) == 1, "results %r" % rs)
r = (rs or [{}])[0]
need(isinstance(r.get("actors"), list) and all(isinstance(a, str) for a in r.get("actors", [])), "actors %r" % r.get("actors"))
need(isinstance(r.get("places"), list) and "Gao" in r.get("places", []), "places %r" % r.get("places"))
need(any("Guterres" in a for a in r.get("actors", [])), "no Guterres in %r" % r.get("actors"))
f = d.get("facets", {})
for kind in ("actors", "places"):
    need(isinstance(f.get(kind), list) and f[kind], "facets.%s %r" % (kind, f.get(kind)))
    for item in f.get(kind) or []:
        need(isinstance(item.get("name"), str) and isinstance(item.get("count"), int), "item %r" % item)
        need(item.get("count") == 1, "one match, so every count is 1: %r" % item)
need({"name": "Gao", "count": 1} in f.get("places", []), "Gao not in %r" % f.get("places"))
need(d.get("facets", {}).get("estimated") is False, "a few matches are counted exactly: %r" % d.get("facets"))
')"
# Every facet count is the number of matches that --actor / --place with
# that name finds: a value's aliases merged into it ("Wagner", which c.txt
# alone uses, into "Wagner Group", which a.txt joins it to) count too.
search --json --facets --limit 100 mali
expect_eq "--json --facets: three matches, at most ten values a kind" "" "$(check_json '
rs = d.get("results", [])
need(len(rs) == d.get("total") == 3, "total %r, results %d" % (d.get("total"), len(rs)))
for kind in ("actors", "places"):
    need(0 < len(d.get("facets", {}).get(kind, [])) <= 10, "%s: %r" % (kind, d.get("facets", {}).get(kind)))
')"
FACETS=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for kind in ("actors", "places"):
    for item in d["facets"][kind]:
        print("%s\t%s\t%d" % (kind[:-1], item["name"], item["count"]))
' "$OUT_FILE")
mismatches=""
while IFS="$(printf '\t')" read -r kind name count; do
  search --files --limit 100 "--$kind" "$name" mali
  found=$(printf '%s\n' "$OUT" | grep -c .)
  [ "$found" = "$count" ] || mismatches="$mismatches $kind '$name': facet $count, --$kind finds $found;"
done <<<"$FACETS"
expect_eq "--json --facets: each count is what --actor / --place finds among the matches" "" "$mismatches"
expect_contains "--facets: Wagner, used alone, counts under the Wagner Group" "$(printf 'actor\tWagner Group\t2')" "$FACETS"
search --json mali
expect_eq "--json without --facets: empty facet arrays" "" "$(check_json '
need(d.get("facets") == {"actors": [], "places": [], "langs": [], "estimated": False}, "facets %r" % d.get("facets"))
need(all(isinstance(r.get("places"), list) and r["places"] for r in d.get("results", [])), "places %r" % d.get("results"))
')"
search --list places
all_places=$OUT
search --list places --limit 2
expect_eq "--list places --limit 2: the first two values" "$(printf '%s\n' "$all_places" | head -n 2)" "$OUT"
search --list places --limit 2 --offset 1
expect_eq "--list places --limit 2 --offset 1: the second and third" "$(printf '%s\n' "$all_places" | sed -n 2,3p)" "$OUT"
search --json --list places
expect_eq "--list places --json: {\"places\": [{name, count}]}" "" "$(check_json '
need(list(d) == ["places"], "keys %r" % list(d))
items = d.get("places") or []
need({"name": "Gao", "count": 1} in items, "Gao %r" % items)
need(all(isinstance(i.get("name"), str) and isinstance(i.get("count"), int) for i in items), "items %r" % items)
need([i["count"] for i in items] == sorted((i["count"] for i in items), reverse=True), "order %r" % items)
')"
search --json --list actors
expect_eq "--list actors --json: an \"actors\" array" "" "$(check_json '
need(list(d) == ["actors"] and isinstance(d["actors"], list) and d["actors"], "got %r" % d)
')"

# --- usage errors: exit 2, one line naming the problem ---
search --list foo
expect_exit 2 "--list foo: exit 2"
expect_contains "--list foo: names the option" "--list" "$ERR"
expect_eq "--list foo: nothing on stdout" "" "$OUT"
search --list places --facets
expect_exit 2 "--list with --facets: exit 2"
expect_eq "--list with --facets: says so" "winnow-search: --list and --facets cannot be combined" "$ERR"
search --files --facets mali
expect_exit 2 "--files with --facets: exit 2"
search --actor
expect_exit 2 "--actor without a name: exit 2"

# --- --explain shows what the index will hold ---
index --explain $A
expect_true "--explain: an actors: heading after the segments" grep -qx '  actors:' "$OUT_FILE"
expect_true "--explain: Guterres with his mentions" \
  grep -qE '^    Antonio Guterres \([0-9]+x\): Antonio Guterres, Guterres$' "$OUT_FILE"
expect_true "--explain: Gao among the places" \
  grep -qE '^    Gao \([0-9]+x\): Gao$' <(sed -n '/^  places:/,$p' "$OUT_FILE")
expect_true "--explain: the entities come before the title" \
  test "$(grep -n '^  actors:' "$OUT_FILE" | cut -d: -f1)" -lt "$(grep -n '^  title:' "$OUT_FILE" | cut -d: -f1)"
index --explain --json $A
expect_eq "--explain --json: entities with name, mentions and count" "" "$(check_json '
actors = {a["name"]: a for a in d["entities"]["actors"]}
g = actors.get("Antonio Guterres", {})
need(g.get("mentions") == ["Antonio Guterres", "Guterres"], "Guterres: %r" % g)
need(isinstance(g.get("count"), int) and g["count"] >= 2, "count %r" % g.get("count"))
need("Gao" in [p["name"] for p in d["entities"]["places"]], "places %r" % d["entities"]["places"])
')"

# --- several indexes searched as one ---
mkdir half1 half2
cp $A $D half1/
cp $B $C half2/
index --db db1 half1
index --db db2 half2
search --db db1 --db db2 --list places
expect_eq "two indexes: Mali counted in both (3)" 3 "$(count_of "$OUT" Mali)"
expect_eq "two indexes: Niger from the second (2)" 2 "$(count_of "$OUT" Niger)"
search --db db1 --db db2 --files --actor guterres
expect_eq "two indexes: --actor guterres finds both spellings" \
  "$(files half1/a.txt half2/b.txt)" "$(printf '%s\n' "$OUT" | LC_ALL=C sort)"
# The second index never says "Guterres" alone: the surname finds the full name by its words.
search --db db2 --files --actor guterres
expect_eq "a surname alone finds the full name when no article uses it alone" "half2/b.txt" "$OUT"
search --db db2 --files --actor antonio
expect_eq "a first name alone too" "half2/b.txt" "$OUT"
search --db db1 --db db2 --files --actor 'Wagner Group'
expect_contains "two indexes: --actor 'Wagner Group' finds the first index's article" "half1/a.txt" "$OUT"
expect_eq "two indexes: --actor 'Wagner Group' = --actor wagner" \
  "$(search --db db1 --db db2 --files --actor wagner; printf '%s\n' "$OUT" | LC_ALL=C sort)" \
  "$(search --db db1 --db db2 --files --actor 'Wagner Group'; printf '%s\n' "$OUT" | LC_ALL=C sort)"
search --db db1 --db db2 --json --facets mali
expect_eq "two indexes: --facets counts merged" "" "$(check_json '
places = {i["name"]: i["count"] for i in d["facets"]["places"]}
need(places.get("Mali") == 3, "Mali %r" % places)
need(d.get("total") == 3, "total %r" % d.get("total"))
')"

# --- an index from before facets is re-indexed whole, with a note ---
if command -v xapian-metadata >/dev/null; then
  xapian-metadata set "$WINNOW_DB" winnow:schema 1
  index
  expect_exit 0 "re-index an old-schema index: exit 0"
  expect_eq "re-index an old-schema index: one note, then the summary" \
    "winnow-index: TMP/db: index schema version 1 is not this winnow's 9; re-indexing every file
indexed 4 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(printf '%s\n' "$ERR" | mask)"
  search_files --place Gao
  expect_eq "re-indexed: facets work" "$A" "$FILES"
  index
  expect_eq "re-indexed: the next run finds nothing to do" \
    "indexed 0 new, 0 updated, 0 removed, 4 unchanged, 0 skipped in T s" "$(summary)"
else
  skip "re-index an old-schema index" "xapian-metadata (xapian-tools) is not installed"
fi

test_done
