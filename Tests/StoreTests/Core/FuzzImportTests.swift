import Domain
import Foundation
import FuzzSupport
import GRDB
@testable import Store
import Testing

// Hostile-input fuzzing of every file importer (issue 7): a fixed seed, at least
// 10,000 mutated files per importer. Each case must either import consistently
// (audit chain intact) or fail with a located error and write nothing at all.
// Set GONGZHI_FUZZ_CASES to run more (or, while debugging, fewer) cases.

/// Row counts of every table of the store, in one read.
func fuzzSignature(_ store: GongzhiStore) throws -> [Int] {
  try store.dbPool.read { db in
    let tables = try String.fetchAll(
      db,
      sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    let sql = "SELECT " + tables.map { "(SELECT COUNT(*) FROM \"\($0)\")" }.joined(separator: ", ")
    let row = try Row.fetchOne(db, sql: sql)!
    return (0..<tables.count).map { row[$0] }
  }
}

/// The audit row count: cheap enough to take around every case.
func fuzzAuditCount(_ store: GongzhiStore) throws -> Int {
  try store.dbPool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0 }
}

/// The number of lines a reader can see in `bytes` (LF, CRLF or CR each end one).
func fuzzLineCount(_ bytes: [UInt8]) -> Int {
  var n = 1
  var i = 0
  while i < bytes.count {
    if bytes[i] == 0x0A {
      n += 1
    } else if bytes[i] == 0x0D {
      n += 1
      if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
    }
    i += 1
  }
  return n
}

/// Why a failure is not acceptable, or nil when the error is located in `path`.
func unlocated(_ error: Error, path: String, lines: Int) -> String? {
  if let e = error as? ImportError {
    if e.file != path { return "wrong file \(e.file)" }
    if e.line < 1 || e.column < 1 { return "line \(e.line) column \(e.column)" }
    // lines + 1: just past the end, where a missing header or row was expected.
    if e.line > lines + 1 { return "line \(e.line) beyond the file's \(lines) lines (\(e.problem.key))" }
    return nil
  }
  if case SatisfactionError.alreadyImported(let file, _) = error, file == path { return nil }
  return "unexpected error \(type(of: error)): \(String(String(describing: error).prefix(300)))"
}

struct FuzzTally {
  var ok = 0
  var refused = 0
  var problems: [String] = []
  mutating func problem(_ i: Int, _ text: String) {
    if problems.count < 10 { problems.append("case \(i): \(text)") }
  }
}

/// Runs `fuzzCases` mutations of each valid file through `run`, checking the store
/// after each one. `verifyEvery` bounds the cost of full audit-chain replays.
func fuzzImporter(
  _ name: String, seed: UInt64, valid: [String], store: GongzhiStore, dir: String,
  cases: Int = fuzzCases, run: (String) throws -> Void
) throws -> FuzzTally {
  var m = FuzzMutator(seed: seed)
  var tally = FuzzTally()
  let path = dir + "/fuzz-\(name).csv"
  let seeds = valid.map { Array($0.utf8) }
  var before = try fuzzSignature(store)
  var audited = try fuzzAuditCount(store)
  for i in 0..<cases {
    let bytes = m.mutate(seeds[i % seeds.count], caseIndex: i / seeds.count == 0 ? 0 : i)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    // Every table is counted every 8th case; the audit log (written by every import) every case.
    let full = i % 8 == 0
    if full { before = try fuzzSignature(store) }
    do {
      try run(path)
      tally.ok += 1
      audited = try fuzzAuditCount(store)
      // Replaying the chain is O(audit rows): check often early, then every 64th success.
      if tally.ok < 64 || tally.ok % 64 == 0 {
        let v = try store.audit.verify()
        if case .broken = v { tally.problem(i, "audit broken after success: \(v)") }
      }
    } catch {
      tally.refused += 1
      if let why = unlocated(error, path: path, lines: fuzzLineCount(bytes)) { tally.problem(i, why) }
      let message = String(String(describing: error).prefix(300))
      if try fuzzAuditCount(store) != audited {
        tally.problem(i, "refused import wrote audit rows (\(message))")
      }
      if full, try fuzzSignature(store) != before {
        tally.problem(i, "refused import changed row counts (\(message))")
      }
    }
  }
  let v = try store.audit.verify()
  if case .broken = v { tally.problem(cases, "audit broken at the end: \(v)") }
  print("fuzz \(name): \(cases) cases, \(tally.ok) imported, \(tally.refused) refused")
  return tally
}

