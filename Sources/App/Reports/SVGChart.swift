import Foundation

/// A chart drawn as inline SVG markup, for the printed reports: horizontal bars (one
/// label and value a row) and a line of values by month, each with an optional target
/// line. Hand-written because the package mirror has no Swift chart or SVG library, and
/// these two shapes need only rectangles, lines and text. Every value is written beside
/// its mark, the target is a dashed line with its figure, and bars short of the target
/// are hatched (months short of it are hollow marks), so a black-and-white print reads without colour.
struct SVGChart: Equatable {
  /// A short description for screen readers and the figure caption.
  let title: String
  /// `<svg …>…</svg>`, its text escaped.
  let markup: String

  struct Bar: Equatable {
    var label: String
    var value: Double
    /// The figure as the table prints it (e.g. "92.3 ▼" or "12").
    var text: String
    /// Short of the target by the report's own rule: hatched instead of solid.
    var short = false
  }

  struct Target: Equatable {
    var value: Double
    var label: String
  }

  /// Bars that fit one A4 page (20 px a bar, the chart scaled to the text width).
  static let barsPerChart = 40
  static let fontSize = 12.0
  static let width = 640.0

  /// Horizontal bars on a scale from `floor` (0 for counts) to `maximum` (at least the
  /// largest value), both written under the axis; with a target, the target is a dashed
  /// line. Rates start at a floor near the lowest, else bars of 93 and 98 look alike.
  static func bars(
    title: String, bars: [Bar], floor: Double = 0, maximum: Double? = nil, target: Target? = nil
  ) -> SVGChart {
    let rowHeight = 20.0
    let labelWidth = min(220, (bars.map { textWidth($0.label) }.max() ?? 0) + 8)
    let valueRoom = (bars.map { textWidth($0.text) }.max() ?? 0) + 10
    let top = target == nil ? 8.0 : 24.0
    let plotWidth = width - labelWidth - valueRoom - 4
    let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
    let low = floor.isFinite ? floor : 0
    let scale = max(maximum ?? 0, largest, target?.value ?? 0, low + 1)
    func length(_ v: Double) -> Double {
      v.isFinite ? max(0, min(v, scale) - low) / (scale - low) * plotWidth : 0
    }
    let bottom = top + rowHeight * Double(bars.count)
    let height = bottom + 20
    var svg = open(title: title, height: height)
    for (i, bar) in bars.enumerated() {
      let y = top + rowHeight * Double(i)
      let w = length(bar.value)
      svg += text(clip(bar.label, to: labelWidth - 8), x: labelWidth - 6, y: y + 14, anchor: "end")
      svg +=
        "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 6))\" "
        + "class=\"\(bar.short ? "bar short" : "bar")\"/>"
      svg += text(bar.text, x: labelWidth + w + 4, y: y + 14, anchor: "start")
    }
    if let target {
      let x = labelWidth + length(target.value)
      svg +=
        "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 2))\" class=\"target\"/>"
      svg += text(target.label, x: x, y: top - 8, anchor: "middle")
    }
    svg +=
      "<line x1=\"\(f(labelWidth))\" y1=\"\(f(bottom))\" x2=\"\(f(labelWidth + plotWidth))\" y2=\"\(f(bottom))\" class=\"axis\"/>"
    svg +=
      "<line x1=\"\(f(labelWidth))\" y1=\"\(f(top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(bottom))\" class=\"axis\"/>"
    svg += text(f(low), x: labelWidth, y: bottom + 14, anchor: "middle", tick: true)
    svg += text(f(scale), x: labelWidth + plotWidth, y: bottom + 14, anchor: "middle", tick: true)
    return SVGChart(title: title, markup: svg + "</svg>")
  }

  struct Point: Equatable {
    var label: String
    /// nil where the month has no figure to show (no answers, or fewer than k).
    var value: Double?
    var text: String
    var short = false
  }

