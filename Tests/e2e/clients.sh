#!/usr/bin/env bash
# Many clients on one PostgreSQL database (issue 14, item 8). The demo hospital is
# copied onto a fresh server database; then for CLIENTS_SECONDS (default 60), each
# process logged in as its own login (PGPASSFILE, never --user):
#  - 4 TUI sessions (tmux) open the proposal the command-line clerks are working on and
#    take its next step by keys, so they collide with them and with each other,
#  - 3 clerk loops of `gongzhi proposals act` walk the same proposals through the same
#    steps at once (each step is won by one of them; the others are refused),
#  - an officer loop of `gongzhi import scores` and an admin loop of `gongzhi import
#    members` (a small file each time),
#  - an officer loop of `gongzhi assessment publish`, unit by unit, over ten branches
#    the admin first walks to 党委审核 with `assessment review` (then the whole quarter
#    again, which moves none),
#  - and 2 kiosks (tmux, a gongzhi_kiosk login) rotate every 2 s.
# Afterwards: every command exited 0 or with the refusal a conflict gives (someone else
# saved first, or the step is no longer possible because someone else took it), no
# client showed a server error, the TUIs and kiosks are still drawing, each loop's
# reported saves are exactly the rows its login wrote (no lost update: every proposal's
# timeline is one unbroken chain of steps), and `audit verify` passes on the server.
# Skipped with a note without a server, unless GONGZHI_REQUIRE_PG=1 (CI).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
require_pg_server
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
PSQL=${GONGZHI_TEST_PG_BIN:+$GONGZHI_TEST_PG_BIN/}psql
DURATION=${CLIENTS_SECONDS:-60}
db=e2e_clients_$$_$RANDOM
logins=(admin officer publisher clerk1 clerk2 clerk3 tui1 tui2 tui3 tui4 kiosk)
clients_cleanup() {
  T kill-server >/dev/null 2>&1 || true
  for _ in $(seq 50); do
    "$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 && break
    sleep 0.1
  done
  for l in "${logins[@]}"; do "$PSQL" -X -q "$GONGZHI_TEST_PG" -c "DROP ROLE IF EXISTS ${db}_$l" >/dev/null 2>&1 || true; done
  cleanup
}
trap clients_cleanup EXIT
"$PSQL" -X -q "$GONGZHI_TEST_PG" -c "CREATE DATABASE $db"
url=postgresql://$(sed -E "s#/[^/?]*(\?|$)#/$db\1#" <<<"${GONGZHI_TEST_PG#postgresql://}")
folder=$(sed -E 's#.*[?&]host=([^&]*).*#\1#' <<<"$GONGZHI_TEST_PG")
as() { sed -E "s#^postgresql://[^@/]*@#postgresql://${db}_$1@#" <<<"$url"; } # the URL as one login
q() { "$PSQL" -X -At "$url" -c "$1"; }

# The demo hospital on the server, and a login each (their passwords in a pgpass file,
# as a client machine keeps them in ~/.pgpass).
"$BIN" --db "$WORK/demo.sqlite" demo >/dev/null
"$BIN" setup-server "$url" >/dev/null
"$BIN" store copy "$WORK/demo.sqlite" "$url" >/dev/null
cp "$PGPASSFILE" "$WORK/pgpass"
for l in "${logins[@]}"; do printf '%s:5432:*:%s_%s:pw-%s\n' "$folder" "$db" "$l" "$l" >>"$WORK/pgpass"; done
chmod 0600 "$WORK/pgpass"
export PGPASSFILE=$WORK/pgpass
role_of() { case $1 in admin) echo admin ;; officer | publisher) echo officer ;; *) echo clerk ;; esac; }
for l in "${logins[@]}"; do
  [ "$l" = kiosk ] && continue
  printf 'pw-%s\n' "$l" | "$BIN" user add "${db}_$l" --role "$(role_of "$l")" --password-stdin --db "$url" >/dev/null
