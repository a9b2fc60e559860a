#!/usr/bin/env bash
# Limits (issue #16): every numeric option is range-checked, so that
# --max-size 17592186044416 (2^44 MiB, which wrapped to 0 bytes and made
# every file "too large") is a usage error.
. "$(dirname "$0")/lib.sh"

# one_line WHAT: the last run printed exactly one line on stderr and nothing on stdout.
one_line() {
  expect_eq "$1: one line on stderr" 1 "$(printf '%s\n' "$ERR" | wc -l)"
  expect_eq "$1: nothing on stdout" "" "$OUT"
}

# --- winnow-index's numbers ------------------------------------------------

index --max-size 17592186044416 corpus
expect_exit 2 "--max-size 2^44 MiB: exit 2"
expect_eq "--max-size 2^44 MiB: the range named" \
  "winnow-index: --max-size: Value 17592186044416 not in range 1 to 1048576 (see --help)" "$ERR"
one_line "--max-size 2^44 MiB"
expect_true "--max-size 2^44 MiB: no index made" test ! -e "$WINNOW_DB"
for value in 0 -1 1048577; do
  index --max-size "$value" corpus
  expect_exit 2 "--max-size $value: exit 2"
  expect_contains "--max-size $value: the option named" "winnow-index: --max-size: " "$ERR"
  one_line "--max-size $value"
done
for value in 0 100001; do
  index --batch "$value" corpus
  expect_exit 2 "--batch $value: exit 2"
  expect_contains "--batch $value: the option named" "winnow-index: --batch: " "$ERR"
  one_line "--batch $value"
done
for value in 0 257; do
  index --jobs "$value" corpus
  expect_exit 2 "--jobs $value: exit 2"
  one_line "--jobs $value"
done
expect_true "no rejected option made an index" test ! -e "$WINNOW_DB"

# The largest values still index, each file as usual.
index --max-size 1048576 --batch 100000 --jobs 256 corpus
expect_exit 0 "the largest --max-size, --batch and --jobs: exit 0"
expect_eq "the largest --max-size, --batch and --jobs: every file indexed" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

# --- winnow-search's numbers -----------------------------------------------

for option in "--limit 1000001" "--limit -1" "--offset 1000000001"; do
  # shellcheck disable=SC2086 # the option and its value, two words
  search $option said
  expect_exit 2 "$option: exit 2"
  expect_contains "$option: the option named" "winnow-search: ${option% *}: " "$ERR"
  one_line "$option"
done
search --files --limit 1000000 --offset 1000000000 said
expect_exit 0 "the largest --limit and --offset: exit 0 (there are matches)"
expect_eq "the largest --limit and --offset: no path that far" "" "$OUT"

test_done
