/// Works around an assertion in the toml++ parser inside TOMLKit 0.6.0: a table
/// header whose first character after `[` (or `[[`) is neither a bare-key character
/// nor a quote — `[!x]`, `[#]`, `[汉]`, a mangled byte — aborts the process in a
/// debug build (`TOML_ASSERT`) and is undefined behaviour in a release build
/// (`TOML_ASSUME`). Found by the import fuzz tests. This scan finds such a header
/// before the text reaches the parser, so the caller can report a syntax error.
/// It tracks strings, comments and value brackets so that `[` inside a value is not
/// mistaken for a header.
///
/// One copy for every TOML reader (themes in TUI, schemes and instruments in Store):
/// it lives in Domain, the layer both build on, as it needs no TOML library itself.
public enum TOMLPreflight {
  /// The 1-based line and column of the first unparseable table header, if any.
  public static func badTableHeader(_ text: String) -> (line: Int, column: Int)? {
    let s = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var lineStart = 0
    var depth = 0  // open [ and { inside values
    var inHeader = false
    var onlySpaceSoFar = true
    func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
    func isBare(_ c: Unicode.Scalar) -> Bool {
      c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-")
    }
    func newline() {
      line += 1
      lineStart = i + 1
      inHeader = false
      onlySpaceSoFar = true
    }
    while i < s.count {
      let c = s[i]
      if c == "\n" {
        newline()
        i += 1
        continue
      }
      if c == "#" {  // comment to the end of the line
        while i < s.count && s[i] != "\n" { i += 1 }
        continue
      }
      if c == "\"" || c == "'" {
        let triple = i + 2 < s.count && s[i + 1] == c && s[i + 2] == c
        i += triple ? 3 : 1
        while i < s.count {
          if s[i] == "\\" && c == "\"" {
            i += 2
            continue
          }
          if s[i] == "\n" {
            if !triple { break }  // unterminated: the parser reports it
            line += 1
            lineStart = i + 1
          }
          if s[i] == c && (!triple || (i + 2 < s.count && s[i + 1] == c && s[i + 2] == c)) {
            i += triple ? 3 : 1
            break
          }
          i += 1
        }
        onlySpaceSoFar = false
        continue
      }
      if c == "[" && depth == 0 && onlySpaceSoFar && !inHeader {
        inHeader = true
        onlySpaceSoFar = false
        var j = i + 1
        while j < s.count && isSpace(s[j]) { j += 1 }
        if j < s.count && s[j] == "[" {
          j += 1
          while j < s.count && isSpace(s[j]) { j += 1 }
        }
        if j < s.count {
          let k = s[j]
          if !(isBare(k) || k == "\"" || k == "'" || k == "]") { return (line, j - lineStart + 1) }
        }
        i += 1
        continue
      }
      if !inHeader {
        if c == "[" || c == "{" { depth += 1 }
        if (c == "]" || c == "}") && depth > 0 { depth -= 1 }
      }
      if !isSpace(c) && c != "\r" { onlySpaceSoFar = false }
      i += 1
    }
    return nil
  }
}
