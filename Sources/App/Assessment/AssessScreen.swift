import Domain
import Foundation
import Store
import TUI

/// The assessment screen (考评): periods and the org tree with each unit's state and
/// grade on the left, the selected unit's scoring form on the right; a ranking view,
/// a year-end view and member points. Edits save as they are made (one `saveEntry`
/// per change) with undo for the last change.
@MainActor
final class AssessScreen: AppScreen {
  enum View { case form, ranking, year, points }
  enum Focus { case tree, form }
  /// Which score the form edits: the branch's self-assessment or the committee's.
  enum Column { case selfScore, committee }

  enum Mode {
    case browse
    /// A number being typed into the focused score cell.
    case typing(TextField)
  }

  enum FormPurpose {
    /// Note and evidence of one indicator.
    case entry(indicatorID: String)
    /// The reason a deduction needs, before `pending` is saved.
    case deductionNote(pending: EntryInput)
    /// The recorded reason a change to a 公示中/已定等 result needs; `isUndo` when the
    /// change puts back the entry `u` undoes.
    case changeReason(pending: EntryInput, isUndo: Bool)
    case transition(WorkflowAction)
    case objection
    case resolve(Objection)
    case reviewMarks(unitID: Int64, year: Int)
    case weights
  }

  /// The last saved change, so `u` can put the entries back: one entry, or every entry
  /// `Y` filled in at once.
  struct Undo {
    var assessmentID: Int64
    var before: [EntryInput]
  }

  let context: AppContext
  var strings: Strings { context.strings }
  var store: GongzhiStore { context.store }

  var view = View.form
  var focus = Focus.tree
  var mode = Mode.browse
  var column = Column.selfScore
  var comparing = false

  var periods: [Period] = []
  var periodIndex = 0
  var period: Period? { periods.indices.contains(periodIndex) ? periods[periodIndex] : nil }

  var orgTree = OrgTree(units: [], directCounts: [:])
  var tree = TreeView<Int64>(roots: [])
  /// The period's assessments by unit.
  var items: [Int64: AssessmentListItem] = [:]
  /// The selected unit's assessment, nil when it has none this period.
  var current: Assessment?
  var previous: Assessment?
  var objections: [Objection] = []
  /// Index into `current.scheme.allIndicators` of the focused indicator.
  var indicatorIndex = 0
  var formTable = Table(columns: [])
  var undo: Undo?
  var loadError: String?

  // Ranking view.
  var rankingKind = UnitKind.branch
  var rankingGeneral: Int64?
  var rankingCategory: DepartmentCategory?
  var ranking: RankingReport?
  var rankingTable = Table(columns: [])

  // Year-end and member points.
  var weights = YearWeights.standard
  var yearResults: [UnitYearResult] = []
  var yearTable = Table(columns: [])
  /// The units of the year table's rows, as last drawn.
  var yearUnits: [Int64] = []
  var pointsRows: [MemberPointsRow] = []
  var pointsTable = Table(columns: [])

  var treeRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var formRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var screenRect = Rect(x: 0, y: 0, width: 0, height: 0)

  /// The first frame's read (see `FirstRead`).
  private var firstRead = FirstRead()

  /// The screen's own messages.
  enum Msg: ScreenOwnMsg {
    /// Ctrl-S on a form: it closes, and `purpose` says what its answer is for.
    case formSubmitted(Form, FormPurpose)
    /// Esc on a form.
    case formCancelled
    /// The periods and the units that are assessed, read for the first frame.
    case basicsRead(periods: [Period], units: [OrgUnit])
  }

  /// Reads nothing: the first `.layout` asks for the periods and units as an effect.
  init(context: AppContext) {
    self.context = context
  }

  /// Reads now, for the paths that need it before a frame (`gongzhi render assess …`).
  func ensureLoaded() {
    if !firstRead.started { reloadAll() }
  }

