#!/usr/bin/env bash
# Colour: never when piped, forced with --color=always, off with NO_COLOR or
# --color=never; control characters from documents never reach the terminal.
. "$(dirname "$0")/lib.sh"

ESC=$'\033'

# A document with a colour sequence, a BEL, a C1 CSI (U+009B) and a backspace in
# its text, and an ESC in its title. The word "quolloxite" occurs only here.
{
  printf 'Quolloxite \033[5mblinking\033[0m title about the Sahel\n\n'
  printf 'Researchers in Bamako said on Tuesday that the quolloxite deposits near Gao were '
  printf '\033[31mfar larger\033[0m than earlier surveys had suggested, and the\a ministry of mines '
  printf 'promised \xc2\x9b2J a full report on the quolloxite finds before the end of the year. '
  printf 'Local officials welcomed the news\b but warned that security in the region remained poor.\n\n'
  printf 'The survey team travelled with an escort of soldiers and spent three weeks mapping the '
  printf 'area around the town, where quolloxite had first been noticed by herders decades ago.\n'
} >corpus/ctl-article.txt

index corpus
expect_exit 0 "index the corpus with the control-character article"
expect_eq "index summary" "indexed 6 new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

has_esc() { grep -q "$ESC" "$OUT_FILE"; }
no_esc() { ! has_esc; }

# Piped (the default --color=auto): plain text.
search wagner
expect_exit 0 "piped search exits 0"
expect_true "piped output has no ESC byte" no_esc
search --color=auto wagner
expect_true "--color=auto piped: no ESC byte" no_esc
search --color=never wagner
expect_true "--color=never: no ESC byte" no_esc
NO_COLOR=1 search --color=auto wagner
expect_true "NO_COLOR=1 --color=auto piped: no ESC byte" no_esc

# Forced: the matched word sits between winnow's sequences.
search --color=always wagner
expect_exit 0 "--color=always exits 0"
expect_true "--color=always: ESC[...m before and ESC[ after the matched word" \
  grep -qE "$ESC\\[[0-9;]*m[Ww]agner$ESC\\[" "$OUT_FILE"
search --color=always antonio guterres
expect_true "--color=always: António highlighted for antonio" \
  grep -qE "$ESC\\[[0-9;]*mAntónio$ESC\\[" "$OUT_FILE"
expect_true "--color=always: Guterres highlighted" \
  grep -qE "$ESC\\[[0-9;]*mGuterres$ESC\\[" "$OUT_FILE"
NO_COLOR=1 search --color=always wagner
expect_true "--color=always wins over NO_COLOR" has_esc
search --color=always --files wagner
expect_true "--color=always --files: paths only, no ESC" no_esc
search --color=always --json wagner
expect_true "--color=always --json: no ESC" no_esc

# On a terminal (a pseudo-terminal), --color=auto colours unless NO_COLOR is set.
# on_terminal ARGS...: winnow-search ARGS with stdout on a pty; its output in $OUT_FILE.
on_terminal() {
  LAST_COMMAND="winnow-search $* (stdout on a terminal)"
  STATUS=0
  timeout --kill-after=5 "$TEST_TIMEOUT" python3 -c '
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[2:], stdout=slave, stdin=subprocess.DEVNULL)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
open(sys.argv[1], "wb").write(out)
sys.exit(p.wait())
' "$OUT_FILE" "$WINNOW_SEARCH_BIN/winnow-search" "$@" 2>"$ERR_FILE" || STATUS=$?
}
TERM=xterm on_terminal wagner
expect_exit 0 "on a terminal: exit 0"
expect_true "on a terminal, --color=auto: coloured" grep -qE "$ESC\\[[0-9;]*m[Ww]agner$ESC\\[" "$OUT_FILE"
TERM=xterm NO_COLOR=1 on_terminal --color=auto wagner
expect_true "on a terminal, NO_COLOR=1 --color=auto: no ESC byte" no_esc
TERM=xterm NO_COLOR='' on_terminal --color=auto wagner
expect_true "on a terminal, empty NO_COLOR is ignored: coloured" has_esc
TERM=xterm on_terminal --color=never wagner
expect_true "on a terminal, --color=never: no ESC byte" no_esc
TERM=dumb on_terminal wagner
expect_true "on a terminal, TERM=dumb: no ESC byte" no_esc

