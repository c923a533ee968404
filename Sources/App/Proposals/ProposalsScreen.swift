import Domain
import Foundation
import Store
import TUI

/// The staff proposals screen (职工提案): state counts and KPIs of a session on top,
/// a paged, filtered, sortable list (or the 督办 list by department), a detail view
/// with the history and the actions the user's role may take.
@MainActor
final class ProposalsScreen: AppScreen {
  enum View: Equatable {
    case list
    case supervision
    case detail
  }

  /// A modal step on top of browsing.
  enum Mode {
    case browse
    case search(TextField)
    case filterForm(Form)
    /// Registering a new proposal, or editing a draft (`editingDraft` set).
    case newForm(Form)
    case actionForm(Form, ProposalActionKind, Proposal)
    case pickMember(MemberPicker, Form)
  }

  /// The screen's own messages.
  enum Msg: ScreenOwnMsg {
    /// "Discard" on the question an Esc on a typed-in form asks.
    case discardForm
    /// The sessions and departments, read for the first frame.
    case basicsRead(sessions: [CongressSession], departments: [Department])
  }

  /// The keys of the actions, the same in every state.
  static let actionKeys: [(Character, ProposalActionKind)] = [
    ("t", .submit), ("w", .startReview), ("l", .file), ("o", .convertToSuggestion), ("d", .notFile),
    ("m", .merge), ("a", .assign), ("a", .reassign), ("b", .requestReturn), ("h", .startHandling),
    ("x", .extend), ("r", .reply), ("e", .evaluate), ("i", .implement), ("c", .close),
  ]

  static func key(for kind: ProposalActionKind) -> Character {
    actionKeys.first { $0.1 == kind }?.0 ?? "?"
  }

  let context: AppContext
  var strings: Strings { context.strings }
  var store: GongzhiStore { context.store }
  var repo: any ProposalRepository { store.proposals }
  var policy: ProposalPolicy { repo.policy }
  var today: Day { context.today }

  var mode = Mode.browse
  var view = View.list
  /// Where Esc from the detail goes back to.
  var detailReturn = View.list
  var loaded = false
  var loadError: String?

  var sessions: [CongressSession] = []
  var departments: [Department] = []
  var departmentNames: [Int64: String] = [:]

  var query: ProposalQuery
  /// The rows fetched around the visible part of the list.
  var window: [ProposalListItem] = []
  var windowOffset = 0
  var total = 0
  var selection = ListSelection(count: 0)
  var counts: [ProposalState: Int] = [:]
  var kpis: ProposalKPIs?

  var supervision = SupervisionWindow()
  var supervisionSelection = ListSelection(count: 0)

  var detail: ProposalDetail?
  var detailScroll = 0

  /// The draft the open proposal form edits; nil when it registers a new proposal.
  var editingDraft: Proposal?

  /// Areas of the last frame.
  var bodyRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var tableRect = Rect(x: 0, y: 0, width: 0, height: 0)

  /// Rows fetched per page: enough for a tall terminal and some scrolling either way.
  static let pageSize = 120

  init(context: AppContext) {
    self.context = context
    self.query = ProposalQuery(today: context.today)
  }

  var capturesKeyboard: Bool {
    if case .browse = mode { return false }
    return true
  }

  var hasUnsavedInput: Bool {
    switch mode {
    case .newForm(let form), .actionForm(let form, _, _), .pickMember(_, let form):
      return form.isDirty
    default: return false
    }
  }

  var canAct: Bool { context.refusal(for: .manageProposals) == nil }

  // MARK: Loading

  /// Reads sessions and departments, then the header and the list (first use and `R`).
  func load() {
    loaded = true
    loadError = nil
    do {
      apply(sessions: try repo.sessions(), departments: try repo.departments(includeInactive: true))
    } catch {
      loadError = strings.describe(error)
    }
    refreshAfterBasics()
  }

  /// The read `load` makes, as an effect for the shell to run.
  func readBasics() -> Effect {
    let repo = self.repo
    return .run {
      .own(
        Msg.basicsRead(
          sessions: try repo.sessions(), departments: try repo.departments(includeInactive: true)))
    }
  }

  func apply(sessions: [CongressSession], departments: [Department]) {
    loadError = nil
    self.sessions = sessions
    self.departments = departments
    departmentNames = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
    if query.sessionID == nil || !sessions.contains(where: { $0.id == query.sessionID }) {
      query.sessionID = sessions.first?.id
    }
  }

