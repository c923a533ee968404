import Domain
import Foundation

/// A register query: every set filter must hold (they combine with AND).
public struct DisclosureQuery: Hashable, Sendable {
  public var level: DisclosureLevel?
  /// Items whose usual channels include this one.
  public var channelID: Int64?
  /// The responsible department.
  public var departmentID: Int64?
  /// Only items past their due day on `today`.
  public var overdueOnly: Bool
  public var includeInactive: Bool
  /// The day statuses are judged against.
  public var today: Day

  public init(
    level: DisclosureLevel? = nil, channelID: Int64? = nil, departmentID: Int64? = nil,
    overdueOnly: Bool = false,
    includeInactive: Bool = false, today: Day = .today()
  ) {
    self.level = level
    self.channelID = channelID
    self.departmentID = departmentID
    self.overdueOnly = overdueOnly
    self.includeInactive = includeInactive
    self.today = today
  }
}

/// One line of the register: the item, its department's name and its status on the query's day.
public struct DisclosureEntry: Hashable, Sendable, Identifiable {
  public var item: DisclosureItem
  public var department: String?
  public var status: DisclosureStatus
  public var id: Int64 { item.id }
}

/// What a public kiosk shows of an item: its newest publication. Holds no personal
/// data (who recorded it is left out).
public struct KioskNotice: Hashable, Sendable, Identifiable {
  public var itemID: Int64
  public var level: DisclosureLevel
  /// The item's name, as the notice's heading.
  public var title: String
  /// The responsible department.
  public var department: String
  public var publishedOn: Day
  public var text: String
  public var id: Int64 { itemID }
}

/// The disclosure register (院务公开). Reads need no permission; every change checks
/// `Permission.manageDisclosures` (imports also `importData`), validates
/// (`StoreError.invalid` with `FieldIssue`s), checks the row `version`
/// (`StoreError.staleVersion`) and writes its audit rows in the same transaction.
///
/// The kiosk opens the store read-only and calls only `kioskNotices(limit:)`.
public protocol DisclosureRepository: Sendable {
  /// Fills an empty channel table with the ten standard channels (公告栏, 电子屏, 触摸屏,
  /// 职代会, 院务会, 科主任会, 社会监督员座谈会, 微信公众号, 简报, 网站), audited. Adding
  /// an item or a channel and importing do this first; does nothing once channels exist.
  func installStandardChannels(by actor: Actor) throws
  /// The channel table in its order (then by id).
  func channels(includeInactive: Bool) throws -> [DisclosureChannel]
  @discardableResult func addChannel(_ channel: DisclosureChannel, by actor: Actor) throws
    -> DisclosureChannel
  /// Renames, reorders, (de)activates a channel.
  @discardableResult func updateChannel(_ channel: DisclosureChannel, by actor: Actor, reason: String?) throws
    -> DisclosureChannel

  /// The working-day calendar (the holiday table) that due dates are computed with.
  func calendar() throws -> WorkingCalendar

  /// The register: by level (社会, 患者, 职工), then in register order (id), with the
  /// status of each item on `query.today`.
  func entries(_ query: DisclosureQuery) throws -> [DisclosureEntry]
  func item(id: Int64) throws -> DisclosureItem?
  /// The item's publications, newest first (by date, then by when recorded).
  func publications(itemID: Int64) throws -> [DisclosurePublication]

  /// Adds an item (its last-published fields are ignored: record a publication instead).
  @discardableResult func addItem(_ item: DisclosureItem, by actor: Actor) throws -> DisclosureItem
  /// Saves an item's fields; `item.version` must be the one read. The last-published
  /// fields keep their stored values.
  @discardableResult func updateItem(_ item: DisclosureItem, by actor: Actor, reason: String?) throws
    -> DisclosureItem

  /// Records that `publication.itemID` was made public on `publication.publishedOn`
  /// (not after `today`) with this text through these channels. A publication on or
  /// after the item's last one becomes its last (date and text); the item's version
  /// rises in any case. `itemVersion` must be the one read.
  @discardableResult func recordPublication(
    _ publication: DisclosurePublication, itemVersion: Int, by actor: Actor, today: Day
  ) throws -> (item: DisclosureItem, publication: DisclosurePublication)

  /// For the kiosk: active items marked public on the kiosk that have been published,
  /// each with its newest publication, newest first; at most `limit`. Works on a
  /// read-only store.
  func kioskNotices(limit: Int) throws -> [KioskNotice]
}
