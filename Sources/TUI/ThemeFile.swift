import Domain
import Foundation
import TOMLKit

/// A theme file that could not be used. `description` is one English line naming
/// the file and the problem; `key` and `args` let the application show it in the
/// user's language (`args[0]` is always the file).
public struct ThemeError: Error, CustomStringConvertible, Hashable, Sendable {
  public var key: String
  public var args: [String]
  public var description: String

  public init(key: String, args: [String], description: String) {
    self.key = key
    self.args = args
    self.description = description
  }

  static func unreadable(_ source: String, _ reason: String) -> ThemeError {
    ThemeError(
      key: "error.theme.unreadable", args: [source, reason],
      description: "\(source): cannot read theme file: \(reason)")
  }
  static func syntax(_ source: String, line: Int?, _ message: String) -> ThemeError {
    let at = line.map { " at line \($0)" } ?? ""
    return ThemeError(
      key: "error.theme.syntax", args: [source, line.map(String.init) ?? "", message],
      description: "\(source): TOML syntax error\(at): \(message)")
  }
  static func missingRole(_ source: String, _ role: String) -> ThemeError {
    ThemeError(
      key: "error.theme.missingRole", args: [source, role],
      description: "\(source): role \"\(role)\" is missing")
  }
  static func badColor(_ source: String, role: String, field: String, value: String) -> ThemeError {
    ThemeError(
      key: "error.theme.badColor", args: [source, role, field, value],
      description: "\(source): role \"\(role)\": bad colour \(value) for \(field)")
  }
  static func badAttribute(_ source: String, role: String, field: String, value: String) -> ThemeError {
    ThemeError(
      key: "error.theme.badAttribute", args: [source, role, field, value],
      description: "\(source): role \"\(role)\": bad attribute \(value) in \(field)")
  }
  static func badValue(_ source: String, field: String, value: String) -> ThemeError {
    ThemeError(
      key: "error.theme.badValue", args: [source, field, value],
      description: "\(source): bad value \(value) for \(field)")
  }
  static func noFile(_ path: String) -> ThemeError {
    ThemeError(key: "error.theme.noFile", args: [path], description: "\(path): no such theme file")
  }
  static func notFound(_ name: String, searched: [String]) -> ThemeError {
    ThemeError(
      key: "error.theme.notFound", args: [name, searched.joined(separator: ":")],
      description:
        "\(name): no such theme (searched \(searched.isEmpty ? "nothing" : searched.joined(separator: ", ")))"
    )
  }
}

extension ThemeColor {
  /// The 16-colour names a theme file may use, by palette index.
  public static let colorNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
    "bright-cyan", "bright-white",
  ]
}

extension Theme {
  /// Parses a theme file (the format is described at the top of `Themes/default.toml`).
  /// `source` names the file in error messages.
  public static func parse(toml: String, source: String) throws(ThemeError) -> Theme {
    let table: TOMLTable
    if let at = TOMLPreflight.badTableHeader(toml) {
      throw .syntax(source, line: at.line, "expected a key after '[' (column \(at.column))")
    }
    do {
      table = try TOMLTable(string: toml)
    } catch let error as TOMLParseError {
      throw .syntax(source, line: error.source.begin.line, error.description)
    } catch {
      throw .syntax(source, line: nil, "\(error)")
    }
    var name = (source as NSString).lastPathComponent
    if name.hasSuffix(".toml") { name = String(name.dropLast(5)) }
    if let value = table["name"] {
      guard let s = value.string else {
        throw .badValue(source, field: "name", value: value.debugDescription)
      }
      name = s
    }
    var monochrome = false
    if let value = table["monochrome"] {
      guard let b = value.bool else {
        throw .badValue(source, field: "monochrome", value: value.debugDescription)
      }
      monochrome = b
    }
    guard let rolesTable = table["roles"]?.table else {
      throw .missingRole(source, StyleRole.all[0].name)
    }
    var roles: [StyleRole: RoleStyle] = [:]
    for key in rolesTable.keys {
      guard let roleTable = rolesTable[key]?.table else {
        throw .badValue(source, field: "roles.\"\(key)\"", value: rolesTable[key]?.debugDescription ?? "")
      }
      roles[StyleRole(key)] = try parseRole(roleTable, role: key, source: source)
    }
    for role in StyleRole.all where roles[role] == nil {
      throw .missingRole(source, role.name)
    }
    return Theme(name: name, roles: roles, isMonochrome: monochrome)
  }

