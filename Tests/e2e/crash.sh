#!/usr/bin/env bash
# Crash safety (issue 7): SIGKILL the program at random moments during a large member
# import, during scoring edits typed into the TUI in tmux, and during proposal
# transitions (`gongzhi proposals act`). After every kill: PRAGMA integrity_check is
# ok, `gongzhi audit verify` passes, every change the program reported as saved is
# present, and an import or a transition is wholly there or wholly absent.
# CRASH_N kills per kind (default 50).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
N=${CRASH_N:-50}
DB=$WORK/crash.sqlite
"$BIN" demo --db "$DB" >/dev/null
"$BIN" export members --db "$DB" >"$WORK/members.csv"
RANDOM=${CRASH_SEED:-42}
KILLS=0
INTACT=0
LOST=0
ROLLED=0
COMMITTED=0
SAVES=0
TRANSITIONS=0

q() { sqlite3 "$DB" "$1"; } # waits for locks (lib.sh)
intact() { [ "$(q 'PRAGMA integrity_check')" = ok ] && "$BIN" audit verify --db "$DB" >/dev/null; }
# kill_after MS PID: SIGKILL PID after MS milliseconds (if it still runs).
kill_after() {
  # Time is the subject here: the kill lands at a random moment of the work.
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

echo "== $N kills during scoring edits driven in the TUI (tmux)"
# The officer types counts into 谈心谈话 (one point per talk, max 10) of a draft branch;
# each save shows "已保存 · 得分 T". A save is "reported" once the screen shows it.
period=$(q "SELECT max(period) FROM assessment")
IFS='|' read -r aid name <<<"$(q "SELECT a.id, o.name FROM assessment a JOIN org_unit o ON o.id = a.unit_id
  WHERE a.period = '$period' AND a.state = 'draft' AND o.kind = 'branch' ORDER BY o.id LIMIT 1")"
talks() {
  q "SELECT coalesce(substr(self_input, 3), 0) FROM assessment_entry
    WHERE assessment_id = $aid AND indicator_id = 'life.talks'"
}
total() { q "SELECT total FROM assessment WHERE id = $aid" | sed 's/\.0$//'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
gongzhi_pid() { pgrep -P "$(T display-message -p -t e2e '#{pane_pid}')" -f gongzhi | head -1; }
v=0
for k in $(seq "$N"); do
  start 100 30 --db "$DB"
  wait_for "医院党委" 30 >/dev/null || fail "scoring $k: the TUI did not start"
  keys 2
  next_branch_until "$name" "$period"
  keys Enter
  key_until "谈心谈话，每人次计1分" Down 30
  base=$(minus "$(total)" "$(talks)")
  pid=$(gongzhi_pid)
  (kill_after $((RANDOM % 2500 + 300)) "$pid" || true) &
  killer=$!
  last="" inflight=""
  while kill -0 "$pid" 2>/dev/null; do
    v=$((v % 10 + 1))
    inflight=$v
    text "$v"
    keys Enter
    want="已保存 · 得分 $(minus "$base" "-$v") "
    # Until the save shows or the program is killed: a fixed number of polls would
    # give up on a slow machine and count a save in flight as lost.
    deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
      if screen | grep -qF "$want"; then
        last=$v
        break
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
  done
  wait "$killer" 2>/dev/null || true
  stored=$(talks)
  good=1
  # The last reported save is there, or the one in flight (committed, not yet shown);
  # the branch's total always agrees with its entries.
  if { [ -z "$last" ] || [ "$stored" = "$last" ] || [ "$stored" = "$inflight" ]; } &&
    [ "$(minus "$(total)" "$stored")" = "$base" ]; then good=0; fi
  if [ "$good" -ne 0 ]; then
    LOST=$((LOST + 1))
    echo "  scoring $k: last reported $last, in flight $inflight, stored $stored, total $(total), base $base"
  fi
  [ -n "$last" ] && SAVES=$((SAVES + 1))
  after_kill "scoring $k" "$good"
done

echo "== $N kills during proposal transitions (gongzhi proposals act)"
# Fresh submitted proposals, walked through the workflow; every transition the CLI
# reported is in the timeline, and the proposal's state is its last transition's.
"$BIN" export proposals --db "$DB" >"$WORK/all.csv"
python3 - "$WORK/all.csv" "$WORK/new.csv" "$N" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
body = [r for r in rows[1:] if r[0].count("-") == 2]
t, y, _ = body[0][0].split("-")
out = [rows[0][:9]] + [[f"{t}-{y}-{8000 + i}"] + body[i % len(body)][1:9] for i in range(int(sys.argv[3]))]
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(out)
PY
"$BIN" import proposals "$WORK/new.csv" --db "$DB" >/dev/null
mapfile -t numbers < <(tail -n +2 "$WORK/new.csv" | cut -d, -f1)
lead=$(q "SELECT name FROM department WHERE active = 1 ORDER BY id LIMIT 1")
for k in $(seq "$N"); do
  number=${numbers[$((k - 1))]}
  id=$(q "SELECT id FROM proposal WHERE number = '$number'")
  timeline() { q "SELECT COUNT(*) FROM proposal_transition WHERE proposal_id = $id"; }
  before=$(timeline)
  : >"$WORK/moved"
  rm -f "$WORK/stop"
  (
    for step in startReview file "assign --lead $lead" startHandling "reply --text 已答复 --grade A" \
      "evaluate --verdict satisfied" implement close; do
      [ -e "$WORK/stop" ] && break
      # shellcheck disable=SC2086 # the step carries its own options
      "$BIN" proposals act "$number" $step --db "$DB" >/dev/null 2>&1 && echo "$step" >>"$WORK/moved"
    done
  ) 2>/dev/null & # (the loop's own "Killed" notices)
  loop=$!
  sleep "$(printf '0.%03d' $((RANDOM % 1000)))" # a random moment of the work: time is the subject
  # Stop the loop from starting another step, SIGKILL the step running now, then wait
  # for the loop (and so every gongzhi it started) to end before the database is read.
  # Killing the loop itself would orphan a step that goes on writing during the checks.
  touch "$WORK/stop"
  child=$(pgrep -P "$loop" | head -1 || true)
  [ -n "$child" ] && kill -KILL "$child" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  reported=$(wc -l <"$WORK/moved")
  moved=$(($(timeline) - before))
  state=$(q "SELECT state FROM proposal WHERE id = $id")
  last_to=$(q "SELECT to_state FROM proposal_transition WHERE proposal_id = $id ORDER BY id DESC LIMIT 1")
  good=1
  # Every reported transition is there (one more when killed after its commit), and
  # the proposal is in the state its last transition says.
  if { [ "$moved" -eq "$reported" ] || [ "$moved" -eq $((reported + 1)) ]; } && [ "$state" = "$last_to" ]; then
    good=0
  fi
  if [ "$good" -ne 0 ]; then
    LOST=$((LOST + 1))
    echo "  proposal $number: reported $reported, timeline +$moved, state $state, last transition to $last_to"
  fi
  TRANSITIONS=$((TRANSITIONS + reported))
  after_kill "transition $k" "$good"
done

echo "member imports killed before commit: $ROLLED (nothing visible), finished before the kill: $COMMITTED (all visible)"
echo "scoring rounds with a reported save: $SAVES of $N; transitions reported: $TRANSITIONS"
echo "$KILLS kills, $INTACT intact, $LOST lost"
check "every kill left the database intact" test "$INTACT" -eq "$KILLS"
finish
