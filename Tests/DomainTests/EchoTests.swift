import Domain
import Testing

/// Width as the screen counts it, from the same tables.
private func columns(_ text: String) -> Int {
  text.unicodeScalars.reduce(0) { $0 + ColumnWidth.of($1) }
}

@Test func echoKeepsShortValuesAsTheyAre() {
  #expect(Echo.excerpt("2026-13-01") == "2026-13-01")
  #expect(Echo.excerpt("内科总支/心内科支部") == "内科总支/心内科支部")
  #expect(Echo.excerpt(String(repeating: "x", count: 60)) == String(repeating: "x", count: 60))
}

@Test func echoCutsByDisplayColumnsNotCharacters() {
  let latin = Echo.excerpt(String(repeating: "x", count: 61))
  #expect(latin == String(repeating: "x", count: 59) + "…")
  // 40 CJK characters are 80 columns: 29 of them (58) and the ellipsis fit in 60.
  let cjk = Echo.excerpt(String(repeating: "汉", count: 40))
  #expect(cjk == String(repeating: "汉", count: 29) + "…")
  #expect(columns(cjk) <= 60)
}

@Test func echoOfAHugeValueIsShortAndCheap() {
  let huge = String(repeating: "9", count: 10 << 20)
  let shown = Echo.excerpt(huge)
  #expect(columns(shown) == 60)
  #expect(shown.hasSuffix("…"))
}

@Test func echoShowsControlCharactersOnOneLine() {
  #expect(Echo.excerpt("a\nb\r\nc\td") == "a\\nb\\r\\nc\\td")
  #expect(Echo.excerpt("\u{1B}[2J\u{07}") == "\\u{1B}[2J\\u{7}")
  #expect(Echo.excerpt("x\u{9B}y\u{7F}") == "x\\u{9B}y\\u{7F}")
  // Bidi overrides and line separators could reorder or break the line.
  #expect(Echo.excerpt("a\u{202E}b\u{2028}c") == "a\\u{202E}b\\u{2028}c")
  let multiline = Echo.excerpt(String(repeating: "行\n", count: 100))
  #expect(!multiline.contains("\n"))
  #expect(columns(multiline) <= 60)
}

@Test func echoNeverSplitsAnEscape() {
  // An escape that would cross the limit is left out whole, not cut in half.
  let value = String(repeating: "x", count: 55) + "\u{1B}tail"
  #expect(Echo.excerpt(value) == String(repeating: "x", count: 55) + "…")
}

@Test func messageExcerptsEveryArgument() {
  let message = Message("error.import.badDate", String(repeating: "2", count: 1000), "ok")
  let shown = message.echoingExcerpts
  #expect(shown.key == "error.import.badDate")
  #expect(shown.args[1] == "ok")
  #expect(columns(shown.args[0]) == 60)
}