func expectClean(_ tally: FuzzTally, _ name: String) {
  #expect(tally.problems.isEmpty, "\(name): \(tally.problems.joined(separator: "\n"))")
}

@Suite struct FuzzImportTests {
  @Test func members() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      _ = try SmallOrg(store)
      let valid = [
        "\u{FEFF}" + header + "\r\n"
          + "内科党总支/心内科党支部,王伟,男,1980-01-02,2005-07-01,正式,在职,\"心内科,CCU\",骨干,'+86 13800000000\r\n"
          + "骨科党支部,\"李\"\"娜\"\"\",女,1990/3/4,,预备,在职,骨科,普通,\r\n",
        "name,unit,gender\n张三,骨科党支部,male\n",
      ]
      let t = try fuzzImporter("members", seed: 0x6D656D, valid: valid, store: store, dir: dir) { p in
        _ = try MemberCSV.importFile(path: p, into: store, by: admin)
      }
      expectClean(t, "members")
    }
  }

  @Test func proposalsAndHolidays() throws {
    try withTempDir { dir in
      let f = try ProposalFixture(dir + "/g.sqlite")
      let proposals = [
        proposalHeader
          + "7-2025-1,关于增加职工停车位的建议,车位紧张,建设立体车库,后勤保障,王伟,骨科,李娜、张敏,2025-02-21\n"
          + "7-2025-2,\"=1+1关于停车的建议\",\"理由,含逗号\",试点,信息化,刘洋,信息中心,赵磊;孙七,\n"
      ]
      let p = try fuzzImporter("proposals", seed: 0x70726F, valid: proposals, store: f.store, dir: dir) { p in
        try ProposalImport.importFile(path: p, store: f.store, actor: clerk, today: d("2025-03-01"))
      }
      expectClean(p, "proposals")
      let holidays = ["日期,类型,名称\n2025-10-01,休,国庆节\n2025-10-02,休,国庆节\n2025-10-11,班,调休\n"]
      let h = try fuzzImporter("holidays", seed: 0x686F6C, valid: holidays, store: f.store, dir: dir) { p in
        try HolidayImport.importFile(path: p, store: f.store, actor: clerk)
      }
      expectClean(h, "holidays")
    }
  }

  @Test func disclosures() throws {
    try withTempDir { dir in
      let f = try DisclosureFixture(dir + "/g.sqlite")
      let valid = [
        disclosureHeader
          + "社会,药品价格,常用药品价格,触摸屏、电子屏,财务部,每月,是,2026-11-03,\"11月药品价格,已更新\"\n"
          + "职工层面,重大事项决策,“三重一大”决策,职代会;院务会,党委办公室,5个工作日内,否,,\n"
          + "patients,\"=投诉渠道\",投诉电话,公告栏,党委办公室,quarterly,,,\n"
      ]
      let t = try fuzzImporter("disclosures", seed: 0x646973, valid: valid, store: f.store, dir: dir) { p in
        try DisclosureImport.importFile(path: p, store: f.store, actor: officer, today: d("2026-11-24"))
      }
      expectClean(t, "disclosures")
    }
  }

  @Test func assessmentScores() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      _ = try SmallOrg(store)
      let valid = [
        "\u{FEFF}单位,考评期,指标,自评,审核,说明,佐证\r\n"
          + "心内科党支部,2025Q3,life.meetings,0次,3次,缺3次党小组会,记录本P12\r\n"
          + "心内科党支部,2025Q3,组织生活记录完整,好,较好,记录要素不全,\r\n"
          + "外科党总支/骨科党支部,2025Q3,service.volunteer,12,,,\r\n"
          + "骨科党支部,2025Q3,bonus.honours,n=2,,,省级表彰\r\n"
      ]
      let t = try fuzzImporter("assessment", seed: 0x617373, valid: valid, store: store, dir: dir) { p in
        _ = try AssessmentImport.importScores(path: p, store: store, actor: officer)
      }
      expectClean(t, "assessment")
    }
  }

  @Test func satisfactionResponsesAndResults() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      let responses = [smallCSV, "date,population,department,cleanliness\n2025-01-01,inpatient,A,4\n"]
      let r = try fuzzImporter(
        "satisfaction-responses", seed: 0x736174, valid: responses, store: store, dir: dir
      ) {
        p in
        _ = try SatisfactionImport.responses(path: p, store: store, actor: admin)
      }
      expectClean(r, "satisfaction responses")
      let results = [
        "期间,人群,科室,条目,样本量,满意率,均分\n2025-01,职工,,,812,95.2,88.4\n"
          + "2025Q1,门诊患者,骨科,registration,120,86.5%,\n2025-02,住院患者,,,300,93,81\n"
      ]
      let s = try fuzzImporter("satisfaction-results", seed: 0x726573, valid: results, store: store, dir: dir)
      {
        p in
        _ = try SatisfactionImport.results(path: p, store: store, actor: admin)
      }
      expectClean(s, "satisfaction results")
    }
  }

  // MARK: TOML

  /// Mutated TOML text (decoded leniently, as a file read would be by the callers).
  static func tomlCases(_ valid: String, seed: UInt64, _ body: (Int, String) -> String?) -> [String] {
    var m = FuzzMutator(seed: seed)
    let bytes = Array(valid.utf8)
    var problems: [String] = []
    for i in 0..<fuzzCases {
      let text = String(decoding: m.mutate(bytes, caseIndex: i), as: UTF8.self)
      if let p = body(i, text), problems.count < 10 { problems.append("case \(i): \(p)") }
    }
    return problems
  }

  @Test func schemeTOML() {
    let valid = SchemeTOML.write(.wuhua)
    #expect((try? SchemeTOML.parse(text: valid, file: "s.toml")) != nil)
    var ok = 0
    let problems = Self.tomlCases(valid, seed: 0x736368) { _, text in
      do {
        _ = try SchemeTOML.parse(text: text, file: "s.toml")
        ok += 1
        return nil
      } catch let e as SchemeFileError {
        let lines = fuzzLineCount(Array(text.utf8))
        return e.file == "s.toml" && e.line >= 1 && e.line <= lines ? nil : "line \(e.line) of \(lines)"
      } catch {
        return "unexpected \(type(of: error)): \(error)"
      }
    }
    print("fuzz scheme TOML: \(fuzzCases) cases, \(ok) parsed")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test func instrumentTOML() {
    let valid = InstrumentTOML.encode(SatisfactionInstrument.staffDefault)
    #expect((try? InstrumentTOML.decode(valid)) != nil)
    var ok = 0
    let problems = Self.tomlCases(valid, seed: 0x696E73) { _, text in
      do {
        _ = try InstrumentTOML.decode(text)
        ok += 1
        return nil
      } catch SatisfactionError.instrumentSyntax(let line, let column, _) {
        let lines = fuzzLineCount(Array(text.utf8))
        return line >= 1 && column >= 1 && line <= lines ? nil : "line \(line) column \(column) of \(lines)"
      } catch SatisfactionError.instrumentInvalid {
        return nil
      } catch {
        return "unexpected \(type(of: error)): \(error)"
      }
    }
    print("fuzz instrument TOML: \(fuzzCases) cases, \(ok) parsed")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}

// MARK: Hostile numbers (issue 13 item 3)

/// Numbers no field may hold, in the forms a file can spell them: beyond Int64 (2^63,
/// 2^64), beyond Double (1e309), not numbers at all (nan, inf), negative, and huge
/// but representable. Each one, in every numeric field of every importer, must give a
/// located error and import nothing (never a trap).
let hostileNumbers = [
  "9223372036854775808", "18446744073709551616", "-9223372036854775809", "-9223372036854775808", "1e309",
  "-1e309", "1E309", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-5", "-0.5", "1000000000000000000",
  "1e18",
]

/// Runs `run` on `template` with `{N}` replaced by each hostile number and checks that
/// it is refused at (`line`, `column`) with every table unchanged.
func expectHostileNumbersRefused(
  _ name: String, template: String, line: Int, column: Int, numbers: [String] = hostileNumbers,
  store: GongzhiStore, dir: String, run: (String) throws -> Void
) throws {
  let path = dir + "/hostile-\(name).csv"
  let before = try fuzzSignature(store)
  for n in numbers {
    try template.replacingOccurrences(of: "{N}", with: n).write(
      toFile: path, atomically: true, encoding: .utf8)
    do {
      try run(path)
      Issue.record("\(name): \(n) was imported")
    } catch let e as ImportError {
      #expect(e.file == path && e.line == line && e.column == column, "\(name) \(n): \(e)")
    } catch {
      Issue.record("\(name) \(n): unexpected \(type(of: error)): \(error)")
    }
    #expect(try fuzzSignature(store) == before, "\(name) \(n) changed the store")
  }
}

extension FuzzImportTests {
  @Test func hostileNumbersInScoreCells() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      _ = try SmallOrg(store)
      let header = "单位,考评期,指标,自评,审核,说明,佐证\n"
      // A deduct, a graded, a count and a bonus indicator; points, "N次" and "n=N" forms;
      // the self column and the committee column.
      for (row, column) in [
        ("心内科党支部,2025Q3,life.meetings,{N},,,", 4),
        ("心内科党支部,2025Q3,life.meetings,{N}次,,,", 4),
        ("心内科党支部,2025Q3,life.meetings,,n={N},,", 5),
        ("心内科党支部,2025Q3,组织生活记录完整,{N},,,", 4),
        ("骨科党支部,2025Q3,service.volunteer,,{N},,", 5),
        ("骨科党支部,2025Q3,bonus.honours,{N},,,", 4),
        ("骨科党支部,2025Q3,bonus.honours,n={N},,,", 4),
      ] {
        try expectHostileNumbersRefused(
          "scores", template: header + "心内科党支部,2025Q3,life.meetings,0次,,,\n" + row + "\n", line: 3,
          column: column, store: store, dir: dir
        ) { p in _ = try AssessmentImport.importScores(path: p, store: store, actor: officer) }
      }
    }
  }

  @Test func hostileNumbersInProposalNumbers() throws {
    try withTempDir { dir in
      let f = try ProposalFixture(dir + "/g.sqlite")
      let rest = ",关于增加职工停车位的建议,车位紧张,建设立体车库,后勤保障,王伟,骨科,李娜、张敏,2025-02-21\n"
      for number in ["{N}-2025-1", "7-2025-{N}", "7-{N}-1", "1000-2025-1", "7-2025-1000000"] {
        try expectHostileNumbersRefused(
          "proposals", template: proposalHeader + number + rest, line: 2, column: 1, store: f.store, dir: dir
        ) { p in try ProposalImport.importFile(path: p, store: f.store, actor: clerk, today: d("2025-03-01"))
        }
      }
    }
  }

  @Test func hostileNumbersInDisclosureSchedules() throws {
    try withTempDir { dir in
      let f = try DisclosureFixture(dir + "/g.sqlite")
      let row = "社会,药品价格,常用药品价格,触摸屏、电子屏,财务部,{N}个工作日内,是,2026-11-03,已更新\n"
      try expectHostileNumbersRefused(
        "disclosures", template: disclosureHeader + row, line: 2, column: 6, store: f.store, dir: dir
      ) { p in
        try DisclosureImport.importFile(path: p, store: f.store, actor: officer, today: d("2026-11-24"))
      }
    }
  }

  @Test func hostileNumbersInSatisfactionFiles() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      try expectHostileNumbersRefused(
        "responses", template: "date,population,department,pay,workload\n2025-01-01,staff,A,5,{N}\n", line: 2,
        column: 5, store: store, dir: dir
      ) { p in _ = try SatisfactionImport.responses(path: p, store: store, actor: admin) }
      let header = "期间,人群,科室,条目,样本量,满意率,均分\n2025-01,职工,,,812,95.2,88.4\n"
      for (row, column) in [
        ("2025-02,职工,,,{N},95.2,88.4", 5), ("2025-02,职工,,,812,{N},88.4", 6), ("2025-02,职工,,,812,{N}%,", 6),
        ("2025-02,职工,,,812,95.2,{N}", 7),
      ] {
        try expectHostileNumbersRefused(
          "results", template: header + row + "\n", line: 3, column: column, store: store, dir: dir
        ) { p in _ = try SatisfactionImport.results(path: p, store: store, actor: admin) }
      }
    }
  }

  /// Every numeric key of a scheme file (total, excellent_cap, version, grades, each
  /// dimension's and indicator's max, per, and each level's points), one at a time.
  @Test func hostileNumbersInSchemeTOML() throws {
    var scheme = Scheme.wuhua
    scheme.excellentCap = 0.3
    let valid = SchemeTOML.write(scheme)
    let pattern = try NSRegularExpression(
      pattern: #"\b(total|excellent_cap|version|excellent|good|pass|max|per|points) = (-?[0-9.]+)"#)
    let matches = pattern.matches(in: valid, range: NSRange(valid.startIndex..., in: valid))
    let keys = Set(matches.map { String(valid[Range($0.range(at: 1), in: valid)!]) })
    #expect(keys.count == 9, "\(keys)")
    // One occurrence of each key, plus every level's points (they sit in inline tables).
    var seen = Set<String>()
    var tried = 0
    for m in matches {
      let key = String(valid[Range(m.range(at: 1), in: valid)!])
      guard key == "points" || seen.insert(key).inserted else { continue }
      let value = Range(m.range(at: 2), in: valid)!
      let line = valid[..<value.lowerBound].filter { $0 == "\n" }.count + 1
      for n in hostileNumbers {
        var text = valid
        text.replaceSubrange(value, with: n)
        tried += 1
        do {
          _ = try SchemeTOML.parse(text: text, file: "s.toml")
          Issue.record("\(key) = \(n) on line \(line) was accepted")
        } catch let e as SchemeFileError {
          // Out-of-range numbers are refused on their own line; a negative one in range is
          // refused by the scheme's validation, which names the line of its table.
          let negative = n == "-5" || n == "-0.5"
          #expect(
            e.file == "s.toml" && (e.line == line || negative && (1...line).contains(e.line)),
            "\(key) = \(n): \(e)")
          #expect(e.problem.args.allSatisfy { $0.count <= Echo.columns }, "\(key) = \(n): \(e.problem.args)")
        } catch {
          Issue.record("\(key) = \(n): unexpected \(type(of: error)): \(error)")
        }
      }
    }
    #expect(tried > 100)
  }
}

/// Issue 13 item 8: an error quotes at most 60 columns of the bad value, on one line,
/// however long the value and whatever it holds.
@Test func importErrorsQuoteAShortOneLineExcerpt() throws {
  try withTempDir { dir in
    let store = try GongzhiStore(path: dir + "/g.sqlite")
    let path = dir + "/r.csv"
    let huge = String(repeating: "汉", count: 5 << 20)  // 15 MB of UTF-8
    // (An ESC in a cell is refused before the date is read: see ControlCharacterTests.)
    for bad in [huge, "2025\n01-01\t[2J", "\u{202E}" + huge] {
      let cell = "\"" + bad + "\""
      try ("date,population,department,pay\n" + cell + ",staff,A,5\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      do {
        try SatisfactionImport.responses(path: path, store: store, actor: admin)
        Issue.record("a bad date was imported")
      } catch let e as ImportError {
        #expect(e.line == 2 && e.column == 1 && e.problem.key == "error.import.badDate")
        let quoted = try #require(e.problem.args.first)
        #expect(quoted.unicodeScalars.reduce(0) { $0 + ColumnWidth.of($1) } <= 60)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
      }
    }
  }
}
