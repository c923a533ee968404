/// A named style role. Screens draw with roles; the theme decides what a role
/// looks like on the current terminal, so meaning never depends on one palette.
public struct StyleRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let name: String
  public init(_ name: String) { self.name = name }
  public init(stringLiteral value: String) { self.name = value }
  public var description: String { name }

  public static let normal: StyleRole = "normal"
  public static let title: StyleRole = "title"
  public static let tab: StyleRole = "tab"
  public static let tabActive: StyleRole = "tab.active"
  public static let selected: StyleRole = "selected"
  public static let selectedInactive: StyleRole = "selected.inactive"
  public static let muted: StyleRole = "muted"
  public static let danger: StyleRole = "danger"
  public static let warning: StyleRole = "warning"
  public static let ok: StyleRole = "ok"
  public static let border: StyleRole = "border"
  public static let header: StyleRole = "header"
  public static let status: StyleRole = "status"
  public static let input: StyleRole = "input"
  public static let dialog: StyleRole = "dialog"
  public static let key: StyleRole = "key"
  public static let gradeExcellent: StyleRole = "grade.excellent"
  public static let gradeGood: StyleRole = "grade.good"
  public static let gradePass: StyleRole = "grade.pass"
  public static let gradeFail: StyleRole = "grade.fail"
  public static let chartBar: StyleRole = "chart.bar"
  public static let chartTarget: StyleRole = "chart.target"
  public static let bigDigits: StyleRole = "big"

  /// Every role a theme file must define.
  public static let all: [StyleRole] = [
    .normal, .title, .tab, .tabActive, .selected, .selectedInactive, .muted, .danger, .warning, .ok,
    .border, .header, .status, .input, .dialog, .key, .gradeExcellent, .gradeGood, .gradePass,
    .gradeFail, .chartBar, .chartTarget, .bigDigits,
  ]
}
