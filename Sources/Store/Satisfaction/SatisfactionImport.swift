import Crypto
import Domain
import Foundation
import GRDB
import GRDBSQLite

/// Imports of survey data, streaming and all-or-nothing: the whole file is read
/// inside one write transaction; at the first problem an `ImportError` naming the
/// file, line and column is thrown and nothing is written.
///
/// Raw responses (`responses`): one answer sheet per line.
///
/// ```
/// date,population,department,pay,workload,…
/// 2025-03-14,staff,心血管内科,5,4,…
/// 2025-03-14,inpatient,骨科,,,…,4,NA,…
/// ```
///
/// Headers: `date`/`日期`, `population`/`人群`, `department`/`科室`, then item codes (or
/// the items' Chinese titles) of the current instruments; one file may mix populations
/// (a line leaves the other populations' columns blank). Answers: a digit 1…points
/// (worst…best), an option word (非常满意 … / 从未 …), `NA`/`不适用`, or blank.
///
/// Platform results (`results`): `period,population,department,item,n,rate,mean`
/// (`期间,人群,科室,条目,样本量,满意率,均分`); period `2025-03` or `2025Q1`; an empty
/// department is the whole hospital, an empty item the whole questionnaire; a line
/// for a key already stored replaces it.
public enum SatisfactionImport {
  /// Called after each chunk read: bytes read so far, file size.
  public typealias Progress = (_ bytesRead: Int64, _ totalBytes: Int64) -> Void

  static let responseColumns: [(key: String, names: Set<String>)] = [
    ("date", ["date", "日期", "填写日期"]),
    ("population", ["population", "人群", "调查对象"]),
    ("department", ["department", "科室"]),
  ]

  /// A file reader that hashes (SHA-256) and reports progress as it goes.
  final class Source {
    let reader: TableReader
    let path: String
    private let box: Box
    final class Box {
      var hasher = SHA256()
      var read: Int64 = 0
    }

    init(path: String, format: TableFormat?, progress: Progress?) throws {
      self.path = path
      let total =
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
      let box = Box()
      self.box = box
      reader = try TableReader(path: path, format: format, chunkSize: 1 << 18) { data in
        box.hasher.update(data: data)
        box.read += Int64(data.count)
        progress?(box.read, total)
      }
    }

    func next() throws -> CSVRecord? {
      try reader.next()
    }

    var sha256: String {
      box.hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func fail(_ line: Int, _ column: Int, _ key: String, _ args: String...) -> ImportError {
      reader.error(line: line, column: column, problem: Message(key: key, args: args))
    }
  }

