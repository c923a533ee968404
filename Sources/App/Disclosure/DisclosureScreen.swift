import Domain
import Foundation
import Store
import TUI

/// The disclosure register (院务公开): items grouped by level with their status,
/// filters by channel, department and overdue (combinable), an item's detail with
/// its publication history, and forms to record a publication, add and edit items.
@MainActor
final class DisclosureScreen: AppScreen {
  /// The register or an item's page; forms and filter lists open over either on the
  /// shell's modal stack.
  enum Mode {
    case browse
    case detail
  }

  /// The widest the register's forms grow: its texts run long.
  static let formWidth = 76

  /// The screen's own messages.
  enum Msg: ScreenOwnMsg {
    /// Ctrl-S on the item form (`editing` nil for a new item).
    case itemSubmitted(Form, editing: DisclosureItem?)
    /// Ctrl-S on the publication form.
    case publicationSubmitted(Form, item: DisclosureItem)
    /// Ctrl-S on the filter form.
    case filterSubmitted(Form)
    /// Enter on the channel or department list: `id` nil is "all".
    case filterChosen(id: Int64?, channel: Bool)
    /// The register, read for the first frame or again; `keep` is the item to select,
    /// `saved` the item just saved (a detail of another item closes).
    case registerRead(Register, keep: Int64?, saved: Int64?)
    /// An item's publications, for its detail.
    case historyRead(itemID: Int64, Result<[DisclosurePublication], any Error>)
    /// The departments that own items, for the department filter (form or list).
    case ownersRead([Department], forForm: Bool)
    /// The standard channels, installed for a new register's first item, and the
    /// register read again.
    case channelsInstalled(Register)
    /// A save went through: the post to show and the item to keep selected.
    case saved(message: String, itemID: Int64)
    /// The store refused a save.
    case saveRefused(any Error)
    /// A read or write a key asked for failed; the form or list stays as it was.
    case actionFailed(any Error)
  }

  let context: AppContext
  var strings: Strings { context.strings }
  var repo: any DisclosureRepository { context.store.disclosures }

  var mode = Mode.browse
  var entries: [DisclosureEntry] = []
  var channels: [DisclosureChannel] = []
  var departments: [Department] = []
  var channelFilter: Int64?
  var departmentFilter: Int64?
  var levelFilter: DisclosureLevel?
  var overdueOnly = false
  var selection = ListSelection(count: 0)
  /// Overdue items in the whole register (whatever the filter), for the title.
  var overdueTotal = 0
  var history: [DisclosurePublication] = []
  /// The ids behind the options of the open form's choice and multi-select fields.
  var filterChoices: (channels: [Int64], departments: [Int64]) = ([], [])
  var itemChoices: (channels: [Int64], departments: [Int64]) = ([], [])
  var publishChannels: [Int64] = []
  var detailScroll = 0
  var loadError: String?
  /// Screen areas of the last frame, for the mouse.
  var listRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var listTop = 0
  var screenRect = Rect(x: 0, y: 0, width: 0, height: 0)

  /// The first frame's read (see `FirstRead`).
  private var firstRead = FirstRead()

  /// Reads nothing: the first `.layout` asks for the register as an effect.
  init(context: AppContext) {
    self.context = context
  }

  /// Reads the register now, for the paths that need it before a frame.
  func ensureLoaded() {
    if !firstRead.started { reload() }
  }

  /// Forms and filter lists are on the shell's modal stack: the screen holds no input.
  var capturesKeyboard: Bool { false }
  var hasUnsavedInput: Bool { false }

  var selected: DisclosureEntry? {
    entries.indices.contains(selection.selected) ? entries[selection.selected] : nil
  }

  var query: DisclosureQuery {
    DisclosureQuery(
      level: levelFilter, channelID: channelFilter, departmentID: departmentFilter, overdueOnly: overdueOnly,
      today: context.today)
  }

  var hasFilter: Bool { channelFilter != nil || departmentFilter != nil || levelFilter != nil || overdueOnly }

  // MARK: Loading

  /// Reads the register again, keeping the selected item when it is still listed.
  /// After a save (`select` given) the saved item stays listed and selected even
  /// when it no longer matches the filter (a publication takes it off 逾期), so the
  /// clerk sees the result; the next plain reload (`r`, a filter change) drops it.
  /// The read is an effect; its answer (`Msg.registerRead`) lays the list out.
  func reloadEffect(select itemID: Int64? = nil) -> Effect {
    let keep = itemID ?? selected?.id
    return .run { [self] in
      .own(Msg.registerRead(try readRegister(keeping: itemID), keep: keep, saved: itemID))
    }
  }

