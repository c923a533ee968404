/// A column of a `Table`.
public struct TableColumn: Hashable, Sendable {
  public enum Width: Hashable, Sendable {
    /// Exactly this many columns (shrunk only when the table is narrower than all fixed columns).
    case fixed(Int)
    /// A share of the space left after fixed columns, by weight, at least `minimum`.
    case flexible(weight: Int = 1, minimum: Int = 0)
  }

  public var title: String
  public var width: Width
  public var alignment: DisplayWidth.Alignment

  public init(_ title: String, width: Width = .flexible(), alignment: DisplayWidth.Alignment = .left) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

/// One cell: text and an optional role that overrides the row's role (a grade colour).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
  public var text: String
  public var role: StyleRole?

  public init(_ text: String, role: StyleRole? = nil) {
    self.text = text
    self.role = role
  }

  public init(stringLiteral value: String) { self.init(value) }
}

/// A table with a header row, a selected row and vertical scrolling.
///
///     var table = Table(columns: [TableColumn("科室", width: .flexible(minimum: 6)),
///                                 TableColumn("得分", width: .fixed(6), alignment: .right)],
///                       rows: [["内科", "92.5"], ["外科", "88.0"]])
///     table.sort = Table.Sort(column: 1, ascending: false)
///     table.render(into: &buffer, in: rect, glyphs: .unicode)
///     _ = table.handle(.down)
public struct Table: Hashable, Sendable {
  public struct Sort: Hashable, Sendable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool) {
      self.column = column
      self.ascending = ascending
    }
  }

  public var columns: [TableColumn]
  public var rows: [[TableCell]] {
    didSet { selection.count = rows.count }
  }
  public var selection: ListSelection
  /// The column the rows are sorted by; shown with ▲/▼ in the header.
  public var sort: Sort?
  /// Focused tables draw the selection in `selected`, others in `selected.inactive`.
  public var isFocused: Bool
  public var showsHeader: Bool
  /// Columns between adjacent columns.
  public var columnGap: Int
  /// Shown (muted) when there are no rows; callers pass the words.
  public var emptyText: String?
  /// False for read-only displays (a kiosk), where no row is "current".
  public var showsSelection = true

  public init(
    columns: [TableColumn], rows: [[TableCell]] = [], selected: Int = 0, sort: Sort? = nil,
    isFocused: Bool = true, showsHeader: Bool = true, columnGap: Int = 1, emptyText: String? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.selection = ListSelection(count: rows.count, selected: selected)
    self.sort = sort
    self.isFocused = isFocused
    self.showsHeader = showsHeader
    self.columnGap = max(0, columnGap)
    self.emptyText = emptyText
  }

  public var selectedRow: Int? { rows.isEmpty ? nil : selection.selected }

  /// Column widths for a table `total` columns wide: fixed columns get their width,
  /// flexible ones their minimum plus a weighted share of the rest; when too narrow,
  /// the rightmost columns shrink first (to 0, meaning not shown).
  public func columnWidths(total: Int) -> [Int] {
    guard !columns.isEmpty else { return [] }
    let available = max(0, total - columnGap * (columns.count - 1))
    var widths = columns.map { c -> Int in
      switch c.width {
      case .fixed(let w): return max(0, w)
      case .flexible(_, let minimum): return max(0, minimum)
      }
    }
    var rest = available - widths.reduce(0, +)
    if rest > 0 {
      let weights = columns.map { c -> Int in
        if case .flexible(let weight, _) = c.width { return max(0, weight) }
        return 0
      }
      let totalWeight = weights.reduce(0, +)
      if totalWeight > 0 {
        var given = 0
        for i in widths.indices where weights[i] > 0 {
          let share = rest * weights[i] / totalWeight
          widths[i] += share
          given += share
        }
        var left = rest - given
        var i = 0
        while left > 0 {
          if weights[i] > 0 {
            widths[i] += 1
            left -= 1
          }
          i = (i + 1) % widths.count
        }
        rest = 0
      }
    }
    var i = widths.count - 1
    while rest < 0 && i >= 0 {
      let cut = min(widths[i], -rest)
      widths[i] -= cut
      rest += cut
      i -= 1
    }
    return widths
  }

  /// The body rows' rectangle inside `rect` (below the header).
  func body(of rect: Rect) -> Rect {
    showsHeader ? rect.splitTop(1).1 : rect
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let widths = columnWidths(total: rect.width)
    if showsHeader {
      let header = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
      buffer.fill(header, role: .header)
      var x = rect.x
      for (i, column) in columns.enumerated() {
        let w = widths[i]
        if w > 0 {
          var title = SafeText.visible(column.title)
          if let sort, sort.column == i {
            let mark = String(sort.ascending ? glyphs.sortAscending : glyphs.sortDescending)
            title = DisplayWidth.current.clip(title, to: max(0, w - 2), ellipsis: glyphs.ellipsis)
            title += (title.isEmpty ? "" : " ") + mark
          }
          let fitted = DisplayWidth.current.clip(title, to: w, ellipsis: glyphs.ellipsis)
          buffer.put(
            fitted, in: Rect(x: x, y: rect.y, width: w, height: 1), role: .header, align: column.alignment)
        }
        x += w + columnGap
      }
    }
    let body = body(of: rect)
    guard !body.isEmpty else { return }
    buffer.fill(body)
    if rows.isEmpty {
      if let emptyText {
        buffer.put(
          DisplayWidth.current.clip(emptyText, to: body.width, ellipsis: glyphs.ellipsis),
          in: body.splitTop(1).0, role: .muted)
      }
      return
    }
    let offset = selection.visibleOffset(height: body.height)
    for line in 0..<body.height {
      let r = offset + line
      guard r < rows.count else { break }
      let y = body.y + line
      let isSelected = showsSelection && r == selection.selected
      let rowRole: StyleRole = isSelected ? (isFocused ? .selected : .selectedInactive) : .normal
      if isSelected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: rowRole) }
      var x = body.x
      for (i, column) in columns.enumerated() {
        let w = widths[i]
        if w > 0, i < rows[r].count {
          let cell = rows[r][i]
          let text = DisplayWidth.current.clip(SafeText.visible(cell.text), to: w, ellipsis: glyphs.ellipsis)
          let role = isSelected ? rowRole : (cell.role ?? rowRole)
          buffer.put(text, in: Rect(x: x, y: y, width: w, height: 1), role: role, align: column.alignment)
        }
        x += w + columnGap
      }
    }
  }

  /// Up/down, j/k, page up/down, home/end.
  public mutating func handle(_ key: Key) -> Bool {
    selection.handle(key)
  }

  /// The row under screen row `y` when drawn in `rect`, for mouse clicks (nil on the
  /// header or below the last row).
  public func hitTest(y: Int, in rect: Rect) -> Int? {
    let body = body(of: rect)
    return selection.index(atY: y, top: body.y, height: body.height)
  }
}

