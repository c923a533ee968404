import Domain
import Foundation
import Store
import TUI

/// Scoring, saving, undo, workflow steps and objections, for the assessment screen.
extension AssessScreen {
  /// Whether the loaded assessment may be changed on the edited column now; says why not.
  func editable(host: ScreenHost) -> Bool {
    if let refusal = scoringRefusal {
      host.post(refusal, role: .danger)
      return false
    }
    guard let current else { return false }
    if column == .selfScore && !Workflow.selfEditable(current.state) {
      host.post(strings("assess.selfClosed", stateName(current.state)), role: .warning)
      return false
    }
    return true
  }

  func stateName(_ state: AssessmentState) -> String { strings("state.\(state.rawValue)") }

  func setInput(_ entry: inout EntryInput, _ input: IndicatorInput) {
    if column == .selfScore { entry.selfInput = input } else { entry.committeeInput = input }
  }

  /// A typed number: points for most methods, cases for a veto item.
  func commitTyped(_ text: String, host: ScreenHost) {
    guard let indicator = selectedIndicator, let current else { return }
    guard let value = Points.parse(text) else {
      host.post(strings("assess.notANumber", text), role: .danger)
      return
    }
    var entry = current.entry(indicator.id)
    var newInput = IndicatorInput(points: value)
    if indicator.method == .veto {
      guard value == value.rounded(), value >= 0 else {
        host.post(strings("assess.vetoCount"), role: .danger)
        return
      }
      newInput = IndicatorInput(occurrences: Int(value))
    } else if indicator.method == .graded,
      let level = indicator.level(forPoints: value)
    {
      newInput = IndicatorInput(level: level.name)
    }
    setInput(&entry, newInput)
    change(to: entry, indicator: indicator, host: host)
  }

  func stepLevel(_ indicator: Indicator, by step: Int, host: ScreenHost) {
    guard editable(host: host), let current, !indicator.levels.isEmpty else { return }
    var entry = current.entry(indicator.id)
    let levels = indicator.levels
    let now = input(entry).level.flatMap { l in levels.firstIndex { $0.name == l } }
    // → towards the better level (first), ← towards the worse; unscored starts at the best.
    let next = now.map { min(max(0, $0 + step), levels.count - 1) } ?? 0
    setInput(&entry, IndicatorInput(level: levels[next].name))
    change(to: entry, indicator: indicator, host: host)
  }

  func stepOccurrences(_ indicator: Indicator, by step: Int, host: ScreenHost) {
    guard indicator.method != .graded else {
      host.post(strings("assess.count.none"), role: .warning)
      return
    }
    guard editable(host: host), let current else { return }
    var entry = current.entry(indicator.id)
    let next: Int
    if let n = input(entry).occurrences {
      next = max(0, n + step)
    } else if let p = input(entry).points, let n = indicator.occurrences(steppingFromPoints: p, by: step) {
      next = n
    } else {
      next = max(0, step)
    }
    setInput(&entry, IndicatorInput(occurrences: next))
    change(to: entry, indicator: indicator, host: host)
  }

  /// `=`: full marks (no shortfall, the best level, the cap; no bonus, no veto case).
  func fullMarks(_ indicator: Indicator, host: ScreenHost) {
    guard editable(host: host), let current else { return }
    var entry = current.entry(indicator.id)
    switch indicator.method {
    case .deduct, .bonus, .veto: setInput(&entry, IndicatorInput(occurrences: 0))
    case .graded: setInput(&entry, IndicatorInput(level: indicator.levels.first?.name))
    case .count: setInput(&entry, IndicatorInput(points: indicator.maxPoints))
    }
    change(to: entry, indicator: indicator, host: host)
  }

  /// Whether the committee's agreeing keys (`y`, `Y`) apply: 审核 mode and editable.
  private func mayAcceptSelf(host: ScreenHost) -> Bool {
    guard column == .committee else {
      host.post(strings("assess.accept.committeeOnly"), role: .warning)
      return false
    }
    return editable(host: host)
  }

