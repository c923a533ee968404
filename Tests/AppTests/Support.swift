import Domain
import Foundation
import GRDB
import Store
import TUI
@_exported import TestServer
import Testing

@testable import App
@testable import Store

/// A fresh demo hospital in a temporary file (or, under `GONGZHI_TEST_DB=postgres`,
/// in a fresh database on the test server), with the date pinned so every snapshot
/// is stable.
struct DemoFixture {
  static let today = Day(year: 2026, month: 11, day: 24)
  /// A directory for the test's other files (exports, imports).
  let directory: URL
  let store: GongzhiStore
  /// Where the store lives, for opening it again: the file, or the server database's
  /// conninfo (`store.path` is then its display name, which carries no password).
  let path: String
  private let server: ServerFixture?

  init(seed: UInt64 = 1) throws {
    directory = try TestDirectory.make("fixture")
    if try TestBackend.current() == .postgres {
      let database: TestDatabase
      if seed == DemoTemplate.seed {
        database = try FixtureDatabases.make(template: try DemoTemplate.serverName.get())
      } else {
        database = try FixtureDatabases.make()
        try database.setUp()
      }
      server = ServerFixture(name: database.name)
      path = database.target()
      store = try GongzhiStore(path: path)
      if seed != DemoTemplate.seed {
        try DemoHospital.populate(store, seed: seed, scale: 1, today: Self.today)
      }
      return
    }
    server = nil
    path = directory.appendingPathComponent("demo.sqlite").path
    if seed == DemoTemplate.seed {
      let template = try DemoTemplate.path.get()
      try FileManager.default.copyItem(atPath: template, toPath: path)
      if FileManager.default.fileExists(atPath: template + "-wal") {
        try FileManager.default.copyItem(atPath: template + "-wal", toPath: path + "-wal")
      }
      store = try GongzhiStore(path: path)
    } else {
      store = try GongzhiStore(path: path)
      try DemoHospital.populate(store, seed: seed, scale: 1, today: Self.today)
    }
  }

  @MainActor
  func shell(
    language: Language = .zhHans, role: Role = .admin, user: String = "tester",
    size: Size = Size(width: 100, height: 30)
  ) -> AppShell {
    let context = AppContext(
      store: store, actor: Actor(name: user, role: role), strings: Strings(language), glyphs: .unicode,
      today: Self.today)
    return AppShell(context: context, size: size)
  }
}

/// A value for `DemoFixture.execute`'s `?` placeholders, on either backend.
protocol RawSQLValue: PGParameter, DatabaseValueConvertible {}
extension String: RawSQLValue {}
extension Int64: RawSQLValue {}

extension DemoFixture {
  /// Raw SQL behind the program's back (an old version, a tool, a restored backup),
  /// with `?` placeholders: on the file through GRDB, on the server as someone who
  /// bypasses Gongzhi (`PGTest.bypassing`: no audit trigger records it).
  func execute(_ sql: String, _ arguments: [any RawSQLValue] = []) throws {
    guard PGConnection.isTarget(path) else {
      let values = arguments.map { $0 as any DatabaseValueConvertible }
      try store.dbPool.write { db in try db.execute(sql: sql, arguments: StatementArguments(values)) }
      return
    }
    try PGTest.bypassing(path).execute(Self.numbered(sql), arguments)
  }

  /// The first column of a raw query's rows, as text.
  func strings(_ sql: String, _ arguments: [any RawSQLValue] = []) throws -> [String] {
    guard PGConnection.isTarget(path) else {
      let values = arguments.map { $0 as any DatabaseValueConvertible }
      return try store.dbPool.read { db in
        try String.fetchAll(db, sql: sql, arguments: StatementArguments(values))
      }
    }
    return try PGConnection(path).execute(Self.numbered(sql), arguments).rows.compactMap {
      $0.values.first ?? nil
    }
  }

  /// `?` placeholders as PostgreSQL's `$1`, `$2`… (the tests' SQL has no `?` in a literal).
  static func numbered(_ sql: String) -> String {
    var count = 0
    return sql.reduce(into: "") { text, c in
      guard c == "?" else { return text.append(c) }
      count += 1
      text += "$\(count)"
    }
  }
}

/// Releases a fixture's server database when the last copy of the fixture goes
/// (`FixtureDatabases` drops it once its stores are closed too).
final class ServerFixture: Sendable {
  let name: String
  init(name: String) { self.name = name }
  deinit { FixtureDatabases.release(name) }
}

