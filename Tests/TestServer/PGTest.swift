import Domain
import Foundation
import Store

/// The PostgreSQL server the tests use: `GONGZHI_TEST_PG` (set by `.ci/pg-cluster`),
/// a URL of a database whose login has CREATEDB and CREATEROLE. Without it these
/// tests are skipped with that reason, unless `GONGZHI_REQUIRE_PG=1` (as in
/// `.ci/run`), where a missing server fails them.
package enum PGTest {
  package static let environment = ProcessInfo.processInfo.environment
  package static let target = environment["GONGZHI_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
  /// The same cluster as its superuser (`.ci/pg-cluster` sets it), for tampering.
  package static let superTarget = environment["GONGZHI_TEST_PG_SUPER"].flatMap { $0.isEmpty ? nil : $0 }
  package static let required = environment["GONGZHI_REQUIRE_PG"] == "1"
  package static let runs = target != nil || required
  package static let skipText = "GONGZHI_TEST_PG is not set (start a server with .ci/pg-cluster start)"

  package struct Missing: Error, CustomStringConvertible {
    package init() {}
    package var description: String { "GONGZHI_REQUIRE_PG=1 but GONGZHI_TEST_PG is not set" }
  }

  /// A connection to the test server as its owner login, or `Missing`.
  package static func server() throws -> PGConnection {
    guard let target else { throw Missing() }
    return try PGConnection(target)
  }

  /// Raw SQL on the database `target` names, as someone who bypasses Gongzhi could
  /// (`bypassing`).
  package static func tamper(_ target: String, _ sql: String) throws {
    try bypassing(target).executeScript(sql)
  }

  /// A connection to the database `target` names as someone who bypasses Gongzhi:
  /// the cluster's superuser with every trigger off (`session_replication_role`), so
  /// the server's audit triggers do not record what it writes, as a write with sqlite
  /// tools is not in the file's log. Without the superuser's URL, the owner (whose
  /// writes the triggers do record).
  package static func bypassing(_ target: String) throws -> PGConnection {
    guard let superTarget else { return try PGConnection(target) }
    let name = try PGConnection(target).databaseName()
    guard let conninfo = PGConnection.conninfo(superTarget, overriding: ["dbname": name]) else {
      throw Missing()
    }
    let conn = try PGConnection(conninfo)
    try conn.execute("SET session_replication_role = replica")
    return conn
  }

  /// A fresh database on the test server, dropped (with the logins made in it) after `body`.
  package static func withDatabase<T>(_ body: (TestDatabase) throws -> T) throws -> T {
    let db = try TestDatabase.create()
    defer { db.drop() }
    return try body(db)
  }
}

/// One test's database; `logins` are the roles it created, dropped with it.
package final class TestDatabase: Sendable {
  package let server: String
  package let name: String
  package let logins = Locked<[String]>([])
  package init(server: String, name: String) {
    self.server = server
    self.name = name
  }

  /// Creates an empty database (`t_…`), or one copied from `template` (a database on
  /// the same server that nobody is connected to), named `prefix` and a random suffix.
  package static func create(prefix: String = "t_", template: String? = nil) throws -> TestDatabase {
    let admin = try PGTest.server()
    guard let server = PGTest.target else { throw PGTest.Missing() }
    let name = prefix + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
    // FILE_COPY copies the template's files instead of logging every block (the
    // default since PostgreSQL 15), several times faster for a demo hospital.
    let from = template.map { " TEMPLATE \($0) STRATEGY = FILE_COPY" } ?? ""
    try admin.execute("CREATE DATABASE \(name)\(from)")
    return TestDatabase(server: server, name: name)
  }

  /// Drops the database and its logins; `force` first ends the owner's own sessions
  /// on it (a store this process still holds open).
  package func drop(force: Bool = false) {
    guard let admin = try? PGTest.server() else { return }
    let with = force ? " WITH (FORCE)" : ""
    // The test's logins' sessions end asynchronously after their connections close,
    // and the owner may not terminate other roles' sessions: retry for a while.
    for _ in 0..<100 {
      do {
        try admin.execute("DROP DATABASE IF EXISTS \(name)\(with)")
        break
      } catch {
        usleep(50_000)
      }
    }
    for login in logins.value { _ = try? admin.execute("DROP ROLE IF EXISTS \(login)") }
  }

  /// The conninfo of this database, as the owner or as `user` with `password`.
  package func target(user: String? = nil, password: String? = nil) -> String {
    var settings = ["dbname": name]
    if let user { settings["user"] = user }
    if let password { settings["password"] = password }
    return PGConnection.conninfo(server, overriding: settings)!
  }

  package func owner() throws -> PGConnection { try PGConnection(target()) }

  private static let setupLock = NSLock()
  /// `setup-server` on this database. A process's setups take turns: the first makes
  /// the cluster-wide group roles, and two making them at once collide (23505 on
  /// pg_authid), which two people running setup-server at the same moment would see too.
  package func setUp() throws {
    try Self.setupLock.withLock { _ = try PostgresSetup.run(try owner()) }
  }

  /// A unique login name for `role` (roles are cluster-wide), remembered for cleanup.
  package func loginName(_ role: String) -> String {
    let login = "\(name)_\(role)"
    logins.mutate { $0.append(login) }
    return login
  }

  /// Sets the database up and adds a login in `role`'s group; returns its connection target.
  package func login(_ role: Role, password: String = "pw-\(UUID().uuidString)") throws -> (
    name: String, target: String
  ) {
    let login = loginName(role.rawValue)
    try PostgresUsers.add(try owner(), name: login, role: role, password: password)
    return (login, target(user: login, password: password))
  }

  /// A kiosk login (created directly, as the README shows, with the kiosk group).
  package func kioskLogin() throws -> String {
    let login = loginName("kiosk")
    let password = "pw-\(UUID().uuidString)"
    let conn = try owner()
    try conn.execute(
      "CREATE ROLE \(login) LOGIN PASSWORD \(try conn.quoteLiteral(conn.encryptPassword(password, user: login))) "
        + "IN ROLE gongzhi_kiosk")
    return target(user: login, password: password)
  }
}

package final class Locked<Value: Sendable>: @unchecked Sendable {
  private var stored: Value
  private let lock = NSLock()
  package init(_ value: Value) { stored = value }
  package var value: Value { lock.withLock { stored } }
  package func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
