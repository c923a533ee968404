/// The selected index and scroll offset of a vertical list, shared by `ListView`,
/// `Table` and `TreeView`. Rendering never mutates it: the offset shown is computed from
/// the stored offset so that the selection is always visible.
public struct ListSelection: Hashable, Sendable {
  public var count: Int {
    didSet {
      if count < 0 { count = 0 }
      clamp()
    }
  }
  public var selected: Int
  /// The first row shown, as last adjusted by key handling.
  public var offset: Int
  /// Rows moved by page up/down; also the viewport height `handle` assumes when it
  /// scrolls. Callers that know the real height set it.
  public var pageSize: Int

  public init(count: Int, selected: Int = 0, offset: Int = 0, pageSize: Int = 10) {
    self.count = max(0, count)
    self.selected = selected
    self.offset = offset
    self.pageSize = max(1, pageSize)
    clamp()
  }

  mutating func clamp() {
    selected = count == 0 ? 0 : min(max(0, selected), count - 1)
    offset = max(0, offset)
  }

  /// The first row to show in a viewport of `height` rows so that the selection is
  /// visible and no space is wasted below the last row.
  public func visibleOffset(height: Int) -> Int {
    guard height > 0, count > 0 else { return 0 }
    var o = offset
    if selected < o { o = selected }
    if selected >= o + height { o = selected - height + 1 }
    return min(max(0, o), max(0, count - height))
  }

  /// Moves the selection to `index` (clamped) and scrolls it into view.
  public mutating func select(_ index: Int) {
    selected = index
    clamp()
    offset = visibleOffset(height: pageSize)
  }

  /// Up/down (and k/j), page up/down, home/end. Returns whether the key was used.
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .up, .char("k"): select(selected - 1)
    case .down, .char("j"): select(selected + 1)
    case .pageUp: select(selected - pageSize)
    case .pageDown: select(selected + pageSize)
    case .home: select(0)
    case .end: select(count - 1)
    default: return false
    }
    return true
  }

  /// The row index under screen row `y` of a list drawn from `top` with `height` rows.
  public func index(atY y: Int, top: Int, height: Int) -> Int? {
    guard y >= top, y < top + height else { return nil }
    let i = visibleOffset(height: height) + (y - top)
    return i < count ? i : nil
  }
}