  /// Imports raw answer sheets and adds them to the rollups, in one transaction with
  /// one audit row (file name, row count, SHA-256). Needs `importData`.
  @discardableResult
  public static func responses(
    path: String, store: GongzhiStore, actor: Actor, format: TableFormat? = nil, progress: Progress? = nil
  )
    throws -> SatisfactionImportRecord
  {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    let source = try Source(path: path, format: format, progress: progress)
    return try store.db.write { db in
      let catalog = InstrumentCatalog(try InstrumentCatalog.load(db))
      guard let header = try source.next() else { throw source.fail(1, 1, "error.import.empty") }

      // Header: fixed columns, then item columns per population.
      var fixed: [String: Int] = [:]
      let populations = SatisfactionPopulation.allCases
      // per population: (column, answer position) pairs for the current version
      var columnsOf: [[(column: Int, position: Int, scale: SatisfactionScale)]] = Array(
        repeating: [], count: populations.count)
      var itemColumns: [Int] = []
      for (i, raw) in header.fields.enumerated() {
        let name = raw.trimmingCharacters(in: .whitespaces)
        if let c = responseColumns.first(where: {
          $0.names.contains(name.lowercased()) || $0.names.contains(name)
        }) {
          if fixed[c.key] != nil {
            throw source.fail(header.line, i + 1, "error.import.duplicateHeader", name)
          }
          fixed[c.key] = i
          continue
        }
        var known = false
        for (pi, p) in populations.enumerated() {
          guard let inst = catalog.populations[pi].current else { continue }
          if let pos = inst.items.firstIndex(where: { $0.code == name || $0.title == name }) {
            if columnsOf[pi].contains(where: { $0.position == pos }) {
              throw source.fail(header.line, i + 1, "error.import.duplicateHeader", name)
            }
            columnsOf[pi].append((i, pos, inst.items[pos].scale))
            known = true
          }
          _ = p
        }
        if !known { throw source.fail(header.line, i + 1, "error.satisfaction.unknownColumn", name) }
        itemColumns.append(i)
      }
      for c in responseColumns where fixed[c.key] == nil {
        throw source.fail(header.line, header.fields.count + 1, "error.import.missingHeader", c.key)
      }
      let dateCol = fixed["date"]!
      let popCol = fixed["population"]!
      let deptCol = fixed["department"]!
      let width = header.fields.count
      // For each population, which columns belong to it.
      var belongs: [[Bool]] = Array(
        repeating: Array(repeating: false, count: width), count: populations.count)
      for pi in 0..<populations.count { for c in columnsOf[pi] { belongs[pi][c.column] = true } }
      var populationByText: [String: Int] = [:]
      for (pi, p) in populations.enumerated() {
        for text in [p.rawValue, p.chinese] { populationByText[text] = pi }
      }
      for text in ["员工", "门诊", "住院"] {
        if let p = SatisfactionPopulation(text: text) {
          populationByText[text] = populations.firstIndex(of: p)!
        }
      }

      let importID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM satisfaction_import") ?? 0) + 1
      var acc = RollupAccumulator(catalog: catalog)
      let insert = try ResponseInserter(db)
      var answers = [UInt8](repeating: 0, count: catalog.maxItems)
      var rows = 0
      while let record = try source.next() {
        let line = record.line
        let f = record.fields
        if f.count != width {
          throw source.fail(
            line, min(f.count, width) + 1, "error.import.fieldCount", String(width), String(f.count))
        }
        guard let day = fastDay(f[dateCol]) ?? Day(iso: f[dateCol].trimmingCharacters(in: .whitespaces))
        else {
          throw source.fail(line, dateCol + 1, "error.import.badDate", f[dateCol])
        }
        guard
          let pi = populationByText[f[popCol]]
            ?? populationByText[f[popCol].trimmingCharacters(in: .whitespaces)]
        else {
          throw source.fail(line, popCol + 1, "error.import.badValue", f[popCol], "population")
        }
        var department = f[deptCol]
        if department.first == " " || department.last == " " {
          department = department.trimmingCharacters(in: .whitespaces)
        }
        if department.isEmpty || department.utf8.count > 200 {
          throw source.fail(line, deptCol + 1, "error.import.badValue", department, "department")
        }
        guard let inst = catalog.populations[pi].current,
          let map = catalog.populations[pi].versionMap[inst.version]
        else { throw source.fail(line, popCol + 1, "error.import.badValue", f[popCol], "population") }
        let count = map.count
        for i in 0..<count { answers[i] = 0 }
        var any = false
        for c in columnsOf[pi] {
          let code =
            try answerCode(f[c.column], c.scale)
            ?? {
              throw source.fail(
                line, c.column + 1, "error.satisfaction.badAnswer", f[c.column], header.fields[c.column])
            }()
          answers[c.position] = code
          if code != 0 { any = true }
        }
        for c in itemColumns where !belongs[pi][c] && !f[c].isEmpty {
          if f[c].trimmingCharacters(in: .whitespaces).isEmpty { continue }
          throw source.fail(
            line, c + 1, "error.satisfaction.itemNotAsked", header.fields[c], populations[pi].rawValue)
        }
        if !any {
          throw source.fail(
            line, (columnsOf[pi].first?.column ?? deptCol) + 1, "error.satisfaction.noAnswers")
        }
        let dayKey = day.year * 10000 + day.month * 100 + day.day
        let dept = acc.department(department)
        try answers.withUnsafeBufferPointer { buf in
          let slice = UnsafeBufferPointer(rebasing: buf[0..<count])
          try insert.insert(
            importID: importID, day: dayKey, population: populations[pi].rawValue, department: department,
            version: inst.version, answers: slice)
          acc.add(month: dayKey / 100, population: pi, department: dept, map: map, answers: slice)
        }
        rows += 1
      }
      try insert.finish()
      // Only a header: point at the header itself, the last line the file has.
      if rows == 0 { throw source.fail(header.line, 1, "error.import.noRows") }
      try acc.write(db)
      return try finishImport(db, source: source, kind: "responses", id: importID, rows: rows, actor: actor)
    }
  }

