import Domain
import Foundation
import GRDB
import Store
import Testing

/// Table contents as text, for all-or-nothing and rebuild comparisons.
func dump(_ path: String, _ sql: String) throws -> [String] {
  if PGConnection.isTarget(path) {
    return try PGConnection(path).execute(sql).rows.map { "\($0.values)" }
  }
  let queue = try DatabaseQueue(path: path)
  defer { try? queue.close() }
  return try queue.read { db in
    try Row.fetchAll(db, sql: sql).map { $0.description }
  }
}

func counts(_ path: String) throws -> [Int] {
  try [
    "satisfaction_response", "satisfaction_rollup", "satisfaction_rollup_hospital", "satisfaction_import",
    "satisfaction_result", "audit_log",
  ]
  .map { try count(path, $0) }
}

/// Staff sheets answering pay, workload only (the other items blank).
let smallCSV = """
  date,population,department,pay,workload
  2025-01-03,staff,心内科,5,4
  2025-01-04,职工,心内科,4,3
  2025-01-05,staff,心内科,5,NA
  2025-01-06,staff,心内科,2,1
  2025-01-07,staff,心内科,非常满意,满意
  2025-01-08,staff,骨科,5,5
  2025-01-09,staff,骨科,1,
  2025-02-10,staff,心内科,3,3
  2024-01-10,staff,心内科,5,5

  """

@Test func importComputesKPIRankingAndItemsByHand() throws {
  try withStorePath { storePath, dir in
    let db = storePath
    let file = dir + "/staff.csv"
    try write(smallCSV, to: file)
    let store = try GongzhiStore(path: db)
    var seen: [(Int64, Int64)] = []
    let record = try SatisfactionImport.responses(path: file, store: store, actor: admin) {
      seen.append(($0, $1))
    }
    #expect(record.rows == 9 && record.sha256.count == 64 && record.file == "staff.csv")
    #expect(seen.last.map { $0.0 == $0.1 && $0.1 > 0 } == true)
    let sat = store.satisfaction
    #expect(try sat.responseCount() == 9)
    #expect(try sat.latestMonth(.staff) == SatisfactionMonth(year: 2025, month: 2))
    // Pinyin order, as every list a person scans: 骨 gǔ before 心 xīn.
    #expect(try sat.departments(.staff) == ["骨科", "心内科"])

    // January 2025, whole hospital: 7 sheets. Answers: pay 5,4,5,2,5,5,1 ; workload 4,3,NA,1,4,5,(blank).
    // valid 7 + 5 = 12, top two: pay 5 (5,4,5,5,5) + workload 3 (4,4,5) = 8 → 66.67 %.
    // units: pay 12+9+12+3+12+12+0 = 60, workload 9+6+0+9+12 = 36 → mean 96/(12·12)·100.
    let k = try sat.kpi(.staff, period: .month(2025, 1), seriesLength: 3, department: nil, k: 5)
    let s = try #require(k.current.score)
    #expect(s.n == 7)
    #expect(abs(s.rate - 800.0 / 12) < 1e-9)
    #expect(abs(s.mean - 9600.0 / 144) < 1e-9)
    #expect(k.previous == .noData)
    #expect(k.yearAgo == .suppressed(n: 1, k: 5))
    #expect(k.series.map(\.period) == [.month(2024, 11), .month(2024, 12), .month(2025, 1)])
    #expect(k.target == 94 && k.belowTarget)

    // Ranking: 心内科 5 sheets shown, 骨科 2 sheets suppressed; February: 心内科 1 sheet.
    let rank = try sat.departmentRanking(.staff, period: .month(2025, 1), k: 5)
    #expect(rank.map(\.department) == ["心内科", "骨科"])
    #expect(rank[0].score.n == 5 && rank[0].belowTarget && rank[0].rateChange == nil)
    #expect(rank[1].score == .suppressed(n: 2, k: 5) && !rank[1].belowTarget)
    // Quarter: 8 sheets in 2025Q1.
    #expect(
      try sat.kpi(.staff, period: .quarter(2025, 1), seriesLength: 4, department: nil, k: 5).current.n == 8)
    // Department filter.
    #expect(
      try sat.kpi(.staff, period: .month(2025, 1), seriesLength: 1, department: "骨科", k: 5).current
        == .suppressed(n: 2, k: 5))

    // Item heat: pay in January has 7 valid answers (5 top two); workload 6 valid (3 top two).
    let heat = try sat.itemHeat(.staff, periods: [.month(2025, 1), .month(2025, 2)], department: nil, k: 5)
    let pay = try #require(heat.items.firstIndex { $0.code == "pay" })
    let workload = try #require(heat.items.firstIndex { $0.code == "workload" })
    #expect(heat.cells[pay][0].score?.n == 7 && abs(heat.cells[pay][0].rate! - 500.0 / 7) < 1e-9)
    #expect(heat.cells[workload][0].score?.n == 5 && heat.cells[workload][0].rate == 60)
    #expect(heat.cells[pay][1] == .suppressed(n: 1, k: 5))
    #expect(heat.cells[heat.items.firstIndex { $0.code == "teamwork" }!][0] == .noData)

    let weak = try sat.weakestItems(
      .staff, period: .month(2025, 1), count: 5, trendLength: 2, department: nil, k: 5)
    #expect(weak.map(\.item.code) == ["workload", "pay"])
    #expect(weak[0].trend.count == 2 && weak[0].trend.last?.score == weak[0].score)

    // The import is one audit row set, and the file cannot be imported twice.
    let audit = try store.audit.entries(entity: "satisfaction_import", since: nil, limit: nil)
    #expect(Set(audit.map(\.field)) == ["kind", "file", "rows", "sha256"])
    #expect(audit.first { $0.field == "rows" }?.newValue == "9")
    let before = try counts(db)
    #expect(throws: SatisfactionError.alreadyImported(file: file, importID: record.id)) {
      try SatisfactionImport.responses(path: file, store: store, actor: admin)
    }
    #expect(try counts(db) == before)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

