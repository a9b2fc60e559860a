#!/usr/bin/env bash
# t220: winnow writes only its own index, and data on disk never runs a program.
#
# A Xapian database another program wrote, a stub file, folders of the
# user's beside --db (DB.rebuilding, DB.compacted) and a symbolic link in
# DB.rebuilding's place are refused with one line (exit 2) and left exactly
# as they were. A stub's `remote :PROGRAM` line, in a file or in a folder's
# XAPIANDB, is refused by both programs unless winnow-search is given
# --allow-stub-programs. A new index is readable by its owner only.
. "$(dirname "$0")/lib.sh"

# fingerprint FOLDER-OR-FILE: every path under it with its type and content hash.
fingerprint() {
  (cd "$1" 2>/dev/null && find . -printf '%y %p %l\n' | LC_ALL=C sort &&
    find . -type f -exec md5sum {} + | LC_ALL=C sort) || md5sum "$1"
}

# --- another program's Xapian database: documents, and metadata of its own
index --db theirs corpus
expect_exit 0 "a winnow index to turn into another program's: built"
xapian-metadata set theirs winnow:schema ""
xapian-metadata set theirs owner "another program"
before=$(fingerprint theirs)
for rebuild in "" --rebuild; do
  index --db theirs $rebuild corpus
  expect_exit 2 "another program's database${rebuild:+ with $rebuild}: exit 2"
  expect_eq "another program's database${rebuild:+ with $rebuild}: one line naming it" \
    "winnow-index: theirs is a Xapian database that winnow did not write (it has no winnow:schema); winnow-index leaves it alone: give another --db" \
    "$ERR"
  expect_eq "another program's database${rebuild:+ with $rebuild}: left as it was" "$before" "$(fingerprint theirs)"
done
expect_eq "another program's database: its metadata kept" "another program" "$(xapian-metadata get theirs owner)"

# An empty one (no document, no metadata) has nothing to lose: it becomes the index.
"$WINNOW_HOLD_LOCK" empty </dev/null >/dev/null
index --db empty corpus
expect_exit 0 "an empty Xapian database: taken"
search_files --db empty wagner
expect_true "an empty Xapian database: searchable after the run" test -n "$FILES"

# --- a stub file at --db is never replaced or followed
index --db shard corpus
printf 'auto shard\n' >shard.stub
before=$(fingerprint shard.stub)
for rebuild in "" --rebuild; do
  index --db shard.stub $rebuild corpus
  expect_exit 2 "a stub file as --db${rebuild:+ with $rebuild}: exit 2"
  expect_contains "a stub file as --db${rebuild:+ with $rebuild}: says why" \
    "winnow-index: shard.stub is a file, not an index folder" "$ERR"
  expect_eq "a stub file as --db${rebuild:+ with $rebuild}: still the same file" "$before" "$(fingerprint shard.stub)"
done

# --- the user's folders beside --db
mkdir -p mine.rebuilding/parts mine.compacted
echo "my notes" >mine.rebuilding/notes.txt
echo "my part" >mine.rebuilding/parts/keep
echo "my copy" >mine.compacted/keep.txt
rebuilding_before=$(fingerprint mine.rebuilding)
compacted_before=$(fingerprint mine.compacted)
index --db mine corpus
expect_exit 2 "a folder of the user's at DB.rebuilding: the first run refuses"
expect_eq "a folder of the user's at DB.rebuilding: one line naming it" \
  "winnow-index: mine.rebuilding holds files that winnow did not write: move it away or give another --db" "$ERR"
expect_eq "a folder of the user's at DB.rebuilding: left as it was" "$rebuilding_before" "$(fingerprint mine.rebuilding)"
expect_true "a folder of the user's at DB.rebuilding: no index made" test ! -e mine
mv mine.rebuilding elsewhere
index --db mine corpus
expect_exit 0 "DB.compacted of the user's: the index is built beside it"
expect_eq "DB.compacted of the user's: left as it was" "$compacted_before" "$(fingerprint mine.compacted)"
mv elsewhere mine.rebuilding
touch corpus/001_*.txt
index --db mine corpus
expect_exit 0 "a folder of the user's at DB.rebuilding: an update run goes on"
expect_eq "a folder of the user's at DB.rebuilding: the update leaves it alone" \
  "$rebuilding_before" "$(fingerprint mine.rebuilding)"
