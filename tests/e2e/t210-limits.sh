#!/usr/bin/env bash
# Limits (issue #16): every numeric option is range-checked, so that
# --max-size 17592186044416 (2^44 MiB, which wrapped to 0 bytes and made
# every file "too large") is a usage error; a query over the length limits
# is refused in one line before any index is opened; a query just under
# them still runs; NEAR groups and wildcards over theirs are refused with a
# line saying which.
. "$(dirname "$0")/lib.sh"

# one_line WHAT: the last run printed exactly one line on stderr and nothing on stdout.
one_line() {
  expect_eq "$1: one line on stderr" 1 "$(printf '%s\n' "$ERR" | wc -l)"
  expect_eq "$1: nothing on stdout" "" "$OUT"
}

# repeated WORD N [SEPARATOR]: WORD N times, joined by SEPARATOR (a space).
repeated() {
  python3 -c 'import sys; print(sys.argv[3].join([sys.argv[1]] * int(sys.argv[2])))' "$1" "$2" "${3:- }"
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

# --- query length: refused before the index is opened ----------------------

long_query=$(repeated said 20000)  # 99,999 bytes, as one argument
started=$(date +%s%N)
search "$long_query"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
expect_exit 2 "20,000 words: exit 2"
expect_eq "20,000 words: why" "winnow-search: query too long: 99999 bytes; at most 16384 are allowed" "$ERR"
one_line "20,000 words"
expect_true "20,000 words: refused at once (${elapsed_ms} ms, bound 5 s)" test "$elapsed_ms" -lt 5000
# No index there: the query was refused before one was looked for.
search --db "$TMP_DIR/no-index" "$long_query"
expect_exit 2 "20,000 words, no index: exit 2"
expect_eq "20,000 words, no index: the query refused, not the index" \
  "winnow-search: query too long: 99999 bytes; at most 16384 are allowed" "$ERR"

search --db "$TMP_DIR/no-index" "$(repeated said 1001)"
expect_exit 2 "1,001 words: exit 2"
expect_eq "1,001 words: why" "winnow-search: query too long: 1001 words; at most 1000 are allowed" "$ERR"
one_line "1,001 words"
# Words are runs of letters and digits, so punctuation does not hide them.
search --db "$TMP_DIR/no-index" "$(repeated said 1001 ,)"
expect_eq "1,001 words joined by commas: why" \
  "winnow-search: query too long: 1001 words; at most 1000 are allowed" "$ERR"

search --files "$(repeated said 1000)"
expect_exit 0 "1,000 words: exit 0"
expect_eq "1,000 repeats of a word find what the word finds" "$(article 001 002 003)" \
  "$(printf '%s\n' "$OUT" | LC_ALL=C sort)"
padded=$(printf 'mali%16380s' '')
search --files "$padded"
expect_exit 0 "16,384 bytes: exit 0"
search --db "$TMP_DIR/no-index" "$padded "
expect_exit 2 "16,385 bytes: exit 2"
expect_eq "16,385 bytes: why" "winnow-search: query too long: 16385 bytes; at most 16384 are allowed" "$ERR"

# --- NEAR groups ------------------------------------------------------------

search "$(repeated said 64 ' NEAR ')"
expect_true "64 words joined by NEAR: searched (exit 0 or 1, got $STATUS)" test "$STATUS" -lt 2
search "($(repeated said 33 ' NEAR ')) ($(repeated said 32 ' NEAR '))"
expect_exit 2 "65 words joined by NEAR in two groups: exit 2"
expect_eq "65 words joined by NEAR: why" \
  "winnow-search: query too large: 65 words joined by NEAR; at most 64 are allowed" "$ERR"
one_line "65 words joined by NEAR"

# --- wildcards ---------------------------------------------------------------

# 150 generated articles: about 1,400 different words starting with s.
python3 "$WINNOW_SOURCE/corpus/gen_corpus.py" -n 150 --seed 3 gen >/dev/null
index --db gen.db gen
expect_exit 0 "generated articles indexed"
search --db gen.db 's*'
expect_exit 2 "s*: exit 2"
expect_eq "s*: why" "winnow-search: wildcard s* matches more than 1000 different words; type more of it" "$ERR"
one_line "s*"
search --db gen.db --facets 'S*'
expect_eq "S* with --facets: why, folded as the index is" \
  "winnow-search: wildcard s* matches more than 1000 different words; type more of it" "$ERR"
search --db gen.db --list actors 's*'
expect_eq "s* with --list: why" \
  "winnow-search: wildcard s* matches more than 1000 different words; type more of it" "$ERR"
search --db gen.db --files 'st*'
expect_exit 0 "st*, fewer words: exit 0"

ten="ba* OR be* OR bo* OR ca* OR co* OR da* OR de* OR fa* OR fo* OR ga*"
search --db gen.db --facets --limit 1 "$ten"
expect_exit 0 "ten wildcards: exit 0"
search --db gen.db --facets "$ten OR go*"
expect_exit 2 "eleven wildcards: exit 2"
expect_eq "eleven wildcards: why" "winnow-search: query too large: 11 wildcards; at most 10 are allowed" "$ERR"
one_line "eleven wildcards"

test_done
