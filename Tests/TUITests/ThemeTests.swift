import Foundation
import TUI
import Testing

@Suite struct ThemeTests {
  static let themesDirectory = repoRoot + "/Themes"

  static func minimalTheme(skipping skipped: String? = nil, extra: String = "") -> String {
    var s = "name = \"t\"\n"
    for role in StyleRole.all where role.name != skipped {
      s += "[roles.\"\(role.name)\"]\n"
      if role == .title { s += extra }
    }
    return s
  }

  @Test func parsesAGoodFile() throws {
    let toml = """
      name = "sample"
      [roles."tab.active"]
      truecolor = { fg = "#ffd75f", bg = "#870000" }
      color256  = { fg = 221, bg = "default" }
      color16   = { fg = "yellow", bg = "bright-red" }
      attrs = ["bold"]
      mono  = ["bold", "reverse"]
      """ + "\n"
      + Self.minimalTheme(skipping: "tab.active").replacingOccurrences(of: "name = \"t\"\n", with: "")
    let theme = try Theme.parse(toml: toml, source: "sample.toml")
    #expect(theme.name == "sample")
    #expect(!theme.isMonochrome)
    let style = theme.style(for: .tabActive)
    #expect(style.truecolor == .init(foreground: .rgb(0xFF, 0xD7, 0x5F), background: .rgb(0x87, 0, 0)))
    #expect(style.color256 == .init(foreground: .indexed(221), background: .terminalDefault))
    #expect(style.color16 == .init(foreground: .indexed(3), background: .indexed(9)))
    #expect(style.attributes == [.bold])
    #expect(style.monoAttributes == [.bold, .reverse])
    #expect(theme.style(for: .danger) == RoleStyle())
  }

