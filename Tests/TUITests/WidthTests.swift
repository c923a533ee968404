import Domain
import TUI
import Testing

@Suite struct WidthTests {
  let w = DisplayWidth()
  let wide = DisplayWidth(ambiguousIsWide: true)

  @Test func cjkAndMixed() {
    #expect(w.of("中文") == 4)
    #expect(w.of("ab中c") == 5)
    #expect("组织架构".displayWidth == 8)
  }

  @Test func emojiCombiningFullwidth() {
    #expect(w.of("😀") == 2)
    #expect(w.of("e\u{301}") == 1)
    #expect(w.of(Character("e\u{301}")) == 1)
    #expect(w.of("Ａ") == 2)
    // A ZWJ sequence is drawn as its members side by side (issue 13 item 9).
    #expect(w.of("👩‍💻") == 4)
  }

  @Test(arguments: ["─", "·", "…"])
  func ambiguous(_ s: String) {
    #expect(w.of(s) == 1)
    #expect(wide.of(s) == 2)
  }

  /// U+2713 CHECK MARK is East Asian Width "Neutral", not Ambiguous: 1 column either way.
  @Test func checkMarkIsNarrow() {
    #expect(w.of("✓") == 1)
    #expect(wide.of("✓") == 1)
  }

  @Test func clip() {
    #expect(w.clip("中文字符", to: 5) == "中文…")
    #expect(w.clip("中文字符", to: 8) == "中文字符")
    #expect(w.clip("中文字符", to: 4) == "中…")
    #expect(w.clip("abc", to: 0) == "")
    #expect(w.clip("中文", to: 1) == "…")
  }

  @Test func clipNeverExceedsWidth() {
    var rng = SeededGenerator(seed: 42)
    for _ in 0..<2000 {
      let text = randomText(&rng)
      let columns = Int.random(in: 0...12, using: &rng)
      let clipped = w.clip(text, to: columns)
      #expect(
        w.of(clipped) <= columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) to \(columns)")
      if w.of(text) <= columns { #expect(clipped == text) }
    }
  }

  @Test func pad() {
    #expect(w.pad("中", to: 5) == "中   ")
    #expect(w.pad("中", to: 5, align: .right) == "   中")
    #expect(w.pad("中", to: 5, align: .center) == " 中  ")
    #expect(w.pad("中文字符", to: 5) == "中文…")
    #expect(w.pad("中文字符", to: 4) == "中… ")
    #expect(w.of(w.pad("ab中c", to: 9, align: .center)) == 9)
  }

  @Test func wrapCJKAnywhereLatinAtSpaces() {
    #expect(TextWrap.wrap("中文字符测试", width: 4) == ["中文", "字符", "测试"])
    #expect(TextWrap.wrap("中文字符测试", width: 5) == ["中文", "字符", "测试"])
    #expect(TextWrap.wrap("hello world foo", width: 11) == ["hello world", "foo"])
    #expect(TextWrap.wrap("hello world", width: 7) == ["hello", "world"])
    #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(TextWrap.wrap("请确认 delete 科室", width: 10) == ["请确认", "delete 科", "室"])
    #expect(TextWrap.wrap("第一行\n\n第三", width: 10) == ["第一行", "", "第三"])
    #expect(TextWrap.wrap("anything", width: 0) == [])
  }

  /// 避头尾: closing punctuation takes the character before it to the next line, and
  /// opening punctuation goes down with the character after it.
  @Test func wrapKeepsPunctuationOffLineEdges() {
    #expect(TextWrap.wrap("科室填写，审核", width: 8) == ["科室填", "写，审核"])
    #expect(TextWrap.wrap("已经完成。", width: 8) == ["已经完", "成。"])
    #expect(TextWrap.wrap("得分为95％以上", width: 8) == ["得分为", "95％以上"])
    #expect(TextWrap.wrap("请填写（必填）", width: 6) == ["请填写", "（必", "填）"])
    #expect(TextWrap.wrap("见《章程》", width: 4) == ["见", "《章", "程》"])
    #expect(TextWrap.wrap("说明……待补", width: 4) == ["说", "明……", "待补"])
    let text = "本支部全年召开支委会十二次，党员大会四次；主题党日活动（含“学习强国”）按月开展，完成率为100％。"
    let closing = Set("，。、；：！？）」』》〉】…—％")
    let opening = Set("（「『《〈【“‘")
    for width in 8...30 {
      let lines = TextWrap.wrap(text, width: width)
      #expect(lines.joined() == text)
      for line in lines {
        #expect(!closing.contains(line.first ?? " "), "width \(width): \(lines)")
        #expect(!opening.contains(line.last ?? " "), "width \(width): \(lines)")
      }
    }
  }

  @Test func wrapNeverExceedsWidth() {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<1000 {
      let text = randomText(&rng, maxLength: 40)
      let width = Int.random(in: 2...15, using: &rng)
      for line in TextWrap.wrap(text, width: width) {
        #expect(w.of(line) <= width)
      }
    }
  }

  @Test func safeText() {
    #expect(SafeText.visible("a\u{1B}[31m") == "a^[[31m")
    #expect(SafeText.visible("中文") == "中文")
  }
}
