#!/usr/bin/env bash
# The kiosk as a hospital IT person meets it: start it, watch the pages rotate, change
# data from another process and see it appear, fail to quit with q / Esc / Ctrl-C,
# tap through the pages, and stop it with SIGTERM with the terminal restored.
source "$(dirname "$0")/lib.sh"

db=$WORK/kiosk.sqlite
"$BIN" demo --db "$db" >/dev/null

# An officer takes one branch of the current quarter to 党委审核 in the TUI; nothing of
# the quarter is public yet.
period=$(sqlite3 "$db" "SELECT max(period) FROM assessment")
read -r name <<<"$(sqlite3 "$db" "SELECT o.name FROM assessment a JOIN org_unit o ON o.id = a.unit_id
  WHERE a.period = '$period' AND a.state = 'generalReview' AND o.kind = 'branch' ORDER BY o.id LIMIT 1")"
heading="${period:0:4}年第${period:5:1}季度党组织考评结果" # as the kiosk names 2026Q4
start 120 40 --db "$db"
expect_screen "医院党委" 30
keys 2
expect_screen "考评期 ◂ $period"
next_branch_until "$name" "$period"
expect_screen "$name · $period · 总支初审"
keys s
expect_screen "→ 党委审核"
keys Enter
expect_screen "已流转至：党委审核"
keys q

start 100 30 kiosk --db "$db" --interval 2
expect_screen "党支部考评结果" 30
expect_screen "● ○ ○ ○"
check "an earlier quarter is shown, not the current one" bash -c "! tmux -L '$SOCKET' capture-pane -p -t e2e | grep -qF '$heading'"
# Each part of a page in parts stays up at least 5 s, even at --interval 2.
check "pages rotate by themselves" wait_for "职工提案办理" 20
check "and on to satisfaction" wait_for "满意度" 20
check "CJK columns line up on the kiosk" aligned 100

# Another process publishes the quarter's reviewed result with the CLI: the kiosk shows
# it within one rotation, without a restart.
"$BIN" assessment publish --db "$db" --period "$period" >/dev/null
check "the published quarter appears on the standings" wait_for "$heading" 45
check "with the published branch" wait_for "$name" 45

# Another process changes a setting; the kiosk shows it within one interval.
"$BIN" setting set hospital.name 第一人民医院 --db "$db" --user demo >/dev/null
check "a change made elsewhere appears" wait_for "第一人民医院" 10

# Keys that quit other programs do nothing here. A tap on the left or right half turns
# the page and pauses rotation (xterm mouse report). Input is read in order, so the
# tap's answer shows that the keys before it were read, and the kiosk outlived them.
tap() { T send-keys -t e2e -l "$(printf '\033[M %b%b' "\\$(printf '%03o' $((33 + $1)))" "\\$(printf '%03o' $((33 + $2)))")"; }
keys q
keys Escape
keys C-c
tap 90 15
check "a tap pauses rotation" wait_for "已暂停轮播" 5
check "q, Esc and Ctrl-C leave the kiosk running" test "$(screen | grep -c 'EXITED')" = 0
check "no editing key does anything" test "$(screen | grep -c '请输入退出密码')" = 0
# The screen without its clock and update times: the minute may turn while we wait.
timeless() { screen | sed 's/[0-9][0-9]:[0-9][0-9]//g'; }
before=$(timeless)
sleep 3 # time is the subject: a paused page must hold longer than the 2 s interval
after=$(timeless)
check "paused: the page stays" test "$after" = "$before"
tap 5 15
changed_since_pause() { [ "$(timeless)" != "$after" ]; }
check "a tap on the left goes back (a page or a part of one)" wait_until 5 changed_since_pause

# A touch screen sends the release on its own, after the press (SGR mouse reports).
# The kiosk must go on waiting with its own timeout (rotation resumes, the clock
# ticks), not in a blocking read until the next touch: it sleeps in poll (syscall 7),
# never in read (0) on stdin.
# The press on the right half turns the page: once that shows, both reports were sent
# and the press was read; the release came after it.
sgr() { T send-keys -t e2e -l "$(printf '\033[<0;%d;%d%s' $(($1 + 1)) $(($2 + 1)) "$3")"; }
before=$(timeless)
sgr 90 15 M
sgr 90 15 m
changed_since_press() { [ "$(timeless)" != "$before" ]; }
check "an SGR press turns the page" wait_until 5 changed_since_press
kiosk_pid=$(pgrep -P "$(T list-panes -t e2e -F '#{pane_pid}')" -f gongzhi | head -1)
waiting_in_poll() {
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ "$(cut -d' ' -f1 "/proc/$kiosk_pid/syscall")" = 7 ] && return 0
    sleep 0.2
  done
  return 1
}
check "after a lone release the kiosk still waits with a timeout" waiting_in_poll

# The database goes away for a moment: the last data stays, marked, and comes back.
mv "$db" "$db.away"
check "missing database: last data kept and marked" wait_for "数据截至" 10
mv "$db.away" "$db"
check "back to fresh data" wait_for "数据更新于" 15

pane_pid=$(T list-panes -t e2e -F '#{pane_pid}')
kill -TERM "$(pgrep -P "$pane_pid" -f gongzhi | head -1)"
check "SIGTERM ends the kiosk and restores the terminal" restored

# With an exit PIN, Ctrl-X and the PIN leave.
start 80 24 kiosk --db "$db" --interval 5 --exit-pin 2468 --lang en
expect_screen "Branch standings" 30
keys C-x
text 1234
keys Enter
check "a wrong PIN is refused" wait_for "Wrong PIN" 5
keys C-x
text 2468
keys Enter
check "the right PIN leaves, terminal restored" restored

finish
