import Foundation

/// Horizontal bars, one per row: label, bar, value text and an optional marker, with an
/// optional target drawn as a vertical marker across the bars.
///
///     BarChart(bars: [.init(label: "内科", value: 92.5), .init(label: "外科", value: 78)],
///              maxValue: 100, target: 85).render(into: &buffer, in: rect, glyphs: .unicode)
public struct BarChart: Hashable, Sendable {
  public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double
    /// Shown right of the bars; defaults to the value with at most one decimal.
    public var valueText: String?
    /// The bar's role (a grade colour); `chart.bar` when nil.
    public var role: StyleRole?
    /// Text after the value, such as a grade word or symbol.
    public var marker: String?

    public init(
      label: String, value: Double, valueText: String? = nil, role: StyleRole? = nil, marker: String? = nil
    ) {
      self.label = label
      self.value = value
      self.valueText = valueText
      self.role = role
      self.marker = marker
    }
  }

  public var bars: [Bar]
  /// The value of a full-width bar; the largest value when nil.
  public var maxValue: Double?
  public var target: Double?
  /// The first bar drawn (for a scrolled list). Column widths and the scale are
  /// computed over all bars, so a bar keeps its length and place while scrolling.
  public var firstRow: Int

  public init(bars: [Bar], maxValue: Double? = nil, target: Double? = nil, firstRow: Int = 0) {
    self.bars = bars
    self.maxValue = maxValue
    self.target = target
    self.firstRow = firstRow
  }

  /// A number with at most one decimal: 92.5, 88, 3.1.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }

  /// The bar text for `value` of `scale` in `width` columns: full blocks plus a 1/8
  /// partial block, or whole `#` cells when the glyphs have no partial blocks.
  public static func barText(value: Double, scale: Double, width: Int, glyphs: Glyphs) -> String {
    guard width > 0, scale > 0, value.isFinite, value > 0 else { return "" }
    let fraction = min(1, value / scale)
    let hasPartials = Set(glyphs.bar).count > 1
    if !hasPartials {
      return String(repeating: String(glyphs.fullBlock), count: Int((fraction * Double(width)).rounded()))
    }
    let eighths = Int((fraction * Double(width * 8)).rounded())
    var s = String(repeating: String(glyphs.fullBlock), count: eighths / 8)
    if eighths % 8 > 0 { s.append(glyphs.bar[eighths % 8 - 1]) }
    return s
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty, !bars.isEmpty else { return }
    let labels = bars.map { SafeText.visible($0.label) }
    let values = bars.map { SafeText.visible($0.valueText ?? Self.format($0.value)) }
    let markers = bars.map { SafeText.visible($0.marker ?? "") }
    let labelWidth = min(labels.map(\.displayWidth).max() ?? 0, rect.width / 3)
    var valueWidth = values.map(\.displayWidth).max() ?? 0
    var markerWidth = markers.map(\.displayWidth).max() ?? 0
    func barWidth() -> Int {
      rect.width - labelWidth - 1 - (valueWidth > 0 ? valueWidth + 1 : 0)
        - (markerWidth > 0 ? markerWidth + 1 : 0)
    }
    if barWidth() < 4 { markerWidth = 0 }
    if barWidth() < 2 { valueWidth = 0 }
    let barW = max(0, barWidth())
    let scale = maxValue ?? max(bars.map(\.value).max() ?? 0, target ?? 0)
    let barX = rect.x + labelWidth + 1
    let first = max(0, min(firstRow, bars.count))
    for (i, bar) in bars.enumerated().dropFirst(first) where i - first < rect.height {
      let y = rect.y + i - first
      buffer.put(
        DisplayWidth.current.clip(labels[i], to: labelWidth, ellipsis: glyphs.ellipsis),
        in: Rect(x: rect.x, y: y, width: labelWidth, height: 1))
      guard barW > 0 else { continue }
      buffer.fill(Rect(x: barX, y: y, width: barW, height: 1))
      buffer.put(
        Self.barText(value: bar.value, scale: scale, width: barW, glyphs: glyphs), x: barX, y: y,
        role: bar.role ?? .chartBar, maxWidth: barW)
      if let target, scale > 0, target >= 0 {
        let column = min(barW - 1, Int((target / scale * Double(barW)).rounded(.down)))
        buffer.put(glyphs.vertical, x: barX + column, y: y, role: .chartTarget)
      }
      var x = barX + barW + 1
      if valueWidth > 0 {
        buffer.put(
          values[i], in: Rect(x: x, y: y, width: valueWidth, height: 1), role: bar.role ?? .normal,
          align: .right)
        x += valueWidth + 1
      }
      if markerWidth > 0 {
        buffer.put(markers[i], in: Rect(x: x, y: y, width: markerWidth, height: 1), role: bar.role ?? .normal)
      }
    }
  }
}

