/// A colour as a theme file gives it for one colour depth.
public enum ThemeColor: Hashable, Sendable {
  /// The terminal's own default foreground or background.
  case terminalDefault
  /// A palette index: 0–15 for the 16-colour set, 0–255 for 256 colours.
  case indexed(Int)
  case rgb(UInt8, UInt8, UInt8)
}

public enum TextAttribute: String, Hashable, Sendable, CaseIterable {
  case bold, dim, reverse, underline, italic, blink
}

/// How one role looks at each colour depth, plus the attributes used when the
/// terminal has no colour at all (or `NO_COLOR` is set).
public struct RoleStyle: Hashable, Sendable {
  public struct Colors: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault) {
      self.foreground = foreground
      self.background = background
    }
  }

  public var truecolor: Colors
  public var color256: Colors
  public var color16: Colors
  public var attributes: Set<TextAttribute>
  public var monoAttributes: Set<TextAttribute>

  public init(
    truecolor: Colors = Colors(), color256: Colors = Colors(), color16: Colors = Colors(),
    attributes: Set<TextAttribute> = [], monoAttributes: Set<TextAttribute> = []
  ) {
    self.truecolor = truecolor
    self.color256 = color256
    self.color16 = color16
    self.attributes = attributes
    self.monoAttributes = monoAttributes
  }

  /// The colours to use on a terminal with `colors` colours; nil means monochrome.
  public func colors(forDepth colors: Int) -> Colors? {
    switch colors {
    case 16_777_216...: return truecolor
    case 256...: return color256
    case 8...: return color16
    default: return nil
    }
  }
}

/// A named set of role styles. Screens only name roles; the theme decides the look.
public struct Theme: Hashable, Sendable {
  public var name: String
  public var roles: [StyleRole: RoleStyle]
  /// A monochrome theme ignores colour even on a colour terminal.
  public var isMonochrome: Bool

  public init(name: String, roles: [StyleRole: RoleStyle], isMonochrome: Bool = false) {
    self.name = name
    self.roles = roles
    self.isMonochrome = isMonochrome
  }

  /// The style for a role; a role the theme does not name looks like `normal`.
  public func style(for role: StyleRole) -> RoleStyle {
    roles[role] ?? roles[.normal] ?? RoleStyle()
  }
}
