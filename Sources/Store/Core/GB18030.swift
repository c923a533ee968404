import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text encodings a CSV import reads. GB18030 is a superset of GBK and GB2312,
/// which is what "CSV" from Excel or WPS on a Chinese Windows is.
public enum TableEncoding: String, CaseIterable, Sendable {
  case utf8 = "utf-8"
  case gb18030

  /// Accepts the usual spellings: `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312`.
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
    default: return nil
    }
  }

  /// The name shown to users.
  public var displayName: String { self == .utf8 ? "UTF-8" : "GB18030" }
}

/// Streaming conversion through glibc's iconv (which implements GB18030-2005, all of
/// GBK included): GB18030 → UTF-8 for imports, the other way for test and benchmark
/// files. A byte sequence iconv refuses becomes the byte 0xFF in the output, which
/// is never valid UTF-8 (nor GB18030): the CSV reader then refuses that field with
/// its exact line and column, as it does for a bad byte in a UTF-8 file.
public final class IconvStream {
  private let cd: iconv_t
  private var pending: [UInt8] = []
  private var output: [UInt8] = []
  private var outChunk: [UInt8] = []

  /// GB18030 → UTF-8, what an import reads.
  public static func gb18030ToUTF8() -> IconvStream { IconvStream(from: "GB18030", to: "UTF-8") }
  public static func utf8ToGB18030() -> IconvStream { IconvStream(from: "UTF-8", to: "GB18030") }

  private init(from: String, to: String) {
    // glibc always ships GB18030; a failure here is a broken installation.
    let cd = iconv_open(to, from)
    precondition(cd != iconv_t(bitPattern: -1), "iconv lacks \(from) → \(to)")
    self.cd = cd!
  }

  deinit { iconv_close(cd) }

  /// Converts `bytes` (a chunk of the file); an incomplete character at the end of the
  /// chunk waits for the next one, or is refused when `final`.
  public func convert(_ bytes: some Collection<UInt8>, final: Bool) -> [UInt8] {
    pending.append(contentsOf: bytes)
    output.removeAll(keepingCapacity: true)
    let count = pending.count
    if outChunk.count < count * 2 + 64 { outChunk = [UInt8](repeating: 0, count: count * 2 + 64) }
    var start = 0
    var waiting = false
    pending.withUnsafeMutableBufferPointer { input in
      while start < count {
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input.baseAddress! + start)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = count - start
        let (status, written): (Int32, Int) = outChunk.withUnsafeMutableBytes { out in
          var outPtr: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
          var outLeft = out.count
          let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          return (r == -1 ? errno : 0, out.count - outLeft)
        }
        output.append(contentsOf: outChunk[0..<written])
        start = count - inLeft
        switch status {
        case 0, E2BIG: continue
        case EINVAL where !final:
          // An incomplete character at the end of the chunk: keep it for the next.
          waiting = true
          return
        default:
          // EILSEQ (or EINVAL at the very end): mark it and go on past one byte.
          output.append(0xFF)
          start += 1
        }
      }
    }
    if waiting { pending.removeSubrange(0..<start) } else { pending.removeAll(keepingCapacity: true) }
    return output
  }
}

/// Which encoding a file is in: valid UTF-8 → UTF-8; else valid GB18030 → GB18030;
/// else neither, with the encoding whose first bad line comes later (the more
/// plausible one, where the file goes wrong) for the reader to refuse it with.
enum EncodingDetector {
  enum Verdict: Equatable {
    case valid(TableEncoding)
    /// Neither: read it as `closest` so the reader stops at the bad byte.
    case neither(closest: TableEncoding)
    /// UTF-8 Chinese text, then a bad byte: a damaged UTF-8 file, refused at that
    /// byte, rather than GB18030 that decodes it to nonsense (UTF-8 text is often
    /// valid GB18030 by chance; GBK text seldom holds several 3-byte UTF-8 sequences).
    case damagedUTF8
  }

  /// How many valid 3- and 4-byte UTF-8 characters before a bad byte mark a UTF-8 file.
  static let utf8Evidence = 2