  /// The first frame's read, as an effect for the shell to run.
  func readBasics() -> Effect {
    let (assessments, organisation) = (store.assessments, store.organisation)
    return .run {
      .own(
        Msg.basicsRead(
          periods: try assessments.periods(), units: try organisation.units(includeInactive: false)))
    }
  }

  var capturesKeyboard: Bool {
    if case .browse = mode { return view == .form && focus == .form }
    return true
  }

  var hasUnsavedInput: Bool {
    switch mode {
    case .typing(let field): return !field.text.isEmpty
    case .browse: return false
    }
  }

  var selectedUnit: OrgUnit? { tree.selectedID.flatMap { orgTree.units[$0] } }
  var mayScore: Bool { scoringRefusal == nil }

  /// Why the actor may not score or move assessments, nil when they may.
  var scoringRefusal: String? {
    Workflow.mayScore(context.actor.role)
      ? nil : strings.message(Message(MessageKeys.workflowRoleRefused, context.actor.role.rawValue))
  }

  var indicators: [Indicator] { current?.scheme.allIndicators ?? [] }
  var selectedIndicator: Indicator? {
    indicators.indices.contains(indicatorIndex) ? indicators[indicatorIndex] : nil
  }

  /// Opens a form on the shell's modal stack; Ctrl-S sends it back with its purpose.
  func presentForm(_ form: Form, _ purpose: FormPurpose) -> Effect {
    .present(
      .form(form, submit: { .own(Msg.formSubmitted($0, purpose)) }, cancel: .own(Msg.formCancelled)))
  }

  // MARK: Loading

  /// Reads periods, the tree and the period's assessments again as effects; keeps the
  /// selection.
  func reloadEffect(selectPeriod wanted: Period? = nil) -> Effect {
    let keep = wanted ?? period
    let (assessments, organisation) = (store.assessments, store.organisation)
    return .store(
      { (periods: try assessments.periods(), units: try organisation.units(includeInactive: false)) },
      then: { [self] result in
        loadError = nil
        switch result {
        case .success(let read): apply(periods: read.periods, units: read.units)
        case .failure(let error): loadError = strings.describe(error)
        }
        return selectPeriod(keep)
      })
  }

  /// Reads periods, the tree and the period's assessments at once (`gongzhi render`, a
  /// key before the first frame); keeps the selection.
  func reloadAll(selectPeriod wanted: Period? = nil) {
    firstRead.done()
    loadError = nil
    let keep = wanted ?? period
    do {
      apply(
        periods: try store.assessments.periods(), units: try store.organisation.units(includeInactive: false))
    } catch {
      loadError = strings.describe(error)
    }
    runNow(selectPeriod(keep))
  }

  /// The periods and the assessed units (committee, general branches, branches) as the tree.
  private func apply(periods: [Period], units: [OrgUnit]) {
    self.periods = periods
    let assessed = units.filter { $0.kind == .committee || $0.kind == .generalBranch || $0.kind == .branch }
    orgTree = OrgTree(units: assessed, directCounts: [:])
  }

  /// Shows `keep` (else this quarter, else the newest) and reads its assessments.
  private func selectPeriod(_ keep: Period?) -> [Effect] {
    let today = Period.quarter(of: context.today)
    if let keep, let i = periods.firstIndex(of: keep) {
      periodIndex = i
    } else if let i = periods.firstIndex(of: today) {
      periodIndex = i
    } else {
      periodIndex = 0
    }
    return periodEffects()
  }

  /// Reads the period's assessment list; its answer rebuilds the tree badges and reads
  /// the selected unit's assessment and the open view.
  func periodEffects() -> [Effect] {
    guard let period else { return showPeriod(.success([])) }
    let assessments = store.assessments
    return [.store({ try assessments.assessments(period: period) }, then: { [self] in showPeriod($0) })]
  }

