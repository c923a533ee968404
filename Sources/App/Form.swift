import Domain
import TUI

/// One field of a form: free text (one line or a wrapping area), a choice among fixed
/// options, or several options ticked at once.
struct FormField {
  enum Kind {
    case text(TextField)
    case choice(options: [String], index: Int)
    /// Several lines of wrapping text, `rows` high.
    case area(TextArea, rows: Int)
    /// Several options (channels); `cursor` is the one Space toggles.
    case multi(options: [String], chosen: Set<Int>, cursor: Int)
  }

  /// The model property this field edits (matches `FieldIssue.field`).
  let id: String
  let label: String
  var kind: Kind
  /// The validation problem shown under the field, if any.
  var issue: String?

  static func text(
    _ id: String, _ label: String, _ value: String, maxLength: Int? = nil, placeholder: String = ""
  )
    -> FormField
  {
    FormField(
      id: id, label: label,
      kind: .text(TextField(text: value, placeholder: placeholder, maxLength: maxLength, isFocused: false)))
  }

  static func area(
    _ id: String, _ label: String, _ value: String, rows: Int = 3, maxLength: Int? = nil,
    placeholder: String = ""
  ) -> FormField {
    FormField(
      id: id, label: label,
      kind: .area(
        TextArea(text: value, placeholder: placeholder, maxLength: maxLength, isFocused: false),
        rows: max(1, rows)))
  }

  static func choice(_ id: String, _ label: String, _ options: [String], _ index: Int) -> FormField {
    FormField(
      id: id, label: label, kind: .choice(options: options, index: max(0, min(index, options.count - 1))))
  }

  static func multi(_ id: String, _ label: String, _ options: [String], chosen: Set<Int>) -> FormField {
    FormField(id: id, label: label, kind: .multi(options: options, chosen: chosen, cursor: 0))
  }

  var text: String {
    switch kind {
    case .text(let field): return field.text
    case .choice(let options, let index): return options.isEmpty ? "" : options[index]
    case .area(let area, _): return area.text
    case .multi(_, let chosen, _): return chosen.sorted().map(String.init).joined(separator: ",")
    }
  }

  /// Screen rows the field's input takes when it is `width` columns wide.
  func rows(width: Int) -> Int {
    switch kind {
    case .area(_, let rows): return rows
    case .multi(let options, _, _): return Self.chipRows(options, width: width).count
    default: return 1
    }
  }

  static func chip(_ option: String, on: Bool) -> String { (on ? "[x] " : "[ ] ") + option }

  /// The chips of a multi-select laid out in rows of `width` columns: (x, option index).
  static func chipRows(_ options: [String], width: Int) -> [[(x: Int, index: Int)]] {
    var rows: [[(x: Int, index: Int)]] = [[]]
    var x = 0
    for (i, option) in options.enumerated() {
      let w = chip(option, on: false).displayWidth
      if x > 0 && x + w > width {
        rows.append([])
        x = 0
      }
      rows[rows.count - 1].append((x, i))
      x += w + 2
    }
    return rows
  }

  var choiceIndex: Int {
    if case .choice(_, let index) = kind { return index }
    return 0
  }
}

/// A modal form: fields top to bottom, the focused one editable, problems shown
/// under their field. The caller validates and saves; the form only collects input.
struct Form {
  enum Outcome: Equatable {
    case handled
    case ignored
    case submit
    case cancel
  }

  var title: String
  var fields: [FormField]
  var focus = 0
  var readOnly: Bool
  /// A problem that belongs to no single field (a refused save, a concurrent edit).
  var generalError: String?
  /// Key hints shown in the form's bottom border.
  var footer: String
  /// A line of information under the fields (a computed due date), muted.
  var note: String?
  /// The widest the form grows, in columns.
  var maxWidth = 64
  /// Draws a marker before the focused field's label, so the field typing goes to
  /// shows without colour too (forms whose fields look alike).
  var marksFocus = false
  /// The filter list open over a long choice field (`PickList.opening`).
  var picking: PickList?
  private let initial: [String]

  init(
    title: String, fields: [FormField], readOnly: Bool = false, footer: String, note: String? = nil,
    maxWidth: Int = 64
  ) {
    self.title = title
    self.fields = fields
    self.readOnly = readOnly
    self.footer = footer
    self.note = note
    self.maxWidth = maxWidth
    self.initial = fields.map(\.text)
  }

  var focusedID: String? { fields.indices.contains(focus) ? fields[focus].id : nil }

  /// Replaces a text field's value (a name chosen in a picker).
  mutating func setText(_ id: String, _ value: String) {
    guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
    switch fields[i].kind {
    case .text(var field):
      field.setText(value)
      fields[i].kind = .text(field)
    case .area(var area, let rows):
      area.setText(value)
      fields[i].kind = .area(area, rows: rows)
    case .choice, .multi:
      return
    }
    fields[i].issue = nil
  }

