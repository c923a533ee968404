#!/usr/bin/env bash
# The e2e helpers themselves: a wait that gives up fails (and says so), so no script
# can pass by reading a screen that never came. Runs `cat` in tmux, not gongzhi.
source "$(dirname "$0")/lib.sh"

echo "== harness helpers"
fresh_session
T new-session -d -s e2e -x 80 -y 24 "cat"
text "hello"
check "wait_for sees text on screen" wait_for "hello" 5

# A helper that gives up must return failure. The counters are put back afterwards,
# since here failing is the expected outcome; COUNTED is how many it recorded itself.
expect_failure() { # DESCRIPTION COMMAND...
  local what=$1 passed=$PASSED failed=$FAILED status=0
  shift
  "$@" >/dev/null 2>&1 || status=$?
  COUNTED=$((FAILED - failed))
  PASSED=$passed FAILED=$failed
  if [ "$status" -ne 0 ]; then ok "$what fails when it gives up"; else fail "$what fails when it gives up"; fi
}
expect_failure "wait_for" wait_for "never shown" 1
expect_failure "wait_until" wait_until 1 false
expect_failure "wait_change" wait_change "$(screen)" 1
check "press waits for the frame its key causes" press x
check "which shows what the key did" wait_for "hellox" 1
expect_failure "press" press ""
expect_failure "wait_for_any" wait_for_any 1 "never shown" "nor this"
check "wait_for_any names the text that shows" test "$(wait_for_any 5 "never shown" "hello")" = hello
# Each N is echoed by the terminal, so every press changes the screen and the helper
# goes through all its presses quickly before giving up.
expect_failure "next_branch_until" next_branch_until "无此支部" "2026Q1"
check "next_branch_until counts its failure itself" test "$COUNTED" = 1
finish
