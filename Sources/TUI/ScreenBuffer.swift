/// One terminal cell: a grapheme, its display width and its style role. A wide
/// grapheme occupies its cell plus a continuation cell to its right.
public struct Cell: Hashable, Sendable {
  /// The grapheme drawn here (base plus marks); empty in a continuation cell.
  public var text: String
  /// 1 or 2 for a drawn cell, 0 for the right half of a wide grapheme.
  public var width: UInt8
  public var role: StyleRole

  public init(text: String, width: UInt8, role: StyleRole) {
    self.text = text
    self.width = width
    self.role = role
  }

  public static let blank = Cell(text: " ", width: 1, role: .normal)
  public var isContinuation: Bool { width == 0 }
}

/// A grid of cells that screens render into. Pure Swift, so every screen can be
/// tested as text; the backend sends only the differences to the terminal.
public struct ScreenBuffer: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the terminal cursor should be shown (a focused text field), if anywhere.
  public var cursor: Point?

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: fill, count: self.width * self.height)
  }

  public init(size: Size) { self.init(width: size.width, height: size.height) }

  public var size: Size { Size(width: width, height: height) }
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
  }

  /// Writes one grapheme at (x, y), in as many cells as `DisplayWidth.cells(of:)`
  /// makes of it, and returns the columns written. No cell ever holds a control
  /// character, a joiner or a variation selector, so the terminal shows exactly the
  /// cells the buffer holds.
  @discardableResult
  public mutating func put(_ character: Character, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int
  {
    let scalars = character.unicodeScalars
    if let only = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex,
      !SafeText.isControl(only), DisplayWidth.isPrintable(only)
    {
      // The common case, one printable scalar: one cell, no array built.
      let cell = DisplayWidth.CellText(text: String(character), width: DisplayWidth.current.of(only))
      return put(cell: cell, x: x, y: y, role: role, limit: limit)
    }
    var column = x
    for cell in DisplayWidth.current.cells(of: character) {
      let w = put(cell: cell, x: column, y: y, role: role, limit: limit)
      if w == 0 { break }
      column += w
    }
    return column - x
  }

  /// Writes one cell's text. Overwriting either half of a wide cell blanks the other
  /// half; a wide cell that would cross the right edge (or `limit`) becomes a space.
  private mutating func put(cell: DisplayWidth.CellText, x: Int, y: Int, role: StyleRole, limit: Int?) -> Int
  {
    guard y >= 0, y < height, x >= 0, x < width else { return 0 }
    let edge = min(width, limit ?? width)
    var text = cell.text
    var w = cell.width
    if w == 0 { return 0 }
    if x + w > edge {
      text = " "
      w = 1
      if x >= edge { return 0 }
    }
    clearWide(at: x, y: y)
    if w == 2 { clearWide(at: x + 1, y: y) }
    cells[y * width + x] = Cell(text: text, width: UInt8(w), role: role)
    if w == 2 { cells[y * width + x + 1] = Cell(text: "", width: 0, role: role) }
    return w
  }

  /// Writes text from (x, y) on one line, at most `maxWidth` columns (default: to
  /// the right edge), without wrapping. Control characters are shown escaped.
  /// Returns the number of columns written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let limit = maxWidth.map { min(width, x + max(0, $0)) } ?? width
    var column = x
    for c in SafeText.visible(text) {
      if column >= limit { break }
      if column < 0 {
        column += DisplayWidth.current.of(c)
        continue
      }
      let w = put(c, x: column, y: y, role: role, limit: limit)
      if w == 0 && DisplayWidth.current.of(c) == 0 { continue }
      column += max(w, 1)
    }
    return column - x
  }

  /// Writes text fitted to exactly `width` columns: clipped with `…`, padded with spaces.
  public mutating func put(
    _ text: String, in rect: Rect, role: StyleRole = .normal, align: DisplayWidth.Alignment = .left
  ) {
    guard !rect.isEmpty else { return }
    let fitted = DisplayWidth.current.pad(SafeText.visible(text), to: rect.width, align: align)
    put(fitted, x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
  }

  /// Fills a rectangle with one character (a space by default).
  public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole = .normal) {
    let r = clipped(rect)
    guard !r.isEmpty else { return }
    let w = max(1, DisplayWidth.current.of(character))
    for y in r.y..<r.maxY {
      var x = r.x
      while x + w <= r.maxX {
        put(character, x: x, y: y, role: role)
        x += w
      }
      if x < r.maxX { put(" ", x: x, y: y, role: role) }
    }
  }

  /// Changes the role of every cell in a rectangle, keeping the text (selection bars).
  public mutating func setRole(_ role: StyleRole, in rect: Rect) {
    let r = clipped(rect)
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX { cells[y * width + x].role = role }
    }
  }

  public func clipped(_ rect: Rect) -> Rect {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.maxX)
    let y1 = min(height, rect.maxY)
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  /// Blanks the wide grapheme that (x, y) is part of, if any, so no half survives.
  private mutating func clearWide(at x: Int, y: Int) {
    guard x >= 0, x < width else { return }
    let i = y * width + x
    let cell = cells[i]
    if cell.isContinuation, x > 0 {
      cells[i - 1] = Cell(text: " ", width: 1, role: cells[i - 1].role)
      cells[i] = Cell(text: " ", width: 1, role: cell.role)
    } else if cell.width == 2, x + 1 < width {
      cells[i + 1] = Cell(text: " ", width: 1, role: cells[i + 1].role)
      cells[i] = Cell(text: " ", width: 1, role: cell.role)
    }
  }

  // MARK: Text snapshots

  /// One string per row, continuation cells skipped, trailing spaces kept so the
  /// columns of a snapshot line up as on screen.
  public func lines() -> [String] {
    (0..<height).map { y in
      var line = ""
      for x in 0..<width {
        let c = cells[y * width + x]
        if !c.isContinuation { line += c.text }
      }
      return line
    }
  }

  /// The whole buffer as text, trailing spaces trimmed on each line (for snapshots).
  public var text: String {
    lines().map { line in
      var s = Substring(line)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }.joined(separator: "\n")
  }

  // MARK: Diffing

  /// A horizontal run of changed cells that the backend redraws in one call.
  public struct Run: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
  }

  /// The runs of cells that differ from `previous`. A different size redraws all.
  /// A wide grapheme is never split between a run and the unchanged rest.
  public func diff(from previous: ScreenBuffer?) -> [Run] {
    var runs: [Run] = []
    let full = previous == nil || previous!.width != width || previous!.height != height
    for y in 0..<height {
      var x = 0
      while x < width {
        let i = y * width + x
        if full || cells[i] != previous!.cells[i] {
          var start = x
          if cells[i].isContinuation && start > 0 { start -= 1 }
          var end = x
          while end < width {
            let j = y * width + end
            if !full && cells[j] == previous!.cells[j] && !cells[j].isContinuation { break }
            end += 1
          }
          runs.append(Run(x: start, y: y, cells: Array(cells[(y * width + start)..<(y * width + end)])))
          x = end
        } else {
          x += 1
        }
      }
    }
    return runs
  }
}
