#!/usr/bin/env bash
# Incremental indexing: a new file, an edited file, a touched file, a deleted
# file, a renamed file and --rebuild, each with the exact summary line.
. "$(dirname "$0")/lib.sh"

index corpus
expect_eq "first run" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

# Files written in this second keep a stored mtime of 0 (re-checked by hash next
# time); move mtimes into the past so each run below sees settled files.
age() { touch -d '-1 minute' "$@"; }

# new_article WORD: an article of its own, WORD in its paragraphs (not a copy: the
# boilerplate filter treats text repeated across files as boilerplate).
new_article() {
  printf 'Birdwatchers report a rare sighting near Mopti\n\n'
  printf 'Birdwatchers in the central Malian town of Mopti said on Saturday that they had counted a rare %s ' "$1"
  printf 'near the river, the first such sighting in a decade, despite the insecurity that has kept most visitors '
  printf 'away from the region since fighters of the Wagner group arrived.\n\n'
  printf 'Local guides said the %s had been seen feeding along the banks of the Niger for several days, and that ' "$1"
  printf 'researchers from Bamako planned to visit as soon as the roads were considered safe again.\n'
}

# Add: a new article with a unique word.
new_article zebrafinch >corpus/new-article.txt
age corpus/new-article.txt
index corpus
expect_exit 0 "add: exit 0"
expect_eq "add: summary" "indexed 1 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
search_files zebrafinch
expect_exit 0 "add: the new word is found"
expect_eq "add: the new file is found" "corpus/new-article.txt" "$FILES"
search_files wagner
expect_eq "add: wagner now finds six files" \
  "$(printf '%s\n' "$(article 000 001 002 003 004)" corpus/new-article.txt | LC_ALL=C sort)" "$FILES"

# Edit: the unique word changes; the mtime moves on.
sed -i 's/zebrafinch/hornbillowing/g' corpus/new-article.txt
touch -d '-30 seconds' corpus/new-article.txt
index corpus
expect_exit 0 "edit: exit 0"
expect_eq "edit: summary" "indexed 0 new, 1 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
search_files hornbillowing
expect_eq "edit: the new word is found" "corpus/new-article.txt" "$FILES"
search_files zebrafinch
expect_exit 1 "edit: the old word is gone (exit 1)"
expect_eq "edit: the old word finds nothing" "" "$FILES"

# Edit keeping the size (same length word) and the mtime moving: still updated.
sed -i 's/hornbillowing/sunbirdmakers/g' corpus/new-article.txt
touch -d '-20 seconds' corpus/new-article.txt
index corpus
expect_eq "same-size edit: summary" \
  "indexed 0 new, 1 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
search_files sunbirdmakers
expect_eq "same-size edit: the new word is found" "corpus/new-article.txt" "$FILES"
search_files hornbillowing
expect_exit 1 "same-size edit: the old word is gone"

# Touch without a change: unchanged, by content hash.
touch -d '-10 seconds' corpus/new-article.txt
index corpus
expect_exit 0 "touch: exit 0"
expect_eq "touch: summary" "indexed 0 new, 0 updated, 0 removed, 6 unchanged, 0 skipped in T s" "$(summary)"
index corpus
expect_eq "touch, next run: summary" \
  "indexed 0 new, 0 updated, 0 removed, 6 unchanged, 0 skipped in T s" "$(summary)"

# An edit within the same second as the run that indexed it is caught next time.
printf 'A fresh article about the dune lark\n\nThe dunelarkian survey in Timbuktu found new nesting grounds this spring, scientists said.\n' \
  >corpus/same-second.txt
index corpus
expect_eq "same second: added" "indexed 1 new, 0 updated, 0 removed, 6 unchanged, 0 skipped in T s" "$(summary)"
sed -i 's/dunelarkian/sandgrousey/' corpus/same-second.txt
index corpus
search_files sandgrousey
expect_eq "same second: an edit right after indexing is picked up" "corpus/same-second.txt" "$FILES"
search_files dunelarkian
expect_exit 1 "same second: the old word is gone"
rm corpus/same-second.txt
index corpus
expect_eq "same second: removed again" \
  "indexed 0 new, 0 updated, 1 removed, 6 unchanged, 0 skipped in T s" "$(summary)"

# Delete.
rm corpus/new-article.txt
index corpus
expect_exit 0 "delete: exit 0"
expect_eq "delete: summary" "indexed 0 new, 0 updated, 1 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
search_files sunbirdmakers
expect_exit 1 "delete: its word is gone"
search_files wagner
expect_eq "delete: wagner finds the five articles again" "$(article 000 001 002 003 004)" "$FILES"

# Delete through a re-scan without PATH.
cp corpus/001_1dda32276892a587.txt corpus/copy.txt
age corpus/copy.txt
index
expect_eq "re-scan: the copy is new" "indexed 1 new, 0 updated, 0 removed, 5 unchanged, 0 skipped in T s" "$(summary)"
rm corpus/copy.txt
index
expect_eq "re-scan: the copy is removed" \
  "indexed 0 new, 0 updated, 1 removed, 5 unchanged, 0 skipped in T s" "$(summary)"

# Rename: new path in, old path out.
mv corpus/004_97bd423b222bc096.txt corpus/renamed-004.txt
index corpus
expect_exit 0 "rename: exit 0"
expect_eq "rename: summary" "indexed 1 new, 0 updated, 1 removed, 4 unchanged, 0 skipped in T s" "$(summary)"
search_files wagner
expect_contains "rename: found under the new name" "corpus/renamed-004.txt" "$FILES"
expect_not_contains "rename: not under the old name" "corpus/004_97bd423b222bc096.txt" "$FILES"
expect_eq "rename: wagner still finds five files" 5 "$(printf '%s\n' "$FILES" | grep -c .)"

# Moving a file into a new sub-folder.
mkdir corpus/archive
mv corpus/renamed-004.txt corpus/archive/
index corpus
expect_eq "move into a sub-folder: summary" \
  "indexed 1 new, 0 updated, 1 removed, 4 unchanged, 0 skipped in T s" "$(summary)"
search_files guterres
expect_contains "move: found in the sub-folder" "corpus/archive/renamed-004.txt" "$FILES"
expect_not_contains "move: not at the old place" "corpus/renamed-004.txt" "$FILES"

# Indexing one file of a folder does not remove its siblings.
index corpus/000_83a647917034a0e8.txt
expect_eq "index a single file: unchanged" \
  "indexed 0 new, 0 updated, 0 removed, 1 unchanged, 0 skipped in T s" "$(summary)"
search_files wagner
expect_eq "index a single file: nothing lost" 5 "$(printf '%s\n' "$FILES" | grep -c .)"

# --rebuild: everything is new.
index --rebuild corpus
expect_exit 0 "--rebuild: exit 0"
expect_eq "--rebuild: summary" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
search_files wagner
expect_eq "--rebuild: five files" 5 "$(printf '%s\n' "$FILES" | grep -c .)"
index --rebuild
expect_exit 0 "--rebuild without PATH: exit 0"
expect_eq "--rebuild without PATH re-indexes the remembered root" \
  "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

test_done
