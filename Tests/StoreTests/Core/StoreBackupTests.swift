import Domain
import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct StoreBackupTests {
  /// A writer keeps adding rows on its own connection while the backup runs: the
  /// backup is one consistent moment (integrity and chain hold, every row of the
  /// moment is there) and the writer never fails.
  @Test func aBackupWhileAnotherConnectionWrites() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      let store = try filledStore(path)
      let auditRows = try store.audit.verify()
      try store.close()
      let done = Locked(false)
      let written = Locked(0)
      let failures = Locked<[String]>([])
      // Audited writes (holidays), so the chain of every moment verifies.
      let writer = Thread {
        do {
          let other = try GongzhiStore(path: path)
          let first = Day(year: 2100, month: 1, day: 1)
          var day = 0
          while !done.value || day < 50 {
            try other.proposals.saveHolidays([Holiday(day: first.adding(days: day))], by: copyAdmin)
            day += 1
            written.mutate { $0 = day }
          }
          try other.close()
        } catch {
          failures.mutate { $0.append("\(error)") }
        }
      }
      writer.start()
      while written.value < 5 { usleep(1000) }
      let report = try StoreBackup.run(database: path, to: dir + "/backup.sqlite", replace: false)
      done.mutate { $0 = true }
      while written.value < 50 && failures.value.isEmpty { usleep(1000) }
      usleep(20_000)
      #expect(failures.value == [])
      #expect(report.bytes > 0)
      // The backup holds the chain of its moment: the rows before the writer began and
      // some of the writer's, all verified.
      guard case .intact(let before) = auditRows else {
        Issue.record("\(auditRows)")
        return
      }
      #expect(report.auditRows >= before + 5)
      let backup = try DatabaseQueue(path: dir + "/backup.sqlite")
      let (integrity, backedUp, mode) = try backup.read { db in
        (
          try String.fetchOne(db, sql: "PRAGMA integrity_check"),
          try Int.fetchOne(db, sql: "SELECT count(*) FROM holiday WHERE day LIKE '2100-%'") ?? 0,
          try String.fetchOne(db, sql: "PRAGMA journal_mode")
        )
      }
      try backup.close()
      #expect(integrity == "ok")
      #expect(backedUp >= 5)
      #expect(mode == "delete")
      // No temporary file is left next to it.
      let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("partial") }
      #expect(left == [])
      // It opens as a Gongzhi database with the same chain.
      let backedUpStore = try GongzhiStore(path: dir + "/backup.sqlite", readOnly: true)
      #expect(try backedUpStore.audit.verify() == .intact(rows: report.auditRows))
    }
  }

  @Test func anExistingFileIsReplacedOnlyWhenAsked() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      try GongzhiStore(path: path).close()
      try Data("keep".utf8).write(to: URL(fileURLWithPath: dir + "/b.sqlite"))
      #expect(throws: StoreBackupError.exists(dir + "/b.sqlite")) {
        try StoreBackup.run(database: path, to: dir + "/b.sqlite", replace: false)
      }
      #expect(try String(contentsOfFile: dir + "/b.sqlite", encoding: .utf8) == "keep")
      _ = try StoreBackup.run(database: path, to: dir + "/b.sqlite", replace: true)
      #expect(try GongzhiStore.checkExistingFile(path: dir + "/b.sqlite"))
      #expect(throws: StoreBackupError.sameFile(path)) {
        try StoreBackup.run(database: path, to: path, replace: true)
      }
    }
  }

  @Test func aFailedBackupLeavesNoFile() throws {
    try withTempDir { dir in
      let path = dir + "/g.sqlite"
      try filledStore(path).close()
      // No such folder: the temporary file cannot be made.
      #expect(throws: StoreBackupError.self) {
        try StoreBackup.run(database: path, to: dir + "/missing/b.sqlite", replace: false)
      }
      // A database whose audit log was altered: the copy does not verify, so it is not kept.
      var config = Configuration()
      config.foreignKeysEnabled = false
      let raw = try DatabaseQueue(path: path, configuration: config)
      try raw.write { db in
        try db.execute(sql: "DROP TRIGGER audit_log_no_update")
        try db.execute(sql: "UPDATE audit_log SET actor = 'someone else' WHERE id = 3")
      }
      try raw.close()
      do {
        _ = try StoreBackup.run(database: path, to: dir + "/b.sqlite", replace: false)
        Issue.record("a broken chain was backed up")
      } catch let error as StoreBackupError {
        guard case .auditBroken(_, let row, _) = error else {
          Issue.record("\(error)")
          return
        }
        #expect(row == "3")
      }
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { !$0.hasPrefix("g.sqlite") }
          == [])
    }
  }

  @Test func aServerIsPointedToPgDump() {
    #expect(throws: StoreBackupError.postgres) {
      try StoreBackup.run(database: "postgresql://u@/gongzhi?host=/tmp", to: "/tmp/x.sqlite", replace: false)
    }
  }
}