  /// The header, the list and the 督办 list, read again for the session and filters.
  func refreshAfterBasics() {
    refreshHeader()
    refreshList(keep: selectedItem?.id)
    if view == .supervision { refreshSupervision() }
  }

  func ensureLoaded() {
    if !loaded { load() }
  }

  func refreshHeader() {
    do {
      counts = try repo.stateCounts(sessionID: query.sessionID)
      kpis = try query.sessionID.map { try repo.kpis(sessionID: $0) }
    } catch {
      loadError = strings.describe(error)
    }
  }

  /// Runs the query again from the top (or keeping the row with id `keep` selected
  /// when it is in the first page).
  func refreshList(keep id: Int64? = nil) {
    window = []
    windowOffset = 0
    fetch(offset: 0, limit: Self.pageSize)
    var index = 0
    if let id, let i = window.firstIndex(where: { $0.id == id }) { index = i }
    selection = ListSelection(count: total, selected: index, pageSize: selection.pageSize)
  }

  func fetch(offset: Int, limit: Int) {
    do {
      let page = try repo.list(query, offset: offset, limit: limit)
      window = page.items
      windowOffset = page.offset
      total = page.total
      selection.count = total
      loadError = nil
    } catch {
      window = []
      loadError = strings.describe(error)
    }
  }

  /// Makes sure the rows `top..<top+height` are fetched: only a page around the
  /// visible rows is ever held.
  func ensureWindow(top: Int, height: Int) {
    let end = min(total, top + height)
    guard end > top else { return }
    if top >= windowOffset && end <= windowOffset + window.count { return }
    let start = max(0, top - (Self.pageSize - height) / 2)
    fetch(offset: start, limit: max(Self.pageSize, height))
  }

  func item(at index: Int) -> ProposalListItem? {
    let i = index - windowOffset
    return window.indices.contains(i) ? window[i] : nil
  }

  var selectedItem: ProposalListItem? {
    switch view {
    case .supervision:
      ensureSupervisionLines(top: supervisionSelection.selected, height: 1)
      return supervision.row(at: supervisionSelection.selected)?.item
    default:
      guard total > 0 else { return nil }
      if item(at: selection.selected) == nil { ensureWindow(top: selection.selected, height: 1) }
      return item(at: selection.selected)
    }
  }

  /// Counts the 督办 list again; its lines are read as they are shown.
  func refreshSupervision() {
    do {
      supervision = SupervisionWindow(
        outline: try repo.supervisionOutline(
          sessionID: query.sessionID, departmentID: query.departmentID, today: today))
      supervisionSelection.count = supervision.count
    } catch {
      supervision = SupervisionWindow()
      loadError = strings.describe(error)
    }
  }

  /// Makes sure the 督办 lines `top..<top+height` are read.
  func ensureSupervisionLines(top: Int, height: Int) {
    do {
      try supervision.ensure(top: top, height: height) { outline, offset, limit in
        try repo.supervisionItems(outline, offset: offset, limit: limit)
      }
    } catch {
      supervision = SupervisionWindow()
      loadError = strings.describe(error)
    }
  }

  /// Opens the detail of a proposal (reading it whole, with its history).
  func openDetail(id: Int64) {
    do {
      guard let p = try repo.proposal(id: id) else { return }
      detail = ProposalDetail(
        proposal: p, timeline: try repo.timeline(proposalID: id), replies: try repo.replies(proposalID: id),
        evaluations: try repo.evaluations(proposalID: id),
        actions: try repo.availableActions(for: p, role: context.actor.role, on: today))
      if view != .detail {
        detailReturn = view
        detailScroll = 0
      }
      view = .detail
    } catch {
      loadError = strings.describe(error)
    }
  }

  /// After a change: header, list, 督办 and the open detail read again.
  func reloadAfterChange(selecting id: Int64?) {
    refreshHeader()
    refreshList(keep: id)
    if view == .supervision || detailReturn == .supervision { refreshSupervision() }
    if view == .detail, let id { openDetail(id: id) }
  }

  // MARK: Keys

