import Foundation
import TUI

/// Where the command-line program writes text that may carry stored data (names,
/// titles, settings, audit rows, exports, error messages). Text from the store is
/// never trusted to be free of control characters (a record from an older version,
/// a tool writing the file directly), and one ESC or BEL reaching a terminal can
/// rename a tmux pane or worse. So when the destination is a terminal, controls are
/// shown escaped (`^[`, `<9B>`); tab and line breaks stay. A file or a pipe gets
/// the exact bytes, so exports stay byte-for-byte re-importable. Standard output goes
/// through `Output`, which applies the same rule and reports a failed write.
public enum TerminalOutput {
  /// Writes to standard error. A failure there has nowhere left to be reported, so it
  /// is ignored rather than trapping (as `FileHandle.write` would).
  public static func standardError(_ text: String) {
    let shown = isatty(STDERR_FILENO) == 1 ? forTerminal(text) : text
    _ = Output.writeAll(Array(shown.utf8), to: STDERR_FILENO)
  }

  /// `text` as it may be written to a terminal.
  public static func forTerminal(_ text: String) -> String {
    SafeText.visible(text, keepingLineBreaks: true)
  }
}
