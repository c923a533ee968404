import Domain
import Foundation
import Store
import TUI

/// The unattended public display: rotates read-only pages, takes taps and arrow keys
/// to move between them, ignores every other key, and leaves only on SIGTERM or the
/// exit PIN (Ctrl-X, digits, Enter).
@MainActor
final class KioskApp: Application {
  enum Page: String, CaseIterable, Sendable {
    case standings, proposals, satisfaction, disclosures
  }

  static let resumeAfter: TimeInterval = 60
  static let minimumSubPage: TimeInterval = 5
  static let retryAfter: TimeInterval = 5

  let pages: [Page]
  let interval: TimeInterval
  let strings: Strings
  let titleOverride: String?
  let exitPIN: String?
  let calendar: Calendar
  private let read: (Date) throws -> KioskData

  private(set) var data: KioskData?
  /// When the last read failed (data shown is older than it should be); nil when fresh.
  private(set) var failingSince: Date?
  /// What is wrong with the file when waiting will not fix it by itself (it needs a
  /// writable open to upgrade it, or is not ours): shown instead of "retrying" while
  /// there is no data yet, so whoever looks after the screen knows what to do.
  private(set) var lastFailure: String?
  private(set) var pageIndex = 0
  private(set) var subPage = 0
  private var slotStart: Date
  private(set) var pausedUntil: Date?
  private(set) var now: Date
  private var nextRetry: Date?
  /// Data is read again every interval even when the page does not change (a
  /// paused kiosk, a single page), so changes made elsewhere always show.
  private var nextRefresh: Date
  private var pinEntry: String?
  private var pinWrong = false
  /// When the PIN prompt or the wrong-PIN line goes away by itself: someone who walks
  /// off mid-entry must not leave it covering the footer's data-age marker.
  private var pinExpiry: Date?
  static let pinPromptLifetime: TimeInterval = 30
  static let pinWrongLifetime: TimeInterval = 10
  var size: Size
  var glyphs: Glyphs = .unicode

  init(
    pages: [Page], interval: TimeInterval, strings: Strings, title: String?, exitPIN: String?, size: Size,
    now: Date, calendar: Calendar = .current, read: @escaping (Date) throws -> KioskData
  ) {
    self.pages = pages.isEmpty ? Page.allCases : pages
    self.interval = max(1, interval)
    self.strings = strings
    self.titleOverride = title
    self.exitPIN = exitPIN
    self.size = size
    self.now = now
    self.slotStart = now
    self.nextRefresh = now
    self.calendar = calendar
    self.read = read
    // The first frame needs data: the constructor runs the first read itself.
    nextRefresh = now.addingTimeInterval(self.interval)
    apply(Result { try read(now) })
  }

  var page: Page { pages[pageIndex] }
  var isPaused: Bool { pausedUntil.map { now < $0 } ?? false }

  /// What the kiosk hears: a terminal event, or the answer of a store read it asked for.
  enum Msg {
    case event(Event)
    case read(Result<KioskData, any Error>)
  }

  /// What an update asks of the loop around it; `handle` runs them.
  enum Effect {
    /// Read the store (at the kiosk's `now`) and send the result back as `.read`.
    case read
  }

  /// Effects asked for by the update running now.
  private var effects: [Effect] = []
  /// The page just shown opens at its last part, counted once its data is read.
  private var wantsLastPart = false

  /// Turns an event into a message, and runs the effects it asks for: the store read
  /// happens here, never inside an update, and its answer is a message like any other.
  func handle(_ event: Event) -> LoopAction {
    var action = update(.event(event))
    while !effects.isEmpty {
      let effect = effects.removeFirst()
      switch effect {
      case .read:
        let now = self.now
        let answer = update(.read(Result { try read(now) }))
        if action != .quit, answer == .redraw { action = .redraw }
      }
    }
    return action
  }

  /// The only place the kiosk's state changes.
  func update(_ msg: Msg) -> LoopAction {
    switch msg {
    case .event(let event): return handleEvent(event)
    case .read(let result):
      apply(result)
      return .redraw
    }
  }

  /// Asks for the store to be read again (every interval, and on every page change).
  func refresh() {
    nextRefresh = now.addingTimeInterval(interval)
    effects.append(.read)
  }

  /// A read's answer; on failure keeps the last good data and marks it stale.
  private func apply(_ result: Result<KioskData, any Error>) {
    do {
      data = try result.get()
      failingSince = nil
      lastFailure = nil
      nextRetry = nil
    } catch {
      if failingSince == nil { failingSince = now }
      switch error as? StoreError {
      case .notMigrated: lastFailure = strings("kiosk.needsUpgrade")
      case .newerSchema, .notADatabase: lastFailure = strings.describe(error)
      default: lastFailure = nil
      }
      nextRetry = now.addingTimeInterval(Self.retryAfter)
    }
    // The parts are counted on the data just read.
    if wantsLastPart {
      wantsLastPart = false
      subPage = max(0, subPageCount - 1)
    }
  }

  var subPageCount: Int {
    KioskPages(app: self).subPageCount(of: page, size: size)
  }

  /// How long each part of a long page stays up: the slot shared out, but never under
  /// `minimumSubPage` (so a short `--interval` stretches a long page); a page in one
  /// part stays up for the interval.
  private var subPageDuration: TimeInterval {
    let parts = subPageCount
    guard parts > 1 else { return interval }
    return max(interval / Double(parts), Self.minimumSubPage)
  }

