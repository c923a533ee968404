import Domain
import Foundation
import TOMLKit

/// A refused scheme file, rendered by the App as `FILE:LINE: problem`. `line` is
/// 1-based: the line of the TOML syntax error, or of the key or table the problem is about.
public struct SchemeFileError: Error, UserMessage, Equatable {
  public static let locatedKey = "error.scheme.located"
  public var file: String
  public var line: Int
  public var problem: Message

  /// Arguments quoting the file's values are cut to one-line excerpts (see `Echo`).
  public init(file: String, line: Int, problem: Message) {
    self.file = file
    self.line = line
    self.problem = problem.echoingExcerpts
  }

  public var key: String { Self.locatedKey }
  public var args: [String] { [file, String(line)] }
}

/// Schemes as TOML files (`gongzhi scheme import FILE` / `export NAME`), and the form
/// in which the Store keeps each scheme version.
///
/// ```toml
/// id = "wuhua"
/// name = "党支部“五化”建设考评"
/// version = 1
/// total = 500
/// period = "quarter"              # quarter | year
/// general_branch_mode = "own"     # own | meanOfBranches
/// excellent_cap = 0.3             # optional share of 优秀
///
/// [grades]
/// excellent = 0.9
/// good = 0.8
/// pass = 0.6
///
/// [[dimension]]
/// id = "life"
/// name = "组织生活正常化"
/// max = 100
///
/// [[dimension.indicator]]
/// id = "life.meetings"
/// name = "三会一课按期召开"
/// max = 20
/// method = "deduct"               # deduct | graded | count | bonus | veto
/// per = 0.5                       # deduct/count/bonus: points per occurrence or unit
/// evidence = true
/// standard = "…"                  # 考评内容和标准
/// check = "查阅记录"               # 考评方式
/// levels = [{ name = "好", points = 15 }]   # graded only
///
/// [[extra]]                       # bonus and veto items outside the dimensions
/// ```
public enum SchemeTOML {
  /// Parses and validates a scheme; throws `SchemeFileError` with the line of the problem.
  public static func parse(text: String, file: String) throws -> Scheme {
    let root: TOMLTable
    if let at = TOMLPreflight.badTableHeader(text) {
      throw SchemeFileError(
        file: file, line: at.line,
        problem: Message("error.scheme.syntax", "expected a key after '[' (column \(at.column))"))
    }
    do {
      root = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw SchemeFileError(
        file: file, line: max(1, e.source.begin.line), problem: Message("error.scheme.syntax", e.description))
    }
    let locator = Locator(text: text)

    func fail(_ line: Int, _ key: String, _ args: String...) -> SchemeFileError {
      SchemeFileError(file: file, line: line, problem: Message(key: key, args: args))
    }
    func string(_ t: TOMLTable, _ key: String, at line: Int, required: Bool = true) throws -> String {
      guard let v = t[key] else {
        if required { throw fail(line, MessageKeys.schemeMissingField, key) }
        return ""
      }
      guard let s = v.string else {
        throw fail(locator.key(key, from: line), MessageKeys.schemeBadValue, key, String(describing: v))
      }
      // TOML escapes (\u001B) can spell any control; line breaks and tabs are text.
      if let position = TextRule.controlCharacter(in: s, allowNewlines: true) {
        throw fail(locator.key(key, from: line), TextRule.controlCharacterKey, String(position))
      }
      return s
    }
    func number(_ t: TOMLTable, _ key: String, at line: Int, default fallback: Double? = nil) throws -> Double
    {
      guard let v = t[key] else {
        if let fallback { return fallback }
        throw fail(line, MessageKeys.schemeMissingField, key)
      }
      // nan, inf and numbers beyond any scheme's scale are refused here, before any
      // arithmetic or Int conversion sees them.
      guard let d = v.double ?? v.int.map(Double.init), Points.isInRange(d) else {
        throw fail(locator.key(key, from: line), MessageKeys.schemeBadValue, key, String(describing: v))
      }
      return d
    }
    func tables(_ t: TOMLTable, _ key: String, at line: Int) throws -> [TOMLTable] {
      guard let v = t[key] else { return [] }
      guard let a = v.array else {
        throw fail(locator.key(key, from: line), MessageKeys.schemeBadValue, key, "")
      }
      return try a.map { e in
        guard let tt = e.table else {
          throw fail(locator.key(key, from: line), MessageKeys.schemeBadValue, key, "")
        }
        return tt
      }
    }
    func indicator(_ t: TOMLTable, line: Int) throws -> Indicator {
      let id = try string(t, "id", at: line)
      let methodText = try string(t, "method", at: line)
      guard let method = ScoringMethod(rawValue: methodText) else {
        throw fail(locator.key("method", from: line), MessageKeys.schemeUnknownMethod, methodText)
      }
      var levels: [ScoreLevel] = []
      for lt in try tables(t, "levels", at: line) {
        let levelLine = locator.key("levels", from: line)
        levels.append(
          ScoreLevel(
            name: try string(lt, "name", at: levelLine), points: try number(lt, "points", at: levelLine)))
      }
      var evidence = false
      if let e = t["evidence"] {
        guard let b = e.bool else {
          throw fail(
            locator.key("evidence", from: line), MessageKeys.schemeBadValue, "evidence", String(describing: e)
          )
        }
        evidence = b
      }
      return Indicator(
        id: id, name: try string(t, "name", at: line),
        maxPoints: try number(t, "max", at: line, default: method == .veto ? 0 : nil),
        standard: try string(t, "standard", at: line, required: false),
        checkMethod: try string(t, "check", at: line, required: false), method: method,
        perUnit: try number(t, "per", at: line, default: 0), levels: levels, evidenceRequired: evidence)
    }

    let top = 1
    let periodText = try string(root, "period", at: top, required: false)
    guard let period = periodText.isEmpty ? .quarter : PeriodType(rawValue: periodText) else {
      throw fail(locator.key("period", from: top), MessageKeys.schemeBadValue, "period", periodText)
    }
    let modeText = try string(root, "general_branch_mode", at: top, required: false)
    guard let mode = modeText.isEmpty ? .own : GeneralBranchMode(rawValue: modeText) else {
      throw fail(
        locator.key("general_branch_mode", from: top), MessageKeys.schemeBadValue, "general_branch_mode",
        modeText)
    }
    var thresholds = GradeThresholds.standard
    if let g = root["grades"] {
      guard let gt = g.table else {
        throw fail(locator.key("grades", from: top), MessageKeys.schemeBadValue, "grades", "")
      }
      let gl = locator.header("grades") ?? top
      thresholds = GradeThresholds(
        excellent: try number(gt, "excellent", at: gl, default: 0.9),
        good: try number(gt, "good", at: gl, default: 0.8),
        pass: try number(gt, "pass", at: gl, default: 0.6))
    }
    var dimensions: [SchemeDimension] = []
    for (k, dt) in try tables(root, "dimension", at: top).enumerated() {
      let line = locator.dimensionLines.count > k ? locator.dimensionLines[k].line : top
      var indicators: [Indicator] = []
      for (j, it) in try tables(dt, "indicator", at: line).enumerated() {
        let il =
          locator.dimensionLines.count > k && locator.dimensionLines[k].indicators.count > j
          ? locator.dimensionLines[k].indicators[j] : line
        indicators.append(try indicator(it, line: il))
      }
      dimensions.append(
        SchemeDimension(
          id: try string(dt, "id", at: line), name: try string(dt, "name", at: line),
          maxPoints: try number(dt, "max", at: line), indicators: indicators))
    }
    var extras: [Indicator] = []
    for (j, it) in try tables(root, "extra", at: top).enumerated() {
      extras.append(try indicator(it, line: locator.extraLines.count > j ? locator.extraLines[j] : top))
    }
    var cap: Double? = nil
    if root["excellent_cap"] != nil { cap = try number(root, "excellent_cap", at: top) }
    let versionValue = try number(root, "version", at: top, default: 1)
    guard versionValue >= 1, versionValue == versionValue.rounded() else {
      throw fail(
        locator.key("version", from: top), MessageKeys.schemeBadValue, "version", Points.format(versionValue))
    }
    let scheme = Scheme(
      id: try string(root, "id", at: top), name: try string(root, "name", at: top),
      version: Int(versionValue), totalPoints: try number(root, "total", at: top), periodType: period,
      thresholds: thresholds, excellentCap: cap, generalBranchMode: mode, dimensions: dimensions,
      extras: extras)
    if let issue = scheme.validate().first {
      throw SchemeFileError(file: file, line: locator.line(of: issue, in: scheme), problem: issue.message)
    }
    return scheme
  }

