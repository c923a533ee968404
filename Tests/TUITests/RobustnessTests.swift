import Domain
import TUI
import Testing

@Suite struct RobustnessTests {
  @Test(arguments: Demo.widgets)
  func everySmallSize(_ name: String) {
    for w in 0...12 {
      for h in 0...6 {
        for glyphs in [Glyphs.unicode, .ascii] {
          let b = Demo.render(name, size: Size(width: w, height: h), glyphs: glyphs)
          #expect(b.width == w && b.height == h)
          checkInvariants(b)
        }
      }
    }
  }

  @Test(arguments: Demo.widgets)
  func randomRectsPartlyOutside(_ name: String) {
    var rng = SeededGenerator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
    for _ in 0..<150 {
      var b = ScreenBuffer(
        width: Int.random(in: 0...30, using: &rng), height: Int.random(in: 0...10, using: &rng))
      let rect = Rect(
        x: Int.random(in: -15...30, using: &rng), y: Int.random(in: -6...10, using: &rng),
        width: Int.random(in: 0...40, using: &rng), height: Int.random(in: 0...14, using: &rng))
      Demo.render(name, into: &b, in: rect, glyphs: Bool.random(using: &rng) ? .unicode : .ascii)
      checkInvariants(b)
    }
  }

  @Test func textFieldRandomEditing() {
    var rng = SeededGenerator(seed: 99)
    let keys: [Key] = [.left, .right, .home, .end, .backspace, .delete, .ctrl("u"), .ctrl("a"), .ctrl("e")]
    var f = TextField(maxLength: 15)
    for _ in 0..<3000 {
      if Bool.random(using: &rng) {
        f.insert(randomText(&rng, maxLength: 3))
      } else {
        _ = f.handle(keys.randomElement(using: &rng)!)
      }
      #expect((0...f.text.count).contains(f.cursor))
      #expect(f.text.count <= 15)
      let width = Int.random(in: 0...8, using: &rng)
      var b = ScreenBuffer(width: 10, height: 1)
      f.render(into: &b, in: Rect(x: 1, y: 0, width: width, height: 1), glyphs: .unicode)
      if width > 0, let cursor = b.cursor { #expect(cursor.x >= 1 && cursor.x <= width) }
      f.keepCursorVisible(width: width)
    }
  }

  /// Every wide cell has its continuation, and no continuation is orphaned.
  func checkInvariants(_ b: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<b.height {
      for x in 0..<b.width {
        let c = b[x, y]
        if c.width == 2 {
          #expect(x + 1 < b.width && b[x + 1, y].isContinuation, sourceLocation: sourceLocation)
        } else if c.isContinuation {
          #expect(x > 0 && b[x - 1, y].width == 2, sourceLocation: sourceLocation)
        }
      }
    }
  }
}