@Test(arguments: [
  (
    "date,population,department,pay\n2025-01-01,staff,A,5\n2025-01-02,staff,A,7\n", 3, 4,
    "error.satisfaction.badAnswer"
  ),
  (
    "date,population,department,pay\n2025-01-01,staff,A,5\n2025-02-30,staff,A,4\n", 3, 1,
    "error.import.badDate"
  ),
  ("date,population,department,pay\n2025-01-01,visitor,A,5\n", 2, 2, "error.import.badValue"),
  ("date,population,department,pay\n2025-01-01,staff,,5\n", 2, 3, "error.import.badValue"),
  (
    "date,population,department,pay,nonsense\n2025-01-01,staff,A,5,1\n", 1, 5,
    "error.satisfaction.unknownColumn"
  ),
  (
    "date,population,department,pay,food\n2025-01-01,staff,A,5,\n2025-01-01,staff,A,5,3\n", 3, 5,
    "error.satisfaction.itemNotAsked"
  ),
  ("date,population,department,pay,workload\n2025-01-01,staff,A,5\n", 2, 5, "error.import.fieldCount"),
  ("date,population,department,pay\n2025-01-01,staff,A,\n", 2, 4, "error.satisfaction.noAnswers"),
  ("date,department,pay\n2025-01-01,A,5\n", 1, 4, "error.import.missingHeader"),
  ("date,population,department,pay\n2025-01-01,staff,\"A\n", 2, 3, "error.import.unterminatedQuote"),
  (
    "date,population,department,cleanliness\n2025-01-01,inpatient,A,5\n", 2, 4, "error.satisfaction.badAnswer"
  ),
  // Only a header: reported on the header's line, not on a line past the end.
  ("date,population,department,pay\n", 1, 1, "error.import.noRows"),
  ("date,population,department,pay", 1, 1, "error.import.noRows"),
])
func badResponseFilesWriteNothing(text: String, line: Int, column: Int, key: String) throws {
  try withStorePath { storePath, dir in
    let db = storePath
    let store = try GongzhiStore(path: db)
    let good = dir + "/good.csv"
    try write("date,population,department,pay\n2025-01-01,staff,A,5\n", to: good)
    try SatisfactionImport.responses(path: good, store: store, actor: admin)
    let before = try counts(db)
    let rollups = try dump(db, "SELECT * FROM satisfaction_rollup ORDER BY 1, 2, 3, 4")
    let file = dir + "/bad.csv"
    try write(text, to: file)
    do {
      try SatisfactionImport.responses(path: file, store: store, actor: admin)
      Issue.record("no error for \(key)")
    } catch let e as ImportError {
      #expect(e.file == file && e.line == line && e.column == column && e.problem.key == key, "\(e)")
      #expect(e.args == [file, String(line), String(column)])
    }
    #expect(try counts(db) == before)
    #expect(try dump(db, "SELECT * FROM satisfaction_rollup ORDER BY 1, 2, 3, 4") == rollups)
  }
}