  private static func parseRole(_ t: TOMLTable, role: String, source: String) throws(ThemeError) -> RoleStyle
  {
    var style = RoleStyle()
    for key in t.keys {
      switch key {
      case "truecolor", "color256", "color16", "attrs", "mono": break
      default:
        throw .badValue(source, field: "roles.\"\(role)\".\(key)", value: t[key]?.debugDescription ?? "")
      }
    }
    style.truecolor = try parseColors(t, "truecolor", role: role, source: source)
    style.color256 = try parseColors(t, "color256", role: role, source: source)
    style.color16 = try parseColors(t, "color16", role: role, source: source)
    style.attributes = try parseAttributes(t, "attrs", role: role, source: source)
    style.monoAttributes = try parseAttributes(t, "mono", role: role, source: source)
    return style
  }

  private static func parseColors(_ t: TOMLTable, _ depth: String, role: String, source: String)
    throws(ThemeError)
    -> RoleStyle.Colors
  {
    guard let value = t[depth] else { return RoleStyle.Colors() }
    guard let pair = value.table else {
      throw .badColor(source, role: role, field: depth, value: value.debugDescription)
    }
    var colors = RoleStyle.Colors()
    for key in pair.keys {
      let field = "\(depth).\(key)"
      let raw = pair[key]!
      guard let color = parseColor(raw, depth: depth) else {
        throw .badColor(source, role: role, field: field, value: raw.debugDescription)
      }
      switch key {
      case "fg": colors.foreground = color
      case "bg": colors.background = color
      default: throw .badColor(source, role: role, field: field, value: raw.debugDescription)
      }
    }
    return colors
  }

  private static func parseColor(_ value: TOMLValueConvertible, depth: String) -> ThemeColor? {
    if let s = value.string {
      if s == "default" { return .terminalDefault }
      switch depth {
      case "truecolor":
        let hex = s.utf8
        guard hex.count == 7, s.hasPrefix("#"), let v = UInt32(s.dropFirst(), radix: 16) else { return nil }
        return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
      case "color16":
        return ThemeColor.colorNames.firstIndex(of: s).map { .indexed($0) }
      default: return nil
      }
    }
    if let i = value.int, value.bool == nil {
      switch depth {
      case "color256" where (0...255).contains(i): return .indexed(i)
      case "color16" where (0...15).contains(i): return .indexed(i)
      default: return nil
      }
    }
    return nil
  }

  private static func parseAttributes(_ t: TOMLTable, _ field: String, role: String, source: String)
    throws(ThemeError) -> Set<TextAttribute>
  {
    guard let value = t[field] else { return [] }
    guard let array = value.array else {
      throw .badAttribute(source, role: role, field: field, value: value.debugDescription)
    }
    var out: Set<TextAttribute> = []
    for element in array {
      guard let s = element.string, let a = TextAttribute(rawValue: s) else {
        throw .badAttribute(source, role: role, field: field, value: element.debugDescription)
      }
      out.insert(a)
    }
    return out
  }

  /// The theme as a theme file (roles in `StyleRole.all` order, then any others).
  public func tomlText() -> String {
    var out = "name = \(Self.quote(name))\n"
    if isMonochrome { out += "monochrome = true\n" }
    let extra = roles.keys.filter { !StyleRole.all.contains($0) }.sorted { $0.name < $1.name }
    for role in StyleRole.all + extra {
      guard let style = roles[role] else { continue }
      out += "\n[roles.\(Self.quote(role.name))]\n"
      func colors(_ label: String, _ c: RoleStyle.Colors, _ depth: String) {
        if c == RoleStyle.Colors() { return }
        let pad = String(repeating: " ", count: max(0, 9 - label.count))
        out +=
          "\(label)\(pad) = { fg = \(Self.colorText(c.foreground, depth)), bg = \(Self.colorText(c.background, depth)) }\n"
      }
      colors("truecolor", style.truecolor, "truecolor")
      colors("color256", style.color256, "color256")
      colors("color16", style.color16, "color16")
      func attrs(_ label: String, _ a: Set<TextAttribute>) {
        if a.isEmpty { return }
        let names = TextAttribute.allCases.filter { a.contains($0) }.map { Self.quote($0.rawValue) }
        let pad = String(repeating: " ", count: max(0, 9 - label.count))
        out += "\(label)\(pad) = [\(names.joined(separator: ", "))]\n"
      }
      attrs("attrs", style.attributes)
      attrs("mono", style.monoAttributes)
    }
    return out
  }

  static func quote(_ s: String) -> String { "\"" + s + "\"" }

  static func colorText(_ c: ThemeColor, _ depth: String) -> String {
    switch c {
    case .terminalDefault: return "\"default\""
    case .rgb(let r, let g, let b):
      return "\"#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\""
    case .indexed(let i):
      if depth == "color16", ThemeColor.colorNames.indices.contains(i) {
        return quote(ThemeColor.colorNames[i])
      }
      return String(i)
    }
  }
}
