import Domain
import Foundation

/// Rollup sums for one group: sheets and the answer counts of each item.
struct RollupGroup {
  var sheets = 0
  var items: [String: AnswerCounts] = [:]

  var tally: SatisfactionTally { items.values.reduce(SatisfactionTally()) { $0 + $1.tally } }

  func score(k: Int) -> GroupScore { GroupScore(n: sheets, tally: tally, k: k) }

  func itemScore(_ code: String, k: Int) -> GroupScore {
    guard let c = items[code] else { return .noData }
    return GroupScore(item: c.tally, k: k)
  }

  mutating func merge(_ other: RollupGroup) {
    sheets += other.sheets
    for (code, c) in other.items {
      if var mine = items[code] {
        for i in 0..<min(mine.counts.count, c.counts.count) { mine.counts[i] += c.counts[i] }
        mine.notApplicable += c.notApplicable
        items[code] = mine
      } else {
        items[code] = c
      }
    }
  }
}

struct GRDBSatisfactionRepository: SatisfactionRepository {
  let db: StoreDB

  // MARK: Instruments

  func instruments() throws -> [SatisfactionInstrument] {
    let all = try db.read { db in try InstrumentCatalog.load(db) }
    return SatisfactionPopulation.allCases.compactMap { p in
      all.filter { $0.population == p }.max { $0.version < $1.version }
    }
  }

  func instrument(_ population: SatisfactionPopulation, version: Int?) throws -> SatisfactionInstrument? {
    try db.read { db in
      let text: String?
      if let version {
        text = try String.fetchOne(
          db, sql: "SELECT toml FROM satisfaction_instrument WHERE population = ? AND version = ?",
          arguments: [population.rawValue, version])
      } else {
        text = try String.fetchOne(
          db,
          sql: "SELECT toml FROM satisfaction_instrument WHERE population = ? ORDER BY version DESC LIMIT 1",
          arguments: [population.rawValue])
      }
      return try text.map(InstrumentTOML.decode)
    }
  }

  func addInstrument(toml: String, by actor: Actor) throws -> SatisfactionInstrument {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    let instrument = try InstrumentTOML.decode(toml)
    return try db.write { db in
      let existing = try InstrumentCatalog.load(db).filter { $0.population == instrument.population }
      let current = existing.map(\.version).max() ?? 0
      if instrument.version <= current {
        throw SatisfactionError.instrumentInvalid(
          Message(SatisfactionKeys.instrumentBadVersion, String(instrument.version)))
      }
      for old in existing {
        for item in old.items {
          if let new = instrument.item(code: item.code), new.scale != item.scale {
            throw SatisfactionError.instrumentScaleChanged(item: item.code)
          }
        }
      }
      let text = InstrumentTOML.encode(instrument)
      try db.execute(
        sql:
          "INSERT INTO satisfaction_instrument (population, version, toml, created_at) VALUES (?, ?, ?, ?)",
        arguments: [instrument.population.rawValue, instrument.version, text, AuditTime.format(Date())])
      try AuditedWrite.record(
        db, actor: actor, entity: "satisfaction_instrument",
        entityID: "\(instrument.population.rawValue)/\(instrument.version)", action: .create, old: [:],
        new: ["toml": text], reason: nil)
      return instrument
    }
  }

  // MARK: Targets

  func targets() throws -> SatisfactionTargets {
    try db.read { db in try Self.targets(db) }
  }

  static func targets(_ db: SQLDatabase) throws -> SatisfactionTargets {
    var t = SatisfactionTargets.defaults
    for row in try SQLRow.fetchAll(db, sql: "SELECT population, rate FROM satisfaction_target") {
      if let p = SatisfactionPopulation(rawValue: row["population"]) { t[p] = row["rate"] }
    }
    return t
  }

