import Domain
import Foundation
import GRDB

/// Everything the Store reports to callers. SQLite errors are mapped onto these
/// cases so the App can explain them in the user's language.
public enum StoreError: Error, UserMessage, Equatable {
  /// The file exists but is not an SQLite database, or not a Gongzhi one.
  case notADatabase(String)
  /// The database was written by a newer Gongzhi.
  case newerSchema(found: Int, supported: Int)
  /// Another process held the database longer than the busy timeout.
  case locked(String)
  /// The file or its directory cannot be written.
  case readOnlyFile(String)
  /// The server takes only reads on this connection: a hot standby, or a store opened
  /// read-only (the kiosk's).
  case readOnlyServer(String)
  case diskFull(String)
  case cannotOpen(String, String)
  /// A read-only open found a file that does not exist.
  case missing(String)
  /// A read-only open found a database that has not been created/upgraded by a writable open.
  case notMigrated(String)
  /// Someone else saved this row since it was read.
  case staleVersion(entity: String, id: Int64)
  case unknownUser(String)
  case permissionDenied(Permission)
  case invalid([FieldIssue])
  case notFound(entity: String, id: Int64)
  case duplicateUser(String)
  /// Any other database failure: path and SQLite's English message.
  case sqlite(String, String)

  public var key: String {
    switch self {
    case .notADatabase: return "error.store.notADatabase"
    case .newerSchema: return "error.store.newerSchema"
    case .locked: return "error.store.locked"
    case .readOnlyFile: return "error.store.readOnlyFile"
    case .readOnlyServer: return "error.store.readOnlyServer"
    case .diskFull: return "error.store.diskFull"
    case .cannotOpen: return "error.store.cannotOpen"
    case .missing: return "error.store.missing"
    case .notMigrated: return "error.store.notMigrated"
    case .staleVersion: return "error.store.staleVersion"
    case .unknownUser: return "error.store.unknownUser"
    case .permissionDenied(let permission): return "error.store.permissionDenied.\(permission.rawValue)"
    case .invalid: return "error.store.invalid"
    case .notFound: return "error.store.notFound"
    case .duplicateUser: return "error.store.duplicateUser"
    case .sqlite: return "error.store.sqlite"
    }
  }

  /// `invalid`: the number of issues then the first issue's field (render the issues themselves).
  public var args: [String] {
    switch self {
    case .notADatabase(let p), .locked(let p), .readOnlyFile(let p), .readOnlyServer(let p), .diskFull(let p),
      .missing(let p), .notMigrated(let p):
      return [p]
    case .newerSchema(let found, let supported): return [String(found), String(supported)]
    case .cannotOpen(let p, let detail), .sqlite(let p, let detail): return [p, detail]
    case .staleVersion(let entity, let id), .notFound(let entity, let id): return [entity, String(id)]
    case .unknownUser(let name), .duplicateUser(let name): return [name]
    case .permissionDenied: return []
    case .invalid(let issues): return [String(issues.count), issues.first?.field ?? ""]
    }
  }

  /// Maps any error thrown by GRDB/SQLite to a StoreError; StoreErrors and other
  /// errors pass through unchanged.
  static func map(_ error: any Error, path: String) -> any Error {
    // A write through a read-only open of the server (the kiosk's, a standby's) is
    // refused as one through a read-only open of a file is, in the server's words.
    if case PostgresError.server(let state, _) = error, state == PostgresError.readOnlyTransaction {
      return StoreError.readOnlyServer(path)
    }
    guard let db = error as? DatabaseError else { return error }
    switch db.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.locked(path)
    case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnlyFile(path)
    case .SQLITE_FULL: return StoreError.diskFull(path)
    case .SQLITE_NOTADB: return StoreError.notADatabase(path)
    case .SQLITE_CANTOPEN: return StoreError.cannotOpen(path, db.message ?? "cannot open")
    case .SQLITE_CORRUPT: return StoreError.cannotOpen(path, "database disk image is malformed")
    default: return StoreError.sqlite(path, db.message ?? "\(db.resultCode)")
    }
  }
}

/// Every string-table key the Store layer produces.
public enum StoreMessageKeys {
  public static let all: [String] =
    [
      "error.store.notADatabase", "error.store.newerSchema", "error.store.locked",
      "error.store.readOnlyFile", "error.store.readOnlyServer", "error.store.diskFull",
      "error.store.cannotOpen",
      "error.store.missing", "error.store.notMigrated", "error.store.staleVersion",
      "error.store.unknownUser", "error.store.invalid",
      "error.store.notFound", "error.store.duplicateUser", "error.store.sqlite",
      "error.unit.duplicateName", "error.unit.cycle", "error.member.unitNotBranch", "error.user.nameRequired",
      "error.user.firstMustBeAdmin",
      ImportError.locatedKey, ImportError.locatedCellKey,
      "error.import.notUTF8", "error.import.notGB18030", "error.import.notText",
      "error.xlsx.damaged", "error.xlsx.unknownSheet", "error.xlsx.noSheets", "error.xlsx.mergedHeader",
      "error.xlsx.noHeader", "error.xlsx.badCell", "error.xlsx.tooLarge",
      "cli.import.readAsCSV", "cli.import.readAsSheet", "error.import.unterminatedQuote",
      "error.import.badQuote",
      "error.import.nulByte", "error.import.controlCharacter", "error.import.fieldCount",
      "error.import.missingHeader", "error.import.duplicateHeader", "error.import.empty",
      "error.import.noRows", "error.import.unknownUnit",
      "error.import.badDate", "error.import.badValue", "error.import.duplicateMember",
      "error.import.unitKindUnknown", "error.import.unitPlacement",
    ] + Permission.allCases.map { StoreError.permissionDenied($0).key } + ProposalStoreKeys.all
    + assessmentKeys + SatisfactionStoreKeys.all + DisclosureStoreKeys.all + PostgresStoreKeys.all
    + SealStoreKeys.all + StoreCopyKeys.all + StoreBackupKeys.all
}
