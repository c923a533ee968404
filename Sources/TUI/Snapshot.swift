import Foundation

/// Golden-file comparison for screen snapshots, shared by the TUI and App tests.
/// Set `GONGZHI_RECORD_SNAPSHOTS=1` to (re)write the golden files.
public enum Snapshot {
  /// Whether the environment asks to record golden files instead of comparing.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["GONGZHI_RECORD_SNAPSHOTS"] == "1"
  }

  /// The text kept in a golden file for a buffer: its lines, trailing spaces trimmed.
  public static func text(of buffer: ScreenBuffer) -> String {
    buffer.text + "\n"
  }

  /// Compares `text` with the golden file; returns nil when equal (or when recording,
  /// after writing the file), else a message saying what differs or how to record.
  public static func compare(_ text: String, goldenPath: String, record: Bool = Snapshot.isRecording)
    -> String?
  {
    let normalized = text.hasSuffix("\n") ? text : text + "\n"
    if record {
      let dir = (goldenPath as NSString).deletingLastPathComponent
      do {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try normalized.write(toFile: goldenPath, atomically: true, encoding: .utf8)
        return nil
      } catch {
        return "Could not record snapshot \(goldenPath): \(error)"
      }
    }
    guard let golden = try? String(contentsOfFile: goldenPath, encoding: .utf8) else {
      return
        "Snapshot \(goldenPath) is missing. Record it with GONGZHI_RECORD_SNAPSHOTS=1 swift test, then check the file by eye.\n--- actual ---\n\(normalized)"
    }
    if golden == normalized { return nil }
    let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let actual = normalized.split(separator: "\n", omittingEmptySubsequences: false)
    var report =
      "Snapshot \(goldenPath) differs (re-record with GONGZHI_RECORD_SNAPSHOTS=1 if the change is intended):\n"
    var shown = 0
    for i in 0..<max(expected.count, actual.count) {
      let e = i < expected.count ? String(expected[i]) : "<none>"
      let a = i < actual.count ? String(actual[i]) : "<none>"
      if e != a {
        report += "line \(i + 1):\n  expected: |\(e)|\n  actual:   |\(a)|\n"
        shown += 1
        if shown == 10 {
          report += "…\n"
          break
        }
      }
    }
    return report + "--- actual ---\n\(normalized)"
  }
}
