# bash completion for winnow-search: its options, the values of --list,
# --sort and --color, --actor / --place / --lang values read from the index
# (the --db given on the line, else the default one), and the query's field
# prefixes. Installed by cmake --install into bash-completion's folder.

_winnow_search_options='-h --help -V --version --db --actor --place --lang --since --until --sort --timeline
  --all-copies --facets --list --limit --offset --files -0 --null --show --explain --absolute --json --color
  --allow-stub-programs'

# The values of one kind in the index, one a line: `winnow-search --list KIND`
# with the line's own --db options, the counts cut off.
_winnow_search_values() {
  local kind=$1 i dbs=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ ${COMP_WORDS[i]} == --db ]] && dbs+=(--db "${COMP_WORDS[i + 1]}")
  done
  command winnow-search "${dbs[@]}" --list "$kind" 2>/dev/null | sed 's/^ *[0-9]*  //'
}

_winnow_search() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  case $prev in
    --db | --show) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --list) mapfile -t COMPREPLY < <(compgen -W 'actors places langs' -- "$cur"); return ;;
    --sort) mapfile -t COMPREPLY < <(compgen -W 'relevance date -date' -- "$cur"); return ;;
    --color) mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur"); return ;;
    --lang) mapfile -t COMPREPLY < <(compgen -W "$(_winnow_search_values langs)" -- "$cur"); return ;;
    --actor | --place)
      # Names hold spaces: each is one word, quoted as the shell needs it.
      local kind=actors name
      [[ $prev == --place ]] && kind=places
      while IFS= read -r name; do
        [[ ${name,,} == "${cur,,}"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
      done < <(_winnow_search_values "$kind")
      return ;;
    --since | --until | --limit | --offset) return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_winnow_search_options" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W 'lang: actor: place: date:' -- "$cur")
    [[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o nospace 2>/dev/null
  fi
}
complete -F _winnow_search winnow-search
