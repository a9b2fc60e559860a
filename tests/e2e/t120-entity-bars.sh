#!/usr/bin/env bash
# Issue #5's bars for entity facets on the bundled corpus: what a user of the
# five seed articles must see. Names in captions and publisher furniture are
# no entities; places named in the articles are.
. "$(dirname "$0")/lib.sh"

A002=corpus/002_8ef430123d4cc39d.txt

index corpus
expect_exit 0 "index the corpus"

# Moura (the 2022 massacre) is named in one article's text.
search_files --place Moura
expect_eq "--place Moura: exactly article 002" "$A002" "$FILES"

# Aguelhock is only in 002's image caption, which is boilerplate.
search --files --place Aguelhock
expect_exit 1 "--place Aguelhock: no match (named only in a caption), exit 1"
expect_eq "--place Aguelhock: nothing printed" "" "$OUT"

search --actor Guterres --facets
expect_exit 0 "--actor Guterres --facets: exit 0"
expect_true "--actor Guterres --facets: Mali among the top places" \
  grep -qE '^ +[0-9]+  Mali$' <(sed -n '/^top places /,$p' "$OUT_FILE")
search --json --actor Guterres --facets
expect_eq "--actor Guterres --facets --json: Mali in facets.places" "" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
names = [p["name"] for p in d["facets"]["places"]]
if "Mali" not in names: print("places: %r" % names)
' "$OUT_FILE")"

# count_in_list NAME: how many lines of $OUT name NAME, case and accents ignored.
count_in_list() {
  printf '%s\n' "$OUT" | python3 -c '
import sys, unicodedata
def key(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))
want = key(sys.argv[1])
print(sum(1 for line in sys.stdin if line.strip() and key(line.split(None, 1)[1].strip()) == want))
' "$1"
}
search --list places
expect_exit 0 "--list places: exit 0"
expect_eq "--list places: Gao once" 1 "$(count_in_list Gao)"
expect_eq "--list places: Menaka once (however spelled)" 1 "$(count_in_list Menaka)"
places=$OUT
search --list actors
actors=$OUT
for furniture in AllAfrica 'The Contrapuntal' Contrapuntal; do
  expect_not_contains "no place named '$furniture' (publisher furniture)" "$furniture" "$places"
  expect_not_contains "no actor named '$furniture' (publisher furniture)" "$furniture" "$actors"
done

test_done
