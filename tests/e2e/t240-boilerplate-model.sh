#!/usr/bin/env bash
# t240: the boilerplate model is used, explained, and its absence or damage
# costs nothing but its help.
#
# --explain names the model's belief and the features that weighed most; a
# damaged model file is one line on stderr naming it, and the rules judge
# alone, so nothing is lost; with no model (WINNOW_BOILERPLATE_MODEL set and
# empty) the bundled corpus is cleaned as well: its furniture words find
# nothing either way.
. "$(dirname "$0")/lib.sh"

index --explain corpus/004_97bd423b222bc096.txt
expect_exit 0 "explain with the model"
expect_contains "explain: the model's belief" "model: " "$OUT"
expect_contains "explain: a feature that weighed, with its push" "rules: score +" "$OUT"

printf 'winnow-boilerplate-trees 1\nfeatures 3\nbase 0\ntrees 1\ntree 1\n0 leaf 0.5\n' >bad.model
WINNOW_BOILERPLATE_MODEL="$TMP_DIR/bad.model" index --db damaged corpus
expect_exit 0 "a model of the wrong shape: the run goes on"
expect_eq "a model of the wrong shape: one line naming it" 1 \
  "$(printf '%s\n' "$ERR" | grep -cF "winnow-index: $TMP_DIR/bad.model: a model of 3 features" || true)"
WINNOW_BOILERPLATE_MODEL= index --db rules corpus
expect_exit 0 "no model: the rules alone"
for db in damaged rules; do
  for word in cookies '"leave a reply"' allafrica contrapuntal; do
    search --db "$db" --files "$word"
    expect_eq "$db: $word finds nothing" "" "$OUT"
  done
  search --db "$db" --files --limit 100 mali
  expect_true "$db: every seed article about Mali is found" test "$(printf '%s\n' "$OUT" | grep -c .)" -ge 5
done

test_done
