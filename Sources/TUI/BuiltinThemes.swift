// The built-in themes. `builtinDefault` is used when no theme file can be read and
// equals Themes/default.toml; `mono` is used for NO_COLOR and equals Themes/mono.toml
// (tests check both).

extension Theme {
  /// The fallback theme, identical to `Themes/default.toml`.
  public static let builtinDefault = Theme(
    name: "default",
    roles: [
      "normal": role(nil, nil, nil, nil, nil, nil, [], []),
      "title": role("#ffd787", nil, 222, nil, 3, nil, [.bold], [.bold]),
      "tab": role("#bcbcbc", nil, 250, nil, 7, nil, [], []),
      "tab.active": role("#1c1c1c", "#ffd787", 234, 222, 0, 3, [.bold], [.bold, .reverse]),
      "selected": role("#ffffff", "#005f87", 231, 24, 15, 4, [.bold], [.reverse]),
      "selected.inactive": role(nil, "#3a3a3a", nil, 237, 0, 7, [], [.underline]),
      "muted": role("#808080", nil, 244, nil, 8, nil, [], [.dim]),
      "danger": role("#ff5f5f", nil, 203, nil, 9, nil, [.bold], [.bold, .underline]),
      "warning": role("#ffaf5f", nil, 215, nil, 3, nil, [], [.bold]),
      "ok": role("#87d787", nil, 114, nil, 2, nil, [], []),
      "border": role("#585858", nil, 240, nil, 8, nil, [], []),
      "header": role("#87afd7", nil, 110, nil, 6, nil, [.bold], [.bold]),
      "status": role("#d0d0d0", "#262626", 252, 235, 0, 7, [], [.reverse]),
      "input": role("#ffffff", "#303030", 231, 236, 15, 4, [], [.underline]),
      "dialog": role("#e4e4e4", "#303a4a", 254, 237, 0, 7, [], []),
      "key": role("#ffd787", nil, 222, nil, 3, nil, [.bold], [.bold]),
      "grade.excellent": role("#5fd787", nil, 78, nil, 10, nil, [.bold], [.bold]),
      "grade.good": role("#87afff", nil, 111, nil, 14, nil, [], [.bold]),
      "grade.pass": role("#d7d787", nil, 186, nil, 3, nil, [], [.bold]),
      "grade.fail": role("#ff5f5f", nil, 203, nil, 9, nil, [.bold], [.bold, .underline]),
      "chart.bar": role("#5f87af", nil, 67, nil, 6, nil, [], []),
      "chart.target": role("#ffaf00", nil, 214, nil, 11, nil, [.bold], [.bold]),
      "big": role("#ffd787", nil, 222, nil, 11, nil, [.bold], [.bold]),
    ])

  /// Attributes only, no colour: for `NO_COLOR` and monochrome terminals. Equal to `Themes/mono.toml`.
  public static let mono = Theme(
    name: "mono",
    roles: [
      "normal": role(nil, nil, nil, nil, nil, nil, [], []),
      "title": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "tab": role(nil, nil, nil, nil, nil, nil, [], []),
      "tab.active": role(nil, nil, nil, nil, nil, nil, [.bold, .reverse], [.bold, .reverse]),
      "selected": role(nil, nil, nil, nil, nil, nil, [.reverse], [.reverse]),
      "selected.inactive": role(nil, nil, nil, nil, nil, nil, [.underline], [.underline]),
      "muted": role(nil, nil, nil, nil, nil, nil, [.dim], [.dim]),
      "danger": role(nil, nil, nil, nil, nil, nil, [.bold, .underline], [.bold, .underline]),
      "warning": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "ok": role(nil, nil, nil, nil, nil, nil, [], []),
      "border": role(nil, nil, nil, nil, nil, nil, [], []),
      "header": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "status": role(nil, nil, nil, nil, nil, nil, [.reverse], [.reverse]),
      "input": role(nil, nil, nil, nil, nil, nil, [.underline], [.underline]),
      "dialog": role(nil, nil, nil, nil, nil, nil, [], []),
      "key": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "grade.excellent": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "grade.good": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "grade.pass": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "grade.fail": role(nil, nil, nil, nil, nil, nil, [.bold, .underline], [.bold, .underline]),
      "chart.bar": role(nil, nil, nil, nil, nil, nil, [], []),
      "chart.target": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
      "big": role(nil, nil, nil, nil, nil, nil, [.bold], [.bold]),
    ], isMonochrome: true)

  /// One role's style from compact values: "#rrggbb" truecolor, 256-colour and 16-colour
  /// indexes; nil is the terminal default.
  private static func role(
    _ tcFg: String?, _ tcBg: String?, _ c256Fg: Int?, _ c256Bg: Int?, _ c16Fg: Int?, _ c16Bg: Int?,
    _ attributes: Set<TextAttribute>, _ mono: Set<TextAttribute>
  ) -> RoleStyle {
    func hex(_ s: String?) -> ThemeColor {
      guard let s, let v = UInt32(s.dropFirst(), radix: 16) else { return .terminalDefault }
      return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }
    func index(_ i: Int?) -> ThemeColor { i.map { .indexed($0) } ?? .terminalDefault }
    return RoleStyle(
      truecolor: .init(foreground: hex(tcFg), background: hex(tcBg)),
      color256: .init(foreground: index(c256Fg), background: index(c256Bg)),
      color16: .init(foreground: index(c16Fg), background: index(c16Bg)),
      attributes: attributes, monoAttributes: mono)
  }
}
