import TUI
import Testing

@Suite struct ScreenBufferTests {
  @Test func overwritingEitherHalfOfWideCharBlanksBoth() {
    var b = ScreenBuffer(width: 6, height: 1)
    b.put("中", x: 1, y: 0, role: .normal)
    #expect(b[1, 0].width == 2 && b[2, 0].isContinuation)
    b.put("a", x: 2, y: 0, role: .normal)
    #expect(b.lines() == ["  a   "])
    #expect(b[1, 0] == .blank)
    b.put("文", x: 3, y: 0, role: .normal)
    b.put("b", x: 3, y: 0, role: .normal)
    #expect(b.lines() == ["  ab  "])
    #expect(!b[4, 0].isContinuation)
  }

  @Test func wideCharAtLastColumnBecomesSpace() {
    var b = ScreenBuffer(width: 3, height: 1)
    b.put("ab中", x: 0, y: 0)
    #expect(b.lines() == ["ab "])
    #expect(b[2, 0].width == 1)
  }

  @Test func putClipsAtMaxWidth() {
    var b = ScreenBuffer(width: 10, height: 1)
    let n = b.put("中文字符", x: 0, y: 0, maxWidth: 5)
    #expect(b.lines() == ["中文      "])
    #expect(n <= 5)
    b.put("abcdefgh", x: 7, y: 0)
    #expect(b.lines() == ["中文   abc"])
  }

  @Test func controlCharactersAreShownEscaped() {
    var b = ScreenBuffer(width: 10, height: 1)
    b.put("a\u{1B}b\rc", x: 0, y: 0)
    #expect(b.text == "a^[b^Mc")
  }

  @Test func putInRectPadsAndClips() {
    var b = ScreenBuffer(width: 8, height: 1, fill: Cell(text: "x", width: 1, role: .normal))
    b.put("中文字符", in: Rect(x: 1, y: 0, width: 5, height: 1))
    #expect(b.lines() == ["x中文…xx"])
  }

  @Test func diffIdenticalIsEmpty() {
    var b = ScreenBuffer(width: 5, height: 2)
    b.put("中a", x: 0, y: 0)
    #expect(b.diff(from: b).isEmpty)
  }

  @Test func diffOneChangedCell() {
    let a = ScreenBuffer(width: 5, height: 2)
    var b = a
    b.put("z", x: 3, y: 1)
    let runs = b.diff(from: a)
    #expect(runs.count == 1)
    #expect(runs.first?.x == 3 && runs.first?.y == 1 && runs.first?.cells.count == 1)
  }

  @Test func diffSizeChangeRedrawsAll() {
    let a = ScreenBuffer(width: 4, height: 2)
    let b = ScreenBuffer(width: 5, height: 2)
    let runs = b.diff(from: a)
    #expect(runs.reduce(0) { $0 + $1.cells.count } == 10)
    #expect(b.diff(from: nil).reduce(0) { $0 + $1.cells.count } == 10)
  }

  @Test func diffOfChangedWideCharStartsAtFirstHalf() {
    var a = ScreenBuffer(width: 6, height: 1)
    a.put("中", x: 2, y: 0, role: .normal)
    var b = a
    b.put("文", x: 2, y: 0, role: .normal)
    let runs = b.diff(from: a)
    #expect(runs.count == 1)
    #expect(runs[0].x == 2)
    #expect(runs[0].cells.first?.text == "文")
    #expect(runs[0].cells.count == 2)
  }

  @Test func fillKeepsWideCharsWhole() {
    var b = ScreenBuffer(width: 6, height: 1)
    b.put("中文字", x: 0, y: 0)
    b.fill(Rect(x: 1, y: 0, width: 2, height: 1))
    #expect(b.lines() == ["    字"])
  }

  @Test func drawBoxClipsTitle() {
    var b = ScreenBuffer(width: 12, height: 3)
    let inner = b.drawBox(b.bounds, title: "组织架构管理系统", glyphs: .unicode)
    #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
    #expect(b.lines()[0] == "┌─ 组织… ──┐")
    #expect(b.lines()[2] == "└──────────┘")
  }
}