  @Test func malformedTOMLNamesFileAndLine() {
    #expect {
      try Theme.parse(toml: "name = \"x\"\n[roles\nfoo = ", source: "Themes/x.toml")
    } throws: { error in
      let e = error as! ThemeError
      return e.key == "error.theme.syntax" && e.description.hasPrefix("Themes/x.toml: TOML syntax error")
        && e.args[0] == "Themes/x.toml" && e.description.contains("line")
    }
  }

  @Test func missingRoleNamesFileAndRole() {
    do {
      _ = try Theme.parse(toml: Self.minimalTheme(skipping: "danger"), source: "Themes/x.toml")
      Issue.record("expected an error")
    } catch {
      #expect(error.key == "error.theme.missingRole")
      #expect(error.args == ["Themes/x.toml", "danger"])
      #expect(error.description == "Themes/x.toml: role \"danger\" is missing")
    }
  }

  @Test(arguments: [
    "truecolor = { fg = \"#ffd7\" }", "truecolor = { fg = \"red\" }", "color256 = { fg = 256 }",
    "color16 = { bg = \"pink\" }", "color16 = { fg = 16 }", "color256 = { fg = true }",
    "truecolor = \"#ffffff\"",
  ])
  func badColourNamesRole(_ line: String) {
    do {
      _ = try Theme.parse(toml: Self.minimalTheme(extra: line + "\n"), source: "bad.toml")
      Issue.record("expected an error for \(line)")
    } catch {
      #expect(error.key == "error.theme.badColor")
      #expect(error.args.prefix(2) == ["bad.toml", "title"])
      #expect(error.description.hasPrefix("bad.toml: role \"title\": bad colour"))
    }
  }

  @Test func badAttribute() {
    do {
      _ = try Theme.parse(toml: Self.minimalTheme(extra: "attrs = [\"blinking\"]\n"), source: "bad.toml")
      Issue.record("expected an error")
    } catch {
      #expect(error.key == "error.theme.badAttribute")
      #expect(error.description.contains("\"title\""))
      #expect(error.description.contains("blinking"))
    }
  }

  static func themeFiles() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? []).filter {
      $0.hasSuffix(".toml")
    }.sorted()
  }

  @Test func everyThemeFileParsesWithAllRoles() throws {
    let files = Self.themeFiles()
    #expect(files.count >= 5)
    for file in files {
      let theme = try ThemeLibrary.load(path: Self.themesDirectory + "/" + file)
      #expect(theme.name + ".toml" == file)
      for role in StyleRole.all { #expect(theme.roles[role] != nil, "\(file): \(role)") }
      // The serializer writes what the parser reads.
      #expect(try Theme.parse(toml: theme.tomlText(), source: file) == theme)
    }
  }

  @Test func builtinDefaultEqualsDefaultFile() throws {
    let theme = try ThemeLibrary.load(path: Self.themesDirectory + "/default.toml")
    #expect(theme == Theme.builtinDefault)
  }

  @Test func monoEqualsMonoFile() throws {
    let theme = try ThemeLibrary.load(path: Self.themesDirectory + "/mono.toml")
    #expect(theme == Theme.mono)
    #expect(Theme.mono.isMonochrome)
    #expect(Theme.mono.style(for: .selected).monoAttributes == [.reverse])
    #expect(Theme.mono.style(for: .tabActive).monoAttributes == [.bold, .reverse])
    #expect(Theme.mono.style(for: .muted).monoAttributes == [.dim])
    #expect(Theme.mono.style(for: .danger).monoAttributes == [.bold, .underline])
  }

  static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gongzhi-themes-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func libraryLoadsByNameAndPathFirstDirectoryWins() throws {
    let first = try Self.temporaryDirectory()
    let second = try Self.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    let light = Theme.builtinDefault.tomlText().replacingOccurrences(
      of: "name = \"default\"", with: "name = \"mine\"")
    try light.write(toFile: first + "/mine.toml", atomically: true, encoding: .utf8)
    try Theme.mono.tomlText().write(toFile: second + "/mine.toml", atomically: true, encoding: .utf8)
    try Theme.mono.tomlText().write(toFile: second + "/mono.toml", atomically: true, encoding: .utf8)
    try "not a theme".write(toFile: second + "/notes.txt", atomically: true, encoding: .utf8)
    let library = ThemeLibrary(searchPaths: [first, second, first + "/does-not-exist"])
    let names = library.available()
    let builtins = Set(Theme.builtinFiles.keys).subtracting(["mono"])
    #expect(names.map(\.name) == (["mine", "mono"] + builtins).sorted())
    #expect(names.first { $0.name == "mine" }?.path == first + "/mine.toml")
    #expect(names.first { $0.name == "mono" }?.path == second + "/mono.toml")
    #expect(names.filter { $0.path.isEmpty }.map(\.name).sorted() == builtins.sorted())

    let byName = library.load("mine")
    #expect(byName.problem == nil)
    #expect(byName.theme.name == "mine")
    let byPath = library.load(second + "/mine.toml")
    #expect(byPath.problem == nil)
    #expect(byPath.theme == Theme.mono)

    let missing = library.load("nosuch")
    #expect(missing.theme == Theme.builtinDefault)
    #expect(missing.problem?.key == "error.theme.notFound")
    #expect(missing.problem?.description.hasPrefix("nosuch:") == true)

    try "name = \"broken\"\n[roles.normal]\n".write(
      toFile: first + "/broken.toml", atomically: true, encoding: .utf8)
    let broken = library.load("broken")
    #expect(broken.theme == Theme.builtinDefault)
    #expect(broken.problem?.key == "error.theme.missingRole")
    #expect(broken.problem?.description == "\(first)/broken.toml: role \"title\" is missing")

    let missingPath = library.load(first + "/gone.toml")
    #expect(missingPath.problem?.key == "error.theme.noFile")
  }

  /// A binary far from the repository (no Themes directory anywhere) still has every
  /// shipped theme, and the compiled-in texts are exactly the files in Themes/.
  @Test func everyShippedThemeIsCompiledIn() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory)
      .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    #expect(Theme.builtinFiles.keys.sorted() == files, "run python3 .ci/gen-builtin-themes.py")
    let library = ThemeLibrary(searchPaths: [])
    for name in files {
      let text = try String(contentsOfFile: Self.themesDirectory + "/\(name).toml", encoding: .utf8)
      #expect(
        Theme.builtinFiles[name] == text.trimmingCharacters(in: .newlines),
        "run python3 .ci/gen-builtin-themes.py")
      let loaded = library.load(name)
      #expect(loaded.problem == nil)
      #expect(loaded.theme == (try ThemeLibrary.load(path: Self.themesDirectory + "/\(name).toml")))
    }
    #expect(library.load("party-red").theme.name == "party-red")
  }

  @Test func defaultSearchPaths() throws {
    let root = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/Themes", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: root + "/.build/release", withIntermediateDirectories: true)
    let exe = root + "/.build/release/gongzhi"
    let paths = ThemeLibrary.defaultSearchPaths(
      executablePath: exe,
      environment: ["GONGZHI_THEMES": "/opt/t", "XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])
    #expect(
      paths == [
        "/opt/t", "/cfg/gongzhi/themes", root + "/Themes", "/usr/local/share/gongzhi/themes",
        "/usr/share/gongzhi/themes",
      ])
    let plain = ThemeLibrary.defaultSearchPaths(executablePath: exe, environment: ["HOME": "/home/u"])
    #expect(plain.prefix(2) == ["/home/u/.config/gongzhi/themes", root + "/Themes"])
  }

  @Test func colorSupport() {
    #expect(
      ColorSupport.depth(terminalColors: 256, environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == 0)
    #expect(ColorSupport.depth(terminalColors: 256, environment: ["NO_COLOR": ""]) == 256)
    #expect(ColorSupport.depth(terminalColors: 256, environment: ["COLORTERM": "truecolor"]) == 16_777_216)
    #expect(ColorSupport.depth(terminalColors: 256, environment: ["COLORTERM": "24bit"]) == 16_777_216)
    #expect(ColorSupport.depth(terminalColors: 8, environment: ["COLORTERM": "truecolor"]) == 8)
    #expect(ColorSupport.depth(terminalColors: 88, environment: [:]) == 16)
    #expect(ColorSupport.depth(terminalColors: 32_767, environment: [:]) == 256)
    #expect(ColorSupport.depth(terminalColors: 2, environment: [:]) == 0)
    #expect(ColorSupport.depth(terminalColors: -1, environment: [:]) == 0)
  }
}
