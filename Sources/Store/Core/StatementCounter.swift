import Foundation
import GRDB

/// Counts the SQL statements this process sends, for `gongzhi bench` (issue 14: at most
/// three queries a key for moving in a list). Off unless switched on before a store
/// opens: a connection opened while it is off is not traced, so it costs nothing then.
/// Transaction control (`BEGIN`, `COMMIT`, savepoints), pragmas and the statements
/// triggers run are not counted: they are not queries the screen asked for.
/// `roundTrips` counts what a network adds to: every exchange with a PostgreSQL server,
/// transaction control included (SQLite has none).
public enum StatementCounter {
  /// A lock rather than `Synchronization.Atomic`, which needs macOS 15 (the package supports 13).
  private final class State: @unchecked Sendable {
    let lock = NSLock()
    var enabled = false
    var count = 0
    var roundTrips = 0
  }
  private static let state = State()

  /// Counts on every connection opened from now on.
  public static func enable() { state.lock.withLock { state.enabled = true } }

  /// Statements counted since `enable()`.
  public static var total: Int { state.lock.withLock { state.count } }

  /// Exchanges with a PostgreSQL server since `enable()` (each waits for the server's
  /// answer: on a LAN, one network round trip each).
  public static var roundTrips: Int { state.lock.withLock { state.roundTrips } }

  static func install(on db: Database) {
    guard state.lock.withLock({ state.enabled }) else { return }
    db.trace(options: .statement) { event in
      guard case .statement(let statement) = event, counts(statement.sql) else { return }
      state.lock.withLock { state.count += 1 }
    }
  }

  /// Counts one statement sent to a PostgreSQL server (whose connections have no trace
  /// hook), when counting is on: a round trip, and a statement when `sql` counts.
  /// `roundTrips` is how many exchanges it took (describing one takes two).
  static func record(_ sql: String, roundTrips: Int = 1) {
    guard state.lock.withLock({ state.enabled }) else { return }
    let counted = counts(sql)
    state.lock.withLock {
      state.roundTrips += roundTrips
      if counted { state.count += 1 }
    }
  }

  /// Whether `sql` is a query or change a screen asked for.
  public static func counts(_ sql: String) -> Bool {
    let head = sql.drop { $0 == " " || $0 == "\n" || $0 == "\t" }.prefix(9).uppercased()
    return !["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "--"].contains {
      head.hasPrefix($0)
    }
  }
}
