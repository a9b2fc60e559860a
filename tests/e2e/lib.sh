# lib.sh: sourced by every end-to-end script (after notmuch's test/test-lib.sh).
#
# Gives each script a fresh temp dir holding a copy of corpus/ and an index
# path, helpers that run the built programs and keep what they printed, and
# expectations that print a diff when they fail. The script ends with
# test_done, whose last line is "N passed, M failed"; the exit status is 1
# when any expectation failed (or the script stopped early), 0 otherwise.
#
# Environment (set by ctest, see tests/CMakeLists.txt):
#   WINNOW_BIN         folder of winnow-index
#   WINNOW_SEARCH_BIN  folder of winnow-search
#   WINNOW_SOURCE      project root (corpus/ is copied from there)
#   WINNOW_HOLD_LOCK   the winnow-hold-lock helper (t070 only)
#   WINNOW_SANITIZED   set when the programs are built with the sanitizers
#                      (make test-asan): they run several times slower

set -euo pipefail
export LC_ALL=C.UTF-8

: "${WINNOW_BIN:?set WINNOW_BIN to the folder of winnow-index}"
: "${WINNOW_SEARCH_BIN:?set WINNOW_SEARCH_BIN to the folder of winnow-search}"
: "${WINNOW_SOURCE:?set WINNOW_SOURCE to the project root}"

TEST_NAME=$(basename "$0" .sh)
TESTS_PASSED=0
TESTS_FAILED=0
TEST_FINISHED=0
TEST_ERR_LINE=""
TEST_ERR_COMMAND=""
# How long one program run may take before it counts as hung.
TEST_TIMEOUT=${TEST_TIMEOUT:-60}

# Physical path: the programs print getcwd()-based paths, which resolve symlinks.
TMP_DIR=$(cd "$(mktemp -d "${TMPDIR:-/tmp}/winnow-e2e.XXXXXX")" && pwd -P)

test_cleanup() {
  local status=$?
  if [ "$TEST_FINISHED" = 0 ]; then
    # set -e or an unexpected error stopped the script before test_done.
    echo "FAIL: $TEST_NAME stopped early (exit status $status${TEST_ERR_LINE:+ at line $TEST_ERR_LINE: $TEST_ERR_COMMAND})"
    TESTS_FAILED=$((TESTS_FAILED + 1))
    echo "$TESTS_PASSED passed, $TESTS_FAILED failed"
    status=1
  fi
  cd / || true
  # Files a test made unreadable or unwritable must not stop the removal.
  chmod -R u+rwX "$TMP_DIR" 2>/dev/null || true
  rm -rf "$TMP_DIR"
  exit "$status"
}
trap test_cleanup EXIT
trap 'TEST_ERR_LINE=$LINENO TEST_ERR_COMMAND=$BASH_COMMAND' ERR
trap 'exit 130' INT TERM

cp -R "$WINNOW_SOURCE/corpus" "$TMP_DIR/corpus"
# Only the five seed articles: a generator or notes living next to them are not articles.
find "$TMP_DIR/corpus" -mindepth 1 ! -name '[0-9][0-9][0-9]_*.txt' -exec rm -rf {} +
chmod -R u+w "$TMP_DIR/corpus"
mkdir "$TMP_DIR/run"
cd "$TMP_DIR"

export WINNOW_DB="$TMP_DIR/db"
unset NO_COLOR XDG_DATA_HOME
export HOME="$TMP_DIR/home"
export TERM=dumb

# What the last run printed and how it ended.
OUT=""
ERR=""
STATUS=0
LAST_COMMAND=""
OUT_FILE="$TMP_DIR/run/stdout"
ERR_FILE="$TMP_DIR/run/stderr"

# run PROGRAM ARGS...: runs it (stdin from /dev/null, with a timeout), keeps
# stdout in $OUT and $OUT_FILE, stderr in $ERR and $ERR_FILE, status in $STATUS.
run() {
  LAST_COMMAND="$(basename "$1")${2+ }${*:2}"
  STATUS=0
  timeout --kill-after=5 "$TEST_TIMEOUT" "$@" >"$OUT_FILE" 2>"$ERR_FILE" </dev/null || STATUS=$?
  if [ "$STATUS" = 124 ] || [ "$STATUS" = 137 ]; then
    echo "note: '$LAST_COMMAND' timed out after $TEST_TIMEOUT s"
  fi
  OUT=$(cat "$OUT_FILE")
  ERR=$(cat "$ERR_FILE")
}