  /// Records the import and its one audit row; refuses a file imported before.
  static func finishImport(
    _ db: SQLDatabase, source: Source, kind: String, id: Int64, rows: Int, actor: Actor
  ) throws -> SatisfactionImportRecord {
    let sha = source.sha256
    if let previous = try Int64.fetchOne(
      db, sql: "SELECT id FROM satisfaction_import WHERE sha256 = ? AND kind = ?", arguments: [sha, kind])
    {
      throw SatisfactionError.alreadyImported(file: source.path, importID: previous)
    }
    let file = (source.path as NSString).lastPathComponent
    return try recordImport(db, id: id, kind: kind, file: file, sha256: sha, rows: rows, actor: actor)
  }

  static func recordImport(
    _ db: SQLDatabase, id: Int64, kind: String, file: String, sha256: String, rows: Int, actor: Actor
  ) throws -> SatisfactionImportRecord {
    let now = Date()
    try db.execute(
      sql:
        "INSERT INTO satisfaction_import (id, kind, file, sha256, rows, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [id, kind, file, sha256, rows, AuditTime.format(now), actor.name])
    try AuditedWrite.record(
      db, actor: actor, entity: "satisfaction_import", entityID: String(id), action: .create, old: [:],
      new: ["kind": kind, "file": file, "rows": String(rows), "sha256": sha256], reason: nil)
    return SatisfactionImportRecord(
      id: id, kind: kind, file: file, sha256: sha256, rows: rows, at: now, actor: actor.name)
  }

  /// `YYYY-MM-DD` without allocation; nil for anything else (the caller falls back to `Day(iso:)`).
  static func fastDay(_ text: String) -> Day? {
    var t = text
    return t.withUTF8 { b -> Day? in
      guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
      var v = [0, 0, 0, 0, 0, 0, 0, 0]
      for (k, i) in [0, 1, 2, 3, 5, 6, 8, 9].enumerated() {
        let x = Int(b[i]) - 48
        guard x >= 0 && x <= 9 else { return nil }
        v[k] = x
      }
      let y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]
      let m = v[4] * 10 + v[5]
      let day = v[6] * 10 + v[7]
      guard (1900...2200).contains(y), (1...12).contains(m), day >= 1, day <= Day.daysIn(month: m, year: y)
      else {
        return nil
      }
      return Day(year: y, month: m, day: day)
    }
  }

  /// One answer cell's code: a single digit or blank fast, else the scale's words.
  @inline(__always) static func answerCode(_ text: String, _ scale: SatisfactionScale) -> UInt8? {
    let u = text.utf8
    if u.isEmpty { return SatisfactionScale.noAnswer }
    if u.count == 1 {
      let v = Int(u.first!) - 48
      return v >= 1 && v <= scale.points ? UInt8(v) : nil
    }
    return scale.code(for: text)
  }
}

/// Writes answer sheets. On SQLite a prepared INSERT bound through the C API, so a row
/// costs no Swift allocations; on PostgreSQL one `COPY … FROM STDIN` streamed in
/// chunks (a million sheets would otherwise be a million round trips). `finish` ends
/// the COPY: no other statement may run on the connection between the first `insert`
/// and `finish`.
final class ResponseInserter {
  private let statement: SQLStatement?
  private let copy: PGCopyIn?
  private var buffer: [UInt8] = []
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  private static let hex = Array("0123456789abcdef".utf8)