  private func showPeriod(_ result: Result<[AssessmentListItem], any Error>) -> [Effect] {
    items = [:]
    switch result {
    case .success(let list): for item in list { items[item.unitID] = item }
    case .failure(let error): loadError = strings.describe(error)
    }
    rebuildTree()
    return currentEffects() + (view == .ranking ? rankingEffects() : [])
      + (view == .year ? yearEffects() : [])
  }

  /// The period's assessments read at once (`gongzhi render`).
  func loadPeriod() { runNow(periodEffects()) }

  func rebuildTree() {
    let selected = tree.selectedID
    let all = Set(orgTree.units.keys)
    tree = TreeView(
      roots: orgTree.roots.map(node), expanded: all, selectedID: nil, isFocused: focus == .tree)
    if let selected, orgTree.units[selected] != nil {
      tree.select(id: selected)
    } else if let first = orgTree.flattened().first(where: { $0.unit.kind == .branch }) {
      tree.select(id: first.unit.id)
    }
  }

  private func node(_ id: Int64) -> TreeNode<Int64> {
    let unit = orgTree.units[id]!
    return TreeNode(
      id: id, label: unit.name, badge: badge(for: items[id]),
      children: (orgTree.children[id] ?? []).map(node))
  }

  /// `初审 优秀~`: the state and the grade, in words; `~` while the grade is provisional
  /// (not yet published, so it may still mix committee and self scores).
  func badge(for item: AssessmentListItem?) -> String? {
    guard let item else { return nil }
    return strings("stateShort.\(item.state.rawValue)") + " " + strings("gradeShort.\(item.grade.rawValue)")
      + (Self.isProvisional(item.state) ? "~" : "")
  }

  /// A result is final once published (公示中, 已定等); before that it is provisional.
  static func isProvisional(_ state: AssessmentState) -> Bool {
    !AssessmentExport.publishedStates.contains(state)
  }

  /// Which score the total shows (the committee's where given, else the self score),
  /// and whether it is provisional: `（暂定：审核 12 项 + 自评 19 项）`.
  func basisText(_ a: Assessment) -> String {
    var committee = 0
    var selfOnly = 0
    for i in a.scheme.allIndicators {
      let e = a.entry(i.id)
      if !e.committeeInput.isEmpty {
        committee += 1
      } else if !e.selfInput.isEmpty {
        selfOnly += 1
      }
    }
    let basis =
      selfOnly == 0
      ? strings("assess.basis.committee")
      : committee == 0
        ? strings("assess.basis.self") : strings("assess.basis.mixed", String(committee), String(selfOnly))
    return strings(Self.isProvisional(a.state) ? "assess.basis.provisional" : "assess.basis.final", basis)
  }

  /// What `currentEffects` reads: a unit's assessment, last period's and the objections.
  struct CurrentRead {
    var current: Assessment?
    var previous: Assessment?
    var objections: [Objection] = []
  }

  /// Reads the selected unit's assessment (and last period's, for comparison).
  func currentEffects() -> [Effect] {
    current = nil
    previous = nil
    objections = []
    guard let unit = selectedUnit, let period, items[unit.id] != nil else {
      return showCurrent(.success(CurrentRead()))
    }
    let (assessments, comparing) = (store.assessments, comparing)
    return [
      .store(
        {
          var read = CurrentRead()
          read.current = try assessments.assessment(unitID: unit.id, period: period)
          if comparing {
            read.previous = try assessments.assessment(unitID: unit.id, period: period.previous)
          }
          if let current = read.current, current.state == .publicNotice || current.state == .locked {
            read.objections = try assessments.objections(assessmentID: current.id)
          }
          return read
        }, then: { [self] in showCurrent($0) })
    ]
  }

  private func showCurrent(_ result: Result<CurrentRead, any Error>) -> [Effect] {
    switch result {
    case .success(let read): (current, previous, objections) = (read.current, read.previous, read.objections)
    case .failure(let error): loadError = strings.describe(error)
    }
    column = (current?.state ?? .draft) == .draft ? .selfScore : .committee
    indicatorIndex = min(indicatorIndex, max(0, indicators.count - 1))
    return view == .points ? pointsEffects() : []
  }

