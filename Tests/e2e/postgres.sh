#!/usr/bin/env bash
# The shared store on PostgreSQL (issue 14, items 3 and 4), with the real binary
# against the server in GONGZHI_TEST_PG (.ci/pg-cluster): setup-server on an empty
# database and again, user add with --password-stdin, a clerk's --user refused (the
# login is the actor), the server refusing a clerk's direct changes through psql, and
# a command not yet ported refusing the server with one clear line and no stray file.
# Skipped with a note without a server, unless GONGZHI_REQUIRE_PG=1 (CI).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_TEST_PG:-}" ]; then
  if [ "${GONGZHI_REQUIRE_PG:-}" = 1 ]; then
    echo "FAIL GONGZHI_REQUIRE_PG=1 but GONGZHI_TEST_PG is not set"
    exit 1
  fi
  echo "skipped: GONGZHI_TEST_PG is not set (start a server with .ci/pg-cluster start)"
  exit 0
fi
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
PSQL=${GONGZHI_TEST_PG_BIN:+$GONGZHI_TEST_PG_BIN/}psql
db=e2e_$$_$RANDOM
clerk=${db}_clerk
admin=${db}_admin
pg_cleanup() {
  # The logins' sessions end asynchronously; the owner may not end other roles' sessions.
  for _ in $(seq 50); do
    "$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 && break
    sleep 0.1
  done
  "$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP ROLE IF EXISTS $clerk" -c "DROP ROLE IF EXISTS $admin" \
    -c "DROP ROLE IF EXISTS ${db}_viewer" -c "DROP ROLE IF EXISTS ${db}_typo" >/dev/null 2>&1 || true
  cleanup
}
trap pg_cleanup EXIT
"$PSQL" -X -q "$GONGZHI_TEST_PG" -c "CREATE DATABASE $db"
# The test database's URL: the server's with another database name.
url=$(sed -E "s#/[^/?]*(\?|$)#/$db\1#" <<<"${GONGZHI_TEST_PG#postgresql://}")
url=postgresql://$url
# outcome RC TEXT... : the last command ($rc, $out) exited RC and printed every TEXT.
outcome() {
  local want=$1
  shift
  [ "$rc" = "$want" ] || return 1
  local text
  for text; do grep -qF -- "$text" <<<"$out" || return 1; done
}
one_line() { [ "$(wc -l <<<"$out")" = 1 ]; }
as() { sed -E "s#^postgresql://[^@/]*@#postgresql://$1@#" <<<"$url"; }

# The server's schema version is the one a new SQLite file gets from this build.
"$BIN" --db "$WORK/version.sqlite" setting set hospital.name 版本 >/dev/null
version=$(sqlite3 "$WORK/version.sqlite" "PRAGMA user_version")
out=$("$BIN" setup-server "$url" --lang en 2>&1) && rc=0 || rc=$?
check "setup-server on an empty database: $out" outcome 0 "schema version $version)"
out=$("$BIN" setup-server "$url" --lang en 2>&1) && rc=0 || rc=$?
check "a second setup-server: $out" outcome 0 "already set up"

out=$(printf 'admin-pw\n' | GONGZHI_DB=$url "$BIN" user add "$admin" --role admin --password-stdin --lang en 2>&1) \
  && rc=0 || rc=$?
check "user add (GONGZHI_DB, --password-stdin): $out" outcome 0 "gongzhi_admin"
out=$(printf 'clerk-pw\n' | PGPASSWORD=admin-pw "$BIN" user add "$clerk" --role clerk --password-stdin --db "$(as "$admin")" --lang en 2>&1) \
  && rc=0 || rc=$?
check "an admin login adds a clerk: $out" outcome 0 "gongzhi_clerk"
out=$("$PSQL" -X -At "$url" -c "SELECT role || ':' || (SELECT string_agg(DISTINCT actor, ',') FROM audit_log
  WHERE entity_id = '$clerk') FROM \"user\" WHERE name = '$clerk'")
check "the clerk's user row and audit rows name the admin login: $out" test "$out" = "clerk:$admin"

