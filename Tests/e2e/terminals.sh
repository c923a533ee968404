#!/usr/bin/env bash
# Terminal matrix (issue 7): TERM × LANG in tmux. Each cell either shows the org
# screen (ASCII borders where the terminal cannot draw Unicode) or refuses with a
# clear message (dumb), quits with q, and leaves the terminal restored. Then sizes
# from 1×1 to 300×100 and a storm of 200 resizes without a crash.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
DB=$WORK/demo.sqlite
"$BIN" demo --db "$DB" >/dev/null

# start_env W H TERM LANG(or "unset") ARGS...
start_env() {
  local w=$1 h=$2 term=$3 lang=$4
  shift 4
  local envs="env -u LC_ALL -u LC_CTYPE -u LANG TERM=$term"
  [ "$lang" != unset ] && envs="$envs LANG=$lang"
  fresh_session
  T new-session -d -s e2e -x "$w" -y "$h" \
    "$envs XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME $BIN $*; echo EXITED rc=\$?; stty -a; sleep 600"
}
# Waits until the org screen or an exit shows; echoes what it saw.
settle() {
  local deadline=$((SECONDS + 30))
  while ((SECONDS < deadline)); do
    local s
    s=$(screen)
    if grep -q "EXITED" <<<"$s"; then echo exited; return; fi
    if grep -q "Gongzhi" <<<"$s" && grep -q "Tab " <<<"$s"; then echo shown; return; fi
    sleep 0.1
  done
  echo timeout
}
quit() { # q, confirming if asked; true when the program ended
  keys q
  wait_for "EXITED" 5 >/dev/null 2>&1 && return 0
  keys y
  wait_for "EXITED" 5 >/dev/null 2>&1
}

TERMS=(xterm-256color xterm screen-256color tmux-256color linux vt100 dumb)
LANGS=(unset POSIX C.UTF-8)
declare -A CELL
for term in "${TERMS[@]}"; do
  for lang in "${LANGS[@]}"; do
    start_env 100 30 "$term" "$lang" --db "$DB"
    state=$(settle)
    s=$(screen)
    result=FAIL
    if [ "$term" = dumb ]; then
      if [ "$state" = exited ] && grep -q "TERM=dumb" <<<"$s" && grep -q "EXITED rc=1" <<<"$s" && restored; then
        result=refused
      fi
    elif [ "$state" = shown ]; then
      if grep -q "┌" <<<"$s"; then borders=unicode; elif grep -qE '^\+-|^\|' <<<"$s"; then borders=ascii; else borders=none; fi
      if quit && restored && grep -q "EXITED rc=0" <<<"$(screen)"; then
        result=$borders
        # The Linux console and a VT100 cannot draw box characters.
        if [[ $term == linux || $term == vt100 ]] && [ "$borders" != ascii ]; then result="FAIL($borders)"; fi
        [ "$borders" = none ] && result="FAIL(no borders)"
      else
        result="FAIL(quit)"
      fi
    else
      result="FAIL($state)"
      echo "--- $term / $lang"
      screen | head -5
    fi
    CELL[$term/$lang]=$result
    if [[ $result == FAIL* ]]; then fail "$term / LANG=$lang: $result"; else ok "$term / LANG=$lang: $result"; fi
  done
done

echo
printf '%-16s' "TERM \\ LANG"
for lang in "${LANGS[@]}"; do printf '%-12s' "$lang"; done
echo
for term in "${TERMS[@]}"; do
  printf '%-16s' "$term"
  for lang in "${LANGS[@]}"; do printf '%-12s' "${CELL[$term/$lang]}"; done
  echo
done
echo

echo "== sizes"
start_env 80 24 xterm-256color C.UTF-8 --db "$DB"
check "starts at 80×24" test "$(settle)" = shown
alive() { ! screen | grep -q "EXITED"; }
# What the program writes to the terminal, logged: after each resize, a frame at the new
# size (however small) is waited for before it is checked to be alive.
T pipe-pane -t e2e -o "cat >> $WORK/resize-bytes"
written() { stat -c %s "$WORK/resize-bytes" 2>/dev/null || echo 0; }
wrote_since() { [ "$(written)" -gt "$1" ]; }
for size in 1x1 2x1 1x2 5x3 20x5 39x11 40x12 41x13 80x24 120x40 200x60 300x100 1x100 300x1; do
  bytes=$(written)
  T resize-window -t e2e -x "${size%x*}" -y "${size#*x}"
  check "redrawn at $size" wait_until 5 wrote_since "$bytes"
  check "alive at $size" alive
done
T pipe-pane -t e2e
T resize-window -t e2e -x 20 -y 6
check "too small shows a request for a larger window" wait_for "窗口至少需 40×12" 5
T resize-window -t e2e -x 100 -y 30
check "back to the org screen at 100×30" wait_for "医院党委" 5

echo "== resize storm"
RANDOM=7
for i in $(seq 200); do
  T resize-window -t e2e -x $((RANDOM % 300 + 1)) -y $((RANDOM % 100 + 1))
done
T resize-window -t e2e -x 100 -y 30
check "org screen redrawn after the storm" wait_for "医院党委" 5
check "alive after 200 resizes" alive
check "q quits after the storm" quit
check "terminal restored after the storm" restored

finish