@Test func importNeedsPermission() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    try write(smallCSV, to: dir + "/a.csv")
    #expect(throws: StoreError.permissionDenied(.importData)) {
      try SatisfactionImport.responses(
        path: dir + "/a.csv", store: store, actor: Actor(name: "v", role: .viewer))
    }
  }
}

/// Reads a responses CSV independently of the store and tallies it per (population, month, item).
func rawTallies(_ paths: [String]) throws -> (sheets: [String: Int], items: [String: SatisfactionTally]) {
  var sheets: [String: Int] = [:]
  var items: [String: SatisfactionTally] = [:]
  for path in paths {
    let reader = try CSVReader(path: path)
    let header = try #require(try reader.next()).fields
    while let r = try reader.next() {
      let p = SatisfactionPopulation(text: r.fields[1])!
      let month = String(r.fields[0].prefix(7))
      sheets["\(p)|\(month)", default: 0] += 1
      let inst = SatisfactionInstrument.defaultInstrument(p)
      for (i, text) in r.fields.enumerated().dropFirst(3) where !text.isEmpty {
        let item = inst.item(code: header[i])!
        var c = AnswerCounts(scale: item.scale)
        c.add(code: item.scale.code(for: text)!)
        items["\(p)|\(month)|\(item.code)", default: SatisfactionTally()] += c.tally
      }
    }
  }
  return (sheets, items)
}

@Test func rollupsEqualRawAfterSeveralImportsAndRebuild() throws {
  try withStorePath { storePath, dir in
    let db = storePath
    let store = try GongzhiStore(path: db)
    let today = Day(year: 2025, month: 6, day: 15)
    var files: [String] = []
    for seed in 1...3 {
      let f = dir + "/r\(seed).csv"
      try DemoSatisfaction.writeResponsesCSV(path: f, count: 1500, seed: UInt64(seed), today: today)
      try SatisfactionImport.responses(path: f, store: store, actor: admin)
      files.append(f)
    }
    #expect(try store.satisfaction.responseCount() == 4500)
    let raw = try rawTallies(files)
    let sat = store.satisfaction
    let periods = SatisfactionPeriod.month(2025, 6).series(count: 36)
    func check() throws {
      for p in SatisfactionPopulation.allCases {
        let kpi = try sat.kpi(p, period: .month(2025, 6), seriesLength: 36, department: nil, k: 1)
        let heat = try sat.itemHeat(p, periods: periods, department: nil, k: 1)
        for (pi, period) in periods.enumerated() {
          let m = period.code
          var total = SatisfactionTally()
          for (ii, item) in heat.items.enumerated() {
            let t = raw.items["\(p)|\(m)|\(item.code)"] ?? SatisfactionTally()
            total += t
            #expect(heat.cells[ii][pi] == GroupScore(item: t, k: 1), "\(p) \(m) \(item.code)")
          }
          let n = raw.sheets["\(p)|\(m)"] ?? 0
          #expect(kpi.series[pi].score == GroupScore(n: n, tally: total, k: 1), "\(p) \(m)")
        }
      }
    }
    try check()
    let sql = "SELECT * FROM satisfaction_rollup ORDER BY population, month, department, item"
    let hospitalSQL = "SELECT * FROM satisfaction_rollup_hospital ORDER BY population, month, item"
    let incremental = try dump(db, sql)
    let incrementalHospital = try dump(db, hospitalSQL)
    // The whole-hospital rows are the sums of the department rows.
    #expect(
      try dump(
        db,
        """
        SELECT population, month, item, MAX(points) AS points, SUM(sheets) AS sheets, SUM(c1) AS c1,
          SUM(c2) AS c2, SUM(c3) AS c3, SUM(c4) AS c4, SUM(c5) AS c5, SUM(na) AS na
          FROM satisfaction_rollup GROUP BY population, month, item ORDER BY population, month, item
        """) == incrementalHospital)
    // Department filters read the department rows: they add up to the whole hospital too.
    for p in SatisfactionPopulation.allCases {
      var sheets = 0
      for d in try sat.departments(p) {
        sheets += try sat.kpi(p, period: .quarter(2025, 2), seriesLength: 1, department: d, k: 1).current.n
      }
      #expect(
        sheets
          == (try sat.kpi(p, period: .quarter(2025, 2), seriesLength: 1, department: nil, k: 1).current.n))
    }
    try sat.rebuildRollups(by: admin)
    #expect(try dump(db, sql) == incremental)
    #expect(try dump(db, hospitalSQL) == incrementalHospital)
    try check()
    // Rebuilding from scratch after wiping the rollups gives the same rows again.
    try tamper(db, "DELETE FROM satisfaction_rollup; DELETE FROM satisfaction_rollup_hospital")
    try sat.rebuildRollups(by: admin)
    #expect(try dump(db, sql) == incremental)
    #expect(try dump(db, hospitalSQL) == incrementalHospital)
  }
}

