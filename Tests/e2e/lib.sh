# Shared helpers for the end-to-end scripts: run the real binary in a private tmux
# server with a pinned terminal, send keys, read the screen.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${GONGZHI_BIN:-$ROOT/.build/debug/gongzhi}
WORK=$(mktemp -d)
SOCKET="gz-e2e-$$"
export XDG_DATA_HOME=$WORK/data XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
T() { tmux -L "$SOCKET" "$@"; }
# The harness's own queries wait for the program's locks instead of failing with
# "database is locked" when a check runs while gongzhi commits (a loaded machine
# makes that overlap likely): every script's sqlite3 goes through this.
sqlite3() { command sqlite3 -cmd '.timeout 30000' "$@"; }
cleanup() { T kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
PASSED=0
FAILED=0

# fresh_session: drops the previous e2e session. A keeper session holds the private
# server open: killing its last session makes tmux exit, and a new-session racing
# that exit fails with "server exited unexpectedly".
fresh_session() {
  T has-session -t keeper >/dev/null 2>&1 || T new-session -d -s keeper "sleep 100000"
  T kill-session -t e2e >/dev/null 2>&1 || true
}

# start WIDTH HEIGHT ARGS... : opens gongzhi in a fresh tmux session; after it exits the
# pane prints EXITED and the terminal settings, so a test can check they were restored.
start() {
  local w=$1 h=$2
  shift 2
  fresh_session
  T new-session -d -s e2e -x "$w" -y "$h" \
    "env TERM=${E2E_TERM:-xterm-256color} LANG=C.UTF-8 XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME $BIN $*; echo EXITED rc=\$?; stty -a; sleep 600"
}

screen() { T capture-pane -p -t e2e; }
# The screen with its colours and attributes: a moved selection shows here, not in text.
styled() { T capture-pane -e -p -t e2e; }
# The pause after sending paces input, it is not a wait for the screen (reads wait with
# wait_for, wait_change or key_until): an Escape followed at once by another key would
# reach the program as one Alt sequence (its escape delay is 25 ms).
keys() { T send-keys -t e2e "$@"; sleep 0.15; }
text() { T send-keys -t e2e -l "$1"; sleep 0.15; }

# key_until TEXT KEY [TIMES]: presses KEY until the screen shows TEXT, at most TIMES
# (60) times. After each key it waits for the frame to change, so a slow machine cannot
# skip past TEXT; it fails, showing the screen, when it gives up.
key_until() {
  local before deadline
  for _ in $(seq "${3:-60}"); do
    screen | grep -qF -- "$1" && return 0
    before=$(styled)
    keys "$2"
    deadline=$((SECONDS + 5))
    while ((SECONDS < deadline)) && [ "$(styled)" = "$before" ]; do sleep 0.05; done
  done
  screen | grep -qF -- "$1" && return 0
  echo "--- gave up pressing $2 for: $1"
  screen
  # Counted as a failure even where the caller's status is not checked (set -e is off
  # inside `if`, `&&` and `check`), so a script can never pass without what it wanted.
  fail "$2 until the screen shows $1"
  return 1
}

# next_branch_until NAME PERIOD: on the 考评 tab, N (next branch) until NAME's form for PERIOD shows.
next_branch_until() { key_until "$1 · $2" N; }

# press KEY...: sends the keys and waits for the frame they cause: the screen (with its
# colours) changes and then holds still for 50 ms, so a frame still being written is not
# read. Fails, showing the screen, when nothing changes within 10 s.
press() {
  local before now deadline=$((SECONDS + 10))
  before=$(styled)
  keys "$@"
  while ((SECONDS < deadline)); do
    now=$(styled)
    if [ "$now" != "$before" ]; then
      sleep 0.05
      [ "$(styled)" = "$now" ] && return 0
    else
      sleep 0.05
    fi
  done
  echo "--- no frame after: $*"
  screen
  return 1
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
  local deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "--- screen while waiting for: $1"
  screen
  return 1
}

# wait_for_any SECONDS TEXT...: until the screen shows one of the TEXTs; prints the
# first one shown (in the order given), or fails, showing the screen, when none shows.
# For a key whose answer may be one of several screens (a prompt, or the next step).
wait_for_any() {
  local deadline=$((SECONDS + $1)) s t
  shift
  while :; do
    s=$(screen)
    for t in "$@"; do
      if grep -qF -- "$t" <<<"$s"; then
        echo "$t"
        return 0
      fi
    done
    ((SECONDS < deadline)) || break
    sleep 0.1
  done
  echo "--- screen while waiting for any of: $*" >&2
  screen >&2
  return 1
}

# wait_until SECONDS COMMAND...: until COMMAND succeeds, polling; fails when time runs out.
# For checks that would otherwise read once after a fixed sleep.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  while ((SECONDS < deadline)); do
    "$@" && return 0
    sleep 0.1
  done
  "$@"
}

# wait_change BEFORE [SECONDS]: until the screen differs from BEFORE (a key's frame has
# been drawn); fails, showing the screen, when it never does.
wait_change() {
  local deadline=$((SECONDS + ${2:-10}))
  while ((SECONDS < deadline)); do
    [ "$(screen)" != "$1" ] && return 0
    sleep 0.05
  done
  echo "--- the screen did not change"
  screen
  return 1
}

ok() {
  PASSED=$((PASSED + 1))
  echo "  ok: $1"
}
fail() {
  FAILED=$((FAILED + 1))
  echo "  FAIL: $1"
}
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
expect_screen() { check "screen shows '$1'" wait_for "$1" "${2:-10}"; }

# Every line that draws a box must be exactly WIDTH columns wide when CJK counts two:
# the terminal itself agrees with our width tables.
aligned() {
  screen | python3 -c '
import sys, unicodedata
w = int(sys.argv[1]); bad = 0
for line in sys.stdin.read().splitlines():
    if not line.rstrip().endswith(("│", "┐", "┘", "|", "+")): continue
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else (0 if unicodedata.combining(c) else 1) for c in line.rstrip())
    if cols != w: bad += 1; print("misaligned (%d cols): %s" % (cols, line), file=sys.stderr)
sys.exit(1 if bad else 0)' "$1"
}

# The terminal was handed back in cooked mode with echo after the program ended.
restored() {
  wait_for "EXITED" 10 >/dev/null || return 1
  local s
  s=$(screen)
  grep -q -- " icanon" <<<"$s" && grep -q -- " echo " <<<"$s" && ! grep -q -- "-icanon" <<<"$s"
}

finish() {
  echo "$(basename "$0" .sh): $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# require_pg_server: the scripts that need the PostgreSQL server in GONGZHI_TEST_PG
# (.ci/pg-cluster) end here with a note without one, or fail when GONGZHI_REQUIRE_PG=1 (CI).
require_pg_server() {
  [ -n "${GONGZHI_TEST_PG:-}" ] && return 0
  if [ "${GONGZHI_REQUIRE_PG:-}" = 1 ]; then
    echo "FAIL GONGZHI_REQUIRE_PG=1 but GONGZHI_TEST_PG is not set"
    exit 1
  fi
  echo "skipped: GONGZHI_TEST_PG is not set (start a server with .ci/pg-cluster start)"
  exit 0
}