index --db mine --rebuild corpus
expect_exit 2 "a folder of the user's at DB.rebuilding: --rebuild refuses"
expect_eq "a folder of the user's at DB.rebuilding: still as it was" "$rebuilding_before" "$(fingerprint mine.rebuilding)"
search_files --db mine wagner
expect_true "a folder of the user's at DB.rebuilding: the index still answers" test -n "$FILES"

# A symbolic link in DB.rebuilding's place is not written through.
mkdir -p target/parts
echo "my part" >target/parts/part-00000
ln -s target linked.rebuilding
target_before=$(fingerprint target)
index --db linked corpus
expect_exit 2 "a symbolic link at DB.rebuilding: exit 2"
expect_eq "a symbolic link at DB.rebuilding: one line naming it" \
  "winnow-index: linked.rebuilding is a symbolic link; winnow-index does not write through one: move it away or give another --db" \
  "$ERR"
expect_eq "a symbolic link at DB.rebuilding: its target left as it was" "$target_before" "$(fingerprint target)"
expect_true "a symbolic link at DB.rebuilding: still a link" test -L linked.rebuilding

# --- remote :PROGRAM lines run nothing
cat >plant.sh <<PLANT
#!/bin/sh
touch "$TMP_DIR/ran"
PLANT
chmod +x plant.sh
printf 'remote :%s/plant.sh\n' "$TMP_DIR" >program.stub
mkdir program-folder
cp program.stub program-folder/XAPIANDB
for db in program.stub program-folder; do
  search --db "$db" mali
  expect_exit 2 "remote :PROGRAM in $db: winnow-search refuses"
  expect_contains "remote :PROGRAM in $db: one line naming the stub and the program" \
    "would run a program; winnow-search runs none unless given --allow-stub-programs" "$ERR"
  expect_contains "remote :PROGRAM in $db: names the program" "remote :TMP/plant.sh" "$(mask "$ERR")"
  expect_true "remote :PROGRAM in $db: winnow-search ran nothing" test ! -e ran
  index --db "$db" corpus
  expect_exit 2 "remote :PROGRAM in $db: winnow-index refuses"
  expect_true "remote :PROGRAM in $db: winnow-index ran nothing" test ! -e ran
  index --db "$db" --explain corpus/001_*.txt
  expect_true "remote :PROGRAM in $db: --explain ran nothing" test ! -e ran
done
expect_eq "remote :PROGRAM: the stub file left as it was" "remote :$TMP_DIR/plant.sh" "$(cat program.stub)"

# Asked for, a stub's program is started: xapian-progsrv serves the shard.
printf 'remote :xapian-progsrv %s/shard\n' "$TMP_DIR" >progsrv.stub
search_files --db shard wagner
direct=$FILES
search_files --db progsrv.stub --allow-stub-programs wagner
expect_exit 0 "--allow-stub-programs: the program's index is searched"
expect_eq "--allow-stub-programs: the same matches as the folder" "$direct" "$FILES"

# --- a new index is its owner's only; a rebuilt one keeps what the user set
expect_eq "a new index folder: owner only" "700" "$(stat -c %a mine)"
chmod 750 mine
index --db mine --rebuild corpus
mv mine.rebuilding elsewhere 2>/dev/null || true
index --db mine --rebuild corpus
expect_exit 0 "--rebuild: exit 0"
expect_eq "--rebuild: the permissions the user gave kept" "750" "$(stat -c %a mine)"
expect_true "--rebuild: nothing of winnow's left beside the index" test ! -e mine.rebuilding -a ! -e mine.old

test_done