  func setTarget(_ rate: Double, for population: SatisfactionPopulation, by actor: Actor, reason: String?)
    throws
  {
    guard actor.role.can(.setSatisfactionTargets) else {
      throw StoreError.permissionDenied(.setSatisfactionTargets)
    }
    if let issue = SatisfactionTargets.validate(rate) {
      throw StoreError.invalid([FieldIssue(field: "target", message: issue)])
    }
    try db.write { db in
      let old = try SQLValue.fetchOne(
        db, sql: "SELECT rate FROM satisfaction_target WHERE population = ?", arguments: [population.rawValue]
      )
      try db.execute(
        sql: """
          INSERT INTO satisfaction_target (population, rate) VALUES (?, ?)
          ON CONFLICT (population) DO UPDATE SET rate = excluded.rate
          """, arguments: [population.rawValue, rate])
      let stored = try SQLValue.fetchOne(
        db, sql: "SELECT rate FROM satisfaction_target WHERE population = ?", arguments: [population.rawValue]
      )
      let newFields: AuditFields = ["rate": AuditedTables.string(stored ?? .null)]
      if let old {
        try AuditedWrite.record(
          db, actor: actor, entity: "satisfaction_target", entityID: population.rawValue, action: .update,
          old: ["rate": AuditedTables.string(old)], new: newFields, reason: reason)
      } else {
        try AuditedWrite.record(
          db, actor: actor, entity: "satisfaction_target", entityID: population.rawValue, action: .create,
          old: [:], new: newFields, reason: reason)
      }
    }
  }

  // MARK: Periods and departments

  func latestMonth(_ population: SatisfactionPopulation) throws -> SatisfactionMonth? {
    try db.read { db in
      try Int.fetchOne(
        db, sql: "SELECT MAX(month) FROM satisfaction_rollup_hospital WHERE population = ?",
        arguments: [population.rawValue]
      ).flatMap { SatisfactionMonth(key: $0) }
    }
  }

  func monthRange() throws -> ClosedRange<SatisfactionMonth>? {
    try db.read { db in
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT MIN(month) AS first, MAX(month) AS last FROM satisfaction_rollup_hospital"),
        let a = (row["first"] as Int?).flatMap({ SatisfactionMonth(key: $0) }),
        let b = (row["last"] as Int?).flatMap({ SatisfactionMonth(key: $0) })
      else { return nil }
      return a...b
    }
  }

