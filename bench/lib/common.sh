# shellcheck shell=bash
# Shared helpers of Pressroom's benchmarks. Every bench script sources this file:
#
#   #!/usr/bin/env bash
#   source "$(dirname "$0")/lib/common.sh"
#   bench_build_jar
#   db=$(bench_fresh_db mybench)
#   bench_start_server "$db"            # sets BENCH_PORT, BENCH_SERVER_PID; stopped on exit
#   ...
#   bench_result mybench "$ours" "$peer" "req/s" higher
#
# Conventions (see bench/README.md):
# - The local PostgreSQL service (127.0.0.1:5432, trust auth, user postgres; override with
#   BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER). Each bench creates a fresh database named
#   bench_<name> (dropped first) and seeds it with SQL (generate_series), not over HTTP.
# - One jar, built once per `bench/run` (web-javalin/target/pressroom.jar; BENCH_REBUILD=1
#   forces a rebuild, BENCH_JAR points at another jar).
# - Logs and scratch files under $BENCH_OUT (default /tmp/pressroom-bench).
# - Each bench ends with exactly one line per figure:
#     name: ours X unit, peer Y unit, ratio Z
#   where ratio is oriented so that higher is better (ours/peer for throughput, peer/ours for
#   latency or time), so every target reads "ratio >= target".
#   A bench that cannot run (its route is not there yet) prints `name: skipped (reason)` and
#   exits 0, so `bench/run` goes on with the others.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_REPO="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_OUT="${BENCH_OUT:-/tmp/pressroom-bench}"
BENCH_JAR="${BENCH_JAR:-$BENCH_REPO/web-javalin/target/pressroom.jar}"
export PGHOST="${BENCH_PGHOST:-127.0.0.1}"
export PGPORT="${BENCH_PGPORT:-5432}"
export PGUSER="${BENCH_PGUSER:-postgres}"
unset PGPASSWORD PGDATABASE
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
mkdir -p "$BENCH_OUT"

BENCH_SERVER_PID=""
BENCH_PORT=""
BENCH_CLEANUPS=()

bench_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
bench_die() { bench_log "error: $*"; exit 1; }

