import Foundation
import Logging

/// Logging goes to a file, never to the screen: `$XDG_STATE_HOME/gongzhi/gongzhi.log`
/// (`~/.local/state/gongzhi/gongzhi.log`), or `GONGZHI_LOG` if set.
public enum Log {
  public static let logger: Logger = {
    var logger = Logger(label: "gongzhi") { _ in FileLogHandler(path: Log.path) }
    logger.logLevel = .info
    return logger
  }()

  public static var path: String {
    let env = ProcessInfo.processInfo.environment
    if let p = env["GONGZHI_LOG"], !p.isEmpty { return p }
    let base =
      env["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
    return base + "/gongzhi/gongzhi.log"
  }
}

/// Appends one line per record. swift-log ships only stdout/stderr handlers, and a
/// full-screen program must never write logs to its terminal.
struct FileLogHandler: LogHandler {
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info
  let path: String

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let line = "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(event.message)\n"
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if let handle = FileHandle(forWritingAtPath: path) {
      handle.seekToEndOfFile()
      handle.write(Data(line.utf8))
      try? handle.close()
    } else {
      try? Data(line.utf8).write(to: url)
    }
  }
}
