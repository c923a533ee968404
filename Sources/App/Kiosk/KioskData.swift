import Domain
import Foundation
import Store

/// Everything the kiosk shows, read in one go so a page never mixes two moments.
/// Only aggregates and published results: no member's phone or birth date, no
/// draft scores, no group below the satisfaction k threshold.
struct KioskData: Sendable {
  struct Standing: Hashable, Sendable {
    var rank: Int
    var name: String
    var kind: UnitKind
    var total: Double
    var grade: Grade
    var state: AssessmentState
    var movement: Int?
    var vetoed: Bool
    var overExcellentCap: Bool
  }

  struct Standings: Hashable, Sendable {
    var period: Period
    var rows: [Standing]
    var distribution: [Grade: Int]
  }

  struct ProposalBoard: Sendable {
    var session: CongressSession
    var counts: [(state: ProposalState, count: Int)]
    var kpis: ProposalKPIs
    /// Recently replied or implemented, newest first.
    var recent: [ProposalListItem]
  }

  struct Headline: Sendable {
    var population: SatisfactionPopulation
    var kpi: SatisfactionKPI
  }

  var hospitalName: String?
  var standings: Standings?
  var proposals: ProposalBoard?
  var satisfaction: [Headline] = []
  var notices: [KioskNotice] = []
  /// When this snapshot was read.
  var readAt: Date

  static let published = Set(AssessmentExport.publishedStates)
}

/// Reads kiosk snapshots from a database opened read-only. A failed read leaves the
/// caller's last good snapshot in place; the next call tries again (reopening the
/// file, which may have been missing or replaced).
final class KioskSource {
  let path: String
  let today: () -> Day
  private var store: GongzhiStore?
  /// The read-only store, once opened (tests check it refuses writes).
  var openedStore: GongzhiStore? { store }

  init(path: String, today: @escaping () -> Day = { .today() }) {
    self.path = path
    self.today = today
  }

  func read(at now: Date) throws -> KioskData {
    let store = try openStore()
    do {
      return try read(store, at: now)
    } catch {
      self.store = nil
      throw error
    }
  }

  private var openedInode: UInt64?
  /// The audit log's newest row at the last read (see `GongzhiStore.changes(since:)`).
  private var auditStamp: Int64?
  /// The standings rank every unit twice: read again only when an assessment, scheme or
  /// unit was written (each rotation used to spend most of its time on them).
  private var standingsCache = KioskPartCache<KioskData.Standings?>(
    entities: ["assessment", "assessment_entry", "assessment_objection", "assessment_scheme", "org_unit"])
  /// The other parts likewise, each on the tables it shows: a rotation after an
  /// unrelated write (a setting, a member) reads only the change feed and the header.
  private var proposalsCache = KioskPartCache<KioskData.ProposalBoard?>(
    entities: ["proposal", "congress_session", "department"])
  private var satisfactionCache = KioskPartCache<[KioskData.Headline]>(
    entities: [
      "satisfaction_import", "satisfaction_instrument", "satisfaction_target", "satisfaction_rollup",
    ])
  private var noticesCache = KioskPartCache<[KioskNotice]>(
    entities: ["disclosure_item", "disclosure_channel", "disclosure_publication", "department"])

  /// The open store, reopened when the file was replaced or read as a snapshot; an
  /// error when it is gone.
  /// (An open SQLite connection keeps reading a moved or deleted file, so the path
  /// is checked on every read.)
  private func openStore() throws -> GongzhiStore {
    // A server database: one connection, kept for every refresh.
    if PGConnection.isTarget(path) {
      if let store { return store }
      let opened = try GongzhiStore(path: path, readOnly: true)
      store = opened
      return opened
    }
    var st = stat()
    guard stat(path, &st) == 0 else {
      store = nil
      throw StoreError.missing(path)
    }
    // A snapshot (a cleanly closed file this account cannot open beside) sees no later
    // changes, so it is taken again for every refresh.
    if let store, openedInode == UInt64(st.st_ino), !store.isSnapshot { return store }
    let opened = try GongzhiStore(path: path, readOnly: true)
    if openedInode != UInt64(st.st_ino) {
      // Another file: nothing read from the last one carries over.
      auditStamp = nil
      standingsCache.clear()
      proposalsCache.clear()
      satisfactionCache.clear()
      noticesCache.clear()
    }
    store = opened
    openedInode = UInt64(st.st_ino)
    return opened
  }

