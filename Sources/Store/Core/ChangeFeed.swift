/// What was written since a reader last looked, from the audit log: every write goes
/// through the audited-write path, so the entities (tables) of the audit rows after a
/// stamp name what changed. A long-running reader (the kiosk) reads again only what
/// depends on those, instead of everything after any commit.
public struct ChangeSet: Sendable, Equatable {
  /// The newest audit row seen; pass it to the next call.
  public var stamp: Int64
  /// Entities written after the previous stamp; every entity when there was none.
  public var entities: Set<String>
  /// True on the first call (no earlier stamp), when everything counts as changed.
  public var isEverything: Bool

  public func touches(_ any: Set<String>) -> Bool { isEverything || !entities.isDisjoint(with: any) }
}

extension GongzhiStore {
  /// The entities written after `stamp` (by id, so the read is the new audit rows only).
  public func changes(since stamp: Int64?) throws -> ChangeSet {
    try db.read { db in
      // A kiosk login on the server may not read the audit log (it reads only what the
      // kiosk shows): then everything counts as changed, and is read again.
      if db.isPostgres,
        try Bool.fetchOne(db, sql: "SELECT has_table_privilege('audit_log', 'SELECT')") != true
      {
        return ChangeSet(stamp: 0, entities: [], isEverything: true)
      }
      let newest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM audit_log")) ?? 0
      guard let stamp, stamp <= newest else {
        return ChangeSet(stamp: newest, entities: [], isEverything: true)
      }
      let entities = try String.fetchAll(
        db.cachedStatement(sql: "SELECT DISTINCT entity FROM audit_log WHERE id > ? AND id <= ?"),
        arguments: [stamp, newest])
      return ChangeSet(stamp: newest, entities: Set(entities), isEverything: false)
    }
  }
}
