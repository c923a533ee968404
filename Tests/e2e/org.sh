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
# Esc clears the search text first, as in every picker; the second closes the search.
keys Escape
expect_screen "输入姓名的一部分"
keys Escape q
check "terminal restored again" restored

# English at 80x24.
start 80 24 --demo --lang en
expect_screen "Units · 878 members"
expect_screen "[ Org ]"
check "English screen aligned at 80 columns" aligned 80
keys ?
expect_screen "Search members by name"
keys Escape

# Idle: no CPU and no bytes to the terminal. Measured once the help overlay is gone and
# the redraw has finished: a quiet second is waited for (however long a loaded machine
# takes), not assumed after a fixed sleep.
pane_pid=$(T list-panes -t e2e -F '#{pane_pid}')
app_pid=$(pgrep -P "$pane_pid" -f gongzhi | head -1)
T pipe-pane -t e2e -o "cat >> $WORK/idle-bytes"
# The event loop runs on the main thread: idle, it must not wake at all. Its voluntary
# context switches count every wakeup exactly; the process's CPU ticks are printed too,
# but not checked, since the kernel's per-process tick accounting can move by one when
# an idle worker thread (Dispatch's, GRDB's) is reaped, with no work done.
main_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/task/$app_pid/stat"; }
main_wakeups() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$app_pid/task/$app_pid/status"; }
process_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
pane_bytes() { stat -c %s "$WORK/idle-bytes" 2>/dev/null || echo 0; }
deadline=$((SECONDS + 30))
while ((SECONDS < deadline)) && screen | grep -qF "Search members by name"; do sleep 0.1; done
while ((SECONDS < deadline)); do
  w=$(main_wakeups) b=$(pane_bytes)
  sleep 1 # time is the subject: a second in which nothing happens
  [ "$(main_wakeups)" = "$w" ] && [ "$(pane_bytes)" = "$b" ] && break
done
ticks_before=$(main_ticks) wakeups_before=$(main_wakeups) process_before=$(process_ticks)
bytes_before=$(pane_bytes)
sleep 3 # time is the subject: three idle seconds are measured
ticks_after=$(main_ticks) wakeups_after=$(main_wakeups) process_after=$(process_ticks)
bytes_after=$(pane_bytes)
T pipe-pane -t e2e
echo "  idle 3 s: $((wakeups_after - wakeups_before)) wakeups and $((ticks_after - ticks_before)) CPU ticks" \
  "of the event loop ($((process_after - process_before)) for the process), $((bytes_after - bytes_before)) bytes to the terminal"
check "idle: the event loop never wakes" test "$wakeups_after" -eq "$wakeups_before"
check "idle uses no CPU" test "$ticks_after" -eq "$ticks_before"
check "idle writes nothing to the terminal" test "$bytes_after" -eq "$bytes_before"
keys C-c
check "Ctrl-C quits and restores the terminal" restored

# SIGTERM and SIGHUP end the program cleanly with the terminal restored.
for sig in TERM HUP; do
  start 100 30 --demo
  expect_screen "医院党委"
  pane_pid=$(T list-panes -t e2e -F '#{pane_pid}')
  kill -"$sig" "$(pgrep -P "$pane_pid" -f gongzhi | head -1)"
  check "SIG$sig restores the terminal" restored
done

# A window too small says so and survives resizes.
start 100 30 --demo --lang en
expect_screen "Units"
T resize-window -t e2e -x 30 -y 8
expect_screen "Need 40×12 (now 30×8)"
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

# Commands around the screen: CSV round trip, a bad import, users and roles.
"$BIN" export members --db "$db" --output "$WORK/members.csv"
check "export starts with a UTF-8 BOM" test "$(head -c 3 "$WORK/members.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
printf '\xef\xbb\xbf支部,姓名,性别,出生日期\r\n内科党总支/心血管内科党支部,新成员,男,1990-02-30\r\n' >"$WORK/bad.csv"
before=$(sqlite3 "$db" "SELECT count(*) FROM member")
if out=$("$BIN" import members "$WORK/bad.csv" --db "$db" 2>&1); then
  fail "a bad CSV must be refused"
else
  check "bad CSV names file, line and column: $out" grep -q "bad.csv:2:4:" <<<"$out"
fi
check "nothing was imported" test "$(sqlite3 "$db" "SELECT count(*) FROM member")" = "$before"
"$BIN" user add 王主任 --role admin --db "$db" --user 王主任 >/dev/null
"$BIN" user add 李干事 --role viewer --db "$db" --user 王主任 >/dev/null
check "user list shows both users" test "$("$BIN" user list --db "$db" --user 李干事 | wc -l)" = 2
if "$BIN" user add 张三 --role admin --db "$db" --user 李干事 >/dev/null 2>&1; then
  fail "a viewer must not add users"
else
  ok "a viewer may not add users"
fi
check "audit log lists the new users" grep -q "王主任" <<<"$("$BIN" audit log --db "$db" --entity user --user 李干事)"
if "$BIN" audit log --db "$db" --limit 1 >/dev/null 2>&1; then fail "an unknown user must be refused once users exist"; else ok "an unknown user is refused once users exist"; fi

# A missing theme says so on one line and falls back to the default.
start 100 30 --db "$db" --user 王主任 --theme no-such-theme
expect_screen "医院党委"
keys q
check "missing theme reported" wait_for "no-such-theme" 5

# ASCII borders where the terminal cannot draw box characters.
E2E_TERM=linux start 100 30 --db "$db" --user 王主任
expect_screen "+- 组织结构"
keys q
check "TERM=linux restored" restored

finish