# The document's own control characters never reach stdout.
doc_controls_absent() {
  # Nothing but winnow's own SGR sequences: ESC[1m, ESC[1;31m, ESC[2m, ESC[0m.
  ! sed -e "s/$ESC\\[\\(1\\|1;31\\|2\\|0\\)m//g" "$OUT_FILE" | grep -q "$ESC" &&
    ! grep -q $'\a' "$OUT_FILE" && ! grep -q $'\b' "$OUT_FILE" &&
    ! grep -q $'\xc2\x9b' "$OUT_FILE"
}
for color in never always auto; do
  search --color=$color quolloxite
  expect_exit 0 "quolloxite --color=$color: found"
  expect_contains "quolloxite --color=$color: the snippet is shown" "larger" "$OUT"
  expect_true "quolloxite --color=$color: no control character from the document" doc_controls_absent
done
search --color=always quolloxite
expect_not_contains "--color=always: the document's ESC[31m is not on stdout" "${ESC}[31m" "$OUT"
expect_not_contains "--color=always: the document's ESC[5m (title) is not on stdout" "${ESC}[5m" "$OUT"
TERM=xterm on_terminal quolloxite
expect_true "on a terminal: no control character from the document" doc_controls_absent
search --files quolloxite
expect_eq "--files quolloxite: the path" "corpus/ctl-article.txt" "$OUT"

# A file name with an ESC in it is printed without the ESC.
printf 'A second quolloxite article\n\nThe quolloxite mine near Kidal reopened on Monday after months of closure, officials said.\n' \
  >"corpus/name${ESC}[32mgreen.txt"
index corpus
expect_eq "index the file with ESC in its name" \
  "indexed 1 new, 0 updated, 0 removed, 6 unchanged, 0 skipped in T s" "$(summary)"
for mode in "--files" "--color=always" "--color=never"; do
  search $mode quolloxite
  expect_true "ESC in a file name: not on stdout ($mode)" doc_controls_absent
  expect_not_contains "ESC in a file name: its [32m is not on stdout ($mode)" "${ESC}[32m" "$OUT"
done

# Newlines are control characters too: a snippet that spans lines of the
# article stays inside its indented block, and a path with a newline stays on one line.
for color in never always; do
  search --color=$color --limit 10 mali
  expect_eq "human output (--color=$color): every line is a rank, an indented line, blank or the footer" "" \
    "$(sed '$d' "$OUT_FILE" | sed "s/$ESC\\[[0-9;]*m//g" | grep -nvE '^( ?[0-9]+\. |    |$)' || true)"
done
printf 'A report about newlinewordy\n\nThe newlinewordy report from Gao described a quiet week in the town, residents said on Monday.\n' \
  >"corpus/new${NL:=$'\n'}line.txt"
: >"corpus/empty${NL}name.txt"
index corpus
expect_exit 0 "index files with a newline in their names"
expect_eq "a note about a path with a newline is one line (note + summary)" 2 "$(wc -l <"$ERR_FILE")"
expect_contains "the note names the empty file" ": empty file" "$ERR"
search --files newlinewordy
expect_exit 0 "the file with a newline in its name is found"
expect_eq "--files: a path with a newline is printed on one line" 1 "$(wc -l <"$OUT_FILE")"
search newlinewordy
expect_eq "human output: a path with a newline stays on one line" "" \
  "$(sed '$d' "$OUT_FILE" | grep -nvE '^( ?[0-9]+\. |    |$)' || true)"

test_done