@Test func targetsAreEditableAndAudited() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let sat = store.satisfaction
    #expect(try sat.targets() == .defaults)
    try sat.setTarget(95, for: .staff, by: admin, reason: nil)
    try sat.setTarget(95.5, for: .staff, by: admin, reason: "党委会决定")
    try sat.setTarget(91, for: .outpatient, by: admin, reason: nil)
    let t = try sat.targets()
    #expect(t[.staff] == 95.5 && t[.outpatient] == 91 && t[.inpatient] == 92)
    let entries = try store.audit.entries(entity: "satisfaction_target", since: nil, limit: nil)
    #expect(entries.map(\.action) == ["create", "update", "create"])
    #expect(entries[1].oldValue == "95" && entries[1].newValue == "95.5" && entries[1].reason == "党委会决定")
    #expect(entries.allSatisfy { $0.actor == auditActor(store, admin) })
    #expect(throws: StoreError.permissionDenied(.setSatisfactionTargets)) {
      try sat.setTarget(80, for: .staff, by: Actor(name: "c", role: .clerk), reason: nil)
    }
    #expect(throws: StoreError.self) { try sat.setTarget(120, for: .staff, by: admin, reason: nil) }
    #expect(try sat.targets()[.staff] == 95.5)
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
    // Editing the target behind the program's back is detected.
    try tamper(storePath, "UPDATE satisfaction_target SET rate = 80 WHERE population = 'staff'")
    #expect(try store.audit.verify() != .intact(rows: entries.count))
  }
}

@Test func instrumentsLoadFromTOMLAndAreVersioned() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let sat = store.satisfaction
    #expect(try sat.instruments() == SatisfactionInstrument.defaults)
    for inst in SatisfactionInstrument.defaults {
      #expect(try InstrumentTOML.decode(InstrumentTOML.encode(inst)) == inst)
    }
    var v2 = SatisfactionInstrument.defaultInstrument(.inpatient)
    v2.version = 2
    v2.dimensions[0].items.append(SatisfactionItem(code: "parking", title: "停车", titleEn: "Parking"))
    try sat.addInstrument(toml: InstrumentTOML.encode(v2), by: admin)
    #expect(try sat.instrument(.inpatient, version: nil) == v2)
    #expect(
      try sat.instrument(.inpatient, version: 1) == SatisfactionInstrument.defaultInstrument(.inpatient))
    #expect(throws: SatisfactionError.self) {
      try sat.addInstrument(toml: InstrumentTOML.encode(v2), by: admin)
    }
    var v3 = v2
    v3.version = 3
    v3.dimensions[1].items[0].scale = .likert5  // cleanliness was frequency4
    #expect(throws: SatisfactionError.instrumentScaleChanged(item: "cleanliness")) {
      try sat.addInstrument(toml: InstrumentTOML.encode(v3), by: admin)
    }
    do {
      try sat.addInstrument(toml: "population = \"staff\"\nversion = ", by: admin)
      Issue.record("bad TOML accepted")
    } catch let e as SatisfactionError {
      guard case .instrumentSyntax(let line, _, _) = e else {
        Issue.record("\(e)")
        return
      }
      #expect(line == 2)
    }
    // Sheets read with version 1 and version 2 roll up onto the same item codes.
    try write(
      "date,population,department,parking,food\n2025-01-01,inpatient,骨科,4,5\n2025-01-02,住院患者,骨科,,3\n",
      to: dir + "/v2.csv")
    try SatisfactionImport.responses(path: dir + "/v2.csv", store: store, actor: admin)
    try sat.rebuildRollups(by: admin)
    let heat = try sat.itemHeat(.inpatient, periods: [.month(2025, 1)], department: nil, k: 1)
    let parking = try #require(heat.items.firstIndex { $0.code == "parking" })
    #expect(heat.cells[parking][0].score?.n == 1)
    let food = try #require(heat.items.firstIndex { $0.code == "food" })
    #expect(heat.cells[food][0].score?.n == 2 && heat.cells[food][0].rate == 50)
  }
}

