#!/usr/bin/env bash
# Another writer holds the index: winnow-index exits 1 with one clear line,
# searching still works, and indexing works again once the lock is gone.
. "$(dirname "$0")/lib.sh"

: "${WINNOW_HOLD_LOCK:?set WINNOW_HOLD_LOCK to the winnow-hold-lock helper}"

index corpus
expect_eq "index the corpus" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

LOCK_FIFO="$TMP_DIR/run/lock-stdin"
LOCK_OUT="$TMP_DIR/run/lock-stdout"
HOLDER_PID=""

# hold_lock DB: starts winnow-hold-lock on DB, its stdin a FIFO kept open on fd 9,
# and waits (at most 10 s) for it to say "locked". release_lock closes fd 9: EOF ends it.
hold_lock() {
  rm -f "$LOCK_FIFO" "$LOCK_OUT"
  mkfifo "$LOCK_FIFO"
  timeout --kill-after=5 60 "$WINNOW_HOLD_LOCK" "$1" <"$LOCK_FIFO" >"$LOCK_OUT" 2>&1 &
  HOLDER_PID=$!
  exec 9>"$LOCK_FIFO"
  local tries=0
  until grep -qx locked "$LOCK_OUT" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$HOLDER_PID" 2>/dev/null; then
      echo "winnow-hold-lock did not take the lock:"
      sed 's/^/    /' "$LOCK_OUT" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
}

release_lock() {
  exec 9>&-
  local status=0
  wait "$HOLDER_PID" || status=$?
  HOLDER_PID=""
  return "$status"
}

expect_true "the helper takes the lock" hold_lock "$WINNOW_DB"

index corpus
expect_exit 1 "locked: exit 1"
expect_eq "locked: the message, word for word" \
  "winnow-index: the index TMP/db is being written by another process" "$(mask "$ERR")"
expect_eq "locked: nothing on stdout" "" "$OUT"

index
expect_exit 1 "locked, no PATH: exit 1"
expect_eq "locked, no PATH: the message" \
  "winnow-index: the index TMP/db is being written by another process" "$(mask "$ERR")"

index --rebuild corpus
expect_exit 1 "locked, --rebuild: exit 1"
expect_eq "locked, --rebuild: the message" \
  "winnow-index: the index TMP/db is being written by another process" "$(mask "$ERR")"

# Readers are not blocked by a writer.
search_files wagner
expect_exit 0 "locked: search still works"
expect_eq "locked: search finds the five articles" "$(article 000 001 002 003 004)" "$FILES"

# --explain writes nothing, so it needs no lock.
index --explain corpus/000_83a647917034a0e8.txt
expect_exit 0 "locked: --explain still works"

expect_true "the helper lets go at EOF" release_lock

index corpus
expect_exit 0 "lock released: exit 0"
expect_eq "lock released: nothing was lost or half-written" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
search_files wagner
expect_eq "lock released: the five articles" "$(article 000 001 002 003 004)" "$FILES"

# A new index folder locked by a writer that has not committed anything yet.
expect_true "the helper locks a fresh index" hold_lock "$TMP_DIR/fresh-db"
index --db "$TMP_DIR/fresh-db" corpus
expect_exit 1 "fresh locked index: exit 1"
expect_eq "fresh locked index: the message" \
  "winnow-index: the index TMP/fresh-db is being written by another process" "$(mask "$ERR")"
expect_true "the helper lets go of the fresh index" release_lock
index --db "$TMP_DIR/fresh-db" corpus
expect_eq "fresh index, released: indexed" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

test_done
