import Domain
import Foundation
import Store
import TUI

/// The organisation screen: the unit tree on the left, the selected unit's details
/// and roster on the right; search, add, edit, move, deactivate and undo.
@MainActor
final class OrgScreen: AppScreen {
  enum Focus { case tree, roster }

  /// A modal step the screen is in, on top of browsing.
  enum Mode {
    case browse
    case search(MemberSearch)
    case pickUnit(UnitPicker)
  }

  /// The screen's own messages: the answers of its confirmations and store effects.
  enum Msg: ScreenOwnMsg {
    case deactivateMember(Member)
    case deactivateUnit(OrgUnit)
    /// Ctrl-S on the member form (`editing` nil for a new member).
    case memberSubmitted(Form, editing: Member?)
    /// Ctrl-S on the unit form.
    case unitSubmitted(Form, editing: OrgUnit?, parent: OrgUnit?)
    /// The units and their member counts, read for the first frame or again; the unit
    /// and member to select after a change.
    case treeRead(units: [OrgUnit], counts: [Int64: Int], select: Int64?, member: Int64?)
    /// The members a branch or group's roster lists.
    case rosterRead(unitID: Int64, Result<[Member], any Error>, member: Int64?)
    /// The members found for a search.
    case searchRead(query: String, Result<[Member], any Error>)
    /// A change went through (see `writeEffect`).
    case wrote(Written)
    /// The store refused a form's save; `member` is the member to keep selected when
    /// the refusal was another terminal's change.
    case saveRefused(any Error, member: Int64?)
    /// A change outside a form (a move, a deactivation, an undo) failed.
    case writeFailed(any Error)
  }

  /// What a change that went through asks for next: the status line, what to select
  /// in the tree read again, and what `u` puts back.
  struct Written {
    var message: String
    var select: Int64?
    var member: Int64?
    var undo: Undo?
    var focusRoster = false
    /// The change was a form's save: the form closes.
    var closesForm = false
  }

  /// The last change, so `u` can put it back.
  enum Undo {
    case member(before: Member)
    case unit(before: OrgUnit)
  }

  let context: AppContext
  var strings: Strings { context.strings }
  var store: GongzhiStore { context.store }

  var orgTree = OrgTree(units: [], directCounts: [:])
  var tree = TreeView<Int64>(roots: [])
  var focus = Focus.tree
  var mode = Mode.browse
  var showInactive = false
  var undo: Undo?

  /// The roster (branches and groups) or the child units (committee, 总支) of the selection.
  var rosterMembers: [Member] = []
  var childUnits: [OrgUnit] = []
  var roster = Table(columns: [])
  var warnings: [Message] = []
  /// A failed read, shown in the right pane instead of stale data.
  var loadError: String?
  private var loadedUnit: Int64?
  private var lastRosterWidth = 0
  /// Screen areas of the last frame, for mouse hit tests.
  var treeRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var rosterRect = Rect(x: 0, y: 0, width: 0, height: 0)
  var screenRect = Rect(x: 0, y: 0, width: 0, height: 0)

  /// The first frame's read (see `FirstRead`).
  private var firstRead = FirstRead()

  /// Reads nothing: the first `.layout` asks for the tree as an effect.
  init(context: AppContext) {
    self.context = context
  }

  /// Reads the tree now, for the paths that need it before a frame (`gongzhi render --select`).
  func ensureLoaded() {
    if !firstRead.started { reload() }
  }

  /// The first frame's read, as an effect for the shell to run.
  func readTree() -> Effect { reloadEffect() }

  /// Reads the tree again (after a change, or another terminal's change) as an effect;
  /// its answer keeps the selection where it was when it still exists.
  func reloadEffect(select unitID: Int64? = nil, member memberID: Int64? = nil) -> Effect {
    let organisation = store.organisation
    let showInactive = self.showInactive
    return .run {
      .own(
        Msg.treeRead(
          units: try organisation.units(includeInactive: showInactive),
          counts: try organisation.memberCounts(), select: unitID, member: memberID))
    }
  }

