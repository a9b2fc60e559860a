#!/usr/bin/env bash
# The parallel pipeline: --jobs 1 and --jobs 4 build the same index, document
# for document (data, values, terms, positions), on a corpus whose repeated
# footers make the boilerplate filter's repetition counts matter; so do an
# update run and --rebuild, which builds beside the old index and swaps it in.
. "$(dirname "$0")/lib.sh"
: "${WINNOW_DUMP_INDEX:?set WINNOW_DUMP_INDEX to the winnow-dump-index helper}"

# Three copies of every gold article, in three folders: each segment is held
# by three documents, over the repetition threshold, and which copy a worker
# classifies first depends on the threads' timing.
mkdir articles
for copy in a b c; do
  mkdir "articles/$copy"
  cp "$WINNOW_SOURCE"/tests/data/seed-gold/*.txt "$WINNOW_SOURCE"/tests/data/boilerplate-dev/*.txt \
    "articles/$copy/"
done
touch -d '-1 minute' articles/*/*
files=$(find articles -type f | wc -l)

dump() { "$WINNOW_DUMP_INDEX" "$1" >"$2"; }

index --db one --jobs 1 articles
expect_exit 0 "--jobs 1: exit 0"
expect_eq "--jobs 1: summary" "indexed $files new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
index --db four --jobs 4 articles
expect_exit 0 "--jobs 4: exit 0"
expect_eq "--jobs 4: summary" "indexed $files new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
dump one one.dump
dump four four.dump
expect_true "the index has every file" grep -q "^documents $files " one.dump
expect_true "--jobs 1 and --jobs 4: the same documents, terms, positions and values" cmp -s one.dump four.dump
[ "$TESTS_FAILED" = 0 ] || diff one.dump four.dump | head -20

# An update: one copy's articles edited, one deleted, a new one added.
edited=$(find articles/b -name 'dev0*.txt' | wc -l)
for f in articles/b/dev0*.txt; do printf '\nEdited on a later day by the desk.\n' >>"$f"; done
rm articles/c/dev01_*.txt
cp corpus/000_*.txt articles/new-copy.txt
touch -d '-30 seconds' articles/b/dev0*.txt articles/new-copy.txt
index --db one --jobs 1
expect_eq "update: --jobs 1 summary" "indexed 1 new, $edited updated, 1 removed, $((files - edited - 1)) unchanged, 0 skipped in T s" "$(summary)"
index --db four --jobs 4
expect_eq "update: --jobs 4 summary" "indexed 1 new, $edited updated, 1 removed, $((files - edited - 1)) unchanged, 0 skipped in T s" "$(summary)"
dump one one.dump
dump four four.dump
expect_true "update: --jobs 1 and --jobs 4 agree" cmp -s one.dump four.dump

# --rebuild swaps a new index in: the same documents as a fresh build, no
# folder left beside it.
index --db fresh --jobs 4 articles
index --db four --rebuild
expect_exit 0 "--rebuild: exit 0"
dump fresh fresh.dump
dump four four.dump
expect_true "--rebuild: the same index as a fresh build" cmp -s fresh.dump four.dump
expect_true "--rebuild: nothing left beside the index" test ! -e four.rebuilding -a ! -e four.compacted
search --db four --files zebrafinch
expect_exit 1 "--rebuild: the index is searchable"

# A folder holding other files is never taken for an index.
mkdir notes && echo "shopping list" >notes/list.txt
index --db notes articles
expect_exit 2 "a non-empty folder that is not an index: exit 2"
expect_eq "a non-empty folder that is not an index: one line" \
  "winnow-index: notes holds files but no winnow index; winnow-index leaves it alone: give another --db" "$(mask "$ERR")"
expect_true "a non-empty folder that is not an index: left as it was" test "$(ls notes)" = list.txt

test_done
