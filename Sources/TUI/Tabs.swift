/// A row of tabs: the active one drawn as `[ 组织 ]` in `tab.active`, the others as
/// `  统计  ` in `tab`. When they do not fit, the short titles are used; when even
/// those do not fit, tabs scroll so the active one shows.
public struct Tabs: Hashable, Sendable {
  public var titles: [String]
  /// Shorter titles for narrow rows (same count as `titles`), or none.
  public var shortTitles: [String]?
  public var active: Int

  public init(titles: [String], shortTitles: [String]? = nil, active: Int = 0) {
    self.titles = titles
    self.shortTitles = shortTitles?.count == titles.count ? shortTitles : nil
    self.active = active
  }

  /// The width every tab needs drawn with `titles`, gaps included.
  public static func fullWidth(_ titles: [String]) -> Int {
    titles.reduce(0) { $0 + SafeText.visible($1).displayWidth + 4 } + max(0, titles.count - 1)
  }

  /// The titles drawn in a row `width` wide: the full ones when they fit, else the short ones.
  public func shownTitles(width: Int) -> [String] {
    guard let shortTitles, Self.fullWidth(titles) > width else { return titles }
    return shortTitles
  }

  /// Where each visible tab is drawn in `rect` (one row).
  public func layout(in rect: Rect) -> [(index: Int, rect: Rect)] {
    guard !rect.isEmpty, !titles.isEmpty else { return [] }
    let widths = shownTitles(width: rect.width).map { SafeText.visible($0).displayWidth + 4 }
    let current = min(max(0, active), titles.count - 1)
    // Scroll: drop tabs from the left until the active tab ends inside the rect.
    var start = 0
    func end(from s: Int) -> Int { (s...current).reduce(0) { $0 + widths[$1] + 1 } - 1 }
    while start < current && end(from: start) > rect.width { start += 1 }
    var out: [(index: Int, rect: Rect)] = []
    var x = rect.x
    for i in start..<titles.count {
      if x >= rect.maxX { break }
      let w = min(widths[i], rect.maxX - x)
      out.append((i, Rect(x: x, y: rect.y, width: w, height: 1)))
      x += widths[i] + 1
    }
    return out
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
    buffer.fill(row, role: .tab)
    let shown = shownTitles(width: row.width)
    for (i, r) in layout(in: row) {
      let isActive = i == active
      let label =
        isActive ? "[ " + SafeText.visible(shown[i]) + " ]" : "  " + SafeText.visible(shown[i]) + "  "
      let clipped = DisplayWidth.current.clip(label, to: r.width, ellipsis: glyphs.ellipsis)
      buffer.put(clipped, in: r, role: isActive ? .tabActive : .tab)
    }
  }

  /// The tab under screen column `x` when drawn in `rect`, for mouse clicks.
  public func hitTest(x: Int, in rect: Rect) -> Int? {
    layout(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)).first {
      $0.rect.x <= x && x < $0.rect.maxX
    }?
    .index
  }

  /// Left/right (and Shift-Tab/Tab) move between tabs, wrapping around.
  public mutating func handle(_ key: Key) -> Bool {
    guard !titles.isEmpty else { return false }
    switch key {
    case .right, .tab: active = (active + 1) % titles.count
    case .left, .backTab: active = (active - 1 + titles.count) % titles.count
    default: return false
    }
    return true
  }
}
