import Domain
import Foundation
import Store
import TUI

/// Scoring, saving, undo, workflow steps and objections, for the assessment screen.
extension AssessScreen {
  /// Whether the loaded assessment may be changed on the edited column now; says why not.
  func editable(effects: inout [Effect]) -> Bool {
    if let refusal = scoringRefusal {
      effects.post(refusal, role: .danger)
      return false
    }
    guard let current else { return false }
    if column == .selfScore && !Workflow.selfEditable(current.state) {
      effects.post(strings("assess.selfClosed", stateName(current.state)), role: .warning)
      return false
    }
    return true
  }

  func stateName(_ state: AssessmentState) -> String { strings("state.\(state.rawValue)") }

  func setInput(_ entry: inout EntryInput, _ input: IndicatorInput) {
    if column == .selfScore { entry.selfInput = input } else { entry.committeeInput = input }
  }

  /// A typed number: points for most methods, cases for a veto item.
  func commitTyped(_ text: String, effects: inout [Effect]) {
    guard let indicator = selectedIndicator, let current else { return }
    guard let value = Points.parse(text) else {
      effects.post(strings("assess.notANumber", text), role: .danger)
      return
    }
    var entry = current.entry(indicator.id)
    var newInput = IndicatorInput(points: value)
    if indicator.method == .veto {
      guard value == value.rounded(), value >= 0 else {
        effects.post(strings("assess.vetoCount"), role: .danger)
        return
      }
      newInput = IndicatorInput(occurrences: Int(value))
    } else if indicator.method == .graded,
      let level = indicator.level(forPoints: value)
    {
      newInput = IndicatorInput(level: level.name)
    }
    setInput(&entry, newInput)
    change(to: entry, indicator: indicator, effects: &effects)
  }

  func stepLevel(_ indicator: Indicator, by step: Int, effects: inout [Effect]) {
    guard editable(effects: &effects), let current, !indicator.levels.isEmpty else { return }
    var entry = current.entry(indicator.id)
    let levels = indicator.levels
    let now = input(entry).level.flatMap { l in levels.firstIndex { $0.name == l } }
    // → towards the better level (first), ← towards the worse; unscored starts at the best.
    let next = now.map { min(max(0, $0 + step), levels.count - 1) } ?? 0
    setInput(&entry, IndicatorInput(level: levels[next].name))
    change(to: entry, indicator: indicator, effects: &effects)
  }

  func stepOccurrences(_ indicator: Indicator, by step: Int, effects: inout [Effect]) {
    guard indicator.method != .graded else {
      effects.post(strings("assess.count.none"), role: .warning)
      return
    }
    guard editable(effects: &effects), let current else { return }
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
    change(to: entry, indicator: indicator, effects: &effects)
  }

  /// `=`: full marks (no shortfall, the best level, the cap; no bonus, no veto case).
  func fullMarks(_ indicator: Indicator, effects: inout [Effect]) {
    guard editable(effects: &effects), let current else { return }
    var entry = current.entry(indicator.id)
    switch indicator.method {
    case .deduct, .bonus, .veto: setInput(&entry, IndicatorInput(occurrences: 0))
    case .graded: setInput(&entry, IndicatorInput(level: indicator.levels.first?.name))
    case .count: setInput(&entry, IndicatorInput(points: indicator.maxPoints))
    }
    change(to: entry, indicator: indicator, effects: &effects)
  }

  /// Whether the committee's agreeing keys (`y`, `Y`) apply: 审核 mode and editable.
  private func mayAcceptSelf(effects: inout [Effect]) -> Bool {
    guard column == .committee else {
      effects.post(strings("assess.accept.committeeOnly"), role: .warning)
      return false
    }
    return editable(effects: &effects)
  }

  /// `y` in 审核 mode: the committee agrees with the branch on this indicator; its self
  /// score becomes the committee's own entry, saved and audited like a typed one.
  func acceptSelfScore(_ indicator: Indicator, effects: inout [Effect]) {
    guard mayAcceptSelf(effects: &effects), let current else { return }
    var entry = current.entry(indicator.id)
    guard !entry.selfInput.isEmpty else {
      effects.post(strings("assess.accept.noSelf"), role: .warning)
      return
    }
    entry.committeeInput = entry.selfInput
    change(to: entry, indicator: indicator, effects: &effects)
  }