  /// The selected unit's assessment read at once (`gongzhi render`).
  func loadCurrent() { runNow(currentEffects()) }

  /// After a save: the new assessment replaces the loaded one and the tree badge (the
  /// period's list is read again when the unit had none).
  func adopt(_ saved: Assessment) -> [Effect] {
    current = saved
    guard var item = items[saved.unitID] else {
      guard let period else { return [] }
      let assessments = store.assessments
      return [
        .store(
          { try assessments.assessments(period: period) },
          then: { [self] result in
            switch result {
            case .success(let list): for item in list { items[item.unitID] = item }
            case .failure(let error): loadError = strings.describe(error)
            }
            rebuildBadges()
            return []
          })
      ]
    }
    item.state = saved.state
    item.total = saved.summary.total
    item.grade = saved.summary.grade
    item.version = saved.version
    items[saved.unitID] = item
    rebuildBadges()
    return []
  }

  /// The tree with the badges of `items`, keeping its selection and scroll.
  private func rebuildBadges() {
    let keep = tree.selectedID
    let offset = tree.offset
    tree = TreeView(
      roots: orgTree.roots.map(node), expanded: tree.expanded, selectedID: nil, isFocused: focus == .tree)
    if let keep { tree.select(id: keep) }
    tree.offset = offset
  }

  // MARK: Keys

  var hints: [(key: String, label: String)] {
    guard case .browse = mode else { return [] }
    switch view {
    case .form where focus == .form:
      return [
        (key: "0-9", label: strings("hint.assess.type")), (key: "←→", label: strings("hint.assess.level")),
        (key: "+-", label: strings("hint.assess.count")), (key: "n", label: strings("hint.assess.next")),
        (key: "u", label: strings("hint.assess.undo")), (key: "Esc", label: strings("hint.assess.tree")),
      ]
    case .form:
      return [
        (key: "←→", label: strings("hint.assess.period")),
        (key: "Enter", label: strings("hint.assess.score")),
        (key: "s", label: strings("hint.assess.advance")), (key: "v", label: strings("hint.assess.ranking")),
        (key: "y", label: strings("hint.assess.year")), (key: "q", label: strings("hint.quit")),
      ]
    case .ranking:
      return [
        (key: "←→", label: strings("hint.assess.period")), (key: "g", label: strings("hint.assess.general")),
        (key: "f", label: strings("hint.assess.category")), (key: "k", label: strings("hint.assess.kind")),
        (key: "v", label: strings("hint.assess.form")), (key: "q", label: strings("hint.quit")),
      ]
    case .year:
      return [
        (key: "m", label: strings("hint.assess.marks")), (key: "w", label: strings("hint.assess.weights")),
        (key: "y", label: strings("hint.assess.form")), (key: "q", label: strings("hint.quit")),
      ]
    case .points:
      return [(key: "p", label: strings("hint.assess.form")), (key: "q", label: strings("hint.quit"))]
    }
  }

  var helpEntries: [(keys: String, description: String)] {
    if view == .form && focus == .form { return formHelpEntries }
    return [
      (keys: "↑ ↓  j k", description: strings("key.assess.move")),
      (keys: "← →  [ ]", description: strings("key.assess.period")),
      (keys: "Enter  Tab", description: strings("key.assess.enterForm")),
    ] + scoringKeys + [(keys: "a", description: strings("key.assess.create"))] + workflowKeys + [
      (keys: "g  f  k", description: strings("key.assess.filters")),
      (keys: "y  m  w", description: strings("key.assess.year")),
      (keys: "p", description: strings("key.assess.points")),
      (keys: "r", description: strings("key.reload")),
      (keys: "Esc", description: strings("key.assess.back")),
    ]
  }

