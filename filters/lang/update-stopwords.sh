#!/bin/sh
# Writes filters/lang/CODE/stopwords.txt from maintained lists, so that no
# stop word is typed by hand:
#   - Snowball's lists as Debian's liblingua-stopwords-perl carries them
#     (Lingua::StopWords, Artistic or GPL-1+), for the languages it has;
#   - Polish, which Lingua::StopWords lacks, from the npm package
#     stopwords-iso (MIT), fetched with `npm pack`.
# Run from anywhere: `sh filters/lang/update-stopwords.sh`. Needs perl with
# liblingua-stopwords-perl installed, and npm for Polish.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

write_list() {  # CODE SOURCE: the words on stdin, one per line
  mkdir -p "$here/$1"
  {
    printf '# Stop words of %s, one per line, from %s.\n' "$1" "$2"
    printf '# Written by filters/lang/update-stopwords.sh; do not edit by hand.\n'
    LC_ALL=C sort -u
  } >"$here/$1/stopwords.txt"
}

for code in da de en es fi fr hu id it nl no pt ro ru sv; do
  upper=$(printf '%s' "$code" | tr a-z A-Z)
  perl -CO -MLingua::StopWords=getStopWords -e \
    'print "$_\n" for keys %{ getStopWords($ARGV[0], "UTF-8") }' "$code" |
    write_list "$code" "Snowball, via Lingua::StopWords::$upper (liblingua-stopwords-perl)"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm pack --silent stopwords-iso@1.1.0 >/dev/null && tar xzf stopwords-iso-1.1.0.tgz)
node -e 'for (const w of require(process.argv[1]).pl) console.log(w)' "$scratch/package/stopwords-iso.json" |
  write_list pl "the npm package stopwords-iso 1.1.0 (MIT)"
