import Domain
import Foundation
import GRDB

struct GRDBUserRepository: UserRepository {
  let db: StoreDB

  func add(name: String, role: Role, by actor: Actor) throws {
    guard actor.role.can(.manageUsers) else { throw StoreError.permissionDenied(.manageUsers) }
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      throw StoreError.invalid([FieldIssue(field: "name", message: Message("error.user.nameRequired"))])
    }
    try db.write { db in
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [trimmed]) == true {
        throw StoreError.duplicateUser(trimmed)
      }
      let fields: AuditFields = ["role": role.rawValue, "created_at": AuditTime.format(Date())]
      try db.execute(
        sql: "INSERT INTO user (name, role, created_at) VALUES (?, ?, ?)",
        arguments: [trimmed, fields["role"] ?? nil, fields["created_at"] ?? nil])
      try recordChanges(
        db: db, actor: actor, entity: "user", entityID: trimmed, action: .create, old: [:], new: fields,
        reason: nil)
    }
  }

  func list() throws -> [UserAccount] {
    try db.read { db in
      try Row.fetchAll(db, sql: "SELECT name, role, created_at FROM user ORDER BY name").map { row in
        UserAccount(
          name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer,
          createdAt: AuditTime.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0))
      }
    }
  }

  func resolveActor(name: String) throws -> Actor {
    try db.read { db in
      let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0
      if count == 0 { return Actor(name: name, role: .admin) }
      guard let raw = try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [name]),
        let role = Role(rawValue: raw)
      else { throw StoreError.unknownUser(name) }
      return Actor(name: name, role: role)
    }
  }
}
