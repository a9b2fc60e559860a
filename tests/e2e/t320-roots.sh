#!/usr/bin/env bash
# Remembered roots: --roots lists them; --forget drops one and its
# documents (not the files), leaves the others whole, and refuses a path
# that is no root; a root that does not exist is refused at the first run.
. "$(dirname "$0")/lib.sh"

mkdir -p news/a news/b
cp corpus/00[0-2]_*.txt news/a/
cp corpus/00[34]_*.txt news/b/
index --db db news/a news/b
expect_exit 0 "index two roots"
index --db db --roots
expect_exit 0 "--roots: exit 0"
expect_eq "--roots: both, absolute, one a line" "$TMP_DIR/news/a
$TMP_DIR/news/b" "$OUT"

search_files --db db --all-copies --limit 100 mali
expect_eq "mali: the five articles of both roots" 5 "$(printf '%s\n' "$FILES" | grep -c .)"
index --db db --forget news/b
expect_exit 0 "--forget news/b: exit 0"
expect_contains "--forget: its two documents removed" "2 removed" "$ERR"
index --db db --roots
expect_eq "--roots after --forget: the other root alone" "$TMP_DIR/news/a" "$OUT"
search_files --db db --all-copies --limit 100 mali
expect_eq "mali after --forget: the three articles of news/a" "$(printf 'news/a/%s\n' $(cd news/a && ls) | LC_ALL=C sort)" "$FILES"
expect_true "--forget leaves the files alone" test -f news/b/003_a65d448c5312df79.txt
index --db db
expect_exit 0 "a run without PATH: exit 0"
expect_contains "a run without PATH re-scans news/a alone: nothing new" "0 new, 0 updated, 0 removed, 3 unchanged" "$ERR"

index --db db --forget news/b
expect_exit 2 "--forget a path that is no root: exit 2"
expect_contains "--forget a path that is no root: says so" "news/b: not a root of the index" "$ERR"
index --db no-index --roots
expect_exit 2 "--roots with no index: exit 2"
index --db db --roots news/a
expect_exit 2 "--roots with a PATH: exit 2"

index --db fresh news/none
expect_exit 2 "a root that does not exist at the first run: exit 2"
expect_true "nothing is left behind for it" test ! -e fresh

# On a terminal a run shows its phase and the files done of the total; in a
# pipe it prints the summary alone.
mkdir -p many
for i in $(seq 1 300); do printf 'Report %s on the river floods\n\nThe river rose by %s centimetres at the gauge in the town on Monday, officials said in a statement.\n' "$i" "$i" >"many/r$i.txt"; done
if command -v script >/dev/null; then
  run script -qec "'$WINNOW_BIN/winnow-index' --db progress-db many" /dev/null
  expect_contains "on a terminal: the indexing phase, files done of the total" "indexing 256 of 300 files" "$OUT"
fi
index --db piped-db many
expect_eq "in a pipe: the summary line alone" "1" "$(grep -c . "$ERR_FILE")"

test_done
