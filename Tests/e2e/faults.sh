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
  umount "$FULL"
  trap cleanup EXIT
else
  echo "  note: cannot mount a tmpfs here (not root?); disk-full cases skipped"
fi

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
chmod 0755 "$WORK/rodir"

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
