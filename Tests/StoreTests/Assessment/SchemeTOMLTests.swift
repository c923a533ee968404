import Domain
import Foundation
import Store
import Testing

@Test func defaultSchemeRoundTrips() throws {
  let text = SchemeTOML.write(.wuhua)
  let parsed = try SchemeTOML.parse(text: text, file: "wuhua.toml")
  #expect(parsed == Scheme.wuhua)
  #expect(SchemeTOML.write(parsed) == text)
  var odd = Scheme.wuhua
  odd.name = "引号\"与\\反斜杠\n换行"
  odd.excellentCap = nil
  odd.periodType = .year
  odd.generalBranchMode = .meanOfBranches
  #expect(try SchemeTOML.parse(text: SchemeTOML.write(odd), file: "x") == odd)
}

/// The default scheme's text with `old` replaced by `new` (once), and the 1-based line of `marker` in the result.
func edited(_ old: String, _ new: String, marker: String? = nil) -> (String, Int) {
  let text = SchemeTOML.write(.wuhua)
  let range = text.range(of: old)!
  let out = text.replacingCharacters(in: range, with: new)
  let m = marker ?? new
  let lines = out.components(separatedBy: "\n")
  let line = lines.firstIndex { $0.contains(m) }.map { $0 + 1 } ?? 0
  return (out, line)
}

func schemeError(_ text: String) -> SchemeFileError? {
  do {
    _ = try SchemeTOML.parse(text: text, file: "bad.toml")
    return nil
  } catch let e as SchemeFileError {
    return e
  } catch {
    return nil
  }
}

@Test func maximaNotAddingUpAreRefusedWithTheLine() throws {
  // The dimension's own `max` line is reported: its indicators add up to 105.
  let (text, line) = edited(
    "id = \"life.meetings\"\nname = \"三会一课按期召开\"\nmax = 20",
    "id = \"life.meetings\"\nname = \"三会一课按期召开\"\nmax = 25",
    marker: "max = 100")
  let e = try #require(schemeError(text))
  #expect(e.file == "bad.toml" && e.line == line && line > 0)
  #expect(e.problem.key == MessageKeys.schemeDimensionSum)
  #expect(e.key == SchemeFileError.locatedKey && e.args == ["bad.toml", String(line)])
  let (t2, l2) = edited("total = 500", "total = 450")
  let e2 = try #require(schemeError(t2))
  #expect(e2.line == l2 && e2.problem.key == MessageKeys.schemeTotalSum)
}

@Test func unknownMethodDuplicateIDAndMissingFieldsAreLocated() throws {
  let (t1, l1) = edited("method = \"graded\"", "method = \"average\"")
  let e1 = try #require(schemeError(t1))
  #expect(e1.line == l1 && e1.problem == Message(MessageKeys.schemeUnknownMethod, "average"))

  let (t2, l2) = edited("id = \"life.theme-day\"", "id = \"life.meetings\"", marker: "name = \"主题党日每月开展\"")
  let e2 = try #require(schemeError(t2))
  #expect(e2.line == l2 - 1 && e2.problem == Message(MessageKeys.schemeDuplicateID, "life.meetings"))

  let (t3, l3) = edited("name = \"主题党日每月开展\"\n", "", marker: "id = \"life.theme-day\"")
  let e3 = try #require(schemeError(t3))
  #expect(e3.line == l3 - 1 && e3.problem == Message(MessageKeys.schemeMissingField, "name"))

  let (t4, l4) = edited("total = 500", "total = \"五百\"")
  let e4 = try #require(schemeError(t4))
  #expect(e4.line == l4 && e4.problem.key == MessageKeys.schemeBadValue)
}

@Test func tomlSyntaxErrorsCarryTheLine() throws {
  let e = try #require(schemeError("id = \"x\"\nname = \"y\"\ntotal = = 5\n"))
  #expect(e.line == 3 && e.problem.key == "error.scheme.syntax")
}

@Test func schemeFilesLoadFromDisk() throws {
  try withTempDir { dir in
    let path = dir + "/wuhua.toml"
    try Data(SchemeTOML.write(.wuhua).utf8).write(to: URL(fileURLWithPath: path))
    #expect(try SchemeTOML.load(path: path) == Scheme.wuhua)
    #expect(throws: StoreError.cannotOpen(dir + "/none.toml", "cannot read file")) {
      try SchemeTOML.load(path: dir + "/none.toml")
    }
  }
}

/// A scheme file in GBK is a TOML text-encoding problem: its message is its own (not the
/// CSV advice to save as "CSV UTF-8") and names the line of the first bad byte.
@Test func aSchemeFileNotInUTF8NamesTheLineAndTheEncoding() throws {
  try withTempDir { dir in
    let path = dir + "/gbk.toml"
    let bytes = Array("id = \"x\"\nname = \"".utf8) + [0xC4, 0xDA, 0xBF, 0xC6] + Array("\"\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      _ = try SchemeTOML.load(path: path)
      Issue.record("a GBK scheme file was read")
    } catch let e as SchemeFileError {
      #expect(e.file == path && e.line == 2 && e.problem.key == "error.scheme.notUTF8", "\(e)")
    }
  }
}

@Test func everyAssessmentMessageKeyIsListed() throws {
  let listed = Set(MessageKeys.all + StoreMessageKeys.all)
  #expect(listed.isSuperset(of: MessageKeys.assessmentKeys + StoreMessageKeys.assessmentKeys))
  // Keys the Store's assessment code produces, found in its sources.
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Store/Assessment")
  for file in ["AssessmentStore.swift", "AssessmentExport.swift", "SchemeTOML.swift"] {
    let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    for part in text.components(separatedBy: "\"error.").dropFirst() {
      let key = "error." + (part.split(separator: "\"", maxSplits: 1).first.map(String.init) ?? "")
      #expect(listed.contains(key), "\(file): \(key)")
    }
  }
}
