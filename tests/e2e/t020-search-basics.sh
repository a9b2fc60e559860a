#!/usr/bin/env bash
# Searching the five-article corpus: words, phrases, accents, case, stems,
# wildcards, booleans, dates, paging and exit statuses.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "index the corpus"

# grep_files PATTERN: the corpus files grep -il finds (case-insensitive fixed string), sorted.
grep_files() { grep -ilF -- "$1" corpus/*.txt | LC_ALL=C sort || true; }

search_files wagner
expect_exit 0 "wagner: exit 0 on a match"
expect_eq "wagner finds all five articles" "$(article 000 001 002 003 004)" "$FILES"

# A phrase: every file returned holds the words side by side.
search_files '"peacekeeping mission"'
expect_exit 0 "phrase: exit 0"
expect_eq "phrase matches the files that hold it (grep -il)" "$(grep_files 'peacekeeping mission')" "$FILES"
# 000 has both words, apart ("peacekeeping forces of the United Nations mission").
expect_true "000 holds both words but not the phrase" \
  bash -c 'grep -qi peacekeeping corpus/000_*.txt && grep -qi mission corpus/000_*.txt &&
           ! grep -qi "peacekeeping mission" corpus/000_*.txt'
expect_not_contains "phrase does not match words apart (000)" "corpus/000_" "$FILES"
search_files peacekeeping mission
expect_contains "the same words without quotes do match 000" "corpus/000_" "$FILES"

# Accents and case: 001 and 002 spell it António, 004 Antonio.
guterres=$(article 001 002 004)
for query in 'Antonio Guterres' 'António Guterres' 'antonio guterres' 'ANTONIO GUTERRES' 'Guterres'; do
  search_files $query
  expect_eq "'$query' finds 001, 002, 004" "$guterres" "$FILES"
done
search_files '"antonio guterres"'
expect_eq "phrase '\"antonio guterres\"' finds 001, 002, 004" "$guterres" "$FILES"

# Stemming: withdraw finds withdrawal.
search_files withdraw
expect_eq "withdraw finds the files with withdrawal" "$(grep_files withdrawal)" "$FILES"

# 001 spells it Goïta.
search_files Goita
expect_eq "Goita finds 001 (Goïta)" "$(article 001)" "$FILES"
search_files goïta
expect_eq "goïta finds 001" "$(article 001)" "$FILES"

# Possessives, straight and curly apostrophes.
search_files mali
mali=$FILES
expect_eq "mali finds all five" "$(article 000 001 002 003 004)" "$mali"
search_files "Mali's"
expect_eq "Mali's gives the same set as mali" "$mali" "$FILES"
search_files "Mali’s"
expect_eq "Mali’s gives the same set as mali" "$mali" "$FILES"

search_files 15,000
expect_eq "15,000 finds 002 and 003" "$(article 002 003)" "$FILES"

search_files 'peacekeep*'
expect_eq "peacekeep* finds every file with a peacekeep... word" "$(grep_files peacekeep)" "$FILES"

# Booleans, checked against the sets of their parts.
search_files minusma
minusma=$FILES
search_files wagner
wagner=$FILES
search_files guterres
guterres_set=$FILES
set_and_not() { LC_ALL=C comm -23 <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed '/^$/d'; }
set_and() { LC_ALL=C comm -12 <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed '/^$/d'; }

search_files minusma AND NOT wagner
and_not=$FILES
and_not_status=$STATUS
expect_eq "minusma AND NOT wagner = minusma minus wagner" "$(set_and_not "$minusma" "$wagner")" "$and_not"
search_files minusma NOT wagner
expect_eq "minusma NOT wagner = minusma AND NOT wagner" "$and_not" "$FILES"
expect_eq "minusma NOT wagner: same exit status" "$and_not_status" "$STATUS"
expect_exit 1 "minusma NOT wagner matches nothing here: exit 1"
search_files minusma -wagner
expect_eq "minusma -wagner = minusma AND NOT wagner" "$and_not" "$FILES"

search_files wagner NOT guterres
expect_eq "wagner NOT guterres = wagner minus guterres" "$(set_and_not "$wagner" "$guterres_set")" "$FILES"
expect_eq "wagner NOT guterres finds 000 and 003" "$(article 000 003)" "$FILES"
search_files guterres AND wagner
expect_eq "guterres AND wagner = both sets" "$(set_and "$guterres_set" "$wagner")" "$FILES"
search_files goita OR '"15,000"'
expect_eq "goita OR 15,000 = union" "$(article 001 002 003)" "$FILES"
search_files '(goita OR guterres) AND NOT "peacekeeping mission"'
expect_eq "(goita OR guterres) AND NOT phrase" "" "$FILES"
expect_exit 1 "(goita OR guterres) AND NOT phrase: exit 1"

# Dates: 002 is dated July 1, 2023; 000 is dated 09/07/2024 (9 July 2024).
search_files 'date:2023-07-01..2023-07-31'
expect_eq "date:2023-07-01..2023-07-31 finds 002" "$(article 002)" "$FILES"
search_files 'date:2024-01-01..'
expect_eq "date:2024-01-01.. finds 000" "$(article 000)" "$FILES"
search_files wagner 'date:2024-01-01..'
expect_eq "wagner date:2024-01-01.. finds 000" "$(article 000)" "$FILES"
search --json 'date:2024-01-01..'
expect_contains "000's date is 2024-07-09" '"date":"2024-07-09"' "$OUT"

# Paging: five matches for wagner.
search --limit 2 wagner
expect_eq "--limit 2 prints two results" 2 "$(grep -cE '^ *[0-9]+\. ' "$OUT_FILE" || true)"
expect_eq "--limit 2: footer" "showing 1-2 of 5 matches" "$(tail -n 1 "$OUT_FILE")"
search --files --limit 2 wagner
expect_eq "--files --limit 2 prints two paths" 2 "$(grep -c . "$OUT_FILE" || true)"
search --offset 4 --limit 10 wagner
expect_eq "--offset 4 --limit 10 prints one result" 1 "$(grep -cE '^ *[0-9]+\. ' "$OUT_FILE" || true)"
expect_contains "--offset 4: the result is ranked 5" " 5. " "$OUT"
expect_eq "--offset 4: footer" "showing 5-5 of 5 matches" "$(tail -n 1 "$OUT_FILE")"
search --offset 10 wagner
expect_exit 0 "--offset past the end still counts the matches: exit 0"
expect_eq "--offset past the end: footer" "no results past 10 (5 matches)" "$OUT"

# Human output: rank, title, path, date, snippet.
search goita
expect_contains "human output: rank and title" " 1. " "$OUT"
expect_contains "human output: path" "    corpus/001_1dda32276892a587.txt" "$OUT"
expect_contains "human output: snippet holds the word" "Goïta" "$OUT"
expect_eq "human output: footer" "showing 1-1 of 1 matches" "$(tail -n 1 "$OUT_FILE")"
search 'date:2023-07-01..2023-07-31'
expect_contains "human output: path and date" "corpus/002_8ef430123d4cc39d.txt  2023-07-01" "$OUT"

# Exit statuses and messages.
search zzzzqqq
expect_exit 1 "no match: exit 1"
expect_eq "no match: message" "no matches" "$OUT"
expect_eq "no match: nothing on stderr" "" "$ERR"
search --files zzzzqqq
expect_exit 1 "--files, no match: exit 1"
expect_eq "--files, no match: prints nothing" "" "$OUT"

search AND
expect_exit 2 "query syntax error: exit 2"
expect_contains "query syntax error: message" "winnow-search: query syntax:" "$ERR"
expect_eq "query syntax error: one line starting winnow-search: query syntax:" \
  "winnow-search: query syntax:" "$(printf '%s\n' "$ERR" | cut -c1-28)"
expect_eq "query syntax error: nothing on stdout" "" "$OUT"

search --db "$TMP_DIR/no-such-db" wagner
expect_exit 2 "missing index: exit 2"
expect_eq "missing index: message" \
  "winnow-search: no index at TMP/no-such-db; build one with: winnow-index --db TMP/no-such-db PATH..." \
  "$(mask "$ERR")"
WINNOW_DB="$TMP_DIR/also-missing" search wagner
expect_exit 2 "missing \$WINNOW_DB index: exit 2"
expect_eq "missing \$WINNOW_DB index: message" \
  "winnow-search: no index at TMP/also-missing; build one with: winnow-index --db TMP/also-missing PATH..." \
  "$(mask "$ERR")"

# A name longer than a file name may be (ENAMETOOLONG): one error line, not an abort.
long_name=$(printf 'x%.0s' {1..300})
search --db "$long_name" wagner
expect_exit 2 "300-character --db: exit 2"
expect_eq "300-character --db: one line naming it and the problem" \
  "winnow-search: $long_name: File name too long" "$ERR"
WINNOW_DB="$TMP_DIR/$long_name" search wagner
expect_exit 2 "300-character \$WINNOW_DB: exit 2"
expect_eq "300-character \$WINNOW_DB: one line naming it and the problem" \
  "winnow-search: TMP/$long_name: File name too long" "$(mask "$ERR")"

search --no-such-option wagner
expect_exit 2 "unknown option: exit 2"
expect_contains "unknown option: named on stderr" "--no-such-option" "$ERR"
search
expect_exit 2 "no query: exit 2"
search --limit lots wagner
expect_exit 2 "--limit lots: exit 2"
search --color=sometimes wagner
expect_exit 2 "--color=sometimes: exit 2"
search --files --json wagner
expect_exit 2 "--files --json: exit 2"
expect_eq "--files --json: message" "winnow-search: --files and --json cannot be combined" "$ERR"

test_done