  /// `y` in 审核 mode: the committee agrees with the branch on this indicator; its self
  /// score becomes the committee's own entry, saved and audited like a typed one.
  func acceptSelfScore(_ indicator: Indicator, host: ScreenHost) {
    guard mayAcceptSelf(host: host), let current else { return }
    var entry = current.entry(indicator.id)
    guard !entry.selfInput.isEmpty else {
      host.post(strings("assess.accept.noSelf"), role: .warning)
      return
    }
    entry.committeeInput = entry.selfInput
    change(to: entry, indicator: indicator, host: host)
  }

  /// `Y` in 审核 mode: every indicator the committee has not scored takes the self score
  /// as the committee's entry, in one audited save (all or nothing).
  func acceptAllSelfScores(host: ScreenHost) {
    guard mayAcceptSelf(host: host), let current else { return }
    let agreed = current.scheme.allIndicators.compactMap { i -> EntryInput? in
      var e = current.entry(i.id)
      guard e.committeeInput.isEmpty, !e.selfInput.isEmpty else { return nil }
      e.committeeInput = e.selfInput
      return e
    }
    guard !agreed.isEmpty else {
      host.post(strings("assess.accept.none"), role: .muted)
      return
    }
    // A published result changes one indicator at a time, each with its reason.
    if Workflow.changeNeedsReason(current.state) {
      host.post(strings("assess.accept.oneByOne", stateName(current.state)), role: .warning)
      return
    }
    do {
      let saved = try store.assessments.saveEntries(
        agreed, assessmentID: current.id, version: current.version, reason: nil, by: context.actor)
      adopt(saved)
      undo = Undo(assessmentID: saved.id, before: agreed.map { current.entry($0.indicatorID) })
      host.post(
        strings(
          "assess.accept.all", String(agreed.count), Points.format(saved.summary.total),
          strings("grade.\(saved.summary.grade.rawValue)")), role: .ok)
    } catch StoreError.staleVersion {
      reloadAfterConflict(host: host)
    } catch StoreError.invalid(let issues) {
      host.post(strings.message(issues[0].message), role: .danger)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  func clearScore(_ indicator: Indicator, host: ScreenHost) {
    guard editable(host: host), let current else { return }
    var entry = current.entry(indicator.id)
    setInput(&entry, .empty)
    change(to: entry, indicator: indicator, host: host)
  }

  /// One change to an entry: refused on the spot when invalid; asks for a deduction's
  /// reason and for the recorded reason a published result needs; then saves.
  func change(to entry: EntryInput, indicator: Indicator, reason: String? = nil, host: ScreenHost) {
    guard let current else { return }
    let edited = input(entry)
    let problems = Scoring.inputIssues(indicator, edited, field: "score")
    if let first = problems.first {
      host.post(glyphsWarning + " " + strings.message(first.message), role: .danger)
      return
    }
    let issues = Scoring.issues(indicator, entry, stored: current.entry(indicator.id))
    if issues.contains(where: { $0.field == "note" }) {
      let form = Form(
        title: strings("assess.form.deduction", indicator.name),
        fields: [.text("note", strings("field.assess.reason"), entry.note, maxLength: 200)],
        footer: strings("form.footer"))
      var withHint = form
      withHint.generalError = strings.message(Message(MessageKeys.scoreDeductionNeedsReason))
      mode = .form(withHint, .deductionNote(pending: entry))
      return
    }
    if let first = issues.first {
      host.post(strings.message(first.message), role: .danger)
      return
    }
    if Workflow.changeNeedsReason(current.state) && reason == nil {
      var form = Form(
        title: strings("assess.form.changeReason", stateName(current.state)),
        fields: [.text("reason", strings("field.assess.changeReason"), "", maxLength: 200)],
        footer: strings("form.footer"))
      form.generalError = strings("assess.changeReason.why")
      mode = .form(form, .changeReason(pending: entry, isUndo: false))
      return
    }
    save(entry, reason: reason, host: host)
  }

  var glyphsWarning: String { context.glyphs.warningMark }

  /// ", 12 points short of Excellent" (", 1 point short" for exactly one); empty at the top.
  func toNextText(_ s: ScoreSummary) -> String {
    guard let next = s.nextGrade, let gap = s.pointsToNext else { return "" }
    return toNextText(next: next, gap: gap)
  }

  func toNextText(next: Grade, gap: Double) -> String {
    let key = Points.equal(gap, 1) ? "assess.toNext.one" : "assess.toNext"
    return strings(key, strings("grade.\(next.rawValue)"), Points.format(gap))
  }

  func save(_ entry: EntryInput, reason: String?, host: ScreenHost, isUndo: Bool = false) {
    guard let current else { return }
    let before = current.entry(entry.indicatorID)
    if before == entry {
      host.post(strings("assess.unchanged"), role: .muted)
      return
    }
    do {
      let saved = try store.assessments.saveEntry(
        entry, assessmentID: current.id, version: current.version, reason: reason, by: context.actor)
      adopt(saved)
      undo = isUndo ? nil : Undo(assessmentID: saved.id, before: [before])
      let s = saved.summary
      var text = strings(
        isUndo ? "assess.undone" : "assess.saved", Points.format(s.total),
        strings("grade.\(s.grade.rawValue)"))
      text += toNextText(s)
      if let indicator = current.scheme.indicator(id: entry.indicatorID),
        let warning = Scoring.warnings(indicator, entry).first
      {
        // Required evidence missing: ask for it now, the warning above the field.
        var form = entryForm(indicator, entry: entry)
        form.generalError = glyphsWarning + " " + strings.message(warning.message)
        mode = .form(form, .entry(indicatorID: indicator.id))
        host.post(text, role: .warning)
        return
      }
      host.post(text, role: .ok)
    } catch StoreError.staleVersion {
      reloadAfterConflict(host: host)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  /// Someone else saved first: show their version, never overwrite it.
  func reloadAfterConflict(host: ScreenHost) {
    undo = nil
    loadPeriod()
    host.post(strings("assess.stale"), role: .danger)
  }

  /// The note and evidence form. However it is opened (Enter, or after a save that
  /// lacks required evidence) it focuses the field that needs filling in: the note
  /// when a deduction has no reason, else the evidence when it is required and
  /// missing, else the note; the focused field is marked.
  func entryForm(_ indicator: Indicator, entry: EntryInput) -> Form {
    var form = Form(
      title: strings("assess.form.entry", indicator.name),
      fields: [
        .text("note", strings("field.assess.note"), entry.note, maxLength: 200),
        .text("evidence", strings("field.assess.evidence"), entry.evidence, maxLength: 120),
      ], readOnly: !mayScore, footer: strings(mayScore ? "form.footer" : "form.footer.readOnly"))
    form.marksFocus = true
    let needsReason = Scoring.issues(indicator, entry).contains { $0.field == "note" }
    let needsEvidence =
      indicator.evidenceRequired && entry.evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    form.focus = !needsReason && needsEvidence ? 1 : 0
    return form
  }

  func openEntryForm(_ indicator: Indicator, host: ScreenHost) {
    guard let current else { return }
    mode = .form(entryForm(indicator, entry: current.entry(indicator.id)), .entry(indicatorID: indicator.id))
  }

  func submitForm(_ form: Form, purpose: FormPurpose, host: ScreenHost) {
    guard !form.readOnly else { return }
    switch purpose {
    case .entry(let id):
      guard let current, let indicator = current.scheme.indicator(id: id) else { return }
      var entry = current.entry(id)
      entry.note = form.value("note")
      entry.evidence = form.value("evidence")
      if entry == current.entry(id) { return }
      change(to: entry, indicator: indicator, host: host)
    case .deductionNote(var pending):
      guard let indicator = current?.scheme.indicator(id: pending.indicatorID) else { return }
      pending.note = form.value("note")
      if pending.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        // Keep asking: nothing is saved without the reason.
        var again = form
        again.setIssues(["note": strings.message(Message(MessageKeys.scoreDeductionNeedsReason))])
        mode = .form(again, purpose)
        host.post(strings.message(Message(MessageKeys.scoreDeductionNeedsReason)), role: .danger)
        return
      }
      change(to: pending, indicator: indicator, host: host)
    case .changeReason(let pending, let isUndo):
      let reason = form.value("reason").trimmingCharacters(in: .whitespacesAndNewlines)
      guard let indicator = current?.scheme.indicator(id: pending.indicatorID) else { return }
      guard !reason.isEmpty else {
        var again = form
        again.setIssues(["reason": strings("assess.changeReason.missing")])
        mode = .form(again, purpose)
        host.post(strings("assess.changeReason.missing"), role: .danger)
        return
      }
      if isUndo {
        save(pending, reason: reason, host: host, isUndo: true)
      } else {
        change(to: pending, indicator: indicator, reason: reason, host: host)
      }
    case .transition(let action):
      performTransition(action, note: form.value("note"), host: host)
    case .objection:
      addObjection(raisedBy: form.value("raisedBy"), content: form.value("content"), host: host)
    case .resolve(let objection):
      resolveObjection(objection, resolution: form.value("resolution"), host: host)
    case .reviewMarks(let unitID, let year):
      saveMarks(form, unitID: unitID, year: year, host: host)
    case .weights:
      saveWeights(form, host: host)
    }
  }

  // MARK: Undo

  func performUndo(host: ScreenHost) {
    if let refusal = scoringRefusal { return host.post(refusal, role: .danger) }
    guard let last = undo, let current, current.id == last.assessmentID, let first = last.before.first
    else {
      return host.post(strings("assess.undo.nothing"), role: .warning)
    }
    if last.before.count > 1 { return restoreAll(last.before, host: host) }
    if Workflow.changeNeedsReason(current.state) {
      // Undoing is a change like any other: a published or fixed result records why.
      var form = Form(
        title: strings("assess.form.undoReason", stateName(current.state)),
        fields: [.text("reason", strings("field.assess.changeReason"), "", maxLength: 200)],
        footer: strings("form.footer"))
      form.generalError = strings("assess.undo.why")
      mode = .form(form, .changeReason(pending: first, isUndo: true))
      return
    }
    save(first, reason: nil, host: host, isUndo: true)
  }

  /// Undoes `Y`: the entries it filled in go back as they were, in one audited save.
  /// `Y` is refused on a published result, and so is this once the result is published.
  func restoreAll(_ entries: [EntryInput], host: ScreenHost) {
    guard let current else { return }
    if Workflow.changeNeedsReason(current.state) {
      return host.post(strings("assess.accept.oneByOne", stateName(current.state)), role: .warning)
    }
    do {
      let saved = try store.assessments.saveEntries(
        entries, assessmentID: current.id, version: current.version, reason: nil, by: context.actor)
      adopt(saved)
      undo = nil
      host.post(
        strings(
          "assess.undone", Points.format(saved.summary.total), strings("grade.\(saved.summary.grade.rawValue)")),
        role: .ok)
    } catch StoreError.staleVersion {
      reloadAfterConflict(host: host)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  // MARK: Create

  func createAssessment(host: ScreenHost) {
    if let refusal = scoringRefusal { return host.post(refusal, role: .danger) }
    guard let unit = selectedUnit, let period else { return }
    guard unit.kind == .branch || unit.kind == .generalBranch else {
      return host.post(strings("assess.create.pickUnit"), role: .warning)
    }
    if current != nil {
      return host.post(strings("assess.create.exists", unit.name, period.text), role: .warning)
    }
    do {
      let created = try store.assessments.createAssessment(
        unitID: unit.id, period: period, schemeRowID: nil, by: context.actor)
      adopt(created)
      loadCurrent()
      host.post(strings("assess.created", unit.name, period.text), role: .ok)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  // MARK: Workflow

  /// `s` and `b`: checks role and state at once, then asks for confirmation (and a note).
  func startTransition(_ action: WorkflowAction, host: ScreenHost) {
    if let refusal = scoringRefusal { return host.post(refusal, role: .danger) }
    guard let current, let unit = selectedUnit else {
      return host.post(strings("assess.none"), role: .warning)
    }
    guard let to = Workflow.target(of: action, from: current.state) else {
      return host.post(
        strings(
          action == .advance ? "assess.advance.refused" : "assess.sendBack.refused", stateName(current.state)),
        role: .warning)
    }
    let noteRequired =
      action == .sendBack
      || (to == .locked && current.noticeEnds.map { context.today <= $0 } == true)
    var form = Form(
      title: strings("assess.form.transition", unit.name, stateName(current.state), stateName(to)),
      fields: [
        .text(
          "note", strings(noteRequired ? "field.assess.noteRequired" : "field.assess.noteOptional"), "",
          maxLength: 200)
      ], footer: strings("assess.transition.footer"))
    if to == .locked, let ends = current.noticeEnds, context.today <= ends {
      form.generalError = strings("assess.lock.early", ends.iso)
    } else if action == .advance && (current.state == .draft || to == .publicNotice) {
      let basis: ScoreBasis = current.state == .draft ? .selfAssessment : .final
      let problems = Scoring.submissionIssues(current.scheme, entries: current.entries, basis: basis)
      if !problems.isEmpty {
        form.generalError = strings("assess.submit.problems", String(problems.count))
      }
    }
    mode = .form(form, .transition(action))
  }

  func performTransition(_ action: WorkflowAction, note: String, host: ScreenHost) {
    guard let current else { return }
    do {
      let moved = try store.assessments.transition(
        action, assessmentID: current.id, version: current.version, note: note, today: context.today,
        by: context.actor)
      adopt(moved)
      loadCurrent()
      undo = nil
      host.post(strings("assess.moved", stateName(moved.state)), role: .ok)
    } catch StoreError.staleVersion {
      reloadAfterConflict(host: host)
    } catch StoreError.invalid(let issues) {
      host.post(describeIssues(issues, scheme: current.scheme), role: .danger)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  /// Refusals in words, indicator ids replaced by their names.
  func describeIssues(_ issues: [FieldIssue], scheme: Scheme) -> String {
    let texts = issues.prefix(3).map { issue -> String in
      var message = issue.message
      message.args = message.args.map { scheme.indicator(id: $0)?.name ?? $0 }
      return strings.message(message)
    }
    let more = issues.count > 3 ? strings("assess.more", String(issues.count - 3)) : ""
    return texts.joined(separator: "; ") + more
  }

  // MARK: Objections

  func startObjection(host: ScreenHost) {
    if let refusal = scoringRefusal { return host.post(refusal, role: .danger) }
    guard let current, let unit = selectedUnit else {
      return host.post(strings("assess.none"), role: .warning)
    }
    guard current.state == .publicNotice else {
      return host.post(strings("assess.objection.notInNotice", stateName(current.state)), role: .warning)
    }
    mode = .form(
      Form(
        title: strings("assess.form.objection", unit.name),
        fields: [
          .text("raisedBy", strings("field.assess.raisedBy"), "", maxLength: 40),
          .text("content", strings("field.assess.objection"), "", maxLength: 300),
        ], footer: strings("form.footer")), .objection)
  }

  func addObjection(raisedBy: String, content: String, host: ScreenHost) {
    guard let current else { return }
    do {
      try store.assessments.addObjection(
        assessmentID: current.id, raisedBy: raisedBy, content: content, on: context.today, by: context.actor)
      loadCurrent()
      host.post(strings("assess.objection.added"), role: .ok)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }

  func startResolve(host: ScreenHost) {
    if let refusal = scoringRefusal { return host.post(refusal, role: .danger) }
    guard let open = objections.first(where: \.isOpen) else {
      return host.post(strings("assess.objection.noneOpen"), role: .warning)
    }
    var form = Form(
      title: strings("assess.form.resolve", open.raisedBy),
      fields: [.text("resolution", strings("field.assess.resolution"), "", maxLength: 300)],
      footer: strings("form.footer"))
    form.generalError = open.content
    mode = .form(form, .resolve(open))
  }

  func resolveObjection(_ objection: Objection, resolution: String, host: ScreenHost) {
    do {
      try store.assessments.resolveObjection(
        id: objection.id, version: objection.version, resolution: resolution, on: context.today,
        by: context.actor)
      loadCurrent()
      host.post(strings("assess.objection.resolved"), role: .ok)
    } catch StoreError.staleVersion {
      reloadAfterConflict(host: host)
    } catch {
      host.post(strings.describe(error), role: .danger)
    }
  }
}
