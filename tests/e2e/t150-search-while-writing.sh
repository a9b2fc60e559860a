#!/usr/bin/env bash
# Searching while winnow-index commits every 20 files: no search fails with
# DatabaseModifiedError (winnow-search reopens the index and reads again),
# whichever way it reads the index (plain, --json, --files, --facets, --list).
. "$(dirname "$0")/lib.sh"

# 4,000 generated articles of about 800 bytes: a first part indexed
# beforehand, the rest (some 170 commits) indexed while the searches run.
python3 "$WINNOW_SOURCE/corpus/gen_corpus.py" articles -n 4000 --seed 150 --median 800 --per-dir 500 -j 2 \
  --seeds "$WINNOW_SOURCE/tests/data/seed-gold" >/dev/null
# Settled mtimes: files written in the scan's own second would be hashed again next time.
find articles -type f -exec touch -d '-1 minute' {} +
first_part=$(find articles/000 -type f | wc -l)
rest=$(($(find articles -type f | wc -l) - first_part))

index --batch 20 articles/000
expect_exit 0 "first part: exit 0"
expect_eq "first part: summary" "indexed $first_part new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" \
  "$(summary)"

# The whole folder: the first part unchanged, the rest new. The timeout
# keeps a hung indexer from holding the test up. Under the sanitizers a
# search of 500 hits runs some 6 times slower and the indexer some 2.5
# times: a commit every 60 files keeps the commit interval as long, next to
# a search, as every 20 in the normal build.
batch=20
[ -z "${WINNOW_SANITIZED:-}" ] || batch=60
timeout --kill-after=5 120 "$WINNOW_BIN/winnow-index" --batch "$batch" articles >run/index.out 2>run/index.err </dev/null &
indexer=$!

# Searches that read the index each way, in turn: ranked hits with snippets
# and stored fields, JSON, facets over every match (pages of 500 documents,
# which before they were retried failed about once in ten: a read that spans
# the indexer's commits is what meets a discarded revision), each followed
# by a lighter one: paths only, an entity list, an entity filter.
search_once() {
  if [ $(($1 % 2)) = 0 ]; then
    case $(($1 / 2 % 3)) in
      0) search --limit 500 said ;;
      1) search --json --limit 500 said ;;
      2) search --facets --limit 500 said ;;
    esac
  else
    case $(($1 / 2 % 3)) in
      0) search --files --limit 2000 the ;;
      1) search --list actors ;;
      2) search --limit 100 --place gao town ;;
    esac
  fi
}

# Searches until the indexer ends, for at most 30 s and 2,000 searches.
searches=0 failures=0 modified=0 first_failure=""
deadline=$((SECONDS + 30))
while [ "$SECONDS" -lt "$deadline" ] && [ "$searches" -lt 2000 ] && kill -0 "$indexer" 2>/dev/null; do
  search_once "$searches"
  searches=$((searches + 1))
  if [ "$STATUS" != 0 ] && [ "$STATUS" != 1 ]; then
    failures=$((failures + 1))
    [ -n "$first_failure" ] || first_failure="'$LAST_COMMAND' exited $STATUS: $(head -n 3 "$ERR_FILE")"
  fi
  if grep -q DatabaseModified "$ERR_FILE"; then modified=$((modified + 1)); fi
done
indexer_status=0
wait "$indexer" || indexer_status=$?
LAST_COMMAND=""

echo "note: $searches searches while the indexer ran; $failures failed, $modified named DatabaseModified"
[ -z "$first_failure" ] || echo "note: first failure: $(mask "$first_failure")"
expect_eq "the indexer exits 0" 0 "$indexer_status"
expect_eq "the indexer's summary" "indexed $rest new, 0 updated, 0 removed, $first_part unchanged, 0 skipped in T s" \
  "$(tail -n 1 run/index.err | mask)"
expect_true "at least 20 searches started while the indexer ran" [ "$searches" -ge 20 ]
expect_eq "no search exits other than 0 or 1" 0 "$failures"
expect_eq "no search's stderr names DatabaseModified" 0 "$modified"

# Afterwards the last files are found.
search_files --limit 100000 said
expect_exit 0 "after the indexer: a search exits 0"
expect_contains "after the indexer: the second part is found" "articles/007/" "$FILES"

test_done
