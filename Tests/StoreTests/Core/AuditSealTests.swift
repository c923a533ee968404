import Domain
import Foundation
import GRDB
import Testing

@testable import Store

/// Runs raw SQL on the store at `path` behind the program's back: the owner on
/// PostgreSQL, the file on SQLite (as a tamperer with the file would).
func tamperAny(_ path: String, _ sql: String) throws {
  if PGConnection.isTarget(path) {
    try PGConnection(path).executeScript(sql)
  } else {
    try tamper(path, sql)
  }
}

/// The same DDL on either backend: SQLite drops a trigger, PostgreSQL disables one.
func dropTrigger(_ path: String, _ name: String, on table: String) throws {
  try tamperAny(
    path,
    PGConnection.isTarget(path) ? "ALTER TABLE \(table) DISABLE TRIGGER \(name)" : "DROP TRIGGER \(name)")
}

@Suite(.serialized) struct AuditSealTests {
  /// keygen, trust, seal, verify, and what each kind of damage looks like, on both backends.
  @Test(arguments: Backend.allCases) func sealsRoundTripAndTamper(_ backend: Backend) throws {
    try onBackend(backend) { path, log in
      try withTempDir { keys in
        let store = try GongzhiStore(path: path)
        let org = try SmallOrg(store)
        var wang = try store.organisation.addMember(Member(unitID: org.branch.id, name: "王伟"), by: admin)
        let seals = keys + "/seals.txt"
        let key1 = try SealKeys.generate(to: keys + "/k1")
        let key2 = try SealKeys.generate(to: keys + "/k2")
        #expect(throws: SealError.fileExists(keys + "/k1")) { try SealKeys.generate(to: keys + "/k1") }
        let mode = try FileManager.default.attributesOfItem(atPath: keys + "/k1")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        #expect(throws: StoreError.permissionDenied(.sealAuditLog)) {
          try store.seals.seal(keyFile: keys + "/k1", actor: Actor(name: "x", role: .viewer), appendTo: nil)
        }
        #expect(throws: SealError.noTrustedKey) {
          try store.seals.seal(keyFile: keys + "/k1", actor: admin, appendTo: nil)
        }
        #expect(throws: StoreError.permissionDenied(.manageUsers)) {
          try store.seals.trust(
            publicKeyFile: keys + "/k1.pub", signedBy: nil, actor: Actor(name: "x", role: .clerk))
        }
        #expect(throws: SealError.badKeyFile(keys + "/k1")) {
          try store.seals.trust(publicKeyFile: keys + "/k1", signedBy: nil, actor: admin)
        }
        #expect(try store.seals.trust(publicKeyFile: keys + "/k1.pub", signedBy: nil, actor: admin) == key1)
        #expect(throws: SealError.alreadyTrusted(key1)) {
          try store.seals.trust(publicKeyFile: keys + "/k1.pub", signedBy: nil, actor: admin)
        }
        // A second key is not trusted without the first key's signature.
        #expect(throws: SealError.replacementNeedsOldKey(key1)) {
          try store.seals.trust(publicKeyFile: keys + "/k2.pub", signedBy: nil, actor: admin)
        }
        #expect(throws: SealError.wrongOldKey(key1)) {
          try store.seals.trust(publicKeyFile: keys + "/k2.pub", signedBy: keys + "/k2", actor: admin)
        }
        #expect(throws: SealError.notTrusted(key2)) {
          try store.seals.seal(keyFile: keys + "/k2", actor: admin, appendTo: nil)
        }

        let first = try store.seals.seal(keyFile: keys + "/k1", actor: admin, appendTo: seals)
        log.note("tables sealed", first.tables)
        var report = try store.seals.verify(sealsFile: seals)
        log.note("sound after sealing", report.isSound)
        log.note("nothing after", report.afterLatest)
        #expect(report.seals.map(\.verified) == [true])
        #expect(report.guardsChecked > 0 && report.missingGuards.isEmpty)

        // A legitimate change after the seal is reported as such, not as a contradiction.
        wang.phone = "13800000000"
        wang = try store.organisation.updateMember(wang, by: admin, reason: "电话")
        report = try store.seals.verify(sealsFile: seals)
        log.note("sound after a change", report.isSound)
        log.note(
          "after latest mentions member", report.afterLatest.contains { $0.contains("member \(wang.id) (1)") }
        )
        log.note(
          "after latest names the table", report.afterLatest.contains { $0.hasPrefix("table member (") })

        _ = try store.seals.seal(keyFile: keys + "/k1", actor: admin, appendTo: seals)
        // The committee's key is replaced with the old key's signature; old seals still verify.
        #expect(
          try store.seals.trust(publicKeyFile: keys + "/k2.pub", signedBy: keys + "/k1", actor: admin) == key2
        )
        _ = try store.seals.seal(keyFile: keys + "/k2", actor: admin, appendTo: seals)
        report = try store.seals.verify(sealsFile: seals)
        log.note("three seals verified", report.seals.map(\.verified))
        log.note("sound after key change", report.isSound)
        log.note("nothing after the third", report.afterLatest)
        #expect(
          try store.audit.verify()
            == .intact(rows: try store.audit.entries(entity: nil, since: nil, limit: nil).count))

        // A forged line in the committee's file: a sealed head moved, the signature kept.
        let lines = try String(contentsOfFile: seals, encoding: .utf8).split(separator: "\n")
        let forged = lines[0].replacingOccurrences(of: " head=", with: " head=9")
        try (lines.joined(separator: "\n") + "\n" + forged + "\n").write(
          toFile: seals, atomically: true, encoding: .utf8)
        report = try store.seals.verify(sealsFile: seals)
        #expect(report.contradictions.count == 1, "\(report.contradictions)")
        log.note(
          "forged line found",
          report.contradictions.contains {
            $0.detail.hasPrefix("SEALS line 4:") && $0.detail.contains("does not verify")
          })

        // A seal deleted from the database (its trigger removed first) is missed by the file.
        try (lines.joined(separator: "\n") + "\n").write(toFile: seals, atomically: true, encoding: .utf8)
        let deleteTrigger = PGConnection.isTarget(path) ? "audit_seal_append_only" : "audit_seal_no_delete"
        try dropTrigger(path, deleteTrigger, on: "audit_seal")
        try tamperAny(path, "DELETE FROM audit_seal WHERE id = 1")
        report = try store.seals.verify(sealsFile: seals)
        log.note(
          "deleted seal found",
          report.contradictions.contains {
            $0.detail.contains("SEALS line 1") && $0.detail.contains("missing from the database")
          })
        log.note("guard missing", report.missingGuards.contains { $0.contains(deleteTrigger) })
        #expect(
          try store.seals.verify(sealsFile: nil).contradictions.isEmpty,
          "without the file the deletion shows only as a missing guard")

        // A row changed behind the log's back before the seal contradicts the seals
        // that cover it, naming the table; the chain check names the row.
        try tamperAny(path, "UPDATE member SET name = '王五' WHERE id = \(wang.id)")
        report = try store.seals.verify(sealsFile: nil)
        let member = report.contradictions.filter { $0.table == "member" }
        log.note("member contradicts seals", member.map { $0.sealID ?? -1 })
        guard case .broken(let row?, "member", let id, _) = try store.audit.verify() else {
          Issue.record("tampered member not found by the chain check")
          return
        }
        #expect(id == String(wang.id))
        log.note("covering seal", report.seal(covering: row)?.id ?? -1)
        try store.close()
      }
    }
  }

  /// Rewriting the log (triggers dropped, hashes recomputed or not) cannot keep the
  /// sealed chain head: the seal names the audit row.
  @Test func rewrittenChainHeadContradictsTheSeal() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try GongzhiStore(path: path)
      _ = try SmallOrg(store)
      _ = try SealKeys.generate(to: dir + "/k")
      _ = try store.seals.trust(publicKeyFile: dir + "/k.pub", signedBy: nil, actor: admin)
      let seal = try store.seals.seal(keyFile: dir + "/k", actor: admin, appendTo: nil)
      try tamper(
        path,
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET hash = '\(String(repeating: "1", count: 64))' WHERE id = \(seal.headID)"
      )
      let report = try store.seals.verify(sealsFile: nil)
      #expect(report.contradictions.count == 1)
      #expect(report.contradictions.first?.table == "audit_log")
      #expect(report.contradictions.first?.row == String(seal.headID))
      #expect(report.contradictions.first?.detail.contains("rewritten") == true)
      #expect(report.missingGuards == ["trigger audit_log_no_update on audit_log"])
      #expect(report.seals.map(\.verified) == [false])
      // A tampered stored seal no longer verifies.
      try tamper(
        path,
        "DROP TRIGGER audit_seal_no_update; UPDATE audit_seal SET payload = replace(payload, 'head=', 'head=1')"
      )
      let again = try store.seals.verify(sealsFile: nil)
      #expect(
        again.contradictions.contains { $0.table == "audit_seal" && $0.detail.contains("does not verify") })
      try store.close()
    }
  }

  /// An unrecorded change to a table the log does not cover yet shows as changed after
  /// the latest seal (it cannot be told from a legitimate one), not as a contradiction.
  @Test func unauditedTableChangeIsReportedAfterTheLatestSeal() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try GongzhiStore(path: path)
      _ = try SealKeys.generate(to: dir + "/k")
      _ = try store.seals.trust(publicKeyFile: dir + "/k.pub", signedBy: nil, actor: admin)
      _ = try store.seals.seal(keyFile: dir + "/k", actor: admin, appendTo: nil)
      try tamper(
        path,
        "UPDATE satisfaction_instrument SET toml = toml || ' ' WHERE rowid = (SELECT min(rowid) FROM satisfaction_instrument)"
      )
      let report = try store.seals.verify(sealsFile: nil)
      #expect(report.isSound)
      #expect(
        report.afterLatest.contains {
          $0.hasPrefix("table satisfaction_instrument (") && $0.contains("not recorded")
        })
      try store.close()
    }
  }

  /// A database copied to PostgreSQL verifies the seals made on SQLite: the table
  /// digests do not depend on the backend.
  @Test(.enabled(if: PGTest.runs, PGTest.skipReason)) func sealsSurviveACopyToPostgres() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try GongzhiStore(path: path)
      _ = try SmallOrg(store)
      _ = try SealKeys.generate(to: dir + "/k")
      _ = try store.seals.trust(publicKeyFile: dir + "/k.pub", signedBy: nil, actor: admin)
      _ = try store.seals.seal(keyFile: dir + "/k", actor: admin, appendTo: dir + "/seals")
      try store.close()
      try PGTest.withDatabase { db in
        _ = try PostgresSetup.run(try db.owner())
        _ = try StoreCopy.copy(from: path, to: db.target())
        let server = try GongzhiStore(path: db.target())
        let report = try server.seals.verify(sealsFile: dir + "/seals")
        #expect(report.contradictions.isEmpty, "\(report.contradictions)")
        #expect(report.seals.map(\.verified) == [true])
        #expect(report.missingGuards.isEmpty, "\(report.missingGuards)")
        try server.close()
      }
    }
  }

  @Test func payloadsParseOnlyWhatTheyWrite() {
    var hasher = TableHasher()
    hasher.add(row: Array("a".utf8))
    hasher.add(row: Array("b".utf8))
    let digest = hasher.digest
    var reversed = TableHasher()
    reversed.add(row: Array("b".utf8))
    reversed.add(row: Array("a".utf8))
    var joined = TableHasher()
    joined.add(row: Array("ab".utf8))
    #expect(digest.count == 2 && joined.digest.count == 1)
    // A chained hash: rows are digested in key order, and where one row ends counts.
    #expect(digest != reversed.digest && digest.hash != joined.digest.hash)
    #expect(TableDigest().hex == TableHasher().digest.hex, "an empty table is the hash of nothing")
    #expect(SealedTables.order("setting", postgres: true) == "key COLLATE \"C\"")
    #expect(
      SealedTables.order("satisfaction_rollup_hospital", postgres: false)
        == "population COLLATE BINARY, month, item COLLATE BINARY")
    #expect(SealedTables.order("member", postgres: true) == "id")
    let payload = SealPayload(
      at: "2026-12-01T08:00:00.000Z", keyID: "0123456789abcdef", headID: 42,
      headHash: String(repeating: "a", count: 64), tables: [("member", digest), ("user", TableDigest())])
    #expect(SealPayload.parse(payload.text) == payload)
    for bad in [
      "", "gongzhi-seal/1", payload.text + " ",
      payload.text.replacingOccurrences(of: "head=42", with: "head=-1"),
      payload.text.replacingOccurrences(of: "head=42", with: "head=99999999999999999999999"),
      payload.text.replacingOccurrences(of: "member:2", with: "member:NaN"), "gongzhi-seal/1 at=\u{1b}[2J",
    ] {
      #expect(SealPayload.parse(bad) == nil, "\(bad)")
    }
  }
}
