import Foundation

/// Finds and loads theme files from a list of directories.
public struct ThemeLibrary: Sendable, Equatable {
  public var searchPaths: [String]

  public init(searchPaths: [String]) {
    self.searchPaths = searchPaths
  }

  /// Where themes are looked for, first match wins: `$GONGZHI_THEMES`, the user's
  /// config directory (`$XDG_CONFIG_HOME/gongzhi/themes` or `~/.config/gongzhi/themes`),
  /// the first `Themes` directory found walking up from the executable's directory
  /// (so a build inside the repository finds the repository's themes), then the
  /// system directories.
  public static func defaultSearchPaths(executablePath: String, environment: [String: String]) -> [String] {
    var paths: [String] = []
    if let dir = environment["GONGZHI_THEMES"], !dir.isEmpty { paths.append(dir) }
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      paths.append(config + "/gongzhi/themes")
    } else if let home = environment["HOME"], !home.isEmpty {
      paths.append(home + "/.config/gongzhi/themes")
    }
    var dir = URL(fileURLWithPath: executablePath).standardizedFileURL.deletingLastPathComponent()
    while true {
      let candidate = dir.appendingPathComponent("Themes").path
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue {
        paths.append(candidate)
        break
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path || dir.path == "/" { break }
      dir = parent
    }
    paths.append("/usr/local/share/gongzhi/themes")
    paths.append("/usr/share/gongzhi/themes")
    return paths
  }

  /// Every theme by name, sorted: the files in the search paths (when two directories
  /// hold the same name the earlier one wins), then the compiled-in themes no file
  /// overrides, whose path is empty.
  public func available() -> [(name: String, path: String)] {
    var found: [String: String] = [:]
    for dir in searchPaths {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
      for entry in entries.sorted() where entry.hasSuffix(".toml") {
        let name = String(entry.dropLast(5))
        if found[name] == nil { found[name] = (dir as NSString).appendingPathComponent(entry) }
      }
    }
    for name in Theme.builtinFiles.keys where found[name] == nil { found[name] = "" }
    return found.keys.sorted().map { (name: $0, path: found[$0]!) }
  }

  /// Loads a theme by name (looked up in the search paths, then among the compiled-in
  /// themes) or by path (a value with a `/` or ending in `.toml`). A missing or
  /// malformed theme gives `Theme.builtinDefault` and the problem, for the caller to
  /// report in one line.
  public func load(_ nameOrPath: String) -> (theme: Theme, problem: ThemeError?) {
    let path: String
    if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
      path = nameOrPath
    } else if let hit = available().first(where: { $0.name == nameOrPath }) {
      guard !hit.path.isEmpty else { return (Theme.builtin(nameOrPath) ?? .builtinDefault, nil) }
      path = hit.path
    } else {
      return (.builtinDefault, .notFound(nameOrPath, searched: searchPaths))
    }
    do {
      return (try Self.load(path: path), nil)
    } catch {
      return (.builtinDefault, error)
    }
  }

  /// Reads and parses one theme file.
  public static func load(path: String) throws(ThemeError) -> Theme {
    guard FileManager.default.fileExists(atPath: path) else { throw .noFile(path) }
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .unreadable(path, (error as NSError).localizedDescription)
    }
    return try Theme.parse(toml: text, source: path)
  }
}

/// How many colours to use.
public struct ColorSupport: Sendable {
  /// The colour depth to draw with: 0 when `NO_COLOR` is set (and not empty),
  /// 16,777,216 when `COLORTERM` says truecolor/24bit and the terminal has at least 256
  /// colours, otherwise the terminal's count clamped to 0, 8, 16 or 256.
  public static func depth(terminalColors: Int, environment: [String: String]) -> Int {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return 0 }
    let colorterm = (environment["COLORTERM"] ?? "").lowercased()
    if terminalColors >= 256 && (colorterm == "truecolor" || colorterm == "24bit") { return 16_777_216 }
    switch terminalColors {
    case 256...: return 256
    case 16...: return 16
    case 8...: return 8
    default: return 0
    }
  }
}
