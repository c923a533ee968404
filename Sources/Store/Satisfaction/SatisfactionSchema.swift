import Domain
import Foundation
import TOMLKit

/// Errors of the satisfaction feature that are not located in an imported file.
public enum SatisfactionError: Error, UserMessage, Equatable {
  /// The instrument TOML does not parse: line, column, TOML parser detail (English).
  case instrumentSyntax(line: Int, column: Int, detail: String)
  /// The instrument parses but breaks a rule (first problem).
  case instrumentInvalid(Message)
  /// An item code changes its scale between versions (rollups are per code).
  case instrumentScaleChanged(item: String)
  /// The same file (by SHA-256) was imported before, as import `id`.
  case alreadyImported(file: String, importID: Int64)

  public var key: String {
    switch self {
    case .instrumentSyntax: return "error.satisfaction.instrumentSyntax"
    case .instrumentInvalid(let m): return m.key
    case .instrumentScaleChanged: return "error.satisfaction.instrumentScaleChanged"
    case .alreadyImported: return "error.satisfaction.alreadyImported"
    }
  }

  public var args: [String] {
    switch self {
    case .instrumentSyntax(let line, let column, let detail): return [String(line), String(column), detail]
    case .instrumentInvalid(let m): return m.args
    case .instrumentScaleChanged(let item): return [item]
    case .alreadyImported(let file, let id): return [file, String(id)]
    }
  }
}

/// Instruments as TOML text (the stored form, and what `addInstrument` accepts):
///
/// ```toml
/// population = "inpatient"
/// version = 2
/// title = "住院患者满意度调查"
/// [[dimensions]]
/// code = "care"
/// title = "医护服务"
/// titleEn = "Care"
/// [[dimensions.items]]
/// code = "pain"
/// title = "疼痛处理"
/// titleEn = "Help with pain"
/// scale = "frequency4"   # or "likert5"
/// ```
public enum InstrumentTOML {
  public static func decode(_ text: String) throws -> SatisfactionInstrument {
    let instrument: SatisfactionInstrument
    if let at = TOMLPreflight.badTableHeader(text) {
      throw SatisfactionError.instrumentSyntax(
        line: at.line, column: at.column, detail: "expected a key after '['")
    }
    do {
      instrument = try TOMLDecoder().decode(SatisfactionInstrument.self, from: text)
    } catch let e as TOMLParseError {
      throw SatisfactionError.instrumentSyntax(
        line: e.source.begin.line, column: e.source.begin.column, detail: e.description)
    } catch {
      throw SatisfactionError.instrumentSyntax(line: 1, column: 1, detail: String(describing: error))
    }
    if let issue = instrument.validate().first { throw SatisfactionError.instrumentInvalid(issue) }
    return instrument
  }

  /// Plain TOML, written by hand so the layout is stable and readable.
  public static func encode(_ instrument: SatisfactionInstrument) -> String {
    func q(_ s: String) -> String {
      var out = "\""
      for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if ch.value < 0x20 {
            out += String(format: "\\u%04X", ch.value)
          } else {
            out.unicodeScalars.append(ch)
          }
        }
      }
      return out + "\""
    }
    var t = "population = \(q(instrument.population.rawValue))\nversion = \(instrument.version)\n"
    t += "title = \(q(instrument.title))\n"
    for d in instrument.dimensions {
      t += "\n[[dimensions]]\ncode = \(q(d.code))\ntitle = \(q(d.title))\ntitleEn = \(q(d.titleEn))\n"
      for i in d.items {
        t += "\n[[dimensions.items]]\ncode = \(q(i.code))\ntitle = \(q(i.title))\ntitleEn = \(q(i.titleEn))\n"
        t += "scale = \(q(i.scale.rawValue))\n"
      }
    }
    return t
  }
}

