import Domain
import Foundation
import TUI
import Testing

/// The repository root, found from this file's path (Tests/TUITests/Support.swift).
let repoRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

let snapshotsDirectory = repoRoot + "/Tests/TUITests/Snapshots"

/// Compares a buffer with `Tests/TUITests/Snapshots/<name>.txt`; set
/// GONGZHI_RECORD_SNAPSHOTS=1 to record. The cursor position, if any, is part of the snapshot.
func assertSnapshot(
  _ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  var text = Snapshot.text(of: buffer)
  if let cursor = buffer.cursor { text += "[cursor \(cursor.x),\(cursor.y)]\n" }
  if let failure = Snapshot.compare(text, goldenPath: snapshotsDirectory + "/\(name).txt") {
    Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
  }
}

/// A random string mixing ASCII, CJK, emoji, combining marks, ambiguous and control characters.
func randomText(_ rng: inout SeededGenerator, maxLength: Int = 20) -> String {
  let pool: [String] = [
    "a", "Z", "9", " ", "中", "文", "字", "符", "，", "。", "😀", "👩‍💻", "e\u{301}", "Ａ", "─", "·", "…", "✓",
    "\u{1B}", "\t", "한", "ｶ", "🇨🇳", "\u{200B}", "x\u{20DD}",
  ]
  let n = Int.random(in: 0...maxLength, using: &rng)
  return (0..<n).map { _ in pool.randomElement(using: &rng)! }.joined()
}
