#!/usr/bin/env bash
# Shell completion: the bash scripts load and complete options, option
# values, --actor and --place names from the index (spaces quoted), and the
# query's field prefixes; every option --help lists is in them; cmake
# --install puts the bash and zsh files where those shells look.
. "$(dirname "$0")/lib.sh"

search_script="$WINNOW_SOURCE/search/completion/winnow-search.bash"
index_script="$WINNOW_SOURCE/indexer/completion/winnow-index.bash"
for script in "$search_script" "$index_script"; do
  expect_true "bash -n $(basename "$script")" bash -n "$script"
done
if command -v zsh >/dev/null; then
  for script in "$WINNOW_SOURCE/search/completion/_winnow-search" "$WINNOW_SOURCE/indexer/completion/_winnow-index"; do
    expect_true "zsh -n $(basename "$script")" zsh -n "$script"
  done
fi

index --db db corpus
expect_exit 0 "index the corpus"

# complete WORD...: what the completion function offers for the last word, a line each.
complete_line() {
  PATH="$WINNOW_SEARCH_BIN:$WINNOW_BIN:$PATH" bash -c '
    . "$1"; . "$2"; shift 2
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    case $1 in winnow-search) _winnow_search ;; winnow-index) _winnow_index ;; esac
    printf "%s\n" "${COMPREPLY[@]}"' _ "$search_script" "$index_script" "$@"
}

expect_eq "complete -p names the function" "complete -F _winnow_search winnow-search" \
  "$(bash -c '. "$1"; complete -p winnow-search' _ "$search_script")"
expect_eq "winnow-search --so: --sort" "--sort" "$(complete_line winnow-search --so)"
expect_eq "--sort values" "relevance date -date" "$(complete_line winnow-search --sort '' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "--list values" "actors places langs" "$(complete_line winnow-search --list '' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "--actor Wag: the Wagner Group from the index, its space quoted" 'Wagner\ Group' \
  "$(complete_line winnow-search --db "$TMP_DIR/db" --actor Wag)"
expect_contains "--place men: Ménaka, whatever the case" "Ménaka" "$(complete_line winnow-search --db "$TMP_DIR/db" --place mé)"
expect_eq "--lang: the index's languages" "en" "$(complete_line winnow-search --db "$TMP_DIR/db" --lang '')"
expect_eq "a query word la: the lang: prefix" "lang:" "$(complete_line winnow-search la)"
expect_eq "winnow-index --fol: --follow-symlinks" "--follow-symlinks" "$(complete_line winnow-index --fol)"

# Every option the programs list is offered.
for program in winnow-search winnow-index; do
  if [ $program = winnow-search ]; then search --help; script=$search_script; else index --help; script=$index_script; fi
  missing=""
  for option in $(grep -oE '(^|[ ,])--?[A-Za-z0-9][a-z-]*' "$OUT_FILE" | sed 's/^[ ,]//' | sort -u); do
    grep -qE -- "(^|[ '])$option( |'|$)" "$script" || missing="$missing $option"
  done
  expect_eq "$program: every option of --help is completed" "" "$missing"
done

run cmake --install "$WINNOW_BIN/.." --prefix "$TMP_DIR/prefix"
expect_exit 0 "cmake --install into a prefix"
for installed in share/bash-completion/completions/winnow-search share/bash-completion/completions/winnow-index \
  share/zsh/site-functions/_winnow-search share/zsh/site-functions/_winnow-index; do
  expect_true "installed: $installed" test -f "$TMP_DIR/prefix/$installed"
done

test_done