  /// A store write as an effect: its answer (`Msg.wrote`) reads the tree again and
  /// shows what changed; a thrown error comes back as `failure(error)`.
  func writeEffect(_ write: @escaping () throws -> Written, failure: @escaping (any Error) -> Msg) -> Effect {
    .run {
      do {
        return .own(Msg.wrote(try write()))
      } catch {
        return .own(failure(error))
      }
    }
  }

  var capturesKeyboard: Bool {
    if case .browse = mode { return false }
    return true
  }

  var hasUnsavedInput: Bool {
    // The member and unit forms are on the shell's modal stack.
    return false
  }

  var selectedUnit: OrgUnit? { tree.selectedID.flatMap { orgTree.units[$0] } }

  var selectedMember: Member? {
    guard let row = roster.selectedRow, rosterMembers.indices.contains(row) else { return nil }
    return rosterMembers[row]
  }

  // MARK: Loading

  /// Reads the tree at once, for the paths that need it before a frame
  /// (`gongzhi render org --select`, a key before the first frame).
  func reload(select unitID: Int64? = nil, member memberID: Int64? = nil) {
    firstRead.done()
    loadError = nil
    do {
      let units = try store.organisation.units(includeInactive: showInactive)
      let counts = try store.organisation.memberCounts()
      orgTree = OrgTree(units: units, directCounts: counts)
    } catch {
      loadError = strings.describe(error)
    }
    rebuildTree(select: unitID, member: memberID)
    loadRoster(selectMember: memberID)
  }

  /// The tree view over `orgTree`, keeping what was open and selected; the roster is
  /// read again (`rosterEffects` or `loadRoster`).
  func rebuildTree(select unitID: Int64?, member memberID: Int64?) {
    let previous = unitID ?? tree.selectedID
    var expanded = tree.expanded
    if expanded.isEmpty {
      // First load: open the committee and its general branches.
      for (unit, depth) in orgTree.flattened() where depth < 1 { expanded.insert(unit.id) }
    }
    tree = TreeView(
      roots: orgTree.roots.map(node), expanded: expanded, selectedID: nil, isFocused: focus == .tree)
    if let previous, orgTree.units[previous] != nil {
      tree.select(id: previous)
    }
    loadedUnit = nil
  }

  private func node(_ id: Int64) -> TreeNode<Int64> {
    let unit = orgTree.units[id]!
    let label = unit.active ? unit.name : unit.name + " " + strings("org.inactiveSuffix")
    return TreeNode(
      id: id, label: label, badge: String(orgTree.totals[id] ?? 0), role: unit.active ? nil : .muted,
      children: (orgTree.children[id] ?? []).map(node))
  }

  /// What the right pane shows for the selected unit, once per selection: a branch
  /// or group's members are read as an effect (`Msg.rosterRead`), a committee's child
  /// units are in the tree already.
  func rosterEffects(selectMember memberID: Int64? = nil) -> [Effect] {
    guard let unit = selectedUnit else {
      showRoster(of: nil, .success([]), selectMember: nil)
      return []
    }
    if loadedUnit == unit.id && memberID == nil { return [] }
    loadedUnit = unit.id
    switch unit.kind {
    case .branch, .group:
      return [
        .run { [self] in
          .own(Msg.rosterRead(unitID: unit.id, Result { try readRoster(unit) }, member: memberID))
        }
      ]
    case .committee, .generalBranch:
      showRoster(of: unit, .success([]), selectMember: memberID)
      return []
    }
  }

  /// The roster read at once (`gongzhi render org --select`).
  func loadRoster(selectMember memberID: Int64? = nil) {
    guard let unit = selectedUnit else { return showRoster(of: nil, .success([]), selectMember: nil) }
    if loadedUnit == unit.id && memberID == nil { return }
    loadedUnit = unit.id
    showRoster(of: unit, Result { try readRoster(unit) }, selectMember: memberID)
  }