/// The seed-1 demo hospital, built once per test run: each fixture copies the file, so
/// every test still has a database of its own without paying for the build (seconds
/// in a debug build) some seventy times.
enum DemoTemplate {
  static let seed: UInt64 = 1
  /// The template's path, or why it could not be built (thrown by every fixture).
  static let path: Result<String, TemplateError> = Result {
    try build()
  }.mapError { TemplateError(message: String(describing: $0)) }

  /// On the server: the file copied once (`store copy`, as a user moves a file onto
  /// the server) onto a template database each fixture is made from.
  static let serverName: Result<String, TemplateError> = Result {
    let file = try path.get()
    return try FixtureDatabases.makeTemplate { target in _ = try StoreCopy.copy(from: file, to: target) }
  }.mapError { TemplateError(message: String(describing: $0)) }

  struct TemplateError: Error {
    let message: String
  }

  private static func build() throws -> String {
    let directory = try TestDirectory.make("template")
    let path = directory.appendingPathComponent("demo.sqlite").path
    let store = try GongzhiStore(path: path)
    try DemoHospital.populate(store, seed: seed, scale: 1, today: DemoFixture.today)
    // Closing the last connection checkpoints the WAL into the main file.
    try store.close()
    return path
  }
}

/// One directory per test process holds the template and every fixture: a demo
/// database is some 25 MB with its WAL and the suite makes about seventy, so leaving
/// them behind filled /tmp by gigabytes a run. The directory is removed when the
/// process exits; those of runs that died before exiting are swept after an hour.
enum TestDirectory {
  static let prefix = "gongzhi-app-"
  static let root: URL = {
    let temp = FileManager.default.temporaryDirectory
    sweep(temp)
    let url = temp.appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: TestDirectory.root) }
    return url
  }()

  /// A new empty directory under the root.
  static func make(_ name: String) throws -> URL {
    let url = root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Removes what earlier runs left: this run's own directory does not exist yet.
  static func sweep(_ temp: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []
    for name in names where name.hasPrefix(prefix) || name.hasPrefix("gongzhi-template-") {
      let url = temp.appendingPathComponent(name)
      let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?
        .contentModificationDate
      if let modified, Date().timeIntervalSince(modified) > 3600 {
        try? FileManager.default.removeItem(at: url)
      }
    }
  }
}

/// Drives a shell like the event loop does, and reads the screen as text.
@MainActor
final class Driver {
  let shell: AppShell
  let backend: MemoryBackend
  let loop: EventLoop

  init(_ shell: AppShell, size: Size = Size(width: 100, height: 30)) {
    self.shell = shell
    backend = MemoryBackend(size: size)
    loop = EventLoop(backend: backend)
    shell.size = size
    loop.draw(shell)
  }

  @discardableResult
  func press(_ keys: Key...) -> LoopAction {
    var last = LoopAction.none
    for key in keys { last = loop.step(shell, event: .key(key)) }
    return last
  }

  /// Switches to the tab whose screen `gongzhi render NAME` knows, by pressing its
  /// number key as a user would (so tests keep working as tabs are added).
  func showTab(_ renderName: String) {
    guard let index = shell.tabIndex(for: renderName) else {
      Issue.record("no tab renders \(renderName)")
      return
    }
    press(.char(Character(String(index + 1))))
  }

  func type(_ text: String) {
    for c in text { press(.char(c)) }
  }

  func click(x: Int, y: Int) {
    loop.step(shell, event: .mouse(MouseEvent(x: x, y: y, kind: .click)))
  }

  func resize(_ size: Size) {
    backend.resize(to: size)
    _ = shell.handle(.resize(size))
    loop.draw(shell)
  }

  var screen: String { backend.screen?.text ?? "" }
}

/// Compares a rendered screen with its golden file under Tests/AppTests/Snapshots.
func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  if let failure = Snapshot.compare(text, goldenPath: dir.appendingPathComponent(name + ".txt").path) {
    Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
  }
}

extension Trait where Self == ConditionTrait {
  /// A test about the SQLite file itself (its bytes, raw SQL on the path, moving it):
  /// skipped under `GONGZHI_TEST_DB=postgres`, where the fixtures live on the server.
  static func sqliteOnly(_ why: Comment) -> Self {
    .enabled(if: !TestBackend.isPostgres, why)
  }
}
