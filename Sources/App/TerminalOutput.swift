import Foundation
import TUI

/// Where the command-line program writes text that may carry stored data (names,
/// titles, settings, audit rows, exports, error messages). Text from the store is
/// never trusted to be free of control characters (a record from an older version,
/// a tool writing the file directly), and one ESC or BEL reaching a terminal can
/// rename a tmux pane or worse. So when the destination is a terminal, controls are
/// shown escaped (`^[`, `<9B>`); tab and line breaks stay. A file or a pipe gets
/// the exact bytes, so exports stay byte-for-byte re-importable.
public enum TerminalOutput {
  public static func standardOutput(_ text: String) {
    write(text, to: FileHandle.standardOutput, isTerminal: isatty(STDOUT_FILENO) == 1)
  }

  public static func standardError(_ text: String) {
    write(text, to: FileHandle.standardError, isTerminal: isatty(STDERR_FILENO) == 1)
  }

  /// `text` as it may be written to a terminal.
  public static func forTerminal(_ text: String) -> String {
    SafeText.visible(text, keepingLineBreaks: true)
  }

  static func write(_ text: String, to handle: FileHandle, isTerminal: Bool) {
    handle.write(Data((isTerminal ? forTerminal(text) : text).utf8))
  }
}