  /// Values by month joined by a line, against a dashed target line; a month without a
  /// figure breaks the line and shows its text (e.g. "n<5") instead of a mark.
  static func trend(title: String, points: [Point], target: Target?) -> SVGChart {
    let height = 220.0
    let left = 40.0
    let right = 28.0
    let top = 24.0
    let bottom = 40.0
    let values = points.compactMap(\.value).filter(\.isFinite) + [target?.value].compactMap { $0 }
    // The scale shows the spread, not 0–100: rates sit within a few points of each other.
    var low = ((values.min() ?? 0) - 5).rounded(.down)
    var high = ((values.max() ?? 100) + 3).rounded(.up)
    low = max(0, min(low, high - 10))
    high = max(high, low + 10)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let step = points.count > 1 ? plotWidth / Double(points.count - 1) : 0
    func x(_ i: Int) -> Double { points.count > 1 ? left + step * Double(i) : left + plotWidth / 2 }
    func y(_ v: Double) -> Double { top + (high - min(max(v, low), high)) / (high - low) * plotHeight }
    var svg = open(title: title, height: height)
    // Gridlines at round figures, labelled on the axis.
    // A step of 1, 2 or 5 times a power of ten giving at most about six lines; counted,
    // not added up, so a range far from zero cannot stall the loop.
    let gridStep = niceStep((high - low) / 5)
    let firstLine = (low / gridStep).rounded(.up) * gridStep
    for n in 0...10 {
      let g = firstLine + Double(n) * gridStep
      if g > high { break }
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(y(g)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(g)))\" class=\"grid\"/>"
      svg += text(f(g), x: left - 4, y: y(g) + 4, anchor: "end", tick: true)
    }
    if let target {
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(y(target.value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(target.value)))\" class=\"target\"/>"
      svg += text(target.label, x: width - right, y: y(target.value) - 4, anchor: "end")
    }
    // The line runs through consecutive months with figures.
    var run: [String] = []
    func flush() {
      if run.count > 1 { svg += "<polyline points=\"\(run.joined(separator: " "))\" class=\"line\"/>" }
      run = []
    }
    for (i, p) in points.enumerated() {
      if let v = p.value, v.isFinite { run.append("\(f(x(i))),\(f(y(v)))") } else { flush() }
    }
    flush()
    for (i, p) in points.enumerated() {
      if let v = p.value, v.isFinite {
        svg +=
          "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3.5\" class=\"\(p.short ? "mark short" : "mark")\"/>"
        svg += text(p.text, x: x(i), y: y(v) - 8, anchor: "middle")
      } else {
        // Near the foot, clear of the line and the target.
        svg += text(p.text, x: x(i), y: top + plotHeight - 6, anchor: "middle")
      }
      svg += text(p.label, x: x(i), y: height - bottom + 16, anchor: "middle", tick: true)
    }
    return SVGChart(title: title, markup: svg + "</svg>")
  }

  /// The opening tag. Inline in the page, the SVG needs no namespace (so the file names
  /// no web address); the hatch pattern is defined once by the page (`HTMLPage`).
  private static func open(title: String, height: Double) -> String {
    "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" "
      + "role=\"img\" aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
  }

  /// A label; `tick` ones (axis figures, months) are set smaller.
  private static func text(_ s: String, x: Double, y: Double, anchor: String, tick: Bool = false) -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"\(tick ? " class=\"tick\"" : "")>"
      + "\(HTMLText.escape(s))</text>"
  }

  /// A coordinate with at most one decimal, so the markup stays short and stable.
  static func f(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 10).rounded() / 10
    // Int(_:) traps beyond its range: only whole figures well inside it go through Int.
    return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
  }

  /// 1, 2 or 5 times a power of ten, at least `rough` (and positive).
  static func niceStep(_ rough: Double) -> Double {
    guard rough.isFinite, rough > 0 else { return 1 }
    let power = pow(10, (log10(rough)).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * power >= rough { return m * power }
    return 10 * power
  }

  /// The width of `s` at the chart's font size: CJK and other wide characters take a
  /// full em, ASCII about six tenths.
  static func textWidth(_ s: String) -> Double {
    s.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 0.6 : 1.0) } * fontSize
  }

  /// `s` shortened with … to fit `width`.
  static func clip(_ s: String, to width: Double) -> String {
    guard textWidth(s) > width else { return s }
    var out = ""
    for c in s {
      if textWidth(out + String(c) + "…") > width { break }
      out.append(c)
    }
    return out + "…"
  }
}
