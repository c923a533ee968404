import TUI

/// A validation message in a form (under a field, or for the whole form): wrapped to
/// the room it has, the warning mark on its first line and the rest indented under
/// the text, so a long message is read in full instead of being cut at the edge.
enum FormMessage {
  /// Columns the mark and its space take (`⚠ ` and `! ` alike).
  static let markWidth = 2

  /// The message's rows in `width` columns, without the mark (room is left for it when
  /// `marked`).
  static func lines(_ text: String, width: Int, marked: Bool = true) -> [String] {
    let wrapped = TextWrap.wrap(text, width: max(1, width - (marked ? markWidth : 0)))
    return wrapped.isEmpty ? [""] : wrapped
  }

  /// Draws the message from row `y` down, stopping before `maxY`; returns the rows drawn.
  @discardableResult
  static func draw(
    _ text: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, maxY: Int, glyphs: Glyphs,
    marked: Bool = true, role: StyleRole = .danger
  ) -> Int {
    var rows = 0
    for (i, line) in lines(text, width: width, marked: marked).enumerated() where y + i < maxY {
      let lead = !marked ? "" : (i == 0 ? glyphs.warningMark + " " : String(repeating: " ", count: markWidth))
      buffer.put(lead + line, in: Rect(x: x, y: y + i, width: width, height: 1), role: role)
      rows += 1
    }
    return rows
  }
}