  /// `Y` in 审核 mode: every indicator the committee has not scored takes the self score
  /// as the committee's entry, in one audited save (all or nothing).
  func acceptAllSelfScores(effects: inout [Effect]) {
    guard mayAcceptSelf(effects: &effects), let current else { return }
    let agreed = current.scheme.allIndicators.compactMap { i -> EntryInput? in
      var e = current.entry(i.id)
      guard e.committeeInput.isEmpty, !e.selfInput.isEmpty else { return nil }
      e.committeeInput = e.selfInput
      return e
    }
    guard !agreed.isEmpty else {
      effects.post(strings("assess.accept.none"), role: .muted)
      return
    }
    // A published result changes one indicator at a time, each with its reason.
    if Workflow.changeNeedsReason(current.state) {
      effects.post(strings("assess.accept.oneByOne", stateName(current.state)), role: .warning)
      return
    }
    let (assessments, actor) = (store.assessments, context.actor)
    effects.append(
      .store(
        {
          try assessments.saveEntries(
            agreed, assessmentID: current.id, version: current.version, reason: nil, by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            let saved = try result.get()
            effects += adopt(saved)
            undo = Undo(assessmentID: saved.id, before: agreed.map { current.entry($0.indicatorID) })
            effects.post(
              strings(
                "assess.accept.all", String(agreed.count), Points.format(saved.summary.total),
                strings("grade.\(saved.summary.grade.rawValue)")), role: .ok)
          } catch StoreError.staleVersion {
            reloadAfterConflict(effects: &effects)
          } catch StoreError.invalid(let issues) {
            effects.post(strings.message(issues[0].message), role: .danger)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }

  func clearScore(_ indicator: Indicator, effects: inout [Effect]) {
    guard editable(effects: &effects), let current else { return }
    var entry = current.entry(indicator.id)
    setInput(&entry, .empty)
    change(to: entry, indicator: indicator, effects: &effects)
  }

  /// One change to an entry: refused on the spot when invalid; asks for a deduction's
  /// reason and for the recorded reason a published result needs; then saves.
  func change(to entry: EntryInput, indicator: Indicator, reason: String? = nil, effects: inout [Effect]) {
    guard let current else { return }
    let edited = input(entry)
    let problems = Scoring.inputIssues(indicator, edited, field: "score")
    if let first = problems.first {
      effects.post(glyphsWarning + " " + strings.message(first.message), role: .danger)
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
      effects.append(presentForm(withHint, .deductionNote(pending: entry)))
      return
    }
    if let first = issues.first {
      effects.post(strings.message(first.message), role: .danger)
      return
    }
    if Workflow.changeNeedsReason(current.state) && reason == nil {
      var form = Form(
        title: strings("assess.form.changeReason", stateName(current.state)),
        fields: [.text("reason", strings("field.assess.changeReason"), "", maxLength: 200)],
        footer: strings("form.footer"))
      form.generalError = strings("assess.changeReason.why")
      effects.append(presentForm(form, .changeReason(pending: entry, isUndo: false)))
      return
    }
    save(entry, reason: reason, effects: &effects)
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

  func save(_ entry: EntryInput, reason: String?, effects: inout [Effect], isUndo: Bool = false) {
    guard let current else { return }
    let before = current.entry(entry.indicatorID)
    if before == entry {
      effects.post(strings("assess.unchanged"), role: .muted)
      return
    }
    let (assessments, actor) = (store.assessments, context.actor)
    effects.append(
      .store(
        {
          try assessments.saveEntry(
            entry, assessmentID: current.id, version: current.version, reason: reason, by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            let saved = try result.get()
            effects += adopt(saved)
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
              effects.append(presentForm(form, .entry(indicatorID: indicator.id)))
              effects.post(text, role: .warning)
              return effects
            }
            effects.post(text, role: .ok)
          } catch StoreError.staleVersion {
            reloadAfterConflict(effects: &effects)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }

  /// Someone else saved first: show their version, never overwrite it.
  func reloadAfterConflict(effects: inout [Effect]) {
    undo = nil
    effects += periodEffects()
    effects.post(strings("assess.stale"), role: .danger)
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

  func openEntryForm(_ indicator: Indicator, effects: inout [Effect]) {
    guard let current else { return }
    effects.append(
      presentForm(entryForm(indicator, entry: current.entry(indicator.id)), .entry(indicatorID: indicator.id))
    )
  }

  func submitForm(_ form: Form, purpose: FormPurpose, effects: inout [Effect]) {
    guard !form.readOnly else { return }
    switch purpose {
    case .entry(let id):
      guard let current, let indicator = current.scheme.indicator(id: id) else { return }
      var entry = current.entry(id)
      entry.note = form.value("note")
      entry.evidence = form.value("evidence")
      if entry == current.entry(id) { return }
      change(to: entry, indicator: indicator, effects: &effects)
    case .deductionNote(var pending):
      guard let indicator = current?.scheme.indicator(id: pending.indicatorID) else { return }
      pending.note = form.value("note")
      if pending.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        // Keep asking: nothing is saved without the reason.
        var again = form
        again.setIssues(["note": strings.message(Message(MessageKeys.scoreDeductionNeedsReason))])
        effects.append(presentForm(again, purpose))
        effects.post(strings.message(Message(MessageKeys.scoreDeductionNeedsReason)), role: .danger)
        return
      }
      change(to: pending, indicator: indicator, effects: &effects)
    case .changeReason(let pending, let isUndo):
      let reason = form.value("reason").trimmingCharacters(in: .whitespacesAndNewlines)
      guard let indicator = current?.scheme.indicator(id: pending.indicatorID) else { return }
      guard !reason.isEmpty else {
        var again = form
        again.setIssues(["reason": strings("assess.changeReason.missing")])
        effects.append(presentForm(again, purpose))
        effects.post(strings("assess.changeReason.missing"), role: .danger)
        return
      }
      if isUndo {
        save(pending, reason: reason, effects: &effects, isUndo: true)
      } else {
        change(to: pending, indicator: indicator, reason: reason, effects: &effects)
      }
    case .transition(let action):
      performTransition(action, note: form.value("note"), effects: &effects)
    case .objection:
      addObjection(raisedBy: form.value("raisedBy"), content: form.value("content"), effects: &effects)
    case .resolve(let objection):
      resolveObjection(objection, resolution: form.value("resolution"), effects: &effects)
    case .reviewMarks(let unitID, let year):
      saveMarks(form, unitID: unitID, year: year, effects: &effects)
    case .weights:
      saveWeights(form, effects: &effects)
    }
  }

  // MARK: Undo

  func performUndo(effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let last = undo, let current, current.id == last.assessmentID, let first = last.before.first
    else {
      return effects.post(strings("assess.undo.nothing"), role: .warning)
    }
    if last.before.count > 1 { return restoreAll(last.before, effects: &effects) }
    if Workflow.changeNeedsReason(current.state) {
      // Undoing is a change like any other: a published or fixed result records why.
      var form = Form(
        title: strings("assess.form.undoReason", stateName(current.state)),
        fields: [.text("reason", strings("field.assess.changeReason"), "", maxLength: 200)],
        footer: strings("form.footer"))
      form.generalError = strings("assess.undo.why")
      effects.append(presentForm(form, .changeReason(pending: first, isUndo: true)))
      return
    }
    save(first, reason: nil, effects: &effects, isUndo: true)
  }

  /// Undoes `Y`: the entries it filled in go back as they were, in one audited save.
  /// `Y` is refused on a published result, and so is this once the result is published.
  func restoreAll(_ entries: [EntryInput], effects: inout [Effect]) {
    guard let current else { return }
    if Workflow.changeNeedsReason(current.state) {
      return effects.post(strings("assess.accept.oneByOne", stateName(current.state)), role: .warning)
    }
    let (assessments, actor) = (store.assessments, context.actor)
    effects.append(
      .store(
        {
          try assessments.saveEntries(
            entries, assessmentID: current.id, version: current.version, reason: nil, by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            let saved = try result.get()
            effects += adopt(saved)
            undo = nil
            effects.post(
              strings(
                "assess.undone", Points.format(saved.summary.total),
                strings("grade.\(saved.summary.grade.rawValue)")),
              role: .ok)
          } catch StoreError.staleVersion {
            reloadAfterConflict(effects: &effects)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }

  // MARK: Create

  func createAssessment(effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let unit = selectedUnit, let period else { return }
    guard unit.kind == .branch || unit.kind == .generalBranch else {
      return effects.post(strings("assess.create.pickUnit"), role: .warning)
    }
    if current != nil {
      return effects.post(strings("assess.create.exists", unit.name, period.text), role: .warning)
    }
    let (assessments, actor) = (store.assessments, context.actor)
    effects.append(
      .store(
        {
          try assessments.createAssessment(
            unitID: unit.id, period: period, schemeRowID: nil, by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            let created = try result.get()
            effects += adopt(created)
            effects += currentEffects()
            effects.post(strings("assess.created", unit.name, period.text), role: .ok)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }

  // MARK: Workflow

  /// `s` and `b`: checks role and state at once, then asks for confirmation (and a note).
  func startTransition(_ action: WorkflowAction, effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let current, let unit = selectedUnit else {
      return effects.post(strings("assess.none"), role: .warning)
    }
    guard let to = Workflow.target(of: action, from: current.state) else {
      return effects.post(
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
    effects.append(presentForm(form, .transition(action)))
  }

  func performTransition(_ action: WorkflowAction, note: String, effects: inout [Effect]) {
    guard let current else { return }
    let (assessments, actor, day) = (store.assessments, context.actor, context.today)
    effects.append(
      .store(
        {
          try assessments.transition(
            action, assessmentID: current.id, version: current.version, note: note, today: day,
            by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            let moved = try result.get()
            effects += adopt(moved)
            effects += currentEffects()
            undo = nil
            effects.post(strings("assess.moved", stateName(moved.state)), role: .ok)
          } catch StoreError.staleVersion {
            reloadAfterConflict(effects: &effects)
          } catch StoreError.invalid(let issues) {
            effects.post(describeIssues(issues, scheme: current.scheme), role: .danger)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
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

  func startObjection(effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let current, let unit = selectedUnit else {
      return effects.post(strings("assess.none"), role: .warning)
    }
    guard current.state == .publicNotice else {
      return effects.post(strings("assess.objection.notInNotice", stateName(current.state)), role: .warning)
    }
    effects.append(
      presentForm(
        Form(
          title: strings("assess.form.objection", unit.name),
          fields: [
            .text("raisedBy", strings("field.assess.raisedBy"), "", maxLength: 40),
            .text("content", strings("field.assess.objection"), "", maxLength: 300),
          ], footer: strings("form.footer")), .objection))
  }

  func addObjection(raisedBy: String, content: String, effects: inout [Effect]) {
    guard let current else { return }
    let (assessments, actor, day) = (store.assessments, context.actor, context.today)
    effects.append(
      .store(
        {
          try assessments.addObjection(
            assessmentID: current.id, raisedBy: raisedBy, content: content, on: day, by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            _ = try result.get()
            effects += currentEffects()
            effects.post(strings("assess.objection.added"), role: .ok)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }

  func startResolve(effects: inout [Effect]) {
    if let refusal = scoringRefusal { return effects.post(refusal, role: .danger) }
    guard let open = objections.first(where: \.isOpen) else {
      return effects.post(strings("assess.objection.noneOpen"), role: .warning)
    }
    var form = Form(
      title: strings("assess.form.resolve", open.raisedBy),
      fields: [.text("resolution", strings("field.assess.resolution"), "", maxLength: 300)],
      footer: strings("form.footer"))
    form.generalError = open.content
    effects.append(presentForm(form, .resolve(open)))
  }

  func resolveObjection(_ objection: Objection, resolution: String, effects: inout [Effect]) {
    let (assessments, actor, day) = (store.assessments, context.actor, context.today)
    effects.append(
      .store(
        {
          try assessments.resolveObjection(
            id: objection.id, version: objection.version, resolution: resolution, on: day,
            by: actor)
        },
        then: { [self] result in
          var effects: [Effect] = []
          do {
            _ = try result.get()
            effects += currentEffects()
            effects.post(strings("assess.objection.resolved"), role: .ok)
          } catch StoreError.staleVersion {
            reloadAfterConflict(effects: &effects)
          } catch {
            effects.post(strings.describe(error), role: .danger)
          }
          return effects
        }))
  }
}
