import Foundation
import Store

/// Server databases for fixtures that outlive one closure (the App suites'
/// `DemoFixture`): made from a template with `CREATE DATABASE … TEMPLATE` (a file
/// copy, far cheaper than copying a demo hospital row by row each time), dropped once
/// their fixture is released and no session is left on them, and at process exit.
/// Names carry their creation time, so a run that died leaves databases the next run
/// sweeps after an hour (other runs on the same server keep theirs).
package enum FixtureDatabases {
  static let fixturePrefix = "gzfix_"
  static let templatePrefix = "gztpl_"
  /// Every database this process made and has not dropped; true once released.
  private static let made = Locked<[String: Bool]>([:])
  private static let started: Void = {
    sweep()
    atexit { FixtureDatabases.dropAll() }
  }()

  /// A new database: a copy of `template`, or empty. Also drops released ones.
  package static func make(template: String? = nil) throws -> TestDatabase {
    _ = started
    reap()
    let stamp = Int(Date().timeIntervalSince1970)
    let db = try TestDatabase.create(prefix: "\(fixturePrefix)\(stamp)_", template: template)
    made.mutate { $0[db.name] = false }
    return db
  }

  /// A template: an empty database set up as `setup-server` does, into which `fill`
  /// writes (e.g. `store copy` from a file). Nobody may stay connected to it.
  package static func makeTemplate(_ fill: (_ target: String) throws -> Void) throws -> String {
    _ = started
    let stamp = Int(Date().timeIntervalSince1970)
    let db = try TestDatabase.create(prefix: "\(templatePrefix)\(stamp)_")
    made.mutate { $0[db.name] = false }
    try db.setUp()
    try fill(db.target())
    return db.name
  }

  /// Marks a database as no longer needed by its fixture; it is dropped once the
  /// stores opened on it are gone (sessions end when the last reference does).
  package static func release(_ name: String) {
    made.mutate { $0[name] = true }
  }

  /// Drops released databases nobody is connected to.
  static func reap() {
    let released = made.value.filter(\.value).map(\.key)
    guard !released.isEmpty, let server = try? PGTest.server() else { return }
    for name in released {
      let sessions = try? server.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", [name])
      guard sessions == "0" else { continue }
      if (try? server.execute("DROP DATABASE IF EXISTS \(name)")) != nil {
        made.mutate { $0[name] = nil }
      }
    }
  }

  /// At exit: every database this process made, whoever is still connected.
  static func dropAll() {
    let names = Array(made.value.keys)
    guard !names.isEmpty, let server = try? PGTest.server() else { return }
    // FORCE ends this process's own sessions (the owner may end those).
    for name in names { _ = try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
  }

  /// Drops what runs that died left: fixtures and templates more than an hour old.
  static func sweep() {
    guard let server = try? PGTest.server() else { return }
    let rows =
      (try? server.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE 'gzfix\\_%' OR datname LIKE 'gztpl\\_%'"))?.rows
      ?? []
    let now = Int(Date().timeIntervalSince1970)
    for row in rows {
      guard let name = try? row.string("datname") else { continue }
      let parts = name.split(separator: "_")
      guard parts.count >= 2, let stamp = Int(parts[1]), now - stamp > 3600 else { continue }
      _ = try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
  }
}