  /// Tells the text areas how wide they are drawn in `area`, so cursor movement and
  /// scrolling follow the wrapped lines. Call before handling keys and rendering.
  mutating func layout(in area: Rect) {
    let frame = frame(in: area)
    let inner = frame.inset(by: 1)
    let input = inputRect(inner: inner, y: 0, rows: 1)
    for i in fields.indices {
      if case .area(var text, let rows) = fields[i].kind {
        text.wrapWidth = max(1, input.width - 1)
        text.keepCursorVisible(height: rows)
        fields[i].kind = .area(text, rows: rows)
      }
    }
  }

  private var labelWidthWanted: Int {
    max(fields.map { $0.label.displayWidth }.max() ?? 4, 4) + (marksFocus ? 2 : 0)
  }

  private func inputRect(inner: Rect, y: Int, rows: Int) -> Rect {
    let labelWidth = min(labelWidthWanted, inner.width / 3)
    return Rect(
      x: inner.x + labelWidth + 3, y: y, width: inner.maxX - (inner.x + labelWidth + 3) - 1, height: rows)
  }

  var isDirty: Bool { fields.map(\.text) != initial }

  func value(_ id: String) -> String { fields.first { $0.id == id }?.text ?? "" }
  func index(_ id: String) -> Int { fields.first { $0.id == id }?.choiceIndex ?? 0 }

  /// The options ticked in a multi-select field, in order.
  func chosen(_ id: String) -> [Int] {
    if case .multi(_, let chosen, _)? = fields.first(where: { $0.id == id })?.kind { return chosen.sorted() }
    return []
  }

  /// Shows each field's first issue under it (in `strings`' language).
  mutating func setIssues(_ issues: [FieldIssue], strings: Strings) {
    var map: [String: String] = [:]
    for issue in issues where map[issue.field] == nil { map[issue.field] = strings.message(issue.message) }
    setIssues(map)
  }

  mutating func setIssues(_ issues: [String: String]) {
    for i in fields.indices { fields[i].issue = issues[fields[i].id] }
    if let first = fields.firstIndex(where: { $0.issue != nil }) { focus = first }
  }

  mutating func handle(_ key: Key) -> Outcome {
    if picking != nil { return handlePicking(key) }
    if !readOnly, fields.indices.contains(focus), case .area(var area, let rows) = fields[focus].kind {
      switch key {
      case .escape, .ctrl("s"), .tab, .backTab: break
      default:
        let used = area.handle(key)
        area.keepCursorVisible(height: rows)
        fields[focus].kind = .area(area, rows: rows)
        if used {
          if case .char = key { fields[focus].issue = nil }
          if key == .backspace || key == .delete { fields[focus].issue = nil }
          return .handled
        }
      }
    }
    switch key {
    case .escape: return .cancel
    case .ctrl("s"): return readOnly ? .cancel : .submit
    case .tab, .down:
      focus = (focus + 1) % max(1, fields.count)
      return .handled
    case .backTab, .up:
      focus = (focus + fields.count - 1) % max(1, fields.count)
      return .handled
    case .enter:
      if readOnly { return .cancel }
      if focus == fields.count - 1 { return .submit }
      focus += 1
      return .handled
    default:
      break
    }
    guard !readOnly, fields.indices.contains(focus) else { return .ignored }
    switch fields[focus].kind {
    case .text(var field):
      let used: Bool
      if case .char(let c) = key {
        used = field.insert(String(c))
      } else {
        used = field.handle(key)
      }
      fields[focus].kind = .text(field)
      if used { fields[focus].issue = nil }
      return used ? .handled : .ignored
    case .area:
      return .ignored
    case .choice(let options, let index):
      guard !options.isEmpty else { return .ignored }
      if let picker = PickList.opening(for: key, options: options, index: index) {
        picking = picker
        return .handled
      }
      switch key {
      case .left, .char("h"):
        fields[focus].kind = .choice(options: options, index: (index + options.count - 1) % options.count)
      case .right, .char("l"), .char(" "):
        fields[focus].kind = .choice(options: options, index: (index + 1) % options.count)
      default:
        return .ignored
      }
      fields[focus].issue = nil
      return .handled
    case .multi(let options, var chosen, var cursor):
      guard !options.isEmpty else { return .ignored }
      switch key {
      case .left, .char("h"): cursor = (cursor + options.count - 1) % options.count
      case .right, .char("l"): cursor = (cursor + 1) % options.count
      case .char(" "), .char("x"):
        if chosen.contains(cursor) { chosen.remove(cursor) } else { chosen.insert(cursor) }
        fields[focus].issue = nil
      default: return .ignored
      }
      fields[focus].kind = .multi(options: options, chosen: chosen, cursor: cursor)
      return .handled
    }
  }

  private mutating func handlePicking(_ key: Key) -> Outcome {
    guard var picker = picking, fields.indices.contains(focus),
      case .choice(let options, _) = fields[focus].kind
    else {
      picking = nil
      return .handled
    }
    switch picker.handle(key) {
    case .cancel: picking = nil
    case .handled: picking = picker
    case .chosen(let i):
      fields[focus].kind = .choice(options: options, index: i)
      fields[focus].issue = nil
      picking = nil
    }
    return .handled
  }

