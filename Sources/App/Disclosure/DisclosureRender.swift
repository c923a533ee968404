import Domain
import Store
import TUI

/// Drawing the register, an item's detail and the forms.
extension DisclosureScreen {
  /// True when the frame shows the selected item's detail (also under a form opened from it).
  var showsDetail: Bool {
    if case .detail = mode { return selected != nil }
    return false
  }

  /// The list's rows below its column titles in a frame in `rect`, or nil when there is no room.
  func listArea(in rect: Rect) -> Rect? {
    let inner = boxInner(rect)
    guard !inner.isEmpty else { return nil }
    var y = inner.y
    if loadError != nil { y += 1 }
    if hasFilter && y < inner.maxY { y += 1 }
    guard y < inner.maxY else { return nil }
    y += 1
    return Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y))
  }

  /// The first line of the list shown when the selected item is to be in view.
  func scrolledListTop(lines: [Line], height: Int) -> Int {
    let selectedLine = lines.firstIndex(of: .item(selection.selected)) ?? 0
    var top = listTop
    // Keep the selected line visible, and its level header when it fits.
    if selectedLine < top {
      top = max(0, selectedLine - 1)
    } else if selectedLine >= top + height {
      top = selectedLine - height + 1
    }
    return max(0, min(top, max(0, lines.count - height)))
  }

  /// Stores the hit areas and page size of a frame in `rect` and scrolls the list to the
  /// selection, so that render only draws (the history the detail shows is read by
  /// the effect `historyEffects` asks for).
  func layOut(in rect: Rect) {
    screenRect = rect
    if showsDetail, let entry = selected {
      let inner = boxInner(rect)
      let lines = detailLines(entry, width: inner.width - 2, glyphs: context.glyphs)
      detailScroll = max(0, min(detailScroll, max(0, lines.count - inner.height)))
      return
    }
    guard let area = listArea(in: rect) else { return }
    listRect = area
    guard !area.isEmpty, !entries.isEmpty else { return }
    selection.pageSize = max(1, area.height - 2)
    listTop = scrolledListTop(lines: displayLines(), height: area.height)
  }

  func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    if showsDetail {
      renderDetail(into: &buffer, in: rect, glyphs: glyphs)
    } else {
      renderList(into: &buffer, in: rect, glyphs: glyphs)
    }
  }

  // MARK: Texts

  func levelName(_ level: DisclosureLevel) -> String { strings("disclosure.level.\(level.rawValue)") }

  func scheduleText(_ schedule: DisclosureSchedule) -> String {
    strings("disclosure.schedule.\(schedule.kind)", String(schedule.workingDays ?? 0))
  }

  /// MM-DD within the current year, the full date otherwise.
  func shortDay(_ day: Day) -> String {
    day.year == context.today.year ? String(day.iso.dropFirst(5)) : day.iso
  }

  /// The status column: a word, never colour alone.
  func statusText(_ status: DisclosureStatus) -> (String, StyleRole) {
    switch status {
    case .nothingDue: return (strings("disclosure.list.nothingDue"), .muted)
    case .onTrack(let due): return (strings("disclosure.list.onTrack", shortDay(due)), .normal)
    case .dueSoon(let due, _): return (strings("disclosure.list.dueSoon", shortDay(due)), .warning)
    case .overdue(_, let days): return (strings("disclosure.list.overdue", String(days)), .danger)
    }
  }

  func filterSummary() -> String {
    var parts: [String] = []
    if let levelFilter { parts.append(strings("disclosure.filter.level", levelName(levelFilter))) }
    if let channelFilter { parts.append(strings("disclosure.filter.channel", channelName(channelFilter))) }
    if let departmentFilter {
      parts.append(strings("disclosure.filter.department", departmentName(departmentFilter)))
    }
    if overdueOnly { parts.append(strings("disclosure.filter.overdueOnly")) }
    return strings("disclosure.filter.summary", parts.joined(separator: " · "), String(entries.count))
  }

  // MARK: List

  private func renderList(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    let title = strings("disclosure.title", String(entries.count), String(overdueTotal))
    let inner = Box(title: title, role: .title, titleRole: .title).render(
      into: &buffer, in: rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    var y = inner.y
    if let loadError {
      buffer.put(loadError, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .danger)
      y += 1
    }
    if hasFilter && y < inner.maxY {
      buffer.put(
        filterSummary(), in: Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: 1), role: .warning)
      y += 1
    }
    guard y < inner.maxY else { return }
    // Columns by room: status and name always; schedule, department, last published as it widens.
    let w = inner.width
    let mark = 2
    let statusWidth = min(16, max(8, entries.map { statusText($0.status).0.displayWidth }.max() ?? 8))
    let scheduleWidth =
      w >= 60
      ? min(
        12,
        max(
          strings("disclosure.column.schedule").displayWidth,
          entries.map { scheduleText($0.item.schedule).displayWidth }.max() ?? 4)) : 0
    let departmentWidth =
      w >= 72
      ? min(
        12,
        max(
          strings("disclosure.column.department").displayWidth,
          entries.map { ($0.department ?? "").displayWidth }.max() ?? 4)) : 0
    let lastWidth = w >= 96 ? 10 : 0
    let channelsWidth = w >= 110 ? min(24, w / 5) : 0
    let fixed = [departmentWidth, scheduleWidth, channelsWidth, lastWidth, statusWidth].filter { $0 > 0 }
    let nameWidth = max(4, w - mark - fixed.reduce(0, +) - fixed.count - 1)
    func row(_ cells: [(String, Int, StyleRole)], y: Int, fill: StyleRole?) {
      if let fill { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: fill) }
      var x = inner.x
      for (text, width, role) in cells where width > 0 {
        buffer.put(
          text, in: Rect(x: x, y: y, width: min(width, inner.maxX - x), height: 1), role: fill ?? role)
        x += width + 1
        if x >= inner.maxX { break }
      }
    }
    row(
      [
        ("", mark - 1, .header), (strings("disclosure.column.name"), nameWidth, .header),
        (strings("disclosure.column.department"), departmentWidth, .header),
        (strings("disclosure.column.schedule"), scheduleWidth, .header),
        (strings("disclosure.column.channels"), channelsWidth, .header),
        (strings("disclosure.column.lastPublished"), lastWidth, .header),
        (strings("disclosure.column.status"), statusWidth, .header),
      ], y: y, fill: nil)
    y += 1
    let listRect = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y))
    guard !listRect.isEmpty else { return }
    let lines = displayLines()
    if entries.isEmpty {
      buffer.put(
        strings(hasFilter ? "disclosure.empty.filtered" : "disclosure.empty"),
        in: Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: 1), role: .muted)
      return
    }
    let height = listRect.height
    let listTop = scrolledListTop(lines: lines, height: height)
    for (offset, line) in lines.dropFirst(listTop).prefix(height).enumerated() {
      let ly = y + offset
      switch line {
      case .header(let level, let count):
        buffer.put(
          strings("disclosure.list.levelHeader", levelName(level), String(count)),
          in: Rect(x: inner.x, y: ly, width: inner.width, height: 1), role: .title)
      case .item(let i):
        let e = entries[i]
        let isSelected = i == selection.selected
        let (status, statusRole) = statusText(e.status)
        let marker = e.status.isOverdue ? glyphs.warningMark : (e.item.onKiosk ? glyphs.kioskMark : "")
        row(
          [
            (marker, mark - 1, e.status.isOverdue ? .danger : .muted), (e.item.name, nameWidth, .normal),
            (e.department ?? "", departmentWidth, .normal),
            (scheduleText(e.item.schedule), scheduleWidth, .muted),
            (e.item.channelIDs.map(channelName).joined(separator: "、"), channelsWidth, .muted),
            (e.item.lastPublishedOn?.iso ?? strings("disclosure.never"), lastWidth, .normal),
            (status, statusWidth, statusRole),
          ], y: ly, fill: isSelected ? .selected : nil)
      }
    }
  }

  // MARK: Detail

  private func renderDetail(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard let entry = selected else {
      renderList(into: &buffer, in: rect, glyphs: glyphs)
      return
    }
    let item = entry.item
    let inner = Box(
      title: levelName(item.level) + " " + glyphs.pathSeparator + " " + item.name, role: .title,
      titleRole: .title
    )
    .render(into: &buffer, in: rect, glyphs: glyphs)
    guard inner.width > 2, !inner.isEmpty else { return }
    let width = inner.width - 2
    let lines = detailLines(entry, width: width, glyphs: glyphs)
    let height = inner.height
    // Clamped again for a frame drawn without a `.layout`.
    let detailScroll = max(0, min(self.detailScroll, max(0, lines.count - height)))
    for (offset, line) in lines.dropFirst(detailScroll).prefix(height).enumerated() {
      buffer.put(line.0, in: Rect(x: inner.x + 1, y: inner.y + offset, width: width, height: 1), role: line.1)
    }
    if lines.count > height && height > 0 {
      let more = detailScroll + height < lines.count ? glyphs.down : glyphs.up
      buffer.put(String(more), x: inner.maxX - 1, y: inner.maxY - 1, role: .muted)
    }
  }

  /// The detail's text wrapped to `width`: the item, its status and its history.
  func detailLines(_ entry: DisclosureEntry, width: Int, glyphs: Glyphs) -> [(String, StyleRole)] {
    let item = entry.item
    var lines: [(String, StyleRole)] = []
    func add(_ text: String, _ role: StyleRole = .normal, indent: Int = 0) {
      for line in TextWrap.wrap(text, width: max(1, width - indent)) {
        lines.append((String(repeating: " ", count: indent) + line, role))
      }
    }
    let sep = " \(glyphs.separator) "
    add(
      [
        strings("disclosure.detail.schedule", scheduleText(item.schedule)),
        strings("disclosure.detail.department", entry.department ?? strings("value.none")),
      ].joined(separator: sep))
    add(
      [
        strings("disclosure.detail.channels", item.channelIDs.map(channelName).joined(separator: "、")),
        strings("disclosure.detail.kiosk", strings(item.onKiosk ? "disclosure.yes" : "disclosure.no")),
      ].joined(separator: sep))
    if !item.content.isEmpty { add(strings("disclosure.detail.content", item.content)) }
    if let event = item.eventOn { add(strings("disclosure.detail.eventOn", event.iso)) }
    switch entry.status {
    case .overdue(let due, let days):
      add(glyphs.warningMark + " " + strings("disclosure.detail.overdue", String(days), due.iso), .danger)
    case .dueSoon(let due, let left):
      add(strings("disclosure.detail.dueSoon", due.iso, String(left)), .warning)
    case .onTrack(let due):
      add(strings("disclosure.detail.onTrack", due.iso), .ok)
    case .nothingDue:
      add(strings("disclosure.detail.nothingDue"), .muted)
    }
    lines.append(("", .normal))
    lines.append((strings("disclosure.detail.history", String(history.count)), .title))
    if history.isEmpty { add(strings("disclosure.detail.noHistory"), .muted, indent: 2) }
    for p in history {
      add(
        [
          p.publishedOn.iso, p.channelIDs.map(channelName).joined(separator: "、"),
          strings("disclosure.detail.recordedBy", p.recordedBy),
        ]
        .joined(separator: sep), .header)
      add(p.text, .normal, indent: 2)
    }
    return lines
  }
}

extension Glyphs {
  /// Marks an item shown on the public kiosk.
  var kioskMark: String { isASCII ? "*" : "◆" }
}