@Test func platformResultsImport() throws {
  try withStorePath { storePath, dir in
    let db = storePath
    let store = try GongzhiStore(path: db)
    try write(
      """
      期间,人群,科室,条目,样本量,满意率,均分
      2025-01,职工,,,812,95.2,88.4
      2025Q1,门诊患者,骨科,registration,120,86.5%,
      2025-02,住院患者,,,300,93,81

      """, to: dir + "/r.csv")
    let rec = try SatisfactionImport.results(path: dir + "/r.csv", store: store, actor: admin)
    #expect(rec.rows == 3 && rec.kind == "results")
    let all = try store.satisfaction.results(
      nil, from: SatisfactionMonth(year: 2025, month: 1), to: SatisfactionMonth(year: 2025, month: 1))
    #expect(all.count == 2)
    #expect(
      all.contains(
        SatisfactionResult(
          period: .quarter(2025, 1), population: .outpatient, department: "骨科", item: "registration", n: 120,
          rate: 86.5, mean: nil)))
    let before = try counts(db)
    try write("period,population,n,rate\n2025-03,staff,10,95\n2025-03,staff,10,101\n", to: dir + "/bad.csv")
    #expect(
      throws: ImportError(
        file: dir + "/bad.csv", line: 3, column: 4, problem: Message("error.satisfaction.badPercent", "101"))
    ) {
      try SatisfactionImport.results(path: dir + "/bad.csv", store: store, actor: admin)
    }
    try write("period,population,n,rate\n2025-3x,staff,10,95\n", to: dir + "/bad2.csv")
    #expect(throws: ImportError.self) {
      try SatisfactionImport.results(path: dir + "/bad2.csv", store: store, actor: admin)
    }
    #expect(try counts(db) == before)
  }
}

@Test func exportsCSVAndMarkdown() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    try write(smallCSV + "2025-01-09,staff,=cmd,5,5\n", to: dir + "/a.csv")
    try SatisfactionImport.responses(path: dir + "/a.csv", store: store, actor: admin)
    let from = SatisfactionMonth(year: 2025, month: 1)
    let to = SatisfactionMonth(year: 2025, month: 3)
    let csv = try SatisfactionExport.csv(from: from, to: to, store: store)
    #expect(csv.hasPrefix("\u{FEFF}起始月,"))
    #expect(csv.contains("\r\n") && !csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(csv.contains(",'=cmd,"))
    let lines = csv.components(separatedBy: "\r\n")
    // Whole hospital, staff, overall: 9 sheets in Q1 2025 (8 + the =cmd one).
    #expect(lines[1].hasPrefix("2025-01,2025-03,职工,全院,,总体,9,"))
    // A group under k: neither its size nor a verdict (2 sheets in 骨科).
    #expect(lines.contains("2025-01,2025-03,职工,骨科,,总体,n<5,n<5,n<5,94.0,"), "\(lines)")
    #expect(lines.contains { $0.hasPrefix("2025-01,2025-03,职工,骨科,pay,薪酬水平,n<5,n<5,n<5,,") })
    // No data: no scores and no verdict.
    #expect(lines.contains("2025-01,2025-03,门诊患者,全院,,总体,0,,,90.0,"), "\(lines)")
    let md = try SatisfactionExport.markdown(
      from: from, to: to, store: store,
      labels: { key, args in "<\(key)\(args.isEmpty ? "" : ":" + args.joined(separator: ","))>" })
    #expect(md.hasPrefix("# <satisfaction.report.title> 2025-01–2025-03"))
    #expect(md.contains("## <satisfaction.population.staff>"))
    // A population without data in the range says so instead of being left out.
    #expect(
      md.contains(
        "## <satisfaction.population.outpatient>\n\n<satisfaction.report.noData:2025-01,2025-03>\n"),
      "\(md)")
    // The footer names the k in force.
    #expect(md.contains("| 9 |") && md.contains("n<5") && md.contains("<satisfaction.report.suppressed:5>"))
    #expect(
      try SatisfactionExport.populationsWithData(from: from, to: to, store: store) == [.staff]
        && SatisfactionExport.populationsWithData(
          from: .init(year: 2020, month: 1), to: .init(year: 2020, month: 3), store: store
        ).isEmpty)
    // Ranked: departments with figures; a group under k follows without a rank number.
    #expect(md.contains("| 1 | 心内科 |") && md.contains("|  | 骨科 | n<5 | n<5 | n<5 |"), "\(md)")
    #expect(!md.contains("| 骨科 | 2 |"), "\(md)")
    for key in SatisfactionExport.labelKeys { #expect(StoreMessageKeys.all.contains(key)) }
  }
}