done
q "CREATE ROLE ${db}_kiosk LOGIN PASSWORD 'pw-kiosk' IN ROLE gongzhi_kiosk" >/dev/null

# The clerks' proposals: 200 new ones registered as submitted (as in concurrency.sh).
"$BIN" export proposals --db "$url" >"$WORK/all.csv"
python3 - "$WORK/all.csv" "$WORK/new.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
body = [r for r in rows[1:] if r[0].count("-") == 2]
t, y, _ = body[0][0].split("-")
# Each title ends with a tag of its own (编 and three stems: 编甲乙丙), for the TUIs to search.
stems = "甲乙丙丁戊己庚辛壬癸"
def tag(i): return "编" + stems[i // 100 % 10] + stems[i // 10 % 10] + stems[i % 10]
out = [rows[0][:9]]
for i in range(200):
    row = [f"{t}-{y}-{9000 + i}"] + body[i % len(body)][1:9]
    row[1] += tag(i)
    out.append(row)
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(out)
EOF
"$BIN" import proposals "$WORK/new.csv" --db "$(as admin)" >/dev/null
mapfile -t numbers < <(tail -n +2 "$WORK/new.csv" | cut -d, -f1)
declare -A tags
while IFS=, read -r number title _; do tags[$number]=${title: -4}; done < <(tail -n +2 "$WORK/new.csv")
lead=$(q "SELECT name FROM department WHERE active = 1 ORDER BY id LIMIT 1")
# The officer's branches: draft assessments of the open quarter; the publisher's: those
# that finished 党委审核.
period=$(q "SELECT period FROM assessment WHERE state = 'draft' ORDER BY period DESC LIMIT 1")
mapfile -t units < <(q "SELECT u.name FROM assessment a JOIN org_unit u ON u.id = a.unit_id
  WHERE a.state = 'draft' AND a.period = '$period' AND u.kind = 'branch'
  AND (SELECT COUNT(*) FROM org_unit v WHERE v.name = u.name) = 1 ORDER BY u.name LIMIT 8")
# The demo has no assessment at 党委审核, so the admin first walks ten branches of the
# quarter that are past 草稿 there with `assessment review`, for the publisher.
mapfile -t to_review < <(q "SELECT u.name FROM assessment a JOIN org_unit u ON u.id = a.unit_id
  WHERE a.state IN ('selfSubmitted', 'generalReview') AND a.period = '$period' AND u.kind = 'branch'
  AND (SELECT COUNT(*) FROM org_unit v WHERE v.name = u.name) = 1 ORDER BY u.name LIMIT 10")
for unit in "${to_review[@]}"; do
  for _ in 1 2; do "$BIN" assessment review --db "$(as admin)" --period "$period" --unit "$unit" >/dev/null; done
done
mapfile -t reviewed < <(q "SELECT a.period || '	' || u.name FROM assessment a JOIN org_unit u ON u.id = a.unit_id
  WHERE a.state = 'committeeReview' AND (SELECT COUNT(*) FROM org_unit v WHERE v.name = u.name) = 1
  ORDER BY a.period, u.name")
[ "${#reviewed[@]}" -ge 10 ] || { echo "clients: only ${#reviewed[@]} assessments at 党委审核 to publish"; exit 1; }
member_unit=$(q "SELECT u.name FROM org_unit u WHERE u.kind = 'branch'
  AND (SELECT COUNT(*) FROM org_unit v WHERE v.name = u.name) = 1 ORDER BY u.id LIMIT 1")
"$BIN" export members --db "$url" >"$WORK/members.csv"
echo "== $DURATION s on $db: 4 TUIs and 3 clerk loops on ${#numbers[@]} proposals, scores on ${#units[@]} branches," \
  "${#reviewed[@]} assessments to publish, members into $member_unit, 2 kiosks"

END=$((SECONDS + DURATION))
# run NAME LOGIN ARGS...: one command as LOGIN; its output goes to NAME.out, its
# status and output to NAME.log, its error output to NAME.err.
run() {
  local name=$1 login=$2 rc
  shift 2
  "$BIN" --lang en "$@" --db "$(as "$login")" >"$WORK/$name.out" 2>"$WORK/$name.last" && rc=0 || rc=$?
  cat "$WORK/$name.last" >>"$WORK/$name.err"
  echo "$rc" >>"$WORK/$name.status"
  return "$rc"
}

# A clerk loop: every loop takes the same step of the same proposal at the same time;
# the number in work is written for the TUIs to open.
clerk() {
  local me=$1 steps=(startReview file "assign --lead $lead" startHandling "reply --text 已落实整改 --grade A"
    "evaluate --verdict satisfied" implement close)
  local i=0 number step
  while ((SECONDS < END && i < ${#steps[@]} * ${#numbers[@]})); do
    number=${numbers[$((i / ${#steps[@]}))]}
    step=${steps[$((i % ${#steps[@]}))]}
    i=$((i + 1))
    [ "$me" = clerk1 ] && echo "$number ${tags[$number]}" >"$WORK/current"
    # shellcheck disable=SC2086 # the step carries its own options
    if run "$me" "$me" proposals act "$number" $step; then
      echo "$number	$(cat "$WORK/$me.out")" >>"$WORK/$me.saved"
    elif grep -qE "Someone else changed this record|is not allowed in state" "$WORK/$me.last"; then
      echo "$number	$step" >>"$WORK/$me.conflicts"
    fi
  done
}

officer() {
  local i=0 unit n
  while ((SECONDS < END)); do
    i=$((i + 1))
    unit=${units[$((i % ${#units[@]}))]}
    n=$(((i / ${#units[@]}) % 5))
    printf '单位,考评期,指标,审核,说明\n%s,%s,life.meetings,%d次,少开%d次\n' "$unit" "$period" "$n" "$n" >"$WORK/score.csv"
    run officer officer import scores "$WORK/score.csv" && echo "$unit	$n" >>"$WORK/officer.saved"
  done
}

admin() {
  local i=0 header
  header=$(head -1 "$WORK/members.csv")
  while ((SECONDS < END)); do
    i=$((i + 1))
    python3 - "$WORK/members.csv" "$WORK/member.csv" "$i" "$member_unit" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
row = dict(rows[0])
for key in row:
    if key in ("姓名", "name"): row[key] = f"并发党员{int(sys.argv[3]):04d}"
    if key in ("身份证号", "id_number"): row[key] = ""
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""), fieldnames=list(row))
w.writeheader(); w.writerow(row)
EOF
    run admin admin import members "$WORK/member.csv" && echo "$i" >>"$WORK/admin.saved"
  done
}

publisher() {
  local i=0 p unit
  while ((SECONDS < END)); do
    if ((i < ${#reviewed[@]})); then
      IFS=$'\t' read -r p unit <<<"${reviewed[$i]}"
      i=$((i + 1))
      run publisher publisher assessment publish --period "$p" --unit "$unit" || true
      grep -F " → " "$WORK/publisher.out" >>"$WORK/publisher.saved" || true
    else # nothing left to publish: the whole quarter again moves none
      run publisher publisher assessment publish --period "$period" || true
      sleep 1
    fi
  done
}

# The terminals: each in its own tmux session of the private server, as its own login.
# PGPASSFILE reaches them through the environment tmux's server was started with.
open_terminal() { # open_terminal NAME LOGIN ARGS...
  local name=$1 login=$2
  shift 2
  T new-session -d -s "$name" -x 100 -y 30 \
    "env TERM=xterm-256color LANG=C.UTF-8 PGPASSFILE=$PGPASSFILE XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME $BIN --lang en $* --db '$(as "$login")'; echo EXITED rc=\$?; sleep 600"
}
on() { T capture-pane -p -t "$1"; }
send() {
  local s=$1
  shift
  T send-keys -t "$s" "$@"
  sleep 0.15
}
# What no user may ever see: a server error, a broken connection, a crash.
broken() { grep -qE "PostgreSQL error|connection to the PostgreSQL server|server's answer|unexpected result|EXITED|Fatal error|Database unavailable" <<<"$1"; }

# A TUI session: opens the proposal the clerk loops are on (search by its title's tag), reads
# its state from the title and takes the next step by keys, then looks at what the
# screen said: done, someone else first, or (never) an error.
tui() {
  local s=$1 n tag state before after
  while ((SECONDS < END)); do
    n=
    read -r n tag 2>/dev/null <"$WORK/current" || true
    [ -n "$n" ] || { sleep 0.2; continue; }
    # Back to the list; a form left open (its save refused) asks first: discard it.
    send "$s" Escape
    if on "$s" | grep -qF "Discard changes?"; then send "$s" Left Enter; fi
    send "$s" Escape
    send "$s" /
    send "$s" C-u
    T send-keys -t "$s" -l "$tag"
    sleep 0.15
    send "$s" Enter Enter
    state=
    for _ in $(seq 30); do
      state=$(on "$s" | sed -nE "s/.*Proposal $n · ([A-Za-z ]+[a-z]) .*/\1/p" | head -1)
      [ -n "$state" ] && break
      sleep 0.1
    done
    before=$(on "$s")
    if broken "$before"; then printf '%s\n' "$before" >>"$WORK/$s.broken"; fi
    case $state in
    Submitted) send "$s" w Enter ;;
    "Under review") send "$s" l Enter ;;
    Filed) send "$s" a C-s ;;
    Assigned) send "$s" h Enter ;;
    "In progress")
      send "$s" r
      T send-keys -t "$s" -l "界面答复"
      send "$s" Tab Right C-s
      ;;
    Replied) send "$s" e C-s ;;
    Evaluated) send "$s" i Enter ;;
    Implemented) send "$s" c Enter ;;
    *) sleep 0.3; continue ;;
    esac
    sleep 0.5
    after=$(on "$s")
    echo "$state" >>"$WORK/$s.tries"
    if broken "$after"; then printf '%s\n' "$after" >>"$WORK/$s.broken"; fi
    if grep -qF "Someone else has just changed" <<<"$after"; then echo "$n" >>"$WORK/$s.stale"; fi
    if grep -qF "is not possible while" <<<"$after"; then echo "$n" >>"$WORK/$s.late"; fi
  done
}

for k in 1 2; do open_terminal "kiosk$k" kiosk kiosk --interval 2; done
for k in 1 2 3 4; do open_terminal "tui$k" "tui$k"; done
for k in 1 2 3 4; do check "TUI $k is up" wait_until 30 bash -c "tmux -L '$SOCKET' capture-pane -p -t tui$k | grep -qF Gongzhi"; done
for k in 1 2 3 4; do send "tui$k" 3; done
for k in 1 2; do check "kiosk $k is up" wait_until 30 bash -c "tmux -L '$SOCKET' capture-pane -p -t kiosk$k | grep -qF 共治示范医院"; done

END=$((SECONDS + DURATION))
pids=()
for k in 1 2 3; do
  clerk "clerk$k" &
  pids+=($!)
done
officer &
pids+=($!)
admin &
pids+=($!)
publisher &
pids+=($!)
for k in 1 2 3 4; do
  tui "tui$k" &
  pids+=($!)
done
# Meanwhile the kiosks are sampled: each must keep turning its pages, never showing an error.
kiosk_frames=0
kiosk_broken=0
declare -A last_frame
while ((SECONDS < END)); do
  for k in 1 2; do
    f=$(on "kiosk$k")
    broken "$f" && kiosk_broken=$((kiosk_broken + 1)) && printf '%s\n' "$f" >>"$WORK/kiosk.broken"
    if [ "$f" != "${last_frame[$k]:-}" ]; then kiosk_frames=$((kiosk_frames + 1)); fi
    last_frame[$k]=$f
  done
  sleep 0.5
done
wait "${pids[@]}"

count() { { cat "$@" 2>/dev/null || true; } | wc -l; }
pool="SELECT id FROM proposal WHERE number IN ($(printf "'%s'," "${numbers[@]}" | sed 's/,$//'))"
conflict_text="Someone else changed this record|is not allowed in state"
echo "== what each client did"
# The command-line clients: statuses, errors, and their saves against the rows their login wrote.
errors=0
for name in clerk1 clerk2 clerk3 officer admin publisher; do
  runs=$(count "$WORK/$name.status")
  failed=$(grep -cv '^0$' "$WORK/$name.status" || true)
  case $name in
  clerk*)
    conflicts=$(count "$WORK/$name.conflicts")
    unexplained=$(grep -cvE "$conflict_text" "$WORK/$name.err" || true)
    stale=$(grep -cF "Someone else changed" "$WORK/$name.err" || true)
    saved=$(count "$WORK/$name.saved")
    rows=$(q "SELECT count(*) FROM proposal_transition WHERE actor = '${db}_$name' AND proposal_id IN ($pool)")
    echo "$name: $runs runs, $saved steps taken, $conflicts refused ($stale someone-else-saved-first, $((conflicts - stale)) step already taken); $rows steps in the timelines"
    check "  $name: every failed run was a conflict" test "$failed" -eq "$conflicts"
    check "  $name: each reported step is in a timeline once (no lost update)" test "$saved" -eq "$rows"
    ;;
  publisher)
    unexplained=$(count "$WORK/$name.err")
    bad=$(grep -cvE '^[02]$' "$WORK/$name.status" || true)
    echo "$name: $runs runs, $(count "$WORK/$name.saved") assessments published, $(grep -c '^2$' "$WORK/$name.status" || true) runs refused"
    check "  $name: every run exited 0 or 2 (refused)" test "$bad" -eq 0
    ;;
  *)
    unexplained=$(count "$WORK/$name.err")
    echo "$name: $runs runs, $(count "$WORK/$name.saved") imports"
    check "  $name: every run exited 0" test "$failed" -eq 0
    ;;
  esac
  if [ "$unexplained" -gt 0 ]; then grep -vE "$conflict_text" "$WORK/$name.err" | head -3; fi
  errors=$((errors + unexplained))
done
check "no error reached a command-line user" test "$errors" -eq 0
check "the clerks took steps" test "$(count "$WORK"/clerk*.saved)" -gt 0
check "the clerks collided (someone else saved first)" grep -qF "Someone else changed" "$WORK/clerk1.err" "$WORK/clerk2.err" "$WORK/clerk3.err"

# Every proposal's timeline is one chain: each step starts where the one before ended,
# and the proposal is where the last step left it. A lost update (two clients taking
# the same step from the same version) would leave two steps from one state.
breaks=$(q "SELECT count(*) FROM (SELECT proposal_id, from_state,
  lag(to_state) OVER (PARTITION BY proposal_id ORDER BY id) AS before FROM proposal_transition
  WHERE proposal_id IN ($pool)) t WHERE before IS NOT NULL AND from_state IS DISTINCT FROM before")
adrift=$(q "SELECT count(*) FROM proposal p WHERE p.id IN ($pool) AND p.state <> (SELECT to_state FROM proposal_transition
  t WHERE t.proposal_id = p.id ORDER BY id DESC LIMIT 1)")
steps=$(q "SELECT count(*) FROM proposal_transition WHERE proposal_id IN ($pool) AND action NOT IN ('create', 'submit')")
by_tui=$(q "SELECT count(*) FROM proposal_transition WHERE proposal_id IN ($pool) AND actor LIKE '${db}_tui%'")
echo "timelines: $steps steps on $(q "SELECT count(DISTINCT proposal_id) FROM proposal_transition WHERE proposal_id IN ($pool) AND action NOT IN ('create', 'submit')") proposals, $by_tui of them from the TUIs"
check "every timeline is one unbroken chain of steps ($breaks breaks)" test "$breaks" -eq 0
check "every proposal is where its last step left it" test "$adrift" -eq 0
check "all steps are the clerks' and the TUIs'" test "$steps" -eq "$(($(count "$WORK"/clerk*.saved) + by_tui))"

# The officer's last score of each branch, the admin's members, the published assessments.
officer_lost=0
declare -A last_score
while IFS=$'\t' read -r unit n; do last_score[$unit]=$n; done <"$WORK/officer.saved"
for unit in "${!last_score[@]}"; do
  got=$(q "SELECT e.committee_input FROM assessment_entry e JOIN assessment a ON a.id = e.assessment_id
    JOIN org_unit u ON u.id = a.unit_id WHERE u.name = '$unit' AND a.period = '$period' AND e.indicator_id = 'life.meetings'")
  if [ "$got" != "n=${last_score[$unit]}" ]; then
    officer_lost=$((officer_lost + 1))
    echo "  $unit: saved ${last_score[$unit]}次, database has '$got'"
  fi
done
check "the officer's last score of each branch is stored" test "$officer_lost" -eq 0 -a "$(count "$WORK/officer.saved")" -gt 0
check "each imported member is there once" \
  test "$(q "SELECT count(*) FROM member WHERE name LIKE '并发党员%'")" -eq "$(count "$WORK/admin.saved")" -a "$(count "$WORK/admin.saved")" -gt 0
published=$(q "SELECT count(*) FROM assessment a JOIN org_unit u ON u.id = a.unit_id WHERE a.state = 'publicNotice'
  AND (a.period || '	' || u.name) IN ($(printf "'%s'," "${reviewed[@]}" | sed 's/,$//'))")
check "each published assessment is published ($published)" \
  test "$published" -eq "$(count "$WORK/publisher.saved")" -a "$published" -gt 0

# The terminals: none showed an error, each still answers.
for k in 1 2 3 4; do
  tries=$(count "$WORK/tui$k.tries")
  echo "tui$k: $tries steps tried, $(count "$WORK/tui$k.stale") someone-else-saved-first, $(count "$WORK/tui$k.late") step already taken," \
    "$(q "SELECT count(*) FROM proposal_transition WHERE actor = '${db}_tui$k'") taken"
  [ -s "$WORK/tui$k.broken" ] && head -40 "$WORK/tui$k.broken"
  [ "$tries" -gt 0 ] || on "tui$k"
  check "  tui$k tried steps and never showed an error" test "$tries" -gt 0 -a ! -s "$WORK/tui$k.broken"
  # Whatever it shows (a list, a detail, a form, a dialog, help), Esc then ? changes
  # the frame: Esc closes or leaves what is open, and ? on the list opens help.
  on "tui$k" >"$WORK/tui$k.frame"
  send "tui$k" Escape
  send "tui$k" "?"
  if wait_until 10 bash -c "! tmux -L '$SOCKET' capture-pane -p -t tui$k | cmp -s - '$WORK/tui$k.frame'"; then
    ok "  tui$k still answers keys"
  else
    fail "  tui$k still answers keys"
    cat "$WORK/tui$k.frame"
  fi
done
check "some TUI was refused because someone else saved first" bash -c "cat '$WORK'/tui*.stale 2>/dev/null | grep -q ."
echo "kiosks: $kiosk_frames new frames seen, $kiosk_broken with an error"
[ -s "$WORK/kiosk.broken" ] && head -40 "$WORK/kiosk.broken"
check "the kiosks never showed an error" test "$kiosk_broken" -eq 0
check "the kiosks kept turning pages" test "$kiosk_frames" -ge $((DURATION / 2))
for k in 1 2; do
  on "kiosk$k" >"$WORK/kiosk$k.frame"
  check "  kiosk $k is still drawing" wait_until 10 bash -c "! tmux -L '$SOCKET' capture-pane -p -t kiosk$k | cmp -s - '$WORK/kiosk$k.frame'"
done
out=$("$BIN" --lang en audit verify --db "$(as admin)" 2>&1) && rc=0 || rc=$?
check "audit verify on the server afterwards: $out" test "$rc" = 0
finish
