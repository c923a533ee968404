#if canImport(Glibc)
  import Glibc
  import TUI
  import Testing

  // wcwidth is declared only with _XOPEN_SOURCE, which the Glibc module does not set.
  @_silgen_name("wcwidth") private func c_wcwidth(_ c: wchar_t) -> Int32

  /// ncursesw moves the cursor by the C library's wcwidth; the buffer must agree for
  /// every printable scalar or columns drift.
  @Suite struct WidthTableTests {
    @Test func agreesWithGlibcWcwidth() {
      #expect(setlocale(LC_ALL, "C.UTF-8") != nil)
      let measure = DisplayWidth()
      var mismatches: [String] = []
      for v in UInt32(0)...0x10FFFF {
        if (0xD800...0xDFFF).contains(v) { continue }
        // NUL is never drawn: text goes through SafeText, which shows it as "^@".
        if v == 0 { continue }
        let c = c_wcwidth(wchar_t(v))
        guard c >= 0, let scalar = Unicode.Scalar(v) else { continue }
        let ours = measure.of(scalar)
        if Int(c) != ours && mismatches.count < 20 {
          mismatches.append("U+\(String(v, radix: 16, uppercase: true)): wcwidth \(c), ours \(ours)")
        }
      }
      #expect(mismatches.isEmpty, "\(mismatches)")
    }
  }
#endif
