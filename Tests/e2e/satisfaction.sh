#!/usr/bin/env bash
# Satisfaction as a new user meets it: import next month's staff answer sheets from a
# CSV with the real binary (a bad file is refused and names line and column), open the
# 满意度 tab, find the new month against the 94 % line, switch to quarters, find the
# weakest department and its weakest items, English at 80x24, ASCII on TERM=linux,
# then export the quarter's report and rebuild the rollups.
source "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_DATA_HOME/gongzhi"
DB=$XDG_DATA_HOME/gongzhi/demo.sqlite
"$BIN" demo --db "$DB" >/dev/null

# The demo ends with this month; the new file is next month.
NEW=$(date -d "$(date +%Y-%m-01) +1 month" +%Y-%m)
Q=$(((10#${NEW#*-} - 1) / 3 + 1))
QFROM=$(printf '%s-%02d' "${NEW%-*}" $(((Q - 1) * 3 + 1)))
ITEMS=pay,benefits,workload,overtime_rest,training,promotion,leadership,voice,fairness,facilities,safety,teamwork,canteen,recommend,overall
{
  echo "date,population,department,$ITEMS"
  for i in $(seq 1 30); do
    day=$(printf '%02d' $((i % 28 + 1)))
    echo "$NEW-$day,staff,心血管内科,5,5,4,4,5,4,5,5,4,5,5,5,4,5,5"
  done
} >"$WORK/$NEW.csv"

# What a new user reads first: the columns in the import help, the item codes.
check "import help names the header" grep -qF "date,population,department" <<<"$("$BIN" import responses --help)"
check "satisfaction items prints the staff CSV header" \
  grep -qF "date,population,department,$ITEMS" <<<"$("$BIN" satisfaction items --population staff --db "$DB")"

# A bad file first: nothing is written and the message names the line and column.
sed '3s/,5,5,4,/,5,5,9,/' "$WORK/$NEW.csv" >"$WORK/bad.csv"
before=$(sqlite3 "$DB" "SELECT count(*) FROM satisfaction_response")
if out=$("$BIN" import responses "$WORK/bad.csv" --db "$DB" 2>&1); then
  fail "a bad responses file must be refused"
else
  check "bad file names file, line and column: $out" grep -q "bad.csv:3:6: “9”不是题目 workload 的有效答案" <<<"$out"
fi
check "nothing was written" test "$(sqlite3 "$DB" "SELECT count(*) FROM satisfaction_response")" = "$before"

out=$("$BIN" import responses "$WORK/$NEW.csv" --db "$DB" 2>&1)
check "import prints a summary line: $out" grep -q "导入 30 份答卷" <<<"$out"
check "30 sheets stored" test "$(sqlite3 "$DB" "SELECT count(*) FROM satisfaction_response")" = "$((before + 30))"

# Open the dashboard: press tab numbers until the 满意度 tab is active.
start 120 40 --db "$DB"
expect_screen "医院党委" 30
# 满意度 is the fourth tab; wait for it rather than reading the screen after a fixed pause.
keys 4
expect_screen "[ 满意度 ]"
expect_screen "职工满意度 · $NEW"
expect_screen "样本 n=30"
expect_screen "目标 94%"
expect_screen "至 $NEW"
expect_screen "/36 期"
expect_screen "目标线 94%"
check "dashboard aligned at 120 columns" aligned 120
keys m
expect_screen "职工满意度 · ${NEW%-*}Q$Q"
expect_screen "近12季"
keys m
expect_screen "职工满意度 · $NEW"
# The weakest department: the bottom of the ranking; Enter shows its items.
keys "<" Tab
expect_screen "[科室排名]"
keys w Enter
expect_screen "只看"
expect_screen "整改重点（"
check "department view aligned" aligned 120
keys Escape
expect_screen "整改重点（全院）"
keys Right
expect_screen "[门诊患者]"
expect_screen "目标 90%"
keys k
expect_screen "均分 · 按月"
keys q
check "quitting restores the terminal" restored

# English at 80x24, one section at a time.
start 80 24 --db "$DB" --lang en
expect_screen "Units" 30
# 满意度 is the fourth tab; wait for it rather than reading the screen after a fixed pause.
keys 4
expect_screen "[ Satisf. ]"
expect_screen "Staff satisfaction · $NEW"
expect_screen "[Trend]"
check "English dashboard aligned at 80 columns" aligned 80
keys Tab Tab Tab
expect_screen "[Weakest items]"
expect_screen "Corrective action"
keys ?
expect_screen "Switch between months and quarters"
keys Escape q
check "English session restored the terminal" restored

# ASCII where the terminal cannot draw box characters.
E2E_TERM=linux start 80 24 --db "$DB"
expect_screen "+- 组织结构" 30
# 满意度 is the fourth tab; wait for it rather than reading the screen after a fixed pause.
keys 4
expect_screen "[ 满意度 ]"
expect_screen "+- 职工满意度 · $NEW"
check "no box-drawing characters on TERM=linux" bash -c "! tmux -L $SOCKET capture-pane -p -t e2e | grep -q '[─│█]'"
keys q
check "TERM=linux restored" restored

# The quarter's report, and the headless render.
"$BIN" export satisfaction --from "$QFROM" --to "$NEW" --format md --db "$DB" --output "$WORK/q.md"
check "Markdown report titled with the quarter" grep -q "^# 满意度报告 $QFROM–$NEW" "$WORK/q.md"
check "report has the staff ranking" grep -q "### 科室排名" "$WORK/q.md"
"$BIN" export satisfaction --from "$QFROM" --to "$NEW" --format csv --db "$DB" --output "$WORK/q.csv"
if "$BIN" export satisfaction --from 2000-01 --to 2000-03 --format md --db "$DB" >"$WORK/empty.md" 2>"$WORK/empty.err"; then
  fail "a range without data is an error"
else
  check "a range without data says so on stderr" grep -q "2000-01 至 2000-03 没有满意度数据" "$WORK/empty.err"
fi
check "CSV export starts with a UTF-8 BOM" test "$(head -c 3 "$WORK/q.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
check "render shows the new month" grep -q "职工满意度 · $NEW" <<<"$("$BIN" render satisfaction --population staff --size 80x24 --db "$DB")"
check "rebuild leaves every figure unchanged" grep -q "所有数字不变" <<<"$("$BIN" satisfaction rebuild --db "$DB")"

finish
