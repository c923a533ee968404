import Domain
import Foundation
import Store
import TUI

/// The interface language. Simplified Chinese is the default; Traditional Chinese is
/// the Simplified text converted by OpenCC (data, such as the demo hospital, stays as stored).
public enum Language: String, CaseIterable, Sendable {
  case zhHans = "zh-Hans"
  case zhHant = "zh-Hant"
  case en

  /// `--lang` wins, then `GONGZHI_LANG`; values like `en`, `en_US`, `zh`, `zh-CN` are
  /// understood, and `zh-Hant`, `zh_TW`, `zh-HK`, `zh_MO.UTF-8` mean Traditional Chinese.
  public static func resolve(flag: String?, environment: [String: String]) -> Language {
    for candidate in [flag, environment["GONGZHI_LANG"]] {
      guard let value = candidate?.lowercased(), !value.isEmpty else { continue }
      if value.hasPrefix("en") { return .en }
      if value.hasPrefix("zh") { return isTraditional(value) ? .zhHant : .zhHans }
    }
    return .zhHans
  }

  /// `zh-hant…`, or a region that writes Traditional characters (Taiwan, Hong Kong,
  /// Macau) unless a script says otherwise (`zh-Hans-HK` is Simplified).
  static func isTraditional(_ lowercased: String) -> Bool {
    let parts = lowercased.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == "@" })
      .dropFirst().prefix(2)
    if parts.contains("hans") { return false }
    return parts.contains { ["hant", "tw", "hk", "mo"].contains($0) }
  }

  /// Whether the interface is Chinese (either script): spacing and word order follow.
  public var isChinese: Bool { self != .en }
}

/// User-facing text, looked up by key in the language's string table. A missing key
/// shows as the key itself (and a test fails if any key is missing from a table).
public struct Strings: Sendable {
  public let language: Language
  let table: [String: String]

  public init(_ language: Language) {
    self.language = language
    switch language {
    case .zhHans: table = StringTables.zhHans
    case .zhHant: table = StringTables.zhHant
    case .en: table = StringTables.en
    }
  }

  /// The text for `key` with `{0}`, `{1}` … replaced by `args`.
  public func callAsFunction(_ key: String, _ args: String...) -> String {
    format(key, args)
  }

  public func format(_ key: String, _ args: [String]) -> String {
    var text = table[key] ?? key
    let named = StringTables.namedArguments[key] ?? [:]
    for (i, arg) in args.enumerated() {
      // A code name (a state, an action, a role) shown in the user's words.
      let shown = named[i].flatMap { table[$0 + arg] } ?? arg
      text = text.replacingOccurrences(of: "{\(i)}", with: shown)
    }
    return text
  }

  public func message(_ message: some UserMessage) -> String {
    format(message.key, message.args)
  }

  /// The words for any error that reaches the user: known messages through the
  /// tables, anything else with its own description.
  public func describe(_ error: any Error) -> String {
    switch error {
    case let located as ImportError:
      // FILE:LINE:COLUMN: problem, as compilers print it, so editors can jump there;
      // FILE:SHEET!A12: problem for a workbook, as the spreadsheet names the cell.
      let a = located.args
      let place = located.sheet == nil ? a.joined(separator: ":") : "\(a[0]):\(a[1])!\(a[2])"
      return "\(place): \(message(located.problem))"
    case let scheme as SchemeFileError:
      // FILE:LINE: problem, like the import errors.
      return "\(scheme.file):\(scheme.line): \(message(scheme.problem))"
    case StoreError.invalid(let issues):
      return issues.map { message($0.message) }.joined(separator: "; ")
    case let theme as ThemeError:
      return format(theme.key, theme.args)
    case let m as any UserMessage:
      return format(m.key, m.args)
    default:
      return String(describing: error)
    }
  }
}
