#!/usr/bin/env bash
# --timeline: the matches per month, from the first dated one to the last,
# empty months shown, undated ones counted apart; bars of Unicode blocks on
# a terminal, of '#' in a pipe and under TERM=dumb; counts in JSON.
. "$(dirname "$0")/lib.sh"

mkdir dated
# write NAME TITLE DATE-LINE PARAGRAPH (an empty DATE-LINE: undated)
write() {
  { printf '%s\n\n' "$2"; [ -n "$3" ] && printf '%s\n\n' "$3"; printf '%s\n' "$4"; } >"dated/$1.txt"
}
write a "Floods in November" "November 14, 2022" "Floods cut the northern road in November, and traders in the market town said prices had doubled within a week."
write b "Floods in February" "February 3, 2023" "The river port reopened in February after floods had closed it for three weeks, the harbour master said on Friday."
write c "Floods in July" "July 1, 2023" "Floods closed the river road on Saturday, cutting off villages to the north, officials said, and more rain was expected."
write d "More floods in July" "July 28, 2023" "Aid reached the villages cut off by the July floods on Thursday, carried by boats along the swollen river from the capital."
write e "Floods, undated" "" "Farmers along the river said they feared the next floods more than the last, since their grain stores were already empty."
index --db db dated
expect_exit 0 "index the dated files"

search --db db --timeline floods
expect_exit 0 "--timeline: exit 0"
expect_contains "--timeline: a heading, the undated counted apart" "matches per month (1 undated, not shown):" "$OUT"
months=$(sed -n '/^matches per month/,$p' "$OUT_FILE" | sed 1d | awk '{print $1 "=" $2}' | tr '\n' ' ')
expect_eq "--timeline: every month from the first to the last" \
  "2022-11=1 2022-12=0 2023-01=0 2023-02=1 2023-03=0 2023-04=0 2023-05=0 2023-06=0 2023-07=2 " "$months"
expect_contains "--timeline in a pipe: bars of '#'" "2023-07       2  ########################################" "$OUT"
expect_not_contains "--timeline in a pipe: no block characters" "█" "$OUT"

if command -v script >/dev/null; then
  run script -qec "TERM=xterm '$WINNOW_SEARCH_BIN/winnow-search' --db db --timeline floods" /dev/null
  expect_contains "--timeline on a terminal: bars of block characters" "████████████████████████████████████████" "$OUT"
  run script -qec "TERM=dumb '$WINNOW_SEARCH_BIN/winnow-search' --db db --timeline floods" /dev/null
  expect_not_contains "--timeline under TERM=dumb: no block characters" "█" "$OUT"
  expect_contains "--timeline under TERM=dumb: bars of '#'" "####" "$OUT"
fi

search --db db --json --timeline floods
expect_eq "--timeline --json: the counts" "" "$(check_json '
t = d.get("timeline", {})
need(t.get("by") == "month" and t.get("undated") == 1, "timeline %r" % t)
need([(p["period"], p["count"]) for p in t.get("periods", [])][:4] == [("2022-11", 1), ("2022-12", 0), ("2023-01", 0), ("2023-02", 1)], "periods %r" % t.get("periods"))
')"
search --db db --json floods
expect_eq "--json without --timeline: no timeline" "" "$(check_json 'need("timeline" not in d, "keys %r" % list(d))')"
search --db db --files --timeline floods
expect_exit 2 "--files --timeline: exit 2"

test_done