/// One row of spark glyphs for a series, scaled to its min…max (or a given range);
/// nil values are gaps. When there are more values than columns the latest are shown.
public struct Sparkline: Hashable, Sendable {
  public var values: [Double?]
  public var range: ClosedRange<Double>?
  public var role: StyleRole

  public init(values: [Double?], range: ClosedRange<Double>? = nil, role: StyleRole = .chartBar) {
    self.values = values
    self.range = range
    self.role = role
  }

  /// The glyphs for the latest `width` values.
  public func text(width: Int, glyphs: Glyphs) -> String {
    guard width > 0, !glyphs.spark.isEmpty else { return "" }
    let shown = values.suffix(width)
    let present = shown.compactMap { $0 }.filter(\.isFinite)
    let lo = range?.lowerBound ?? present.min() ?? 0
    let hi = range?.upperBound ?? present.max() ?? 0
    let levels = glyphs.spark.count
    var s = ""
    for v in shown {
      guard let v, v.isFinite else {
        s += " "
        continue
      }
      let level: Int
      if hi > lo {
        level = Int(((min(max(v, lo), hi) - lo) / (hi - lo) * Double(levels - 1)).rounded())
      } else {
        level = (levels - 1) / 2
      }
      s.append(glyphs.spark[level])
    }
    return s
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.put(
      text(width: rect.width, glyphs: glyphs), x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
  }
}

/// A labelled ratio bar with percentage text: `完成率 ██████░░░░ 63%`.
public struct Gauge: Hashable, Sendable {
  public var label: String
  /// 0…1 (clamped when drawn).
  public var ratio: Double
  /// Replaces the percentage text when set.
  public var valueText: String?
  public var role: StyleRole
  /// Columns for the label (so gauges stacked together line up); nil gives it up to a
  /// third of the row. The bar keeps at least a few columns either way.
  public var labelWidth: Int?

  public init(
    label: String, ratio: Double, valueText: String? = nil, role: StyleRole = .chartBar,
    labelWidth: Int? = nil
  ) {
    self.label = label
    self.ratio = ratio
    self.valueText = valueText
    self.role = role
    self.labelWidth = labelWidth
  }

  public var percentText: String {
    let r = ratio.isFinite ? min(max(ratio, 0), 1) : 0
    return valueText ?? "\(Int((r * 100).rounded()))%"
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    buffer.fill(row)
    let label = SafeText.visible(self.label)
    let pct = SafeText.visible(percentText)
    let labelWidth =
      self.labelWidth.map { max(0, min($0, rect.width - pct.displayWidth - 2 - 4)) }
      ?? min(label.displayWidth, rect.width / 3)
    var x = rect.x
    if labelWidth > 0 {
      buffer.put(
        DisplayWidth.current.clip(label, to: labelWidth, ellipsis: glyphs.ellipsis), x: x, y: rect.y,
        maxWidth: labelWidth)
      x += labelWidth + 1
    }
    let pctWidth = pct.displayWidth
    let barWidth = rect.maxX - x - pctWidth - 1
    if barWidth >= 1 {
      let r = ratio.isFinite ? min(max(ratio, 0), 1) : 0
      buffer.fill(Rect(x: x, y: rect.y, width: barWidth, height: 1), with: glyphs.lightShade, role: .muted)
      buffer.put(
        BarChart.barText(value: r, scale: 1, width: barWidth, glyphs: glyphs), x: x, y: rect.y, role: role,
        maxWidth: barWidth)
      buffer.put(pct, x: x + barWidth + 1, y: rect.y, maxWidth: pctWidth)
    } else {
      buffer.put(pct, x: x, y: rect.y, maxWidth: rect.maxX - x)
    }
  }
}

/// Large figures for a kiosk: digits and `. % : - +` and space, three rows high, built
/// from block characters (or `_` and `|` segments in ASCII). Falls back to ordinary
/// text when the rect is too small or the text has other characters.
public struct BigDigits: Hashable, Sendable {
  public var text: String
  public var alignment: DisplayWidth.Alignment
  public var role: StyleRole

