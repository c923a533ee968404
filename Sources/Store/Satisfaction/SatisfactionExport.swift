import Domain
import Foundation

/// Satisfaction reports for a month range (e.g. a quarter), from the rollups.
/// Groups with fewer than k responses show `n<k` instead of scores.
public enum SatisfactionExport {
  /// One row of a report: a population's whole hospital or a department, overall or one item.
  struct Line {
    var population: SatisfactionPopulation
    var department: String
    var item: SatisfactionItem?
    var score: GroupScore
  }

  static func lines(from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore, k: Int) throws
    -> [Line]
  {
    let instruments = try store.satisfaction.instruments()
    return try store.db.read { db in
      var out: [Line] = []
      for inst in instruments {
        let p = inst.population
        let whole =
          try GRDBSatisfactionRepository.groups(
            db, p, from: from, to: to, department: nil, byMonth: false, byDepartment: false
          ).values.first ?? RollupGroup()
        out.append(Line(population: p, department: "", item: nil, score: whole.score(k: k)))
        for item in inst.items {
          out.append(Line(population: p, department: "", item: item, score: whole.itemScore(item.code, k: k)))
        }
        let byDept = try GRDBSatisfactionRepository.groups(
          db, p, from: from, to: to, department: nil, byMonth: false, byDepartment: true)
        for (key, g) in byDept.sorted(by: { $0.key < $1.key }) {
          let dept = String(key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)[1])
          out.append(Line(population: p, department: dept, item: nil, score: g.score(k: k)))
          for item in inst.items {
            out.append(Line(population: p, department: dept, item: item, score: g.itemScore(item.code, k: k)))
          }
        }
      }
      return out
    }
  }

  /// Populations with any answers (shown or under k) in the month range, from the rollups.
  public static func populationsWithData(from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore)
    throws -> Set<SatisfactionPopulation>
  {
    try store.db.read { db in
      try Set(
        SatisfactionPopulation.allCases.filter { p in
          let whole = try GRDBSatisfactionRepository.groups(
            db, p, from: from, to: to, department: nil, byMonth: false, byDepartment: false
          ).values.first
          return (whole?.score(k: 1) ?? .noData) != .noData
        })
    }
  }

  /// The sample size as a report prints it: a hidden group's size is not revealed ("n<5").
  static func sample(_ score: GroupScore) -> String {
    if case .suppressed(_, let k) = score { return "n<\(k)" }
    return String(score.n)
  }

  static func number(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) + ".0" : String(r)
  }

  /// UTF-8 with BOM, CRLF, RFC 4180 quoting and formula neutralisation. Columns:
  /// 起始月, 截止月, 人群, 科室 (全院 for the whole hospital), 条目 (总体 for the whole
  /// questionnaire), 样本量, 满意率(%), 均分, 目标(%), 低于目标. A group under k shows
  /// `n<k` for its size and scores and no verdict; a group without data, no scores and
  /// no verdict.
  public static func csv(
    from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore, k: Int = GroupScore.defaultK
  ) throws -> String {
    let targets = try store.satisfaction.targets()
    var out = "\u{FEFF}"
    let header = ["起始月", "截止月", "人群", "科室", "条目代码", "条目", "样本量", "满意率(%)", "均分", "目标(%)", "低于目标"]
    out += header.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    for line in try lines(from: from, to: to, store: store, k: k) {
      var rate = ""
      var mean = ""
      switch line.score {
      case .score(let s):
        rate = number(s.rate)
        mean = number(s.mean)
      case .suppressed(_, let k):
        rate = "n<\(k)"
        mean = "n<\(k)"
      case .noData: break
      }
      // A verdict only for a whole questionnaire with a score shown.
      let verdict =
        line.item == nil && line.score.score != nil
        ? (targets.isBelow(line.score, line.population) ? "是" : "否") : ""
      let row = [
        from.description, to.description, line.population.chinese,
        line.department.isEmpty ? "全院" : line.department, line.item?.code ?? "", line.item?.title ?? "总体",
        sample(line.score), rate, mean, line.item == nil ? number(targets[line.population]) : "", verdict,
      ]
      out += row.map(MemberCSV.cell).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// One month of a population's whole-hospital trend, with its figures as the CSV of
  /// that month prints them (`n<k` and no value for a group under k).
  public struct TrendMonth: Hashable, Sendable {
    public var month: SatisfactionMonth
    public var sample: String
    /// 满意率 to one decimal as printed; nil when the month shows no figure.
    public var rate: String?
    public var rateValue: Double?
    public var belowTarget: Bool
  }

  /// The whole hospital's 满意率 of `population` month by month from `from` to `to`,
  /// each month computed exactly as `csv(from: month, to: month)` computes it.
  public static func trend(
    _ population: SatisfactionPopulation, from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore,
    k: Int = GroupScore.defaultK
  ) throws -> [TrendMonth] {
    let targets = try store.satisfaction.targets()
    var out: [TrendMonth] = []
    var m = from
    while m <= to {
      let whole = try store.db.read { db in
        try GRDBSatisfactionRepository.groups(
          db, population, from: m, to: m, department: nil, byMonth: false, byDepartment: false
        ).values.first ?? RollupGroup()
      }.score(k: k)
      if whole != .noData {
        out.append(
          TrendMonth(
            month: m, sample: sample(whole), rate: whole.rate.map(number),
            rateValue: whole.rate.map(SatisfactionTargets.shown),
            belowTarget: targets.isBelow(whole, population)))
      }
      m = m.adding(months: 1)
    }
    return out
  }

  /// Label keys `markdown` asks the App for (besides `satisfaction.population.<raw value>`).
  public static let labelKeys = [
    "satisfaction.report.title", "satisfaction.report.hospital", "satisfaction.report.department",
    "satisfaction.report.item", "satisfaction.report.n", "satisfaction.report.rate",
    "satisfaction.report.mean",
    "satisfaction.report.target", "satisfaction.report.belowTarget", "satisfaction.report.suppressed",
    "satisfaction.report.weakest", "satisfaction.report.ranking", "satisfaction.report.noData",
  ]

  /// A Markdown report: per population the whole-hospital figures against target,
  /// the department ranking and the five weakest items; a population without data in
  /// the range says so. `labels` maps the keys in `labelKeys` and
  /// `satisfaction.population.*` to the user's language, filling `{0}`… with the arguments.
  public static func markdown(
    from: SatisfactionMonth, to: SatisfactionMonth, store: GongzhiStore,
    labels table: (_ key: String, _ arguments: [String]) -> String, k: Int = GroupScore.defaultK
  ) throws -> String {
    func labels(_ key: String, _ arguments: String...) -> String { table(key, arguments) }
    let targets = try store.satisfaction.targets()
    let all = try lines(from: from, to: to, store: store, k: k)
    func cells(_ s: GroupScore) -> (String, String) {
      switch s {
      case .score(let x): return (number(x.rate), number(x.mean))
      case .suppressed(_, let k): return ("n<\(k)", "n<\(k)")
      case .noData: return ("–", "–")
      }
    }
    func esc(_ s: String) -> String {
      s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }
    var md = "# \(labels("satisfaction.report.title")) \(from)–\(to)\n"
    for p in SatisfactionPopulation.allCases {
      let mine = all.filter { $0.population == p }
      md += "\n## \(labels("satisfaction.population.\(p.rawValue)"))\n\n"
      guard let whole = mine.first(where: { $0.department.isEmpty && $0.item == nil }), whole.score != .noData
      else {
        md += labels("satisfaction.report.noData", from.description, to.description) + "\n"
        continue
      }
      let (rate, mean) = cells(whole.score)
      let below = targets.isBelow(whole.score, p) ? " ▼ \(labels("satisfaction.report.belowTarget"))" : ""
      md += "| \(labels("satisfaction.report.n")) | \(labels("satisfaction.report.rate")) | "
      md += "\(labels("satisfaction.report.mean")) | \(labels("satisfaction.report.target")) |\n"
      md += "|---:|---:|---:|---:|\n"
      md += "| \(sample(whole.score)) | \(rate)\(below) | \(mean) | \(number(targets[p])) |\n"

      md += "\n### \(labels("satisfaction.report.ranking"))\n\n"
      md += "| # | \(labels("satisfaction.report.department")) | \(labels("satisfaction.report.n")) | "
      md += "\(labels("satisfaction.report.rate")) | \(labels("satisfaction.report.mean")) |\n"
      md += "|---:|---|---:|---:|---:|\n"
      // Departments with figures shown, by 满意率 (then mean), get a rank; those under k
      // follow without one.
      let depts = mine.filter { !$0.department.isEmpty && $0.item == nil && $0.score != .noData }.sorted {
        a, b in
        switch (a.score.score, b.score.score) {
        case (let x?, let y?):
          return x.isHigher(than: y, by: .rate) ?? (a.department < b.department)
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.department < b.department
        }
      }
      for (i, d) in depts.enumerated() {
        let (r, m) = cells(d.score)
        let mark = targets.isBelow(d.score, p) ? " ▼" : ""
        let rank = d.score.score != nil ? String(i + 1) : ""
        md += "| \(rank) | \(esc(d.department)) | \(sample(d.score)) | \(r)\(mark) | \(m) |\n"
      }

      md += "\n### \(labels("satisfaction.report.weakest"))\n\n"
      md += "| \(labels("satisfaction.report.item")) | \(labels("satisfaction.report.n")) | "
      md += "\(labels("satisfaction.report.rate")) | \(labels("satisfaction.report.mean")) |\n"
      md += "|---|---:|---:|---:|\n"
      let items = mine.filter { $0.department.isEmpty && $0.item != nil && $0.score.score != nil }
        .sorted { ($0.score.rate ?? 0, $0.item!.code) < ($1.score.rate ?? 0, $1.item!.code) }
      for it in items.prefix(5) {
        let (r, m) = cells(it.score)
        md += "| \(esc(it.item!.title)) | \(it.score.n) | \(r) | \(m) |\n"
      }
      if mine.contains(where: { $0.score.isSuppressed }) {
        md += "\n\(labels("satisfaction.report.suppressed", String(k)))\n"
      }
    }
    return md
  }
}
