#!/usr/bin/env bash
# t200: nothing from data reaches the terminal raw.
#
# File names with an ESC sequence, a raw 0x9b byte (the 8-bit CSI, not
# UTF-8) and U+202E (right-to-left override), a document whose title and
# text hold ESC sequences, U+009B and U+202E, and a --db naming an ESC:
# neither program prints any of them raw, on stdout or stderr, in any
# output (results, --files, --json, --explain, notes, errors). They are
# shown escaped (\x1b, \x9b, \u009b, \u202e), so a file can still be found.
. "$(dirname "$0")/lib.sh"

# raw_controls FILE: what steers a terminal in FILE's bytes, as a list; empty when none.
raw_controls() {
  python3 - "$1" <<'PY'
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape")
bad = {"\x1b": "ESC", "\x9b": "U+009B", "\u202e": "U+202E", "\udc9b": "raw 0x9b"}
print(" ".join(sorted({name for ch, name in bad.items() if ch in text})))
PY
}

# expect_clean WHAT: neither stdout nor stderr of the last run carries a raw control.
expect_clean() {
  expect_eq "$1: nothing raw on stdout" "" "$(raw_controls "$OUT_FILE")"
  expect_eq "$1: nothing raw on stderr" "" "$(raw_controls "$ERR_FILE")"
}

mkdir docs
esc_name=$'docs/esc\e[31mred.txt'
csi_name=$'docs/csi\x9b31m.txt'
bidi_name=$'docs/report\u202etxt.exe.txt'
cp corpus/000_*.txt "$esc_name"
cp corpus/001_*.txt "$csi_name"
cp corpus/002_*.txt "$bidi_name"
{
  printf 'Zanzibarite \e[2J\e[31mred\e[0m alert \xc2\x9b31m and \xe2\x80\xaedesrever\n\n'
  printf 'The zanzibarite deposits near the coast drew \e]0;owned\a miners from three countries, the ministry said.\n'
  printf 'Officials said \xe2\x80\xae the zanzibarite trade \xc2\x9b2J grew by a third last year.\n'
} >docs/controls.txt
printf 'binary\0data\0here\0\0\0\0\0\0\0\0\0\0\0' >$'docs/bin\e[2Jary.txt'

index --db db docs
expect_exit 0 "indexing the files: exit 0"
expect_clean "winnow-index's notes and summary"
expect_contains "a note names the binary file, escaped" 'docs/bin\x1b[2Jary.txt' "$ERR"

search --db db zanzibarite
expect_exit 0 "a search: exit 0"
expect_clean "a search's results"
# The text's ESC bytes became spaces when it was decoded (stray controls);
# U+009B and U+202E are text, shown escaped.
expect_contains "the title is shown, escaped" 'alert \u009b31m and \u202edesrever' "$OUT"
# winnow's own colours are the only escape sequences: take them out, and nothing is left.
search --db db --color always zanzibarite
expect_eq "a search with --color always: only winnow's colours" "" \
  "$(sed 's/\x1b\[[0-9;]*m//g' "$OUT_FILE" >"$TMP_DIR/uncoloured"; raw_controls "$TMP_DIR/uncoloured")"
expect_contains "a search with --color always: coloured" $'\e[0m' "$OUT"
every="zanzibarite OR mali OR wagner OR said OR sahel"
search --db db $every
expect_clean "results naming the files"
expect_contains "a name with ESC, escaped" 'esc\x1b[31mred.txt' "$OUT"
# The stored copy of a name that is not UTF-8 holds U+FFFD for the byte.
expect_contains "a name with a raw 0x9b, shown" $'csi\uFFFD31m.txt' "$OUT"
expect_contains "a name with U+202E, escaped" 'report\u202etxt.exe.txt' "$OUT"
search --db db --files $every
expect_clean "--files"
expect_contains "--files: a name with a raw 0x9b, escaped" 'docs/csi\x9b31m.txt' "$OUT"
search --db db --json zanzibarite
expect_clean "--json"
problems=$(check_json 'need("\u009b31m and \u202edesrever" in d["results"][0]["title"], "title kept, as JSON escapes")
need("\u202e" in d["results"][0]["snippet"] or "\u009b" in d["results"][0]["snippet"], "snippet kept, as JSON escapes")')
expect_eq "--json: valid, and the text is kept" "" "$problems"
search --db db --json --facets $every
expect_clean "--json with the names of every file"
search --db db --list actors
expect_clean "--list actors"
search --db db --facets $every
expect_clean "--facets"

index --db db --explain docs/controls.txt "$bidi_name"
expect_clean "--explain"
index --db db --explain --json docs/controls.txt
expect_clean "--explain --json"

search --db $'\e[31mX' mali
expect_exit 2 "a --db with ESC: exit 2"
expect_clean "a --db with ESC: its error"
expect_contains "a --db with ESC: named, escaped" 'no index at \x1b[31mX' "$ERR"
index --db $'\e[31mX' --max-size $'\e[31m' docs
expect_exit 2 "an option value with ESC: exit 2"
expect_clean "an option value with ESC: its error"
index --db $'nope\e[31m' --explain $'docs/none\e]0;x\a.txt'
expect_clean "--explain of a missing file with ESC: its note"

test_done
