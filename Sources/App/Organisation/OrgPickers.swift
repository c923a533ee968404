import Domain
import Store
import TUI

/// `/` on the organisation screen: a name field and the matching members, live.
struct MemberSearch {
  enum Outcome {
    case handled
    case changed
    case cancel
    case open(Member)
  }

  var field: TextField
  var results: [Member] = []
  var labels: [String] = []
  var list = ListView(items: [])
  /// Shown in place of the list when the query is empty or found nothing.
  var notice: String?

  init(placeholder: String) {
    field = TextField(placeholder: placeholder, maxLength: 20)
  }

  static let limit = 200

  /// The trimmed text typed so far; the empty string needs no read.
  var query: String { field.text.trimmingCharacters(in: .whitespaces) }

  /// Shows the members found for `query` (read by the screen's effect), if it is still
  /// what the field says.
  mutating func show(_ found: Result<[Member], any Error>, for query: String, tree: OrgTree, strings: Strings)
  {
    guard query == self.query else { return }
    guard !query.isEmpty else {
      results = []
      list = ListView(items: [])
      notice = nil
      return
    }
    switch found {
    case .success(let members):
      results = members
      labels = results.map { m in
        let path = tree.path(of: m.unitID).dropFirst().map(\.name).joined(separator: " / ")
        return "\(m.name)  \(path)"
      }
      list = ListView(items: labels)
      notice = results.isEmpty ? strings("search.none", query) : nil
    case .failure(let error):
      results = []
      list = ListView(items: [])
      notice = strings.describe(error)
    }
  }

  mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .escape:
      // As in every picker: Esc clears what was typed first, and closes when nothing is.
      guard !field.text.isEmpty else { return .cancel }
      field.setText("")
      return .changed
    case .enter:
      if let i = list.selectedIndex, results.indices.contains(i) { return .open(results[i]) }
      return .handled
    case .up, .down, .pageUp, .pageDown:
      _ = list.handle(key)
      return .handled
    case .char(let c):
      return field.insert(String(c)) ? .changed : .handled
    default:
      let before = field.text
      _ = field.handle(key)
      return field.text == before ? .handled : .changed
    }
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs, title: String, count: String) {
    let inner = Box(title: title, role: .border, titleRole: .title, clears: true)
      .render(into: &buffer, in: rect, glyphs: glyphs)
    guard inner.height >= 2 else { return }
    let (line, rest) = inner.splitTop(1)
    var input = field
    input.isFocused = true
    buffer.fill(line, role: .input)
    input.render(into: &buffer, in: line, glyphs: glyphs)
    let (countLine, listRect) = rest.splitTop(1)
    buffer.put(count, in: countLine, role: .muted)
    if let notice {
      buffer.put(notice, in: listRect.splitTop(1).0, role: .muted)
    } else {
      list.render(into: &buffer, in: listRect, glyphs: glyphs)
    }
  }
}

/// Choosing where a member or unit moves to: the shared filter list over the units' paths.
struct UnitPicker {
  enum Subject {
    case member(Member)
    case unit(OrgUnit)
  }

  enum Outcome {
    case handled
    case cancel
    case chosen(OrgUnit)
  }

  let subject: Subject
  let title: String
  let units: [OrgUnit]
  var picker: PickList

  init(subject: Subject, title: String, units: [OrgUnit], tree: OrgTree) {
    self.subject = subject
    self.title = title
    self.units = units
    self.picker = PickList(
      items: units.map { u in tree.path(of: u.id).dropFirst().map(\.name).joined(separator: " / ") })
  }

  mutating func handle(_ key: Key) -> Outcome {
    switch picker.handle(key) {
    case .cancel: return .cancel
    case .chosen(let i): return .chosen(units[i])
    case .handled: return .handled
    }
  }

  func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, strings: Strings) {
    picker.render(
      into: &buffer, in: area, glyphs: glyphs, title: title, placeholder: strings("picker.filter"),
      empty: strings("picker.none"), width: 60)
  }
}
