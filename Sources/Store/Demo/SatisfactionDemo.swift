import Domain
import Foundation

/// Demo survey data: 36 months of answer sheets for the three populations, with
/// staff satisfaction above 94 % every year and patients showing a realistic
/// spread (food, parking, registration and waiting score lowest).
public enum DemoSatisfaction {
  /// Sheets per month per population at scale 1.
  static let perMonth: [SatisfactionPopulation: Int] = [.staff: 200, .outpatient: 500, .inpatient: 300]

  static let outpatientDepartments = [
    "心血管内科", "呼吸与危重症医学科", "消化内科", "神经内科", "内分泌科", "普外科", "骨科", "妇产科", "儿科", "眼科",
    "耳鼻咽喉科", "口腔科", "皮肤科", "中医科", "急诊科",
  ]
  static let inpatientDepartments = [
    "心血管内科", "呼吸与危重症医学科", "消化内科", "神经内科", "肾内科", "肿瘤科", "普外科", "骨科", "神经外科", "心胸外科",
    "泌尿外科", "妇产科", "东院综合病区",
  ]

  /// Probability of a top-two answer for an item at the start of the 36 months.
  static func base(_ p: SatisfactionPopulation, _ code: String) -> Double {
    switch (p, code) {
    case (.staff, "pay"): return 0.905
    case (.staff, "workload"): return 0.915
    case (.staff, "overtime_rest"): return 0.93
    case (.staff, "promotion"): return 0.94
    case (.staff, "teamwork"): return 0.985
    case (.staff, _): return 0.968
    case (.outpatient, "parking"): return 0.76
    case (.outpatient, "registration"): return 0.83
    case (.outpatient, "waiting"): return 0.81
    case (.outpatient, _): return 0.935
    case (.inpatient, "food"): return 0.79
    case (.inpatient, "quiet"): return 0.87
    case (.inpatient, "discharge"): return 0.885
    case (.inpatient, _): return 0.955
    }
  }

  /// Probability of N/A for an item.
  static func notApplicable(_ p: SatisfactionPopulation, _ code: String) -> Double {
    switch (p, code) {
    case (.inpatient, "pain"): return 0.3
    case (.inpatient, "call_response"): return 0.15
    case (_, "medicine_explanation"): return 0.1
    case (.outpatient, "parking"): return 0.35
    default: return 0
    }
  }

  /// Generates sheets; shared by the demo and the benchmark CSV writer.
  struct Generator {
    struct Plan {
      var population: SatisfactionPopulation
      var departments: [String]
      var weights: [Int]
      var offsets: [Double]
      var items: [SatisfactionItem]
      var bases: [Double]
      var na: [Double]
    }
    var rng: DemoHospital.SplitMix64
    var plans: [Plan] = []

    init(seed: UInt64) {
      rng = DemoHospital.SplitMix64(state: seed ^ 0x5A71_5FAC_7105)
      var staffDepts: [String] = []
      var staffWeights: [Int] = []
      for g in DemoHospital.structure where !g.retired {
        for b in g.branches {
          if let i = staffDepts.firstIndex(of: b.department) {
            staffWeights[i] += b.size
          } else {
            staffDepts.append(b.department)
            staffWeights.append(b.size)
          }
        }
      }
      for p in SatisfactionPopulation.allCases {
        let depts: [String]
        let weights: [Int]
        switch p {
        case .staff: (depts, weights) = (staffDepts, staffWeights)
        case .outpatient:
          (depts, weights) = (
            DemoSatisfaction.outpatientDepartments, DemoSatisfaction.outpatientDepartments.map { _ in 10 }
          )
        case .inpatient:
          (depts, weights) = (
            DemoSatisfaction.inpatientDepartments, DemoSatisfaction.inpatientDepartments.map { _ in 10 }
          )
        }
        let spread: ClosedRange<Double> = p == .staff ? -0.012...0.01 : -0.045...0.025
        let offsets = depts.map { _ in
          spread.lowerBound + (spread.upperBound - spread.lowerBound) * Double(rng.next() >> 11)
            / Double(1 << 53)
        }
        let items = SatisfactionInstrument.defaultInstrument(p).items
        plans.append(
          Plan(
            population: p, departments: depts, weights: weights, offsets: offsets, items: items,
            bases: items.map { DemoSatisfaction.base(p, $0.code) },
            na: items.map { DemoSatisfaction.notApplicable(p, $0.code) }))
      }
    }

    mutating func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

    mutating func department(_ plan: Plan) -> Int {
      let total = plan.weights.reduce(0, +)
      var r = rng.int(0...(total - 1))
      for (i, w) in plan.weights.enumerated() {
        if r < w { return i }
        r -= w
      }
      return plan.weights.count - 1
    }

    /// Fills `answers` (item order of the default instrument) for one sheet; `progress` runs 0…1 over the months.
    mutating func sheet(_ plan: Plan, department: Int, progress: Double, answers: inout [UInt8]) {
      let lift = plan.population == .staff ? 0.004 * progress : 0.02 * progress
      for (i, item) in plan.items.enumerated() {
        if plan.na[i] > 0 && uniform() < plan.na[i] {
          answers[i] = SatisfactionScale.notApplicable
          continue
        }
        if uniform() < 0.01 {
          answers[i] = SatisfactionScale.noAnswer
          continue
        }
        let p = min(0.995, plan.bases[i] + plan.offsets[department] + lift)
        let top = item.scale.points
        let u = uniform()
        if u < p {
          answers[i] = UInt8(uniform() < 0.6 ? top : top - 1)
        } else if top == 5 {
          let v = uniform()
          answers[i] = v < 0.65 ? 3 : (v < 0.9 ? 2 : 1)
        } else {
          answers[i] = uniform() < 0.7 ? 2 : 1
        }
      }
    }
  }

