import Domain
import Foundation

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
  /// Working days of grace after the end of its register period before a periodic
  /// disclosure item never yet published is due (default 0: due at the period's end).
  public static let disclosureFirstGrace = "disclosure.firstGraceWorkingDays"
  /// Every key `gongzhi setting` accepts.
  public static let all = [hospitalName, disclosureFirstGrace]

  /// Problems with a value about to be stored under `key` (numeric settings only).
  static func issues(_ key: String, _ value: String) -> [FieldIssue] {
    guard key == disclosureFirstGrace else { return [] }
    let limit = DisclosureSchedule.maxWorkingDays
    if let n = Int(value), (0...limit).contains(n) { return [] }
    return [FieldIssue(field: key, message: Message("error.setting.badWorkingDays", String(limit)))]
  }

  /// The grace setting as stored; 0 when unset (values are checked on the way in).
  static func disclosureFirstGrace(_ db: SQLDatabase) throws -> Int {
    let text = try String.fetchOne(
      db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [disclosureFirstGrace])
    return text.flatMap { Int($0) }.map { min(max($0, 0), DisclosureSchedule.maxWorkingDays) } ?? 0
  }
}

extension GongzhiStore {
  public var settings: any SettingsRepository { GRDBSettingsRepository(db: db) }
}

enum SettingsSchema {
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
      for row in try SQLRow.fetchAll(db, sql: "SELECT key, value FROM setting") {
        out[row["key"]] = row["value"]
      }
      return out
    }
  }

  func set(_ key: String, to value: String?, by actor: Actor) throws {
    guard actor.role.can(.manageSettings) else { throw StoreError.permissionDenied(.manageSettings) }
    if let issue = value.flatMap({ TextRule.issue(field: key, text: $0, allowNewlines: false) }) {
      throw StoreError.invalid([issue])
    }
    if let value {
      let issues = SettingKey.issues(key, value)
      if !issues.isEmpty { throw StoreError.invalid(issues) }
    }
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
      try AuditedWrite.record(
        db, actor: actor, entity: "setting", entityID: key,
        action: old == nil ? .create : (value == nil ? .delete : .update),
        old: old.map { ["value": $0] } ?? [:], new: value.map { ["value": $0] } ?? [:], reason: nil)
    }
  }
}
