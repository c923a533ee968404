#!/usr/bin/env bash
# The organisation screen as a new user meets it: open the demo, browse, search,
# add a member, quit, reopen and find them; English; audit tampering detected; idle.
source "$(dirname "$0")/lib.sh"

start 100 30 --demo
expect_screen "医院党委" 60
check "CJK columns line up at 100 columns" aligned 100
keys Down Right Down
expect_screen "医院党委 › 内科党总支 › 心血管内科党支部"
check "CJK columns line up in the roster" aligned 100

# Search a member by a name taken from the export.
name=$("$BIN" export members --db "$XDG_DATA_HOME/gongzhi/demo.sqlite" | sed -n 5p | cut -d, -f2)
keys /
text "$name"
expect_screen "找到 1 人"
keys Enter
expect_screen "$name"

# Add a member by keys alone.
keys a
expect_screen "新增党员"
text "端到端测试"
keys Tab Right Tab
text "1990-01-02"
keys Tab
text "2015-07-01"
keys C-s
expect_screen "已添加 端到端测试"
keys q
check "quitting restores the terminal" restored

# Reopen and find the new member.
start 100 30 --demo
expect_screen "医院党委"
keys /
text "端到端"
expect_screen "端到端测试"
keys Escape q
check "terminal restored again" restored

# English at 80x24.
start 80 24 --demo --lang en
expect_screen "Units · 878 members"
expect_screen "[ Organisation ]"
check "English screen aligned at 80 columns" aligned 80
keys ?
expect_screen "Search members by name"
keys Escape

# Idle: no CPU and no bytes to the terminal.
pane_pid=$(T list-panes -t e2e -F '#{pane_pid}')
app_pid=$(pgrep -P "$pane_pid" -f gongzhi | head -1)
T pipe-pane -t e2e -o "cat >> $WORK/idle-bytes"
sleep 0.5
cpu_before=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
bytes_before=$(stat -c %s "$WORK/idle-bytes" 2>/dev/null || echo 0)
sleep 3
cpu_after=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
bytes_after=$(stat -c %s "$WORK/idle-bytes" 2>/dev/null || echo 0)
T pipe-pane -t e2e
echo "  idle 3 s: $((cpu_after - cpu_before)) CPU ticks, $((bytes_after - bytes_before)) bytes to the terminal"
check "idle uses no CPU" test "$cpu_after" -eq "$cpu_before"
check "idle writes nothing to the terminal" test "$bytes_after" -eq "$bytes_before"
keys C-c
check "Ctrl-C quits and restores the terminal" restored

# A window too small says so and survives resizes.
start 100 30 --demo --lang en
expect_screen "Units"
T resize-window -t e2e -x 30 -y 8
expect_screen "Please enlarge"
for size in 1x1 200x60 39x11 40x12 120x40 5x3 100x30; do T resize-window -t e2e -x "${size%x*}" -y "${size#*x}"; done
expect_screen "Units"
keys q
check "still fine after a resize storm" restored

# The audit log detects an edit made behind the program's back.
db="$XDG_DATA_HOME/gongzhi/demo.sqlite"
check "audit verify passes on the untouched database" "$BIN" audit verify --db "$db"
sqlite3 "$db" "UPDATE member SET name = '篡改' WHERE id = (SELECT min(id) FROM member);"
if out=$("$BIN" audit verify --db "$db" --lang en); then
  fail "audit verify should fail after tampering: $out"
else
  check "audit verify names the tampered member" grep -q "member" <<<"$out"
fi

finish
