import Foundation
import Testing

@testable import App

/// Every string key written literally in the App and command-line sources exists in
/// the table of every language the app declares (`Language.allCases`), so a mistyped
/// or forgotten key fails here instead of showing as the bare key on screen.
@Suite struct StringKeyUsageTests {
  /// The sources that look strings up (the tables themselves left out).
  static let sourceRoots = ["Sources/App", "Sources/gongzhi"]

  /// A call that looks a key up: `strings("key"…)`, `s("key")`, `context.strings.format("key", …)`,
  /// `help("key")` and the small helpers that take a key first (`field`, `heading`, `fitting`).
  static let lookup =
    #"(?<![A-Za-z0-9_])(?:strings|s|help|helpStrings|self|callAsFunction|format|field|heading|fitting)\(\s*"([^"\\]+)""#

  /// A literal shaped like a key: dotted lowercase-first words, no interpolation.
  static let keyShaped = #""([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)""#

  struct Use: CustomStringConvertible {
    var file: String
    var line: Int
    var key: String
    var description: String { "\(file):\(line): \(key)" }
  }

  static func sources() throws -> [(path: String, text: String)] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var files: [(String, String)] = []
    for dir in sourceRoots {
      let base = root.appendingPathComponent(dir)
      guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
        continue
      }
      for case let url as URL in walker where url.pathExtension == "swift" {
        // The tables define keys; they do not use them.
        if url.path.contains("/Strings/") && url.lastPathComponent.contains("+") { continue }
        files.append(
          (dir + url.path.dropFirst(base.path.count), try String(contentsOf: url, encoding: .utf8)))
      }
    }
    return files
  }

  /// The first capture group of every match of `pattern`, with its line.
  static func uses(_ pattern: String, in files: [(path: String, text: String)]) -> [Use] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else {
      Issue.record("bad pattern \(pattern)")
      return []
    }
    return files.flatMap { file in
      let text = file.text as NSString
      return regex.matches(in: file.text, range: NSRange(location: 0, length: text.length)).map { match in
        let before = text.substring(to: match.range.location)
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        return Use(file: file.path, line: line, key: text.substring(with: match.range(at: 1)))
      }
    }
  }

  @Test func everyLiteralKeyLookedUpExistsInEveryLanguage() throws {
    let files = try Self.sources()
    let uses = Self.uses(Self.lookup, in: files)
    // The scan itself must keep finding the lookups (a renamed helper would otherwise
    // make this test pass by finding nothing).
    #expect(uses.count > 500, "only \(uses.count) key lookups found")
    for language in Language.allCases {
      let table = Strings(language).table
      let missing = uses.filter { table[$0.key] == nil }
      #expect(missing.isEmpty, "keys missing from \(language.rawValue): \(missing)")
    }
  }

  /// Keys also reach the tables through other helpers (a column header, a form field):
  /// any literal shaped like a key in one of the tables' namespaces must be a key.
  @Test func everyKeyShapedLiteralInATableNamespaceIsAKey() throws {
    let files = try Self.sources()
    for language in Language.allCases {
      let table = Strings(language).table
      let namespaces = Set(table.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
      let missing = Self.uses(Self.keyShaped, in: files).filter { use in
        namespaces.contains(String(use.key.prefix { $0 != "." })) && table[use.key] == nil
      }
      #expect(missing.isEmpty, "keys missing from \(language.rawValue): \(missing)")
    }
  }

  /// The scan finds a key that is not there: checked on a made-up source line.
  @Test func theScanFindsAMissingKey() {
    let text = "let a = strings(\"tab.org\")\nlet b = context.strings(\"tab.nonesuch\", x)\n"
    let uses = Self.uses(Self.lookup, in: [("Example.swift", text)])
    #expect(uses.map(\.key) == ["tab.org", "tab.nonesuch"])
    #expect(uses.map(\.line) == [1, 2])
    let table = Strings(.en).table
    #expect(uses.filter { table[$0.key] == nil }.map(\.key) == ["tab.nonesuch"])
  }
}
