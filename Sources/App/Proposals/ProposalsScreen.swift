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
    /// Registering a new proposal, or editing a draft (`editingDraft` set).
    case newForm(Form)
    case pickMember(MemberPicker, Form)
  }

  /// The screen's own messages.
  enum Msg: ScreenOwnMsg {
    /// "Discard" on the question an Esc on a typed-in form asks.
    case discardForm
    /// The sessions and departments, read for the first frame (or `R`).
    case basicsRead(sessions: [CongressSession], departments: [Department])
    /// The parts of the screen a change of the query or of the data affects; `keep`
    /// is the proposal to keep selected, `announce` posts the number found.
    case listingRead(Listing, keep: Int64?, announce: Bool)
    /// A page of the list around the rows the frame shows.
    case pageRead(ProposalPage)
    /// The 督办 lines from `offset` around the ones the frame shows.
    case supervisionLinesRead(offset: Int, lines: [SupervisionItem])
    /// A proposal and what may be done with it, for `E` or an action key.
    case proposalRead(Proposal, ProposalPreparation)
    /// A save went through: the post, the proposal to select (and open), the session
    /// the list shows from now on.
    case saved(message: String, id: Int64, session: Int64?, openDetail: Bool)
    /// Another terminal changed the proposal first: the form closes, the data is read again.
    case stale(id: Int64)
    /// The store refused a save; the open form shows why (`kind` for an action's form).
    case saveRefused(any Error, kind: ProposalActionKind?)
    /// Ctrl-S on the filter form.
    case filterSubmitted(Form)
    /// Ctrl-S on an action's form.
    case actionSubmitted(Form, ProposalActionKind, Proposal)
    /// A read a key asked for failed; what the screen shows stays.
    case actionFailed(any Error)
    /// The members whose names match what the member picker says.
    case membersFound(query: String, Result<[Member], any Error>)
  }

  /// Why a key reads a proposal: to edit the draft (`E`) or to act on it.
  enum Purpose {
    case editDraft
    case action(ProposalActionKind)
  }

  /// What a key on a proposal needs read before its form opens.
  enum ProposalPreparation {
    case editDraft
    case action(ProposalActionKind, available: [ProposalActionKind], calendar: WorkingCalendar)
  }

  /// What the header, the list, the 督办 list and the detail show, each read only
  /// when asked for.
  struct Listing {
    var header: (counts: [ProposalState: Int], kpis: ProposalKPIs?)?
    var page: ProposalPage?
    var supervision: SupervisionWindow?
    var detail: ProposalDetail?
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
  /// The first frame's read (see `FirstRead`).
  private var firstRead = FirstRead()
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
    case .newForm(let form), .pickMember(_, let form):
      return form.isDirty
    default: return false
    }
  }

  var canAct: Bool { context.refusal(for: .manageProposals) == nil }

  // MARK: Loading

  /// Reads sessions and departments, then the header and the list, at once (for
  /// `gongzhi render` and a key before the first frame; `R` reads as an effect).
  func load() {
    firstRead.done()
    loadError = nil
    do {
      apply(sessions: try repo.sessions(), departments: try repo.departments(includeInactive: true))
    } catch {
      loadError = strings.describe(error)
    }
    refreshHeader()
    refreshList(keep: selectedItem?.id)
    if view == .supervision { refreshSupervision() }
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

  func ensureLoaded() {
    if !firstRead.started { load() }
  }

  // MARK: Reads

  /// Reads, as one effect, the parts of the screen a change affects: the header (the
  /// session's counts), the list from its top, the 督办 list, a proposal's detail.
  func listingEffect(
    header: Bool = false, list: Bool = true, supervision: Bool = false, detail: Int64? = nil,
    keep: Int64? = nil, announce: Bool = false
  ) -> Effect {
    let (repo, query, today, role) = (self.repo, self.query, self.today, context.actor.role)
    return .run {
      var listing = Listing()
      if header { listing.header = try Self.readHeader(repo, query: query) }
      if list { listing.page = try repo.list(query, offset: 0, limit: Self.pageSize) }
      if supervision { listing.supervision = try Self.readSupervision(repo, query: query, today: today) }
      if let detail { listing.detail = try Self.readDetail(repo, id: detail, role: role, today: today) }
      return .own(Msg.listingRead(listing, keep: keep, announce: announce))
    }
  }

  /// After a change: header, list, 督办 and the open detail (or, with `open`, the
  /// changed proposal's) read again.
  func reloadAfterChangeEffect(selecting id: Int64?, open: Bool = false) -> Effect {
    listingEffect(
      header: true, supervision: view == .supervision || detailReturn == .supervision,
      detail: view == .detail || open ? id : nil, keep: id)
  }

  /// Shows what a `listingEffect` read.
  func apply(_ listing: Listing, keep id: Int64?) {
    loadError = nil
    if let header = listing.header { (counts, kpis) = header }
    if let page = listing.page {
      show(page)
      var index = 0
      if let id, let i = window.firstIndex(where: { $0.id == id }) { index = i }
      selection = ListSelection(count: total, selected: index, pageSize: selection.pageSize)
    }
    if let window = listing.supervision {
      supervision = window
      supervisionSelection.count = window.count
    }
    if let detail = listing.detail { show(detail) }
  }

  static func readHeader(_ repo: any ProposalRepository, query: ProposalQuery) throws
    -> (counts: [ProposalState: Int], kpis: ProposalKPIs?)
  {
    (
      try repo.stateCounts(sessionID: query.sessionID),
      try query.sessionID.map { try repo.kpis(sessionID: $0) }
    )
  }

  /// The 督办 list's counts (from the indexes) and its first page of lines: what the
  /// view shows on opening, not every listed proposal.
  static func readSupervision(_ repo: any ProposalRepository, query: ProposalQuery, today: Day) throws
    -> SupervisionWindow
  {
    let outline = try repo.supervisionOutline(
      sessionID: query.sessionID, departmentID: query.departmentID, today: today)
    var window = SupervisionWindow(outline: outline)
    if let (offset, limit) = window.missing(top: 0, height: 1) {
      window.show(lines: try repo.supervisionItems(outline, offset: offset, limit: limit), offset: offset)
    }
    return window
  }

  /// A proposal read whole, with its history (nil when it is gone).
  static func readDetail(_ repo: any ProposalRepository, id: Int64, role: Role, today: Day) throws
    -> ProposalDetail?
  {
    guard let p = try repo.proposal(id: id) else { return nil }
    return ProposalDetail(
      proposal: p, timeline: try repo.timeline(proposalID: id), replies: try repo.replies(proposalID: id),
      evaluations: try repo.evaluations(proposalID: id),
      actions: try repo.availableActions(for: p, role: role, on: today))
  }

  /// Reads the header at once (`gongzhi render`).
  func refreshHeader() {
    do {
      (counts, kpis) = try Self.readHeader(repo, query: query)
    } catch {
      loadError = strings.describe(error)
    }
  }

  /// Runs the query again from the top at once (`gongzhi render`), keeping the row with
  /// id `keep` selected when it is in the first page.
  func refreshList(keep id: Int64? = nil) {
    window = []
    windowOffset = 0
    do {
      apply(Listing(page: try repo.list(query, offset: 0, limit: Self.pageSize)), keep: id)
    } catch {
      window = []
      loadError = strings.describe(error)
    }
  }

  func show(_ page: ProposalPage) {
    window = page.items
    windowOffset = page.offset
    total = page.total
    selection.count = total
  }

  /// The page of rows to read so that the rows `top..<top+height` are held, or nil
  /// when they are: only a page around the visible rows is ever held.
  func missingWindow(top: Int, height: Int) -> (offset: Int, limit: Int)? {
    let end = min(total, top + height)
    guard end > top else { return nil }
    if top >= windowOffset && end <= windowOffset + window.count { return nil }
    return (max(0, top - (Self.pageSize - height) / 2), max(Self.pageSize, height))
  }

  /// The page of the list, or the 督办 lines, that the last layout found missing,
  /// read as an effect.
  func pageEffects() -> [Effect] {
    switch view {
    case .list:
      let height = selection.pageSize
      guard let (offset, limit) = missingWindow(top: selection.visibleOffset(height: height), height: height)
      else { return [] }
      let (repo, query) = (self.repo, self.query)
      return [.run { .own(Msg.pageRead(try repo.list(query, offset: offset, limit: limit))) }]
    case .supervision:
      let height = supervisionSelection.pageSize
      guard let outline = supervision.outline,
        let (offset, limit) = supervision.missing(
          top: supervisionSelection.visibleOffset(height: height), height: height)
      else { return [] }
      let repo = self.repo
      return [
        .run {
          .own(
            Msg.supervisionLinesRead(
              offset: offset, lines: try repo.supervisionItems(outline, offset: offset, limit: limit)))
        }
      ]
    case .detail: return []
    }
  }

  func item(at index: Int) -> ProposalListItem? {
    let i = index - windowOffset
    return window.indices.contains(i) ? window[i] : nil
  }

  var selectedItem: ProposalListItem? {
    switch view {
    case .supervision: return supervision.row(at: supervisionSelection.selected)?.item
    default: return total > 0 ? item(at: selection.selected) : nil
    }
  }

  /// Reads the 督办 list at once (`gongzhi render supervision`).
  func refreshSupervision() {
    do {
      apply(Listing(supervision: try Self.readSupervision(repo, query: query, today: today)), keep: nil)
    } catch {
      supervision = SupervisionWindow()
      loadError = strings.describe(error)
    }
  }

  /// Opens the detail of a proposal at once (`gongzhi render proposal N`).
  func openDetail(id: Int64) {
    do {
      if let detail = try Self.readDetail(repo, id: id, role: context.actor.role, today: today) {
        show(detail)
      }
    } catch {
      loadError = strings.describe(error)
    }
  }

  /// Shows a proposal read whole.
  func show(_ detail: ProposalDetail) {
    self.detail = detail
    if view != .detail {
      detailReturn = view
      detailScroll = 0
    }
    view = .detail
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
      bodyRect = area
      let read = firstRead.layout(area, read: readBasics, layOut: layOut(in:))
      return read.isEmpty ? pageEffects() : read
    case .own(let own as Msg):
      let effects = received(own)
      layOut(in: bodyRect)
      return effects + pageEffects()
    case .failed(let error):
      // A read failed: the error shows in place of rows that may no longer be true.
      loadError = strings.describe(error)
      window = []
      supervision = SupervisionWindow()
      layOut(in: bodyRect)
      return []
    default:
      guard let event = msg.event else { return [] }
      return handle(event)
    }
  }

  /// Stores the hit areas and page sizes of a frame in `area`, so that render only draws
  /// (the page of rows the list shows there is read by the effect `pageEffects` asks for).
  func layOut(in area: Rect) {
    bodyRect = area
    let layout = frameLayout(in: area, glyphs: context.glyphs)
    switch view {
    case .list:
      guard let table = layout.table else { return }
      tableRect = table
      selection.pageSize = layout.bodyHeight
    case .supervision:
      guard let table = layout.table else { return }
      tableRect = table
      supervisionSelection.pageSize = layout.bodyHeight
    case .detail:
      guard let text = layout.detailText else { return }
      let lines = detailLines(width: text.width, glyphs: context.glyphs)
      detailScroll = max(0, min(detailScroll, lines.count - text.height))
    }
  }

  /// The answer to an effect the screen asked for.
  private func received(_ msg: Msg) -> [Effect] {
    switch msg {
    case .discardForm: mode = .browse
    case .basicsRead(let sessions, let departments):
      apply(sessions: sessions, departments: departments)
      return [listingEffect(header: true, supervision: view == .supervision, keep: selectedItem?.id)]
    case .listingRead(let listing, let keep, let announce):
      apply(listing, keep: keep)
      if announce { return [.post(strings("proposal.filtered", String(total)), .normal)] }
    case .pageRead(let page):
      show(page)
    case .supervisionLinesRead(let offset, let lines):
      supervision.show(lines: lines, offset: offset)
    case .proposalRead(let proposal, let preparation):
      return prepare(preparation, proposal)
    case .saved(let message, let id, let session, let openDetail):
      if case .newForm = mode { mode = .browse }
      editingDraft = nil
      if let session { query.sessionID = session }
      return [.dismiss, reloadAfterChangeEffect(selecting: id, open: openDetail), .post(message, .ok)]
    case .stale(let id):
      if case .newForm = mode { mode = .browse }
      editingDraft = nil
      return [.dismiss, reloadAfterChangeEffect(selecting: id), .post(strings("proposal.stale"), .danger)]
    case .saveRefused(let error, let kind):
      return refused(error, kind: kind)
    case .filterSubmitted(let form): return applyFilterForm(form)
    case .actionSubmitted(let form, let kind, let proposal):
      return saveAction(form, kind: kind, proposal: proposal)
    case .actionFailed(let error):
      return [.post(strings.describe(error), .danger)]
    case .membersFound(let query, let found):
      guard case .pickMember(var picker, let form) = mode else { return [] }
      picker.show(found, for: query, strings: strings)
      mode = .pickMember(picker, form)
    }
    return []
  }

  /// The members matching the picker's text, read as an effect (none for no text).
  func memberSearchEffects(_ query: String) -> [Effect] {
    guard !query.isEmpty else { return received(.membersFound(query: query, .success([]))) }
    let organisation = store.organisation
    return [
      .run {
        .own(
          Msg.membersFound(
            query: query, Result { try organisation.searchMembers(query, limit: MemberPicker.limit) }))
      }
    ]
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
    case .browse:
      return browseKey(key, effects: &effects)
    case .search(var field):
      switch key {
      case .escape:
        mode = .browse
        effects += setSearch("")
      case .enter:
        mode = .browse
      case .up, .down, .pageUp, .pageDown:
        _ = selection.handle(key)
      default:
        let before = field.text
        if case .char(let c) = key { field.insert(String(c)) } else { _ = field.handle(key) }
        mode = .search(field)
        if field.text != before { effects += setSearch(field.text) }
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
      case .cancel: cancelForm(form, effects: &effects)
      case .submit:
        let asDraft = key == .ctrl("d") || editingDraft != nil
        // The form stays open until the save's answer closes it.
        effects += saveProposalForm(&form, asDraft: asDraft)
        mode = .newForm(form)
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
        mode = .pickMember(picker, form)
        effects += memberSearchEffects(picker.query)
      case .handled:
        mode = .pickMember(picker, form)
      }
      return true
    }
  }

  /// Esc on a form: close at once when nothing was typed, else ask first.
  /// The form stays open under the question, and "keep editing" leaves it as it was.
  func cancelForm(_ form: Form, effects: inout [Effect]) {
    guard form.isDirty else {
      mode = .browse
      return
    }
    effects.confirm(.discardEdits(strings), onYes: .own(Msg.discardForm), onNo: nil)
  }

  private func browseKey(_ key: Key, effects: inout [Effect]) -> Bool {
    if case .char(let c) = key, let kind = actionKind(for: c) {
      startAction(kind, key: c, effects: &effects)
      return true
    }
    switch key {
    case .char("/"):
      guard view != .detail else { return false }
      view = .list
      var field = TextField(placeholder: strings("proposal.search.placeholder"), maxLength: 40)
      field.setText(query.search)
      mode = .search(field)
    case .char("f"): effects.append(openFilterForm())
    case .char("F"):
      effects += clearFilters()
      effects.post(strings("proposal.filtersCleared"), role: .normal)
    case .char("!"):
      query.overdueOnly.toggle()
      if view == .detail { view = detailReturn }
      effects.append(listingEffect())
      effects.post(strings(query.overdueOnly ? "proposal.overdueOn" : "proposal.overdueOff"), role: .normal)
    case .char("s"): effects += cycleSort(by: 1)
    case .char("S"):
      query.descending.toggle()
      effects.append(listingEffect())
    case .char("v"):
      view = view == .supervision ? .list : .supervision
      if view == .supervision { effects.append(listingEffect(list: false, supervision: true)) }
    case .char("n"): startNew(effects: &effects)
    case .char("E"): startEditDraft(effects: &effects)
    case .char("R"):
      effects.append(readBasics())
      effects.post(strings("proposal.reloaded"), role: .normal)
    case .escape:
      if view == .detail {
        view = detailReturn
      } else if !query.search.isEmpty {
        effects += setSearch("")
      } else {
        return false
      }
    case .enter:
      if view == .detail { return true }
      if let item = selectedItem { effects.append(listingEffect(list: false, detail: item.id)) }
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

  func setSearch(_ text: String) -> [Effect] {
    query.search = text
    return [listingEffect()]
  }

  func clearFilters() -> [Effect] {
    let session = query.sessionID
    query = ProposalQuery(sessionID: session, sort: query.sort, descending: query.descending, today: today)
    if view == .detail { view = detailReturn }
    return [listingEffect(supervision: view == .supervision)]
  }

  /// The list's columns from left to right, as `s` steps through them.
  static let sortOrder: [ProposalSortKey] = [
    .number, .title, .proposer, .leadDepartment, .state, .dueOn, .daysLeft,
  ]

  /// The next column the list shows (a narrow list hides some) becomes the sort.
  func cycleSort(by step: Int) -> [Effect] {
    let shown = Set(listColumns(width: tableRect.width, glyphs: context.glyphs).compactMap(\.1))
    let order = tableRect.width > 0 ? Self.sortOrder.filter { shown.contains($0) } : Self.sortOrder
    let i = order.firstIndex(of: query.sort) ?? 0
    query.sort = order[(i + step + order.count) % order.count]
    query.descending = false
    return [listingEffect()]
  }

  private func handleMouse(_ mouse: MouseEvent, effects: inout [Effect]) -> Bool {
    guard case .browse = mode else { return false }
    let point = Point(x: mouse.x, y: mouse.y)
    switch mouse.kind {
    case .wheelUp: return browseKey(.up, effects: &effects)
    case .wheelDown: return browseKey(.down, effects: &effects)
    case .click:
      guard view != .detail, tableRect.contains(point) else { return false }
      var sel = view == .list ? selection : supervisionSelection
      sel.pageSize = max(1, tableRect.height - 1)
      guard let i = sel.index(atY: mouse.y, top: tableRect.y + 1, height: tableRect.height - 1) else {
        return false
      }
      if i == sel.selected, let item = selectedItem {
        effects.append(listingEffect(list: false, detail: item.id))
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
