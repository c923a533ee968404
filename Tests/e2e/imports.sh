#!/usr/bin/env bash
# The files offices really have, through the real binary: a GBK CSV saved by Excel
# on a Chinese Windows, an .xlsx workbook (first sheet or --sheet), a bad cell named
# FILE:SHEET!A12 with nothing imported, and the --encoding / --sheet mistakes.
source "$(dirname "$0")/lib.sh"
DB="$WORK/g.sqlite"
"$BIN" demo --db "$DB" >/dev/null

# A GBK CSV: detected, imported, and the summary says how it was read.
python3 - "$WORK" <<'PY'
import sys, zipfile
w = sys.argv[1]
rows = "日期,类型,名称\r\n2030-10-01,休,国庆节\r\n2030-10-02,休,国庆节\r\n"
open(f"{w}/h-gbk.csv", "wb").write(rows.encode("gbk"))
open(f"{w}/bad-both.csv", "wb").write("日期,类型\n2030-10-03,休\n".encode() + b"2030-10-04,\xff\n")

def sheet(rows):
    x = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    for r, cells in enumerate(rows, 1):
        x += f'<row r="{r}">'
        for c, v in enumerate(cells):
            ref = "ABCDEFG"[c] + str(r)
            if isinstance(v, int):
                x += f'<c r="{ref}" s="1"><v>{v}</v></c>'
            else:
                x += f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        x += "</row>"
    return x + "</sheetData></worksheet>"

def book(path, sheets):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{n}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s{i+1}.xml"/>' for i in range(len(sheets))) + "</Relationships>")
        z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
        for i, (_, rows) in enumerate(sheets):
            z.writestr(f"xl/worksheets/s{i+1}.xml", sheet(rows))

# 2030-12-24 and 2030-12-25 as Excel date serials (days from 1899-12-30).
book(f"{w}/h.xlsx", [("说明", [["请填写第二张表"]]), ("节假日", [["日期", "类型", "名称"], [47841, "休", "平安夜"], [47842, "休", "圣诞"]])])
book(f"{w}/bad.xlsx", [("节假日", [["日期", "类型"], [47843, "休"], ["2030-13-01", "休"]])])
PY

count() { sqlite3 "$DB" "SELECT COUNT(*) FROM holiday WHERE day LIKE '2030-%'"; }
out=$("$BIN" import holidays "$WORK/h-gbk.csv" --db "$DB" 2>&1)
check "GBK CSV imports: $out" grep -qF "导入节假日 2 天" <<<"$out"
check "the summary names GB18030" grep -qF "编码 GB18030" <<<"$out"
check "two holidays stored" test "$(count)" = 2

out=$("$BIN" import holidays "$WORK/h-gbk.csv" --encoding utf-8 --db "$DB" 2>&1 || true)
check "forced UTF-8 refuses the GBK file at 1:1: $out" grep -qF "h-gbk.csv:1:1: 文本不是 UTF-8" <<<"$out"
out=$("$BIN" import holidays "$WORK/bad-both.csv" --db "$DB" 2>&1 || true)
check "a damaged UTF-8 file is refused at its bad byte: $out" grep -qF "bad-both.csv:3:2: 文本不是 UTF-8" <<<"$out"
out=$("$BIN" import holidays "$WORK/h-gbk.csv" --encoding latin1 --db "$DB" 2>&1 || true)
check "an unknown --encoding is refused: $out" grep -qF "未知编码“latin1”" <<<"$out"

# XLSX: the first sheet is the note; --sheet picks the table.
out=$("$BIN" import holidays "$WORK/h.xlsx" --sheet 节假日 --db "$DB" 2>&1)
check "XLSX --sheet imports: $out" grep -qF "导入节假日 2 天" <<<"$out"
check "the summary names the sheet" grep -qF "已读取工作表“节假日”" <<<"$out"
check "dates arrived as dates" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM holiday WHERE day IN ('2030-12-24','2030-12-25')")" = 2
out=$("$BIN" import holidays "$WORK/h.xlsx" --sheet 名单 --db "$DB" 2>&1 || true)
check "an unknown sheet lists the sheets: $out" grep -qF "说明, 节假日" <<<"$out"
out=$("$BIN" import holidays "$WORK/h.xlsx" --db "$DB" 2>&1 || true)
check "the first sheet (no 日期 column) is refused: $out" grep -qF "h.xlsx:说明!" <<<"$out"

before=$(count)
out=$("$BIN" import holidays "$WORK/bad.xlsx" --db "$DB" 2>&1 || true)
check "a bad cell is named FILE:SHEET!A3: $out" grep -qF "bad.xlsx:节假日!A3: " <<<"$out"
check "nothing imported from the bad workbook" test "$(count)" = "$before"

finish
