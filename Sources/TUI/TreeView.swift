/// A node of a tree shown by `TreeView`.
public struct TreeNode<ID: Hashable & Sendable>: Hashable, Sendable {
  public var id: ID
  public var label: String
  /// Right-aligned text such as a member count.
  public var badge: String?
  /// Overrides the row's role when not selected.
  public var role: StyleRole?
  public var children: [TreeNode]

  public init(id: ID, label: String, badge: String? = nil, role: StyleRole? = nil, children: [TreeNode] = [])
  {
    self.id = id
    self.label = label
    self.badge = badge
    self.role = role
    self.children = children
  }
}

/// An expandable tree with branch guides, a selection kept by id, and scrolling.
///
///     var tree = TreeView(roots: [TreeNode(id: 1, label: "医院", children: [...])], expanded: [1])
///     _ = tree.handle(.right)
///     tree.render(into: &buffer, in: rect, glyphs: .unicode)
public struct TreeView<ID: Hashable & Sendable>: Hashable, Sendable {
  /// One visible line of the tree.
  public struct Row: Hashable, Sendable {
    public var id: ID
    public var label: String
    public var depth: Int
    public var hasChildren: Bool
    public var isExpanded: Bool
    public var badge: String?
    public var role: StyleRole?
    public var parent: ID?
    /// Whether this node is the last of its siblings.
    public var isLast: Bool
    /// For each ancestor level 1..<depth, whether that ancestor was the last of its
    /// siblings (no guide line continues below it).
    public var ancestorsLast: [Bool]
  }

  public var roots: [TreeNode<ID>]
  public var expanded: Set<ID>
  /// The selected node; nil only when the tree is empty.
  public var selectedID: ID?
  /// First visible row, as last adjusted by key handling.
  public var offset: Int
  /// Rows moved by page up/down and the height assumed when scrolling.
  public var pageSize: Int
  public var isFocused: Bool

  public init(
    roots: [TreeNode<ID>], expanded: Set<ID> = [], selectedID: ID? = nil, isFocused: Bool = true,
    pageSize: Int = 10
  ) {
    self.roots = roots
    self.expanded = expanded
    self.selectedID = selectedID ?? roots.first?.id
    self.offset = 0
    self.pageSize = max(1, pageSize)
    self.isFocused = isFocused
  }

  /// The rows currently shown: roots and the children of expanded nodes.
  public func visibleRows() -> [Row] {
    var rows: [Row] = []
    func walk(_ nodes: [TreeNode<ID>], depth: Int, parent: ID?, ancestorsLast: [Bool]) {
      for (i, node) in nodes.enumerated() {
        let isLast = i == nodes.count - 1
        let open = expanded.contains(node.id) && !node.children.isEmpty
        rows.append(
          Row(
            id: node.id, label: node.label, depth: depth, hasChildren: !node.children.isEmpty,
            isExpanded: open,
            badge: node.badge, role: node.role, parent: parent, isLast: isLast, ancestorsLast: ancestorsLast))
        if open {
          walk(
            node.children, depth: depth + 1, parent: node.id,
            ancestorsLast: depth == 0 ? [] : ancestorsLast + [isLast])
        }
      }
    }
    walk(roots, depth: 0, parent: nil, ancestorsLast: [])
    return rows
  }

  /// The selection as a list position over `rows`.
  func listSelection(_ rows: [Row]) -> ListSelection {
    let index = rows.firstIndex { $0.id == selectedID } ?? 0
    return ListSelection(count: rows.count, selected: index, offset: offset, pageSize: pageSize)
  }

  /// The path of ids from a root to `id` (inclusive), or nil when absent.
  public func path(to id: ID) -> [ID]? {
    func search(_ nodes: [TreeNode<ID>], _ trail: [ID]) -> [ID]? {
      for node in nodes {
        if node.id == id { return trail + [id] }
        if let found = search(node.children, trail + [node.id]) { return found }
      }
      return nil
    }
    return search(roots, [])
  }

  public func node(_ id: ID) -> TreeNode<ID>? {
    func search(_ nodes: [TreeNode<ID>]) -> TreeNode<ID>? {
      for node in nodes {
        if node.id == id { return node }
        if let found = search(node.children) { return found }
      }
      return nil
    }
    return search(roots)
  }