  /// The keys of the scoring form, for `?` while it has the keyboard.
  var formHelpEntries: [(keys: String, description: String)] {
    [(keys: "↑ ↓  j k", description: strings("key.assess.move"))] + scoringKeys + workflowKeys + [
      (keys: "r", description: strings("key.reload")),
      (keys: "Esc  Tab", description: strings("key.assess.back")),
    ]
  }

  /// Keys that score the selected indicator, move between indicators and branches, undo and compare.
  private var scoringKeys: [(keys: String, description: String)] {
    [
      (keys: "0-9 . Enter", description: strings("key.assess.type")),
      (keys: "← →", description: strings("key.assess.level")),
      (keys: "+ -", description: strings("key.assess.count")),
      (keys: "=", description: strings("key.assess.full")),
      (keys: "Del", description: strings("key.assess.clear")),
      (keys: "Enter", description: strings("key.assess.note")),
      (keys: "t", description: strings("key.assess.column")),
      (keys: "y  Y", description: strings("key.assess.acceptSelf")),
      (keys: "n", description: strings("key.assess.nextUnscored")),
      (keys: "N  }  {", description: strings("key.assess.nextBranch")),
      (keys: "u", description: strings("key.assess.undo")),
      (keys: "c", description: strings("key.assess.compare")),
    ]
  }

  /// Keys that move an assessment through its workflow, and the ranking.
  private var workflowKeys: [(keys: String, description: String)] {
    [
      (keys: "s", description: strings("key.assess.advance")),
      (keys: "b", description: strings("key.assess.sendBack")),
      (keys: "o  O", description: strings("key.assess.objection")),
      (keys: "v", description: strings("key.assess.ranking")),
    ]
  }

