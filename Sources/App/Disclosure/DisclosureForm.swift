import TUI

/// A modal form for the disclosure register. Like `Form`, plus two kinds of field
/// the register needs: a text area that wraps (Chinese text runs long) and a
/// multi-select of channels. The caller validates and saves; the form only collects input.
struct DisclosureForm {
  enum Kind {
    case text(TextField)
    /// A wrapping text area `lines` rows high.
    case area(TextField, lines: Int)
    case choice(options: [String], index: Int)
    /// Several options; `cursor` is the one Space toggles.
    case multi(options: [String], chosen: Set<Int>, cursor: Int)
  }

  struct Field {
    let id: String
    let label: String
    var kind: Kind
    var issue: String?

    var text: String {
      switch kind {
      case .text(let f), .area(let f, _): return f.text
      case .choice(let options, let index): return options.isEmpty ? "" : options[index]
      case .multi(_, let chosen, _): return chosen.sorted().map(String.init).joined(separator: ",")
      }
    }
  }

  var title: String
  var fields: [Field]
  var focus = 0
  var generalError: String?
  var footer: String
  /// The filter list open over a long choice field (`PickList.opening`).
  var picking: PickList?
  private let initial: [String]

  init(title: String, fields: [Field], footer: String) {
    self.title = title
    self.fields = fields
    self.footer = footer
    self.initial = fields.map(\.text)
  }

  static func text(
    _ id: String, _ label: String, _ value: String, maxLength: Int? = nil, placeholder: String = ""
  )
    -> Field
  {
    Field(
      id: id, label: label,
      kind: .text(TextField(text: value, placeholder: placeholder, maxLength: maxLength, isFocused: false)))
  }

  static func area(_ id: String, _ label: String, _ value: String, lines: Int, maxLength: Int? = nil) -> Field
  {
    Field(
      id: id, label: label,
      kind: .area(TextField(text: value, maxLength: maxLength, isFocused: false), lines: lines))
  }

  static func choice(_ id: String, _ label: String, _ options: [String], _ index: Int) -> Field {
    Field(id: id, label: label, kind: .choice(options: options, index: max(0, min(index, options.count - 1))))
  }

  static func multi(_ id: String, _ label: String, _ options: [String], chosen: Set<Int>) -> Field {
    Field(id: id, label: label, kind: .multi(options: options, chosen: chosen, cursor: 0))
  }

  var isDirty: Bool { fields.map(\.text) != initial }

  func value(_ id: String) -> String { fields.first { $0.id == id }?.text ?? "" }

  func index(_ id: String) -> Int {
    if case .choice(_, let index)? = fields.first(where: { $0.id == id })?.kind { return index }
    return 0
  }

  func chosen(_ id: String) -> [Int] {
    if case .multi(_, let chosen, _)? = fields.first(where: { $0.id == id })?.kind { return chosen.sorted() }
    return []
  }

  mutating func setIssues(_ issues: [String: String]) {
    for i in fields.indices { fields[i].issue = issues[fields[i].id] }
    if let first = fields.firstIndex(where: { $0.issue != nil }) { focus = first }
  }

