# bash completion for winnow-index: its options, folders and files to index,
# and --lang codes. Installed by cmake --install into bash-completion's folder.

_winnow_index_options='-h --help -V --version --db --rebuild --explain --json --max-size --follow-symlinks
  --batch -j --jobs --lang --roots --forget'

_winnow_index() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  case $prev in
    --db) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    --forget)
      # The index's own roots: those of the line's --db, else the default index.
      local i dbs=()
      for ((i = 1; i < COMP_CWORD; i++)); do [[ ${COMP_WORDS[i]} == --db ]] && dbs+=(--db "${COMP_WORDS[i + 1]}"); done
      mapfile -t COMPREPLY < <(compgen -W "$(command winnow-index "${dbs[@]}" --roots 2>/dev/null)" -- "$cur")
      return ;;
    --lang) mapfile -t COMPREPLY < <(compgen -W 'en de fr es pt it nl pl' -- "$cur"); return ;;
    --max-size | --batch | -j | --jobs) return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_winnow_index_options" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _winnow_index winnow-index
