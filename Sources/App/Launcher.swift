import Domain
import Foundation
import Logging
import Store
import TUI

/// Everything the command line decided before a command runs.
public struct LaunchOptions: Sendable {
  public var databasePath: String
  public var user: String?
  public var theme: String?
  public var language: Language
  public var ambiguousWide: Bool

  public init(databasePath: String, user: String?, theme: String?, language: Language, ambiguousWide: Bool) {
    self.databasePath = databasePath
    self.user = user
    self.theme = theme
    self.language = language
    self.ambiguousWide = ambiguousWide
  }
}

/// An open store and the person acting on it.
public struct Session: Sendable {
  public let store: GongzhiStore
  public let actor: Actor
}

/// The entry points the command-line target calls. Kept here so the executable
/// stays a thin layer of argument parsing.
public enum Launcher {
  /// The login name, the default acting user.
  public static var loginName: String {
    let env = ProcessInfo.processInfo.environment
    if let u = env["USER"], !u.isEmpty { return u }
    if let u = env["LOGNAME"], !u.isEmpty { return u }
    return NSUserName()
  }

  public static func openSession(_ options: LaunchOptions, readOnly: Bool = false) throws -> Session {
    try checkDirectory(of: options.databasePath, strings: Strings(options.language))
    let store = try GongzhiStore(path: options.databasePath, readOnly: readOnly)
    let actor: Actor
    if let login = store.login {
      // On the server one acts as one's login, whatever name the client claims.
      if options.user != nil { throw PostgresError.userFlagRefused(login: login) }
      actor = try store.users.resolveActor(name: login)
    } else {
      actor = try store.users.resolveActor(name: options.user ?? loginName)
    }
    Log.logger.info("opened \(options.databasePath) as \(actor.name) (\(actor.role.rawValue))")
    return Session(store: store, actor: actor)
  }

  /// The default data directory is created on first use; a directory named with
  /// `--db` must already exist, so a mistyped path does not silently start a new,
  /// empty database somewhere unexpected.
  static func checkDirectory(of path: String, strings: Strings) throws {
    if PGConnection.isTarget(path) { return }  // a server, not a folder
    let directory = (path as NSString).deletingLastPathComponent
    let defaultDirectory = (GongzhiStore.defaultPath() as NSString).deletingLastPathComponent
    guard !directory.isEmpty, directory != defaultDirectory else { return }
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
    {
      throw CLIError(strings("error.db.noDirectory", directory))
    }
  }

  /// The demo database under the data directory, created with seed 1 on first use.
  public static func ensureDemoDatabase(strings: Strings) throws -> String {
    let path = (GongzhiStore.defaultPath() as NSString).deletingLastPathComponent + "/demo.sqlite"
    if !FileManager.default.fileExists(atPath: path) {
      TerminalOutput.standardError(strings("cli.demo.creating", path) + "\n")
      do {
        _ = try createDemo(path: path, seed: 1, scale: 1, replace: false, strings: strings)
      } catch {
        // A half-made demo (disk full, interrupted) would otherwise be opened as an
        // empty hospital on every later start; this file was ours, created just now.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        throw error
      }
    }
    return path
  }

  /// Creates the demo hospital at `path`. Demo data only ever goes into a new file, a
  /// database that was never used, or one `gongzhi demo` made (marked in `gongzhi_meta`):
  /// any other database is refused whatever the flags. `replace` starts a demo database
  /// afresh and needs its administrator (`user`, else the login name).
  public static func createDemo(
    path: String, seed: UInt64, scale: Int, replace: Bool, user: String? = nil, strings: Strings
  ) throws -> String {
    let fm = FileManager.default
    try checkDirectory(of: path, strings: strings)
    // A server database is never empty as a new file is: ask it, as an existing file is
    // asked, so a demo never writes into a real hospital's database on the server.
    let onServer = PGConnection.isTarget(path)
    let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    if onServer || size > 0 {
      let existing = try GongzhiStore(path: path)
      defer { try? existing.close() }
      if try DemoHospital.neverUsed(existing) || isNewOnServer(existing, onServer) {
        // An empty database: nothing to overwrite.
      } else if try !DemoHospital.isDemo(existing) {
        throw CLIError(strings("error.demo.notDemo", path))
      } else if !replace || onServer {
        // Replacing removes the file; a server database is not removed from here.
        throw CLIError(strings("error.demo.exists", path))
      } else {
        let actor = try existing.users.resolveActor(name: user ?? loginName)
        guard actor.role.can(.replaceDemo) else { throw StoreError.permissionDenied(.replaceDemo) }
        try existing.close()
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
          try fm.removeItem(atPath: path + suffix)
        }
      }
    }
    let store = try GongzhiStore(path: path)
    try DemoHospital.populate(store, seed: seed, scale: scale)
    let totals = try store.organisation.memberTotals()
    let units = try store.organisation.units(includeInactive: false)
    return strings(
      "cli.demo.created", path, String(units.count), String(totals.all), String(totals.serving),
      String(totals.retired))
  }

  /// A server database just set up: its audit log holds setup-server's record of the
  /// owner, so it is not "never used", but it has no hospital yet.
  private static func isNewOnServer(_ store: GongzhiStore, _ onServer: Bool) throws -> Bool {
    guard onServer else { return false }
    return try store.organisation.units(includeInactive: true).isEmpty && !DemoHospital.isDemo(store)
  }

  /// Writes text to a file (atomically, so a failed export leaves no half file) or stdout.
  public static func writeOutput(_ text: String, to path: String?) throws {
    try Output.write(text, to: path)
  }
}

/// An error whose text is already in the user's language.
public struct CLIError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

extension Day {
  /// Midnight at the start of this day, UTC.
  public var startDate: Date {
    var c = DateComponents()
    c.year = year
    c.month = month
    c.day = day
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    return cal.date(from: c) ?? Date(timeIntervalSince1970: 0)
  }
}

/// Lines of `gongzhi audit log`: tab-separated so they can be filtered with shell tools.
public enum AuditFormatter {
  /// One tab-separated line per entry; `subjects` (by audit row id) adds a last column
  /// naming what the row is about, for rows whose ids alone say little (assessments).
  public static func lines(_ entries: [AuditEntry], subjects: [Int64: String] = [:]) -> [String] {
    let formatter = ISO8601DateFormatter()
    return entries.map { e in
      var fields = [
        String(e.id), formatter.string(from: e.at), e.actor, e.entity, e.entityID, e.action, e.field,
        SafeText.visible(e.oldValue ?? "∅"), SafeText.visible(e.newValue ?? "∅"),
        SafeText.visible(e.reason ?? ""),
      ]
      if let subject = subjects[e.id] { fields.append(SafeText.visible(subject)) }
      return fields.joined(separator: "\t")
    }
  }
}
