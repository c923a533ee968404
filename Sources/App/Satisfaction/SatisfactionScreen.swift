import Domain
import Foundation
import Store
import TUI

/// The satisfaction dashboard (满意度): a KPI panel per population (big figure, target,
/// change on the last period and a year ago, sparkline), then the trend against the
/// target line, the department ranking, the item heat table and the five weakest
/// items. Compact screens show the KPI panel and one section at a time.
@MainActor
final class SatisfactionScreen: AppScreen {
  enum Section: Int, CaseIterable {
    case trend, ranking, heat, weakest
  }

  let context: AppContext
  var strings: Strings { context.strings }
  var store: GongzhiStore { context.store }
  var repo: any SatisfactionRepository { store.satisfaction }

  var filter = SatisfactionFilter()
  var section = Section.trend

  /// The selected population's figures; nil before loading or without data.
  var figures: SatisfactionFigures?
  /// The KPI panels of every population (wide screens show all three).
  var headlines: [SatisfactionPopulation: SatisfactionFigures] = [:]
  var departments: [String] = []
  var loadError: String?
  /// The first frame's read (see `FirstRead`).
  private var firstRead = FirstRead()
  /// Heat table periods loaded (enough for the widest layout).
  let heatPeriods = 12

  /// Scroll and selection of the ranking, heat and weakest lists.
  var rankingSelection = ListSelection(count: 0)
  var heatSelection = ListSelection(count: 0)
  /// Screen areas of the last frame, for the mouse.
  var populationHits: [(population: SatisfactionPopulation, x: Int, width: Int, y: Int)] = []
  var sectionRects: [Section: Rect] = [:]
  var screenRect = Rect(x: 0, y: 0, width: 0, height: 0)

  init(context: AppContext) {
    self.context = context
  }

  /// The department list and the targets form are on the shell's modal stack, so the
  /// screen itself never holds typed input.
  var capturesKeyboard: Bool { false }
  var hasUnsavedInput: Bool { false }

  // MARK: Loading

  func ensureLoaded() {
    if !firstRead.started { reload() }
  }

  /// What the dashboard shows for a filter, read in one go.
  struct Reading {
    /// The filter read, without a department the population no longer has.
    var filter: SatisfactionFilter
    var departments: [String]
    var figures: SatisfactionFigures?
    var headlines: [SatisfactionPopulation: SatisfactionFigures]
  }

  /// The screen's own messages.
  enum Msg: ScreenOwnMsg {
    case read(Reading)
    /// The targets as stored, for the form `t` opens.
    case targetsRead(SatisfactionTargets)
    /// Enter on the department list: 0 is the whole hospital, then `departments`.
    case departmentChosen(Int)
    /// Ctrl-S on the targets form.
    case targetsSubmitted(Form)
    /// The targets form was saved; `changed` is false when no value differed.
    case targetsSaved(changed: Bool)
    /// The store refused the targets; the form stays open with the reason.
    case targetsRefused(any Error)
    /// A read a key asked for (other than the figures) failed.
    case actionFailed(any Error)
  }

  /// Reads the figures for `filter` (a handful of rollup queries).
  static func read(_ repo: any SatisfactionRepository, filter: SatisfactionFilter, heatPeriods: Int) throws
    -> Reading
  {
    var filter = filter
    let departments = try repo.departments(filter.population)
    if let d = filter.department, !departments.contains(d) { filter.department = nil }
    let figures = try SatisfactionFigures.load(repo, filter: filter, heatPeriods: heatPeriods)
    var headlines: [SatisfactionPopulation: SatisfactionFigures] = [:]
    for p in SatisfactionPopulation.allCases {
      if p == filter.population {
        if let figures { headlines[p] = figures }
      } else if let h = try SatisfactionFigures.headline(repo, population: p, filter: filter, department: nil)
      {
        headlines[p] = h
      }
    }
    return Reading(filter: filter, departments: departments, figures: figures, headlines: headlines)
  }

  /// The figures for the current filter (the first frame's, or after a key changed
  /// the filter), read as an effect for the shell to run.
  func readEffect() -> Effect {
    let (repo, filter, heatPeriods) = (self.repo, self.filter, self.heatPeriods)
    return .run { .own(Msg.read(try Self.read(repo, filter: filter, heatPeriods: heatPeriods))) }
  }

  /// Reads the figures at once, for the paths that need them before a frame
  /// (`gongzhi render satisfaction`, a key before the first frame).
  func reload() {
    firstRead.done()
    do {
      apply(try Self.read(repo, filter: filter, heatPeriods: heatPeriods))
    } catch {
      failed(error)
    }
  }

