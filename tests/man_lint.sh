#!/usr/bin/env bash
# Lints the man pages: clean roff, and every long option of each program documented.
#
# Usage: bash tests/man_lint.sh MANDIR INDEX_BIN SEARCH_BIN
#
# Fails (exit 1, naming the page and the problem) when
#   - `groff -ww -z -man PAGE` prints anything,
#   - `mandoc -T lint -W warning PAGE` reports anything (when mandoc is installed),
#   - a long option listed by `INDEX_BIN --help` is missing from winnow-index.1,
#     or one listed by `SEARCH_BIN --help` is missing from winnow-search.1,
#   - a page names a long option that neither program's --help lists
#     (documentation ahead of, or left behind by, the programs), other than
#     the few options of other programs that the pages show in use.
# Prints "man: all pages clean" on success. Exit 2 on a usage error.
set -u

if [ "$#" -ne 3 ]; then
  echo "usage: bash tests/man_lint.sh MANDIR INDEX_BIN SEARCH_BIN" >&2
  exit 2
fi
man_dir=$1
index_bin=$2
search_bin=$3

failures=0
fail() {
  echo "man: $*" >&2
  failures=$((failures + 1))
}

# Prints the long options (--xxx) in stdin, one per line, sorted and unique.
long_options() {
  grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# Prints a page's text with roff escapes that can sit inside an option undone:
# "\-" becomes "-", font changes (\fB \fI \fR \fP \f[..]) and \& \% \: vanish.
page_text() {
  sed -e 's/\\-/-/g' \
      -e 's/\\f\[[^]]*\]//g' -e 's/\\f[A-Z1-4]//g' \
      -e 's/\\[&%:]//g' "$1"
}

# Prints the long options a program's --help lists, or its error output and
# status 1 when it cannot run. Runs in a subshell, so it must not call fail.
help_options() {
  local program=$1 help
  if ! help=$("$program" --help 2>&1); then
    printf '%s\n' "${help:-no output}"
    return 1
  fi
  printf '%s\n' "$help" | long_options
}

# 1. Every page is clean roff for groff and mandoc.
have_mandoc=no
command -v mandoc >/dev/null 2>&1 && have_mandoc=yes
for name in winnow-index.1 winnow-search.1 winnow.7; do
  page=$man_dir/$name
  if [ ! -f "$page" ]; then
    fail "$name: missing (looked for $page)"
    continue
  fi
  groff_out=$(groff -ww -z -man "$page" 2>&1)
  if [ -n "$groff_out" ]; then
    fail "$name: groff -ww -z -man reports:"
    printf '%s\n' "$groff_out" | sed 's/^/    /' >&2
  fi
  if [ "$have_mandoc" = yes ]; then
    mandoc_out=$(mandoc -T lint -W warning "$page" 2>&1)
    mandoc_status=$?
    if [ -n "$mandoc_out" ] || [ "$mandoc_status" -ne 0 ]; then
      fail "$name: mandoc -T lint -W warning reports (status $mandoc_status):"
      printf '%s\n' "$mandoc_out" | sed 's/^/    /' >&2
    fi
  fi
done

# 2. Each program's long options appear in its page, and each page names
#    only options that exist.
if ! index_options=$(help_options "$index_bin"); then
  fail "$index_bin --help failed: $index_options"
  index_options=
fi
if ! search_options=$(help_options "$search_bin"); then
  fail "$search_bin --help failed: $search_options"
  search_options=
fi
# Options of other programs that a page shows in use: xapian-tcpsrv's, in winnow(7).
other_options=$(printf '%s\n' --port --interface)
all_options=$(printf '%s\n%s\n%s\n' "$index_options" "$search_options" "$other_options" | sed '/^$/d' | sort -u)

check_page_options() {
  local name=$1 program=$2 options=$3 page=$man_dir/$1 text option
  [ -f "$page" ] || return 0
  if [ -z "$options" ]; then
    fail "$name: $program --help lists no long options"
    return 0
  fi
  text=$(page_text "$page")
  while IFS= read -r option; do
    if ! printf '%s\n' "$text" | grep -qE -- "(^|[^a-z0-9-])${option}([^a-z0-9-]|\$)"; then
      fail "$name: option $option (listed by $program --help) is not documented"
    fi
  done <<<"$options"
}

check_page_options winnow-index.1 "$index_bin" "$index_options"
check_page_options winnow-search.1 "$search_bin" "$search_options"

# Only when both programs answered: otherwise every option would look unknown.
if [ -n "$index_options" ] && [ -n "$search_options" ]; then
  for name in winnow-index.1 winnow-search.1 winnow.7; do
    page=$man_dir/$name
    [ -f "$page" ] || continue
    while IFS= read -r option; do
      [ -n "$option" ] || continue
      if ! printf '%s\n' "$all_options" | grep -qxF -- "$option"; then
        fail "$name: documents $option, which neither program's --help lists"
      fi
    done < <(page_text "$page" | long_options)
  done
fi

if [ "$failures" -ne 0 ]; then
  echo "man: $failures problem(s)" >&2
  exit 1
fi
echo "man: all pages clean"
