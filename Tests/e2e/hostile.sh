#!/usr/bin/env bash
# Hostile text in a real terminal (issue 13, items 7 and 9). Stored names and
# titles carry escape sequences (one renames the tmux pane if it gets through),
# emoji joined with U+200D, a lone U+200D, a combining accent, a flag, a heart with
# VS16, a skin tone and Hangul jamo. In tmux the screen must be exactly what the
# program's buffer holds (`gongzhi render` prints the same buffer as text): no line
# wider than the pane by wcwidth, no shifted border, no stale cell after tab
# switches; and no command prints a control character from the database.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
DB=$WORK/demo.sqlite
"$BIN" demo --db "$DB" >/dev/null

OSC=$'\e]2;pwned\a'
JOINED=$'👨\u200d👩\u200d👧 x\u200dy e\u0301 🇨🇳 ❤\ufe0f 👍\U0001F3FD \u1100\u1161\u11a8 \u200d'
# Written behind the program's back (the stores refuse them), as an old version
# or a tool could have.
sqlite3 "$DB" <<SQL
UPDATE proposal SET title = '$JOINED' || id || '$OSC' WHERE id % 2 = 0;
UPDATE proposal SET title = '$OSC' || '$JOINED' || id WHERE id % 2 = 1;
UPDATE member SET name = '王$JOINED' WHERE id IN (SELECT id FROM member ORDER BY id LIMIT 30);
UPDATE disclosure_item SET name = '$JOINED' || id || '$OSC';
INSERT INTO setting(key, value) VALUES ('hospital.name', '市$OSC医院')
  ON CONFLICT(key) DO UPDATE SET value = excluded.value;
SQL

TITLE=$(T display -p '#{pane_title}' 2>/dev/null || true)
# Lines of the pane (or a file) wider than $1 columns by the C library's wcwidth.
too_wide() {
  python3 -c '
import ctypes, sys
libc = ctypes.CDLL("libc.so.6"); libc.setlocale(6, b"C.UTF-8")
w = int(sys.argv[1]); bad = 0
for line in sys.stdin.read().splitlines():
    cols = sum(max(0, libc.wcwidth(ctypes.c_wchar(c))) for c in line)
    if cols > w: bad += 1; print("%d columns: %s" % (cols, line), file=sys.stderr)
sys.exit(1 if bad else 0)' "$1"
}
# The pane shows exactly what `gongzhi render SCREEN` draws at the same size (waited
# for: the tab's frame may still be on its way after the key).
same_as_render() {
  local expected shown deadline=$((SECONDS + 10))
  expected=$("$BIN" render "$1" --db "$DB" --size 120x30 | sed 's/ *$//')
  while :; do
    shown=$(screen | sed 's/ *$//')
    if [ "$expected" = "$shown" ]; then return 0; fi
    ((SECONDS < deadline)) || break
    sleep 0.1
  done
  diff <(echo "$expected") <(echo "$shown") | head -20
  return 1
}
not_renamed() { [ "$(T display -p -t e2e '#{pane_title}')" != pwned ]; }

echo "== the TUI in tmux"
start 120 30 --db "$DB"
expect_screen "Gongzhi"
for round in 1 2; do
  for tab in proposals:3 disclosures:5 org:1; do
    keys "${tab#*:}"
    check "round $round, ${tab%:*}: the pane equals the rendered buffer" same_as_render "${tab%:*}"
    check "round $round, ${tab%:*}: no line wider than 120 by wcwidth" eval 'screen | too_wide 120'
  done
done
check "the pane title was not changed by a stored OSC" not_renamed
keys q
wait_for EXITED 5 >/dev/null || keys y
check "terminal restored" restored

echo "== commands printing stored text to the terminal"
fresh_session
T new-session -d -s e2e -x 120 -y 40 \
  "env LANG=C.UTF-8 sh -c '$BIN setting get --db $DB; $BIN export proposals --db $DB; $BIN export disclosures --db $DB; $BIN audit log --db $DB --limit 5'; echo EXITED; sleep 600"
check "commands ran" wait_for EXITED 30
scrollback() { T capture-pane -p -S -100000 -t e2e; }
check "setting get shows the escape visibly" eval 'scrollback | grep -qF "市^[]2;pwned^G医院"'
check "the export shows the proposal titles' escapes visibly" eval 'scrollback | grep -qF "^[]2;pwned^G"'
check "the pane title was not changed by any command" not_renamed
"$BIN" setting get --db "$DB" >"$WORK/setting.txt"
check "to a file, setting get writes the stored bytes unchanged" grep -qF "市$OSC医院" "$WORK/setting.txt"

echo "== entry points refuse control characters"
printf 'a\033b' >"$WORK/esc.txt"
rc=0
out=$("$BIN" setting set hospital.name "市$OSC医院" --db "$DB" 2>&1) || rc=$?
check "setting set refuses ESC (exit $rc)" test "$rc" -eq 1
check "and says so without a raw control: $out" eval '! grep -q $'"'"'\e'"'"' <<<"$out"'
"$BIN" export members --db "$DB" -o "$WORK/all.csv"
head -1 "$WORK/all.csv" >"$WORK/members.csv"
printf '医院党委/内科\033]2;x\a党总支/心内科党支部,王伟,男,1980-01-02,2005-07-01,正式,在职,心内科,普通,\n' >>"$WORK/members.csv"
rc=0
out=$("$BIN" import members "$WORK/members.csv" --create-units --db "$WORK/new.sqlite" 2>&1) || rc=$?
line=$(wc -l <"$WORK/members.csv")
check "import --create-units refuses an ESC in a unit name at FILE:LINE:1 (exit $rc): $out" \
  eval '[ "$rc" -eq 1 ] && grep -qF "members.csv:$line:1:" <<<"$out"'
finish
