#!/usr/bin/env bash
# Dates as people type them (date:YEAR, date:YEAR-MONTH, a day, ranges of
# months, --since and --until), impossible dates as errors, undated articles
# outside every date filter, and --sort by date either way with undated
# articles last. Files the test writes, each dated in its first lines.
. "$(dirname "$0")/lib.sh"

mkdir dated
# write NAME TITLE DATE-LINE FIRST-PARAGRAPH (an empty DATE-LINE: undated)
write() {
  { printf '%s\n\n' "$2"; [ -n "$3" ] && printf '%s\n\n' "$3"
    printf '%s\n\n%s\n' "$4" "Officials in the region said the river had risen by more than a metre since the start of the week, and that more rain was expected."
  } >"dated/$1.txt"
}
write a-2022-11 "Harvest fails after a dry season" "November 14, 2022" "Farmers near the river said the floods of the spring had been followed by a dry season that ruined the harvest."
write b-2023-02 "River port reopens after floods" "February 3, 2023" "The river port reopened on Friday after floods had closed it for three weeks, officials said."
write c-2023-07 "Floods close the river road" "July 1, 2023" "Floods closed the river road on Saturday, cutting off villages to the north, officials said."
write d-2023-07 "Aid reaches villages cut off by floods" "July 28, 2023" "Aid reached the villages cut off by floods on Thursday, carried by boats along the river."
write e-undated "Farmers fear the next floods" "" "Farmers along the river said they feared the next floods more than the last, since their stores were empty."

index --db db dated
expect_exit 0 "index the dated files"

# dated_files QUERY...: the file names (no folder, no .txt) a search finds, in its order.
dated_files() {
  search --db db --files "$@"
  FILES=$(printf '%s\n' "$OUT" | sed '/^$/d; s#.*/##; s#\.txt$##' | tr '\n' ' ' | sed 's/ $//')
}

dated_files floods date:2023
expect_eq "date:2023: the year's articles" "b-2023-02 c-2023-07 d-2023-07" "$(tr ' ' '\n' <<<"$FILES" | sort | tr '\n' ' ' | sed 's/ $//')"
dated_files floods date:2023-07
expect_eq "date:2023-07: the month's" "c-2023-07 d-2023-07" "$(tr ' ' '\n' <<<"$FILES" | sort | tr '\n' ' ' | sed 's/ $//')"
dated_files floods date:2023-07-01
expect_eq "date:2023-07-01: the day's" "c-2023-07" "$FILES"
dated_files floods date:2022-11..2023-02
expect_eq "date:2022-11..2023-02: from November's first day to February's last" "a-2022-11 b-2023-02" \
  "$(tr ' ' '\n' <<<"$FILES" | sort | tr '\n' ' ' | sed 's/ $//')"
dated_files floods 'date:..'
expect_not_contains "date:.. leaves the undated article out" "e-undated" "$FILES"
expect_eq "date:.. keeps every dated one" 4 "$(wc -w <<<"$FILES" | tr -d ' ')"
dated_files floods --since 2023-02 --until 2023-07-01
expect_eq "--since 2023-02 --until 2023-07-01" "b-2023-02 c-2023-07" \
  "$(tr ' ' '\n' <<<"$FILES" | sort | tr '\n' ' ' | sed 's/ $//')"
dated_files --since 2023-07-02
expect_eq "--since alone, with no query: the articles from that day" "d-2023-07" "$FILES"

search --db db floods date:2023-13-01
expect_exit 2 "date:2023-13-01: exit 2"
expect_contains "date:2023-13-01: the error names the date" "2023-13-01" "$ERR"
search --db db floods --until 2023-02-30
expect_exit 2 "--until 2023-02-30: exit 2"
expect_contains "--until 2023-02-30: the error names the option and the date" "--until: not a date: '2023-02-30'" "$ERR"
search --db db floods date:2024-02-29
expect_exit 1 "date:2024-02-29 is a day (a leap year's): no match, exit 1"

dated_files floods --sort date
expect_eq "--sort date: oldest first, undated last" "a-2022-11 b-2023-02 c-2023-07 d-2023-07 e-undated" "$FILES"
dated_files floods --sort -date
expect_eq "--sort -date: newest first, undated last" "d-2023-07 c-2023-07 b-2023-02 a-2022-11 e-undated" "$FILES"
search --db db --json --sort -date floods
expect_eq "--sort -date --json: the results in that order" "" "$(check_json '
dates = [r.get("date") for r in d.get("results", [])]
need(dates == ["2023-07-28", "2023-07-01", "2023-02-03", "2022-11-14", None], "dates %r" % dates)
')"
search --db db --sort newest floods
expect_exit 2 "--sort newest: not an order, exit 2"

test_done
