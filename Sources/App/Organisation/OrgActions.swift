import Domain
import Foundation
import Store
import TUI

/// Adding, editing, moving, deactivating and undoing, for the organisation screen.
extension OrgScreen {
  private var refusal: String? { context.refusal(for: .editOrganisation) }

  private var formFooter: String { strings("form.footer") }

  private func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String) -> [String]
  where T.RawValue == String {
    T.allCases.map { strings("\(prefix).\($0.rawValue)") }
  }

  // MARK: Members

  func startAddMember(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let unit = selectedUnit, unit.kind == .branch || unit.kind == .group, unit.active else {
      return effects.post(strings("org.addMember.pickBranch"), role: .warning)
    }
    let blank = Member(
      unitID: unit.id, name: "", department: unit.kind == .branch ? departmentGuess(unit) : "")
    effects.append(
      .present(
        .form(
          memberForm(blank, title: strings("form.member.add", unit.name), readOnly: false),
          submit: { .own(Msg.memberSubmitted($0, editing: nil)) })))
  }

  func openMember(_ member: Member, effects: inout [Effect]) {
    let readOnly = refusal != nil
    let unitName = orgTree.units[member.unitID]?.name ?? ""
    let title = strings(readOnly ? "form.member.view" : "form.member.edit", member.name, unitName)
    effects.append(
      .present(
        .form(
          memberForm(member, title: title, readOnly: readOnly),
          submit: { .own(Msg.memberSubmitted($0, editing: member)) })))
  }

  private func departmentGuess(_ unit: OrgUnit) -> String {
    rosterMembers.first(where: { !$0.department.isEmpty })?.department ?? ""
  }

  private func memberForm(_ m: Member, title: String, readOnly: Bool) -> Form {
    let fields: [FormField] = [
      .text("name", strings("field.name"), m.name, maxLength: 20),
      .choice(
        "gender", strings("field.gender"), options(Gender.self, "gender"),
        Gender.allCases.firstIndex(of: m.gender)!),
      .text(
        "birthDate", strings("field.birthDate"), m.birthDate?.iso ?? "", maxLength: 10,
        placeholder: "YYYY-MM-DD"),
      .text(
        "joinDate", strings("field.joinDate"), m.joinDate?.iso ?? "", maxLength: 10, placeholder: "YYYY-MM-DD"
      ),
      .choice(
        "standing", strings("field.standing"), options(Standing.self, "standing"),
        Standing.allCases.firstIndex(of: m.standing)!),
      .choice(
        "employment", strings("field.employment"), options(Employment.self, "employment"),
        Employment.allCases.firstIndex(of: m.employment)!),
      .text("department", strings("field.department"), m.department, maxLength: 30),
      .choice(
        "category", strings("field.category"), options(MemberCategory.self, "memberCategory"),
        MemberCategory.allCases.firstIndex(of: m.category)!),
      .text("phone", strings("field.phone"), m.phone, maxLength: 20),
    ]
    return Form(
      title: title, fields: fields, readOnly: readOnly,
      footer: readOnly ? strings("form.footer.readOnly") : formFooter)
  }

  /// Validates the member form, then saves it as an effect; a form with problems stays
  /// open with them shown.
  func saveMember(_ form: Form, editing: Member?) -> [Effect] {
    guard let base = editing ?? (selectedUnit.map { Member(unitID: $0.id, name: "") }) else { return [] }
    var issues: [String: String] = [:]
    var member = base
    member.name = form.value("name").trimmingCharacters(in: .whitespaces)
    member.gender = Gender.allCases[form.index("gender")]
    member.standing = Standing.allCases[form.index("standing")]
    member.employment = Employment.allCases[form.index("employment")]
    member.category = MemberCategory.allCases[form.index("category")]
    member.department = form.value("department").trimmingCharacters(in: .whitespaces)
    member.phone = form.value("phone").trimmingCharacters(in: .whitespaces)
    for (id, keyPath) in [("birthDate", \Member.birthDate), ("joinDate", \Member.joinDate)] {
      let text = form.value(id).trimmingCharacters(in: .whitespaces)
      if text.isEmpty {
        member[keyPath: keyPath] = nil
      } else if let day = Day(iso: text) {
        member[keyPath: keyPath] = day
      } else {
        issues[id] = strings("error.form.date", text)
      }
    }
    for issue in OrgRules.validate(member, today: context.today) where issues[issue.field] == nil {
      issues[issue.field] = strings.message(issue.message)
    }
    guard issues.isEmpty else { return [.editForm { $0.setIssues(issues) }] }
    let (organisation, actor, strings) = (store.organisation, context.actor, strings)
    if let editing {
      guard form.isDirty else { return [.dismiss] }
      let write = writeEffect(
        {
          let saved = try organisation.updateMember(member, by: actor, reason: nil)
          return Written(
            message: strings("org.saved.member", saved.name), select: saved.unitID, member: saved.id,
            undo: .member(before: editing), closesForm: true)
        }, failure: { Msg.saveRefused($0, member: editing.id) })
      return [write]
    }
    let write = writeEffect(
      {
        let saved = try organisation.addMember(member, by: actor)
        return Written(
          message: strings("org.added.member", saved.name), select: saved.unitID, member: saved.id, undo: nil,
          focusRoster: true, closesForm: true)
      }, failure: { Msg.saveRefused($0, member: nil) })
    return [write]
  }

  /// The answer to an effect the screen asked for.
  func received(_ msg: Msg) -> [Effect] {
    switch msg {
    case .deactivateMember, .deactivateUnit: return [confirmed(msg)]
    case .memberSubmitted(let form, let editing): return saveMember(form, editing: editing)
    case .unitSubmitted(let form, let editing, let parent):
      return saveUnit(form, editing: editing, parent: parent)
    case .treeRead(let units, let counts, let select, let member):
      loadError = nil
      orgTree = OrgTree(units: units, directCounts: counts)
      rebuildTree(select: select, member: member)
      return rosterEffects(selectMember: member)
    case .rosterRead(let unitID, let members, let member):
      guard let unit = selectedUnit, unit.id == unitID else { return [] }
      showRoster(of: unit, members, selectMember: member)
    case .searchRead(let query, let found):
      guard case .search(var search) = mode else { return [] }
      search.show(found, for: query, tree: orgTree, strings: strings)
      mode = .search(search)
    case .wrote(let written):
      undo = written.undo
      if written.focusRoster { setFocusRoster() }
      return (written.closesForm ? [.dismiss] : [])
        + [reloadEffect(select: written.select, member: written.member), .post(written.message, .ok)]
    case .saveRefused(let error, let member):
      return refused(error, reloadMember: member)
    case .writeFailed(let error):
      return [reloadEffect(), .post(strings.describe(error), .danger)]
    }
    return []
  }

  /// The members whose names match `query`, read as an effect (none for an empty query).
  func searchEffects(_ query: String) -> [Effect] {
    guard !query.isEmpty else {
      if case .search(var search) = mode {
        search.show(.success([]), for: query, tree: orgTree, strings: strings)
        mode = .search(search)
      }
      return []
    }
    let organisation = store.organisation
    return [
      .run {
        .own(
          Msg.searchRead(
            query: query, Result { try organisation.searchMembers(query, limit: MemberSearch.limit) }))
      }
    ]
  }

  private func setFocusRoster() {
    focus = .roster
    tree.isFocused = false
    roster.isFocused = true
  }

  /// Explains a refused save in the open form. A concurrent edit reloads, so the user
  /// sees the other change.
  private func refused(_ error: any Error, reloadMember: Int64?) -> [Effect] {
    switch error as? StoreError {
    case .invalid(let issues)?:
      let messages = issues.map { (field: $0.field, text: strings.message($0.message)) }
      return [
        .editForm { form in
          var map: [String: String] = [:]
          for issue in messages { map[issue.field] = issue.text }
          form.setIssues(map)
          if map.keys.allSatisfy({ id in !form.fields.contains { $0.id == id } }) {
            form.generalError = messages.map(\.text).joined(separator: "; ")
          }
        }
      ]
    case .staleVersion?:
      return [.dismiss, reloadEffect(member: reloadMember), .post(strings("org.stale"), .danger)]
    default:
      let reason = strings.describe(error)
      return [.editForm { $0.generalError = reason }]
    }
  }

  // MARK: Units

  func startAddUnit(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let parent = selectedUnit, parent.active, let kind = parent.kind.allowedChildren.last else {
      return effects.post(strings("org.addUnit.notHere"), role: .warning)
    }
    let kinds = parent.kind.allowedChildren
    let blank = OrgUnit(parentID: parent.id, kind: kind, name: "", category: parent.category)
    effects.append(
      .present(
        .form(
          unitForm(blank, kinds: kinds, title: strings("form.unit.add", parent.name)),
          submit: { .own(Msg.unitSubmitted($0, editing: nil, parent: parent)) })))
  }

  func startEditUnit(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let unit = selectedUnit else { return }
    let parent = unit.parentID.flatMap { orgTree.units[$0] }
    let kinds = parent?.kind.allowedChildren ?? [unit.kind]
    effects.append(
      .present(
        .form(
          unitForm(unit, kinds: kinds, title: strings("form.unit.edit", unit.name)),
          submit: { .own(Msg.unitSubmitted($0, editing: unit, parent: parent)) })))
  }

  private func unitForm(_ u: OrgUnit, kinds: [UnitKind], title: String) -> Form {
    let categories: [DepartmentCategory?] = [nil] + DepartmentCategory.allCases.map { $0 }
    let categoryNames = categories.map {
      $0.map { strings("deptCategory.\($0.rawValue)") } ?? strings("value.none")
    }
    return Form(
      title: title,
      fields: [
        .text("name", strings("field.unitName"), u.name, maxLength: 40),
        .choice(
          "kind", strings("field.unitKind"), kinds.map { strings("unitKind.\($0.rawValue)") },
          kinds.firstIndex(of: u.kind) ?? 0),
        .text("secretary", strings("field.secretary"), u.secretary, maxLength: 20),
        .choice(
          "category", strings("field.deptCategory"), categoryNames, categories.firstIndex(of: u.category) ?? 0
        ),
      ], footer: formFooter)
  }

  /// Validates the unit form, then saves it as an effect (see `saveMember`).
  func saveUnit(_ form: Form, editing: OrgUnit?, parent: OrgUnit?) -> [Effect] {
    let kinds = parent?.kind.allowedChildren ?? [editing?.kind ?? .committee]
    let categories: [DepartmentCategory?] = [nil] + DepartmentCategory.allCases.map { $0 }
    var unit = editing ?? OrgUnit(parentID: parent?.id, kind: kinds[0], name: "")
    unit.name = form.value("name").trimmingCharacters(in: .whitespaces)
    unit.kind = kinds[min(form.index("kind"), kinds.count - 1)]
    unit.secretary = form.value("secretary").trimmingCharacters(in: .whitespaces)
    unit.category = categories[form.index("category")]
    let issues = OrgRules.validate(unit, parent: parent)
    guard issues.isEmpty else {
      let strings = strings
      return [.editForm { $0.setIssues(issues, strings: strings) }]
    }
    let (organisation, actor, strings) = (store.organisation, context.actor, strings)
    if let editing {
      guard form.isDirty else { return [.dismiss] }
      let write = writeEffect(
        {
          let saved = try organisation.updateUnit(unit, by: actor, reason: nil)
          return Written(
            message: strings("org.saved.unit", saved.name), select: saved.id, undo: .unit(before: editing),
            closesForm: true)
        }, failure: { Msg.saveRefused($0, member: nil) })
      return [write]
    }
    let write = writeEffect(
      {
        let saved = try organisation.addUnit(unit, by: actor)
        return Written(
          message: strings("org.added.unit", saved.name), select: saved.id, undo: nil, closesForm: true)
      }, failure: { Msg.saveRefused($0, member: nil) })
    return [write]
  }

  // MARK: Move

  func startMove(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    if focus == .roster, let member = selectedMember {
      let homes = orgTree.memberHomes().filter { $0.id != member.unitID }
      mode = .pickUnit(
        UnitPicker(
          subject: .member(member), title: strings("picker.moveMember", member.name), units: homes,
          tree: orgTree))
    } else if let unit = selectedUnit, unit.parentID != nil {
      let parents = orgTree.possibleParents(for: unit.kind, excluding: unit.id).filter {
        $0.id != unit.parentID
      }
      mode = .pickUnit(
        UnitPicker(
          subject: .unit(unit), title: strings("picker.moveUnit", unit.name), units: parents, tree: orgTree))
    } else {
      effects.post(strings("org.move.nothing"), role: .warning)
    }
  }

  func performMove(_ subject: UnitPicker.Subject, to target: OrgUnit, effects: inout [Effect]) {
    let (organisation, actor, strings) = (store.organisation, context.actor, strings)
    effects.append(
      writeEffect(
        {
          switch subject {
          case .member(let member):
            var moved = member
            moved.unitID = target.id
            let saved = try organisation.updateMember(moved, by: actor, reason: nil)
            return Written(
              message: strings("org.moved", member.name, target.name), select: saved.unitID, member: saved.id,
              undo: .member(before: member))
          case .unit(let unit):
            var moved = unit
            moved.parentID = target.id
            let saved = try organisation.updateUnit(moved, by: actor, reason: nil)
            return Written(
              message: strings("org.moved", unit.name, target.name), select: saved.id,
              undo: .unit(before: unit))
          }
        }, failure: Msg.writeFailed))
  }

  // MARK: Deactivate

  func startDeactivate(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    if focus == .roster, let member = selectedMember {
      guard member.active else {
        return effects.post(strings("org.alreadyInactive", member.name), role: .warning)
      }
      let dialog = Dialog(
        title: strings("confirm.deactivateMember.title"),
        message: strings("confirm.deactivateMember", member.name),
        buttons: [strings("button.deactivate"), strings("button.cancel")], selected: 1)
      effects.confirm(dialog, onYes: .own(Msg.deactivateMember(member)), onNo: nil)
    } else if let unit = selectedUnit, unit.parentID != nil {
      guard unit.active else {
        return effects.post(strings("org.alreadyInactive", unit.name), role: .warning)
      }
      let activeChildren = (orgTree.children[unit.id] ?? []).compactMap { orgTree.units[$0] }.filter(\.active)
      if (orgTree.totals[unit.id] ?? 0) > 0 || !activeChildren.isEmpty {
        return effects.post(strings("org.unitNotEmpty", unit.name), role: .warning)
      }
      let dialog = Dialog(
        title: strings("confirm.deactivateUnit.title"), message: strings("confirm.deactivateUnit", unit.name),
        buttons: [strings("button.deactivate"), strings("button.cancel")], selected: 1)
      effects.confirm(dialog, onYes: .own(Msg.deactivateUnit(unit)), onNo: nil)
    }
  }

  /// "Deactivate" on the confirmation: the change as an effect.
  func confirmed(_ action: Msg) -> Effect {
    mode = .browse
    let (organisation, actor, strings) = (store.organisation, context.actor, strings)
    return writeEffect(
      {
        switch action {
        case .deactivateMember(let member):
          var changed = member
          changed.active = false
          _ = try organisation.updateMember(changed, by: actor, reason: nil)
          return Written(message: strings("org.deactivated", member.name), undo: .member(before: member))
        case .deactivateUnit(let unit):
          var changed = unit
          changed.active = false
          _ = try organisation.updateUnit(changed, by: actor, reason: nil)
          return Written(
            message: strings("org.deactivated", unit.name), select: unit.parentID, undo: .unit(before: unit))
        default:
          preconditionFailure("only a deactivation is confirmed")
        }
      }, failure: Msg.writeFailed)
  }

  // MARK: Undo

  /// Puts the last change back by saving the earlier values again (itself audited).
  func performUndo(effects: inout [Effect]) {
    if let refusal { return effects.post(refusal, role: .danger) }
    guard let last = undo else { return effects.post(strings("org.undo.nothing"), role: .warning) }
    let (organisation, actor, strings) = (store.organisation, context.actor, strings)
    effects.append(
      writeEffect(
        {
          switch last {
          case .member(let before):
            guard let current = try organisation.member(id: before.id) else {
              throw StoreError.notFound(entity: "member", id: before.id)
            }
            var restored = before
            restored.version = current.version
            let saved = try organisation.updateMember(restored, by: actor, reason: strings("org.undo.reason"))
            return Written(message: strings("org.undone", saved.name), select: saved.unitID, member: saved.id)
          case .unit(let before):
            guard
              let current = try organisation.units(includeInactive: true).first(where: { $0.id == before.id })
            else { throw StoreError.notFound(entity: "unit", id: before.id) }
            var restored = before
            restored.version = current.version
            let saved = try organisation.updateUnit(restored, by: actor, reason: strings("org.undo.reason"))
            return Written(message: strings("org.undone", saved.name), select: saved.id)
          }
        }, failure: Msg.writeFailed))
  }
}