  var hints: [(key: String, label: String)] {
    guard case .browse = mode else { return [] }
    switch view {
    case .list, .supervision:
      var h: [(key: String, label: String)] = [
        (key: "Enter", label: strings("hint.open")), (key: "/", label: strings("hint.search")),
        (key: "f", label: strings("hint.filter")), (key: "s", label: strings("hint.sort")),
        (key: "v", label: strings(view == .list ? "hint.supervision" : "hint.list")),
      ]
      if canAct { h.append((key: "n", label: strings("hint.newProposal"))) }
      h.append((key: "q", label: strings("hint.quit")))
      return h
    case .detail:
      return [(key: "Esc", label: strings("hint.back")), (key: "↑↓", label: strings("hint.scroll"))]
    }
  }

  var helpEntries: [(keys: String, description: String)] {
    var entries: [(keys: String, description: String)] = [
      (keys: "↑ ↓  j k", description: strings("key.move")),
      (keys: "PgUp PgDn Home End", description: strings("key.page")),
      (keys: "Enter", description: strings("key.proposal.open")),
      (keys: "Esc", description: strings("key.proposal.back")),
      (keys: "/", description: strings("key.proposal.search")),
      (keys: "f", description: strings("key.proposal.filter")),
      (keys: "F", description: strings("key.proposal.clearFilters")),
      (keys: "!", description: strings("key.proposal.overdue")),
      (keys: "s  S", description: strings("key.proposal.sort")),
      (keys: "v", description: strings("key.proposal.supervision")),
      (keys: "n", description: strings("key.proposal.new")),
      (keys: "E", description: strings("key.proposal.editDraft")),
      (keys: "R", description: strings("key.reload")),
    ]
    var seen = Set<Character>()
    for (key, kind) in Self.actionKeys where seen.insert(key).inserted {
      let label =
        kind == .assign
        ? strings("proposal.action.assign") + " / " + strings("proposal.action.reassign")
        : strings("proposal.action.\(kind.rawValue)")
      entries.append((keys: String(key), description: label))
    }
    entries.append((keys: "Ctrl-S", description: strings("key.formSave")))
    return entries
  }

  func update(_ msg: ScreenMsg) -> [Effect] {
    switch msg {
    case .layout(let area):
      guard loaded else {
        // The first frame: its store read is an effect, whose answer lays out again.
        loaded = true
        bodyRect = area
        return [readBasics()]
      }
      layOut(in: area)
      return []
    case .own(let own as Msg):
      switch own {
      case .discardForm: mode = .browse
      case .basicsRead(let sessions, let departments):
        apply(sessions: sessions, departments: departments)
        refreshAfterBasics()
        layOut(in: bodyRect)
      }
      return []
    case .failed(let error):
      loadError = strings.describe(error)
      layOut(in: bodyRect)
      return []
    default:
      guard let event = msg.event else { return [] }
      return EffectRecorder.effects(of: event, context: context, handle)
    }
  }

  /// Stores the hit areas and page sizes of a frame in `area` and reads the page of rows
  /// the list shows there, so that render only draws.
  func layOut(in area: Rect) {
    bodyRect = area
    let layout = frameLayout(in: area, glyphs: context.glyphs)
    switch view {
    case .list:
      guard let table = layout.table else { return }
      tableRect = table
      selection.pageSize = layout.bodyHeight
      ensureWindow(top: selection.visibleOffset(height: layout.bodyHeight), height: layout.bodyHeight)
    case .supervision:
      guard let table = layout.table else { return }
      tableRect = table
      supervisionSelection.pageSize = layout.bodyHeight
      ensureSupervisionLines(
        top: supervisionSelection.visibleOffset(height: layout.bodyHeight), height: layout.bodyHeight)
    case .detail:
      guard let text = layout.detailText else { return }
      let lines = detailLines(width: text.width, glyphs: context.glyphs)
      detailScroll = max(0, min(detailScroll, lines.count - text.height))
    }
  }

  func handle(_ event: Event, host: ScreenHost) -> Bool {
    ensureLoaded()
    switch event {
    case .key(let key): return handleKey(key, host: host)
    case .mouse(let mouse): return handleMouse(mouse, host: host)
    default: return false
    }
  }

