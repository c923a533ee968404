import Domain
import Store
import TUI

/// Choosing a proposer or co-signers from the members: a name field over the
/// matching members, live. With `multiple`, Enter adds the selected name and the
/// picker stays open (Backspace on an empty field takes the last one off); Esc
/// clears the field, then hands the names back.
struct MemberPicker {
  enum Outcome {
    case handled
    case changed
    case cancel
    case done([String])
  }

  /// The form field the names go to.
  let target: String
  let multiple: Bool
  var chosen: [String]
  var chosenMember: Member?
  let title: String
  var field: TextField
  var results: [Member] = []
  var list = ListView(items: [])
  var notice: String?

  init(target: String, multiple: Bool, chosen: [String], title: String, placeholder: String) {
    self.target = target
    self.multiple = multiple
    self.chosen = chosen
    self.title = title
    self.field = TextField(placeholder: placeholder, maxLength: 20)
  }

  static let limit = 50

  /// The trimmed text typed so far; the empty string needs no read.
  var query: String { field.text.trimmingCharacters(in: .whitespaces) }

  /// Shows the members found for `query` (read by the screen's effect), if it is still
  /// what the field says.
  mutating func show(_ found: Result<[Member], any Error>, for query: String, strings: Strings) {
    guard query == self.query else { return }
    notice = nil
    guard !query.isEmpty else {
      results = []
      list = ListView(items: [])
      return
    }
    switch found {
    case .success(let members):
      results = members
      list = ListView(items: results.map { "\($0.name)  \($0.department)" })
      if results.isEmpty { notice = strings("search.none", query) }
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
      if !field.text.isEmpty {
        field.setText("")
        return .changed
      }
      return multiple ? .done(chosen) : .cancel
    case .enter:
      guard let i = list.selectedIndex, results.indices.contains(i) else {
        // Enter with nothing found takes the typed name as it is.
        let typed = field.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return multiple ? .done(chosen) : .cancel }
        return add(typed)
      }
      chosenMember = results[i]
      return add(results[i].name)
    case .up, .down, .pageUp, .pageDown:
      _ = list.handle(key)
      return .handled
    case .backspace where field.text.isEmpty && multiple:
      if !chosen.isEmpty { chosen.removeLast() }
      return .handled
    case .char(let c):
      return field.insert(String(c)) ? .changed : .handled
    default:
      let before = field.text
      _ = field.handle(key)
      return field.text == before ? .handled : .changed
    }
  }

  private mutating func add(_ name: String) -> Outcome {
    guard multiple else { return .done([name]) }
    if !chosen.contains(name) { chosen.append(name) }
    field.setText("")
    results = []
    list = ListView(items: [])
    return .handled
  }

  func render(
    into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, chosenLabel: String, footer: String
  ) {
    let frame = area.centered(width: min(area.width, 60), height: min(area.height, 18))
    let inner = Box(title: title, role: .border, titleRole: .title, clears: true)
      .render(into: &buffer, in: frame, glyphs: glyphs)
    guard inner.height >= 3 else { return }
    var (line, rest) = inner.splitTop(1)
    if multiple {
      buffer.put(chosenLabel, in: line.inset(by: 0), role: .ok)
      (line, rest) = rest.splitTop(1)
    }
    var input = field
    input.isFocused = true
    buffer.fill(line, role: .input)
    input.render(into: &buffer, in: line, glyphs: glyphs)
    let (listRect, footerRect) = rest.splitBottom(1)
    if let notice {
      buffer.put(notice, in: listRect.splitTop(1).0, role: .muted)
    } else {
      list.render(into: &buffer, in: listRect, glyphs: glyphs)
    }
    buffer.put(footer, in: footerRect, role: .muted)
  }
}