  public mutating func expand(_ id: ID) { expanded.insert(id) }

  /// Collapses a node; a selection inside it moves to the node.
  public mutating func collapse(_ id: ID) {
    expanded.remove(id)
    if let selectedID, selectedID != id, let p = path(to: selectedID), p.contains(id) {
      self.selectedID = id
    }
    scrollToSelection()
  }

  /// Selects a node, expanding its ancestors so it is visible. Returns false if absent.
  @discardableResult
  public mutating func select(id: ID) -> Bool {
    guard let p = path(to: id) else { return false }
    for ancestor in p.dropLast() { expanded.insert(ancestor) }
    selectedID = id
    scrollToSelection()
    return true
  }

  mutating func scrollToSelection() {
    let rows = visibleRows()
    if selectedID == nil || !rows.contains(where: { $0.id == selectedID }) { selectedID = rows.first?.id }
    var s = listSelection(rows)
    s.select(s.selected)
    offset = s.offset
  }

  /// Up/down and j/k move; left/h collapses or goes to the parent; right/l expands or
  /// goes to the first child; Enter (or space) toggles; home/end, page up/down.
  public mutating func handle(_ key: Key) -> Bool {
    let rows = visibleRows()
    guard !rows.isEmpty else { return false }
    var s = listSelection(rows)
    let row = rows[s.selected]
    switch key {
    case .left, .char("h"):
      if row.isExpanded {
        collapse(row.id)
      } else if let parent = row.parent {
        select(id: parent)
      }
      return true
    case .right, .char("l"):
      if row.hasChildren && !row.isExpanded {
        expand(row.id)
      } else if row.isExpanded, let first = node(row.id)?.children.first {
        select(id: first.id)
      }
      return true
    case .enter, .char(" "):
      if row.hasChildren {
        if row.isExpanded { collapse(row.id) } else { expand(row.id) }
      }
      return true
    default:
      guard s.handle(key) else { return false }
      selectedID = rows[s.selected].id
      offset = s.offset
      return true
    }
  }

  /// The node under screen row `y` when drawn in `rect`, for mouse clicks.
  public func hitTest(y: Int, in rect: Rect) -> ID? {
    let rows = visibleRows()
    return listSelection(rows).index(atY: y, top: rect.y, height: rect.height).map { rows[$0].id }
  }

  /// The guide and marker text drawn before a row's label.
  public static func prefix(of row: Row, glyphs: Glyphs) -> String {
    var s = ""
    for last in row.ancestorsLast { s += last ? "  " : glyphs.treePipe }
    if row.depth > 0 { s += row.isLast ? glyphs.treeLast : glyphs.treeBranch }
    s.append(row.hasChildren ? (row.isExpanded ? glyphs.expanded : glyphs.collapsed) : " ")
    return s + " "
  }

  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect)
    let rows = visibleRows()
    let s = listSelection(rows)
    let offset = s.visibleOffset(height: rect.height)
    for line in 0..<rect.height {
      let i = offset + line
      guard i < rows.count else { break }
      let row = rows[i]
      let y = rect.y + line
      let isSelected = i == s.selected
      let role: StyleRole = isSelected ? (isFocused ? .selected : .selectedInactive) : (row.role ?? .normal)
      let lineRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      if isSelected { buffer.fill(lineRect, role: role) }
      let prefix = Self.prefix(of: row, glyphs: glyphs)
      let used = buffer.put(prefix, x: rect.x, y: y, role: isSelected ? role : .muted, maxWidth: rect.width)
      var room = rect.width - used
      if let badge = row.badge.map(SafeText.visible), !badge.isEmpty {
        let bw = badge.displayWidth
        if bw + 2 <= room {
          buffer.put(badge, x: rect.maxX - bw, y: y, role: isSelected ? role : .muted, maxWidth: bw)
          room -= bw + 1
        }
      }
      if room > 0 {
        let label = DisplayWidth.current.clip(
          SafeText.visible(row.label), to: room, ellipsis: glyphs.ellipsis)
        buffer.put(label, x: rect.x + used, y: y, role: role, maxWidth: room)
      }
    }
  }
}