  private func handleKey(_ key: Key, host: ScreenHost) -> Bool {
    switch mode {
    case .browse:
      return browseKey(key, host: host)
    case .search(var field):
      switch key {
      case .escape:
        mode = .browse
        setSearch("")
      case .enter:
        mode = .browse
      case .up, .down, .pageUp, .pageDown:
        _ = selection.handle(key)
      default:
        let before = field.text
        if case .char(let c) = key { field.insert(String(c)) } else { _ = field.handle(key) }
        mode = .search(field)
        if field.text != before { setSearch(field.text) }
      }
      return true
    case .filterForm(var form):
      switch form.handle(key) {
      case .cancel: mode = .browse
      case .submit:
        if applyFilterForm(&form, host: host) { mode = .browse } else { mode = .filterForm(form) }
      default: mode = .filterForm(form)
      }
      return true
    case .newForm(var form):
      form.layout(in: bodyRect)
      if key == .enter, let id = form.focusedID, id == "proposer" || id == "coSigners" {
        mode = .pickMember(
          MemberPicker(
            target: id, multiple: id == "coSigners",
            chosen: id == "coSigners" ? Self.names(form.value(id)) : [],
            title: strings(id == "coSigners" ? "picker.coSigners" : "picker.proposer"),
            placeholder: strings("picker.memberSearch")), form)
        return true
      }
      // Ctrl-D keeps the proposal a draft; Ctrl-S submits a new one (and saves an edited draft).
      let outcome: Form.Outcome = key == .ctrl("d") ? .submit : form.handle(key)
      switch outcome {
      case .cancel: cancelForm(form, host: host)
      case .submit:
        let asDraft = key == .ctrl("d") || editingDraft != nil
        if saveProposalForm(&form, asDraft: asDraft, host: host) {
          mode = .browse
        } else {
          mode = .newForm(form)
        }
      default: mode = .newForm(form)
      }
      return true
    case .pickMember(var picker, var form):
      switch picker.handle(key) {
      case .done(let names):
        if picker.multiple {
          form.setText(picker.target, names.joined(separator: "、"))
        } else if let name = names.first {
          let previous = form.value(picker.target)
          form.setText(picker.target, name)
          // The unit follows the proposer: a member's own department, or nothing for a
          // name typed in (what was there belonged to the previous proposer).
          if let member = picker.chosenMember {
            form.setText("proposerUnit", member.department)
          } else if name != previous {
            form.setText("proposerUnit", "")
          }
        }
        mode = .newForm(form)
      case .cancel:
        mode = .newForm(form)
      case .changed:
        picker.refresh(store: store, strings: strings)
        mode = .pickMember(picker, form)
      case .handled:
        mode = .pickMember(picker, form)
      }
      return true
    case .actionForm(var form, let kind, let proposal):
      form.layout(in: bodyRect)
      switch form.handle(key) {
      case .cancel: cancelForm(form, host: host)
      case .submit:
        if saveAction(&form, kind: kind, proposal: proposal, host: host) {
          mode = .browse
        } else {
          mode = .actionForm(form, kind, proposal)
        }
      default: mode = .actionForm(form, kind, proposal)
      }
      return true
    }
  }

  /// Esc on a form: close at once when nothing was typed, else ask first.
  /// The form stays open under the question, and "keep editing" leaves it as it was.
  func cancelForm(_ form: Form, host: ScreenHost) {
    guard form.isDirty else {
      mode = .browse
      return
    }
    host.confirm(.discardEdits(strings), onYes: .own(Msg.discardForm), onNo: nil)
  }