  func apply(_ reading: Reading) {
    loadError = nil
    filter = reading.filter
    departments = reading.departments
    figures = reading.figures
    headlines = reading.headlines
    resetSelections()
  }

  func failed(_ error: any Error) {
    figures = nil
    loadError = strings.describe(error)
    resetSelections()
  }

  private func resetSelections() {
    rankingSelection.count = figures?.rankingRows ?? 0
    if let d = filter.department, let i = figures?.ranking.firstIndex(where: { $0.department == d }) {
      rankingSelection.select(i)
    }
    heatSelection.count = figures?.heat?.items.count ?? 0
  }

  // MARK: Keys

  /// The status bar hints in their order on screen; on a narrow screen the status bar
  /// drops them from the end, keeping `q` and the shell's `? help`.
  var hints: [(key: String, label: String)] {
    var h = [
      (key: "←→", label: strings("sat.hint.population")), (key: "Tab", label: strings("sat.hint.section")),
      (key: "k", label: strings("sat.hint.kind")), (key: "d", label: strings("sat.hint.department")),
      (key: "m", label: strings("sat.hint.granularity")),
    ]
    if context.actor.role.can(.setSatisfactionTargets) {
      h.append((key: "t", label: strings("sat.hint.targets")))
    }
    h.append((key: "q", label: strings("hint.quit")))
    return h
  }

  var helpEntries: [(keys: String, description: String)] {
    [
      (keys: "← →  h l  p", description: strings("sat.key.population")),
      (keys: "Tab Shift-Tab", description: strings("sat.key.section")),
      (keys: "↑ ↓  j k  PgUp PgDn", description: strings("sat.key.scroll")),
      (keys: "w", description: strings("sat.key.weakestDepartment")),
      (keys: "Enter", description: strings("sat.key.openDepartment")),
      (keys: "d", description: strings("sat.key.department")),
      (keys: "Esc", description: strings("sat.key.wholeHospital")),
      (keys: "k", description: strings("sat.key.kind")),
      (keys: "m", description: strings("sat.key.granularity")),
      (keys: "< >  , .", description: strings("sat.key.period")),
      (keys: "- +", description: strings("sat.key.span")),
      (keys: "t", description: strings("sat.key.targets")),
      (keys: "r", description: strings("sat.key.reload")),
    ]
  }

