import Domain
import Foundation

/// The repositories the rest of the program talks to. No SQL outside the Store
/// target: a shared PostgreSQL backend is planned, so callers only see these protocols.

/// The acting person for every change: their name goes into the audit log.
public struct Actor: Hashable, Sendable {
  public var name: String
  public var role: Role
  public init(name: String, role: Role) {
    self.name = name
    self.role = role
  }
}

public struct UserAccount: Hashable, Sendable {
  public var name: String
  public var role: Role
  public var createdAt: Date
  public init(name: String, role: Role, createdAt: Date) {
    self.name = name
    self.role = role
    self.createdAt = createdAt
  }
}

public protocol UserRepository: Sendable {
  /// Adds a user. The first user added to a database that has none keeps the acting
  /// (login) user in charge: when the new user is someone else, the acting user is
  /// recorded as admin in the same transaction, and their name is returned; adding
  /// oneself first as anything but admin is refused, since nobody could manage users
  /// after it.
  @discardableResult
  func add(name: String, role: Role, by actor: Actor) throws -> String?
  func list() throws -> [UserAccount]
  /// The acting user for `name`: with no users defined the login user is admin,
  /// so a single-user install just works; an unknown name when users exist throws
  /// `StoreError.unknownUser`.
  func resolveActor(name: String) throws -> Actor
}

public protocol OrganisationRepository: Sendable {
  func units(includeInactive: Bool) throws -> [OrgUnit]
  /// Active members directly in each unit.
  func memberCounts() throws -> [Int64: Int]
  func members(inUnit unitID: Int64, includeInactive: Bool) throws -> [Member]
  func member(id: Int64) throws -> Member?
  /// Active members whose name contains `query` (Chinese substrings), at most `limit`.
  func searchMembers(_ query: String, limit: Int) throws -> [Member]
  func memberTotals() throws -> (all: Int, serving: Int, retired: Int)

  @discardableResult func addUnit(_ unit: OrgUnit, by actor: Actor) throws -> OrgUnit
  /// Saves a changed unit. Throws `StoreError.staleVersion` when someone else saved it first.
  @discardableResult func updateUnit(_ unit: OrgUnit, by actor: Actor, reason: String?) throws -> OrgUnit
  @discardableResult func addMember(_ member: Member, by actor: Actor) throws -> Member
  /// Saves a changed member (also a move: a changed `unitID`, or deactivation: `active = false`).
  /// Throws `StoreError.staleVersion` when someone else saved it first.
  @discardableResult func updateMember(_ member: Member, by actor: Actor, reason: String?) throws -> Member
}

public struct AuditEntry: Hashable, Sendable {
  public var id: Int64
  public var at: Date
  public var actor: String
  public var entity: String
  public var entityID: String
  public var action: String
  public var field: String
  public var oldValue: String?
  public var newValue: String?
  public var reason: String?
  public var hash: String
}

public enum AuditVerification: Equatable, Sendable {
  case intact(rows: Int)
  /// The first row whose hash or content does not match; `detail` is an English
  /// diagnostic for the discipline committee (ids, fields, values).
  case broken(auditRowID: Int64?, entity: String, entityID: String, detail: String)
}

public protocol AuditRepository: Sendable {
  func entries(entity: String?, since: Date?, limit: Int?) throws -> [AuditEntry]
  func verify() throws -> AuditVerification
  /// What the assessment rows among `entries` are about, by audit row id: the unit's
  /// path and the period, and for an entry the indicator's name (`内科党总支/心血管内科党支部
  /// · 2026Q3 · 三会一课按期召开`). Read from the tables now, for printing; the logged rows
  /// are not changed. Rows of other entities, or of rows since deleted, have none.
  func subjects(of entries: [AuditEntry]) throws -> [Int64: String]
}