  init(_ db: SQLDatabase) throws {
    if case .postgres(let conn) = db.backend {
      statement = nil
      copy = PGCopyIn(
        conn,
        "COPY satisfaction_response (import_id, day, population, department, version, answers) FROM STDIN")
      buffer.reserveCapacity(1 << 18)
    } else {
      statement = try db.makeStatement(
        sql:
          "INSERT INTO satisfaction_response (import_id, day, population, department, version, answers) VALUES (?, ?, ?, ?, ?, ?)"
      )
      copy = nil
    }
  }

  func insert(
    importID: Int64, day: Int, population: String, department: String, version: Int,
    answers: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let s = statement?.sqlite?.sqliteStatement else {
      return try copyRow(importID, day, population, department, version, answers)
    }
    sqlite3_bind_int64(s, 1, importID)
    sqlite3_bind_int64(s, 2, Int64(day))
    var pop = population
    pop.withUTF8 { p in
      _ = sqlite3_bind_text(
        s, 3, UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(p.count),
        Self.transient)
    }
    var dept = department
    dept.withUTF8 { p in
      _ = sqlite3_bind_text(
        s, 4, UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(p.count),
        Self.transient)
    }
    sqlite3_bind_int64(s, 5, Int64(version))
    sqlite3_bind_blob(s, 6, answers.baseAddress, Int32(answers.count), Self.transient)
    let rc = sqlite3_step(s)
    sqlite3_reset(s)
    if rc != SQLITE_DONE {
      throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "insert answer sheet failed")
    }
  }

  /// Ends the COPY on PostgreSQL (the server then checks and stores the rows).
  func finish() throws {
    guard let copy else { return }
    if !buffer.isEmpty { try copy.put(buffer) }
    buffer.removeAll(keepingCapacity: false)
    try copy.end()
  }