  /// Reads and parses the scheme file at `path` (for `gongzhi scheme import FILE`).
  /// Throws `StoreError.cannotOpen` for an unreadable file, `SchemeFileError` for a bad one.
  public static func load(path: String) throws -> Scheme {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError.cannotOpen(path, "cannot read file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      // A TOML file, not a spreadsheet: the advice is about the text encoding only.
      throw SchemeFileError(
        file: path, line: firstNonUTF8Line(data), problem: Message("error.scheme.notUTF8"))
    }
    return try parse(text: text, file: path)
  }

  /// The line of the first byte sequence that is not UTF-8 (1 when there is none).
  static func firstNonUTF8Line(_ data: Data) -> Int {
    var line = 1
    var bytes = data.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &bytes) {
      case .valid(let encoded): if encoded.count == 1 && encoded.first == 0x0A { line += 1 }
      case .error: return line
      case .emptyInput: return line
      }
    }
  }

  /// The scheme as TOML that `parse` reads back to an equal scheme.
  public static func write(_ scheme: Scheme) -> String {
    var out = ""
    func put(_ key: String, _ value: String) { out += "\(key) = \(value)\n" }
    func num(_ v: Double) -> String { Points.format(v) }
    put("id", quote(scheme.id))
    put("name", quote(scheme.name))
    put("version", String(scheme.version))
    put("total", num(scheme.totalPoints))
    put("period", quote(scheme.periodType.rawValue))
    put("general_branch_mode", quote(scheme.generalBranchMode.rawValue))
    if let cap = scheme.excellentCap { put("excellent_cap", num(cap)) }
    out += "\n[grades]\n"
    put("excellent", num(scheme.thresholds.excellent))
    put("good", num(scheme.thresholds.good))
    put("pass", num(scheme.thresholds.pass))
    func indicator(_ i: Indicator, header: String) {
      out += "\n[[\(header)]]\n"
      put("id", quote(i.id))
      put("name", quote(i.name))
      put("max", num(i.maxPoints))
      put("method", quote(i.method.rawValue))
      if i.perUnit != 0 { put("per", num(i.perUnit)) }
      put("evidence", i.evidenceRequired ? "true" : "false")
      if !i.standard.isEmpty { put("standard", quote(i.standard)) }
      if !i.checkMethod.isEmpty { put("check", quote(i.checkMethod)) }
      if !i.levels.isEmpty {
        let levels = i.levels.map { "{ name = \(quote($0.name)), points = \(num($0.points)) }" }
        put("levels", "[" + levels.joined(separator: ", ") + "]")
      }
    }
    for d in scheme.dimensions {
      out += "\n[[dimension]]\n"
      put("id", quote(d.id))
      put("name", quote(d.name))
      put("max", num(d.maxPoints))
      for i in d.indicators { indicator(i, header: "dimension.indicator") }
    }
    for i in scheme.extras { indicator(i, header: "extra") }
    return out
  }

  /// A TOML basic string.
  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if u.value < 0x20 || u.value == 0x7F {
          let hex = String(u.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// Finds line numbers in the source text: TOMLKit gives none for values.
  struct Locator {
    let lines: [String]
    var dimensionLines: [(line: Int, indicators: [Int])] = []
    var extraLines: [Int] = []

    init(text: String) {
      lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0).trimmingCharacters(in: .whitespaces)
      }
      for (i, l) in lines.enumerated() {
        let header = l.replacingOccurrences(of: " ", with: "")
        if header.hasPrefix("[[dimension]]") {
          dimensionLines.append((i + 1, []))
        } else if header.hasPrefix("[[dimension.indicator]]"), !dimensionLines.isEmpty {
          dimensionLines[dimensionLines.count - 1].indicators.append(i + 1)
        } else if header.hasPrefix("[[extra]]") {
          extraLines.append(i + 1)
        }
      }
    }

    /// The line of `[name]`.
    func header(_ name: String) -> Int? {
      lines.firstIndex { $0.replacingOccurrences(of: " ", with: "").hasPrefix("[\(name)]") }.map { $0 + 1 }
    }

    /// The line assigning `key` in the table starting at `line` (before the next table
    /// header), else `line` itself.
    func key(_ key: String, from line: Int) -> Int {
      var i = max(0, line - 1)
      if i < lines.count, lines[i].hasPrefix("[") { i += 1 }
      while i < lines.count, !lines[i].hasPrefix("[") {
        let l = lines[i]
        if l.hasPrefix(key) {
          let rest = l.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
          if rest.first == "=" { return i + 1 }
        }
        i += 1
      }
      return line
    }

    /// The line of an issue found by `Scheme.validate`.
    func line(of issue: SchemeIssue, in scheme: Scheme) -> Int {
      var table = 1
      if issue.path != "scheme" {
        // The (last) table whose id is `path`: a duplicate id points at its second use.
        var found: Int? = nil
        for (k, d) in scheme.dimensions.enumerated() {
          let dl = k < dimensionLines.count ? dimensionLines[k] : (line: 1, indicators: [])
          if d.id == issue.path { found = dl.line }
          for (j, i) in d.indicators.enumerated() where i.id == issue.path {
            found = j < dl.indicators.count ? dl.indicators[j] : dl.line
          }
        }
        for (j, i) in scheme.extras.enumerated() where i.id == issue.path {
          found = j < extraLines.count ? extraLines[j] : 1
        }
        table = found ?? 1
      } else if issue.field == "grades" {
        return header("grades") ?? 1
      }
      return key(issue.field, from: table)
    }
  }
}
