import Domain
import Foundation
import Store
import TUI

/// Filters, registration and the lifecycle actions of the proposals screen.
extension ProposalsScreen {
  var formFooter: String { strings("form.footer") }

  func sessionLabel(_ s: CongressSession) -> String {
    strings("proposal.session", String(s.term), String(s.year))
  }
  func stateLabel(_ s: ProposalState) -> String { strings("proposal.state.\(s.rawValue)") }
  func actionLabel(_ k: ProposalActionKind) -> String { strings("proposal.action.\(k.rawValue)") }
  func verdictLabel(_ v: Verdict) -> String { strings("proposal.verdict.\(v.rawValue)") }
  func gradeLabel(_ g: ReplyGrade) -> String { strings("proposal.grade.\(g.rawValue)") }
  /// A built-in category in the user's language; any other as it is stored.
  func categoryLabel(_ c: String) -> String {
    ProposalPolicy.builtInCategoryCodes[c].map { strings("proposal.category.\($0)") } ?? c
  }

  var activeDepartments: [Department] { departments.filter(\.active) }

  // MARK: Filters

  func openFilterForm() -> Effect {
    ensureLoaded()
    let all = strings("value.all")
    let states = ProposalState.allCases
    let selectedState =
      query.states.count == 1 ? states.firstIndex(of: query.states.first!).map { $0 + 1 } : 0
    let fields: [FormField] = [
      .choice(
        "session", strings("field.proposal.session"), [all] + sessions.map(sessionLabel),
        query.sessionID.flatMap { id in sessions.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0),
      .choice("state", strings("field.proposal.state"), [all] + states.map(stateLabel), selectedState ?? 0),
      .choice(
        "department", strings("field.proposal.leadDepartment"), [all] + departments.map(\.name),
        query.departmentID.flatMap { id in departments.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0),
      .choice(
        "category", strings("field.proposal.category"), [all] + policy.categories.map(categoryLabel),
        query.category.flatMap { c in policy.categories.firstIndex(of: c).map { $0 + 1 } } ?? 0),
      .choice(
        "overdue", strings("field.proposal.overdueOnly"), [strings("value.no"), strings("value.yes")],
        query.overdueOnly ? 1 : 0),
      .text("proposer", strings("field.proposal.proposer"), query.proposer ?? "", maxLength: 20),
    ]
    return .present(
      .form(
        Form(title: strings("form.proposal.filter"), fields: fields, footer: strings("form.footer.filter")),
        submit: { .own(Msg.filterSubmitted($0)) }))
  }

  /// Sets the query from the filter form; the header, list and 督办 list are read again.
  func applyFilterForm(_ form: Form) -> [Effect] {
    let s = form.index("session")
    query.sessionID = s == 0 ? nil : sessions[s - 1].id
    let st = form.index("state")
    query.states = st == 0 ? [] : [ProposalState.allCases[st - 1]]
    let d = form.index("department")
    query.departmentID = d == 0 ? nil : departments[d - 1].id
    let c = form.index("category")
    query.category = c == 0 ? nil : policy.categories[c - 1]
    query.overdueOnly = form.index("overdue") == 1
    let proposer = form.value("proposer").trimmingCharacters(in: .whitespaces)
    query.proposer = proposer.isEmpty ? nil : proposer
    if view == .detail { view = detailReturn }
    return [.dismiss, listingEffect(header: true, supervision: view == .supervision, announce: true)]
  }

  // MARK: Registering

  func startNew(effects: inout [Effect]) {
    if let refusal = context.refusal(for: .manageProposals) { return effects.post(refusal, role: .danger) }
    guard !sessions.isEmpty else { return effects.post(strings("proposal.noSessions"), role: .warning) }
    editingDraft = nil
    mode = .newForm(proposalForm(nil))
  }

  /// `E`: the registration form filled with the selected draft, to complete it (a
  /// missing co-signer, say) before it is submitted with `t`. The draft is read first.
  func startEditDraft(effects: inout [Effect]) {
    if let refusal = context.refusal(for: .manageProposals) { return effects.post(refusal, role: .danger) }
    let id = view == .detail ? detail?.proposal.id : selectedItem?.id
    guard let id else { return effects.post(strings("proposal.noneSelected"), role: .warning) }
    effects.append(proposalEffect(id: id, .editDraft))
  }

  /// Reads the proposal `id` and, for an action, what may be done with it now.
  private func proposalEffect(id: Int64, _ purpose: Purpose) -> Effect {
    let (repo, role, today) = (self.repo, context.actor.role, today)
    return .run {
      do {
        guard let p = try repo.proposal(id: id) else { throw StoreError.notFound(entity: "proposal", id: id) }
        switch purpose {
        case .editDraft: return .own(Msg.proposalRead(p, .editDraft))
        case .action(let kind):
          return .own(
            Msg.proposalRead(
              p,
              .action(
                kind, available: try repo.availableActions(for: p, role: role, on: today),
                calendar: try repo.calendar())))
        }
      } catch {
        return .own(Msg.actionFailed(error))
      }
    }
  }

  /// Opens the form a read proposal was asked for, or says why it cannot open.
  func prepare(_ preparation: ProposalPreparation, _ proposal: Proposal) -> [Effect] {
    switch preparation {
    case .editDraft:
      guard proposal.state == .draft else {
        return [
          .post(
            strings.message(Message(key: "error.proposal.notDraft", args: [proposal.state.rawValue])),
            .warning)
        ]
      }
      editingDraft = proposal
      var form = proposalForm(proposal)
      // What still stops the submission, shown at once under its field.
      form.setIssues(ProposalRules.validateSubmission(proposal, policy: policy), strings: strings)
      mode = .newForm(form)
    case .action(let kind, let available, let calendar):
      guard available.contains(kind) else {
        var why = strings("proposal.action.unavailable", actionLabel(kind), stateLabel(proposal.state))
        if (ProposalMachine.allowed[kind] ?? []).contains(proposal.state),
          case .failure(let message) = ProposalMachine.apply(
            probe(kind), to: proposal, by: context.actor.role, on: today,
            context: ProposalContext(policy: policy, calendar: calendar))
        {
          why = strings.message(message)
        }
        return [.post(why, .warning)]
      }
      return [
        .present(
          .form(
            actionForm(kind, proposal, calendar: calendar),
            submit: { .own(Msg.actionSubmitted($0, kind, proposal)) }))
      ]
    }
    return []
  }

  /// The registration form, empty or filled with the draft `p`.
  func proposalForm(_ p: Proposal?) -> Form {
    let sessionID = p?.sessionID ?? query.sessionID
    let sessionIndex = sessionID.flatMap { id in sessions.firstIndex { $0.id == id } } ?? 0
    let categoryIndex = p.flatMap { policy.categories.firstIndex(of: $0.category) } ?? 0
    var form = Form(
      title: p.map { strings("form.proposal.edit", $0.title) } ?? strings("form.proposal.new"),
      fields: [
        .choice("session", strings("field.proposal.session"), sessions.map(sessionLabel), sessionIndex),
        .text("title", strings("field.proposal.title"), p?.title ?? "", maxLength: policy.maxTitleLength),
        .choice(
          "category", strings("field.proposal.category"), policy.categories.map(categoryLabel), categoryIndex),
        .text(
          "proposer", strings("field.proposal.proposer"), p?.proposer ?? "", maxLength: 20,
          placeholder: strings("placeholder.pick")),
        .text("proposerUnit", strings("field.proposal.proposerUnit"), p?.proposerUnit ?? "", maxLength: 30),
        .text(
          "coSigners", strings("field.proposal.coSigners"), p?.coSigners.joined(separator: "、") ?? "",
          maxLength: 200, placeholder: strings("placeholder.pickMany")),
        .area(
          "reasons", strings("field.proposal.reasons"), p?.reasons ?? "", rows: 3,
          maxLength: policy.maxTextLength),
        .area(
          "measures", strings("field.proposal.measures"), p?.measures ?? "", rows: 3,
          maxLength: policy.maxTextLength),
      ], footer: strings(p == nil ? "form.footer.new" : "form.footer.editDraft"))
    form.maxWidth = 80
    form.focus = 1
    return form
  }

  /// Validates the proposal form and saves it as an effect: a new proposal is
  /// registered and submitted (numbered), or with `asDraft` kept as a draft; an edited
  /// draft is saved (audited) and stays a draft. A form with problems stays open with
  /// them shown and nothing saved; the save's answer closes it or shows the refusal.
  func saveProposalForm(_ form: inout Form, asDraft: Bool) -> [Effect] {
    guard sessions.indices.contains(form.index("session")) else { return [] }
    let session = sessions[form.index("session")]
    var p = editingDraft ?? Proposal(sessionID: session.id, title: "", category: "", proposer: "")
    p.sessionID = session.id
    p.title = form.value("title").trimmingCharacters(in: .whitespacesAndNewlines)
    p.reasons = form.value("reasons")
    p.measures = form.value("measures")
    p.category = policy.categories[form.index("category")]
    p.proposer = form.value("proposer").trimmingCharacters(in: .whitespaces)
    p.proposerUnit = form.value("proposerUnit")
    p.coSigners = Self.names(form.value("coSigners"))
    let issues =
      asDraft
      ? ProposalRules.validateDraft(p, policy: policy) : ProposalRules.validateSubmission(p, policy: policy)
    guard issues.isEmpty else {
      form.setIssues(issues, strings: strings)
      return []
    }
    let (repo, actor, today, strings, editing) = (
      self.repo, context.actor, today, strings, editingDraft != nil
    )
    let proposal = p
    return [
      .run {
        do {
          let saved: Proposal
          let message: String
          if editing {
            saved = try repo.updateDraft(proposal, by: actor, reason: nil)
            message = strings("proposal.draftUpdated", saved.title)
          } else if asDraft {
            saved = try repo.createDraft(proposal, by: actor)
            message = strings("proposal.draftSaved", saved.title)
          } else {
            let draft = try repo.createDraft(proposal, by: actor)
            saved = try repo.apply(
              .submit, to: draft.id, version: draft.version, by: actor, on: today, note: nil)
            message = strings("proposal.registered", saved.number ?? "", saved.title)
          }
          return .own(Msg.saved(message: message, id: saved.id, session: session.id, openDetail: true))
        } catch StoreError.staleVersion {
          return .own(Msg.stale(id: proposal.id))
        } catch {
          return .own(Msg.saveRefused(error, kind: nil))
        }
      }
    ]
  }

  /// Shows a refused save in the open form (the registration form in the screen, an
  /// action's form on the modal stack): the store's field issues under their fields,
  /// anything else above them.
  func refused(_ error: any Error, kind: ProposalActionKind?) -> [Effect] {
    let strings = strings
    let fieldFor = { (message: Message) in kind.flatMap { self.field(for: message, $0) } }
    let change = { (form: inout Form) in
      if case StoreError.invalid(let issues) = error {
        var map: [String: String] = [:]
        var general: [String] = []
        for issue in issues {
          let field = form.fields.contains { $0.id == issue.field } ? issue.field : fieldFor(issue.message)
          if let field, form.fields.contains(where: { $0.id == field }) {
            map[field] = strings.message(issue.message)
          } else {
            general.append(strings.message(issue.message))
          }
        }
        form.setIssues(map)
        form.generalError = general.isEmpty ? nil : general.joined(separator: "; ")
      } else {
        form.generalError = strings.describe(error)
      }
    }
    if case .newForm(var form) = mode {
      change(&form)
      mode = .newForm(form)
      return []
    }
    return [.editForm(change)]
  }

  // MARK: Actions

  /// A placeholder action of `kind`, to ask the machine why it is not available now.
  private func probe(_ kind: ProposalActionKind) -> ProposalAction {
    switch kind {
    case .submit: return .submit
    case .startReview: return .startReview
    case .file: return .file
    case .convertToSuggestion: return .convertToSuggestion(note: "")
    case .notFile: return .notFile(reason: "-")
    case .merge: return .merge(into: "-")
    case .assign: return .assign(lead: 1, co: [])
    case .requestReturn: return .requestReturn(reason: "-")
    case .reassign: return .reassign(lead: 1, co: [])
    case .startHandling: return .startHandling
    case .extend: return .extend(reason: "-")
    case .reply: return .reply(text: "-", grade: .A, on: today)
    case .evaluate: return .evaluate(.satisfied)
    case .implement: return .implement
    case .close: return .close
    }
  }

  /// An action key: the proposal and what may be done with it are read, then its
  /// form opens (`prepare`).
  func startAction(_ kind: ProposalActionKind, key: Character, effects: inout [Effect]) {
    if let refusal = context.refusal(for: .manageProposals) { return effects.post(refusal, role: .danger) }
    let id = view == .detail ? detail?.proposal.id : selectedItem?.id
    guard let id else { return effects.post(strings("proposal.noneSelected"), role: .warning) }
    effects.append(proposalEffect(id: id, .action(kind)))
  }

  private func departmentChoices(none: Bool) -> [String] {
    (none ? [strings("value.none")] : []) + activeDepartments.map(\.name)
  }

  /// `calendar` is the hospital's working calendar (holidays), read by the caller so
  /// that a failed read is reported instead of due dates computed without holidays.
  func actionForm(_ kind: ProposalActionKind, _ p: Proposal, calendar: WorkingCalendar) -> Form {
    let title = strings("form.proposal.action", actionLabel(kind), p.number ?? "", p.title)
    var note: String?
    var fields: [FormField]
    switch kind {
    case .notFile:
      fields = [.area("reason", strings("field.proposal.notFileReason"), "", rows: 3, maxLength: 500)]
    case .convertToSuggestion:
      fields = [.area("note", strings("field.proposal.suggestionNote"), "", rows: 3, maxLength: 500)]
    case .merge:
      fields = [
        .text("target", strings("field.proposal.mergeInto"), "", maxLength: 20, placeholder: "7-2026-001")
      ]
    case .assign, .reassign:
      let due = ProposalMachine.dueDate(
        assignedOn: today, context: ProposalContext(policy: policy, calendar: calendar))
      note = strings("proposal.form.dueNote", due.iso, String(policy.replyMonths))
      let lead = p.leadDepartmentID.flatMap { id in activeDepartments.firstIndex { $0.id == id } } ?? 0
      fields = [
        .choice("lead", strings("field.proposal.leadDepartment"), departmentChoices(none: false), lead),
        .choice("co1", strings("field.proposal.coDepartment1"), departmentChoices(none: true), 0),
        .choice("co2", strings("field.proposal.coDepartment2"), departmentChoices(none: true), 0),
        .text("note", strings("field.proposal.note"), "", maxLength: 100),
      ]
    case .requestReturn:
      fields = [.area("reason", strings("field.proposal.returnReason"), "", rows: 3, maxLength: 500)]
    case .extend:
      if let due = p.dueOn {
        let extended = calendar.nextWorkingDay(onOrAfter: due.adding(months: policy.extensionMonths))
        note = strings("proposal.form.extendNote", due.iso, extended.iso)
      }
      fields = [.area("reason", strings("field.proposal.extendReason"), "", rows: 3, maxLength: 500)]
    case .reply:
      fields = [
        .area("text", strings("field.proposal.replyText"), "", rows: 4, maxLength: policy.maxTextLength),
        .choice("grade", strings("field.proposal.grade"), ReplyGrade.allCases.map(gradeLabel), 0),
        .text(
          "date", strings("field.proposal.replyDate"), today.iso, maxLength: 10, placeholder: "YYYY-MM-DD"),
      ]
    case .evaluate:
      note = strings(p.round == 1 ? "proposal.form.evaluateNote1" : "proposal.form.evaluateNote2")
      fields = [
        .choice("verdict", strings("field.proposal.verdict"), Verdict.allCases.map(verdictLabel), 0),
        .text("note", strings("field.proposal.note"), "", maxLength: 100),
      ]
    default:
      fields = [.text("note", strings("field.proposal.note"), "", maxLength: 100)]
    }
    var form = Form(title: title, fields: fields, footer: formFooter, note: note)
    form.maxWidth = 72
    return form
  }

  /// The form field a refusal belongs under, by what it says; nil for a refusal of the
  /// action as a whole (the state changed, a date rule), shown under the fields.
  private func field(for message: Message, _ kind: ProposalActionKind) -> String? {
    switch message.key {
    case MessageKeys.proposalBadReplyDate: return "date"
    case MessageKeys.proposalReplyTextRequired: return "text"
    case MessageKeys.proposalReasonRequired: return kind == .convertToSuggestion ? "note" : "reason"
    case MessageKeys.proposalMergeTargetRequired, MessageKeys.proposalMergeIntoSelf,
      "error.proposal.unknownMergeTarget", "error.proposal.mergeTargetNotFiled":
      return "target"
    case MessageKeys.proposalLeadDepartmentRequired, "error.proposal.unknownDepartment": return "lead"
    case MessageKeys.proposalBadCoDepartments: return "co1"
    default: return nil
    }
  }

  /// Validates the action form, then applies the action as an effect; a form with
  /// problems stays open with them shown.
  func saveAction(_ submitted: Form, kind: ProposalActionKind, proposal p: Proposal) -> [Effect] {
    var form = submitted
    /// The form as checked, its problems shown, in place of the one on the stack.
    func again() -> [Effect] { [.editForm { [form] in $0 = form }] }
    func required(_ id: String) -> String? {
      let text = form.value(id).trimmingCharacters(in: .whitespacesAndNewlines)
      if text.isEmpty {
        form.setIssues([id: strings.message(Message(MessageKeys.proposalReasonRequired))])
        return nil
      }
      return text
    }
    var note: String? = form.value("note").trimmingCharacters(in: .whitespacesAndNewlines)
    if note?.isEmpty ?? true { note = nil }
    let action: ProposalAction
    switch kind {
    case .submit: action = .submit
    case .startReview: action = .startReview
    case .file: action = .file
    case .startHandling: action = .startHandling
    case .implement: action = .implement
    case .close: action = .close
    case .convertToSuggestion:
      action = .convertToSuggestion(note: note ?? "")
      note = nil
    case .notFile:
      guard let reason = required("reason") else { return again() }
      action = .notFile(reason: reason)
    case .requestReturn:
      guard let reason = required("reason") else { return again() }
      action = .requestReturn(reason: reason)
    case .extend:
      guard let reason = required("reason") else { return again() }
      action = .extend(reason: reason)
    case .merge:
      let target = form.value("target").trimmingCharacters(in: .whitespaces)
      guard !target.isEmpty else {
        form.setIssues(["target": strings.message(Message(MessageKeys.proposalMergeTargetRequired))])
        return again()
      }
      action = .merge(into: target)
    case .assign, .reassign:
      let depts = activeDepartments
      guard depts.indices.contains(form.index("lead")) else {
        form.setIssues(["lead": strings.message(Message(MessageKeys.proposalLeadDepartmentRequired))])
        return again()
      }
      let lead = depts[form.index("lead")].id
      // Each co-department field as chosen (nil for 无); the one at fault carries the message.
      let picked = ["co1", "co2"].map { id in
        (id: id, department: form.index(id) > 0 ? depts[form.index(id) - 1].id : nil)
      }
      let co = picked.compactMap(\.department)
      if let bad = picked.first(where: { $0.department == lead })
        ?? (Set(co).count != co.count ? picked.last : nil)
      {
        form.setIssues([bad.id: strings.message(Message(MessageKeys.proposalBadCoDepartments))])
        return again()
      }
      action = kind == .assign ? .assign(lead: lead, co: co) : .reassign(lead: lead, co: co)
    case .reply:
      let text = form.value("text").trimmingCharacters(in: .whitespacesAndNewlines)
      let dateText = form.value("date").trimmingCharacters(in: .whitespaces)
      var issues: [String: String] = [:]
      if text.isEmpty { issues["text"] = strings.message(Message(MessageKeys.proposalReplyTextRequired)) }
      let date = Day(iso: dateText)
      if date == nil { issues["date"] = strings("error.form.date", dateText) }
      guard issues.isEmpty, let date else {
        form.setIssues(issues)
        return again()
      }
      action = .reply(text: text, grade: ReplyGrade.allCases[form.index("grade")], on: date)
    case .evaluate:
      action = .evaluate(Verdict.allCases[form.index("verdict")])
    }
    let (repo, actor, today, texts) = (self.repo, context.actor, today, strings)
    let (kindLabel, stateLabel) = (actionLabel(kind), self.stateLabel)
    return [
      .run {
        do {
          let saved = try repo.apply(action, to: p.id, version: p.version, by: actor, on: today, note: note)
          return .own(
            Msg.saved(
              message: texts("proposal.done", kindLabel, saved.number ?? "", stateLabel(saved.state)),
              id: saved.id, session: nil, openDetail: false))
        } catch StoreError.staleVersion {
          return .own(Msg.stale(id: p.id))
        } catch {
          return .own(Msg.saveRefused(error, kind: kind))
        }
      }
    ]
  }
}