# An assessment for the clerk to try to change.
"$PSQL" -X -q "$url" -c "INSERT INTO org_unit (kind, name) VALUES ('branch', 'b')" \
  -c "INSERT INTO assessment_scheme (scheme_key, version, name, toml, created_at) VALUES ('k', 1, 'n', '', '')" \
  -c "INSERT INTO assessment (unit_id, period, scheme_id, state, total) VALUES (1, '2025', 1, 'draft', 90)"

# A clerk claiming to be the admin: refused, with the note that the login acts.
export PGPASSWORD=clerk-pw # only the clerk's connections below; the owner's come from PGPASSFILE
out=$(printf 'x\n' | "$BIN" --lang en user add someone --role admin --password-stdin --user "$admin" --db "$(as "$clerk")" 2>&1) \
  && rc=0 || rc=$?
check "clerk's --user $admin refused, acting as the clerk: $out" outcome 1 "--user does not apply" "($clerk)"
out=$(printf 'x\n' | "$BIN" --lang en user add someone --role admin --password-stdin --db "$(as "$clerk")" 2>&1) \
  && rc=0 || rc=$?
check "a clerk cannot add users (the server refuses): $out" outcome 1 "The server refused"

# The server refuses a clerk's direct changes, from psql.
for sql in "UPDATE assessment SET total = 100" "DELETE FROM audit_log" "UPDATE audit_log SET actor = 'x'" "TRUNCATE audit_log"; do
  out=$("$PSQL" -X -q -v ON_ERROR_STOP=1 "$(as "$clerk")" -c "$sql" 2>&1) && rc=0 || rc=$?
  check "psql as the clerk: '$sql' refused: $out" outcome 1 "permission denied"
done
unset PGPASSWORD
check "the score is still 90" test "$("$PSQL" -X -At "$url" -c 'SELECT total FROM assessment')" = 90

# The password prompt, in a terminal: asked twice, never echoed; a mismatch adds nobody.
viewer=${db}_viewer
start 120 40 --lang en user add "$viewer" --role viewer --db "'$url'"
expect_screen "Password for $viewer:"
text "Sekrit-9"
keys Enter
expect_screen "Password again:"
text "Sekrit-9"
keys Enter
expect_screen "Added login $viewer in group gongzhi_viewer"
check "the password was not echoed" bash -c "! tmux -L '$SOCKET' capture-pane -p -t e2e | grep -q Sekrit"
check "the terminal is handed back with echo" restored
check "the viewer logs in with that password" \
  test "$(PGPASSWORD=Sekrit-9 "$PSQL" -X -At "$(as "$viewer")" -c 'SELECT session_user')" = "$viewer"
start 120 40 --lang en user add "${db}_typo" --role viewer --db "'$url'"
expect_screen "Password for ${db}_typo:"
text "one"
keys Enter
expect_screen "Password again:"
text "two"
keys Enter
expect_screen "The two passwords differ"
check "a mismatch exits 1" wait_for "EXITED rc=1"
check "and adds no login" test "$("$PSQL" -X -At "$url" -c "SELECT count(*) FROM pg_roles WHERE rolname = '${db}_typo'")" = 0

# A command not on PostgreSQL yet: one clear line, exit 1, no file made.
cd "$WORK"
out=$("$BIN" --lang en setting get hospital.name --db "$url" 2>&1) && rc=0 || rc=$?
check "setting get on the server: one line: $out" outcome 1 "does not run on a PostgreSQL database yet"
check "  ... and only one line" one_line
out=$(GONGZHI_DB=$url "$BIN" --lang en proposals overdue 2>&1) && rc=0 || rc=$?
check "proposals overdue with GONGZHI_DB on the server: $out" outcome 1 "does not run on a PostgreSQL database yet"
check "no file named after the URL" bash -c "! ls -A '$WORK' | grep -q postgres"
out=$("$BIN" --lang en setup-server "postgresql://nobody@/nodb?host=$WORK" 2>&1) && rc=0 || rc=$?
check "no server there: $out" outcome 1 "Cannot connect to the PostgreSQL server"
check "  ... in one line" one_line
cd "$ROOT"

finish
