#!/usr/bin/env bash
# zh-Hant (issue 17 item 5): the third interface language, on the command line and in
# the help, chosen by --lang or GONGZHI_LANG (zh-Hant, zh_TW, zh_HK, zh_MO); the data,
# the demo hospital's included, stays as stored (Simplified).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "${GONGZHI_BIN:-}" ]; then swift build --product gongzhi >/dev/null; fi
DEMO=$WORK/demo.sqlite
"$BIN" --lang zh-Hant demo --db "$DEMO" >"$WORK/demo.txt"
check "demo says what it made in Traditional characters" grep -q "醫院" "$WORK/demo.txt"
check "export --help follows --lang zh-Hant" bash -c "'$BIN' export members --help --lang zh-Hant | grep -q '導出格式'"
check "the top-level help follows GONGZHI_LANG=zh_TW.UTF-8" \
  bash -c "GONGZHI_LANG=zh_TW.UTF-8 '$BIN' --help | grep -q '界面語言'"
check "render org in zh-Hant: Traditional interface, Simplified data" \
  bash -c "GONGZHI_LANG=zh_HK '$BIN' render org --size 100x26 --db '$DEMO' --select 内科党总支/心血管内科党支部 >'$WORK/org.txt' &&
    grep -q '組織' '$WORK/org.txt' && grep -q '心血管内科党支部' '$WORK/org.txt' && ! grep -q '组织' '$WORK/org.txt'"
"$BIN" export members --db "$DEMO" --lang zh-Hant >"$WORK/hant.csv"
"$BIN" export members --db "$DEMO" --lang zh >"$WORK/hans.csv"
check "exports are the same data whatever the language" cmp -s "$WORK/hant.csv" "$WORK/hans.csv"
check "the demo hospital's data stays Simplified" grep -q "内科党总支" "$WORK/hant.csv"
check "an error in zh-Hant" bash -c "'$BIN' export members --lang zh-Hant --db '$WORK/none/x.sqlite' 2>&1 >/dev/null | grep -q '目錄 .* 不存在；請先創建'"
check "a workbook refused in zh-Hant" bash -c "script -qec \"'$BIN' export members --format xlsx --lang zh-Hant --db '$DEMO'\" /dev/null | grep -q '不能輸出到終端'"
finish
