import Foundation

/// Text made safe for HTML and SVG: markup characters become entities and control
/// characters (which a file should not carry to a browser or a terminal) become spaces.
enum HTMLText {
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if isControl(scalar) { out += " " } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// C0 and C1 controls, DEL, and the line and paragraph separators.
  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
  }

  /// A CSS string literal (for the page's running header): quotes, backslashes and the
  /// characters that could end the `<style>` element are written as CSS escapes.
  static func cssString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
      default:
        if isControl(scalar) { out += " " } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}

/// The one page every printed report uses: a self-contained HTML file (inline CSS, no
/// script, nothing fetched) with A4 print styles, the hospital and period as a running
/// header on every printed page, page numbers in the footer, tables whose header row
/// repeats on each page and whose rows never split, and the charts inline.
enum HTMLPage {
  struct Header {
    var title: String
    /// The hospital's name (`setting set hospital.name`); nil when not set.
    var hospital: String?
    /// What the report covers: a period, a session, a month range or a date.
    var period: String
    var language: Language
    /// "第 {0} 页 / 共 {1} 页" style: {0} the page, {1} the pages.
    var pageNumber: String
  }

  static func render(_ document: ReportDocument, header: Header) -> String {
    let running = [header.hospital, header.period].compactMap { $0 }.filter { !$0.isEmpty }
      .joined(separator: " · ")
    var body = "<header class=\"masthead\">"
    if let hospital = header.hospital, !hospital.isEmpty {
      body += "<p class=\"hospital\">\(HTMLText.escape(hospital))</p>"
    }
    body += "<h1>\(HTMLText.escape(header.title))</h1>"
    body += "<p class=\"period\">\(HTMLText.escape(header.period))</p></header>\n<main>\n"
    var skippedTitle = false
    for block in document.blocks {
      switch block {
      case .heading(let level, let text):
        // The first title is the masthead's.
        if level == 1 && !skippedTitle {
          skippedTitle = true
          continue
        }
        let h = min(max(level, 1), 6)
        body += "<h\(h)>\(HTMLText.escape(text))</h\(h)>\n"
      // The report's own "as of" line, when the masthead already says it.
      case .paragraph(let text) where text == header.period: continue
      case .paragraph(let text): body += "<p>\(HTMLText.escape(text))</p>\n"
      case .note(let text): body += "<p class=\"note\">\(HTMLText.escape(text))</p>\n"
      case .table(let table): body += self.table(table)
      case .chart(let chart):
        body +=
          "<figure class=\"chart\">\(chart.markup)<figcaption>\(HTMLText.escape(chart.title))</figcaption></figure>\n"
      }
    }
    body += "</main>\n"
    // "第 {0} 页" becomes "第 " counter(page) " 页": string pieces around the counters.
    let page = header.pageNumber.components(separatedBy: "{0}").map {
      $0.components(separatedBy: "{1}").map(HTMLText.cssString).joined(separator: " counter(pages) ")
    }.joined(separator: " counter(page) ")
    return """
      <!DOCTYPE html>
      <html lang="\(header.language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTMLText.escape(header.title))</title>
      <style>
      \(style(running: HTMLText.cssString(running), page: page))
      </style>
      </head>
      <body>
      <svg class="defs" width="0" height="0" aria-hidden="true"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="3"/></pattern></defs></svg>
      \(body)</body>
      </html>

      """
  }