  /// Focuses the field under a mouse click, if any.
  mutating func click(at point: Point, in area: Rect) {
    let frame = frame(in: area)
    let issueWidth = inputRect(inner: frame.inset(by: 1), y: 0, rows: 1).width
    var y = frame.y + 2
    for i in fields.indices {
      let rows = fields[i].rows(width: issueWidth)
      if point.y >= y && point.y < y + rows { focus = i }
      y += rows + issueRows(fields[i], width: issueWidth)
    }
  }

  /// Rows a field's wrapped issue takes under it.
  private func issueRows(_ field: FormField, width: Int) -> Int {
    field.issue.map { FormMessage.lines($0, width: width).count } ?? 0
  }

  func frame(in area: Rect) -> Rect {
    let width = min(area.width, maxWidth)
    let inner = Rect(x: 0, y: 0, width: max(0, width - 2), height: 0)
    let issueWidth = inputRect(inner: inner, y: 0, rows: 1).width
    let messageWidth = inner.width - 2
    let lines =
      fields.reduce(0) { $0 + $1.rows(width: issueWidth) + issueRows($1, width: issueWidth) }
      + (generalError.map { FormMessage.lines($0, width: messageWidth, marked: false).count + 1 } ?? 0)
      + (note.map { TextWrap.wrap($0, width: max(1, messageWidth)).count + 1 } ?? 0)
    return area.centered(width: width, height: min(area.height, lines + 4))
  }

  /// `strings` gives the filter list's placeholder and "nothing matches" line.
  func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, strings: Strings? = nil) {
    let frame = frame(in: area)
    guard frame.width >= 8, frame.height >= 3 else { return }
    let inner = Box(title: title, role: .border, titleRole: .title, clears: true)
      .render(into: &buffer, in: frame, glyphs: glyphs)
    let labelWidth = min(labelWidthWanted, inner.width / 3)
    var y = inner.y + 1
    for (i, field) in fields.enumerated() {
      guard y < inner.maxY else { break }
      let focused = i == focus
      let marker = marksFocus && focused && !readOnly ? String(glyphs.choiceNext) + " " : ""
      buffer.put(
        marker + field.label, in: Rect(x: inner.x + 1, y: y, width: labelWidth, height: 1),
        role: focused ? .title : .muted, align: .right)
      var input = inputRect(inner: inner, y: y, rows: 1)
      switch field.kind {
      case .area(var area, let rows):
        input.height = max(1, min(rows, inner.maxY - y))
        area.isFocused = focused && !readOnly
        area.render(into: &buffer, in: input, glyphs: glyphs)
        y += input.height - 1
      case .text(var text):
        text.isFocused = focused && !readOnly
        buffer.fill(input, role: focused && !readOnly ? .input : .normal)
        text.render(into: &buffer, in: input, glyphs: glyphs)
      case .choice(let options, let index):
        let value = options.isEmpty ? "" : options[index]
        let shown = focused && !readOnly ? "\(glyphs.choicePrevious) \(value) \(glyphs.choiceNext)" : value
        buffer.fill(input, role: focused && !readOnly ? .input : .normal)
        buffer.put(shown, in: input, role: focused && !readOnly ? .input : .normal)
      case .multi(let options, let chosen, let cursor):
        let chipRows = FormField.chipRows(options, width: input.width)
        input.height = max(1, min(chipRows.count, inner.maxY - y))
        for (row, chips) in chipRows.prefix(input.height).enumerated() {
          for chip in chips {
            let on = chosen.contains(chip.index)
            let role: StyleRole =
              focused && !readOnly && chip.index == cursor ? .selected : (on ? .normal : .muted)
            buffer.put(
              FormField.chip(options[chip.index], on: on), x: input.x + chip.x, y: y + row, role: role,
              maxWidth: input.maxX - input.x - chip.x)
          }
        }
        y += input.height - 1
      }
      y += 1
      if let issue = field.issue, y < inner.maxY {
        y += FormMessage.draw(
          issue, into: &buffer, x: input.x, y: y, width: input.width, maxY: inner.maxY, glyphs: glyphs)
      }
    }
    if let generalError, y + 1 < inner.maxY {
      y +=
        1
        + FormMessage.draw(
          generalError, into: &buffer, x: inner.x + 1, y: y + 1, width: inner.width - 2, maxY: inner.maxY,
          glyphs: glyphs, marked: false)
    }
    if let note, y + 1 < inner.maxY {
      for (i, line) in TextWrap.wrap(note, width: max(1, inner.width - 2)).enumerated()
      where y + 1 + i < inner.maxY {
        buffer.put(
          line, in: Rect(x: inner.x + 1, y: y + 1 + i, width: inner.width - 2, height: 1), role: .muted)
      }
    }
    let footerText = " " + footer + " "
    if footerText.displayWidth < frame.width - 2 {
      buffer.put(footerText, x: frame.x + 2, y: frame.maxY - 1, role: .muted, maxWidth: frame.width - 4)
    }
    if let picking, fields.indices.contains(focus) {
      picking.render(
        into: &buffer, in: area, glyphs: glyphs, title: fields[focus].label,
        placeholder: strings?.callAsFunction("picker.filter") ?? "",
        empty: strings?.callAsFunction("picker.none") ?? "")
    }
  }
}