index() { run "$WINNOW_BIN/winnow-index" "$@"; }
search() { run "$WINNOW_SEARCH_BIN/winnow-search" "$@"; }

# mask [TEXT]: the temp dir becomes TMP, "in 0.03 s" becomes "in T s" (stdin when no TEXT).
mask() {
  if [ $# -gt 0 ]; then printf '%s\n' "$1" | mask; return; fi
  local dir_pattern
  dir_pattern=$(printf '%s' "$TMP_DIR" | sed 's/[][\.*^$/]/\\&/g')
  sed -e "s/$dir_pattern/TMP/g" -e 's/ in [0-9][0-9]*\(\.[0-9]*\)\{0,1\} s$/ in T s/'
}

# Stderr's last line (the indexer's summary), masked.
summary() { printf '%s\n' "$ERR" | tail -n 1 | mask; }

# search_files QUERY...: the sorted paths `winnow-search --files` prints, in $FILES.
search_files() {
  search --files "$@"
  FILES=$(printf '%s\n' "$OUT" | sed '/^$/d' | LC_ALL=C sort)
}

# article NNN...: the corpus paths of the seed articles with these numbers, sorted, one a line.
article() {
  local n
  for n in "$@"; do
    (cd "$TMP_DIR" && printf '%s\n' corpus/"$n"_*.txt)
  done | LC_ALL=C sort
}

pass() {
  TESTS_PASSED=$((TESTS_PASSED + 1))
  echo "PASS: $1"
}

fail() {
  TESTS_FAILED=$((TESTS_FAILED + 1))
  echo "FAIL: $1"
  if [ -n "$LAST_COMMAND" ]; then echo "      after: $(mask "$LAST_COMMAND")"; fi
}

show_stderr_on_failure() {
  if [ -s "$ERR_FILE" ]; then
    echo "      stderr was:"
    head -n 20 "$ERR_FILE" | mask | sed 's/^/        /'
  fi
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  local what=$1 expected=$2 actual=$3
  if [ "$expected" == "$actual" ]; then
    pass "$what"
  else
    fail "$what"
    diff -u --label expected --label actual <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") |
      sed 's/^/      /' || true
  fi
}

# expect_exit N [WHAT]: the last run's exit status.
expect_exit() {
  local expected=$1 what=${2:-"'$LAST_COMMAND' exits $1"}
  if [ "$STATUS" = "$expected" ]; then
    pass "$what"
  else
    fail "$what"
    echo "      expected exit status $expected, got $STATUS"
    show_stderr_on_failure
  fi
}

# expect_contains WHAT NEEDLE TEXT: TEXT holds NEEDLE (a fixed string).
expect_contains() {
  local what=$1 needle=$2 text=$3
  if [[ "$text" == *"$needle"* ]]; then
    pass "$what"
  else
    fail "$what"
    echo "      expected to find: $needle"
    printf '%s\n' "$text" | head -n 30 | mask | sed 's/^/      | /'
  fi
}

# expect_not_contains WHAT NEEDLE TEXT: TEXT lacks NEEDLE (a fixed string).
expect_not_contains() {
  local what=$1 needle=$2 text=$3
  if [[ "$text" != *"$needle"* ]]; then
    pass "$what"
  else
    fail "$what"
    echo "      expected not to find: $needle"
    printf '%s\n' "$text" | grep -nF -- "$needle" | head -n 10 | mask | sed 's/^/      | /'
  fi
}

# expect_true WHAT COMMAND...: COMMAND succeeds.
expect_true() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# skip WHAT WHY
# check_json PYTHON: runs PYTHON with `d` bound to the JSON on stdout; prints its problems.
check_json() {
  python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    d = json.loads(text)
except ValueError as e:
    print("not JSON:", e); sys.exit(0)
problems = []
def need(cond, what):
    if not cond: problems.append(what)
exec(sys.argv[2])
print("\n".join(problems))
' "$OUT_FILE" "$1"
}

skip() { echo "SKIP: $1 ($2)"; }

test_done() {
  TEST_FINISHED=1
  echo "$TESTS_PASSED passed, $TESTS_FAILED failed"
  [ "$TESTS_FAILED" = 0 ] || exit 1
  exit 0
}
