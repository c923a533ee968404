/// How a column of an export is typed in a spreadsheet (XLSX). A CSV carries only
/// text; the CSV's columns stay the source of truth, and this says which of them a
/// spreadsheet should hold as numbers or dates rather than as text.
public enum SheetColumnKind: Sendable, Equatable {
  case text
  /// A figure (score, count, rate): a numeric cell. A value that is not a number
  /// (a hidden group's `n<5`) stays text.
  case number
  /// `YYYY-MM-DD`: a date cell.
  case date
  /// The audit clock's `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC): a date-time cell.
  case timestamp
}

/// One export's worksheet: its name and the kind of each CSV column, by header.
public struct SheetSchema: Sendable {
  /// The worksheet's name (Chinese, like the CSV headers, whatever the interface language).
  public let name: String
  let kinds: [String: SheetColumnKind]
  /// The kind of a column not listed (assessments name their dimension columns after
  /// the scheme, so there everything unlisted is a figure).
  let otherwise: SheetColumnKind

  public init(name: String, kinds: [String: SheetColumnKind], otherwise: SheetColumnKind = .text) {
    self.name = name
    self.kinds = kinds
    self.otherwise = otherwise
  }

  public func kind(of header: String) -> SheetColumnKind { kinds[header] ?? otherwise }

  static func dates(_ headers: [String]) -> [String: SheetColumnKind] {
    Dictionary(uniqueKeysWithValues: headers.map { ($0, .date) })
  }

  /// `export members`: 联系电话 stays text (a leading 0 or + is part of the number).
  public static let members = SheetSchema(name: "党员", kinds: dates(["出生日期", "入党日期"]))

  public static let proposals = SheetSchema(
    name: "提案",
    kinds: dates(ProposalExport.csvHeader.filter { $0.hasSuffix("日期") || $0.hasSuffix("期限") }))

  public static let proposalSteps = SheetSchema(
    name: "办理经过", kinds: ["日期": .date, "记录时间": .timestamp])

  /// Everything but these is a figure: 排名, the dimension subtotals, 加分, 总分, 升降.
  public static let assessments = SheetSchema(
    name: "考评",
    kinds: Dictionary(
      uniqueKeysWithValues: ["考评期", "类型", "单位", "所属总支", "类别", "状态", "一票否决", "等次", "超优秀比例"].map {
        ($0, SheetColumnKind.text)
      }),
    otherwise: .number)

  /// 起始月 and 截止月 are months (`2026-07`), kept as the text the import reads.
  public static let satisfaction = SheetSchema(
    name: "满意度",
    kinds: ["样本量": .number, "满意率(%)": .number, "均分": .number, "目标(%)": .number])

  public static let disclosures = SheetSchema(
    name: "公开事项", kinds: dates(["登记日期", "事项发生日期", "最近公开日期", "下次到期"]))
}

extension SheetSchema {
  /// A CSV field as the data it stands for: the export's formula guard (a `'` before
  /// `=`, `+`, `-` or `@`) removed. A spreadsheet's text cell is never a formula, so
  /// the XLSX holds the text itself.
  public static func unguarded(_ field: String) -> String { MemberCSV.unguard(field) }
}
