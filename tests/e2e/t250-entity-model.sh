#!/usr/bin/env bash
# t250: a damaged entity tagger costs nothing but its help.
#
# A model file that cannot be read is one line on stderr naming it, the run
# goes on, and the entity rules find the seed corpus's names alone; with the
# shipped model the same names are found.
. "$(dirname "$0")/lib.sh"

printf 'winnow-entity-tagger 1\nO 1 2\n' >bad.model
WINNOW_ENTITY_MODEL="$TMP_DIR/bad.model" index --db damaged corpus
expect_exit 0 "a damaged entity model: the run goes on"
expect_eq "a damaged entity model: one line naming it" 1 \
  "$(printf '%s\n' "$ERR" | grep -cF "winnow-index: $TMP_DIR/bad.model: a transition row is short" || true)"
index --db shipped corpus
expect_exit 0 "the shipped entity model"
expect_eq "the shipped entity model: no warning" 0 "$(printf '%s\n' "$ERR" | grep -c "entities.model" || true)"
for db in damaged shipped; do
  search --db "$db" --files --place Moura
  expect_eq "$db: --place Moura finds article 002" "corpus/002_8ef430123d4cc39d.txt" "$OUT"
  search --db "$db" --files --limit 100 --actor Guterres
  expect_true "$db: --actor Guterres finds articles" test -n "$OUT"
done

test_done