# Runs every registered cleanup (servers, background writers) when the script exits.
bench_on_exit() { BENCH_CLEANUPS+=("$1"); }
_bench_cleanup() {
  local i
  for ((i = ${#BENCH_CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${BENCH_CLEANUPS[$i]}" || true; done
  BENCH_CLEANUPS=()
}
trap _bench_cleanup EXIT
trap 'exit 130' INT TERM

# Tools: fails with the Debian package to install when one is missing.
bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || bench_die "needs '$tool' (Debian: apt-get install -y $tool)"
  done
}

bench_pg_ready() {
  pg_isready -h "$PGHOST" -p "$PGPORT" -q || bench_die "PostgreSQL is not answering on $PGHOST:$PGPORT (start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
}

# Builds web-javalin/target/pressroom.jar once (unless BENCH_REBUILD=1).
bench_build_jar() {
  if [[ -f "$BENCH_JAR" && "${BENCH_REBUILD:-0}" != 1 ]]; then
    return 0
  fi
  bench_log "building $BENCH_JAR (mvn package -DskipTests)"
  (cd "$BENCH_REPO" && mvn -B -q package -DskipTests -pl web-javalin -am) >"$BENCH_OUT/build.log" 2>&1 \
    || { tail -40 "$BENCH_OUT/build.log" >&2; bench_die "build failed (log: $BENCH_OUT/build.log)"; }
  export BENCH_REBUILD=0
}

# psql on a database: bench_psql DB -c 'SQL' | bench_psql DB -f file
bench_psql() {
  local db="$1"; shift
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
# One value: bench_sql1 DB 'SELECT …'
bench_sql1() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# A fresh, empty database bench_<name> (dropped first); prints its name.
# With BENCH_REUSE=1 and that database already there, keeps it (the bench then skips its seeding:
# see bench_reused).
bench_fresh_db() {
  local db="bench_$1"
  bench_pg_ready
  if [[ "${BENCH_REUSE:-0}" == 1 ]] && psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "$db"; return 0
  fi
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
  echo "$db"
}

bench_reused() { [[ "${BENCH_REUSE:-0}" == 1 ]] && [[ -n "$(bench_sql1 "$1" "SELECT to_regclass('flyway_schema_history')")" ]]; }

bench_db_url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }

# The jar's CLI against a database: bench_cli DB migrate [--target 2]
bench_cli() {
  local db="$1"; shift
  DATABASE_URL="$(bench_db_url "$db")" java -jar "$BENCH_JAR" "$@"
}

bench_jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }

# A migration operation (baseline | migrate | adopt-default-org | info) on a database, through the
# jar's CLI; while the jar has no such subcommand yet, through the same Migrations class
# (bench/lib/MigrateTool.java on the jar's classpath).
bench_migration() {
  local db="$1" op="$2"
  if [[ -z "${BENCH_HAS_CLI:-}" ]]; then
    if java -jar "$BENCH_JAR" --help 2>&1 | grep -q adopt-default-org; then BENCH_HAS_CLI=1; else BENCH_HAS_CLI=0; fi
  fi
  if [[ "$BENCH_HAS_CLI" == 1 ]]; then
    bench_cli "$db" "$op"
  else
    java -cp "$BENCH_JAR" "$BENCH_DIR/lib/MigrateTool.java" "$(bench_jdbc_url "$db")" "$PGUSER" "$op"
  fi
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts the server on a database (DB may be "" for the embedded default) in the background.
#   bench_start_server DB [extra env assignments...] ; e.g. bench_start_server "$db" JAVA_OPTS=-Xmx256m
# Sets BENCH_PORT, BENCH_SERVER_PID, BENCH_SERVER_LOG; the server is stopped when the script exits.
# JAVA_OPTS (env or assignment) is passed to the JVM; BENCH_SERVER_CWD is its working directory
# (the embedded database lives under ./data there).
bench_start_server() {
  local db="$1"; shift
  BENCH_PORT="$(bench_free_port)"
  BENCH_SERVER_LOG="$BENCH_OUT/server-$(date +%s%N).log"
  local storage="$BENCH_OUT/storage-$BENCH_PORT"
  mkdir -p "$storage"
  local java_opts="${JAVA_OPTS:-}"
  # benches sign many users up from one address: lift the signup limit (10 an hour by default)
  local envs=(PORT="$BENCH_PORT" PRESSROOM_STORAGE_DIR="$storage" PRESSROOM_SIGNUPS_PER_HOUR="${PRESSROOM_SIGNUPS_PER_HOUR:-1000000}")
  [[ -n "$db" ]] && envs+=(DATABASE_URL="$(bench_db_url "$db")")
  local kv
  for kv in "$@"; do
    if [[ "$kv" == JAVA_OPTS=* ]]; then java_opts="${kv#JAVA_OPTS=}"; else envs+=("$kv"); fi
  done
  # shellcheck disable=SC2086
  (cd "${BENCH_SERVER_CWD:-.}" && exec env "${envs[@]}" java $java_opts -jar "$BENCH_JAR" serve) >"$BENCH_SERVER_LOG" 2>&1 &
  BENCH_SERVER_PID=$!
  bench_on_exit "rm -rf '$storage'"   # cleanups run last-registered first: after the server stopped
  bench_on_exit "bench_stop_server $BENCH_SERVER_PID"
}

# Waits until GET /health/ready answers 200 (default 120 s); fails with the server's log.
bench_wait_ready() {
  local port="${1:-$BENCH_PORT}" timeout="${2:-120}" start
  start=$(date +%s)
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    if [[ -n "$BENCH_SERVER_PID" ]] && ! kill -0 "$BENCH_SERVER_PID" 2>/dev/null; then
      tail -30 "$BENCH_SERVER_LOG" >&2 || true
      bench_die "server exited before it was ready (log: $BENCH_SERVER_LOG)"
    fi
    (( $(date +%s) - start > timeout )) && { tail -30 "$BENCH_SERVER_LOG" >&2 || true; bench_die "server not ready after ${timeout}s"; }
    sleep 0.05
  done
}

# SIGTERM (graceful), then SIGKILL after 20 s.
bench_stop_server() {
  local pid="${1:-$BENCH_SERVER_PID}"
  [[ -z "$pid" ]] && return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Resident memory of a process in MiB.
bench_rss_mib() { awk '/^VmRSS:/ { printf "%.0f\n", $2 / 1024 }' "/proc/${1:-$BENCH_SERVER_PID}/status"; }

# Milliseconds since the epoch.
bench_now_ms() { date +%s%3N; }

# HTTP helpers on the running server (JSON in, JSON out).
bench_url() { echo "http://127.0.0.1:$BENCH_PORT$1"; }
bench_http_status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# Does the running server have this route? (anything but 404/405 on an unauthenticated call)
bench_route_exists() {
  local method="$1" path="$2" code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$(bench_url "$path")")
  [[ "$code" != 404 && "$code" != 405 && "$code" != 000 ]]
}

# Signs up (ignoring "already exists") and logs in; prints the bearer token.
bench_token() {
  local email="$1" password="${2:-bench-password-123}"
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Bench\"}" "$(bench_url /api/auth/signup)" || true
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$(bench_url /api/auth/login)" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# Creates an organization as the token's user; prints its id.
bench_create_org() {
  local token="$1" name="$2"
  curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\"}" "$(bench_url /api/organizations)" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# wrk with a latency distribution; prints "<req/s> <p50 ms> <p99 ms>" on stdout, full output in $BENCH_OUT.
#   bench_wrk NAME DURATION_S CONNECTIONS URL [header...]
bench_wrk() {
  bench_require wrk
  local name="$1" duration="$2" conns="$3" url="$4"; shift 4
  local args=(-t 1 -c "$conns" -d "${duration}s" --latency)
  local h
  for h in "$@"; do args+=(-H "$h"); done
  wrk "${args[@]}" "$url" >"$BENCH_OUT/wrk-$name.txt" 2>&1 || { cat "$BENCH_OUT/wrk-$name.txt" >&2; bench_die "wrk failed"; }
  python3 - "$BENCH_OUT/wrk-$name.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r'([\d.]+)(us|ms|s|m)', v)
    n, u = float(m.group(1)), m.group(2)
    return n / 1000 if u == 'us' else n if u == 'ms' else n * 1000 if u == 's' else n * 60000
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
p50 = ms(re.search(r'\s50%\s+(\S+)', text).group(1))
p99 = ms(re.search(r'\s99%\s+(\S+)', text).group(1))
non2xx = re.search(r'Non-2xx or 3xx responses:\s+(\d+)', text)
if non2xx:
    sys.stderr.write(f"warning: {non2xx.group(1)} non-2xx answers (see {sys.argv[1]})\n")
print(f"{rps:.1f} {p50:.2f} {p99:.2f}")
PY
}

# Warms the server up under wrk's load until its JIT compilers settle: a server runs for days, so
# the HTTP benches measure its steady state, not the first seconds of C2 compiling Jetty, Javalin,
# Jackson, jOOQ and pgjdbc (measured 2026-11-27: 15 s of load left the compiler threads at a
# quarter of the JVM's CPU, and the server's CPU per request 1.7x its steady state). Loads in
# slices of BENCH_WARMUP_SLICE seconds (5) for at least BENCH_WARMUP_SECONDS (15) and until the
# compiler threads took under BENCH_JIT_SETTLED_PCT (3) percent of the JVM's CPU in a slice, or
# BENCH_WARMUP_MAX seconds (180) have passed (then it says so). Logs each slice.
#   bench_warm NAME PID CONNECTIONS URL [HEADER...]
bench_warm() {
  local name="$1" pid="$2" conns="$3" url="$4"; shift 4
  local slice="${BENCH_WARMUP_SLICE:-5}" min="${BENCH_WARMUP_SECONDS:-15}" max="${BENCH_WARMUP_MAX:-180}"
  local settled="${BENCH_JIT_SETTLED_PCT:-3}" spent=0 cpu jit rps
  while :; do
    python3 "$BENCH_DIR/lib/threadcpu.py" snap "$pid" "$BENCH_OUT/threads-$pid.json"
    read -r rps _ _ < <(bench_wrk "$name-warmup" "$slice" "$conns" "$url" "$@")
    cpu=$(python3 "$BENCH_DIR/lib/threadcpu.py" diff "$pid" "$BENCH_OUT/threads-$pid.json")
    spent=$((spent + slice))
    jit=$(sed -E 's/.*jit=([0-9]+)%.*/\1/' <<<"$cpu")
    bench_log "$name warm-up ${spent}s: $rps req/s, JVM $cpu"
    if (( spent >= min && jit < settled )); then
      BENCH_WARMED_SECONDS=$spent
      return 0
    fi
    if (( spent >= max )); then
      bench_log "$name: the JIT compilers still took ${jit}% of the JVM's CPU after ${spent}s of load; measuring anyway"
      BENCH_WARMED_SECONDS=$spent
      return 0
    fi
  done
}

# bench_wrk with the server's CPU by thread kind during the run (bench/lib/threadcpu.py), logged
# and written to $BENCH_OUT/wrk-NAME.cpu ("cpu_s=… jit=…% gc=…% http=…% other=…%"; it is usually
# called in a subshell, so read it with bench_wrk_cpu NAME); prints what bench_wrk prints.
#   bench_wrk_measured NAME PID SECONDS CONNECTIONS URL [HEADER...]
bench_wrk_measured() {
  local name="$1" pid="$2"; shift 2
  local out
  python3 "$BENCH_DIR/lib/threadcpu.py" snap "$pid" "$BENCH_OUT/threads-$pid.json"
  out=$(bench_wrk "$name" "$@")
  python3 "$BENCH_DIR/lib/threadcpu.py" diff "$pid" "$BENCH_OUT/threads-$pid.json" >"$BENCH_OUT/wrk-$name.cpu"
  bench_log "$name: $out (req/s p50 p99), JVM $(cat "$BENCH_OUT/wrk-$name.cpu")"
  echo "$out"
}
bench_wrk_cpu() { cat "$BENCH_OUT/wrk-$1.cpu"; }

# The standard result line. direction: higher (throughput: ratio = ours/peer) or lower
# (latency, time: ratio = peer/ours). Values are printed as given.
#   bench_result NAME OURS PEER UNIT [higher|lower] [PEER_UNIT]
bench_result() {
  local name="$1" ours="$2" peer="$3" unit="$4" dir="${5:-higher}" peer_unit="${6:-$4}" ratio
  ratio=$(python3 -c "import sys; o, p = float('$ours'), float('$peer'); print('%.2f' % ((o / p) if '$dir' == 'higher' else (p / o)) if o and p else 'n/a')")
  echo "$name: ours $ours $unit, peer $peer $peer_unit, ratio $ratio" | tee -a "$BENCH_OUT/results.txt"
}

bench_skip() {
  echo "$1: skipped ($2)" | tee -a "$BENCH_OUT/results.txt"
  exit 0
}

# ---- the SQL a request makes Pressroom send, and pgbench running exactly that ----------------
BENCH_PG_LOG="${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1)}"

# Turns statement logging on for DB's new sessions (start the server after this).
bench_log_statements_on() { bench_psql postgres -c "ALTER DATABASE $1 SET log_statement = 'all'" >/dev/null; }
bench_log_statements_off() { bench_psql postgres -c "ALTER DATABASE $1 RESET log_statement" >/dev/null; }

# Runs a command (one HTTP request) and writes, as a pgbench script, every statement that
# Pressroom sent to DB while it ran, in order, bind parameters inlined as the literals
# PostgreSQL logged. Needs bench_log_statements_on before the server started.
# The server's background work (lease sweeper, queue vacuum check) logs its statements in the
# same database and may fall into the window: the request is captured 3 times and the script
# kept is one with the most frequent statement count (the fewest on a tie), so the peer never
# replays statements the request did not send.
#   bench_capture_sql DB SCRIPT_FILE curl …
bench_capture_sql() {
  local db="$1" out="$2"; shift 2
  local i counts=()
  for i in 1 2 3; do
    _bench_capture_sql_once "$db" "$out.$i" "$@"
    counts+=("$(wc -l <"$out.$i") $i")
  done
  i=$(printf '%s\n' "${counts[@]}" | sort -n | awk '{n[$1]++; if (!($1 in f)) f[$1] = $2} END {best = ""; for (k in n) if (best == "" || n[k] > n[best] || (n[k] == n[best] && k + 0 < best + 0)) best = k; print f[best]}')
  mv "$out.$i" "$out"
  rm -f "$out".[123]
}

_bench_capture_sql_once() {
  local db="$1" out="$2"; shift 2
  [[ -r "$BENCH_PG_LOG" ]] || bench_die "cannot read PostgreSQL's log (BENCH_PG_LOG=$BENCH_PG_LOG)"
  local before after
  sleep 0.5
  before=$(stat -c %s "$BENCH_PG_LOG")
  "$@" >/dev/null
  sleep 1
  after=$(stat -c %s "$BENCH_PG_LOG")
  python3 - "$BENCH_PG_LOG" "$before" "$after" "$db" "$out" <<'PY'
import re, sys
path, start, end, db, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
with open(path, 'rb') as f:
    f.seek(start)
    text = f.read(end - start).decode('utf-8', 'replace')
head = re.compile(r'^\d{4}-\d\d-\d\d \S+ \S+ \[(\d+)\] (\S*)@(\S*) ([A-Z]+):  (.*)$')
entries = []
for line in text.splitlines():
    m = head.match(line)
    if m:
        entries.append([m.group(3), m.group(4), m.group(5)])
    elif entries and line.startswith('\t'):
        entries[-1][2] += '\n' + line[1:]
stmts = []
for dbname, level, msg in entries:
    if dbname != db:
        continue
    if level == 'LOG':
        m = re.match(r'(?:execute [^:]+|statement): (.*)', msg, re.S)
        if m:
            stmts.append([m.group(1), {}])
    elif level == 'DETAIL' and stmts and msg.lower().startswith('parameters: '):
        for n, v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", msg):
            stmts[-1][1][int(n)] = v
lines = []
for sql, params in stmts:
    for n in sorted(params, reverse=True):
        sql = re.sub(r'\$%d(?!\d)' % n, params[n].replace('\\', '\\\\'), sql)
    sql = ' '.join(sql.split())
    if sql in ('', ';'):
        continue  # the driver's empty query (connection validation)
    if not sql.endswith(';'):
        sql += ';'
    lines.append(sql)
if not lines:
    sys.exit('no statement of database %s was logged for that request' % db)
open(out, 'w').write('\n'.join(lines) + '\n')
PY
}

# pgbench over TCP running a script; prints "<tps> <p50 ms> <p99 ms>" (per-transaction log in $BENCH_OUT).
#   bench_pgbench NAME DB SCRIPT SECONDS CLIENTS
bench_pgbench() {
  local name="$1" db="$2" script="$3" secs="$4" clients="$5"
  local dir="$BENCH_OUT/pgbench-$name"
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && pgbench -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -n -M prepared -f "$script" -c "$clients" -j 1 \
      -T "$secs" -l --log-prefix=tx "$db") >"$BENCH_OUT/pgbench-$name.txt" 2>&1 \
    || { cat "$BENCH_OUT/pgbench-$name.txt" >&2; bench_die "pgbench failed"; }
  python3 - "$BENCH_OUT/pgbench-$name.txt" "$dir" <<'PY'
import glob, re, sys
text = open(sys.argv[1]).read()
tps = float(re.search(r'tps = ([\d.]+) \(without initial connection time\)', text).group(1))
lat = []
for f in glob.glob(sys.argv[2] + '/tx*'):
    for line in open(f):
        parts = line.split()
        if len(parts) >= 3:
            lat.append(int(parts[2]) / 1000.0)
lat.sort()
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"{tps:.1f} {pick(0.5):.2f} {pick(0.99):.2f}")
PY
}
