import Domain

/// What can go wrong on the PostgreSQL backend, in the user's language (keys in
/// `PostgresStoreKeys.all`). Server errors keep the SQLSTATE so callers can tell a
/// refused privilege (42501) from a duplicate (23505) without reading English text.
public enum PostgresError: Error, UserMessage, Equatable {
  /// libpq could not connect (its one-line reason; never the password).
  case connect(detail: String)
  /// The connection broke during a statement.
  case connectionLost(detail: String)
  /// The server refused a statement: SQLSTATE and its (one-line) message.
  case server(sqlState: String, message: String)
  case missingColumn(String)
  case badValue(column: String, value: String)
  /// A condition the program does not expect from a sound server (no session_user…).
  case unexpected(String)
  /// setup-server run by a login that does not own the database.
  case notOwner(user: String, database: String, owner: String)
  /// setup-server on a database with tables that are not Gongzhi's.
  case notEmpty(database: String, tables: Int)
  /// setup-server needs CREATEROLE to create the group roles.
  case cannotCreateRoles(user: String)
  /// `--user` with a PostgreSQL database: the login is the acting user.
  case userFlagRefused(login: String)
  /// The database has no Gongzhi schema (run setup-server first).
  case notSetUp(database: String)

  public static let insufficientPrivilege = "42501"
  public static let duplicateObject = "42710"
  public static let uniqueViolation = "23505"
  public static let readOnlyTransaction = "25006"

  /// Whether the server refused for lack of a privilege (a grant or a row policy).
  public var isPermissionDenied: Bool {
    if case .server(let state, _) = self { return state == Self.insufficientPrivilege }
    return false
  }

  public var key: String {
    switch self {
    case .connect: return "error.pg.connect"
    case .connectionLost: return "error.pg.connectionLost"
    case .server(let state, _):
      return state == Self.insufficientPrivilege ? "error.pg.permissionDenied" : "error.pg.server"
    case .missingColumn: return "error.pg.missingColumn"
    case .badValue: return "error.pg.badValue"
    case .unexpected: return "error.pg.unexpected"
    case .notOwner: return "error.pg.notOwner"
    case .notEmpty: return "error.pg.notEmpty"
    case .cannotCreateRoles: return "error.pg.cannotCreateRoles"
    case .userFlagRefused: return "error.pg.userFlagRefused"
    case .notSetUp: return "error.pg.notSetUp"
    }
  }

  public var args: [String] {
    switch self {
    case .connect(let detail), .connectionLost(let detail), .unexpected(let detail): return [detail]
    case .server(let state, let message): return [message, state]
    case .missingColumn(let column): return [column]
    case .badValue(let column, let value): return [column, value]
    case .notOwner(let user, let database, let owner): return [user, database, owner]
    case .notEmpty(let database, let tables): return [database, String(tables)]
    case .cannotCreateRoles(let user): return [user]
    case .userFlagRefused(let login): return [login]
    case .notSetUp(let database): return [database]
    }
  }
}

/// The string-table keys of the PostgreSQL backend (listed in `StoreMessageKeys.all`).
public enum PostgresStoreKeys {
  public static let all = [
    "error.pg.connect", "error.pg.connectionLost", "error.pg.permissionDenied", "error.pg.server",
    "error.pg.missingColumn", "error.pg.badValue", "error.pg.unexpected", "error.pg.notOwner",
    "error.pg.notEmpty", "error.pg.cannotCreateRoles",
    "error.pg.userFlagRefused", "error.pg.notSetUp", "error.user.passwordRequired",
  ]
}