  func update(_ msg: ScreenMsg) -> [Effect] {
    switch msg {
    case .layout(let area):
      screenRect = area
      return firstRead.layout(area, read: readEffect, layOut: layOut(in:))
    case .own(let own as Msg):
      let effects = received(own)
      layOut(in: screenRect)
      return effects
    case .failed(let error):
      failed(error)
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
    case .read(let reading): apply(reading)
    case .targetsRead(let targets): return [openTargets(targets)]
    case .departmentChosen(let i):
      var effects: [Effect] = []
      setDepartment(i == 0 ? nil : departments[i - 1], effects: &effects)
      return effects
    case .targetsSubmitted(let form):
      return saveTargets(form)
    case .targetsSaved(let changed):
      return [
        .dismiss, readEffect(),
        .post(
          strings(changed ? "sat.status.targetsSaved" : "sat.status.targetsUnchanged"),
          changed ? .ok : .normal),
      ]
    case .targetsRefused(let error):
      let reason = strings.describe(error)
      return [.editForm { $0.generalError = reason }]
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
    browseKey(key, effects: &effects)
  }

  private func browseKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .left, .char("h"), .char("P"):
      switchPopulation(by: -1)
      effects.append(readEffect())
    case .right, .char("l"), .char("p"):
      switchPopulation(by: 1)
      effects.append(readEffect())
    case .tab: section = Section(rawValue: (section.rawValue + 1) % Section.allCases.count)!
    case .backTab:
      section = Section(rawValue: (section.rawValue + Section.allCases.count - 1) % Section.allCases.count)!
    case .char("k"):
      filter.kind = filter.kind == .rate ? .mean : .rate
      // The ranking and the weakest items are read by the kind: read them again now.
      effects.append(readEffect())
      effects.post(strings("sat.status.kind", kindName), role: .normal)
    case .char("m"): toggleGranularity(effects: &effects)
    // Not [ and ]: an escape sequence the terminal description lacks arrives as Esc, [, …
    case .char("<"), .char(","): effects += shiftEnd(by: -1)
    case .char(">"), .char("."): effects += shiftEnd(by: 1)
    case .char("-"):
      changeSpan(by: -1)
      effects.append(readEffect())
    case .char("+"), .char("="):
      changeSpan(by: 1)
      effects.append(readEffect())
    case .char("d"):
      let current = filter.department.flatMap { d in departments.firstIndex(of: d).map { $0 + 1 } }
      effects.append(
        .present(
          .pick(
            PickList(items: [strings("satisfaction.report.hospital")] + departments, selected: current),
            title: strings("sat.pick.department"), placeholder: strings("picker.filter"),
            empty: strings("picker.none"), chosen: { .own(Msg.departmentChosen($0)) })))
    case .escape:
      guard filter.department != nil else { return false }
      setDepartment(nil, effects: &effects)
    case .enter:
      let i = rankingSelection.selected
      guard section == .ranking, let figures, figures.ranking.indices.contains(i) else { return false }
      let dept = figures.ranking[i].department
      setDepartment(filter.department == dept ? nil : dept, effects: &effects)
    case .char("w"):
      // The lowest department with a score shown: where corrective action starts.
      guard let i = figures?.ranking.lastIndex(where: { $0.score.score != nil }) else { return false }
      section = .ranking
      rankingSelection.select(i)
    case .char("t"): startTargets(effects: &effects)
    case .char("r"):
      effects.append(readEffect())
      effects.post(strings("sat.status.reloaded"), role: .normal)
    default:
      switch section {
      case .ranking: return rankingSelection.handle(key)
      case .heat: return heatSelection.handle(key)
      default: return false
      }
    }
    return true
  }

  private func handleMouse(_ mouse: MouseEvent, effects: inout [Effect]) -> Bool {
    let point = Point(x: mouse.x, y: mouse.y)
    if mouse.kind == .click,
      let hit = populationHits.first(where: {
        $0.y == mouse.y && mouse.x >= $0.x && mouse.x < $0.x + $0.width
      })
    {
      if hit.population != filter.population {
        filter.population = hit.population
        filter.department = nil
        effects.append(readEffect())
      }
      return true
    }
    for (s, rect) in sectionRects where rect.contains(point) {
      section = s
      let key: Key? = mouse.kind == .wheelUp ? .up : mouse.kind == .wheelDown ? .down : nil
      if let key {
        if s == .ranking { _ = rankingSelection.handle(key) }
        if s == .heat { _ = heatSelection.handle(key) }
      }
      return true
    }
    return false
  }

  // MARK: Filters

  var kindName: String { strings(filter.kind == .rate ? "sat.kind.rate" : "sat.kind.mean") }

  func switchPopulation(by step: Int) {
    let all = SatisfactionPopulation.allCases
    let i = all.firstIndex(of: filter.population)!
    filter.population = all[(i + step + all.count) % all.count]
    filter.department = nil
    rankingSelection = ListSelection(count: 0)
    heatSelection = ListSelection(count: 0)
  }

  func setDepartment(_ department: String?, effects: inout [Effect]) {
    filter.department = department
    effects.append(readEffect())
    effects.post(
      department.map { strings("sat.status.department", $0) } ?? strings("sat.status.wholeHospital"),
      role: .normal)
  }

  func toggleGranularity(effects: inout [Effect]) {
    let index = filter.spans.firstIndex(of: filter.span) ?? filter.spans.count - 1
    filter.granularity = filter.granularity == .month ? .quarter : .month
    filter.span = filter.spans[index]
    if let end = filter.end {
      filter.end = SatisfactionPeriod(kind: filter.granularity, containing: end.lastMonth)
    }
    effects.append(readEffect())
    effects.post(
      strings("sat.status.granularity", strings("sat.granularity.\(filter.granularity.rawValue)")),
      role: .normal)
  }

  /// Moves the end of the period range; forward past the latest data follows the
  /// latest again. The latest period and the figures are read in one effect.
  func shiftEnd(by step: Int) -> [Effect] {
    guard let current = figures?.period else { return [] }
    let (repo, filter, heatPeriods) = (self.repo, self.filter, self.heatPeriods)
    return [
      .run {
        let latest = try SatisfactionFigures.endPeriod(
          repo, population: filter.population, filter: SatisfactionFilter(granularity: filter.granularity))
        var moved = filter
        let next = current.advanced(by: step)
        if let latest, next >= latest {
          moved.end = nil
        } else {
          moved.end = next
        }
        return .own(Msg.read(try Self.read(repo, filter: moved, heatPeriods: heatPeriods)))
      }
    ]
  }

  /// Widens or narrows the period range (the caller reads the figures again).
  func changeSpan(by step: Int) {
    let spans = filter.spans
    let i = spans.firstIndex(of: filter.span) ?? spans.count - 1
    filter.span = spans[max(0, min(spans.count - 1, i + step))]
  }

  // MARK: Targets

  /// `t`: reads the stored targets, then opens their form (`openTargets`).
  func startTargets(effects: inout [Effect]) {
    if let refusal = context.refusal(for: .setSatisfactionTargets) {
      return effects.post(refusal, role: .danger)
    }
    let repo = self.repo
    effects.append(
      .run {
        do {
          return .own(Msg.targetsRead(try repo.targets()))
        } catch {
          return .own(Msg.actionFailed(error))
        }
      })
  }

  func openTargets(_ targets: SatisfactionTargets) -> Effect {
    var fields = SatisfactionPopulation.allCases.map { p in
      FormField.text(
        p.rawValue, strings("satisfaction.population.\(p.rawValue)"), SatisfactionFormat.target(targets[p]),
        maxLength: 6, placeholder: "0–100")
    }
    fields.append(.text("reason", strings("sat.field.reason"), "", maxLength: 60))
    return .present(
      .form(
        Form(title: strings("sat.form.targets"), fields: fields, footer: strings("form.footer")),
        submit: { .own(Msg.targetsSubmitted($0)) }))
  }

  /// Validates the typed targets, then saves those that changed (each audited) as an
  /// effect whose answer closes the form or shows the store's refusal in it.
  func saveTargets(_ form: Form) -> [Effect] {
    var issues: [String: String] = [:]
    var values: [(SatisfactionPopulation, Double)] = []
    for p in SatisfactionPopulation.allCases {
      let text = form.value(p.rawValue).trimmingCharacters(in: .whitespaces).replacingOccurrences(
        of: "%", with: "")
      guard let v = Double(text), SatisfactionTargets.validate(v) == nil else {
        issues[p.rawValue] = strings("sat.error.target", text)
        continue
      }
      values.append((p, v))
    }
    guard issues.isEmpty else { return [.editForm { $0.setIssues(issues) }] }
    let reason = form.value("reason").trimmingCharacters(in: .whitespaces)
    let (repo, actor) = (self.repo, context.actor)
    return [
      .run {
        do {
          let stored = try repo.targets()
          let changes = values.filter { p, v in abs(v - stored[p]) > 1e-9 }
          for (p, v) in changes {
            try repo.setTarget(v, for: p, by: actor, reason: reason.isEmpty ? nil : reason)
          }
          return .own(Msg.targetsSaved(changed: !changes.isEmpty))
        } catch {
          return .own(Msg.targetsRefused(error))
        }
      }
    ]
  }
}

