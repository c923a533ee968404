import Foundation

/// A report as its printed page lays it out: the blocks of the Markdown an export
/// writes, read back. The HTML page is typeset from these blocks, so it shows the very
/// figures of the Markdown of the same command; charts are blocks added beside them.
struct ReportDocument: Equatable {
  var blocks: [ReportBlock]

  /// The first top-level heading: the report's title.
  var title: String {
    for case .heading(1, let text) in blocks { return text }
    return ""
  }

  /// The table that follows the heading `heading` (before the next heading), with the
  /// index of that block, e.g. the grade distribution under its 等次分布 heading.
  func tables(under heading: (String) -> Bool) -> [(index: Int, table: ReportTable)] {
    var found: [(Int, ReportTable)] = []
    var inside = false
    for (i, block) in blocks.enumerated() {
      switch block {
      case .heading(_, let text): inside = heading(text)
      case .table(let t) where inside:
        found.append((i, t))
        inside = false
      default: break
      }
    }
    return found
  }

  /// Puts `block` right after the block at `index` (charts after their tables), keeping
  /// earlier indices valid when callers insert from the last index back.
  mutating func insert(_ block: ReportBlock, after index: Int) {
    blocks.insert(block, at: index + 1)
  }
}

enum ReportBlock: Equatable {
  case heading(level: Int, text: String)
  case paragraph(String)
  /// A `> ` line: a warning the report stresses (e.g. over the 优秀 cap).
  case note(String)
  case table(ReportTable)
  /// A chart drawn as inline SVG (already markup, not text).
  case chart(SVGChart)
}

struct ReportTable: Equatable {
  enum Alignment: Equatable { case left, center, right }
  var header: [String]
  var alignments: [Alignment]
  var rows: [[String]]

  /// The cells of the column headed `name`, one per row ("" where a row is short).
  func column(_ name: String) -> [String] {
    guard let i = header.firstIndex(of: name) else { return [] }
    return rows.map { i < $0.count ? $0[i] : "" }
  }
}

/// Reads the Markdown the exports write: ATX headings, pipe tables with a delimiter row,
/// `> ` notes and paragraphs; backslash escapes of ASCII punctuation (`\|`, `\*`, `\\`)
/// are undone and nothing else is interpreted, so data text stays text.
enum MarkdownReportReader {
  static func read(_ markdown: String) -> ReportDocument {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    var blocks: [ReportBlock] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        i += 1
      } else if let heading = heading(trimmed) {
        blocks.append(heading)
        i += 1
      } else if trimmed.hasPrefix("|"), i + 1 < lines.count, let alignments = delimiterRow(lines[i + 1]) {
        var table = ReportTable(header: cells(trimmed), alignments: alignments, rows: [])
        i += 2
        while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
          table.rows.append(cells(lines[i].trimmingCharacters(in: .whitespaces)))
          i += 1
        }
        blocks.append(.table(table))
      } else if trimmed.hasPrefix(">") {
        blocks.append(.note(unescape(trimmed.dropFirst().trimmingCharacters(in: .whitespaces))))
        i += 1
      } else {
        // A paragraph runs to the next blank line or block.
        var text = unescape(trimmed)
        i += 1
        while i < lines.count {
          let next = lines[i].trimmingCharacters(in: .whitespaces)
          if next.isEmpty || next.hasPrefix("#") || next.hasPrefix("|") || next.hasPrefix(">") { break }
          text += " " + unescape(next)
          i += 1
        }
        blocks.append(.paragraph(text))
      }
    }
    return ReportDocument(blocks: blocks)
  }

  static func heading(_ line: String) -> ReportBlock? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes) else { return nil }
    let rest = line.dropFirst(hashes)
    guard rest.isEmpty || rest.first == " " else { return nil }
    return .heading(level: hashes, text: unescape(rest.trimmingCharacters(in: .whitespaces)))
  }

  /// `| --: | :-- | :-: |`: the alignment of each column, or nil for any other line.
  static func delimiterRow(_ line: String) -> [ReportTable.Alignment]? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("|") else { return nil }
    let parts = cells(trimmed)
    guard !parts.isEmpty else { return nil }
    var out: [ReportTable.Alignment] = []
    for part in parts {
      guard part.contains("-"), part.allSatisfy({ $0 == "-" || $0 == ":" }) else { return nil }
      let left = part.hasPrefix(":")
      let right = part.hasSuffix(":")
      out.append(left && right ? .center : right ? .right : .left)
    }
    return out
  }

  /// The cells of a `| a | b \| c |` row, split at unescaped pipes, each unescaped.
  static func cells(_ row: String) -> [String] {
    var body = Substring(row)
    if body.hasPrefix("|") { body = body.dropFirst() }
    var cells: [String] = []
    var current = ""
    var escaped = false
    for c in body {
      if escaped {
        current += "\\" + String(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "|" {
        cells.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    if escaped { current += "\\" }
    // The text after the closing pipe (usually nothing) is no cell.
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { cells.append(current) }
    return cells.map { unescape($0.trimmingCharacters(in: .whitespaces)) }
  }

  /// Undoes CommonMark backslash escapes: `\` before ASCII punctuation stands for that
  /// character; before anything else it is a backslash.
  static func unescape(_ text: String) -> String {
    guard text.contains("\\") else { return text }
    var out = ""
    var escaped = false
    for c in text {
      if escaped {
        if !(c.isASCII && c.isPunctuation || c.isASCII && c.isSymbol) { out.append("\\") }
        out.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else {
        out.append(c)
      }
    }
    if escaped { out.append("\\") }
    return out
  }
}
