import Domain
import Foundation

struct GRDBUserRepository: UserRepository {
  let db: StoreDB

  @discardableResult
  func add(name: String, role: Role, by actor: Actor) throws -> String? {
    guard actor.role.can(.manageUsers) else { throw StoreError.permissionDenied(.manageUsers) }
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      throw StoreError.invalid([FieldIssue(field: "name", message: Message("error.user.nameRequired"))])
    }
    if let issue = TextRule.issue(field: "name", text: trimmed, allowNewlines: false) {
      throw StoreError.invalid([issue])
    }
    return try db.write { db in
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM \"user\" WHERE name = ?", arguments: [trimmed]) == true {
        throw StoreError.duplicateUser(trimmed)
      }
      var keptInCharge: String?
      if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"user\"") == 0 {
        if trimmed == actor.name {
          guard role == .admin else {
            throw StoreError.invalid([
              FieldIssue(field: "role", message: Message("error.user.firstMustBeAdmin"))
            ])
          }
        } else {
          try insert(db, name: actor.name, role: .admin, by: actor)
          keptInCharge = actor.name
        }
      }
      try insert(db, name: trimmed, role: role, by: actor)
      return keptInCharge
    }
  }

  private func insert(_ db: SQLDatabase, name: String, role: Role, by actor: Actor) throws {
    let fields: AuditFields = ["role": role.rawValue, "created_at": AuditTime.format(Date())]
    try db.execute(
      sql: "INSERT INTO \"user\" (name, role, created_at) VALUES (?, ?, ?)",
      arguments: [name, fields["role"] ?? nil, fields["created_at"] ?? nil])
    try AuditedWrite.record(
      db, actor: actor, entity: "user", entityID: name, action: .create, old: [:], new: fields,
      reason: nil)
  }

  func list() throws -> [UserAccount] {
    try db.read { db in
      try SQLRow.fetchAll(db, sql: "SELECT name, role, created_at FROM \"user\" ORDER BY name").map { row in
        UserAccount(
          name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer,
          createdAt: AuditTime.parse(row["created_at"]) ?? Date(timeIntervalSince1970: 0))
      }
    }
  }

  func resolveActor(name: String) throws -> Actor {
    // The acting name goes into every audit row it writes.
    if let issue = TextRule.issue(field: "user", text: name, allowNewlines: false) {
      throw StoreError.invalid([issue])
    }
    return try db.read { db in
      let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"user\"") ?? 0
      if count == 0 { return Actor(name: name, role: .admin) }
      guard let raw = try String.fetchOne(db, sql: "SELECT role FROM \"user\" WHERE name = ?", arguments: [name]),
        let role = Role(rawValue: raw)
      else { throw StoreError.unknownUser(name) }
      return Actor(name: name, role: role)
    }
  }
}
