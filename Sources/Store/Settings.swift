import Domain
import Foundation
import GRDB

/// Hospital-wide settings (the hospital's name on the kiosk, …), audited like any
/// other change. Keys are plain dotted names such as `hospital.name`.
public protocol SettingsRepository: Sendable {
  func value(_ key: String) throws -> String?
  func all() throws -> [String: String]
  /// Sets (or with nil removes) a setting; admin only.
  func set(_ key: String, to value: String?, by actor: Actor) throws
}

public enum SettingKey {
  /// The name the kiosk header shows.
  public static let hospitalName = "hospital.name"
  /// Every key `gongzhi setting` accepts.
  public static let all = [hospitalName]
}

extension GongzhiStore {
  public var settings: any SettingsRepository { GRDBSettingsRepository(db: db) }
}

enum SettingsSchema {
  static func v5(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE setting (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
        """)
  }

  static let audited: [(entity: String, key: String, columns: [String])] = [("setting", "key", ["value"])]
}

struct GRDBSettingsRepository: SettingsRepository {
  let db: StoreDB

  func value(_ key: String) throws -> String? {
    try db.read { db in
      try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }
  }

  func all() throws -> [String: String] {
    try db.read { db in
      var out: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
        out[row["key"]] = row["value"]
      }
      return out
    }
  }

  func set(_ key: String, to value: String?, by actor: Actor) throws {
    guard actor.role.can(.manageSettings) else { throw StoreError.permissionDenied(.manageSettings) }
    try db.write { db in
      let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
      guard old != value else { return }
      if let value {
        try db.execute(
          sql:
            "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          arguments: [key, value])
      } else {
        try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
      }
      try recordChanges(
        db: db, actor: actor, entity: "setting", entityID: key,
        action: old == nil ? .create : (value == nil ? .delete : .update),
        old: old.map { ["value": $0] } ?? [:], new: value.map { ["value": $0] } ?? [:], reason: nil)
    }
  }
}
