/// Box, bar and marker characters, in Unicode or in plain ASCII for terminals that
/// cannot show them (`TERM=linux`, `vt100`, a non-UTF-8 locale).
public struct Glyphs: Sendable, Equatable {
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  public var teeDown: Character
  public var teeUp: Character
  public var teeRight: Character
  public var teeLeft: Character
  /// Partial blocks from 1/8 to 8/8 for bars; ASCII uses `#` for every step.
  public var bar: [Character]
  /// Sparkline levels from lowest to highest.
  public var spark: [Character]
  public var treeBranch: String
  public var treeLast: String
  public var treePipe: String
  public var expanded: Character
  public var collapsed: Character
  public var sortAscending: Character
  public var sortDescending: Character
  public var up: Character
  public var down: Character
  public var ellipsis: String
  public var fullBlock: Character
  public var lightShade: Character

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤",
    bar: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
    treeBranch: "├─", treeLast: "└─", treePipe: "│ ", expanded: "▾", collapsed: "▸",
    sortAscending: "▲", sortDescending: "▼", up: "↑", down: "↓", ellipsis: "…", fullBlock: "█",
    lightShade: "░")

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+",
    bar: ["#", "#", "#", "#", "#", "#", "#", "#"], spark: ["_", ".", ",", "-", "~", "^", "*", "#"],
    treeBranch: "|-", treeLast: "`-", treePipe: "| ", expanded: "v", collapsed: ">",
    sortAscending: "^", sortDescending: "v", up: "^", down: "v", ellipsis: "~", fullBlock: "#",
    lightShade: ".")

  public static func forCapabilities(_ caps: TerminalCapabilities) -> Glyphs {
    caps.unicode ? .unicode : .ascii
  }
}
