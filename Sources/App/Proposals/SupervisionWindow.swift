import Store

/// The 督办 list as the screen holds it: the outline (each department's counts, read from
/// the indexes) and the lines read around the visible part, as the proposal list holds
/// a page of rows. Opening the view or moving in it reads what is shown, not every
/// listed proposal (issue 16: under 20 ms with 101,500 proposals).
struct SupervisionWindow {
  private(set) var outline: SupervisionOutline?
  private(set) var lines: [SupervisionItem] = []
  private(set) var offset = 0

  /// Lines read per page: a tall terminal and some scrolling either way.
  static let pageSize = 120

  init(outline: SupervisionOutline? = nil) {
    self.outline = outline
  }

  var count: Int { outline?.count ?? 0 }
  var overdue: Int { outline?.overdue ?? 0 }
  var atRisk: Int { outline?.atRisk ?? 0 }

  /// Line `index` with its department, when it has been read.
  func row(at index: Int) -> SupervisionItemRow? {
    guard let outline, let d = outline.departmentIndex(ofLine: index), lines.indices.contains(index - offset)
    else { return nil }
    return SupervisionItemRow(
      group: outline.departments[d], entry: lines[index - offset], first: outline.starts[d] == index)
  }

  /// The lines to read so that lines `top ..< top + height` are held (a page around
  /// them), or nil when they are.
  func missing(top: Int, height: Int) -> (offset: Int, limit: Int)? {
    guard let outline else { return nil }
    let end = min(outline.count, top + height)
    guard end > top, top < offset || end > offset + lines.count else { return nil }
    return (max(0, top - max(0, Self.pageSize - height) / 2), max(Self.pageSize, height))
  }

  /// Holds `lines`, read from line `offset`.
  mutating func show(lines: [SupervisionItem], offset: Int) {
    self.lines = lines
    self.offset = offset
  }
}
