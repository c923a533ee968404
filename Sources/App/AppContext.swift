import Domain
import Foundation
import Store
import TUI

/// What every screen needs: the store, who is acting, the language and the look.
@MainActor
public final class AppContext {
  public let store: GongzhiStore
  public let actor: Actor
  public let strings: Strings
  public var glyphs: Glyphs
  /// Today, for validation and ages; fixed in tests and renders for stable output.
  public let today: Day

  public init(store: GongzhiStore, actor: Actor, strings: Strings, glyphs: Glyphs = .unicode, today: Day) {
    self.store = store
    self.actor = actor
    self.strings = strings
    self.glyphs = glyphs
    self.today = today
  }

  /// The role's name in the interface language.
  public var roleName: String { strings("role.\(actor.role.rawValue)") }

  /// Whether the actor may do this; if not, the message to show instead, naming the
  /// role and what it may not do.
  public func refusal(for permission: Permission) -> String? {
    guard !actor.role.can(permission) else { return nil }
    return strings("error.refusal.\(permission.rawValue)", roleName)
  }
}

extension Day {
  /// Today in the local calendar.
  public static func today(_ date: Date = Date()) -> Day {
    let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: date)
    return Day(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1)
  }
}