  mutating func handle(_ key: Key) -> Form.Outcome {
    if let picker = picking {
      picking = nil
      var picker = picker
      switch picker.handle(key) {
      case .cancel: break
      case .handled: picking = picker
      case .chosen(let i):
        if fields.indices.contains(focus), case .choice(let options, _) = fields[focus].kind {
          fields[focus].kind = .choice(options: options, index: i)
          fields[focus].issue = nil
        }
      }
      return .handled
    }
    switch key {
    case .escape: return .cancel
    case .ctrl("s"): return .submit
    case .tab, .down:
      focus = (focus + 1) % max(1, fields.count)
      return .handled
    case .backTab, .up:
      focus = (focus + fields.count - 1) % max(1, fields.count)
      return .handled
    case .enter:
      if focus == fields.count - 1 { return .submit }
      focus += 1
      return .handled
    default:
      break
    }
    guard fields.indices.contains(focus) else { return .ignored }
    switch fields[focus].kind {
    case .text(var field):
      let used = field.handle(key)
      fields[focus].kind = .text(field)
      if used { fields[focus].issue = nil }
      return used ? .handled : .ignored
    case .area(var field, let lines):
      let used = field.handle(key)
      fields[focus].kind = .area(field, lines: lines)
      if used { fields[focus].issue = nil }
      return used ? .handled : .ignored
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

  // MARK: Layout and drawing

  /// Where each field goes: its first row and its height (issue lines not included).
  struct Layout {
    var frame: Rect
    var inner: Rect
    var labelWidth: Int
    var inputX: Int
    var inputWidth: Int
    var heights: [Int]
  }

  static func chip(_ option: String, on: Bool) -> String { (on ? "[x] " : "[ ] ") + option }

  /// The chips of a multi-select laid out in rows of `width` columns: (row, x, index).
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

  func layout(in area: Rect) -> Layout {
    let width = min(area.width, 76)
    let innerWidth = max(0, width - 2)
    let labelWidth = min(max(fields.map { $0.label.displayWidth }.max() ?? 4, 4), max(4, innerWidth / 4))
    let inputX = labelWidth + 3
    let inputWidth = max(1, innerWidth - inputX - 1)
    var heights: [Int] = []
    for field in fields {
      switch field.kind {
      case .text, .choice: heights.append(1)
      case .area(_, let lines): heights.append(max(1, lines))
      case .multi(let options, _, _): heights.append(Self.chipRows(options, width: inputWidth).count)
      }
    }
    let issues = fields.reduce(0) { $0 + Self.issueRows($1, width: inputWidth) }
    let general = generalError.map { FormMessage.lines($0, width: innerWidth - 2).count + 1 } ?? 0
    let wanted = heights.reduce(0, +) + issues + general + 4
    let frame = area.centered(width: width, height: min(area.height, wanted))
    let inner = frame.inset(by: 1)
    return Layout(
      frame: frame, inner: inner, labelWidth: labelWidth, inputX: inner.x + inputX, inputWidth: inputWidth,
      heights: heights)
  }

  /// Rows a field's wrapped issue takes under it.
  static func issueRows(_ field: Field, width: Int) -> Int {
    field.issue.map { FormMessage.lines($0, width: width).count } ?? 0
  }

  /// Focuses the field under a mouse click, if any.
  mutating func click(at point: Point, in area: Rect) {
    let l = layout(in: area)
    var y = l.inner.y + 1
    for i in fields.indices {
      if point.y >= y && point.y < y + l.heights[i] { focus = i }
      y += l.heights[i] + Self.issueRows(fields[i], width: l.inputWidth)
    }
  }

  /// Hard-wraps text by display columns (every grapheme kept, so the cursor maps
  /// exactly): the lines and, for each, the index of its first grapheme.
  static func wrapLines(_ text: String, width: Int) -> [(start: Int, text: String)] {
    var lines: [(start: Int, text: String)] = [(0, "")]
    var used = 0
    for (i, c) in text.enumerated() {
      let w = DisplayWidth.current.of(c)
      if used + w > width && used > 0 {
        lines.append((i, ""))
        used = 0
      }
      lines[lines.count - 1].text.append(c)
      used += w
    }
    return lines
  }

  /// `strings` gives the filter list's placeholder and "nothing matches" line.
  func render(into buffer: inout ScreenBuffer, in area: Rect, glyphs: Glyphs, strings: Strings? = nil) {
    let l = layout(in: area)
    guard l.frame.width >= 8, l.frame.height >= 3 else { return }
    _ = Box(title: title, role: .border, titleRole: .title, clears: true).render(
      into: &buffer, in: l.frame, glyphs: glyphs)
    let inner = l.inner
    var y = inner.y + 1
    for (i, field) in fields.enumerated() {
      guard y < inner.maxY else { break }
      let focused = i == focus
      buffer.put(
        field.label, in: Rect(x: inner.x + 1, y: y, width: l.labelWidth, height: 1),
        role: focused ? .title : .muted,
        align: .right)
      let rows = min(l.heights[i], inner.maxY - y)
      let input = Rect(x: l.inputX, y: y, width: l.inputWidth, height: rows)
      switch field.kind {
      case .text(var text):
        text.isFocused = focused
        buffer.fill(Rect(x: input.x, y: y, width: input.width, height: 1), role: focused ? .input : .normal)
        text.render(into: &buffer, in: Rect(x: input.x, y: y, width: input.width, height: 1), glyphs: glyphs)
      case .area(let text, _):
        buffer.fill(input, role: focused ? .input : .normal)
        let lines = Self.wrapLines(text.text, width: input.width)
        let cursorLine = lines.lastIndex { $0.start <= text.cursor } ?? 0
        let top = max(0, min(cursorLine - rows + 1, lines.count - rows))
        for (row, line) in lines.dropFirst(top).prefix(rows).enumerated() {
          buffer.put(
            line.text, x: input.x, y: y + row, role: focused ? .input : .normal, maxWidth: input.width)
        }
        if focused {
          let line = lines[cursorLine]
          let column = Array(text.text)[line.start..<text.cursor].reduce(0) {
            $0 + DisplayWidth.current.of($1)
          }
          let p = Point(x: input.x + min(column, input.width - 1), y: y + cursorLine - top)
          if input.contains(p) { buffer.cursor = p }
        }
      case .choice(let options, let index):
        let value = options.isEmpty ? "" : options[index]
        let shown = focused ? "\(glyphs.choicePrevious) \(value) \(glyphs.choiceNext)" : value
        let line = Rect(x: input.x, y: y, width: input.width, height: 1)
        buffer.fill(line, role: focused ? .input : .normal)
        buffer.put(shown, in: line, role: focused ? .input : .normal)
      case .multi(let options, let chosen, let cursor):
        for (row, chips) in Self.chipRows(options, width: input.width).prefix(rows).enumerated() {
          for chip in chips {
            let on = chosen.contains(chip.index)
            let role: StyleRole = focused && chip.index == cursor ? .selected : (on ? .normal : .muted)
            buffer.put(
              Self.chip(options[chip.index], on: on), x: input.x + chip.x, y: y + row, role: role,
              maxWidth: input.maxX - input.x - chip.x)
          }
        }
      }
      y += rows
      if let issue = field.issue, y < inner.maxY {
        y += FormMessage.draw(
          issue, into: &buffer, x: input.x, y: y, width: input.width, maxY: inner.maxY, glyphs: glyphs)
      }
    }
    if let generalError, y + 1 < inner.maxY {
      FormMessage.draw(
        generalError, into: &buffer, x: inner.x + 1, y: y + 1, width: inner.width - 2, maxY: inner.maxY,
        glyphs: glyphs)
    }
    let footerText = " " + footer + " "
    if footerText.displayWidth < l.frame.width - 2 {
      buffer.put(footerText, x: l.frame.x + 2, y: l.frame.maxY - 1, role: .muted, maxWidth: l.frame.width - 4)
    }
    if let picking, fields.indices.contains(focus) {
      picking.render(
        into: &buffer, in: area, glyphs: glyphs, title: fields[focus].label,
        placeholder: strings?.callAsFunction("picker.filter") ?? "",
        empty: strings?.callAsFunction("picker.none") ?? "")
    }
  }
}
