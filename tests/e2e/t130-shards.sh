#!/usr/bin/env bash
# Several indexes searched as one (issue #6). The seed articles are split
# into two folders, each indexed into its own shard, and both folders into
# one index. Searching the two shards as one must answer what the single
# index answers (totals, paths, scores and order up to ties, entities,
# facet counts, --list; a snippet need only be there), whether they are
# given as two --db, with one shard served by xapian-tcpsrv
# (tcp://HOST:PORT), or through a Xapian stub file. A shard
# that is updated alone stays in step; a remote shard that cannot be
# reached is a one-line error naming it, exit 2.
. "$(dirname "$0")/lib.sh"

# --- the shards and the single index, over the same files (same paths) ---
mkdir half-a half-b
articles=(corpus/*.txt)
first_half=$(((${#articles[@]} + 1) / 2))
cp "${articles[@]:0:first_half}" half-a/
cp "${articles[@]:first_half}" half-b/
count_a=$(find half-a -type f | wc -l)
count_b=$(find half-b -type f | wc -l)
expect_true "the corpus is split into two non-empty halves" test "$count_a" -gt 0 -a "$count_b" -gt 0

index --db single half-a half-b
expect_eq "index both halves into one index" \
  "indexed $((count_a + count_b)) new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
index --db shard-a half-a
expect_eq "index the first half into shard A" \
  "indexed $count_a new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"
index --db shard-b half-b
expect_eq "index the second half into shard B" \
  "indexed $count_b new, 0 updated, 0 removed, 0 unchanged, 0 skipped in T s" "$(summary)"

# A stub file lists databases one a line; relative paths are from the stub's folder.
printf 'auto shard-a\nauto %s\n' "$TMP_DIR/shard-b" >local.stub

# --- shard B served by xapian-tcpsrv on a free port of 127.0.0.1 ---
SERVER_PID=""
SERVER_LOG=$TMP_DIR/run/tcpsrv.log
PORT=""
# On SIGTERM, xapian-tcpsrv signals its whole process group (to end the
# children serving connections): it runs in a session of its own, which the
# script is not part of. (A background job of a shell without job control is
# no group leader, so setsid runs it in place: $! is the server, and the
# leader of its group.)
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
# The server goes whatever ends the script; lib.sh's cleanup still sees the exit status.
trap 'status=$?; set +e; stop_server; (exit "$status"); test_cleanup' EXIT

# start_server DB: serves DB, sets PORT and SERVER_PID; fails after a few ports.
start_server() {
  local attempt
  for attempt in 1 2 3 4 5; do
    # A port the kernel says is free; if someone takes it before the server
    # binds it, the server exits ("already in use") and another is tried.
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    setsid xapian-tcpsrv --port "$PORT" --interface 127.0.0.1 "$1" >"$SERVER_LOG" 2>&1 </dev/null &
    SERVER_PID=$!
    local waited
    for waited in $(seq 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      # "Listening..." comes after bind and listen: connections are accepted.
      if grep -q '^Listening' "$SERVER_LOG" && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        return 0
      fi
      sleep 0.1
    done
    echo "note: xapian-tcpsrv on port $PORT (attempt $attempt, ${waited}x0.1 s): $(tr '\n' ' ' <"$SERVER_LOG")"
    stop_server
  done
  return 1
}

configs=("--db shard-a --db shard-b" "--db local.stub")
if ! command -v xapian-tcpsrv >/dev/null; then
  skip "remote shard (tcp://) and remote stub" "xapian-tcpsrv (xapian-tools) is not installed"
elif start_server shard-b; then
  pass "xapian-tcpsrv serves shard B and accepts connections"
  printf 'auto shard-a\nremote 127.0.0.1:%s\n' "$PORT" >remote.stub
  configs+=("--db shard-a --db tcp://127.0.0.1:$PORT" "--db tcp://127.0.0.1:$PORT --db shard-a" "--db remote.stub")
else
  fail "xapian-tcpsrv serves shard B on a free port"
fi

# compare MODE SINGLE OTHER...: for each OTHER JSON answer that differs from
# SINGLE's, lines "N<TAB>problem" (N counts the OTHERs from 1). MODE "all"
# compares everything but the text of snippets; results tied on score may
# come in another order (Xapian breaks ties by document id, and document ids
# interleave across databases), so results are compared sorted by score,
# then path, and each answer must be in score order. MODE "counts" compares
# only totals and facets (a page cut inside a tie may differ).
compare() {
  python3 -c '
import json, sys
mode = sys.argv[1]
def load(path):
    try:
        return json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        return {"not JSON": str(e)}
def normal(d, problems):
    rs = d.get("results")
    if rs is not None:
        scores = [r.get("score") for r in rs]
        if scores != sorted(scores, reverse=True): problems.append("not in score order: %r" % scores)
        if [r.get("rank") for r in rs] != list(range(d["offset"] + 1, d["offset"] + 1 + len(rs))):
            problems.append("ranks %r" % [r.get("rank") for r in rs])
        # The passage is chosen with the bounds on the weight of each term
        # that the match saw, and those depend on how the documents are split
        # (a remote shard does not report them at all): any passage will do,
        # but some passage.
        for r in rs: r["snippet"] = bool(r.get("snippet"))
        d["results"] = sorted(({k: v for k, v in r.items() if k != "rank"} for r in rs),
                              key=lambda r: (-r["score"], r["path"]))
    if mode == "counts": d = {k: d.get(k) for k in ("total", "exact", "facets")}
    return d
def differ(where, a, b, problems):
    if a == b: return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)): differ("%s.%s" % (where, key), a.get(key), b.get(key), problems)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)): differ("%s[%d]" % (where, i), x, y, problems)
    elif where == ".results" and isinstance(a, list) and isinstance(b, list):
        problems.append("result paths: single index %r, shards %r" % ([r.get("path") for r in a],
                                                                       [r.get("path") for r in b]))
    else:
        problems.append("%s: single index %s, shards %s" % (where, json.dumps(a, ensure_ascii=False)[:200],
                                                              json.dumps(b, ensure_ascii=False)[:200]))
single_problems = []
single = normal(load(sys.argv[2]), single_problems)
for n, path in enumerate(sys.argv[3:], 1):
    problems = list(single_problems)
    differ("", single, normal(load(path), problems), problems)
    for problem in problems: print("%d\t%s" % (n, problem))
' "$@"
}

# same_answer [--counts] WINNOW-SEARCH-ARGS...: every configuration answers
# what the single index does (with --json), exit status included.
same_answer() {
  local mode=all config n=0 answers=$TMP_DIR/run/answers
  if [ "$1" = --counts ]; then mode=counts; shift; fi
  local what="$*"
  rm -rf "$answers" && mkdir "$answers"
  search --db single --json "$@"
  local expected_status=$STATUS
  expect_exit 0 "single index: $what: matches"
  cp "$OUT_FILE" "$answers/0.json"
  for config in "${configs[@]}"; do
    n=$((n + 1))
    # shellcheck disable=SC2086  # a config is several words
    search $config --json "$@"
    cp "$OUT_FILE" "$answers/$n.json"
    echo "$STATUS" >"$answers/$n.status"
    cp "$ERR_FILE" "$answers/$n.stderr"
  done
  local problems
  problems=$(compare "$mode" "$answers"/0.json $(seq -f "$answers/%g.json" 1 "$n"))
  n=0
  for config in "${configs[@]}"; do
    n=$((n + 1))
    LAST_COMMAND="winnow-search $config --json $*"
    if [ "$(cat "$answers/$n.status")" != "$expected_status" ]; then
      fail "$(mask "$config"): $what: exit status $(cat "$answers/$n.status"), the single index's $expected_status"
      head -n 20 "$answers/$n.stderr" | mask | sed 's/^/        /'
      continue
    fi
    expect_eq "$(mask "$config"): $what: as the single index" "" \
      "$(printf '%s\n' "$problems" | awk -F '\t' -v n="$n" '$1 == n { print $2 }')"
  done
}

same_answer --limit 100 mali
same_answer --limit 100 '"peacekeeping mission"'
same_answer --limit 100 'mali AND NOT barkhane'
same_answer --limit 100 '(wagner OR minusma) AND gao'
same_answer --limit 100 --actor wagner
same_answer --limit 100 --actor guterres --place mali
same_answer --limit 100 --place gao
same_answer --limit 100 'actor:wagner place:mali withdrawal'
same_answer --limit 100 --facets wagner
same_answer --counts --limit 1 --facets mali
same_answer --list places
same_answer --list actors
same_answer --list places guterres

# The checks above are not vacuous: the answers span both shards.
search --db single --json --limit 100 --facets mali
expect_eq "mali: every article, from both halves" "" "$(check_json "
paths = {r['path'].split('/')[0] for r in d['results']}
need(d['total'] == $((count_a + count_b)), 'total %r' % d['total'])
need(paths == {'half-a', 'half-b'}, 'folders %r' % paths)
need(d['facets']['places'] and d['facets']['actors'], 'facets %r' % d['facets'])
")"
search --db single --json --limit 100 'mali AND NOT barkhane'
expect_eq "mali AND NOT barkhane: fewer than mali, more than none" "" "$(check_json "
need(0 < d['total'] < $((count_a + count_b)), 'total %r' % d['total'])
")"

# --- a shard updated alone (its own winnow-index run) stays in step ---
cat >half-b/999_update.txt <<'EOF'
Barkhane convoy reaches Gao as MINUSMA withdraws from Mali

French Barkhane troops escorted a convoy to Gao, Mali, on Tuesday as the MINUSMA peacekeeping mission withdrew from its bases in the north.

Residents of Gao said the Wagner Group had not been seen in the town.
EOF
index --db shard-b
expect_eq "re-index shard B alone: one new file" \
  "indexed 1 new, 0 updated, 0 removed, $count_b unchanged, 0 skipped in T s" "$(summary)"
index --db single
expect_eq "re-index the single index: the same new file" \
  "indexed 1 new, 0 updated, 0 removed, $((count_a + count_b)) unchanged, 0 skipped in T s" "$(summary)"
same_answer --limit 100 gao
same_answer --limit 100 --facets barkhane
same_answer --list places

# --- errors: one line naming the database, exit 2 ---
search --db shard-a --db tcp://127.0.0.1:notaport mali
expect_exit 2 "tcp:// with a bad port: exit 2"
expect_eq "tcp:// with a bad port: says what is expected" \
  "winnow-search: tcp://127.0.0.1:notaport: expected tcp://HOST:PORT" "$ERR"
if [ -n "$SERVER_PID" ]; then
  stop_server
  search --db shard-a --db "tcp://127.0.0.1:$PORT" mali
  expect_exit 2 "remote shard down: exit 2"
  expect_eq "remote shard down: one line on stderr" 1 "$(printf '%s\n' "$ERR" | wc -l)"
  expect_contains "remote shard down: names the database" "winnow-search: tcp://127.0.0.1:$PORT: " "$ERR"
  expect_contains "remote shard down: says why" "Connection refused" "$ERR"
  expect_eq "remote shard down: nothing on stdout" "" "$OUT"
  search --db remote.stub mali
  expect_exit 2 "stub naming a remote shard that is down: exit 2"
  expect_eq "stub naming a remote shard that is down: one line on stderr" 1 "$(printf '%s\n' "$ERR" | wc -l)"
  expect_contains "stub naming a remote shard that is down: names the stub" "winnow-search: remote.stub: " "$ERR"
  expect_contains "stub naming a remote shard that is down: and the server" "127.0.0.1:$PORT" "$ERR"
fi
printf 'auto shard-a\nauto no-such-shard\n' >missing.stub
search --db missing.stub mali
expect_exit 2 "stub naming a missing shard: exit 2"
expect_contains "stub naming a missing shard: names the stub and the shard" \
  "winnow-search: missing.stub:2: " "$ERR"
expect_contains "stub naming a missing shard: and the shard" "no-such-shard" "$ERR"
printf 'auto shard-a\ntcp 127.0.0.1 1\n' >bad.stub
search --db bad.stub mali
expect_exit 2 "stub with a bad line: exit 2"
expect_contains "stub with a bad line: names the file and line" "winnow-search: bad.stub:2: 'tcp' lines are not read" "$ERR"

test_done
