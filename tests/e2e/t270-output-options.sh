#!/usr/bin/env bash
# Output for people and scripts: -V and --version name the libraries and the
# index schema; --files -0 ends each path with a NUL byte, as xargs -0 reads
# them, even a path with a newline in it; --absolute prints absolute paths.
. "$(dirname "$0")/lib.sh"

for program in winnow-search winnow-index; do
  for flag in -V --version; do
    if [ $program = winnow-search ]; then search $flag; else index $flag; fi
    expect_exit 0 "$program $flag: exit 0"
    expect_true "$program $flag: its version, Xapian's, ICU's and the schema's" \
      grep -qE "^$program [0-9]+\.[0-9]+\.[0-9]+ \(Xapian 1\.[0-9.]+, ICU [0-9.]+, index schema [0-9]+\)$" "$OUT_FILE"
  done
done

index corpus
expect_exit 0 "index the corpus"
search --files wagner
lines=$OUT
search --files -0 wagner
expect_eq "-0: the same paths" "$lines" "$(tr '\0' '\n' <"$OUT_FILE" | sed '/^$/d')"
expect_eq "-0: one NUL after each path, no newline" "5 0" \
  "$(tr -cd '\0' <"$OUT_FILE" | wc -c | tr -d ' ') $(tr -cd '\n' <"$OUT_FILE" | wc -c | tr -d ' ')"
search -0 wagner
expect_exit 2 "-0 without --files: exit 2"
expect_contains "-0 without --files: says so" "-0 needs --files" "$ERR"

search --files --absolute wagner
expect_eq "--absolute: every path absolute, in the corpus" "" \
  "$(printf '%s\n' "$OUT" | grep -v "^$TMP_DIR/corpus/" || true)"
search --json --absolute wagner
expect_eq "--absolute --json: absolute paths too" "" "$(check_json '
need(all(r["path"].startswith("/") for r in d["results"]), "paths %r" % [r["path"] for r in d["results"]])
')"

# A file whose name holds a newline: -0 hands it to xargs -0 whole.
mkdir odd
printf 'Floods close the Niger river road\n\nFloods closed the Niger river road on Saturday, cutting off villages to the north of Gao, officials said.\n' >"odd/two
lines.txt"
index --db odd-db odd
expect_exit 0 "index a file with a newline in its name"
run bash -c "'$WINNOW_SEARCH_BIN/winnow-search' --db odd-db --files -0 --absolute floods | xargs -0 cat"
expect_contains "-0 | xargs -0: the file is read whole by its name" "cutting off villages" "$OUT"

# Snippets wrap to the terminal's width, under their indent; in a pipe
# each stays one line.
search --limit 1 guterres
expect_eq "in a pipe: the snippet is one line (title, path, names, snippet, then the footer)" 5 "$(grep -c . "$OUT_FILE")"
if command -v script >/dev/null; then
  run script -qec "stty cols 50; '$WINNOW_SEARCH_BIN/winnow-search' --color never --limit 1 guterres" /dev/null
  snippet=$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n '4,/^$/p' | sed '/^$/d')
  expect_true "on a terminal 50 wide: the snippet takes several lines" test "$(printf '%s\n' "$snippet" | wc -l)" -ge 3
  expect_eq "on a terminal 50 wide: no snippet line over 50 columns" "" \
    "$(printf '%s\n' "$snippet" | python3 -c 'import sys; [print(l) for l in sys.stdin.read().split("\n") if len(l) > 50]')"
  expect_eq "on a terminal: each snippet line indented by four spaces" "" "$(printf '%s\n' "$snippet" | grep -v '^    [^ ]' || true)"
fi

test_done
