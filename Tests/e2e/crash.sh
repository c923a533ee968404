#!/usr/bin/env bash
# Crash safety (issue 7): SIGKILL the program at random moments during a large
# import, during a loop of edits driven through the CLI, and during proposal
# imports (each proposal row is created with its audit rows and timeline entry).
# After every kill: PRAGMA integrity_check is ok, `gongzhi audit verify` passes,
# every change the CLI reported as saved is present, and an import is either
# wholly there or wholly absent. CRASH_N kills per kind (default 20; the issue
# asks for 50: CRASH_N=50).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
N=${CRASH_N:-20}
DB=$WORK/crash.sqlite
"$BIN" demo --db "$DB" >/dev/null
"$BIN" export members --db "$DB" >"$WORK/members.csv"
"$BIN" export proposals --db "$DB" >"$WORK/proposals.csv"
RANDOM=${CRASH_SEED:-42}
KILLS=0
INTACT=0
LOST=0
ROLLED=0
COMMITTED=0

q() { sqlite3 "$DB" "$1"; }
intact() { [ "$(q 'PRAGMA integrity_check')" = ok ] && "$BIN" audit verify --db "$DB" >/dev/null; }
# kill_after MS PID: SIGKILL PID after MS milliseconds (if it still runs).
kill_after() {
  sleep "$(printf '0.%03d' "$1")"
  kill -KILL "$2" 2>/dev/null && return 0
  return 1
}
after_kill() { # after_kill WHAT OK(0/1)
  KILLS=$((KILLS + 1))
  if intact && [ "$2" -eq 0 ]; then
    INTACT=$((INTACT + 1))
  else
    fail "$1: after kill $KILLS (integrity/audit/content)"
  fi
}

echo "== $N kills during an import of 3,508 members"
for k in $(seq "$N"); do
  python3 - "$WORK/members.csv" "$WORK/m$k.csv" "$k" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
out = [lines[0]]
for j in range(4):
    for l in lines[1:]:
        f = l.split(",")
        f[1] = (f[1] + "K" + sys.argv[3] + "x" + str(j))[:20]
        out.append(",".join(f))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
  rows=$(($(wc -l <"$WORK/m$k.csv") - 1))
  before=$(q "SELECT COUNT(*) FROM member")
  "$BIN" import members "$WORK/m$k.csv" --db "$DB" >/dev/null 2>&1 &
  pid=$!
  kill_after $((RANDOM % 1900 + 50)) $pid || true
  wait $pid 2>/dev/null && rc=0 || rc=$?
  now=$(q "SELECT COUNT(*) FROM member")
  good=1
  if [ "$now" -eq "$before" ] && [ "$rc" -ne 0 ]; then good=0; fi  # killed before commit
  if [ "$now" -eq $((before + rows)) ]; then good=0; fi              # committed (before or after the kill)
  [ "$good" -ne 0 ] && echo "  members: $before → $now (rc $rc): half an import"
  if [ "$now" -eq "$before" ]; then ROLLED=$((ROLLED + 1)); else COMMITTED=$((COMMITTED + 1)); fi
  after_kill "import $k" "$good"
  rm -f "$WORK/m$k.csv"
done

echo "== $N kills during a loop of CLI edits (setting set; each reported save must survive)"
for k in $(seq "$N"); do
  : >"$WORK/saved"
  (
    i=0
    while true; do
      i=$((i + 1))
      "$BIN" setting set hospital.name "医院$k-$i" --db "$DB" >/dev/null 2>&1 && echo "$i" >>"$WORK/saved"
    done
  ) &
  loop=$!
  sleep "$(printf '%d.%03d' $((RANDOM % 3)) $((RANDOM % 1000)))"
  child=$(pgrep -P "$loop" | head -1 || true)
  [ -n "$child" ] && kill -KILL "$child" 2>/dev/null || true
  kill "$loop" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  sleep 0.05
  last=$(tail -1 "$WORK/saved" 2>/dev/null || true)
  name=$("$BIN" setting get --db "$DB" | awk -F'\t' '$1 == "hospital.name" { print $2 }')
  good=1
  # The reported save is present, or the next one (killed after its commit, before it could say so).
  if [ -z "$last" ] || [ "$name" = "医院$k-$last" ] || [ "$name" = "医院$k-$((last + 1))" ]; then good=0; fi
  if [ -z "$last" ] && [[ $name == "医院$k-"* ]] && [ "$name" != "医院$k-1" ]; then good=1; fi
  if [ "$good" -ne 0 ]; then
    LOST=$((LOST + 1))
    echo "  last reported save $last, database has '$name'"
  fi
  after_kill "edit loop $k" "$good"
done

echo "== $N kills during proposal imports (each row: proposal, audit rows, timeline entry)"
for k in $(seq "$N"); do
  python3 - "$WORK/proposals.csv" "$WORK/p$k.csv" "$k" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
out = [rows[0][:9]]
for j in range(10):
    for i, r in enumerate(rows[1:]):
        if r[0].count("-") != 2:
            continue
        t, y, _ = r[0].split("-")
        out.append([f"{t}-{y}-{int(sys.argv[3]) * 10000 + j * 100 + i + 1}"] + r[1:9])
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(out)
EOF
  rows=$(($(wc -l <"$WORK/p$k.csv") - 1))
  before=$(q "SELECT COUNT(*) FROM proposal")
  tl_before=$(q "SELECT COUNT(*) FROM proposal_transition")
  "$BIN" import proposals "$WORK/p$k.csv" --db "$DB" >"$WORK/p.out" 2>&1 &
  pid=$!
  kill_after $((RANDOM % 1500 + 50)) $pid || true
  wait $pid 2>/dev/null && rc=0 || rc=$?
  now=$(q "SELECT COUNT(*) FROM proposal")
  tl_now=$(q "SELECT COUNT(*) FROM proposal_transition")
  good=1
  if [ "$now" -eq "$before" ] && [ "$tl_now" -eq "$tl_before" ] && [ "$rc" -ne 0 ]; then good=0; fi
  if [ "$now" -eq $((before + rows)) ] && [ "$tl_now" -gt "$tl_before" ]; then good=0; fi
  if [ "$rc" -eq 0 ] && [ "$now" -ne $((before + rows)) ]; then good=1; fi # reported saved but missing
  [ "$good" -ne 0 ] && echo "  proposals $before → $now, timeline $tl_before → $tl_now (rc $rc): $(head -1 "$WORK/p.out")"
  if [ "$now" -eq "$before" ]; then ROLLED=$((ROLLED + 1)); else COMMITTED=$((COMMITTED + 1)); fi
  after_kill "proposal import $k" "$good"
done

echo "imports killed before commit: $ROLLED (nothing visible), finished before the kill: $COMMITTED (all visible)"
echo "$KILLS kills, $INTACT intact, $LOST lost"
check "every kill left the database intact" test "$INTACT" -eq "$KILLS"
finish