@Test func demoStaffStaysAbove94PercentEachYear() throws {
  try withStorePath { storePath, dir in
    let store = try GongzhiStore(path: storePath)
    let today = Day(year: 2025, month: 6, day: 15)
    try DemoHospital.populate(store, seed: 7, scale: 1, today: today)
    let sat = store.satisfaction
    #expect(try sat.latestMonth(.staff) == SatisfactionMonth(year: 2025, month: 6))
    #expect(
      try sat.monthRange() == SatisfactionMonth(
        year: 2022, month: 7)...SatisfactionMonth(year: 2025, month: 6))
    // Each of the three years (12-month windows ending June), whole hospital.
    for endYear in 2023...2025 {
      let csv = try SatisfactionExport.csv(
        from: SatisfactionMonth(year: endYear - 1, month: 7), to: SatisfactionMonth(year: endYear, month: 6),
        store: store)
      let staff = try #require(csv.components(separatedBy: "\r\n").first { $0.contains(",职工,全院,,总体,") })
      let rate = try #require(Double(staff.components(separatedBy: ",")[7]))
      #expect(rate > 94, "\(endYear): \(rate) \(staff)")
    }
    let kpi = try sat.kpi(.staff, period: .month(2025, 6), seriesLength: 36, department: nil, k: 5)
    #expect(kpi.series.allSatisfy { ($0.score.rate ?? 0) > 94 })
    // Patients: a spread, with weak items at the bottom.
    let op = try sat.weakestItems(
      .outpatient, period: .quarter(2025, 2), count: 5, trendLength: 8, department: nil, k: 5)
    #expect(op.prefix(3).map(\.item.code).sorted() == ["parking", "registration", "waiting"])
    let ip = try sat.weakestItems(
      .inpatient, period: .quarter(2025, 2), count: 5, trendLength: 8, department: nil, k: 5)
    #expect(ip.first?.item.code == "food")
    let ranking = try sat.departmentRanking(.inpatient, period: .month(2025, 6), k: 5)
    let rates = ranking.compactMap { $0.score.rate }
    #expect(rates.count >= 10 && rates.max()! - rates.min()! > 2)
    // Some small staff departments fall below k in a month and are suppressed.
    #expect(
      try sat.departmentRanking(.staff, period: .month(2025, 6), k: 5).contains { $0.score.isSuppressed })
    guard case .intact = try store.audit.verify() else {
      Issue.record("audit broken")
      return
    }
  }
}