/// A selectable list of strings with scrolling.
public struct ListView: Hashable, Sendable {
  public var items: [String] {
    didSet { selection.count = items.count }
  }
  public var selection: ListSelection
  public var isFocused: Bool
  /// Shown (muted) when there are no items.
  public var emptyText: String?

  public init(items: [String], selected: Int = 0, isFocused: Bool = true, emptyText: String? = nil) {
    self.items = items
    self.selection = ListSelection(count: items.count, selected: selected)
    self.isFocused = isFocused
    self.emptyText = emptyText
  }

  public var selectedIndex: Int? { items.isEmpty ? nil : selection.selected }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect)
    if items.isEmpty {
      if let emptyText {
        buffer.put(
          DisplayWidth.current.clip(emptyText, to: rect.width, ellipsis: glyphs.ellipsis),
          in: rect.splitTop(1).0, role: .muted)
      }
      return
    }
    let offset = selection.visibleOffset(height: rect.height)
    for line in 0..<rect.height {
      let i = offset + line
      guard i < items.count else { break }
      let isSelected = i == selection.selected
      let role: StyleRole = isSelected ? (isFocused ? .selected : .selectedInactive) : .normal
      let text = DisplayWidth.current.clip(
        SafeText.visible(items[i]), to: rect.width, ellipsis: glyphs.ellipsis)
      buffer.put(text, in: Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1), role: role)
    }
  }

  public mutating func handle(_ key: Key) -> Bool {
    selection.handle(key)
  }

  public func hitTest(y: Int, in rect: Rect) -> Int? {
    selection.index(atY: y, top: rect.y, height: rect.height)
  }
}