  /// Reads the register at once, for the paths that need it before a frame
  /// (`gongzhi render disclosures`, a key before the first frame).
  func reload() {
    firstRead.done()
    loadError = nil
    do {
      apply(try readRegister(keeping: nil))
    } catch {
      entries = []
      loadError = strings.describe(error)
    }
    select(keep: selected?.id)
  }

  /// What the register shows for the current filter, read in one go.
  struct Register {
    var channels: [DisclosureChannel]
    var departments: [Department]
    var entries: [DisclosureEntry]
    var overdueTotal: Int
  }

  /// The register for the current filter, with the item `itemID` (just saved) listed
  /// even when the filter leaves it out.
  func readRegister(keeping itemID: Int64?) throws -> Register {
    let entries = try repo.entries(query)
    var register = Register(
      channels: try repo.channels(includeInactive: true),
      departments: try context.store.proposals.departments(includeInactive: true), entries: entries,
      overdueTotal: hasFilter
        ? try repo.entries(DisclosureQuery(overdueOnly: true, today: context.today)).count
        : entries.filter { $0.status.isOverdue }.count)
    if let itemID {
      try keepListed(itemID, in: &register.entries)
      if !hasFilter { register.overdueTotal = register.entries.filter { $0.status.isOverdue }.count }
    }
    return register
  }

  /// The register for the current filter, read as an effect (the first frame's read).
  func readRegisterEffect() -> Effect { reloadEffect() }

  func apply(_ register: Register) {
    channels = register.channels
    departments = register.departments
    entries = register.entries
    overdueTotal = register.overdueTotal
  }

  /// Selects the item with id `keep` (else the first); its history is read when shown.
  func select(keep: Int64?) {
    let index = keep.flatMap { id in entries.firstIndex { $0.id == id } } ?? 0
    selection.count = entries.count
    selection.select(index)
    history = []
    detailScroll = 0
  }

  /// Adds the item to `entries` at its register place (level, then id) if the filter left it out.
  private func keepListed(_ itemID: Int64, in entries: inout [DisclosureEntry]) throws {
    guard !entries.contains(where: { $0.id == itemID }),
      let entry = try repo.entries(DisclosureQuery(includeInactive: true, today: context.today))
        .first(where: { $0.id == itemID })
    else { return }
    func place(_ e: DisclosureEntry) -> (Int, Int64) {
      (DisclosureLevel.allCases.firstIndex(of: e.item.level) ?? 0, e.id)
    }
    let at = entries.firstIndex { place($0) > place(entry) } ?? entries.count
    entries.insert(entry, at: at)
  }

  /// Reads the selected item's publications at once (`gongzhi render disclosures ITEM`).
  func loadHistory() {
    detailScroll = 0
    guard let entry = selected else {
      history = []
      return
    }
    do {
      history = try repo.publications(itemID: entry.id)
    } catch {
      history = []
      loadError = strings.describe(error)
    }
  }

  /// The selected item's publications as an effect, when the detail shows them and
  /// they have not been read since the selection moved.
  func historyEffects() -> [Effect] {
    guard showsDetail, let entry = selected, history.isEmpty, entry.item.lastPublishedOn != nil else {
      return []
    }
    let id = entry.id
    return [
      .run { [self] in .own(Msg.historyRead(itemID: id, Result { try repo.publications(itemID: id) })) }
    ]
  }

  func channelName(_ id: Int64) -> String { channels.first { $0.id == id }?.name ?? "#\(id)" }
  func departmentName(_ id: Int64?) -> String {
    id.flatMap { d in departments.first { $0.id == d }?.name } ?? ""
  }

  // MARK: Keys

  var hints: [(key: String, label: String)] {
    switch mode {
    case .browse:
      var h: [(key: String, label: String)] = [
        (key: "Enter", label: strings("hint.disclosure.open")),
        (key: "f", label: strings("hint.disclosure.filter")),
        (key: "o", label: strings("hint.disclosure.overdue")),
      ]
      if context.actor.role.can(.manageDisclosures) {
        h += [
          (key: "p", label: strings("hint.disclosure.publish")),
          (key: "n", label: strings("hint.disclosure.new")),
          (key: "e", label: strings("hint.edit")),
        ]
      }
      h.append((key: "q", label: strings("hint.quit")))
      return h
    case .detail:
      var h: [(key: String, label: String)] = [(key: "Esc", label: strings("hint.disclosure.back"))]
      if context.actor.role.can(.manageDisclosures) {
        h += [
          (key: "p", label: strings("hint.disclosure.publish")), (key: "e", label: strings("hint.edit")),
        ]
      }
      return h
    }
  }

