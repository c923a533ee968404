import Domain

/// The organisation as a tree, built once per reload from the store's flat unit list.
struct OrgTree {
  let units: [Int64: OrgUnit]
  let children: [Int64: [Int64]]
  let roots: [Int64]
  /// Active members in each unit and all units below it.
  let totals: [Int64: Int]

  init(units list: [OrgUnit], directCounts: [Int64: Int]) {
    var units: [Int64: OrgUnit] = [:]
    for u in list { units[u.id] = u }
    var children: [Int64: [Int64]] = [:]
    var roots: [Int64] = []
    for u in list {
      if let p = u.parentID, units[p] != nil {
        children[p, default: []].append(u.id)
      } else {
        roots.append(u.id)
      }
    }
    self.units = units
    self.children = children
    self.roots = roots
    var totals: [Int64: Int] = [:]
    func total(_ id: Int64) -> Int {
      let sum = (directCounts[id] ?? 0) + (children[id] ?? []).reduce(0) { $0 + total($1) }
      totals[id] = sum
      return sum
    }
    for r in roots { _ = total(r) }
    self.totals = totals
  }

  /// The unit and its ancestors, root first.
  func path(of id: Int64) -> [OrgUnit] {
    var out: [OrgUnit] = []
    var cursor: Int64? = id
    var guardCount = 0
    while let c = cursor, let u = units[c], guardCount < 64 {
      out.insert(u, at: 0)
      cursor = u.parentID
      guardCount += 1
    }
    return out
  }

  /// Units in display order (depth first), with their depth.
  func flattened() -> [(unit: OrgUnit, depth: Int)] {
    var out: [(OrgUnit, Int)] = []
    func walk(_ id: Int64, _ depth: Int) {
      guard let u = units[id] else { return }
      out.append((u, depth))
      for c in children[id] ?? [] { walk(c, depth + 1) }
    }
    for r in roots { walk(r, 0) }
    return out
  }

  /// The unit whose names, from the root down (or from any level), match a path like
  /// `内科党总支/心血管内科党支部`; a single name also matches.
  func find(path: String) -> Int64? {
    let names = path.split(separator: "/").map { String($0) }
    guard let last = names.last else { return nil }
    let candidates = units.values.filter { $0.name == last }.sorted { $0.id < $1.id }
    return candidates.first { unit in
      let chain = self.path(of: unit.id).map(\.name)
      return chain.suffix(names.count).elementsEqual(names)
    }?.id
  }

  /// Whether `id` is `ancestor` or lies below it.
  func isWithin(_ id: Int64, ancestor: Int64) -> Bool {
    path(of: id).contains { $0.id == ancestor }
  }

  /// Where a unit of `kind` may go: active units whose kind allows it as a child.
  func possibleParents(for kind: UnitKind, excluding subtree: Int64? = nil) -> [OrgUnit] {
    flattened().map(\.unit).filter { u in
      u.active && u.kind.allowedChildren.contains(kind)
        && !(subtree.map { isWithin(u.id, ancestor: $0) } ?? false)
    }
  }

  /// Units members can belong to: branches and groups.
  func memberHomes() -> [OrgUnit] {
    flattened().map(\.unit).filter { $0.active && ($0.kind == .branch || $0.kind == .group) }
  }
}
