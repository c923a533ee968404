import TUI

/// Markers the App adds to the TUI's glyph sets; plain ASCII where the terminal needs it.
extension Glyphs {
  var isASCII: Bool { self == .ascii }
  var warningMark: String { isASCII ? "!" : "⚠" }
  var choicePrevious: String { isASCII ? "<" : "◂" }
  var choiceNext: String { isASCII ? ">" : "▸" }
  var separator: String { isASCII ? "|" : "·" }
  var pathSeparator: String { isASCII ? ">" : "›" }
}