/// The instruments known to the store, and how each version's answer bytes map
/// onto one per-population list of item codes (the rollup items).
struct InstrumentCatalog {
  struct PopulationItems {
    var codes: [String] = []
    var scales: [SatisfactionScale] = []
    var index: [String: Int] = [:]
    /// version → answer position → rollup item index.
    var versionMap: [Int: [Int]] = [:]
    var current: SatisfactionInstrument?
  }
  /// Indexed by `SatisfactionPopulation.allCases` position.
  var populations: [PopulationItems]

  static func populationIndex(_ p: SatisfactionPopulation) -> Int {
    SatisfactionPopulation.allCases.firstIndex(of: p)!
  }

  init(_ instruments: [SatisfactionInstrument]) {
    populations = Array(repeating: PopulationItems(), count: SatisfactionPopulation.allCases.count)
    for inst in instruments.sorted(by: { $0.version < $1.version }) {
      let pi = Self.populationIndex(inst.population)
      var p = populations[pi]
      var map: [Int] = []
      for item in inst.items {
        if let i = p.index[item.code] {
          map.append(i)
        } else {
          p.index[item.code] = p.codes.count
          map.append(p.codes.count)
          p.codes.append(item.code)
          p.scales.append(item.scale)
        }
      }
      p.versionMap[inst.version] = map
      p.current = inst
      populations[pi] = p
    }
  }

  static func load(_ db: SQLDatabase) throws -> [SatisfactionInstrument] {
    try String.fetchAll(db, sql: "SELECT toml FROM satisfaction_instrument ORDER BY population, version").map(
      InstrumentTOML.decode)
  }

  var maxItems: Int { populations.map(\.codes.count).max() ?? 0 }
}

/// Rollup counts accumulated in memory per (month, population, department) while
/// sheets are read, then added to `satisfaction_rollup` in one pass.
struct RollupAccumulator {
  struct Key: Hashable {
    var month: Int32
    var population: UInt8
    var department: Int32
  }
  static let slotsPerItem = 6  // c1…c5, na

  let catalog: InstrumentCatalog
  let stride: Int
  private(set) var departments: [String] = []
  private var departmentIndex: [String: Int32] = [:]
  private var slots: [Key: Int] = [:]
  private var keys: [Key] = []
  /// Per slot: sheets, then 6 counters per rollup item.
  private var data: [Int64] = []

  init(catalog: InstrumentCatalog) {
    self.catalog = catalog
    self.stride = 1 + catalog.maxItems * Self.slotsPerItem
  }

  mutating func department(_ name: String) -> Int32 {
    if let i = departmentIndex[name] { return i }
    let i = Int32(departments.count)
    departments.append(name)
    departmentIndex[name] = i
    return i
  }

  /// Counts one sheet. `map` is the version's answer position → rollup item map.
  mutating func add(
    month: Int, population: Int, department: Int32, map: [Int], answers: UnsafeBufferPointer<UInt8>
  ) {
    let key = Key(month: Int32(month), population: UInt8(population), department: department)
    let base: Int
    if let s = slots[key] {
      base = s * stride
    } else {
      base = keys.count * stride
      slots[key] = keys.count
      keys.append(key)
      data.append(contentsOf: repeatElement(0, count: stride))
    }
    data.withUnsafeMutableBufferPointer { d in
      d[base] += 1
      for (pos, code) in answers.enumerated() where code != 0 {
        // A code no scale has (only a damaged sheet holds one) would land in another
        // item's slots or past the end: it is not counted.
        guard code <= 5 || code == SatisfactionScale.notApplicable else { continue }
        let item = map[pos]
        let slot = code == SatisfactionScale.notApplicable ? 5 : Int(code) - 1
        d[base + 1 + item * Self.slotsPerItem + slot] += 1
      }
    }
  }