  static func detect(path: String) throws -> Verdict {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path, "cannot read file")
    }
    defer { try? handle.close() }
    var wide = 0
    guard let utf8Bad = try firstBadLine(handle, UTF8Scanner(), wideCharacters: &wide) else {
      return .valid(.utf8)
    }
    if wide >= utf8Evidence { return .damagedUTF8 }
    try handle.seek(toOffset: 0)
    guard let gbBad = try firstBadLine(handle, GB18030Scanner(), wideCharacters: &wide) else {
      return .valid(.gb18030)
    }
    return .neither(closest: gbBad > utf8Bad ? .gb18030 : .utf8)
  }

  /// The 1-based line of the first byte invalid for `scanner`, or nil when all are valid.
  /// `wideCharacters` counts the lead bytes of 3- and 4-byte UTF-8 sequences before it
  /// (meaningful for the UTF-8 scanner, where all before the bad byte is valid).
  static func firstBadLine(_ handle: FileHandle, _ scanner: some ByteScanner, wideCharacters: inout Int)
    throws
    -> Int?
  {
    var wide = 0
    defer { wideCharacters = wide }
    var carry: [UInt8] = []
    var line = 1
    var lastWasCR = false
    while true {
      let data = try handle.read(upToCount: 1 << 18) ?? Data()
      let final = data.isEmpty
      var bytes = carry
      bytes.append(contentsOf: data)
      let result = bytes.withUnsafeBufferPointer { scanner.scan($0, final: final) }
      let upTo = result.bad ?? result.complete
      // Count line breaks (LF, CRLF, lone CR) before the bad byte or the carried tail.
      bytes.withUnsafeBufferPointer { p in
        for i in 0..<upTo {
          let b = p[i]
          if b == 0x0A {
            if !lastWasCR { line += 1 }
            lastWasCR = false
          } else if b == 0x0D {
            line += 1
            lastWasCR = true
          } else {
            if b >= 0xE0 && b <= 0xF4 { wide += 1 }
            lastWasCR = false
          }
        }
      }
      if result.bad != nil { return line }
      if final { return nil }
      carry = Array(bytes[result.complete...])
    }
  }
}

/// A validator for one encoding over a chunk: `bad` is the index of the first invalid
/// byte; otherwise `complete` is where a character cut at the chunk's end begins.
protocol ByteScanner {
  func scan(_ p: UnsafeBufferPointer<UInt8>, final: Bool) -> (bad: Int?, complete: Int)
}

/// Whether each 8 bytes at `i` are ASCII, the common case, skipped a word at a time.
@inline(__always) private func asciiRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
  var i = start
  let n = p.count
  let raw = UnsafeRawPointer(p.baseAddress!)
  while i + 8 <= n {
    if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
    i += 8
  }
  while i < n && p[i] < 0x80 { i += 1 }
  return i
}

struct UTF8Scanner: ByteScanner {
  func scan(_ p: UnsafeBufferPointer<UInt8>, final: Bool) -> (bad: Int?, complete: Int) {
    let n = p.count
    guard n > 0 else { return (nil, 0) }
    var i = 0
    while true {
      i = asciiRun(p, from: i)
      if i >= n { return (nil, n) }
      let b = p[i]
      var need = 0
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0: (need, lower) = (2, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: (need, upper) = (2, 0x9F)
      case 0xF0: (need, lower) = (3, 0x90)
      case 0xF1...0xF3: need = 3
      case 0xF4: (need, upper) = (3, 0x8F)
      default: return (i, i)
      }
      for k in 1...need {
        if i + k >= n { return final ? (i, i) : (nil, i) }
        let c = p[i + k]
        let lo: UInt8 = k == 1 ? lower : 0x80
        let hi: UInt8 = k == 1 ? upper : 0xBF
        if c < lo || c > hi { return (i, i) }
      }
      i += need + 1
    }
  }
}

/// GB18030's byte structure: ASCII; lead 81–FE with trail 40–7E or 80–FE; or
/// 81–FE 30–39 81–FE 30–39. (0x80 and 0xFF are never valid.)
struct GB18030Scanner: ByteScanner {
  func scan(_ p: UnsafeBufferPointer<UInt8>, final: Bool) -> (bad: Int?, complete: Int) {
    let n = p.count
    var i = 0
    while true {
      i = asciiRun(p, from: i)
      if i >= n { return (nil, n) }
      let b = p[i]
      guard b >= 0x81 && b <= 0xFE else { return (i, i) }
      if i + 1 >= n { return final ? (i, i) : (nil, i) }
      let t = p[i + 1]
      if (0x40...0x7E).contains(t) || (0x80...0xFE).contains(t) {
        i += 2
        continue
      }
      guard (0x30...0x39).contains(t) else { return (i, i) }
      if i + 3 >= n { return final ? (i, i) : (nil, i) }
      guard (0x81...0xFE).contains(p[i + 2]), (0x30...0x39).contains(p[i + 3]) else { return (i, i) }
      i += 4
    }
  }
}
