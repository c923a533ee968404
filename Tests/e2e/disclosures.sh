#!/usr/bin/env bash
# The disclosure register (公开 tab) as an office clerk meets it: open the demo, go
# to the register, filter to overdue items, record a publication by keys, quit,
# reopen and find it in the item's history; English at 80x24; CLI export/import.
source "$(dirname "$0")/lib.sh"
DB="$XDG_DATA_HOME/gongzhi/demo.sqlite"

start 100 30 --demo
expect_screen "医院党委" 60
keys 5
expect_screen "[ 公开 ]"
expect_screen "社会层面"
check "CJK columns line up in the register" aligned 100
keys o
expect_screen "仅逾期"
expect_screen "药品价格"
expect_screen "督办"
keys Enter
expect_screen "提请纪委监督"
keys p
expect_screen "记录公开：药品价格"
text "2026年10月药品价格目录已更新，新增集采药品十五种。"
keys C-s
expect_screen "已记录“药品价格”于"
press Escape # back to the register: its frame is waited for before it is read
check "published item left the overdue list" bash -c "! tmux -L '$SOCKET' capture-pane -p -t e2e | grep -qF '⚠ 药品价格'"
keys q
check "quitting restores the terminal" restored

# Reopen: the publication is in the history.
start 100 30 --demo
expect_screen "医院党委" 60
keys 5
expect_screen "社会层面"
keys Down Down Down Enter
expect_screen "社会层面 › 药品价格"
expect_screen "新增集采药品十五种"
keys Escape q
check "terminal restored again" restored

# English at 80x24.
start 80 24 --demo --lang en
expect_screen "[ Org ]" 60
keys 5
expect_screen "[ Public ]"
expect_screen "Disclosure register"
check "English register aligned at 80 columns" aligned 80
keys ?
expect_screen "Record a publication"
keys Escape q
check "terminal restored in English" restored

# CLI: export, the audit holds, a bad import writes nothing.
check "CSV export has a BOM and the item" bash -c "'$BIN' export disclosures --db '$DB' | head -c 3 | od -An -tx1 | grep -q 'ef bb bf'"
check "Markdown export lists overdue items" bash -c "'$BIN' export disclosures --db '$DB' --format md | grep -qF '逾期事项（提请纪委督办）'"
check "audit verify is intact" "$BIN" audit verify --db "$DB"
printf '层面,事项,公开途径,责任部门,时限\n社会,新事项,触摸屏,财务部,每月\n全院,坏事项,触摸屏,财务部,每月\n' >"$WORK/bad.csv"
out=$("$BIN" import disclosures --db "$DB" "$WORK/bad.csv" 2>&1 || true)
check "bad import names FILE:LINE:COLUMN" grep -qF "bad.csv:3:1:" <<<"$out"
check "bad import wrote nothing" bash -c "! '$BIN' export disclosures --db '$DB' | grep -qF 新事项"
check "render with the overdue filter" bash -c "'$BIN' render disclosures --db '$DB' --size 80x24 --filter overdue=1 | grep -qF '仅逾期'"
finish