  private func read(_ store: GongzhiStore, at now: Date) throws -> KioskData {
    var data = KioskData(readAt: now)
    // Before anything is read: a write after this stamp shows in the next rotation.
    let changes = try store.changes(since: auditStamp)
    auditStamp = changes.stamp
    data.hospitalName = try store.settings.value(SettingKey.hospitalName)
    data.standings = try standingsCache.value(changes: changes, at: now) { try standings(store) }
    data.proposals = try proposalsCache.value(changes: changes, at: now) { try proposalBoard(store) }
    data.satisfaction = try satisfactionCache.value(changes: changes, at: now) { try headlines(store) }
    data.notices = try noticesCache.value(changes: changes, at: now) {
      try store.disclosures.kioskNotices(limit: 40)
    }
    return data
  }

  /// The newest period with published results; only 公示中 and 已定等 rows, as the 公示
  /// ranks them (`AssessmentExport.published`: 总支 first, then 支部), so the kiosk shows
  /// the places, movement and marks of the ranking screen and the notice.
  private func standings(_ store: GongzhiStore) throws -> KioskData.Standings? {
    for period in try store.assessments.periods() {
      var rows: [KioskData.Standing] = []
      for kind in [UnitKind.generalBranch, .branch] {
        let report = try store.assessments.ranking(
          period: period, kind: kind, generalBranchID: nil, category: nil)
        rows += report.rows.compactMap { row in
          guard AssessmentExport.isPublished(row), let rank = row.rank else { return nil }
          return KioskData.Standing(
            rank: rank, name: row.unitName, kind: row.kind, total: row.total, grade: row.grade,
            state: row.state ?? .locked, movement: row.movement, vetoed: row.vetoed,
            overExcellentCap: row.overExcellentCap)
        }
      }
      if !rows.isEmpty {
        var distribution: [Grade: Int] = [:]
        for row in rows where row.kind == .branch { distribution[row.grade, default: 0] += 1 }
        return KioskData.Standings(period: period, rows: rows, distribution: distribution)
      }
    }
    return nil
  }

  private func proposalBoard(_ store: GongzhiStore) throws -> KioskData.ProposalBoard? {
    let repo = store.proposals
    guard let session = try repo.sessions().max(by: { $0.year < $1.year }) else { return nil }
    let counts = try repo.stateCounts(sessionID: session.id)
    let ordered = ProposalState.allCases.compactMap { state in counts[state].map { (state: state, count: $0) }
    }
    .filter { $0.count > 0 }
    let recent = try repo.recentlyAnswered(sessionID: session.id, limit: 30)
    return KioskData.ProposalBoard(
      session: session, counts: ordered, kpis: try repo.kpis(sessionID: session.id), recent: recent)
  }

  private func headlines(_ store: GongzhiStore) throws -> [KioskData.Headline] {
    let repo = store.satisfaction
    return try SatisfactionPopulation.allCases.compactMap { population in
      guard let month = try repo.latestMonth(population) else { return nil }
      let kpi = try repo.kpi(population, period: .month(month.year, month.month), seriesLength: 12)
      return KioskData.Headline(population: population, kpi: kpi)
    }
  }
}

/// One part of the kiosk's data, kept between reads until a write touches one of the
/// entities it depends on. Read again at least every `maxAge` seconds all the same, so
/// a change that bypassed the audit log (raw SQL) still shows within minutes.
struct KioskPartCache<Value> {
  let entities: Set<String>
  var maxAge: TimeInterval = 600
  private var cached: (value: Value, readAt: Date)?

  init(entities: Set<String>) { self.entities = entities }

  mutating func value(changes: ChangeSet, at now: Date, read: () throws -> Value) rethrows -> Value {
    if let cached, !changes.touches(entities), now >= cached.readAt,
      now.timeIntervalSince(cached.readAt) < maxAge
    {
      return cached.value
    }
    let value = try read()
    cached = (value, now)
    return value
  }

  mutating func clear() { cached = nil }
}
