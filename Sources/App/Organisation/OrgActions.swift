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

  func startAddMember(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
    guard let unit = selectedUnit, unit.kind == .branch || unit.kind == .group, unit.active else {
      return host.post(strings("org.addMember.pickBranch"), role: .warning)
    }
    let blank = Member(
      unitID: unit.id, name: "", department: unit.kind == .branch ? departmentGuess(unit) : "")
    mode = .memberForm(
      memberForm(blank, title: strings("form.member.add", unit.name), readOnly: false), editing: nil)
  }

  func openMember(_ member: Member, host: ScreenHost) {
    let readOnly = refusal != nil
    let unitName = orgTree.units[member.unitID]?.name ?? ""
    let title = strings(readOnly ? "form.member.view" : "form.member.edit", member.name, unitName)
    mode = .memberForm(memberForm(member, title: title, readOnly: readOnly), editing: member)
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

  /// Validates and saves the member form; false keeps the form open with its problems shown.
  func saveMember(_ form: inout Form, editing: Member?, host: ScreenHost) -> Bool {
    guard let base = editing ?? (selectedUnit.map { Member(unitID: $0.id, name: "") }) else { return false }
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
    guard issues.isEmpty else {
      form.setIssues(issues)
      return false
    }
    do {
      if let editing {
        guard form.isDirty else { return true }
        let saved = try store.organisation.updateMember(member, by: context.actor, reason: nil)
        undo = .member(before: editing)
        reload(select: saved.unitID, member: saved.id)
        host.post(strings("org.saved.member", saved.name), role: .ok)
      } else {
        let saved = try store.organisation.addMember(member, by: context.actor)
        undo = nil
        reload(select: saved.unitID, member: saved.id)
        setFocusRoster()
        host.post(strings("org.added.member", saved.name), role: .ok)
      }
      return true
    } catch let error as StoreError {
      return refused(error, form: &form, reloadMember: editing, host: host)
    } catch {
      form.generalError = strings.describe(error)
      return false
    }
  }

  private func setFocusRoster() {
    focus = .roster
    tree.isFocused = false
    roster.isFocused = true
  }

  /// Explains a refused save. A concurrent edit reloads, so the user sees the other change.
  private func refused(_ error: StoreError, form: inout Form, reloadMember: Member?, host: ScreenHost) -> Bool
  {
    switch error {
    case .invalid(let issues):
      var map: [String: String] = [:]
      for issue in issues { map[issue.field] = strings.message(issue.message) }
      form.setIssues(map)
      if map.keys.allSatisfy({ id in !form.fields.contains { $0.id == id } }) {
        form.generalError = issues.map { strings.message($0.message) }.joined(separator: "; ")
      }
      return false
    case .staleVersion:
      reload(member: reloadMember?.id)
      host.post(strings("org.stale"), role: .danger)
      return true
    default:
      form.generalError = strings.describe(error)
      return false
    }
  }

  // MARK: Units

  func startAddUnit(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
    guard let parent = selectedUnit, parent.active, let kind = parent.kind.allowedChildren.last else {
      return host.post(strings("org.addUnit.notHere"), role: .warning)
    }
    let kinds = parent.kind.allowedChildren
    let blank = OrgUnit(parentID: parent.id, kind: kind, name: "", category: parent.category)
    mode = .unitForm(
      unitForm(blank, kinds: kinds, title: strings("form.unit.add", parent.name)), editing: nil,
      parent: parent)
  }

  func startEditUnit(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
    guard let unit = selectedUnit else { return }
    let parent = unit.parentID.flatMap { orgTree.units[$0] }
    let kinds = parent?.kind.allowedChildren ?? [unit.kind]
    mode = .unitForm(
      unitForm(unit, kinds: kinds, title: strings("form.unit.edit", unit.name)), editing: unit, parent: parent
    )
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

  func saveUnit(_ form: inout Form, editing: OrgUnit?, parent: OrgUnit?, host: ScreenHost) -> Bool {
    let kinds = parent?.kind.allowedChildren ?? [editing?.kind ?? .committee]
    let categories: [DepartmentCategory?] = [nil] + DepartmentCategory.allCases.map { $0 }
    var unit = editing ?? OrgUnit(parentID: parent?.id, kind: kinds[0], name: "")
    unit.name = form.value("name").trimmingCharacters(in: .whitespaces)
    unit.kind = kinds[min(form.index("kind"), kinds.count - 1)]
    unit.secretary = form.value("secretary").trimmingCharacters(in: .whitespaces)
    unit.category = categories[form.index("category")]
    let issues = OrgRules.validate(unit, parent: parent)
    guard issues.isEmpty else {
      form.setIssues(issues, strings: strings)
      return false
    }
    do {
      if let editing {
        guard form.isDirty else { return true }
        let saved = try store.organisation.updateUnit(unit, by: context.actor, reason: nil)
        undo = .unit(before: editing)
        reload(select: saved.id)
        host.post(strings("org.saved.unit", saved.name), role: .ok)
      } else {
        let saved = try store.organisation.addUnit(unit, by: context.actor)
        undo = nil
        reload(select: saved.id)
        host.post(strings("org.added.unit", saved.name), role: .ok)
      }
      return true
    } catch let error as StoreError {
      return refused(error, form: &form, reloadMember: nil, host: host)
    } catch {
      form.generalError = strings.describe(error)
      return false
    }
  }

  /// Esc on a form: close at once when nothing was typed, else ask first.
  func cancelForm(_ form: Form, host: ScreenHost) {
    guard form.isDirty && !form.readOnly else {
      mode = .browse
      return
    }
    host.confirm(.discardEdits(strings), onYes: .own(Msg.discardForm), onNo: nil)
  }

  // MARK: Move

  func startMove(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
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
      host.post(strings("org.move.nothing"), role: .warning)
    }
  }

  func performMove(_ subject: UnitPicker.Subject, to target: OrgUnit, host: ScreenHost) {
    do {
      switch subject {
      case .member(let member):
        var moved = member
        moved.unitID = target.id
        let saved = try store.organisation.updateMember(moved, by: context.actor, reason: nil)
        undo = .member(before: member)
        reload(select: saved.unitID, member: saved.id)
        host.post(strings("org.moved", member.name, target.name), role: .ok)
      case .unit(let unit):
        var moved = unit
        moved.parentID = target.id
        let saved = try store.organisation.updateUnit(moved, by: context.actor, reason: nil)
        undo = .unit(before: unit)
        reload(select: saved.id)
        host.post(strings("org.moved", unit.name, target.name), role: .ok)
      }
    } catch {
      reload()
      host.post(strings.describe(error), role: .danger)
    }
  }

  // MARK: Deactivate

  func startDeactivate(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
    if focus == .roster, let member = selectedMember {
      guard member.active else {
        return host.post(strings("org.alreadyInactive", member.name), role: .warning)
      }
      let dialog = Dialog(
        title: strings("confirm.deactivateMember.title"),
        message: strings("confirm.deactivateMember", member.name),
        buttons: [strings("button.deactivate"), strings("button.cancel")], selected: 1)
      host.confirm(dialog, onYes: .own(Msg.deactivateMember(member)), onNo: nil)
    } else if let unit = selectedUnit, unit.parentID != nil {
      guard unit.active else { return host.post(strings("org.alreadyInactive", unit.name), role: .warning) }
      let activeChildren = (orgTree.children[unit.id] ?? []).compactMap { orgTree.units[$0] }.filter(\.active)
      if (orgTree.totals[unit.id] ?? 0) > 0 || !activeChildren.isEmpty {
        return host.post(strings("org.unitNotEmpty", unit.name), role: .warning)
      }
      let dialog = Dialog(
        title: strings("confirm.deactivateUnit.title"), message: strings("confirm.deactivateUnit", unit.name),
        buttons: [strings("button.deactivate"), strings("button.cancel")], selected: 1)
      host.confirm(dialog, onYes: .own(Msg.deactivateUnit(unit)), onNo: nil)
    }
  }

  func confirmed(_ action: Msg, host: ScreenHost) {
    mode = .browse
    do {
      switch action {
      case .deactivateMember(let member):
        var changed = member
        changed.active = false
        _ = try store.organisation.updateMember(changed, by: context.actor, reason: nil)
        undo = .member(before: member)
        reload()
        host.post(strings("org.deactivated", member.name), role: .ok)
      case .deactivateUnit(let unit):
        var changed = unit
        changed.active = false
        _ = try store.organisation.updateUnit(changed, by: context.actor, reason: nil)
        undo = .unit(before: unit)
        reload(select: unit.parentID)
        host.post(strings("org.deactivated", unit.name), role: .ok)
      case .discardForm, .treeRead:
        break
      }
    } catch {
      reload()
      host.post(strings.describe(error), role: .danger)
    }
  }

  // MARK: Undo

  /// Puts the last change back by saving the earlier values again (itself audited).
  func performUndo(host: ScreenHost) {
    if let refusal { return host.post(refusal, role: .danger) }
    guard let last = undo else { return host.post(strings("org.undo.nothing"), role: .warning) }
    do {
      switch last {
      case .member(let before):
        guard let current = try store.organisation.member(id: before.id) else { return }
        var restored = before
        restored.version = current.version
        let saved = try store.organisation.updateMember(
          restored, by: context.actor, reason: strings("org.undo.reason"))
        reload(select: saved.unitID, member: saved.id)
        host.post(strings("org.undone", saved.name), role: .ok)
      case .unit(let before):
        guard
          let current = try store.organisation.units(includeInactive: true).first(where: {
            $0.id == before.id
          })
        else { return }
        var restored = before
        restored.version = current.version
        let saved = try store.organisation.updateUnit(
          restored, by: context.actor, reason: strings("org.undo.reason"))
        reload(select: saved.id)
        host.post(strings("org.undone", saved.name), role: .ok)
      }
      undo = nil
    } catch {
      reload()
      host.post(strings.describe(error), role: .danger)
    }
  }
}
