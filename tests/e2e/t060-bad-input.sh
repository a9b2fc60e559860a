#!/usr/bin/env bash
# Bad input: binary, empty, unreadable, broken and looping links, a FIFO, a
# huge single line, legacy and UTF-16 encodings, invalid UTF-8, stray NULs in
# text. Each bad file gets one line on stderr, the run still exits 0, and
# nothing good is lost.
. "$(dirname "$0")/lib.sh"

index corpus
expect_eq "the good corpus first" "indexed 5 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

# The bad files (skipped) ...
head -c 4096 /bin/ls >corpus/binary.txt
: >corpus/empty.txt
printf 'Secret notes about the unreadablewordy meeting in Gao.\n' >corpus/unreadable.txt
chmod 000 corpus/unreadable.txt
ln -s nowhere.txt corpus/broken.txt
ln -s loop.txt corpus/loop.txt
mkdir corpus/sub
ln -s .. corpus/sub/up
mkfifo corpus/fifo.txt
printf 'A PDF in disguise about pdfwordy\n' >corpus/report.pdf
# 50 MiB on one line, with a word found nowhere else at its start.
python3 -c '
import sys
chunk = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
with open(sys.argv[1], "w") as f:
    f.write("gigantowordy ")
    f.write(chunk * (50 * 1024 * 1024 // len(chunk)))
' corpus/big.txt
# ... and the odd encodings (indexed).
printf 'Fighting near M\xe9naka \x96 a town in northern Mali \x96 displaced thousands, officials said on \x93Monday\x94.\n' \
  >corpus/cp1252.txt
{ printf '\xff\xfe'; printf 'Reporters in Ouagadougou said the junta met ministers on Monday.\n' | iconv -f UTF-8 -t UTF-16LE; } \
  >corpus/utf16le.txt
{ printf '\xfe\xff'; printf 'Reporters in Bobo-Dioulasso said the council met on Friday.\n' | iconv -f UTF-8 -t UTF-16BE; } \
  >corpus/utf16be.txt
printf 'Reporters in Koudougou said the governor met farmers on Tuesday.\n' | iconv -f UTF-8 -t UTF-16LE \
  >corpus/utf16nobom.txt
printf '\xef\xbb\xbfKidal market reopens\n\nThe bomkidalword market in Kidal reopened on Sunday, traders said.\n' >corpus/bom.txt
printf 'Caf\xc3\xa9 owners in Gao said the invalidwordy \xff\xfe bytes \x80 appear here.\n' >corpus/invalid.txt
# A saved page with stray NULs is text: binary is most leading bytes, not one.
printf 'Gao market report\n\nA report from Gao about nulwordz\0 with NUL bytes\0 left in the text,\0 as a broken scraper saves them.\nTraders said the afternulwordz\0market reopened on Monday.\n' \
  >corpus/nul.txt
# Settled, so that the second run trusts their mtimes (a file written in the
# run's own second is tried again) and remembers every failure; -h: the links
# themselves.
(cd corpus && touch -h -d '-1 minute' binary.txt empty.txt nul.txt unreadable.txt broken.txt loop.txt sub/up \
  fifo.txt report.pdf big.txt cp1252.txt utf16le.txt utf16be.txt bom.txt invalid.txt utf16nobom.txt)

as_root=0
[ "$(id -u)" = 0 ] && as_root=1

index corpus
expect_exit 0 "bad files: exit 0"
expect_eq "bad files: nothing on stdout" "" "$OUT"
masked_err=$(printf '%s\n' "$ERR" | mask)
expect_contains "binary file: its line" "winnow-index: TMP/corpus/binary.txt: binary data" "$masked_err"
expect_contains "empty file: its line" "winnow-index: TMP/corpus/empty.txt: empty file" "$masked_err"
expect_contains "broken link: its line" "winnow-index: TMP/corpus/broken.txt: broken symbolic link" "$masked_err"
expect_contains "link loop: its line" "winnow-index: TMP/corpus/loop.txt: symbolic link loop" "$masked_err"
expect_contains "folder loop: its line" \
  "winnow-index: TMP/corpus/sub/up: symbolic link loop (folder already indexed in this run)" "$masked_err"
expect_contains "FIFO: its line" "winnow-index: TMP/corpus/fifo.txt: not a regular file" "$masked_err"
expect_contains "not a text file: its line" \
  "winnow-index: TMP/corpus/report.pdf: not a text file (.pdf), skipped" "$masked_err"
expect_contains "too large: its line" \
  "winnow-index: TMP/corpus/big.txt: too large (50.0 MiB; the limit is 16 MiB, see --max-size)" "$masked_err"
expect_contains "invalid UTF-8: a warning line" \
  "winnow-index: TMP/corpus/invalid.txt: 3 invalid UTF-8 bytes replaced with U+FFFD" "$masked_err"
expect_contains "NULs inside text: a warning line" \
  "winnow-index: TMP/corpus/nul.txt: 4 control characters (NUL) replaced by spaces" "$masked_err"
if [ "$as_root" = 1 ]; then
  skip "unreadable file: its line" "running as root, chmod 000 does not stop reading"
else
  expect_contains "unreadable file: its line" \
    "winnow-index: TMP/corpus/unreadable.txt: Permission denied" "$masked_err"
fi
# Exactly one line per file, each line of the form "winnow-index: PATH: problem".
for name in binary.txt empty.txt nul.txt broken.txt loop.txt sub/up fifo.txt report.pdf big.txt invalid.txt; do
  expect_eq "one line names corpus/$name" 1 "$(printf '%s\n' "$masked_err" | grep -cF "TMP/corpus/$name:" || true)"
done
for name in cp1252.txt utf16le.txt utf16be.txt utf16nobom.txt bom.txt 000_83a647917034a0e8.txt; do
  expect_eq "no line names corpus/$name" 0 "$(printf '%s\n' "$masked_err" | grep -cF "TMP/corpus/$name" || true)"
done
expect_eq "every stderr line but the summary is 'winnow-index: TMP/corpus/...: problem'" "" \
  "$(printf '%s\n' "$masked_err" | sed '$d' | grep -vE '^winnow-index: TMP/corpus/[^:]+: .+$' || true)"
# Skipped: binary, empty, broken, loop, sub/up, fifo, pdf, big (+ unreadable when not root).
# New: cp1252, utf16le, utf16be, utf16nobom, bom, invalid, nul (+ unreadable as root).
if [ "$as_root" = 1 ]; then
  expect_eq "bad files: summary" "indexed 8 new, 0 updated, 0 removed, 5 unchanged, 8 skipped in T s" "$(summary)"
else
  expect_eq "bad files: summary" "indexed 7 new, 0 updated, 0 removed, 5 unchanged, 9 skipped in T s" "$(summary)"
fi

# Nothing already indexed was lost.
search_files wagner
expect_eq "the five articles are still found" "$(article 000 001 002 003 004)" "$FILES"
search_files gigantowordy
expect_exit 1 "the too-large file is not indexed"
search_files pdfwordy
expect_exit 1 "the .pdf file is not indexed"

# Legacy and UTF-16 encodings are decoded.
search_files menaka
expect_contains "cp1252: found by menaka" "corpus/cp1252.txt" "$FILES"
search_files Ménaka
expect_contains "cp1252: found by Ménaka" "corpus/cp1252.txt" "$FILES"
search --json monday
expect_contains "cp1252: decoded to UTF-8 (é, dash, quotes)" \
  'Fighting near Ménaka – a town in northern Mali – displaced thousands, officials said on “Monday”.' "$OUT"
search_files ouagadougou
expect_eq "UTF-16LE: found by ouagadougou" "corpus/utf16le.txt" "$FILES"
search_files bobo dioulasso
expect_eq "UTF-16BE: found by bobo dioulasso" "corpus/utf16be.txt" "$FILES"
search_files koudougou
expect_eq "UTF-16LE without a BOM: found by koudougou" "corpus/utf16nobom.txt" "$FILES"
search --json bomkidalword
expect_contains "UTF-8 BOM: found" '"path":"corpus/bom.txt"' "$OUT"
expect_not_contains "UTF-8 BOM: no U+FEFF in the title or snippet" $'\xef\xbb\xbf' "$OUT"
index --explain --json corpus/bom.txt
expect_eq "UTF-8 BOM: the first segment is the first line without the BOM" "1 Kidal market reopens" \
  "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["segments"][0]; print(s["line"], s["text"])' "$OUT_FILE")"
search_files invalidwordy
expect_eq "invalid UTF-8: indexed" "corpus/invalid.txt" "$FILES"
search --json invalidwordy
expect_contains "invalid UTF-8: bad bytes became U+FFFD" 'invalidwordy �� bytes � appear' "$OUT"
search_files nulwordz
expect_eq "NULs inside text: found by nulwordz" "corpus/nul.txt" "$FILES"
search_files '"afternulwordz market"'
expect_eq "NULs inside text: the words either side of a NUL are a phrase" "corpus/nul.txt" "$FILES"
search --json nulwordz
expect_contains "NULs inside text: in the results" '"path":"corpus/nul.txt"' "$OUT"
expect_not_contains "NULs inside text: no NUL in the title or snippet" '\u0000' "$OUT"
search --files unreadablewordy
if [ "$as_root" = 1 ]; then
  skip "unreadable file: not indexed" "running as root"
else
  expect_exit 1 "unreadable file: not indexed"
fi

# Second run: the good new files are unchanged, the bad ones skipped again,
# but not read or noted again: they are remembered until they change.
index corpus
expect_exit 0 "second run: exit 0"
if [ "$as_root" = 1 ]; then
  expect_eq "second run: summary" "indexed 0 new, 0 updated, 0 removed, 13 unchanged, 8 skipped in T s" "$(summary)"
else
  expect_eq "second run: summary" "indexed 0 new, 0 updated, 0 removed, 12 unchanged, 9 skipped in T s" "$(summary)"
fi
expect_eq "second run: no file is noted again" 1 "$(printf '%s\n' "$ERR" | wc -l)"

# An indexed file that turns bad keeps its document (and is named on stderr):
# 1 KiB of NULs after its 92 bytes of text makes it binary.
head -c 1024 /dev/zero >>corpus/bom.txt
touch -d '-1 minute' corpus/bom.txt
index corpus
expect_exit 0 "a good file turned binary: exit 0"
expect_contains "a good file turned binary: its line" \
  "winnow-index: TMP/corpus/bom.txt: binary data" "$(printf '%s\n' "$ERR" | mask)"
search_files bomkidalword
expect_eq "a good file turned binary: not removed" "corpus/bom.txt" "$FILES"
search_files wagner
expect_eq "a good file turned binary: the articles are still found" "$(article 000 001 002 003 004)" "$FILES"
index corpus
expect_not_contains "a good file turned binary, next run: not noted again" "corpus/bom.txt" "$ERR"
search_files bomkidalword
expect_eq "a good file turned binary, next run: still not removed" "corpus/bom.txt" "$FILES"

# Naming a bad file directly on the command line: a line, exit 0, counted skipped.
: >corpus/also-empty.txt
index corpus/also-empty.txt
expect_exit 0 "empty file named directly: exit 0"
expect_eq "empty file named directly: stderr" \
  "winnow-index: TMP/corpus/also-empty.txt: empty file
indexed 0 new, 0 updated, 0 removed, 0 unchanged, 1 skipped in T s" "$(mask "$ERR")"
# ... the same once it is remembered: counted skipped, not noted.
index corpus/empty.txt
expect_exit 0 "remembered empty file named directly: exit 0"
expect_eq "remembered empty file named directly: stderr" \
  "indexed 0 new, 0 updated, 0 removed, 0 unchanged, 1 skipped in T s" "$(mask "$ERR")"
# A PATH that does not exist is a usage error: a mistyped one is not remembered.
index corpus/no-such-file.txt
expect_exit 2 "missing file named directly: exit 2"
expect_eq "missing file named directly: stderr" \
  "winnow-index: TMP/corpus/no-such-file.txt: no such file or folder" "$(mask "$ERR")"

# The huge single line is indexed with --max-size 64; the run finishes.
TEST_TIMEOUT=300 index --max-size 64 corpus
expect_exit 0 "--max-size 64: exit 0"
expect_not_contains "--max-size 64: big.txt not skipped" "corpus/big.txt" "$ERR"
expect_contains "--max-size 64: one more file indexed" "indexed 1 new, " "$(summary)"
search_files gigantowordy
expect_eq "--max-size 64: a word of the 50 MiB file is found" "corpus/big.txt" "$FILES"
search_files wagner
expect_eq "--max-size 64: the five articles are still found" "$(article 000 001 002 003 004)" "$FILES"

# --max-size must be a positive number.
index --max-size 0 corpus
expect_exit 2 "--max-size 0: usage error"
index --max-size lots corpus
expect_exit 2 "--max-size lots: usage error"

test_done
