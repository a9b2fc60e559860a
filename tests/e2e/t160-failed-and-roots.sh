#!/usr/bin/env bash
# An index kept inside its own root is never walked. It was a bug: every run
# read and noted the index's own files.
. "$(dirname "$0")/lib.sh"

# Files written in the run's own second are tried again next time (their
# mtime could stay the same through a change): age every file a run should
# take as settled.
age() { touch -h -d "-${2:-1} minute" "$1"; }

# --- The index inside its own root ------------------------------------------
mkdir -p inside/sub
cp corpus/00[0-4]_*.txt inside/
for f in inside/*.txt; do age "$f"; done
index --db inside/idx inside
expect_exit 0 "index inside its root, first run: exit 0"
expect_eq "index inside its root, first run: nothing noted" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(mask "$ERR")"
# The index reached through a link, and a folder left by an interrupted build:
# neither is walked either.
ln -s ../idx inside/sub/link-to-index
cp -R inside/idx inside/idx.compacted
index --db inside/idx inside
expect_eq "index inside its root, second run: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(mask "$ERR")"
index --db ./inside/idx/
expect_eq "index inside its root, named another way: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(mask "$ERR")"
rm -rf inside/idx.compacted

test_done
