import Foundation
import Store

/// Where the App suites and the per-feature Store suites keep their stores:
/// `GONGZHI_TEST_DB=postgres` runs them on fresh databases of the test server
/// (`GONGZHI_TEST_PG`) instead of temporary SQLite files, so the same assertions
/// hold the server's dialect to SQLite's. Unset or `sqlite` is the default.
package enum TestBackend: String, Sendable {
  case sqlite
  case postgres

  package static let variable = "GONGZHI_TEST_DB"
  /// Nil for a value that names no backend: every store helper then throws `Unknown`
  /// (a typo must not quietly test SQLite again).
  package static let chosen: TestBackend? = {
    let value = PGTest.environment[variable] ?? ""
    return value.isEmpty ? .sqlite : TestBackend(rawValue: value)
  }()
  package static var isPostgres: Bool { chosen == .postgres }

  package struct Unknown: Error, CustomStringConvertible {
    package var description: String {
      "\(TestBackend.variable)=\(PGTest.environment[TestBackend.variable] ?? "") names no backend (sqlite, postgres)"
    }
  }

  package static func current() throws -> TestBackend {
    guard let chosen else { throw Unknown() }
    return chosen
  }
}

/// A fresh temporary directory, removed at the end of `body`.
package func withTempDir<T>(_ body: (String) throws -> T) throws -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongzhi-test-\(UUID().uuidString)")
    .path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: dir) }
  return try body(dir)
}

/// Runs `body` with where a new store lives (for `GongzhiStore(path:)`): a file in a
/// fresh temporary directory, or under `GONGZHI_TEST_DB=postgres` a fresh server
/// database set up as `setup-server` does, reached as its owner (an admin). Either is
/// removed afterwards. `dir` is a temporary directory for the test's other files.
package func withStorePath<T>(_ body: (_ path: String, _ dir: String) throws -> T) throws -> T {
  try withTempDir { dir in
    switch try TestBackend.current() {
    case .sqlite:
      return try body(dir + "/g.sqlite", dir)
    case .postgres:
      return try PGTest.withDatabase { db in
        try db.setUp()
        return try body(db.target(), dir)
      }
    }
  }
}

package func withStorePath<T>(_ body: (_ path: String) throws -> T) throws -> T {
  try withStorePath { path, _ in try body(path) }
}
