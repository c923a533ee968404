#!/usr/bin/env bash
# Staff proposals as a union clerk meets them: open the demo on the 提案 tab, register a
# proposal by keys (picking the proposer and two co-signers), file, assign, start
# handling, reply, evaluate 不满意 and see it back in 办理中; then the Markdown summary,
# the overdue listing for cron, and the audit log still verifies.
source "$(dirname "$0")/lib.sh"
DB=$XDG_DATA_HOME/gongzhi/demo.sqlite

start 100 30 --demo
expect_screen "医院党委" 60
keys 3
expect_screen "立案率"
check "proposal list aligned at 100 columns" aligned 100

keys n
expect_screen "登记新提案"
text "关于增设夜班职工休息室的建议"
keys Tab Right Right Tab Enter
expect_screen "选择提案人"
text "王"
keys Enter
keys Tab Tab Enter
expect_screen "选择附议人"
text "李"
keys Enter
text "张"
keys Enter
expect_screen "已选："
keys Escape Tab
text "夜班医护人员值班室床位不足，条件简陋，职工休息得不到保障，长期影响身体健康和医疗安全。"
keys Tab
text "建议后勤保障部牵头改造值班室。"
expect_screen "建议后勤保障部牵头改造值班室。"
check "registration form aligned" aligned 100
keys C-s
expect_screen "已登记并提交提案"
number=$(screen | grep -o '提案 7-[0-9]*-[0-9]* · 已提交' | head -1 | cut -d' ' -f2)
check "the new proposal has a number ($number)" test -n "$number"

keys w Enter
expect_screen "· 审查中"
keys l Enter
expect_screen "· 立案"
keys a
expect_screen "答复期限："
keys C-s
expect_screen "· 已交办"
keys h Enter
expect_screen "· 办理中"
keys r
text "已列入明年改造计划，先行增加床位二十张。"
keys Tab Right C-s
expect_screen "· 已答复"
keys e Left
expect_screen "不满意"
keys C-s
expect_screen "提案 $number · 办理中"
expect_screen "第二轮办理"
check "detail aligned" aligned 100

# Back to the list: search finds it by a Chinese substring of its title.
keys Escape /
text "夜班职工休息室"
expect_screen "提案 1 件"
keys Enter

# A second proposal kept as a draft (Ctrl-D), then opened again for editing (E).
keys n
expect_screen "Ctrl-D 存为草稿"
text "关于增设院内母婴室的建议"
keys Tab Tab Enter
expect_screen "选择提案人"
text "王"
keys Enter C-d
expect_screen "已存为草稿"
expect_screen "提案 · 草稿"
keys E
expect_screen "修改草稿 · 关于增设院内母婴室的建议"
expect_screen "附议人不得少于2人"
keys Escape
expect_screen "E 修改草稿"
keys q
check "quitting restores the terminal" restored

# English at 80x24: the 督办 view.
start 80 24 --demo --lang en
expect_screen "[ Org ]" 30
keys 3 v
expect_screen "Supervision"
check "supervision view aligned at 80 columns" aligned 80
keys q
check "terminal restored again" restored

md=$("$BIN" export proposals --format md --db "$DB")
check "Markdown summary has the filing rate" grep -qE '^\| 立案率 \| [0-9.]+% \([0-9]+/[0-9]+\) \|$' <<<"$md"
check "Markdown summary has the satisfaction rate" grep -qE '^\| 满意率 \| [0-9.]+% \([0-9]+/[0-9]+\) \|$' <<<"$md"
check "Markdown lists the new proposal" grep -qF "$number" <<<"$md"
check "overdue listing exits 0" "$BIN" proposals overdue --db "$DB"
check "overdue lines are tab-separated" bash -c "'$BIN' proposals overdue --db '$DB' | head -1 | awk -F'\t' 'NF == 6 { ok = 1 } END { exit !ok }'"
check "audit log verifies after the session" bash -c "'$BIN' audit verify --db '$DB' | grep -q '审计日志完整'"
finish
