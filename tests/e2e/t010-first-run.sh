#!/usr/bin/env bash
# First index of the five-article corpus, a re-run, and a re-scan of the remembered root.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "first run exits 0"
expect_eq "first run summary" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
expect_eq "first run prints only the summary (stderr is not a terminal)" 1 "$(printf '%s\n' "$ERR" | wc -l)"
expect_eq "first run prints nothing on stdout" "" "$OUT"
expect_true "the index folder exists" test -d "$WINNOW_DB"

index corpus
expect_exit 0 "second run exits 0"
expect_eq "second run: all unchanged" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"

index
expect_exit 0 "run without PATH exits 0"
expect_eq "run without PATH re-scans the remembered root" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"

# The remembered root is absolute: a re-scan from another folder finds the same files.
cd "$TMP_DIR/run"
index
cd "$TMP_DIR"
expect_eq "run without PATH from another folder" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"

# Indexing the same folder by a relative path with a trailing slash or ./ changes nothing.
index ./corpus/
expect_eq "same folder as ./corpus/" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"

# --db overrides $WINNOW_DB.
index --db "$TMP_DIR/other-db" corpus
expect_exit 0 "--db DIR exits 0"
expect_eq "--db DIR builds a separate index" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

# A fresh index with no PATH has nothing to re-scan: a usage error.
index --db "$TMP_DIR/empty-db"
expect_exit 2 "no PATH and nothing remembered exits 2"
expect_eq "no PATH and nothing remembered: message" \
  "winnow-index: no PATH given and the index TMP/empty-db remembers no folders to re-scan" "$(mask "$ERR")"
# ... and leaves no empty index behind that search would take for a real one.
expect_true "no PATH and nothing remembered: no index folder is created" test ! -e "$TMP_DIR/empty-db"
search --db "$TMP_DIR/empty-db" wagner
expect_exit 2 "no PATH and nothing remembered: search still says there is no index"

test_done