  /// Adds 36 months of sheets ending with `today`'s month, for all three populations,
  /// in one transaction with rollups built in the same pass. `scale` multiplies the counts.
  public static func populate(_ store: GongzhiStore, seed: UInt64, scale: Int, today: Day = .today()) throws {
    let actor = Actor(name: "demo", role: .admin)
    var gen = Generator(seed: seed)
    let last = SatisfactionMonth(today)
    let first = last.adding(months: -35)
    try store.db.write { db in
      let catalog = InstrumentCatalog(try InstrumentCatalog.load(db))
      var acc = RollupAccumulator(catalog: catalog)
      let insert = try ResponseInserter(db)
      let importID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM satisfaction_import") ?? 0) + 1
      var rows = 0
      var answers = [UInt8](repeating: 0, count: catalog.maxItems)
      for offset in 0..<36 {
        let month = first.adding(months: offset)
        let lastDay = month == last ? today.day : Day.daysIn(month: month.month, year: month.year)
        for (pi, plan) in gen.plans.enumerated() {
          let version = SatisfactionInstrument.defaultInstrument(plan.population).version
          guard let map = catalog.populations[pi].versionMap[version] else { continue }
          let deptIDs = plan.departments.map { acc.department($0) }
          let count = (perMonth[plan.population] ?? 0) * max(1, scale)
          for _ in 0..<count {
            let d = gen.department(plan)
            gen.sheet(plan, department: d, progress: Double(offset) / 35, answers: &answers)
            let day = month.key * 100 + gen.rng.int(1...lastDay)
            try answers.withUnsafeBufferPointer { buf in
              let slice = UnsafeBufferPointer(rebasing: buf[0..<plan.items.count])
              try insert.insert(
                importID: importID, day: day, population: plan.population.rawValue,
                department: plan.departments[d], version: version, answers: slice)
              acc.add(month: month.key, population: pi, department: deptIDs[d], map: map, answers: slice)
            }
            rows += 1
          }
        }
      }
      try insert.finish()
      try acc.write(db)
      _ = try SatisfactionImport.recordImport(
        db, id: importID, kind: "demo", file: "demo", sha256: "seed:\(seed)", rows: rows, actor: actor)
    }
  }

  /// Writes a responses CSV of `count` sheets (all populations mixed, 36 months ending
  /// with `today`'s month) for benchmarks and tests: the format `SatisfactionImport.responses` reads.
  public static func writeResponsesCSV(path: String, count: Int, seed: UInt64, today: Day = .today()) throws {
    var gen = Generator(seed: seed)
    var columns: [String] = []
    var positions: [[Int]] = []  // per plan: item index → column index
    for plan in gen.plans {
      var pos: [Int] = []
      for item in plan.items {
        if let i = columns.firstIndex(of: item.code) {
          pos.append(i)
        } else {
          pos.append(columns.count)
          columns.append(item.code)
        }
      }
      positions.append(pos)
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw StoreError.cannotOpen(path, "cannot write file") }
    defer { try? handle.close() }
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    out += Array(("date,population,department," + columns.joined(separator: ",") + "\r\n").utf8)
    let last = SatisfactionMonth(today)
    let weights = gen.plans.map { perMonth[$0.population] ?? 1 }
    let total = weights.reduce(0, +)
    var answers = [UInt8](repeating: 0, count: 64)
    var cells = [UInt8](repeating: 0, count: columns.count)
    for _ in 0..<max(0, count) {
      var r = gen.rng.int(0...(total - 1))
      var pi = 0
      while r >= weights[pi] {
        r -= weights[pi]
        pi += 1
      }
      let plan = gen.plans[pi]
      let monthOffset = gen.rng.int(0...35)
      let month = last.adding(months: monthOffset - 35)
      let lastDay = month == last ? today.day : Day.daysIn(month: month.month, year: month.year)
      let d = gen.department(plan)
      gen.sheet(plan, department: d, progress: Double(monthOffset) / 35, answers: &answers)
      out += Array(Day(year: month.year, month: month.month, day: gen.rng.int(1...lastDay)).iso.utf8)
      out.append(0x2C)
      out += Array(plan.population.rawValue.utf8)
      out.append(0x2C)
      out += Array(plan.departments[d].utf8)
      for i in 0..<cells.count { cells[i] = 0 }
      for (i, c) in positions[pi].enumerated() { cells[c] = answers[i] }
      for c in cells {
        out.append(0x2C)
        if c == SatisfactionScale.notApplicable {
          out += [0x4E, 0x41]  // NA
        } else if c != 0 {
          out.append(48 + c)
        }
      }
      out += [0x0D, 0x0A]
      if out.count > 1 << 20 {
        handle.write(Data(out))
        out.removeAll(keepingCapacity: true)
      }
    }
    handle.write(Data(out))
  }
}