  var nextDeadline: Date? {
    var candidates: [Date] = []
    if let pausedUntil, now < pausedUntil {
      candidates.append(pausedUntil)
    } else {
      candidates.append(slotStart.addingTimeInterval(subPageDuration * Double(subPage + 1)))
    }
    // The clock shows minutes: wake at the next minute boundary, not more often.
    let minute = floor(now.timeIntervalSinceReferenceDate / 60) * 60 + 60
    candidates.append(Date(timeIntervalSinceReferenceDate: minute))
    candidates.append(nextRetry ?? nextRefresh)
    if let pinExpiry { candidates.append(pinExpiry) }
    return candidates.min()
  }

  private func handleEvent(_ event: Event) -> LoopAction {
    switch event {
    case .terminate:
      return .quit
    case .resize(let newSize):
      size = newSize
      subPage = min(subPage, subPageCount - 1)
      return .redraw
    case .tick(let date):
      return tick(date)
    case .key(let key):
      return handleKey(key)
    case .mouse(let mouse):
      guard mouse.kind == .click else { return .none }
      if let target = KioskPages(app: self).indicatorHit(x: mouse.x, y: mouse.y, size: size) {
        show(target, paused: true)
      } else if mouse.x < size.width / 2 {
        step(by: -1)
      } else {
        step(by: 1)
      }
      return .redraw
    }
  }

  private func tick(_ date: Date) -> LoopAction {
    let before = now
    now = max(now, date)
    var changed = calendar.component(.minute, from: before) != calendar.component(.minute, from: now)
    if now >= (nextRetry ?? nextRefresh) {
      refresh()
      changed = true
    }
    if let pinExpiry, now >= pinExpiry {
      (pinEntry, pinWrong, self.pinExpiry) = (nil, false, nil)
      changed = true
    }
    if let pausedUntil {
      guard now >= pausedUntil else { return changed ? .redraw : .none }
      self.pausedUntil = nil
      slotStart = now
      subPage = 0
      return .redraw
    }
    let elapsed = now.timeIntervalSince(slotStart)
    let part = Int(elapsed / subPageDuration)
    if part >= subPageCount {
      show((pageIndex + 1) % pages.count, paused: false)
      return .redraw
    }
    if part != subPage {
      subPage = part
      return .redraw
    }
    return changed ? .redraw : .none
  }

  private func handleKey(_ key: Key) -> LoopAction {
    if var entry = pinEntry {
      switch key {
      case .char(let c) where c.isNumber:
        entry.append(c)
        pinEntry = entry
      case .backspace:
        pinEntry = String(entry.dropLast())
      case .enter:
        if entry == exitPIN { return .quit }
        pinEntry = nil
        pinWrong = true
      case .escape:
        pinEntry = nil
      default:
        break
      }
      pinExpiry =
        pinEntry != nil
        ? now.addingTimeInterval(Self.pinPromptLifetime)
        : pinWrong ? now.addingTimeInterval(Self.pinWrongLifetime) : nil
      return .redraw
    }
    pinWrong = false
    pinExpiry = nil
    switch key {
    case .ctrl("x") where exitPIN != nil:
      pinEntry = ""
      pinExpiry = now.addingTimeInterval(Self.pinPromptLifetime)
      return .redraw
    case .right, .down, .pageDown, .char(" "):
      step(by: 1)
      return .redraw
    case .left, .up, .pageUp:
      step(by: -1)
      return .redraw
    default:
      // q, Esc, Ctrl-C and every editing key do nothing on a kiosk.
      return .none
    }
  }

  /// A person moved the display: go one part (or page) forward or back and hold
  /// still until they have left it alone for a minute.
  private func step(by delta: Int) {
    let count = subPageCount
    if delta > 0 {
      if subPage + 1 < count {
        subPage += 1
        pausedUntil = now.addingTimeInterval(Self.resumeAfter)
      } else {
        show((pageIndex + 1) % pages.count, paused: true)
      }
    } else {
      if subPage > 0 {
        subPage -= 1
        pausedUntil = now.addingTimeInterval(Self.resumeAfter)
      } else {
        // Back from a page's first part: the previous page's last part, as paging back reads.
        show((pageIndex + pages.count - 1) % pages.count, paused: true, atLastPart: true)
      }
    }
  }

  private func show(_ index: Int, paused: Bool, atLastPart: Bool = false) {
    pageIndex = index
    subPage = 0
    slotStart = now
    pausedUntil = paused ? now.addingTimeInterval(Self.resumeAfter) : nil
    // Every page change reads the store again, so changes made elsewhere appear
    // within one interval; a step back opens at the last part of what it reads.
    wantsLastPart = atLastPart
    refresh()
  }

  var pinPrompt: String? {
    if let pinEntry { return strings("kiosk.pin.prompt", String(repeating: "•", count: pinEntry.count)) }
    return pinWrong ? strings("kiosk.pin.wrong") : nil
  }

  func render(into buffer: inout ScreenBuffer, capabilities: TerminalCapabilities) {
    size = buffer.size
    glyphs = Glyphs.forCapabilities(capabilities)
    KioskPages(app: self).render(into: &buffer)
  }
}
