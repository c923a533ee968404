#if canImport(Glibc)
  import Glibc
  import TUI
  import Testing

  @_silgen_name("wcwidth") private func c_wcwidth(_ c: wchar_t) -> Int32

  /// Columns a terminal advances for `text`: the C library's wcwidth summed over
  /// its scalars, as ncursesw counts them.
  func wcwidthColumns(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + max(0, Int(c_wcwidth(wchar_t($1.value)))) }
  }

  // Issue 13 item 9: joiners, variation selectors and combining marks must not make
  // the terminal show something else than the buffer holds.
  @Suite struct GraphemeCellTests {
    static let family = "👨\u{200D}👩\u{200D}👧"
    static let hostile = [
      family, "x\u{200D}y", "\u{200D}", "e\u{301}", "🇨🇳", "❤\u{FE0F}", "👍\u{1F3FD}",
      "\u{1100}\u{1161}\u{11A8}",
      "\u{301}", "中\u{FE0F}", "a\u{1B}b", "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
    ]

    @Test func everyCellAdvancesByItsWidth() {
      #expect(setlocale(LC_ALL, "C.UTF-8") != nil)
      let measure = DisplayWidth()
      for text in Self.hostile {
        for character in text {
          for cell in measure.cells(of: character) {
            #expect(wcwidthColumns(cell.text) == cell.width, "\(text.debugDescription): \(cell)")
            #expect(!cell.text.unicodeScalars.contains { $0 == "\u{200D}" || $0 == "\u{FE0F}" })
          }
        }
      }
    }

    @Test func joinedEmojiAreDrawnSideBySide() {
      let measure = DisplayWidth()
      #expect(measure.cells(of: Character(Self.family)).map(\.text) == ["👨", "👩", "👧"])
      #expect(measure.of(Self.family) == 6)
      #expect(measure.cells(of: Character("e\u{301}")).map(\.text) == ["e\u{301}"])
      #expect(measure.of("x\u{200D}y") == 2)
      #expect(measure.of("\u{200D}") == 0)
      #expect(measure.cells(of: Character("🇨🇳")).map(\.width) == [1, 1])
      #expect(measure.cells(of: Character("❤\u{FE0F}")).map(\.text) == ["❤"])
      #expect(measure.cells(of: Character("\u{1100}\u{1161}\u{11A8}")).map(\.width) == [2])
    }

    @Test func renderedLinesFitTheirWidthByWcwidth() {
      #expect(setlocale(LC_ALL, "C.UTF-8") != nil)
      var b = ScreenBuffer(width: 20, height: Self.hostile.count + 1)
      for (y, text) in Self.hostile.enumerated() {
        b.fill(Rect(x: 0, y: y, width: 20, height: 1), with: "│")
        b.put(text + text + text + "│", in: Rect(x: 1, y: y, width: 18, height: 1))
      }
      b.put(String(repeating: Self.family, count: 10), x: 0, y: Self.hostile.count)
      for line in b.lines() { #expect(wcwidthColumns(line) == 20, "\(line.debugDescription)") }
      // The border after each text is where the buffer says.
      for y in 0..<Self.hostile.count { #expect(b[19, y].text == "│") }
    }

    @Test func noCellHoldsAControlCharacter() {
      var b = ScreenBuffer(width: 6, height: 1)
      b.put(Character("\u{1B}"), x: 0, y: 0, role: .normal)
      b.put(Character("\u{9B}"), x: 1, y: 0, role: .normal)
      #expect(b.lines() == ["\u{FFFD}\u{FFFD}    "])
    }

    @Test func textFieldsNeverHoldControlsEvenWhenLoaded() {
      #expect(TextField(text: "王\u{1B}]0;x\u{07}伟").text == "王]0;x伟")
      var area = TextArea(text: "一\r\n二\u{9B}")
      #expect(area.text == "一\n二")
      area.setText("三\u{07}")
      #expect(area.text == "三")
    }
  }
#endif
