import Domain
import Foundation

/// The one way commands write their results, to standard output or a file. A failed
/// write (a full disk, `/dev/full`, a closed descriptor) throws `OutputError`, which the
/// command line reports as one line on stderr with exit 1: never a trap, never exit 0
/// with nothing written. (`print` and `FileHandle.write(_:)` cannot do this: the first
/// loses the error in a buffer, the second traps.)
public enum Output {
  /// Flushes what `print` left in stdio's buffer (the benchmarks still print): its
  /// failure would otherwise pass unnoticed at exit.
  public static func flushPrinted() throws {
    errno = 0
    if fflush(nil) != 0 { throw OutputError(path: nil, code: errno == 0 ? EIO : errno) }
  }

  /// Writes `text` and a newline to standard output.
  public static func line(_ text: String) throws { try write(text + "\n", to: nil) }

  /// Writes `text` to the file at `path`, or to standard output when `path` is nil.
  /// A regular file is replaced atomically (a failed export leaves the old file, or
  /// none, never half a file); a device or pipe named with `-o` is written in place.
  public static func write(_ text: String, to path: String?) throws {
    guard let path else {
      // A terminal never receives a control character taken from stored data.
      let shown = isatty(STDOUT_FILENO) == 1 ? TerminalOutput.forTerminal(text) : text
      if let code = writeAll(Array(shown.utf8), to: STDOUT_FILENO) {
        throw OutputError(path: nil, code: code)
      }
      return
    }
    // `-o /dev/tty` is a terminal too.
    let shown = isTerminal(path) ? TerminalOutput.forTerminal(text) : text
    try write(bytes: Array(shown.utf8), to: path)
  }

  /// Whether `path` (standard output when nil) is a terminal. Only a character device
  /// is opened to ask, and opening it neither creates, truncates nor waits.
  public static func isTerminal(_ path: String?) -> Bool {
    guard let path else { return isatty(STDOUT_FILENO) == 1 }
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFCHR else { return false }
    let fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return isatty(fd) == 1
  }

  /// Writes `bytes` (a binary file such as an XLSX workbook) to the file at `path`, or
  /// to standard output when `path` is nil, as `write(_:to:)` writes text. The caller
  /// refuses a terminal first: binary data is not for a screen.
  public static func write(bytes: [UInt8], to path: String?) throws {
    guard let path else {
      if let code = writeAll(bytes, to: STDOUT_FILENO) { throw OutputError(path: nil, code: code) }
      return
    }
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
      try writeInPlace(bytes, path: path)
    } else {
      try replaceAtomically(bytes, path: path)
    }
  }

  private static func writeInPlace(_ bytes: [UInt8], path: String) throws {
    let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError(path: path, code: errno) }
    let failure = writeAll(bytes, to: fd)
    let closed = close(fd) == 0 ? nil : errno
    if let code = failure ?? closed { throw OutputError(path: path, code: code) }
  }

  /// Writes a temporary file beside `path`, flushes it to disk, then renames it over.
  private static func replaceAtomically(_ bytes: [UInt8], path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw OutputError(path: path, code: errno) }
    var failure = writeAll(bytes, to: fd)
    if failure == nil && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == nil { failure = errno }
    if failure == nil && rename(temporary, path) != 0 { failure = errno }
    if let failure {
      unlink(temporary)
      throw OutputError(path: path, code: failure)
    }
  }

  /// Writes every byte, retrying short writes and interruptions; the errno of a failure.
  static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        Foundation.write(fd, buffer.baseAddress! + offset, bytes.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += n
    }
    return nil
  }
}

/// A write that failed: the file (nil for standard output) and the system's reason.
public struct OutputError: Error, UserMessage, Equatable {
  public let path: String?
  public let code: Int32

  public var reason: String { String(cString: strerror(code)) }
  public var key: String { path == nil ? "error.output.stdout" : "error.output.file" }
  public var args: [String] { path.map { [$0, reason] } ?? [reason] }
}
