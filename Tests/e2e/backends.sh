#!/usr/bin/env bash
# The same hospital on both backends (issue 14, items 2 and 7): the demo database is
# copied onto the server with `store copy`, and every screen `render` draws (in both
# languages, at two sizes) and every export must be the same from the file and from
# the server, apart from the acting user in the title bar. Then a hot standby is made
# from the server with pg_basebackup, and `render` and the kiosk run against it; a
# write there is refused. Skipped with a note without a server, unless
# GONGZHI_REQUIRE_PG=1 (CI).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
require_pg_server
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
PSQL=${GONGZHI_TEST_PG_BIN:+$GONGZHI_TEST_PG_BIN/}psql
PGBIN=${GONGZHI_TEST_PG_BIN:-$(dirname "$(command -v psql)")}
db=e2e_backends_$$_$RANDOM
folder=$(sed -E 's#.*[?&]host=([^&]*).*#\1#' <<<"$GONGZHI_TEST_PG")
standby=$folder/standby_$$
standby_cleanup() {
  if [ -d "$standby" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$standby" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$standby"
  fi
  for _ in $(seq 50); do
    "$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 && break
    sleep 0.1
  done
  cleanup
}
trap standby_cleanup EXIT
"$PSQL" -X -q "$GONGZHI_TEST_PG" -c "CREATE DATABASE $db"
url=postgresql://$(sed -E "s#/[^/?]*(\?|$)#/$db\1#" <<<"${GONGZHI_TEST_PG#postgresql://}")

file=$WORK/demo.sqlite
"$BIN" --db "$file" demo >/dev/null
"$BIN" setup-server "$url" >/dev/null
out=$("$BIN" --lang en store copy "$file" "$url" 2>&1) && rc=0 || rc=$?
check "store copy of the demo onto the server: $(tail -1 <<<"$out")" test "$rc" = 0

# same LABEL ARGS... : the command's output from the file and from the server agree
# (a render's first line, the title bar with the acting user, left out).
same() {
  local label=$1
  shift
  "$BIN" --db "$file" "$@" >"$WORK/a" 2>&1 || true
  "$BIN" --db "$url" "$@" >"$WORK/b" 2>&1 || true
  if [ "$1" = render ]; then
    sed -i 1d "$WORK/a" "$WORK/b"
  fi
  [ -s "$WORK/a" ] && cmp -s "$WORK/a" "$WORK/b"
}
for lang in zh en; do
  for size in 80x24 120x40; do
    for s in org assess ranking year points proposals supervision satisfaction disclosures; do
      check "render $s $size $lang alike" same "$s" render "$s" --size "$size" --lang "$lang"
    done
  done
  check "render org with a branch selected ($lang)" same sel render org --select 内科党总支/心血管内科党支部 --lang "$lang"
  check "render proposals searching 食堂 ($lang)" same search render proposals --filter search=食堂 --lang "$lang"
  check "render proposals searching a number ($lang)" same bynumber render proposals --filter search=7-2026-002 --lang "$lang"
  check "render proposals by proposer 王, overdue ($lang)" same who render proposals --filter proposer=王 --filter overdue=1 --lang "$lang"
  check "render outpatient satisfaction ($lang)" same out render satisfaction --population outpatient --lang "$lang"
  number=$(sqlite3 "$file" "SELECT number FROM proposal WHERE number IS NOT NULL ORDER BY id LIMIT 1")
  check "render proposal $number ($lang)" same one render proposal "$number" --lang "$lang"
done
for e in members assessments proposals disclosures satisfaction; do
  check "export $e as CSV alike" same "$e" export "$e"
  [ "$e" = members ] || check "export $e as Markdown alike" same "$e" export "$e" --format md
done
check "export proposals --steps alike" same steps export proposals --steps
# The server's log is the file's, row for row, and then the two rows that record the
# owner as admin (store copy: the owner is in charge of the server).
log_rows="id, at, actor, entity, entity_id, action, field, coalesce(old_value, '-'), coalesce(new_value, '-'), coalesce(reason, '-'), prev_hash, hash"
file_rows=$(sqlite3 "$file" "SELECT count(*) FROM audit_log")
sqlite3 -separator '|' "$file" "SELECT $log_rows FROM audit_log ORDER BY id" >"$WORK/log.file"
"$PSQL" -X -At -F '|' "$url" -c "SELECT $log_rows FROM audit_log WHERE id <= $file_rows ORDER BY id" >"$WORK/log.server"
check "the audit log carried row for row ($file_rows rows)" cmp -s "$WORK/log.file" "$WORK/log.server"
out=$("$BIN" --db "$url" --lang en audit verify 2>&1) && rc=0 || rc=$?
check "audit verify on the server: $out" test "$rc" = 0
check "  ... over the copied rows and the owner's two" grep -qF "$((file_rows + 2)) rows" <<<"$out"

# `gongzhi bench backends` at a tiny scale, for its plumbing (the figures are the
# README's): one table, a column per backend, each kind of line filled on both.
benchdb=${db}_bench
"$PSQL" -X -q "$GONGZHI_TEST_PG" -c "CREATE DATABASE $benchdb"
benchurl=postgresql://$(sed -E "s#/[^/?]*(\?|$)#/$benchdb\1#" <<<"${GONGZHI_TEST_PG#postgresql://}")
"$BIN" setup-server "$benchurl" >/dev/null
"$BIN" --db "$benchurl" bench backends --scale 1 --iterations 3 --satisfaction-rows 2000 \
  >"$WORK/bench" 2>"$WORK/bench.err" && rc=0 || rc=$?
check "bench backends ran (exit $rc)" test "$rc" = 0
[ "$rc" = 0 ] || tail -5 "$WORK/bench.err"
# both LABEL: the line LABEL has a figure in both columns
both() { grep -F "$1" "$WORK/bench" | grep -qvE ' — '; }
check "  ... a column per backend" grep -qE '^ +SQLite +PostgreSQL$' "$WORK/bench"
check "  ... start-up of every screen on both" both "startup to first frame, disclosures (process) p50"
check "  ... the import on both" both "import 2000 answers (process)"
check "  ... the plain-table load on both" both "the same CSV into a plain table"
check "  ... import against psql \\copy, with its budget" grep -qE '^import ÷ psql \\copy +— +[0-9.]+ × +budget 1.5' "$WORK/bench"
check "  ... queries per key moving in the tree, against 3" grep -qE '^queries per key, tree \(move between branches\) \(most\) +[0-9.]+ +[0-9.]+ +budget 3 ' "$WORK/bench"
check "  ... queries per key on every script" both "queries per key, satisfaction (mean)"
check "  ... round trips on the server only" grep -qE '^round trips per key, search keystroke \(mean\) +— +[0-9.]+' "$WORK/bench"
check "  ... key → frame with a LAN round trip" grep -qE '^key → frame, search keystroke p99 \+ LAN +— +[0-9.]+ ms' "$WORK/bench"
check "  ... the dashboard's first frame on both" both "dashboard first frame 120×40 p50"
check "  ... and the LAN arithmetic" grep -qF "A LAN round trip of 0.50 ms adds" "$WORK/bench"
"$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP DATABASE $benchdb"

# A hot standby of the server, in the same throwaway folder, on its own socket.
owner_pw=$(awk -F: '$4 == "gongzhi_owner" { print $5 }' "$PGPASSFILE")
super_pw=$(awk -F: '$4 == "postgres" { print $5 }' "$PGPASSFILE")
mkdir -p "$standby" && chown postgres: "$standby" && chmod 0700 "$standby"
runuser -u postgres -- env PGPASSWORD="$super_pw" "$PGBIN/pg_basebackup" -h "$folder" -U postgres \
  -D "$standby/data" -R -X stream >"$WORK/basebackup.log" 2>&1 || cat "$WORK/basebackup.log"
check "pg_basebackup made a standby" test -f "$standby/data/standby.signal"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$standby/data" -l "$standby/server.log" -w \
  -o "-c port=5433 -c listen_addresses='' -c unix_socket_directories='$standby' -c hot_standby=on" start >/dev/null
replica="postgresql://gongzhi_owner@/$db?host=$standby&port=5433"
export PGPASSWORD=$owner_pw
in_recovery=$("$PSQL" -X -At "$replica" -c "SELECT pg_is_in_recovery()")
check "the standby is in recovery (read-only)" test "$in_recovery" = t
same_on_replica() {
  "$BIN" --db "$url" render "$@" | sed 1d >"$WORK/a"
  "$BIN" --db "$replica" render "$@" | sed 1d >"$WORK/b"
  [ -s "$WORK/a" ] && cmp -s "$WORK/a" "$WORK/b"
}
for s in org proposals satisfaction disclosures; do
  check "render $s on the standby as on the primary" same_on_replica "$s"
done
out=$("$BIN" --db "$replica" --lang en setting set hospital.name 别处 2>&1) && rc=0 || rc=$?
check "a write on the standby is refused, in the server's words: $out" \
  test "$rc" = 1 -a -n "$(grep -F "only reads (a standby" <<<"$out")"
start 100 30 kiosk --db "'$replica'" --interval 2
check "the kiosk runs on the standby" wait_for "共治示范医院" 20
first_page=$(screen)
check "  ... and turns its pages" wait_change "$first_page" 10
unset PGPASSWORD
finish