  /// One row in COPY's text format: tab-separated, `\\x…` for the bytea.
  private func copyRow(
    _ importID: Int64, _ day: Int, _ population: String, _ department: String, _ version: Int,
    _ answers: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let copy else { return }
    buffer.append(contentsOf: String(importID).utf8)
    buffer.append(9)
    buffer.append(contentsOf: String(day).utf8)
    buffer.append(9)
    Self.appendText(population, to: &buffer)
    buffer.append(9)
    Self.appendText(department, to: &buffer)
    buffer.append(9)
    buffer.append(contentsOf: String(version).utf8)
    buffer.append(9)
    buffer.append(contentsOf: [92, 92, 120])  // \\x
    for byte in answers {
      buffer.append(Self.hex[Int(byte >> 4)])
      buffer.append(Self.hex[Int(byte & 15)])
    }
    buffer.append(10)
    if buffer.count >= 1 << 18 {
      try copy.put(buffer)
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Text escaped for COPY: backslash, tab, newline and carriage return.
  private static func appendText(_ text: String, to buffer: inout [UInt8]) {
    for byte in text.utf8 {
      switch byte {
      case 92: buffer.append(contentsOf: [92, 92])
      case 9: buffer.append(contentsOf: [92, 116])
      case 10: buffer.append(contentsOf: [92, 110])
      case 13: buffer.append(contentsOf: [92, 114])
      default: buffer.append(byte)
      }
    }
  }
}

extension SatisfactionImport {
  /// The largest sample a result row may claim: far above any hospital's survey, and
  /// small enough that sums over thousands of rows stay within Int.
  static let maximumRespondents = 100_000_000

  static let resultColumns: [(key: String, names: Set<String>, required: Bool)] = [
    ("period", ["period", "期间", "统计期间"], true),
    ("population", ["population", "人群", "调查对象"], true),
    ("department", ["department", "科室"], false),
    ("item", ["item", "条目", "指标"], false),
    ("n", ["n", "样本量", "样本数"], true),
    ("rate", ["rate", "满意率"], true),
    ("mean", ["mean", "均分", "平均分"], false),
  ]

  /// Imports aggregated results from the national platform, in one transaction with
  /// one audit row. Needs `importData`.
  @discardableResult
  public static func results(
    path: String, store: GongzhiStore, actor: Actor, format: TableFormat? = nil, progress: Progress? = nil
  )
    throws -> SatisfactionImportRecord
  {
    guard actor.role.can(.importData) else { throw StoreError.permissionDenied(.importData) }
    let source = try Source(path: path, format: format, progress: progress)
    return try store.db.write { db in
      guard let header = try source.next() else { throw source.fail(1, 1, "error.import.empty") }
      var index: [String: Int] = [:]
      for (i, raw) in header.fields.enumerated() {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard
          let c = resultColumns.first(where: {
            $0.names.contains(name) || $0.names.contains(name.lowercased())
          })
        else { throw source.fail(header.line, i + 1, "error.satisfaction.unknownColumn", name) }
        if index[c.key] != nil { throw source.fail(header.line, i + 1, "error.import.duplicateHeader", name) }
        index[c.key] = i
      }
      for c in resultColumns where c.required && index[c.key] == nil {
        throw source.fail(header.line, header.fields.count + 1, "error.import.missingHeader", c.key)
      }
      let importID = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM satisfaction_import") ?? 0) + 1
      let upsert = try db.makeStatement(
        sql: """
          INSERT INTO satisfaction_result (population, period, department, item, n, rate, mean, import_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (population, period, department, item) DO UPDATE SET
            n = excluded.n, rate = excluded.rate, mean = excluded.mean, import_id = excluded.import_id
          """)
      var seen = Set<String>()
      var rows = 0
      while let record = try source.next() {
        let line = record.line
        let f = record.fields
        if f.count != header.fields.count {
          let column = min(f.count, header.fields.count) + 1
          throw source.fail(
            line, column, "error.import.fieldCount", String(header.fields.count), String(f.count))
        }
        func value(_ key: String) -> String {
          index[key].map { f[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        func col(_ key: String) -> Int { (index[key] ?? 0) + 1 }
        guard let period = SatisfactionPeriod(code: value("period")) else {
          throw source.fail(line, col("period"), "error.satisfaction.badPeriod", value("period"))
        }
        guard let population = SatisfactionPopulation(text: value("population")) else {
          throw source.fail(
            line, col("population"), "error.import.badValue", value("population"), "population")
        }
        guard let n = Int(value("n")), (0...maximumRespondents).contains(n) else {
          throw source.fail(line, col("n"), "error.import.badValue", value("n"), "n")
        }
        func percent(_ key: String) throws -> Double? {
          var text = value(key)
          if text.isEmpty && key == "mean" { return nil }
          if text.hasSuffix("%") { text.removeLast() }
          guard let v = Double(text), v.isFinite, v >= 0, v <= 100 else {
            throw source.fail(line, col(key), "error.satisfaction.badPercent", value(key))
          }
          return v
        }
        let rate = try percent("rate")!
        let mean = try percent("mean")
        let department = value("department")
        let item = value("item")
        let key = [population.rawValue, period.code, department, item].joined(separator: "\u{1F}")
        if !seen.insert(key).inserted {
          throw source.fail(line, col("period"), "error.satisfaction.duplicateResult", period.code)
        }
        try upsert.execute(arguments: [
          population.rawValue, period.code, department, item, n, rate, mean, importID,
        ])
        rows += 1
      }
      // Only a header: point at the header itself, the last line the file has.
      if rows == 0 { throw source.fail(header.line, 1, "error.import.noRows") }
      return try finishImport(db, source: source, kind: "results", id: importID, rows: rows, actor: actor)
    }
  }
}