  /// Adds the accumulated counts to the stored rollups.
  func write(_ db: SQLDatabase) throws {
    let upsert = try SQLRowBatch(
      db,
      insert:
        "INSERT INTO satisfaction_rollup (population, month, department, item, points, sheets, c1, c2, c3, c4, c5, na)",
      columns: 12,
      suffix: """
        ON CONFLICT (population, month, department, item) DO UPDATE SET
          sheets = satisfaction_rollup.sheets + excluded.sheets, c1 = satisfaction_rollup.c1 + excluded.c1,
          c2 = satisfaction_rollup.c2 + excluded.c2, c3 = satisfaction_rollup.c3 + excluded.c3,
          c4 = satisfaction_rollup.c4 + excluded.c4, c5 = satisfaction_rollup.c5 + excluded.c5,
          na = satisfaction_rollup.na + excluded.na
        """)
    let hospital = try SQLRowBatch(
      db,
      insert:
        "INSERT INTO satisfaction_rollup_hospital (population, month, item, points, sheets, c1, c2, c3, c4, c5, na)",
      columns: 11,
      suffix: """
        ON CONFLICT (population, month, item) DO UPDATE SET
          sheets = satisfaction_rollup_hospital.sheets + excluded.sheets,
          c1 = satisfaction_rollup_hospital.c1 + excluded.c1, c2 = satisfaction_rollup_hospital.c2 + excluded.c2,
          c3 = satisfaction_rollup_hospital.c3 + excluded.c3, c4 = satisfaction_rollup_hospital.c4 + excluded.c4,
          c5 = satisfaction_rollup_hospital.c5 + excluded.c5, na = satisfaction_rollup_hospital.na + excluded.na
        """)
    let populations = SatisfactionPopulation.allCases
    // Whole-hospital sums per (month, population).
    var totals: [Key: [Int64]] = [:]
    for (slot, key) in keys.enumerated() {
      let k = Key(month: key.month, population: key.population, department: -1)
      var t = totals[k] ?? Array(repeating: 0, count: stride)
      for i in 0..<stride { t[i] += data[slot * stride + i] }
      totals[k] = t
    }
    for (key, t) in totals.sorted(by: {
      ($0.key.month, $0.key.population) < ($1.key.month, $1.key.population)
    }) {
      let pop = populations[Int(key.population)].rawValue
      let month = Int64(key.month)
      try hospital.add([pop, month, "", 0, t[0], 0, 0, 0, 0, 0, 0])
      let items = catalog.populations[Int(key.population)]
      for (i, code) in items.codes.enumerated() {
        let o = 1 + i * Self.slotsPerItem
        if (0..<Self.slotsPerItem).allSatisfy({ t[o + $0] == 0 }) { continue }
        try hospital.add([
          pop, month, code, items.scales[i].points, 0, t[o], t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5],
        ])
      }
    }
    for (slot, key) in keys.enumerated() {
      let base = slot * stride
      let pop = populations[Int(key.population)].rawValue
      let dept = departments[Int(key.department)]
      let month = Int64(key.month)
      try upsert.add([pop, month, dept, "", 0, data[base], 0, 0, 0, 0, 0, 0])
      let items = catalog.populations[Int(key.population)]
      for (i, code) in items.codes.enumerated() {
        let o = base + 1 + i * Self.slotsPerItem
        if (0..<Self.slotsPerItem).allSatisfy({ data[o + $0] == 0 }) { continue }
        try upsert.add([
          pop, month, dept, code, items.scales[i].points, 0, data[o], data[o + 1], data[o + 2], data[o + 3],
          data[o + 4], data[o + 5],
        ])
      }
    }
    try hospital.flush()
    try upsert.flush()
  }
}

/// Every message key the satisfaction store code produces (listed in `StoreMessageKeys.all`),
/// plus the report labels `SatisfactionExport.markdown` asks for.
public enum SatisfactionStoreKeys {
  public static let all: [String] =
    [
      "error.satisfaction.instrumentSyntax", "error.satisfaction.instrumentScaleChanged",
      "error.satisfaction.alreadyImported", "error.satisfaction.unknownColumn",
      "error.satisfaction.badAnswer",
      "error.satisfaction.itemNotAsked", "error.satisfaction.noAnswers", "error.satisfaction.badPeriod",
      "error.satisfaction.badPercent", "error.satisfaction.duplicateResult",
    ] + SatisfactionExport.labelKeys
    + SatisfactionPopulation.allCases.map { "satisfaction.population.\($0.rawValue)" }
}