  var helpEntries: [(keys: String, description: String)] {
    if case .detail = mode { return detailHelpEntries }
    return [
      (keys: "↑ ↓  j k", description: strings("key.move")),
      (keys: "PgUp PgDn Home End", description: strings("key.page")),
      (keys: "Enter", description: strings("key.disclosure.open")),
      (keys: "Esc", description: strings("key.back")),
      (keys: "f", description: strings("key.disclosure.filter")),
      (keys: "o", description: strings("key.disclosure.overdue")),
      (keys: "c", description: strings("key.disclosure.channel")),
      (keys: "d", description: strings("key.disclosure.department")),
      (keys: "x", description: strings("key.disclosure.clear")),
      (keys: "p", description: strings("key.disclosure.publish")),
      (keys: "n", description: strings("key.disclosure.new")),
      (keys: "e", description: strings("key.disclosure.edit")),
      (keys: "r", description: strings("key.reload")),
      (keys: "Space", description: strings("key.disclosure.toggle")),
      (keys: "Ctrl-S", description: strings("key.formSave")),
      (keys: "⚠  ◆", description: strings("key.disclosure.marks")),
    ]
  }

  /// The keys `detailKey` answers, for `?` on an item's page.
  private var detailHelpEntries: [(keys: String, description: String)] {
    [
      (keys: "↑ ↓  j k", description: strings("key.disclosure.scroll")),
      (keys: "PgUp PgDn Space Home", description: strings("key.page")),
      (keys: "Esc ← h  Backspace", description: strings("key.disclosure.detailBack")),
      (keys: "p", description: strings("key.disclosure.publish")),
      (keys: "e", description: strings("key.disclosure.edit")),
      (keys: "r", description: strings("key.reload")),
    ]
  }

  func update(_ msg: ScreenMsg) -> [Effect] {
    switch msg {
    case .layout(let area):
      screenRect = area
      let read = firstRead.layout(area, read: readRegisterEffect, layOut: layOut(in:))
      return read.isEmpty ? historyEffects() : read
    case .own(let own as Msg):
      return received(own)
    case .failed(let error):
      // A register read failed: the list is not shown half-read.
      entries = []
      select(keep: nil)
      loadError = strings.describe(error)
      layOut(in: screenRect)
      return []
    default:
      guard let event = msg.event else { return [] }
      return handle(event)
    }
  }

  /// The answer to an effect the screen asked for.
  private func received(_ msg: Msg) -> [Effect] {
    switch msg {
    case .itemSubmitted(let form, let editing): return saveItem(form, editing: editing)
    case .publicationSubmitted(let form, let item): return savePublication(form, item: item)
    case .filterSubmitted(let form): return applyFilter(form)
    case .filterChosen(let id, let channel):
      if channel { channelFilter = id } else { departmentFilter = id }
      return [reloadEffect()]
    case .registerRead(let register, let keep, let saved):
      loadError = nil
      apply(register)
      select(keep: keep)
      if saved != nil, case .detail = mode, selected?.id != saved { mode = .browse }
      layOut(in: screenRect)
      return historyEffects()
    case .historyRead(let itemID, let result):
      guard selected?.id == itemID else { return [] }
      detailScroll = 0
      switch result {
      case .success(let publications): history = publications
      case .failure(let error): loadError = strings.describe(error)
      }
      layOut(in: screenRect)
    case .ownersRead(let owners, let forForm):
      if forForm {
        return [openFilterForm(owners: owners)]
      } else {
        return [
          pickFilter(
            names: owners.map(\.name), ids: owners.map(\.id), current: departmentFilter, channel: false)
        ]
      }
    case .channelsInstalled(let register):
      apply(register)
      select(keep: selected?.id)
      return [openNewItemForm()]
    case .saved(let message, let itemID):
      return [.dismiss, .post(message, .ok), reloadEffect(select: itemID)]
    case .saveRefused(let error):
      return refused(error)
    case .actionFailed(let error):
      return [.post(strings.describe(error), .danger)]
    }
    return []
  }

  /// A key or a click: the handlers change the state and gather the effects they ask for.
  func handle(_ event: Event) -> [Effect] {
    ensureLoaded()
    var effects: [Effect] = []
    switch event {
    case .key(let key): _ = handleKey(key, effects: &effects)
    case .mouse(let mouse): _ = handleMouse(mouse, effects: &effects)
    default: break
    }
    return effects
  }