  private func browseKey(_ key: Key, host: ScreenHost) -> Bool {
    if case .char(let c) = key, let kind = actionKind(for: c) {
      startAction(kind, key: c, host: host)
      return true
    }
    switch key {
    case .char("/"):
      guard view != .detail else { return false }
      view = .list
      var field = TextField(placeholder: strings("proposal.search.placeholder"), maxLength: 40)
      field.setText(query.search)
      mode = .search(field)
    case .char("f"): openFilterForm()
    case .char("F"):
      clearFilters()
      host.post(strings("proposal.filtersCleared"), role: .normal)
    case .char("!"):
      query.overdueOnly.toggle()
      if view == .detail { view = detailReturn }
      refreshList()
      host.post(strings(query.overdueOnly ? "proposal.overdueOn" : "proposal.overdueOff"), role: .normal)
    case .char("s"): cycleSort(by: 1)
    case .char("S"):
      query.descending.toggle()
      refreshList()
    case .char("v"):
      view = view == .supervision ? .list : .supervision
      if view == .supervision { refreshSupervision() }
    case .char("n"): startNew(host: host)
    case .char("E"): startEditDraft(host: host)
    case .char("R"):
      load()
      host.post(strings("proposal.reloaded"), role: .normal)
    case .escape:
      if view == .detail {
        view = detailReturn
      } else if !query.search.isEmpty {
        setSearch("")
      } else {
        return false
      }
    case .enter:
      if view == .detail { return true }
      if let item = selectedItem { openDetail(id: item.id) }
    default:
      switch view {
      case .list: return selection.handle(key)
      case .supervision: return supervisionSelection.handle(key)
      case .detail:
        switch key {
        case .up, .char("k"): detailScroll = max(0, detailScroll - 1)
        case .down, .char("j"): detailScroll += 1
        case .pageUp: detailScroll = max(0, detailScroll - 10)
        case .pageDown: detailScroll += 10
        case .home: detailScroll = 0
        case .end: detailScroll = Int.max / 2
        default: return false
        }
      }
    }
    return true
  }

  /// The action a key stands for on the current proposal: the one of its kinds that
  /// the state allows (`a` is 交办 or 重新交办).
  private func actionKind(for c: Character) -> ProposalActionKind? {
    let kinds = Self.actionKeys.filter { $0.0 == c }.map(\.1)
    guard !kinds.isEmpty else { return nil }
    if kinds.count == 1 { return kinds[0] }
    let state = view == .detail ? detail?.proposal.state : selectedItem?.state
    return kinds.first { (ProposalMachine.allowed[$0] ?? []).contains(state ?? .draft) } ?? kinds[0]
  }

  func setSearch(_ text: String) {
    query.search = text
    refreshList()
  }

  func clearFilters() {
    let session = query.sessionID
    query = ProposalQuery(sessionID: session, sort: query.sort, descending: query.descending, today: today)
    if view == .detail { view = detailReturn }
    refreshList()
    if view == .supervision { refreshSupervision() }
  }

  /// The list's columns from left to right, as `s` steps through them.
  static let sortOrder: [ProposalSortKey] = [
    .number, .title, .proposer, .leadDepartment, .state, .dueOn, .daysLeft,
  ]

  /// The next column the list shows (a narrow list hides some) becomes the sort.
  func cycleSort(by step: Int) {
    let shown = Set(listColumns(width: tableRect.width, glyphs: context.glyphs).compactMap(\.1))
    let order = tableRect.width > 0 ? Self.sortOrder.filter { shown.contains($0) } : Self.sortOrder
    let i = order.firstIndex(of: query.sort) ?? 0
    query.sort = order[(i + step + order.count) % order.count]
    query.descending = false
    refreshList()
  }

  private func handleMouse(_ mouse: MouseEvent, host: ScreenHost) -> Bool {
    guard case .browse = mode else { return false }
    let point = Point(x: mouse.x, y: mouse.y)
    switch mouse.kind {
    case .wheelUp: return browseKey(.up, host: host)
    case .wheelDown: return browseKey(.down, host: host)
    case .click:
      guard view != .detail, tableRect.contains(point) else { return false }
      var sel = view == .list ? selection : supervisionSelection
      sel.pageSize = max(1, tableRect.height - 1)
      guard let i = sel.index(atY: mouse.y, top: tableRect.y + 1, height: tableRect.height - 1) else {
        return false
      }
      if i == sel.selected, let item = selectedItem {
        openDetail(id: item.id)
      } else if view == .list {
        selection.select(i)
      } else {
        supervisionSelection.select(i)
      }
      return true
    }
  }

  static func names(_ text: String) -> [String] {
    text.split(whereSeparator: { "、,，;； ".contains($0) }).map { String($0) }.filter { !$0.isEmpty }
  }
}

/// A proposal read whole for the detail view.
struct ProposalDetail {
  var proposal: Proposal
  var timeline: [ProposalTransition]
  var replies: [ProposalReplyRecord]
  var evaluations: [ProposalEvaluationRecord]
  var actions: [ProposalActionKind]
}

/// A line of the 督办 list, with its department group.
struct SupervisionItemRow {
  var group: SupervisionDepartment
  var entry: SupervisionItem
  /// The first line of its department.
  var first: Bool
  var item: ProposalListItem { entry.item }
}