extension SatisfactionScreen {
  static let renderNames = ["satisfaction"]

  /// `render satisfaction [--population staff|outpatient|inpatient] [--period 2026-11|2026Q4]
  /// [--filter department=…] [--filter kind=rate|mean] [--filter section=trend|ranking|heat|weakest]
  /// [--filter span=N]`.
  func prepareRender(name: String, subject: String?, options: [String: String]) throws {
    func bad(_ key: String, _ value: String) -> CLIError { CLIError(strings("error.cli.filter", key, value)) }
    if let text = options["population"] ?? subject {
      guard let p = SatisfactionPopulation(text: text) else { throw bad("population", text) }
      filter.population = p
    }
    if let text = options["period"] {
      guard let period = SatisfactionPeriod(code: text) else { throw bad("period", text) }
      filter.granularity = period.kind
      filter.span = filter.spans.last!
      filter.end = period
    }
    for (key, value) in options where key.hasPrefix("filter.") {
      let field = String(key.dropFirst(7))
      switch field {
      case "department": filter.department = value
      case "kind":
        guard let k = SatisfactionScoreKind(rawValue: value) else { throw bad(field, value) }
        filter.kind = k
      case "granularity":
        guard let g = SatisfactionPeriodKind(rawValue: value) else { throw bad(field, value) }
        if g != filter.granularity {
          filter.granularity = g
          filter.span = filter.spans.last!
          filter.end = filter.end.map { SatisfactionPeriod(kind: g, containing: $0.lastMonth) }
        }
      case "section":
        guard let s = Section.allCases.first(where: { "\($0)" == value }) else { throw bad(field, value) }
        section = s
      case "span":
        guard let n = Int(value), n >= 1, n <= 120 else { throw bad(field, value) }
        filter.span = n
      default:
        throw bad(field, value)
      }
    }
    departments = try repo.departments(filter.population)
    if let d = filter.department, !departments.contains(d) { throw bad("department", d) }
    reload()
  }
}