  public init(_ text: String, alignment: DisplayWidth.Alignment = .left, role: StyleRole = .bigDigits) {
    self.text = text
    self.alignment = alignment
    self.role = role
  }

  static let blocks: [Character: [String]] = [
    "0": ["█▀█", "█ █", "█▄█"],
    "1": ["▀█ ", " █ ", "▄█▄"],
    "2": ["▀▀█", "█▀▀", "█▄▄"],
    "3": ["▀▀█", " ▀█", "▄▄█"],
    "4": ["█ █", "▀▀█", "  █"],
    "5": ["█▀▀", "▀▀█", "▄▄█"],
    "6": ["█▀▀", "█▀█", "█▄█"],
    "7": ["▀▀█", "  █", "  █"],
    "8": ["█▀█", "█▀█", "█▄█"],
    "9": ["█▀█", "▀▀█", "▄▄█"],
    ".": [" ", " ", "▄"],
    ":": ["▄", " ", "▀"],
    "%": ["█ ▄▀", " ▄▀ ", "▄▀ █"],
    "-": ["   ", "▀▀▀", "   "],
    "+": [" ▄ ", "▀█▀", " ▀ "],
    " ": ["  ", "  ", "  "],
  ]

  static let segments: [Character: [String]] = [
    "0": [" _ ", "| |", "|_|"],
    "1": ["   ", "  |", "  |"],
    "2": [" _ ", " _|", "|_ "],
    "3": [" _ ", " _|", " _|"],
    "4": ["   ", "|_|", "  |"],
    "5": [" _ ", "|_ ", " _|"],
    "6": [" _ ", "|_ ", "|_|"],
    "7": [" _ ", "  |", "  |"],
    "8": [" _ ", "|_|", "|_|"],
    "9": [" _ ", "|_|", " _|"],
    ".": [" ", " ", "."],
    ":": [" ", ".", "."],
    "%": ["o  /", "  / ", " / o"],
    "-": ["   ", " _ ", "   "],
    "+": ["   ", "_|_", " | "],
    " ": ["  ", "  ", "  "],
  ]

  static func font(_ glyphs: Glyphs) -> [Character: [String]] {
    glyphs.fullBlock == "█" ? blocks : segments
  }

  /// The size of `text` in large figures (one column between figures); its ordinary
  /// one-row size when a character has no large form.
  public static func size(of text: String) -> Size {
    var width = 0
    for (i, c) in text.enumerated() {
      guard let g = blocks[c] else { return Size(width: text.displayWidth, height: 1) }
      width += g[0].count + (i > 0 ? 1 : 0)
    }
    return Size(width: width, height: text.isEmpty ? 0 : 3)
  }

  /// Whether every character has a large form.
  public static func canRender(_ text: String) -> Bool {
    text.allSatisfy { blocks[$0] != nil }
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let size = Self.size(of: text)
    guard Self.canRender(text), size.width <= rect.width, size.height <= rect.height else {
      buffer.put(
        DisplayWidth.current.clip(SafeText.visible(text), to: rect.width, ellipsis: glyphs.ellipsis),
        in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role, align: alignment)
      return
    }
    let font = Self.font(glyphs)
    let x0: Int
    switch alignment {
    case .left: x0 = rect.x
    case .right: x0 = rect.maxX - size.width
    case .center: x0 = rect.x + (rect.width - size.width) / 2
    }
    for row in 0..<3 {
      var line = ""
      for (i, c) in text.enumerated() {
        if i > 0 { line += " " }
        line += font[c]![row]
      }
      buffer.put(line, x: x0, y: rect.y + row, role: role, maxWidth: rect.maxX - x0)
    }
  }
}
