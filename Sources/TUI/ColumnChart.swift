/// Vertical columns over time, bottom-aligned, with a value axis on the left and an
/// optional target drawn as a horizontal line across the columns. Columns use 1/8
/// blocks (whole `#` cells in ASCII); nil values are gaps.
///
///     ColumnChart(values: [95.1, 96.0, nil, 94.2], range: 90...100, target: 94)
///       .render(into: &buffer, in: rect, glyphs: .unicode)
public struct ColumnChart: Hashable, Sendable {
  public var values: [Double?]
  /// The values at the bottom and top rows; values outside are clamped.
  public var range: ClosedRange<Double>
  public var target: Double?
  /// Per-column roles (e.g. a warning for columns below target); `chart.bar` when nil.
  public var roles: [StyleRole?]
  /// Columns per value and the gap between values.
  public var columnWidth: Int
  public var gap: Int

  public init(
    values: [Double?], range: ClosedRange<Double>, target: Double? = nil, roles: [StyleRole?] = [],
    columnWidth: Int = 1, gap: Int = 0
  ) {
    self.values = values
    self.range = range
    self.target = target
    self.roles = roles
    self.columnWidth = max(1, columnWidth)
    self.gap = max(0, gap)
  }

  /// A range that shows the differences between `values` (and the target): from a
  /// little under the lowest to a little over the highest, in whole numbers, within `bounds`.
  public static func niceRange(
    _ values: [Double?], target: Double?, bounds: ClosedRange<Double> = 0...100
  ) -> ClosedRange<Double> {
    let all = values.compactMap { $0 }.filter(\.isFinite) + (target.map { [$0] } ?? [])
    guard let lo = all.min(), let hi = all.max() else { return bounds }
    var a = (lo - max(1, (hi - lo) * 0.15)).rounded(.down)
    var b = (hi + max(0.5, (hi - lo) * 0.1)).rounded(.up)
    a = max(bounds.lowerBound, a)
    b = min(bounds.upperBound, b)
    if b <= a { b = a + 1 }
    return a...b
  }

  /// Columns taken by the value axis (labels and a tick).
  public var axisWidth: Int {
    let labels = [range.lowerBound, range.upperBound] + (target.map { [$0] } ?? [])
    return (labels.map { BarChart.format($0).count }.max() ?? 1) + 1
  }

  /// How many values fit in `width` columns next to the axis.
  public func capacity(width: Int) -> Int {
    max(0, (width - axisWidth + gap) / (columnWidth + gap))
  }

  /// The screen column where value `index` of the shown (latest) values starts.
  public func columnX(_ index: Int, in rect: Rect) -> Int {
    rect.x + axisWidth + index * (columnWidth + gap)
  }

  /// The values drawn in `rect`: the latest that fit.
  public func shown(in rect: Rect) -> ArraySlice<Double?> {
    values.suffix(capacity(width: rect.width))
  }

  /// The row (from the top of `rect`) a value falls on.
  func row(of value: Double, height: Int) -> Int {
    let span = range.upperBound - range.lowerBound
    guard span > 0, height > 0 else { return height - 1 }
    let f = min(1, max(0, (value - range.lowerBound) / span))
    return height - 1 - min(height - 1, Int(f * Double(height - 1) + 0.5))
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect)
    let h = rect.height
    let axis = axisWidth
    // Value axis: top, bottom and target labels with a tick.
    func label(_ v: Double, role: StyleRole) {
      let y = rect.y + row(of: v, height: h)
      buffer.put(
        BarChart.format(v), in: Rect(x: rect.x, y: y, width: axis - 1, height: 1), role: role, align: .right)
    }
    for y in rect.y..<rect.maxY {
      buffer.put(glyphs.vertical, x: rect.x + axis - 1, y: y, role: .muted)
    }
    label(range.upperBound, role: .muted)
    label(range.lowerBound, role: .muted)
    let shown = Array(shown(in: rect))
    let plotWidth = rect.maxX - (rect.x + axis)
    let targetRow = target.map { row(of: $0, height: h) }
    if let target, let targetRow {
      label(target, role: .chartTarget)
      buffer.put(
        String(repeating: String(glyphs.horizontal), count: max(0, plotWidth)), x: rect.x + axis,
        y: rect.y + targetRow, role: .chartTarget, maxWidth: plotWidth)
    }
    let partials = Set(glyphs.bar).count > 1
    let span = range.upperBound - range.lowerBound
    let offset = values.count - shown.count
    for (i, value) in shown.enumerated() {
      guard let value, value.isFinite, span > 0 else { continue }
      let x = columnX(i, in: rect)
      let f = min(1, max(0, (value - range.lowerBound) / span))
      // Height in eighths of a row; at least a sliver so a column at the bottom shows.
      var eighths = Int((f * Double(h * 8)).rounded())
      if !partials { eighths = Int((f * Double(h)).rounded()) * 8 }
      eighths = max(eighths, partials ? 1 : 8)
      let role = roles.indices.contains(i + offset) ? roles[i + offset] ?? .chartBar : .chartBar
      for r in 0..<h {
        let fromBottom = h - 1 - r
        let level = eighths - fromBottom * 8
        guard level > 0 else { continue }
        let glyph: Character = level >= 8 ? glyphs.fullBlock : glyphs.spark[min(7, level - 1)]
        for c in 0..<columnWidth where x + c < rect.maxX {
          buffer.put(glyph, x: x + c, y: rect.y + r, role: role)
        }
      }
    }
  }
}