  private func handleKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch mode {
    case .browse: return browseKey(key, effects: &effects)
    case .detail: return detailKey(key, effects: &effects)
    }
  }

  private func browseKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .enter:
      guard selected != nil else { return true }
      mode = .detail
    case .char("f"): startFilter(effects: &effects)
    case .char("o"):
      overdueOnly.toggle()
      effects.append(reloadEffect())
      effects.post(
        strings(overdueOnly ? "disclosure.filter.overdueOn" : "disclosure.filter.overdueOff"), role: .normal)
    case .char("c"):
      let active = channels.filter(\.active)
      effects.append(
        pickFilter(names: active.map(\.name), ids: active.map(\.id), current: channelFilter, channel: true))
    case .char("d"): effects.append(ownersEffect(forForm: false))
    case .char("x"):
      channelFilter = nil
      departmentFilter = nil
      levelFilter = nil
      overdueOnly = false
      effects.append(reloadEffect())
      effects.post(strings("disclosure.filter.cleared"), role: .normal)
    case .char("p"): startPublish(effects: &effects)
    case .char("n"): startNew(effects: &effects)
    case .char("e"): startEdit(effects: &effects)
    case .char("r"):
      effects.append(reloadEffect())
      effects.post(strings("disclosure.reloaded"), role: .normal)
    case .char("j"): return moveSelection(.down)
    case .char("k"): return moveSelection(.up)
    default: return moveSelection(key)
    }
    return true
  }

  private func moveSelection(_ key: Key) -> Bool {
    let before = selection.selected
    guard selection.handle(key) else { return false }
    if selection.selected != before { history = [] }
    return true
  }

  /// Departments that own at least one item (all items, not only the filtered ones).
  func owningDepartments() throws -> [Department] {
    let used = Set(try repo.entries(DisclosureQuery(today: context.today)).compactMap(\.item.departmentID))
    return departments.filter { used.contains($0.id) }
  }

  /// Opens the filter list: "all" first, then `names`, the current filter selected.
  func pickFilter(names: [String], ids: [Int64], current: Int64?, channel: Bool) -> Effect {
    let selected = current.flatMap { ids.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
    return .present(
      .pick(
        PickList(items: [strings("disclosure.filter.any")] + names, selected: selected),
        title: strings(channel ? "disclosure.field.channel" : "disclosure.field.department"),
        placeholder: strings("picker.filter"), empty: strings("picker.none"),
        chosen: { .own(Msg.filterChosen(id: $0 == 0 ? nil : ids[$0 - 1], channel: channel)) }))
  }

  private func detailKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .escape, .backspace, .left, .char("h"):
      mode = .browse
    case .char("p"): startPublish(effects: &effects)
    case .char("e"): startEdit(effects: &effects)
    case .down, .char("j"): detailScroll += 1
    case .up, .char("k"): detailScroll = max(0, detailScroll - 1)
    case .pageDown, .char(" "): detailScroll += 10
    case .pageUp: detailScroll = max(0, detailScroll - 10)
    case .home: detailScroll = 0
    case .char("r"):
      effects.append(reloadEffect())
      effects.post(strings("disclosure.reloaded"), role: .normal)
    default: return false
    }
    return true
  }

  private func handleMouse(_ mouse: MouseEvent, effects: inout [Effect]) -> Bool {
    switch mode {
    case .detail:
      if mouse.kind == .wheelDown { detailScroll += 3 }
      if mouse.kind == .wheelUp { detailScroll = max(0, detailScroll - 3) }
      return true
    case .browse:
      if mouse.kind == .wheelDown { return moveSelection(.down) }
      if mouse.kind == .wheelUp { return moveSelection(.up) }
      guard mouse.kind == .click, listRect.contains(Point(x: mouse.x, y: mouse.y)) else { return false }
      let lines = displayLines()
      let index = listTop + (mouse.y - listRect.y)
      guard lines.indices.contains(index), case .item(let i) = lines[index] else { return true }
      if i == selection.selected {
        mode = .detail
      } else {
        selection.select(i)
      }
      return true
    }
  }

  // MARK: Lines of the grouped list

  enum Line: Equatable {
    case header(DisclosureLevel, Int)
    case item(Int)
  }

  /// The list as drawn: a header before each level's items.
  func displayLines() -> [Line] {
    var lines: [Line] = []
    var current: DisclosureLevel?
    for (i, entry) in entries.enumerated() {
      if entry.item.level != current {
        current = entry.item.level
        lines.append(.header(entry.item.level, entries.filter { $0.item.level == entry.item.level }.count))
      }
      lines.append(.item(i))
    }
    return lines
  }
}
