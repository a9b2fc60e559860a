#!/usr/bin/env bash
# Failed files are remembered until they change; an index kept inside its own
# root is never walked; a missing PATH is an error, a vanished remembered root
# keeps its documents. Each was a bug: every run read and noted the failed
# files, and the index's own files, again, and a mistyped PATH was remembered.
. "$(dirname "$0")/lib.sh"
: "${WINNOW_DUMP_INDEX:?set WINNOW_DUMP_INDEX to the winnow-dump-index helper}"

# Files written in the run's own second are tried again next time (their
# mtime could stay the same through a change): age every file a run should
# take as settled.
age() { touch -h -d "-${2:-1} minute" "$1"; }
# The failure entries in the index: one key per failed path, masked, sorted.
failed_keys() { "$WINNOW_DUMP_INDEX" "${1:-$WINNOW_DB}" | grep -ao '^metadata winnow:failed:[^ ]*' | mask | LC_ALL=C sort; }
# Stderr but the summary, masked.
notes() { printf '%s\n' "$ERR" | sed '$d' | mask; }
# The paths the notes name, sorted.
noted_paths() { notes | sed -n 's/^winnow-index: \(TMP[^:]*\): .*/\1/p' | LC_ALL=C sort; }

# new_article WORD: an article of its own, WORD in its paragraphs.
new_article() {
  printf 'Herders return to the pastures near Gossi\n\n'
  printf 'Herders in the Malian district of Gossi said on Sunday that the %s season had begun early, ' "$1"
  printf 'with rain falling over the dunes a month before it usually does, and that cattle were already '
  printf 'moving north towards the lakes despite the fighting in the region.\n\n'
  printf 'Veterinarians from Mopti said they would vaccinate the herds along the %s route this year.\n' "$1"
}

# --- A failed file is remembered ---------------------------------------------
# 4 KiB of every byte value: binary however NUL bytes are treated.
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 16)' >corpus/binary.txt
: >corpus/empty.txt
age corpus/binary.txt
age corpus/empty.txt

# The first run builds the index in parts and compacts them: the failures must
# reach the final index all the same.
index corpus
expect_exit 0 "first run: exit 0"
expect_eq "first run: summary" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 2 skipped in T s" "$(summary)"
expect_contains "first run: the empty file is noted" "winnow-index: TMP/corpus/empty.txt: empty file" "$(notes)"
expect_eq "first run: both failed files are noted, once each" \
  "TMP/corpus/binary.txt
TMP/corpus/empty.txt" "$(noted_paths)"
expect_eq "first run: one entry per failed file" \
  "metadata winnow:failed:TMP/corpus/binary.txt
metadata winnow:failed:TMP/corpus/empty.txt" "$(failed_keys)"

index corpus
expect_exit 0 "second run: exit 0"
expect_eq "second run: nothing noted, the failed files counted skipped" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 2 skipped in T s" "$(mask "$ERR")"
index
expect_eq "re-scan without PATH: nothing noted either" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 2 skipped in T s" "$(mask "$ERR")"

# A changed failed file is tried again, and noted again while it fails.
printf '\0\1\2\3' >>corpus/binary.txt
age corpus/binary.txt
index corpus
expect_eq "binary file changed: tried and noted again" "TMP/corpus/binary.txt" "$(noted_paths)"
expect_eq "binary file changed: summary" "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 2 skipped in T s" "$(summary)"
index corpus
expect_eq "binary file changed, next run: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 2 skipped in T s" "$(mask "$ERR")"

# A failed file edited into valid text is indexed, and forgotten as a failure.
new_article transhumancy >corpus/empty.txt
age corpus/empty.txt
index corpus
expect_exit 0 "empty file now an article: exit 0"
expect_eq "empty file now an article: indexed, nothing noted" \
  "indexed 1 new, 0 updated, 0 removed, 5 unchanged, 1 skipped in T s" "$(mask "$ERR")"
search_files transhumancy
expect_eq "empty file now an article: found" "corpus/empty.txt" "$FILES"
expect_eq "empty file now an article: its failure entry is gone" \
  "metadata winnow:failed:TMP/corpus/binary.txt" "$(failed_keys)"