/// 满意率 and the 0–100 mean can disagree: the ranking and the weakest items follow the kind asked for.
@Test func rankingAndWeakestItemsFollowTheScoreKind() throws {
  try withStorePath { storePath, dir in
    // Answers map to 0–100 as 5→100, 4→75, 3→50.
    // 甲科: 5 sheets (4, 4) → 满意率 100 %, mean 75.
    // 乙科: 3 sheets (5, 5), 2 sheets (3, 3) → 60 %, mean 80.
    // 丙科: 10 sheets, pay 4, workload six 5s and four 3s → 80 %, mean 77.5.
    var csv = "date,population,department,pay,workload\n"
    for _ in 0..<5 { csv += "2025-01-03,staff,甲科,4,4\n" }
    for _ in 0..<3 { csv += "2025-01-03,staff,乙科,5,5\n" }
    for _ in 0..<2 { csv += "2025-01-03,staff,乙科,3,3\n" }
    for i in 0..<10 { csv += "2025-01-04,staff,丙科,4,\(i < 6 ? 5 : 3)\n" }
    try write(csv, to: dir + "/k.csv")
    let store = try GongzhiStore(path: storePath)
    try SatisfactionImport.responses(path: dir + "/k.csv", store: store, actor: admin)
    let sat = store.satisfaction
    let january = SatisfactionPeriod.month(2025, 1)
    #expect(try sat.departmentRanking(.staff, period: january).map(\.department) == ["甲科", "丙科", "乙科"])
    #expect(
      try sat.departmentRanking(.staff, period: january, by: .mean).map(\.department) == ["乙科", "丙科", "甲科"])
    // Whole hospital: pay 90 %, mean 76.25; workload 70 %, mean 78.75.
    let byRate = try sat.weakestItems(.staff, period: january, count: 2, trendLength: 1)
    #expect(byRate.map(\.item.code) == ["workload", "pay"])
    let byMean = try sat.weakestItems(.staff, period: january, count: 2, trendLength: 1, by: .mean)
    #expect(byMean.map(\.item.code) == ["pay", "workload"])
    #expect(byMean.map { $0.score.mean ?? 0 } == [76.25, 78.75])
  }
}

/// Issue 13 item 5: rollup rows with values no reader expects (a scale of 9 or -1
/// points, text or a fraction in a count) are left out by the readers,
/// never a trap, and `rebuildRollups` puts the true rows back.
@Test(.sqliteOnly("writes text and fractions into integer columns, which the server's types refuse"))
func damagedRollupsNeitherTrapReadersNorSurviveARebuild() throws {
  try withStorePath { storePath, dir in
    let db = storePath
    try write(smallCSV, to: dir + "/a.csv")
    let store = try GongzhiStore(path: db)
    try SatisfactionImport.responses(path: dir + "/a.csv", store: store, actor: admin)
    let sat = store.satisfaction
    let from = SatisfactionMonth(year: 2025, month: 1)
    let to = SatisfactionMonth(year: 2025, month: 3)
    let sql = "SELECT * FROM satisfaction_rollup ORDER BY population, month, department, item"
    let hospitalSQL = "SELECT * FROM satisfaction_rollup_hospital ORDER BY population, month, item"
    let rows = try dump(db, sql)
    let hospitalRows = try dump(db, hospitalSQL)
    let csv = try SatisfactionExport.csv(from: from, to: to, store: store)
    func readEverything() throws {
      for department in [nil, "心内科"] {
        _ = try sat.kpi(.staff, period: .month(2025, 1), seriesLength: 3, department: department, k: 1)
        _ = try sat.itemHeat(
          .staff, periods: [.month(2025, 1), .month(2025, 2)], department: department, k: 1)
      }
      _ = try SatisfactionExport.csv(from: from, to: to, store: store)
      _ = try SatisfactionExport.markdown(from: from, to: to, store: store, labels: { key, _ in key })
    }
    for table in ["satisfaction_rollup", "satisfaction_rollup_hospital"] {
      try tamper(
        db,
        """
        UPDATE \(table) SET points = 9 WHERE item = 'pay';
        UPDATE \(table) SET points = -1 WHERE item = 'workload' AND month = 202502;
        UPDATE \(table) SET c1 = 'x', c2 = 2.5 WHERE item = 'workload' AND month = 202501;
        UPDATE \(table) SET sheets = 'many' WHERE item = '' AND month = 202401;
        UPDATE \(table) SET na = 1e300 WHERE item = 'workload' AND month = 202401;
        """)
    }
    #expect(try dump(db, sql) != rows)
    try readEverything()
    try sat.rebuildRollups(by: admin)
    #expect(try dump(db, sql) == rows)
    #expect(try dump(db, hospitalSQL) == hospitalRows)
    #expect(try SatisfactionExport.csv(from: from, to: to, store: store) == csv)
    try readEverything()
  }
}
