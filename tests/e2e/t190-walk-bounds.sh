#!/usr/bin/env bash
# The walk stays inside its roots, and only regular files are read. Each was
# a bug: a symbolic link put the files of any folder it pointed to (/etc)
# into the index; a file swapped for a FIFO after the walk blocked the run
# (and --explain FIFO) forever; one swapped for a link to /dev/zero was read
# until std::bad_alloc ended the run with exit 1.
. "$(dirname "$0")/lib.sh"

# Stderr but the summary, masked.
notes() { printf '%s\n' "$ERR" | sed '$d' | mask; }
# How many lines of stderr name PATH (a masked path), as "PATH:".
lines_naming() { printf '%s\n' "$ERR" | mask | grep -cF "$1:" || true; }
# new_article WORD: a short article of its own, with WORD in it.
new_article() { printf 'Herders near Gossi said on Sunday that the %s season had begun early this year.\n' "$1"; }
# A run must end by itself, well before lib.sh's minute.
TEST_TIMEOUT=20

# --- Symbolic links that leave the roots are not followed ---------------------
mkdir outside corpus/inner
new_article outsidewordy >outside/story.txt
new_article innerwordy >corpus/inner/story.txt
ln -s ../outside corpus/away                   # a folder outside every root
ln -s ../outside/story.txt corpus/away-file.txt  # a file outside every root
ln -s inner corpus/inside                      # a folder inside the root
ln -s inner/story.txt corpus/inside-file.txt   # a file inside the root

index corpus
expect_exit 0 "links leaving the root: exit 0"
expect_contains "a link to a folder outside: its note" \
  "winnow-index: TMP/corpus/away: symbolic link to TMP/outside, outside the roots being indexed: not followed (see --follow-symlinks)" \
  "$(notes)"
expect_contains "a link to a file outside: its note" \
  "winnow-index: TMP/corpus/away-file.txt: symbolic link to TMP/outside/story.txt, outside the roots being indexed: not followed (see --follow-symlinks)" \
  "$(notes)"
expect_eq "one line names corpus/away" 1 "$(lines_naming TMP/corpus/away)"
expect_eq "one line names corpus/away-file.txt" 1 "$(lines_naming TMP/corpus/away-file.txt)"
expect_not_contains "a link to a file inside: no note" "TMP/corpus/inside-file.txt:" "$(notes)"
# New: the five articles, inner/story.txt and inside-file.txt (a second path to it).
# Skipped: away, away-file.txt, and inside (inner is walked first: a folder seen twice).
expect_eq "links leaving the root: summary" "indexed 7 new, 0 updated, 0 removed, 0 unchanged, 3 skipped in T s" \
  "$(summary)"
search_files outsidewordy
expect_exit 1 "the article outside the root is not searchable"
# (Each path is a file of its own: --all-copies lists both copies of the story.)
search_files --all-copies innerwordy
expect_eq "a link inside the root is followed: its target is indexed" \
  "corpus/inner/story.txt
corpus/inside-file.txt" "$FILES"

# --follow-symlinks follows them all.
index --follow-symlinks corpus
expect_exit 0 "--follow-symlinks: exit 0"
expect_not_contains "--follow-symlinks: no note about the links" "outside the roots" "$ERR"
search_files --all-copies outsidewordy
expect_eq "--follow-symlinks: the article outside is indexed, by both links" \
  "corpus/away-file.txt
corpus/away/story.txt" "$FILES"

# Without it again, what only the links reached leaves the index.
index corpus
expect_exit 0 "without --follow-symlinks again: exit 0"
expect_contains "without --follow-symlinks again: the link is noted" \
  "winnow-index: TMP/corpus/away: symbolic link to TMP/outside" "$(notes)"
search_files outsidewordy
expect_exit 1 "without --follow-symlinks again: the article outside is not searchable"

