#!/usr/bin/env bash
# The reports offices print (--format html): each of the four is written from the demo
# hospital, printed to PDF by headless Chromium as a clerk's browser would, and checked:
# A4, a page count in the expected range, the Chinese title in the PDF's text, and its
# glyphs drawn as distinct characters (tofu boxes would all look alike; `pdffonts` cannot
# tell, since Chromium embeds the CJK font as unnamed Type 3 fonts). The first page
# of each becomes a PNG; REPORTS_RECORD=1 copies them over the reviewed ones in
# Tests/e2e/reports/ (nothing here compares pixels with those: fonts differ by machine).
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.sqlite
OUT=$WORK/reports
mkdir -p "$OUT"
"$BIN" demo --db "$DB" >/dev/null
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] || ! command -v pdftoppm >/dev/null; then
  echo "reports: chromium and poppler-utils are needed (.ci/run installs them)"
  exit 1
fi

# glyphs PDF WORD: the title word's characters, cropped one by one from a render of its
# box on page 1, differ from each other (the same box repeated would not).
glyphs() {
  local pdf=$1 word=$2 box
  box=$(pdftotext -f 1 -l 1 -bbox "$pdf" - | grep -F ">$word</word>" | head -1)
  [ -n "$box" ] || { echo "no word $word in $pdf"; return 1; }
  python3 - "$pdf" "$word" "$box" "$OUT" <<'PY'
import re, subprocess, sys
pdf, word, box, out = sys.argv[1:5]
x0, y0, x1, y1 = (float(v) for v in re.findall(r'[xy](?:Min|Max)="([0-9.]+)"', box))
dpi = 150
s = dpi / 72
x, y, w, h = int(x0 * s), int(y0 * s), int((x1 - x0) * s), int((y1 - y0) * s)
subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray", "-x", str(x), "-y", str(y),
                "-W", str(w), "-H", str(h), "-singlefile", pdf, out + "/crop"], check=True)
data = open(out + "/crop.pgm", "rb").read()
m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
W, H = int(m.group(1)), int(m.group(2))
pixels = data[m.end():]
n = len(word)
cell = W // n
cells = [[pixels[r * W + c] for r in range(H) for c in range(i * cell, (i + 1) * cell)] for i in range(n)]
ink = [sum(255 - p for p in c) / len(c) for c in cells]
def diff(a, b): return sum(abs(p - q) for p, q in zip(a, b)) / len(a)
closest = min(diff(cells[i], cells[j]) for i in range(n) for j in range(i + 1, n))
print(f"  {word}: {n} characters, ink per character {min(ink):.1f}..{max(ink):.1f}, closest pair differs by {closest:.1f}")
# Every character has ink, and no two look the same.
sys.exit(0 if min(ink) > 3 and closest > 8 else 1)
PY
}

# report NAME WORD MIN MAX CHARTS EXPORT-ARGS...: writes NAME.html with CHARTS charts
# or more, prints it, checks it.
report() {
  local name=$1 word=$2 min=$3 max=$4 charts=$5
  shift 5
  local html=$OUT/$name.html pdf=$OUT/$name.pdf
  "$BIN" export "$@" --db "$DB" --format html --output "$html"
  check "$name: the page is self-contained (no script, no web address)" \
    bash -c "! grep -qiE '<script|https?://|@import' '$html'"
  check "$name: at least $charts charts" test "$(grep -o '<figure class="chart"><svg' "$html" | wc -l)" -ge "$charts"
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$WORK/chromium" --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 || true
  check "$name: Chromium printed a PDF" test -s "$pdf"
  [ -s "$pdf" ] || return 0
  local info pages
  info=$(pdfinfo "$pdf")
  pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
  echo "  $name: $pages pages"
  check "$name: A4 pages" grep -q "(A4)" <<<"$info"
  check "$name: $min to $max pages" test "$pages" -ge "$min" -a "$pages" -le "$max"
  check "$name: the PDF's text has the title $word" grep -qF "$word" <<<"$(pdftotext "$pdf" -)"
  check "$name: the hospital's name heads the pages" \
    test "$(pdftotext "$pdf" - | grep -cF '共治示范医院 ·')" -ge "$pages"
  check "$name: the title's Chinese glyphs are drawn" glyphs "$pdf" "$word"
  pdftoppm -f 1 -l 1 -r 75 -png -singlefile "$pdf" "$OUT/$name"
  check "$name: first page as PNG" test -s "$OUT/$name.png"
  if [ "${REPORTS_RECORD:-}" = 1 ]; then cp "$OUT/$name.png" "$ROOT/Tests/e2e/reports/$name.png"; fi
}

# The newest period with results the 公示 shows (the demo's newest is still being scored).
period=$(sqlite3 "$DB" "SELECT max(period) FROM assessment WHERE state IN ('publicNotice', 'locked')")
report assessments 党组织考评结果公示 1 8 2 assessments --period "$period"
report proposals 职工提案汇总 1 30 1 proposals
report disclosures 院务公开情况报告 1 12 0 disclosures
report satisfaction 满意度报告 2 20 4 satisfaction

# Hostile data stays text: a hospital name with markup.
"$BIN" setting set hospital.name '<script>alert(1)</script>医院' --db "$DB" >/dev/null
"$BIN" export disclosures --db "$DB" --format html --output "$OUT/hostile.html"
check "markup in the data is escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;医院' "$OUT/hostile.html"
check "no script element from the data" bash -c "! grep -qi '<script' '$OUT/hostile.html'"
out=$("$BIN" export disclosures --db "$DB" --format pdf 2>&1) && rc=0 || rc=$?
check "an unknown format is refused, naming html" bash -c "[ $rc != 0 ] && grep -qF html <<<'$out'"

finish
