#!/usr/bin/env bash
# --help lists every option, --version prints the project version, unknown options exit 2.
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^project(winnow VERSION \([0-9.]*\).*/\1/p' "$WINNOW_SOURCE/CMakeLists.txt")
expect_true "the project version is known" test -n "$version"

index --help
expect_exit 0 "winnow-index --help: exit 0"
expect_eq "winnow-index --help: nothing on stderr" "" "$ERR"
for option in --db --rebuild --explain --json --max-size --follow-symlinks --batch --help --version PATH; do
  expect_contains "winnow-index --help lists $option" "$option" "$OUT"
done
expect_true "winnow-index --help: a Usage line" grep -q '^Usage: .*winnow-index \[OPTIONS\]' "$OUT_FILE"
expect_true "winnow-index --help did not create an index" test ! -e "$WINNOW_DB"
index -h
expect_exit 0 "winnow-index -h: exit 0"

search --help
expect_exit 0 "winnow-search --help: exit 0"
expect_eq "winnow-search --help: nothing on stderr" "" "$ERR"
for option in --db --actor --place --facets --list --limit --offset --files --json --color --help --version QUERY; do
  expect_contains "winnow-search --help lists $option" "$option" "$OUT"
done
expect_true "winnow-search --help: a Usage line" grep -q '^Usage: .*winnow-search \[OPTIONS\]' "$OUT_FILE"
search -h
expect_exit 0 "winnow-search -h: exit 0"

index --version
expect_exit 0 "winnow-index --version: exit 0"
expect_eq "winnow-index --version: the project version first" "winnow-index $version (" "${OUT%%Xapian*}"
search --version
expect_exit 0 "winnow-search --version: exit 0"
expect_eq "winnow-search --version: the project version first" "winnow-search $version (" "${OUT%%Xapian*}"

index --no-such-option corpus
expect_exit 2 "winnow-index --no-such-option: exit 2"
expect_contains "winnow-index --no-such-option: named on stderr" "--no-such-option" "$ERR"
expect_eq "winnow-index --no-such-option: nothing on stdout" "" "$OUT"
expect_true "winnow-index --no-such-option did not create an index" test ! -e "$WINNOW_DB"
index --db
expect_exit 2 "winnow-index --db without a value: exit 2"
index --batch 0 corpus
expect_exit 2 "winnow-index --batch 0: exit 2"

search --no-such-option wagner
expect_exit 2 "winnow-search --no-such-option: exit 2"
expect_contains "winnow-search --no-such-option: named on stderr" "--no-such-option" "$ERR"
expect_eq "winnow-search --no-such-option: nothing on stdout" "" "$OUT"
search --limit
expect_exit 2 "winnow-search --limit without a value: exit 2"
search
expect_exit 2 "winnow-search without a query: exit 2"

# --help as people read it: lines under 80 columns, values by name, not
# CLI11's types, and the exit statuses.
for program in winnow-index winnow-search; do
  if [ $program = winnow-index ]; then index --help; else search --help; fi
  expect_eq "$program --help: no line of 80 columns or more" "" "$(awk 'length($0) >= 80' "$OUT_FILE")"
  expect_not_contains "$program --help: no CLI11 type names" "TEXT" "$OUT"
  expect_not_contains "$program --help: no CLI11 ranges" "UINT" "$OUT"
  expect_contains "$program --help: the exit statuses" "Exit status:" "$OUT"
done
search --help
expect_contains "winnow-search --help: --db takes a DIR" "--db DIR ..." "$OUT"
expect_contains "winnow-search --help: --limit's default" "(default: 10)" "$OUT"

test_done
