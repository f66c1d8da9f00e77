# shellcheck shell=bash
# The common measurement of the HTTP read benches: with the server started on DB after
# bench_log_statements_on and warmed up, captures the SQL of one GET PATH, restarts the server
# without statement logging, loads it with wrk, then runs the captured SQL with pgbench alone.
# Sets OURS_RPS OURS_P50 OURS_P99 PEER_TPS PEER_P50 PEER_P99; the script is $BENCH_OUT/NAME.sql.
#   bench_http_vs_sql NAME DB PATH SECONDS CONNECTIONS
bench_http_vs_sql() {
  local name="$1" db="$2" path="$3" secs="$4" conns="$5" url
  url="$(bench_url "$path")"
  bench_wrk "$name-warmup" "${BENCH_WARMUP_SECONDS:-15}" "$conns" "$url" "${AUTH_HEADERS[@]}" >/dev/null
  bench_capture_sql "$db" "$BENCH_OUT/$name.sql" curl -sS -H "${AUTH_HEADERS[0]}" -H "${AUTH_HEADERS[1]}" "$url"
  bench_log "the SQL of one GET $path ($BENCH_OUT/$name.sql):"
  sed 's/^/    /' "$BENCH_OUT/$name.sql" | cut -c1-400 >&2
  bench_log_statements_off "$db"
  bench_stop_server "$BENCH_SERVER_PID"
  bench_start_server "$db"
  bench_wait_ready
  url="$(bench_url "$path")"
  bench_warm "$name" "$BENCH_SERVER_PID" "$conns" "$url" "${AUTH_HEADERS[@]}"
  read -r OURS_RPS OURS_P50 OURS_P99 < <(bench_wrk_measured "$name" "$BENCH_SERVER_PID" "$secs" "$conns" "$url" "${AUTH_HEADERS[@]}")
  bench_stop_server "$BENCH_SERVER_PID"
  read -r PEER_TPS PEER_P50 PEER_P99 < <(bench_pgbench "$name" "$db" "$BENCH_OUT/$name.sql" "$secs" "$conns")
}

# EXPLAIN (ANALYZE, BUFFERS) of the captured script's statement matching REGEX, run after the
# statements before it (the tenant's set_config and role) in one transaction, rolled back.
#   bench_explain DB SCRIPT REGEX
bench_explain() {
  local db="$1" script="$2" regex="$3"
  python3 - "$script" "$regex" >"$BENCH_OUT/explain.sql" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if l.strip()]
rx = re.compile(sys.argv[2], re.I)
target = next(i for i, l in enumerate(lines) if rx.search(l) and not l.lower().startswith('select set_config'))
out = ['BEGIN;'] + [l for l in lines[:target] if l.upper() not in ('BEGIN;', 'COMMIT;')]
out.append('EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ' + lines[target])
out.append('ROLLBACK;')
print('\n'.join(out))
PY
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$BENCH_OUT/explain.sql" | grep -v '^ *set_config\|^-*$\|^(1 row)\|^ *$' || true
}