  /// The members a branch or group lists: its own and its groups'.
  private func readRoster(_ unit: OrgUnit) throws -> [Member] {
    guard unit.kind == .branch || unit.kind == .group else { return [] }
    let ids = [unit.id] + (orgTree.children[unit.id] ?? [])
    return try ids.flatMap { try store.organisation.members(inUnit: $0, includeInactive: showInactive) }
  }

  /// Fills the right pane for `unit` from its members as read.
  func showRoster(of unit: OrgUnit?, _ members: Result<[Member], any Error>, selectMember memberID: Int64?) {
    guard let unit else {
      rosterMembers = []
      childUnits = []
      return
    }
    switch unit.kind {
    case .branch, .group:
      switch members {
      case .success(let members):
        rosterMembers = members.sorted { a, b in
          a.active != b.active ? a.active : NameOrder.ascending(a.name, b.name)
        }
      case .failure(let error):
        rosterMembers = []
        loadError = strings.describe(error)
      }
      childUnits = []
      warnings = unit.kind == .branch ? OrgRules.warnings(for: unit, members: rosterMembers) : []
    case .committee, .generalBranch:
      rosterMembers = []
      childUnits = (orgTree.children[unit.id] ?? []).compactMap { orgTree.units[$0] }
      warnings = []
    }
    let keep = memberID.flatMap { id in rosterMembers.firstIndex { $0.id == id } } ?? 0
    roster = Table(columns: [], rows: [], selected: 0, isFocused: focus == .roster)
    lastRosterWidth = 0
    roster.selection = ListSelection(count: max(rosterMembers.count, childUnits.count), selected: keep)
  }

  // MARK: Keys

  var hints: [(key: String, label: String)] {
    switch mode {
    case .browse:
      var h: [(key: String, label: String)] = [
        (key: "Tab", label: strings("hint.switchPane")), (key: "/", label: strings("hint.search")),
      ]
      if context.actor.role.can(.editOrganisation) {
        h += [
          (key: "a", label: strings("hint.addMember")), (key: "e", label: strings("hint.edit")),
          (key: "m", label: strings("hint.move")), (key: "d", label: strings("hint.deactivate")),
        ]
      }
      h.append((key: "q", label: strings("hint.quit")))
      return h
    default:
      return []
    }
  }

  var helpEntries: [(keys: String, description: String)] {
    [
      (keys: "↑ ↓  j k", description: strings("key.move")),
      (keys: "← →  h l", description: strings("key.collapseExpand")),
      (keys: "PgUp PgDn Home End", description: strings("key.page")),
      (keys: "Tab", description: strings("key.switchPane")),
      (keys: "Enter", description: strings("key.openMember")),
      (keys: "/", description: strings("key.search")),
      (keys: "a", description: strings("key.addMember")),
      (keys: "A", description: strings("key.addUnit")),
      (keys: "e", description: strings("key.edit")),
      (keys: "m", description: strings("key.moveItem")),
      (keys: "d", description: strings("key.deactivate")),
      (keys: "u", description: strings("key.undo")),
      (keys: "i", description: strings("key.showInactive")),
      (keys: "r", description: strings("key.reload")),
      (keys: "Ctrl-S", description: strings("key.formSave")),
      (keys: "Esc", description: strings("key.back")),
    ]
  }