# --- Files swapped after the walk, before the read -----------------------------
# WINNOW_TEST_BEFORE_READ runs a command once between a run's walk and its
# first read: it swaps files the walk saw as small regular files.
mkdir swaps
new_article keptwordy >swaps/good.txt
new_article fifowordy >swaps/fifo.txt
new_article zerowordy >swaps/zero.txt
new_article growwordy >swaps/grown.txt
cat >swap.sh <<EOF
set -e
cd "$TMP_DIR/swaps"
rm fifo.txt && mkfifo fifo.txt
rm zero.txt && ln -s /dev/zero zero.txt
# 2 MiB of text where the walk saw 80 bytes.
python3 -c 'import sys; sys.stdout.write(("grownwordy " * 100 + "\n") * 1908)' >grown.txt
EOF
# restore: the three files regular and small again, each of a new size.
restore() {
  rm -f swaps/fifo.txt swaps/zero.txt
  { new_article fifowordy; echo "$1"; } >swaps/fifo.txt
  { new_article zerowordy; echo "$1"; } >swaps/zero.txt
  { new_article growwordy; echo "$1"; } >swaps/grown.txt
}
export WINNOW_TEST_BEFORE_READ="sh $TMP_DIR/swap.sh"

# expect_swaps_noted WHAT ZERO_PROBLEM SUMMARY: what the last run over swaps/
# (with swap.sh between its walk and its reads) must have done.
expect_swaps_noted() {
  expect_exit 0 "$1: exit 0, no hang, no abort"
  expect_eq "$1: each swapped file noted" \
    "winnow-index: TMP/swaps/fifo.txt: not a regular file
winnow-index: TMP/swaps/grown.txt: too large (2.0 MiB; the limit is 1 MiB, see --max-size)
winnow-index: TMP/swaps/zero.txt: $2" "$(notes | LC_ALL=C sort)"
  expect_eq "$1: summary" "$3" "$(summary)"
  search_files --db "$TMP_DIR/swapdb" keptwordy
  expect_eq "$1: the other file is indexed" "swaps/good.txt" "$FILES"
  search_files --db "$TMP_DIR/swapdb" grownwordy
  expect_exit 1 "$1: the grown file is not indexed"
}

# A first build (written in parts): the link is not followed.
index --db "$TMP_DIR/swapdb" --max-size 1 swaps
expect_swaps_noted "swapped files, first build" \
  "symbolic link to /dev/zero, outside the roots being indexed: not followed (see --follow-symlinks)" \
  "indexed 1 new, 0 updated, 0 removed, 0 unchanged, 3 skipped in T s"

# An update (written in walk order), following every link: /dev/zero is
# reached, and refused as not a regular file.
restore again
index --db "$TMP_DIR/swapdb" --max-size 1 --follow-symlinks swaps
expect_swaps_noted "swapped files, update" "not a regular file" \
  "indexed 0 new, 0 updated, 0 removed, 1 unchanged, 3 skipped in T s"
unset WINNOW_TEST_BEFORE_READ

# Once they are what they were, they are indexed.
restore once-more
index --db "$TMP_DIR/swapdb" --max-size 1 swaps
expect_eq "restored files: indexed" "indexed 3 new, 0 updated, 0 removed, 1 unchanged, 0 skipped in T s" \
  "$(summary)"

# --- --explain reads only regular files, and at most --max-size ----------------
mkfifo fifo.txt
ln -s /dev/zero zero.txt
index --explain fifo.txt
expect_exit 1 "--explain FIFO: exit 1, no hang"
expect_eq "--explain FIFO: one line" "winnow-index: fifo.txt: not a regular file" "$ERR"
index --explain zero.txt
expect_exit 1 "--explain link to /dev/zero: exit 1, no abort"
expect_eq "--explain link to /dev/zero: one line" "winnow-index: zero.txt: not a regular file" "$ERR"
python3 -c 'import sys; sys.stdout.write(("bigwordy " * 100 + "\n") * 2000)' >big.txt
index --explain --max-size 1 big.txt
expect_exit 1 "--explain a file over --max-size: exit 1"
expect_eq "--explain a file over --max-size: one line" \
  "winnow-index: big.txt: too large (1.7 MiB; the limit is 1 MiB, see --max-size)" "$ERR"

# --- A link to /dev/zero named on the command line ----------------------------
index --db "$TMP_DIR/zerodb" --max-size 1 zero.txt
expect_exit 0 "a link to /dev/zero as PATH: exit 0"
expect_eq "a link to /dev/zero as PATH: one note and the summary" \
  "winnow-index: TMP/zero.txt: not a regular file
indexed 0 new, 0 updated, 0 removed, 0 unchanged, 1 skipped in T s" "$(mask "$ERR")"

test_done