  func departments(_ population: SatisfactionPopulation) throws -> [String] {
    try db.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT department FROM satisfaction_rollup WHERE population = ? AND item = '' GROUP BY department ORDER BY department COLLATE pinyin",
        arguments: [population.rawValue])
    }
  }

  // MARK: Figures

  /// Rollup sums for `population` over [from, to], grouped by month and/or department.
  static func groups(
    _ db: SQLDatabase, _ population: SatisfactionPopulation, from: SatisfactionMonth, to: SatisfactionMonth,
    department: String?, byMonth: Bool, byDepartment: Bool
  ) throws -> [String: RollupGroup] {
    var keys: [String] = []
    if byMonth { keys.append("month") }
    if byDepartment { keys.append("department") }
    let groupBy = (keys + ["item"]).joined(separator: ", ")
    // The whole-hospital table when no department is involved.
    let table = department == nil && !byDepartment ? "satisfaction_rollup_hospital" : "satisfaction_rollup"
    var sql = """
      SELECT \(byMonth ? "month" : "0") AS group_month, \(byDepartment ? "department" : "''") AS group_department,
        item, MAX(points) AS max_points, SUM(sheets) AS sheet_sum, SUM(c1) AS c1_sum, SUM(c2) AS c2_sum,
        SUM(c3) AS c3_sum, SUM(c4) AS c4_sum, SUM(c5) AS c5_sum, SUM(na) AS na_sum
      FROM \(table) WHERE population = ? AND month BETWEEN ? AND ?
      """
    var args: [any SQLValueConvertible] = [population.rawValue, from.key, to.key]
    if let department {
      sql += " AND department = ?"
      args.append(department)
    }
    sql += " GROUP BY \(groupBy)"
    var result: [String: RollupGroup] = [:]
    // Columns by position, found once for the statement: every dashboard key reads
    // hundreds of groups, and a lookup by name lower-cases and compares column names.
    let statement = try db.cachedStatement(sql: sql)
    let c = try ColumnPositions(statement)
    let (monthColumn, departmentColumn, itemColumn) = (c["group_month"], c["group_department"], c["item"])
    let (sheetColumn, pointsColumn, naColumn) = (c["sheet_sum"], c["max_points"], c["na_sum"])
    let countColumns = (1...5).map { c["c\($0)_sum"] }
    let cursor = try SQLRow.fetchCursor(statement, arguments: SQLArguments(args))
    while let row = try cursor.next() {
      // Rollups are derived data that raw SQL can damage; a row this reader cannot
      // make sense of is left out (never a trap), and `rebuildRollups` replaces it.
      guard let month = wholeNumber(row[monthColumn]),
        let department = String.fromSQL(row.value(at: departmentColumn)),
        let item = String.fromSQL(row.value(at: itemColumn)), let sheets = wholeNumber(row[sheetColumn])
      else { continue }
      let key = groupKey(month: month, department: department)
      var g = result[key, default: RollupGroup()]
      if item.isEmpty {
        g.sheets += sheets
      } else {
        guard
          let scale = SatisfactionScale.allCases.first(where: { $0.points == wholeNumber(row[pointsColumn]) })
        else {
          continue
        }
        let counts = countColumns.prefix(scale.points).compactMap { wholeNumber(row[$0]) }
        guard counts.count == scale.points, let notApplicable = wholeNumber(row[naColumn]) else { continue }
        g.items[item] = AnswerCounts(scale: scale, counts: counts, notApplicable: notApplicable)
      }
      result[key] = g
    }
    return result
  }

  /// A stored count or month: a non-negative integer, or nil for what a damaged row
  /// may hold instead (text, a fraction, a negative number, NULL).
  static func wholeNumber(_ value: SQLValue) -> Int? {
    guard case .integer(let v) = value, v >= 0, v <= Int64(Int.max) else { return nil }
    return Int(v)
  }

  static func groupKey(month: Int, department: String) -> String { "\(month)|\(department)" }

  /// Per-period groups for the whole range of `periods` (all of one kind).
  static func periodGroups(
    _ db: SQLDatabase, _ population: SatisfactionPopulation, periods: [SatisfactionPeriod], department: String?
  ) throws -> [SatisfactionPeriod: RollupGroup] {
    guard let first = periods.map(\.firstMonth).min(), let last = periods.map(\.lastMonth).max() else {
      return [:]
    }
    let byMonth = try groups(
      db, population, from: first, to: last, department: department, byMonth: true, byDepartment: false)
    var result: [SatisfactionPeriod: RollupGroup] = [:]
    for p in periods {
      var g = RollupGroup()
      for m in p.months {
        if let mg = byMonth[groupKey(month: m.key, department: "")] { g.merge(mg) }
      }
      result[p] = g
    }
    return result
  }

  func kpi(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, seriesLength: Int, department: String?,
    k: Int
  ) throws -> SatisfactionKPI {
    try db.read { db in
      let series = period.series(count: max(1, seriesLength))
      let all = Array(Set(series + [period.previous, period.yearAgo])).sorted()
      let groups = try Self.periodGroups(db, population, periods: all, department: department)
      func score(_ p: SatisfactionPeriod) -> GroupScore { groups[p]?.score(k: k) ?? .noData }
      let targets = try Self.targets(db)
      let current = score(period)
      return SatisfactionKPI(
        population: population, period: period, current: current, previous: score(period.previous),
        yearAgo: score(period.yearAgo),
        series: series.map { SatisfactionPoint(period: $0, score: score($0)) },
        target: targets[population], belowTarget: targets.isBelow(current, population))
    }
  }

  func departmentRanking(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, k: Int, by kind: SatisfactionScoreKind
  ) throws -> [SatisfactionDepartmentRank] {
    try db.read { db in
      let targets = try Self.targets(db)
      func byDepartment(_ p: SatisfactionPeriod) throws -> [String: RollupGroup] {
        var out: [String: RollupGroup] = [:]
        for (key, g) in try Self.groups(
          db, population, from: p.firstMonth, to: p.lastMonth, department: nil, byMonth: false,
          byDepartment: true)
        {
          out[String(key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)[1])] = g
        }
        return out
      }
      let now = try byDepartment(period)
      let before = try byDepartment(period.previous)
      var ranks: [SatisfactionDepartmentRank] = []
      for dept in Set(now.keys).union(before.keys) {
        let s = now[dept]?.score(k: k) ?? .noData
        let p = before[dept]?.score(k: k) ?? .noData
        ranks.append(
          SatisfactionDepartmentRank(
            department: dept, score: s, previous: p, rateChange: s.change(from: p, .rate),
            meanChange: s.change(from: p, .mean), belowTarget: targets.isBelow(s, population)))
      }
      func order(_ g: GroupScore) -> Int {
        switch g {
        case .score: return 0
        case .suppressed: return 1
        case .noData: return 2
        }
      }
      return ranks.sorted { a, b in
        if order(a.score) != order(b.score) { return order(a.score) < order(b.score) }
        if let x = a.score.score, let y = b.score.score, let higher = x.isHigher(than: y, by: kind) {
          return higher
        }
        return a.department < b.department
      }
    }
  }

  func itemHeat(
    _ population: SatisfactionPopulation, periods: [SatisfactionPeriod], department: String?, k: Int
  ) throws -> SatisfactionItemHeat {
    let items = try instrument(population, version: nil)?.items ?? []
    return try db.read { db in
      let groups = try Self.periodGroups(db, population, periods: periods, department: department)
      let cells = items.map { item in
        periods.map { p in groups[p]?.itemScore(item.code, k: k) ?? .noData }
      }
      return SatisfactionItemHeat(population: population, periods: periods, items: items, cells: cells)
    }
  }

  func weakestItems(
    _ population: SatisfactionPopulation, period: SatisfactionPeriod, count: Int, trendLength: Int,
    department: String?, k: Int, by kind: SatisfactionScoreKind
  ) throws -> [SatisfactionWeakItem] {
    let periods = period.series(count: max(1, trendLength))
    let heat = try itemHeat(population, periods: periods, department: department, k: k)
    var weak: [SatisfactionWeakItem] = []
    for (i, item) in heat.items.enumerated() {
      let row = heat.cells[i]
      guard let last = row.last, last.score != nil else { continue }
      weak.append(
        SatisfactionWeakItem(
          item: item, score: last,
          trend: zip(periods, row).map { SatisfactionPoint(period: $0, score: $1) }))
    }
    weak.sort { a, b in
      // Lowest first.
      b.score.score!.isHigher(than: a.score.score!, by: kind) ?? (a.item.code < b.item.code)
    }
    return Array(weak.prefix(max(0, count)))
  }

  // MARK: Results, imports, rebuild

  func results(_ population: SatisfactionPopulation?, from: SatisfactionMonth, to: SatisfactionMonth) throws
    -> [SatisfactionResult]
  {
    try db.read { db in
      var sql = "SELECT population, period, department, item, n, rate, mean FROM satisfaction_result"
      var args: [any SQLValueConvertible] = []
      if let population {
        sql += " WHERE population = ?"
        args.append(population.rawValue)
      }
      sql += " ORDER BY population, period, department, item"
      return try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(args)).compactMap { row in
        guard let p = SatisfactionPopulation(rawValue: row["population"]),
          let period = SatisfactionPeriod(code: row["period"]),
          period.lastMonth >= from, period.firstMonth <= to
        else { return nil }
        return SatisfactionResult(
          period: period, population: p, department: row["department"], item: row["item"], n: row["n"],
          rate: row["rate"], mean: row["mean"])
      }
    }
  }

  func imports() throws -> [SatisfactionImportRecord] {
    try db.read { db in
      try SQLRow.fetchAll(
        db, sql: "SELECT id, kind, file, sha256, rows, at, actor FROM satisfaction_import ORDER BY id"
      )
      .map { row in
        SatisfactionImportRecord(
          id: row["id"], kind: row["kind"], file: row["file"], sha256: row["sha256"], rows: row["rows"],
          at: AuditTime.parse(row["at"]) ?? Date(timeIntervalSince1970: 0), actor: row["actor"])
      }
    }
  }

  func responseCount() throws -> Int {
    try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM satisfaction_response") ?? 0 }
  }

  func rebuildRollups(by actor: Actor) throws {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    try db.write { db in
      let catalog = InstrumentCatalog(try InstrumentCatalog.load(db))
      var acc = RollupAccumulator(catalog: catalog)
      // One statement per call: PostgreSQL prepares each statement on its own.
      try db.execute(sql: "DELETE FROM satisfaction_rollup")
      try db.execute(sql: "DELETE FROM satisfaction_rollup_hospital")
      let populations = SatisfactionPopulation.allCases.map(\.rawValue)
      var sheets = 0
      let cursor = try SQLRow.fetchCursor(
        db, sql: "SELECT day, population, department, version, answers FROM satisfaction_response")
      while let row = try cursor.next() {
        let day: Int = row["day"]
        guard let pi = populations.firstIndex(of: row["population"] as String),
          let map = catalog.populations[pi].versionMap[row["version"] as Int]
        else { continue }
        let dept = acc.department(row["department"])
        let answers: Data = row["answers"]
        answers.withUnsafeBytes { raw in
          let bytes = raw.bindMemory(to: UInt8.self)
          acc.add(
            month: day / 100, population: pi, department: dept, map: map,
            answers: UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, map.count)]))
        }
        sheets += 1
      }
      try acc.write(db)
      try AuditedWrite.record(
        db, actor: actor, entity: "satisfaction_rollup", entityID: AuditTime.format(Date()),
        action: .create,
        old: [:], new: ["rebuilt_from_sheets": String(sheets)], reason: nil)
    }
  }
}