  func update(_ msg: ScreenMsg) -> [Effect] {
    switch msg {
    case .layout(let area):
      screenRect = area
      return firstRead.layout(area, read: readTree, layOut: layOut(in:))
    case .own(let own as Msg):
      let effects = received(own)
      layOut(in: screenRect)
      return effects
    case .failed(let error):
      // The tree could not be read: the error shows in the right pane.
      loadError = strings.describe(error)
      rebuildTree(select: nil, member: nil)
      let effects = rosterEffects()
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
    case .browse: return browseKey(key, effects: &effects)
    case .search(var search):
      switch search.handle(key) {
      case .cancel: mode = .browse
      case .open(let member):
        mode = .browse
        focus = .roster
        tree.isFocused = false
        tree.select(id: member.unitID)
        // Members of a group are listed in their branch's roster too; show the unit itself.
        loadedUnit = nil
        effects += rosterEffects(selectMember: member.id)
      case .changed:
        mode = .search(search)
        effects += searchEffects(search.query)
      case .handled: mode = .search(search)
      }
      return true
    case .pickUnit(var picker):
      switch picker.handle(key) {
      case .cancel: mode = .browse
      case .chosen(let target):
        mode = .browse
        performMove(picker.subject, to: target, effects: &effects)
      case .handled: mode = .pickUnit(picker)
      }
      return true
    }
  }

  private func browseKey(_ key: Key, effects: inout [Effect]) -> Bool {
    switch key {
    case .tab, .backTab:
      setFocus(focus == .tree ? .roster : .tree)
    case .char("/"):
      mode = .search(MemberSearch(placeholder: strings("search.placeholder")))
    case .char("a"): startAddMember(effects: &effects)
    case .char("A"): startAddUnit(effects: &effects)
    case .char("e"):
      if focus == .roster, let member = selectedMember {
        openMember(member, effects: &effects)
      } else {
        startEditUnit(effects: &effects)
      }
    case .char("m"): startMove(effects: &effects)
    case .char("d"): startDeactivate(effects: &effects)
    case .char("u"): performUndo(effects: &effects)
    case .char("i"):
      showInactive.toggle()
      effects.append(reloadEffect())
      effects.post(strings(showInactive ? "org.showingInactive" : "org.hidingInactive"), role: .normal)
    case .char("r"):
      effects.append(reloadEffect())
      effects.post(strings("org.reloaded"), role: .normal)
    case .enter:
      if focus == .tree {
        if selectedUnit?.kind == .branch || selectedUnit?.kind == .group {
          setFocus(.roster)
        } else if let id = tree.selectedID {
          if tree.expanded.contains(id) { tree.collapse(id) } else { tree.expand(id) }
        }
      } else if let member = selectedMember {
        openMember(member, effects: &effects)
      } else if let row = roster.selectedRow, childUnits.indices.contains(row) {
        tree.select(id: childUnits[row].id)
        effects += rosterEffects()
      }
    default:
      if focus == .tree {
        let before = tree.selectedID
        guard tree.handle(key) else { return false }
        if tree.selectedID != before { effects += rosterEffects() }
      } else {
        if key == .left || key == .char("h") {
          setFocus(.tree)
          return true
        }
        return roster.handle(key)
      }
    }
    return true
  }

  private func setFocus(_ f: Focus) {
    focus = f
    tree.isFocused = f == .tree
    roster.isFocused = f == .roster
  }

  private func handleMouse(_ mouse: MouseEvent, effects: inout [Effect]) -> Bool {
    switch mode {
    case .browse: break
    default:
      return false
    }
    let point = Point(x: mouse.x, y: mouse.y)
    let wheel: Key? = mouse.kind == .wheelUp ? .up : mouse.kind == .wheelDown ? .down : nil
    if treeRect.contains(point) {
      setFocus(.tree)
      if let wheel { return browseKey(wheel, effects: &effects) }
      if let id = tree.hitTest(y: mouse.y, in: treeRect),
        let row = tree.visibleRows().first(where: { $0.id == id })
      {
        if tree.selectedID == id, row.hasChildren {
          if row.isExpanded { tree.collapse(id) } else { tree.expand(id) }
        }
        tree.select(id: id)
        effects += rosterEffects()
      }
      return true
    }
    if rosterRect.contains(point) {
      setFocus(.roster)
      if let wheel { return roster.handle(wheel) }
      if let i = roster.hitTest(y: mouse.y, in: rosterRect) {
        if roster.selectedRow == i, let member = selectedMember {
          openMember(member, effects: &effects)
        } else {
          roster.selection.select(i)
        }
      }
      return true
    }
    return false
  }
}