  /// One table: header row in `thead` (repeated on every printed page), figures right-aligned
  /// as the Markdown's delimiter row says. A column whose cells are all short (names,
  /// grades, dates, figures) never wraps, so long text (a proposal's title) takes the
  /// wrapping; headings may wrap over their column.
  static func table(_ table: ReportTable) -> String {
    let short = table.header.indices.map { i in
      table.rows.allSatisfy { i >= $0.count || $0[i].count <= shortCell }
    }
    // Counts the Markdown left unaligned are still figures: right-aligned.
    let numeric = table.header.indices.map { i in
      !table.rows.isEmpty && table.rows.allSatisfy { i < $0.count && Double($0[i]) != nil }
    }
    func attributes(_ i: Int, header: Bool) -> String {
      var classes: [String] = []
      switch i < table.alignments.count ? table.alignments[i] : .left {
      case .left: if numeric[i] { classes.append("r") }
      case .center: classes.append("c")
      case .right: classes.append("r")
      }
      if !header && short[i] { classes.append("k") }
      return classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
    }
    // Many columns (a ranking with its dimension subtotals) are set smaller to fit A4.
    var out = table.header.count > wideTable ? "<table class=\"wide\">\n" : "<table>\n"
    // A header of empty cells (a two-column list of figures) is left out.
    if table.header.contains(where: { !$0.isEmpty }) {
      out += "<thead><tr>"
      for (i, h) in table.header.enumerated() {
        out += "<th\(attributes(i, header: true))>\(HTMLText.escape(h))</th>"
      }
      out += "</tr></thead>\n"
    }
    out += "<tbody>\n"
    for row in table.rows {
      out += "<tr>"
      for i in table.header.indices {
        out += "<td\(attributes(i, header: false))>\(HTMLText.escape(i < row.count ? row[i] : ""))</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// The longest cell (in characters) of a column that is kept on one line.
  static let shortCell = 14
  /// More columns than this make a table `wide`.
  static let wideTable = 9

  /// The style sheet. Fonts are the system's: a CJK sans-serif where there is one.
  static func style(running: String, page: String) -> String {
    """
    @page { size: A4; margin: 18mm 14mm 16mm 14mm;
      @top-center { content: \(running); font: 9pt sans-serif; color: #444; }
      @bottom-center { content: \(page); font: 9pt sans-serif; color: #444; } }
    html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
      "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
    body { max-width: 182mm; margin: 0 auto; padding: 0 4mm; line-height: 1.45; }
    .masthead { text-align: center; border-bottom: 2px solid #000; margin-bottom: 4mm; }
    .masthead .hospital { margin: 0; font-size: 11pt; letter-spacing: 0.1em; }
    .masthead h1 { margin: 1mm 0; font-size: 17pt; }
    .masthead .period { margin: 0 0 2mm; font-size: 10pt; }
    h2 { font-size: 13pt; margin: 5mm 0 2mm; border-left: 4px solid #000; padding-left: 2mm;
      break-after: avoid; }
    h3, h4 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
    table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9.5pt; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    th, td { border: 0.6pt solid #555; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
    th { background: #e8e8e8; font-weight: bold; }
    td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
    td.k { white-space: nowrap; }
    th { font-size: 8.5pt; }
    table.wide { font-size: 8.5pt; }
    table.wide th { font-size: 7.5pt; padding: 0.6mm 0.8mm; }
    table.wide td { padding: 0.6mm 1mm; }
    td.c, th.c { text-align: center; }
    .note { border: 0.8pt solid #000; padding: 1.5mm 2mm; }
    figure.chart { margin: 2mm 0 4mm; break-inside: avoid; }
    figure.chart svg { max-width: 100%; height: auto; }
    svg.defs { position: absolute; }
    svg text { font-size: 12px; fill: #000; }
    svg text.tick { font-size: 10px; }
    figcaption { font-size: 9pt; text-align: center; }
    svg .bar { fill: #555; }
    svg .bar.short { fill: url(#hatch); stroke: #333; stroke-width: 0.8; }
    svg .axis { stroke: #000; stroke-width: 1; }
    svg .grid { stroke: #bbb; stroke-width: 0.6; }
    svg .target { stroke: #000; stroke-width: 1.4; stroke-dasharray: 6 4; }
    svg .line { fill: none; stroke: #000; stroke-width: 1.6; }
    svg .mark { fill: #000; }
    svg .mark.short { fill: #fff; stroke: #000; stroke-width: 1.4; }
    @media screen { body { margin: 8mm auto; } }
    """
  }
}