  func update(_ msg: ScreenMsg) -> [Effect] {
    switch msg {
    case .layout(let area):
      screenRect = area
      return firstRead.layout(area, read: readBasics, layOut: layOut(in:))
    case .own(Msg.basicsRead(let periods, let units)):
      loadError = nil
      apply(periods: periods, units: units)
      let effects = selectPeriod(nil)
      layOut(in: screenRect)
      return effects
    case .own(Msg.formSubmitted(let form, let purpose)):
      var effects: [Effect] = [.dismiss]
      submitForm(form, purpose: purpose, effects: &effects)
      layOut(in: screenRect)
      return effects
    case .own(Msg.formCancelled):
      return [.post(strings("assess.cancelled"), .muted)]
    case .own(let answer as StoreAnswer):
      let effects = answer.apply()
      layOut(in: screenRect)
      return effects
    case .failed(let error):
      loadError = strings.describe(error)
      let effects = selectPeriod(nil)
      layOut(in: screenRect)
      return effects
    default:
      guard let event = msg.event else { return [] }
      return handle(event)
    }
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
      break
    case .typing(var field):
      switch key {
      case .escape: mode = .browse
      case .enter:
        mode = .browse
        commitTyped(field.text, effects: &effects)
      default:
        if case .char(let c) = key {
          if Self.typingCharacters.contains(c) { field.insert(String(c)) }
        } else {
          _ = field.handle(key)
        }
        mode = .typing(field)
      }
      return true
    }
    switch key {
    case .char("v"): return toggle(.ranking, effects: &effects)
    case .char("y") where !(view == .form && focus == .form): return toggle(.year, effects: &effects)
    case .char("p") where !(view == .form && focus == .form): return toggle(.points, effects: &effects)
    case .char("["): return changePeriod(by: 1, effects: &effects)
    case .char("]"): return changePeriod(by: -1, effects: &effects)
    case .char("r"):
      effects.append(reloadEffect())
      effects.post(strings("assess.reloaded"), role: .normal)
      return true
    default: break
    }
    switch view {
    case .form: return focus == .tree ? treeKey(key, effects: &effects) : formKey(key, effects: &effects)
    case .ranking: return rankingKey(key, effects: &effects)
    case .year: return yearKey(key, effects: &effects)
    case .points: return pointsKey(key, effects: &effects)
    }
  }

  /// Characters a score may be typed with: ASCII and full-width digits and points (a
  /// minus only once typing: on its own `-` takes an occurrence off).
  static let numberCharacters: Set<Character> = Set("0123456789.０１２３４５６７８９．。")
  static let typingCharacters: Set<Character> = numberCharacters.union("-－")

  private func toggle(_ target: View, effects: inout [Effect]) -> Bool {
    view = view == target ? .form : target
    switch view {
    case .ranking: effects += rankingEffects()
    case .year: effects += yearEffects()
    case .points: effects += pointsEffects()
    case .form: break
    }
    return true
  }

  func changePeriod(by step: Int, effects: inout [Effect]) -> Bool {
    let next = periodIndex + step
    guard periods.indices.contains(next) else { return true }
    periodIndex = next
    undo = nil
    effects += periodEffects()
    return true
  }

  private func treeKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .left, .char("h"): return changePeriod(by: 1, effects: &effects)
    case .right, .char("l"): return changePeriod(by: -1, effects: &effects)
    case .enter, .tab:
      guard current != nil else {
        if selectedUnit?.kind == .branch || selectedUnit?.kind == .generalBranch {
          effects.post(strings("assess.none.create"), role: .warning)
        }
        return true
      }
      setFocus(.form)
    case .char("N"), .char("}"): nextBranch(step: 1, effects: &effects)
    case .char("{"): nextBranch(step: -1, effects: &effects)
    default:
      if let handled = commonKey(key, effects: &effects) { return handled }
      let before = tree.selectedID
      guard tree.handle(key) else { return false }
      if tree.selectedID != before { effects += currentEffects() }
    }
    return true
  }

  /// Keys that work in both panes of the form view.
  private func commonKey(_ key: Key, effects: inout [Effect]) -> Bool? {
    switch key {
    case .char("a"): createAssessment(effects: &effects)
    case .char("s"): startTransition(.advance, effects: &effects)
    case .char("b"): startTransition(.sendBack, effects: &effects)
    case .char("o"): startObjection(effects: &effects)
    case .char("O"): startResolve(effects: &effects)
    case .char("u"): performUndo(effects: &effects)
    case .char("c"):
      comparing.toggle()
      if comparing { effects += currentEffects() }
      if comparing && previous == nil { effects.post(strings("assess.compare.none"), role: .warning) }
    default: return nil
    }
    return true
  }

  private func formKey(_ key: Key, effects: inout [Effect]) -> Bool {
    guard let indicator = selectedIndicator else {
      setFocus(.tree)
      return true
    }
    switch key {
    case .escape, .tab, .backTab: setFocus(.tree)
    case .up, .char("k"): moveIndicator(by: -1)
    case .down, .char("j"): moveIndicator(by: 1)
    case .pageUp: moveIndicator(by: -10)
    case .pageDown: moveIndicator(by: 10)
    case .home: indicatorIndex = 0
    case .end: indicatorIndex = max(0, indicators.count - 1)
    case .char("n"): nextUnscored(effects: &effects)
    case .char("N"), .char("}"): nextBranch(step: 1, effects: &effects)
    case .char("{"): nextBranch(step: -1, effects: &effects)
    case .char("?"): effects.showHelp()
    case .char("t"):
      column = column == .selfScore ? .committee : .selfScore
      effects.post(
        strings(column == .selfScore ? "assess.column.self" : "assess.column.committee"), role: .normal)
    case .char("+"), .char("＋"): stepOccurrences(indicator, by: 1, effects: &effects)
    case .char("-"), .char("－"): stepOccurrences(indicator, by: -1, effects: &effects)
    case .char(let c) where Self.numberCharacters.contains(c):
      guard editable(effects: &effects) else { return true }
      var field = TextField(text: "", maxLength: 8)
      field.insert(String(c))
      mode = .typing(field)
    case .left, .right, .char("h"), .char("l"):
      guard indicator.method == .graded else {
        effects.post(strings("assess.levels.none"), role: .warning)
        return true
      }
      stepLevel(indicator, by: key == .left || key == .char("h") ? 1 : -1, effects: &effects)
    case .char("="): fullMarks(indicator, effects: &effects)
    case .char("y"): acceptSelfScore(indicator, effects: &effects)
    case .char("Y"): acceptAllSelfScores(effects: &effects)
    case .delete, .backspace: clearScore(indicator, effects: &effects)
    case .enter: openEntryForm(indicator, effects: &effects)
    default:
      return commonKey(key, effects: &effects) ?? false
    }
    return true
  }

  func setFocus(_ f: Focus) {
    focus = f
    tree.isFocused = f == .tree
  }

  func moveIndicator(by step: Int) {
    indicatorIndex = min(max(0, indicatorIndex + step), max(0, indicators.count - 1))
  }

  /// The input of the column being edited.
  func input(_ entry: EntryInput) -> IndicatorInput {
    column == .selfScore ? entry.selfInput : entry.committeeInput
  }

  /// The basis the edited column is tracked on: in 审核 mode, while the result is still
  /// being reviewed, the committee's own cells (not the self scores they fall back to);
  /// once published or fixed, the final scores.
  var editedBasis: ScoreBasis {
    if column == .selfScore { return .selfAssessment }
    return (current?.state ?? .draft) < .publicNotice ? .committee : .final
  }

  /// Whether the indicator needs attention on the edited column: unscored (bonus and
  /// veto items excepted) or missing required evidence.
  func needsAttention(_ indicator: Indicator, _ entry: EntryInput) -> Bool {
    let required = indicator.method != .bonus && indicator.method != .veto
    let basis = editedBasis
    if required && Scoring.score(indicator, Scoring.input(entry, basis: basis)) == nil { return true }
    return !Scoring.warnings(indicator, entry).isEmpty
  }

  func nextUnscored(effects: inout [Effect]) {
    guard let current else { return }
    let n = indicators.count
    for step in 1...max(1, n) {
      let i = (indicatorIndex + step) % max(1, n)
      if needsAttention(indicators[i], current.entry(indicators[i].id)) {
        indicatorIndex = i
        return
      }
    }
    effects.post(strings("assess.allScored"), role: .ok)
  }

  /// Moves to the next (or previous) 支部 or 总支 in tree order.
  func nextBranch(step: Int, effects: inout [Effect]) {
    let units = orgTree.flattened().map(\.unit).filter { $0.kind == .branch || $0.kind == .generalBranch }
    guard !units.isEmpty else { return }
    let at = units.firstIndex { $0.id == tree.selectedID } ?? (step > 0 ? -1 : 0)
    let next = ((at + step) % units.count + units.count) % units.count
    tree.select(id: units[next].id)
    undo = nil
    effects += currentEffects()
  }

  private func handleMouse(_ mouse: MouseEvent, effects: inout [Effect]) -> Bool {
    guard case .browse = mode, view == .form else { return false }
    let point = Point(x: mouse.x, y: mouse.y)
    if treeRect.contains(point) {
      setFocus(.tree)
      if mouse.kind == .wheelUp || mouse.kind == .wheelDown {
        return treeKey(mouse.kind == .wheelUp ? .up : .down, effects: &effects)
      }
      if let id = tree.hitTest(y: mouse.y, in: treeRect) {
        tree.select(id: id)
        effects += currentEffects()
      }
      return true
    }
    if formRect.contains(point), current != nil {
      setFocus(.form)
      if mouse.kind == .wheelUp { moveIndicator(by: -1) }
      if mouse.kind == .wheelDown { moveIndicator(by: 1) }
      if mouse.kind == .click, let row = formTable.hitTest(y: mouse.y, in: formRect),
        let i = indicatorIndex(forRow: row)
      {
        indicatorIndex = i
      }
      return true
    }
    return false
  }
}
