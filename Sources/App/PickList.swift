import Domain
import TUI

/// The one type-to-filter list every picker uses (departments, units, long choices in
/// forms): typed characters narrow the list to the items containing them, or whose
/// pinyin initials do (`xxg` finds 心血管内科); Backspace takes the last character off;
/// Esc clears the filter, and closes the picker when it is already empty; arrows, PgUp,
/// PgDn, Home and End move; Enter picks. Letters such as `j`, `k`, `h` and `l` are text
/// here, not movement keys.
struct PickList {
  enum Outcome: Equatable {
    case handled
    /// Enter on an item: its index in `items`.
    case chosen(Int)
    case cancel
  }

  let items: [String]
  private(set) var query: String
  /// Indices into `items` of the rows shown, in order.
  private(set) var visible: [Int]
  private(set) var list: ListView

  init(items: [String], selected: Int? = nil, query: String = "") {
    self.items = items
    self.query = ""
    self.visible = Array(items.indices)
    self.list = ListView(items: items)
    if !query.isEmpty { setQuery(query) }
    if let selected, let row = visible.firstIndex(of: selected) { list.selection.select(row) }
  }

  /// A choice field with this many options or more is picked by typing, in this list (a
  /// department among dozens), instead of stepping with ← → h l; shorter ones step.
  static let choiceThreshold = 8

  /// The list a key opens on a choice field of `options` now at `index`, or nil when the
  /// list is short or the key types nothing. The typed character starts the filter (`/`
  /// opens it empty). The one rule for every form.
  static func opening(for key: Key, options: [String], index: Int) -> PickList? {
    guard options.count >= choiceThreshold, case .char(let c) = key, c != " ", !c.isNewline else {
      return nil
    }
    return PickList(items: options, selected: index, query: c == "/" ? "" : String(c))
  }

  /// The item index under the selection, if any row is shown.
  var selectedItem: Int? {
    list.selectedIndex.flatMap { visible.indices.contains($0) ? visible[$0] : nil }
  }

  mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .escape:
      guard !query.isEmpty else { return .cancel }
      setQuery("")
    case .enter:
      if let i = selectedItem { return .chosen(i) }
    case .up, .down, .pageUp, .pageDown, .home, .end:
      _ = list.handle(key)
    case .backspace:
      if !query.isEmpty { setQuery(String(query.dropLast())) }
    case .char(let c)
    where !c.isNewline && c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
      setQuery(query + String(c))
    default:
      break
    }
    return .handled
  }

  private mutating func setQuery(_ text: String) {
    query = text
    let keep = selectedItem
    visible = items.indices.filter { NameOrder.matches(items[$0], query: text) }
    list = ListView(items: visible.map { items[$0] })
    if let keep, let row = visible.firstIndex(of: keep) { list.selection.select(row) }
  }

  /// A titled box: the filter line (the placeholder while nothing is typed), then the
  /// rows, or `empty` when nothing matches.
  func render(
    into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, title: String, placeholder: String,
    empty: String, width: Int = 40
  ) {
    let rows = min(max(items.count, 1), 16)
    let frame = area.centered(width: min(area.width, width), height: min(area.height, rows + 3))
    let inner = Box(title: title, role: .border, titleRole: .title, clears: true)
      .render(into: &buffer, in: frame, glyphs: glyphs)
    guard inner.height >= 2 else { return }
    let (line, rest) = inner.splitTop(1)
    var field = TextField(text: query, placeholder: placeholder)
    field.isFocused = true
    buffer.fill(line, role: .input)
    field.render(into: &buffer, in: line, glyphs: glyphs)
    var shown = list
    shown.emptyText = empty
    shown.selection.pageSize = max(1, rest.height)
    shown.render(into: &buffer, in: rest, glyphs: glyphs)
  }
}
