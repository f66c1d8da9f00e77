# shellcheck shell=bash
# A signed-in user with an organization, for the HTTP benches: signs up over HTTP (so the
# password hash and session are Pressroom's own), then makes the organization and the
# membership with SQL (as the bench's superuser), so the bench does not depend on the
# organizations routes. Sets BENCH_TOKEN, BENCH_USER_ID, BENCH_ORG_ID; AUTH_HEADERS for wrk/curl.
#   bench_tenant DB EMAIL
bench_tenant() {
  local db="$1" email="$2"
  BENCH_TOKEN=$(bench_token "$email")
  if [[ -n "$(bench_sql1 "$db" "SELECT m.organization_id FROM organization_members m JOIN users u ON u.id = m.user_id WHERE u.email = '$email'")" ]]; then
    BENCH_USER_ID=$(bench_sql1 "$db" "SELECT id FROM users WHERE email = '$email'")
    BENCH_ORG_ID=$(bench_sql1 "$db" "SELECT organization_id FROM organization_members WHERE user_id = '$BENCH_USER_ID' LIMIT 1")
    AUTH_HEADERS=("Authorization: Bearer $BENCH_TOKEN" "X-Organization-Id: $BENCH_ORG_ID")
    BENCH_TENANT_REUSED=1
    return 0
  fi
  BENCH_TENANT_REUSED=0
  BENCH_USER_ID=$(bench_sql1 "$db" "SELECT id FROM users WHERE email = '$email'")
  BENCH_ORG_ID=$(bench_sql1 "$db" "INSERT INTO organizations (name) VALUES ('Bench shop') RETURNING id" | head -1)
  bench_psql "$db" -c "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('$BENCH_ORG_ID', '$BENCH_USER_ID', 'admin');
                       UPDATE users SET org_id = '$BENCH_ORG_ID' WHERE id = '$BENCH_USER_ID'" >/dev/null
  AUTH_HEADERS=("Authorization: Bearer $BENCH_TOKEN" "X-Organization-Id: $BENCH_ORG_ID")
}

# curl with the tenant's headers: bench_get PATH
bench_get() { curl -sS -H "${AUTH_HEADERS[0]}" -H "${AUTH_HEADERS[1]}" "$(bench_url "$1")"; }
bench_get_status() { curl -s -o /dev/null -w '%{http_code}' -H "${AUTH_HEADERS[0]}" -H "${AUTH_HEADERS[1]}" "$(bench_url "$1")"; }
