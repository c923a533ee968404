// The built-in themes: every file in Themes/ is compiled in (BuiltinThemeFiles.swift),
// so a binary copied anywhere still has them; files on disk of the same name win.

extension Theme {
  /// The fallback theme, `Themes/default.toml`.
  public static let builtinDefault = builtin("default")!

  /// Attributes only, no colour: for `NO_COLOR` and monochrome terminals (`Themes/mono.toml`).
  public static let mono = builtin("mono")!

  /// A compiled-in theme by name; nil when there is none of that name. The texts are
  /// the shipped files, which a test parses, so a parse failure here cannot happen.
  public static func builtin(_ name: String) -> Theme? {
    guard let text = builtinFiles[name] else { return nil }
    return try? Theme.parse(toml: text, source: "Themes/\(name).toml")
  }
}