# An indexed file that turns binary keeps its document, and is noted once.
cp corpus/binary.txt corpus/empty.txt
age corpus/empty.txt
index corpus
expect_eq "an article turned binary: noted" "TMP/corpus/empty.txt" "$(noted_paths)"
index corpus
expect_eq "an article turned binary, next run: nothing noted, not removed" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 2 skipped in T s" "$(mask "$ERR")"
search_files transhumancy
expect_eq "an article turned binary: its document is still found" "corpus/empty.txt" "$FILES"

# A failed file that vanishes takes its entry with it.
rm corpus/binary.txt
index corpus
expect_eq "failed file deleted: summary" "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 1 skipped in T s" "$(mask "$ERR")"
expect_eq "failed file deleted: its entry is gone" "metadata winnow:failed:TMP/corpus/empty.txt" "$(failed_keys)"

# --rebuild starts from nothing, failures included: they are noted again.
index --rebuild corpus
expect_eq "--rebuild: the failed file is noted again" "TMP/corpus/empty.txt" "$(noted_paths)"
expect_eq "--rebuild: summary" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 1 skipped in T s" "$(summary)"
index corpus
expect_eq "after --rebuild: remembered again" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 1 skipped in T s" "$(mask "$ERR")"

# An index of no document yet is filled afresh on each run; it still remembers.
mkdir only-bad
cp corpus/empty.txt only-bad/bad.txt
age only-bad/bad.txt
index --db only-bad-db only-bad
expect_eq "only failed files: noted" "TMP/only-bad/bad.txt" "$(noted_paths)"
index --db only-bad-db
expect_eq "only failed files, next run: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 0 unchanged, 1 skipped in T s" "$(mask "$ERR")"

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
cp -R inside/idx inside/idx.rebuilding
index --db inside/idx inside
expect_eq "index inside its root, second run: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(mask "$ERR")"
index --db ./inside/idx/
expect_eq "index inside its root, named another way: nothing noted" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(mask "$ERR")"
rm -rf inside/idx.rebuilding

# --- Roots --------------------------------------------------------------------
# A missing PATH at the first run: exit 2, one line, nothing left behind.
index --db new-db "$TMP_DIR/nonexistent"
expect_exit 2 "missing root, first run: exit 2"
expect_eq "missing root, first run: one line naming it" \
  "winnow-index: TMP/nonexistent: no such file or folder" "$(mask "$ERR")"
expect_true "missing root, first run: no index is left behind" test ! -e new-db
expect_true "missing root, first run: no build folder either" test ! -e new-db.rebuilding
# Beside a PATH that exists: exit 2 before indexing anything.
index --db new-db corpus nonexistent
expect_exit 2 "missing root beside a good one: exit 2"
expect_eq "missing root beside a good one: one line" \
  "winnow-index: TMP/nonexistent: no such file or folder" "$(mask "$ERR")"
expect_true "missing root beside a good one: nothing indexed" test ! -e new-db
# ... and over an existing index: it is not remembered.
index corpus nonexistent
expect_exit 2 "missing root, existing index: exit 2"
index
expect_eq "missing root, existing index: not remembered" \
  "indexed 0 new, 0 updated, 0 removed, 5 unchanged, 1 skipped in T s" "$(mask "$ERR")"

# A remembered root that vanishes: noted once per run, its documents kept.
mkdir extra
new_article nomadicorum >extra/herders.txt
age extra/herders.txt
index extra
expect_eq "a second root: indexed" "indexed 1 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
mv extra extra-away
index
expect_exit 0 "remembered root gone: exit 0"
expect_eq "remembered root gone: one line, then the summary" \
  "winnow-index: TMP/extra: no such file or folder; its documents are kept
indexed 0 new, 0 updated, 0 removed, 5 unchanged, 1 skipped in T s" "$(mask "$ERR")"
search_files nomadicorum
expect_exit 0 "remembered root gone: its document is still found"
expect_eq "remembered root gone: the same path" "extra/herders.txt" "$FILES"
index
expect_eq "remembered root gone, next run: noted again, once" "TMP/extra" "$(noted_paths)"
mv extra-away extra
index
expect_eq "remembered root back: nothing noted, nothing changed" \
  "indexed 0 new, 0 updated, 0 removed, 6 unchanged, 1 skipped in T s" "$(mask "$ERR")"

# An index path the system cannot take: one line naming it, not an abort.
long=$(printf 'x%.0s' $(seq 300))
index --db "$long" corpus
expect_exit 1 "a --db too long for the system: exit 1"
expect_eq "a --db too long for the system: one line naming it" \
  "winnow-index: $long: File name too long" "$ERR"

test_done
