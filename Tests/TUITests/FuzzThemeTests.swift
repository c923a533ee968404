import Domain
import Foundation
import FuzzSupport
import TUI
import Testing

// Theme files are hand-edited TOML: fuzz the parser with a fixed seed (issue 7).
// Every case either parses or throws a ThemeError naming the file (and, for syntax
// errors, a line within it). Never a crash.

@Test func fuzzThemeTOML() throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Themes/default.toml")
  let valid = try String(contentsOf: url, encoding: .utf8)
  #expect((try? Theme.parse(toml: valid, source: "t.toml")) != nil)
  var m = FuzzMutator(seed: 0x74_6865_6D65)
  var ok = 0
  var problems: [String] = []
  for i in 0..<fuzzCases {
    let text = String(decoding: m.mutate(Array(valid.utf8), caseIndex: i), as: UTF8.self)
    do {
      _ = try Theme.parse(toml: text, source: "t.toml")
      ok += 1
    } catch {
      var lines = 1
      for c in text.unicodeScalars where c == "\n" || c == "\r" { lines += 1 }
      let lineOK =
        error.key != "error.theme.syntax" || error.args[1].isEmpty
        || (Int(error.args[1]).map { $0 >= 1 && $0 <= lines } ?? false)
      if error.args.first != "t.toml" || !lineOK, problems.count < 10 {
        problems.append("case \(i): \(error.description)")
      }
    }
  }
  print("fuzz theme TOML: \(fuzzCases) cases, \(ok) parsed")
  #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
}
