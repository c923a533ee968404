import TUI
import Testing

@Suite struct TextAreaTests {
  @Test func cjkWrapsByDisplayWidthNeverSplittingACharacter() {
    var area = TextArea(wrapWidth: 7)
    area.insert("职工提案ab中文")
    let chars = Array(area.text)
    let lines = area.lines(width: 7).map { String(chars[$0]) }
    // 职工提 is 6 columns; 案 would make 8, so it starts the next line.
    #expect(lines == ["职工提", "案ab中", "文"])
    for line in lines { #expect(line.displayWidth <= 7) }
  }

  @Test func newlinesAndCursorPositions() {
    var area = TextArea(wrapWidth: 10)
    area.insert("第一行\n第二行很长很长很长")
    #expect(area.lines(width: 10).count == 3)
    #expect(area.cursorPosition(width: 10) == (line: 2, column: 8))
    var used = area.handle(.up)
    #expect(used)
    #expect(area.cursorPosition(width: 10) == (line: 1, column: 8))
    used = area.handle(.up)
    #expect(used)
    #expect(area.cursorPosition(width: 10).line == 0)
    used = area.handle(.up)
    #expect(!used, "up on the first line is left to the form")
    _ = area.handle(.end)
    #expect(area.cursorPosition(width: 10) == (line: 0, column: 6))
    _ = area.handle(.enter)
    #expect(area.text.hasPrefix("第一行\n\n"))
    _ = area.handle(.backspace)
    #expect(area.text == "第一行\n第二行很长很长很长")
  }

  @Test func cursorAtASoftBreakIsAtTheStartOfTheNextLine() {
    var area = TextArea(wrapWidth: 4)
    area.insert("一二三")
    // 一二 fill the first line; a cursor between 二 and 三 is drawn before 三, on line 2.
    _ = area.handle(.left)
    #expect(area.cursorPosition(width: 4) == (line: 1, column: 0))
  }

  @Test func maxLengthAndControlCharacters() {
    var area = TextArea(maxLength: 5)
    let first = area.insert("ab\u{7}cdefg")
    #expect(first)
    #expect(area.text == "abcde")
    let second = area.insert("x")
    #expect(!second)
  }

  @Test func scrollsToKeepTheCursorVisibleAndRenders() {
    var area = TextArea(wrapWidth: 6)
    area.insert("一二三四五六七八九十甲乙丙丁")
    area.keepCursorVisible(height: 2)
    #expect(area.scroll == 3)
    var buffer = ScreenBuffer(size: Size(width: 9, height: 3))
    area.render(into: &buffer, in: Rect(x: 1, y: 0, width: 7, height: 2), glyphs: .unicode)
    let lines = buffer.lines()
    #expect(lines[0] == " 十甲乙↑ ")
    #expect(lines[1] == " 丙丁    ")
    #expect(buffer.cursor == Point(x: 5, y: 1))
    #expect(buffer.cursor != nil)
    // Going back to the top scrolls up.
    for _ in 0..<5 { _ = area.handle(.up) }
    area.keepCursorVisible(height: 2)
    #expect(area.scroll == 0)
  }
}
