#!/usr/bin/env bash
# Resource faults (issue 7): disk full, read-only file and directory, missing
# directory, a file replaced by garbage, a newer schema. Each gives one clear line,
# exits non-zero, changes nothing, and the TUI hands the terminal back restored.
# Needs root for the tmpfs mount (skipped with a note otherwise) and runs the
# read-only cases as nobody, since root ignores file modes.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
chmod 755 "$WORK"
mkdir -p "$XDG_STATE_HOME" && chmod 777 "$XDG_STATE_HOME"
DEMO=$WORK/demo.sqlite
"$BIN" demo --db "$DEMO" >/dev/null
"$BIN" export members --db "$DEMO" >"$WORK/members.csv"

sha() { sha256sum "$1" | cut -d' ' -f1; }
# cli NAME EXPECTED_TEXT CMD... : exit non-zero, exactly one line on stderr naming the problem.
cli() {
  local what=$1 want=$2
  shift 2
  local out rc=0
  out=$("$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && grep -qF -- "$want" <<<"$out"; then
    ok "$what: exit $rc, '$out'"
  else
    fail "$what: exit $rc, output: $out"
  fi
}
# tui NAME EXPECTED_TEXT ARGS... : the TUI shows the message and restores the terminal.
tui() {
  local what=$1 want=$2
  shift 2
  start 100 30 "$@"
  check "$what (TUI): says '$want'" wait_for "$want" 20
  check "$what (TUI): exits non-zero" wait_for "EXITED rc=1" 5
  check "$what (TUI): terminal restored" restored
}
intact() { # intact DB: integrity_check ok and audit verify passes
  [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] && "$BIN" audit verify --db "$1" >/dev/null
}
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$WORK"

echo "== disk full"
FULL=$WORK/full
mkdir -p "$FULL"
if mount -t tmpfs -o size=12m tmpfs "$FULL" 2>/dev/null; then
  trap 'umount "$FULL" 2>/dev/null || true; cleanup' EXIT
  cli "demo on a full disk" "磁盘已满" "$BIN" demo --db "$FULL/d.sqlite"
  if [ -f "$FULL/d.sqlite" ]; then
    check "after a full disk the half-made database is intact" intact "$FULL/d.sqlite"
  else
    ok "no database file left behind"
  fi
  rm -f "$FULL"/d.sqlite*
  # The TUI creating its demo database on first use, on the full disk.
  SAVED_DATA=$XDG_DATA_HOME
  XDG_DATA_HOME=$FULL/data
  tui "demo on a full disk" "磁盘已满" --demo
  check "no half-made demo left to open empty next time" test ! -e "$FULL/data/gongzhi/demo.sqlite"
  XDG_DATA_HOME=$SAVED_DATA
  T kill-session -t e2e >/dev/null 2>&1 || true
  umount "$FULL"
  # A big import into a database that fills the disk: nothing imported.
  mount -t tmpfs -o size=$(($(stat -c %s "$DEMO") / 1048576 + 3))m tmpfs "$FULL"
  cp "$DEMO" "$FULL/d.sqlite"
  python3 - "$WORK/members.csv" "$WORK/big.csv" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
out = [lines[0]]
for k in range(40):
    for l in lines[1:]:
        f = l.split(",")
        f[1] = (f[1] + "测" + str(k))[:20]
        out.append(",".join(f))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
  members() { sqlite3 "$1" "SELECT COUNT(*) FROM member"; }
  audits() { sqlite3 "$1" "SELECT COUNT(*) FROM audit_log"; }
  before="$(members "$FULL/d.sqlite")/$(audits "$FULL/d.sqlite")"
  cli "import of $(($(wc -l <"$WORK/big.csv") - 1)) members onto a full disk" "磁盘已满" \
    "$BIN" import members "$WORK/big.csv" --db "$FULL/d.sqlite"
  after="$(members "$FULL/d.sqlite")/$(audits "$FULL/d.sqlite")"
  check "members/audit rows unchanged ($before → $after)" test "$before" = "$after"
  check "database intact after the failed import" intact "$FULL/d.sqlite"
  # An export onto the full disk: the system's reason, no file, no temporary left.
  head -c 64m /dev/zero >"$FULL/fill" 2>/dev/null || true
  cli "export -o onto a full disk" "无法写入 $FULL/m.csv：No space left on device" \
    "$BIN" export members -o "$FULL/m.csv" --db "$DEMO"
  cli "export -o FILE.xlsx onto a full disk" "无法写入 $FULL/m.xlsx：No space left on device" \
    "$BIN" export members -o "$FULL/m.xlsx" --db "$DEMO"
  check "no export file or temporary left on the full disk" test -z "$(ls -A "$FULL" | grep -v -e '^d.sqlite' -e '^fill$')"
  umount "$FULL"
  trap cleanup EXIT
else
  echo "  note: cannot mount a tmpfs here (not root?); disk-full cases skipped"
fi

echo "== output that cannot be written (/dev/full)"
# full NAME CMD... : stdout is /dev/full; exit 1 and one line on stderr naming it.
full() {
  local what=$1
  shift
  local out rc=0
  out=$("$@" 2>&1 >/dev/full) || rc=$?
  if [ "$rc" -eq 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && grep -qF "无法写入标准输出：No space left on device" <<<"$out"; then
    ok "$what > /dev/full: exit 1, '$out'"
  else
    fail "$what > /dev/full: exit $rc, output: $out"
  fi
}
full "export members" "$BIN" export members --db "$DEMO"
full "export proposals" "$BIN" export proposals --db "$DEMO"
full "export disclosures" "$BIN" export disclosures --db "$DEMO"
full "export satisfaction" "$BIN" export satisfaction --db "$DEMO"
full "audit log" "$BIN" audit log --db "$DEMO"
full "audit verify" "$BIN" audit verify --db "$DEMO"
full "render org" "$BIN" render org --db "$DEMO"
full "user list" "$BIN" user list --db "$DEMO"
full "setting get" "$BIN" setting get --db "$DEMO"
full "proposals overdue" "$BIN" proposals overdue --db "$DEMO"
full "themes" "$BIN" themes
full "export members --format xlsx" "$BIN" export members --format xlsx --db "$DEMO"
h=$(sha "$DEMO")
cli "export -o /dev/full" "无法写入 /dev/full：No space left on device" "$BIN" export members -o /dev/full --db "$DEMO"
cli "export --format xlsx -o /dev/full" "无法写入 /dev/full：No space left on device" \
  "$BIN" export proposals --format xlsx -o /dev/full --db "$DEMO"
# A workbook's working files go to TMPDIR: one it cannot use is one clear line too.
cli "export xlsx with an unusable TMPDIR" "无法生成 XLSX 文件" \
  env TMPDIR="$WORK/no-such-dir" "$BIN" export members -o "$WORK/m.xlsx" --db "$DEMO"
check "no workbook written when the temporary folder failed" test ! -e "$WORK/m.xlsx"
check "/dev/full is still a device" test -c /dev/full
check "database unchanged by the failed exports" test "$h" = "$(sha "$DEMO")"

echo "== read-only database file (as nobody)"
cp "$DEMO" "$WORK/ro.sqlite"
chmod 0444 "$WORK/ro.sqlite"
h=$(sha "$WORK/ro.sqlite")
cli "write command on a 0444 file" "只读" $AS_NOBODY "$BIN" setting set hospital.name X --user demo --db "$WORK/ro.sqlite"
BIN_SAVED=$BIN
BIN="$AS_NOBODY $BIN_SAVED"
tui "0444 file" "只读" --db "$WORK/ro.sqlite"
BIN=$BIN_SAVED
check "0444 file unchanged" test "$h" = "$(sha "$WORK/ro.sqlite")"
check "no -wal/-shm created next to it" test ! -e "$WORK/ro.sqlite-wal"

echo "== read-only directory (as nobody)"
mkdir "$WORK/rodir"
cp "$DEMO" "$WORK/rodir/d.sqlite"
chmod 0666 "$WORK/rodir/d.sqlite"
chmod 0555 "$WORK/rodir"
h=$(sha "$WORK/rodir/d.sqlite")
cli "write command in a read-only directory" "只读" $AS_NOBODY "$BIN" setting set hospital.name X --user demo --db "$WORK/rodir/d.sqlite"
BIN="$AS_NOBODY $BIN_SAVED"
tui "read-only directory" "只读" --db "$WORK/rodir/d.sqlite"
BIN=$BIN_SAVED
check "file in read-only directory unchanged" test "$h" = "$(sha "$WORK/rodir/d.sqlite")"
cli "export -o FILE.xlsx into a read-only directory" "无法写入 $WORK/rodir/m.xlsx：Permission denied" \
  $AS_NOBODY "$BIN" export members -o "$WORK/rodir/m.xlsx" --db "$WORK/rodir/d.sqlite"
chmod 0755 "$WORK/rodir"

echo "== read-only commands and the kiosk on a file this account cannot write (as nobody)"
# The kiosk's or a viewer's OS account: the file is root's 0644 in a root 0755
# directory. SQLite's WAL readers need a -shm index they can find or create, so both
# a cleanly closed file (no -wal/-shm: read as an immutable snapshot) and a file with
# a writer connected (root's -wal/-shm present, readable) are tried.
VIEW=$WORK/view
mkdir "$VIEW"
cp "$DEMO" "$VIEW/d.sqlite"
chmod 0644 "$VIEW/d.sqlite"
chmod 0755 "$VIEW"
h=$(sha "$VIEW/d.sqlite")
readers() { # readers LABEL EXPECTED_HOSPITAL_NAME
  local label=$1 name=$2 c
  for c in "audit verify" "audit log --limit 1" "user list" "export members" "export proposals" \
    "proposals overdue" "render org --size 100x30" "export assessments" "export disclosures"; do
    # shellcheck disable=SC2086
    if out=$($AS_NOBODY "$BIN" $c --db "$VIEW/d.sqlite" 2>&1) && [ -n "$out" ]; then
      ok "$label: $c"
    else
      fail "$label: $c: $out"
    fi
  done
  check "$label: setting get reads '$name'" test "$($AS_NOBODY "$BIN" setting get hospital.name --db "$VIEW/d.sqlite")" = "hospital.name	$name"
  BIN="$AS_NOBODY $BIN_SAVED"
  start 100 30 kiosk --db "$VIEW/d.sqlite" --interval 2
  BIN=$BIN_SAVED
  check "$label: the kiosk shows the standings" wait_for "党支部考评结果" 20
  check "$label: and not 'database unavailable'" bash -c "! tmux -L $SOCKET capture-pane -p -t e2e | grep -q 数据库暂不可用"
  T kill-session -t e2e >/dev/null 2>&1 || true
}
check "clean file: no -wal/-shm beside it" test ! -e "$VIEW/d.sqlite-shm"
readers "clean file" "$(sqlite3 "$VIEW/d.sqlite" "SELECT value FROM setting WHERE key = 'hospital.name'")"
check "clean file: unchanged" test "$h" = "$(sha "$VIEW/d.sqlite")"
check "clean file: still no -wal/-shm" test ! -e "$VIEW/d.sqlite-shm"
# A writer stays connected (root), and a change sits in the -wal, not yet checkpointed.
T new-session -d -s holder "sqlite3 -cmd 'SELECT COUNT(*) FROM member;' '$VIEW/d.sqlite'"
# Connected once its count is printed (a number alone on a line).
holder_connected() { T capture-pane -p -t holder | grep -qE '^[0-9]+$'; }
wait_until 10 holder_connected
"$BIN" setting set hospital.name 只读测试医院 --db "$VIEW/d.sqlite" >/dev/null
check "writer connected: -wal and -shm present" test -s "$VIEW/d.sqlite-wal" -a -e "$VIEW/d.sqlite-shm"
readers "with -wal/-shm" "只读测试医院"
T kill-session -t holder >/dev/null 2>&1 || true

echo "== missing directory"
cli "missing directory" "不存在" "$BIN" setting get --db /no/such/dir/x.sqlite
tui "missing directory" "不存在" --db /no/such/dir/x.sqlite
check "nothing created" test ! -e /no/such

echo "== garbage instead of a database"
head -c 200000 /dev/urandom >"$WORK/garbage.sqlite"
h=$(sha "$WORK/garbage.sqlite")
cli "garbage file (read)" "不是共治数据库" "$BIN" setting get --db "$WORK/garbage.sqlite"
cli "garbage file (write)" "不是共治数据库" "$BIN" setting set hospital.name X --db "$WORK/garbage.sqlite"
tui "garbage file" "不是共治数据库" --db "$WORK/garbage.sqlite"
check "garbage bytes unchanged" test "$h" = "$(sha "$WORK/garbage.sqlite")"
check "no -wal/-shm created next to garbage" test ! -e "$WORK/garbage.sqlite-wal"

echo "== newer schema version"
cp "$DEMO" "$WORK/new.sqlite"
sqlite3 "$WORK/new.sqlite" "PRAGMA user_version = 999"
h=$(sha "$WORK/new.sqlite")
cli "newer schema (read)" "更新版本" "$BIN" setting get --db "$WORK/new.sqlite"
cli "newer schema (import)" "更新版本" "$BIN" import members "$WORK/members.csv" --db "$WORK/new.sqlite"
tui "newer schema" "更新版本" --db "$WORK/new.sqlite"
check "newer-schema file unchanged" test "$h" = "$(sha "$WORK/new.sqlite")"

finish
