import Domain
import Foundation

/// One CSV record: its fields and the 1-based physical line where it starts.
public struct CSVRecord: Hashable, Sendable {
  public var fields: [String]
  public var line: Int
  public init(fields: [String], line: Int) {
    self.fields = fields
    self.line = line
  }
}

/// A malformed CSV input. `line` is the 1-based physical line of the problem,
/// `column` the 1-based field number within the record.
public struct CSVError: Error, Hashable, Sendable {
  public enum Problem: String, Sendable {
    case notUTF8, unterminatedQuote, badQuote, nulByte
    /// A C0 or C1 control other than tab and line breaks (`TextRule`), such as ESC.
    case controlCharacter
  }
  public var problem: Problem
  public var line: Int
  public var column: Int
  public init(problem: Problem, line: Int, column: Int) {
    self.problem = problem
    self.line = line
    self.column = column
  }
}

/// A streaming RFC 4180 reader: reads the file in chunks and tracks physical
/// lines, for importers that must point at the offending line and field.
/// Accepts an optional UTF-8 BOM, CRLF/LF/CR line ends, quoted fields holding
/// commas, line breaks and doubled quotes; skips empty lines. A quote inside an
/// unquoted field is kept as text; text after a closing quote is an error.
public final class CSVReader {
  private var buffer: [UInt8]
  private var pos = 0
  private let handle: FileHandle?
  private let chunkSize: Int
  private var atEOF = false
  private let observer: ((Data) -> Void)?
  private let decoder: IconvStream?
  /// The current physical line (1-based).
  public private(set) var line = 1

  /// Reads the file at `path`; throws `StoreError.cannotOpen` when it cannot be read.
  /// `observer` sees every chunk as it is read (for hashing and progress).
  /// A GB18030 file is converted to UTF-8 as it is read (the observer still sees the
  /// file's own bytes); a byte it cannot convert is refused like a bad UTF-8 byte.
  public init(
    path: String, encoding: TableEncoding = .utf8, chunkSize: Int = 1 << 16, observer: ((Data) -> Void)? = nil
  ) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path, "cannot read file")
    }
    self.handle = handle
    self.observer = observer
    self.decoder = encoding == .gb18030 ? IconvStream.gb18030ToUTF8() : nil
    self.chunkSize = max(4, chunkSize)
    self.buffer = []
    refill()
    skipBOM()
  }

  /// Reads bytes held in memory.
  public init(bytes: [UInt8]) {
    self.handle = nil
    self.observer = nil
    self.decoder = nil
    self.chunkSize = 0
    self.buffer = bytes
    self.atEOF = true
    skipBOM()
  }

  public convenience init(text: String) { self.init(bytes: Array(text.utf8)) }

  deinit { try? handle?.close() }

  private func skipBOM() {
    if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { pos = 3 }
  }

  /// Reads until the buffer gains bytes or the file ends (a decoder may hold back a
  /// character cut at a chunk's end, so one read can add nothing).
  private func refill() {
    guard let handle else { return }
    while !atEOF {
      let data = (try? handle.read(upToCount: chunkSize)) ?? nil
      let added: Int
      if let data, !data.isEmpty {
        observer?(data)
        if let decoder { added = append(decoder.convert(data, final: false)) } else { added = append(data) }
      } else {
        atEOF = true
        added = decoder.map { append($0.convert([], final: true)) } ?? 0
      }
      if added > 0 { return }
    }
  }

  private func append(_ bytes: some Collection<UInt8>) -> Int {
    guard !bytes.isEmpty else { return 0 }
    if pos < buffer.count {
      buffer.removeSubrange(0..<pos)
      buffer.append(contentsOf: bytes)
    } else {
      buffer = Array(bytes)
    }
    pos = 0
    return bytes.count
  }

  @inline(__always) private func peek() -> UInt8? {
    if pos < buffer.count { return buffer[pos] }
    refill()
    return pos < buffer.count ? buffer[pos] : nil
  }

  private static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")

  /// Consumes a line end at the current position (CRLF, LF or CR).
  private func consumeLineEnd() {
    let b = buffer[pos]
    pos += 1
    if b == Self.cr, peek() == Self.lf { pos += 1 }
    line += 1
  }

  /// The next record, or nil at the end of input.
  public func next() throws -> CSVRecord? {
    // Skip empty lines.
    while let b = peek(), b == Self.lf || b == Self.cr { consumeLineEnd() }
    guard peek() != nil else { return nil }
    let startLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var fieldLine = line
    var atFieldStart = true

    func finish() throws {
      if let bad = Self.firstInvalidUTF8(field) {
        let breaks = field[..<bad].reduce(0) { $0 + ($1 == Self.lf ? 1 : 0) }
        throw CSVError(problem: .notUTF8, line: fieldLine + breaks, column: fields.count + 1)
      }
      let text = String(decoding: field, as: UTF8.self)
      try Self.refuseControls(in: text, line: fieldLine, column: fields.count + 1)
      fields.append(text)
      field.removeAll(keepingCapacity: true)
      atFieldStart = true
    }

    while true {
      guard let b = peek() else {
        try finish()
        return CSVRecord(fields: fields, line: startLine)
      }
      if b == Self.quote && atFieldStart {
        pos += 1
        atFieldStart = false
        fieldLine = line
        let quoteLine = line
        while true {
          guard let c = peek() else {
            throw CSVError(problem: .unterminatedQuote, line: quoteLine, column: fields.count + 1)
          }
          if c == Self.quote {
            pos += 1
            if peek() == Self.quote {
              field.append(Self.quote)
              pos += 1
              continue
            }
            break
          }
          if c == 0 { throw CSVError(problem: .nulByte, line: line, column: fields.count + 1) }
          if c == Self.lf || c == Self.cr {
            field.append(c)
            pos += 1
            if c == Self.cr, peek() == Self.lf {
              field.append(Self.lf)
              pos += 1
            }
            line += 1
            continue
          }
          field.append(c)
          pos += 1
        }
        if let after = peek(), after != Self.comma, after != Self.lf, after != Self.cr {
          throw CSVError(problem: .badQuote, line: line, column: fields.count + 1)
        }
        continue
      }
      if atFieldStart { fieldLine = line }
      switch b {
      case Self.comma:
        pos += 1
        try finish()
      case Self.lf, Self.cr:
        try finish()
        consumeLineEnd()
        return CSVRecord(fields: fields, line: startLine)
      case 0:
        throw CSVError(problem: .nulByte, line: line, column: fields.count + 1)
      default:
        if atFieldStart, let end = unquotedFieldEnd() {
          // Fast path: the whole unquoted field is in the buffer; make its String in one step.
          let start = pos
          let text = buffer.withUnsafeBufferPointer { p in
            String(validating: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
          }
          guard let text else { throw CSVError(problem: .notUTF8, line: line, column: fields.count + 1) }
          try Self.refuseControls(in: text, line: line, column: fields.count + 1)
          fields.append(text)
          pos = end
          guard let next = peek() else { return CSVRecord(fields: fields, line: startLine) }
          switch next {
          case Self.comma:
            pos += 1
            atFieldStart = true
            continue
          case Self.lf, Self.cr:
            consumeLineEnd()
            return CSVRecord(fields: fields, line: startLine)
          default:
            throw CSVError(problem: .nulByte, line: line, column: fields.count)
          }
        }
        atFieldStart = false
        field.append(b)
        pos += 1
      }
    }
  }

  /// Every importer refuses control characters here, once, so none reaches the
  /// store; a field may span lines, so the line is the one holding the character.
  private static func refuseControls(in text: String, line: Int, column: Int) throws {
    guard let position = TextRule.controlCharacter(in: text, allowNewlines: true) else { return }
    let breaks = text.prefix(position - 1).filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
    throw CSVError(problem: .controlCharacter, line: line + breaks, column: column)
  }

  /// The end of an unquoted field starting at `pos` (the index of the comma, line
  /// end or NUL after it) when that lies within the buffer, or the buffer's end at
  /// end of input; nil when the field runs past the buffered bytes.
  private func unquotedFieldEnd() -> Int? {
    let n = buffer.count
    let start = pos
    let found: Int? = buffer.withUnsafeBufferPointer { p in
      var i = start
      while i < n {
        let c = p[i]
        if c == Self.comma || c == Self.lf || c == Self.cr || c == 0 { return i }
        i += 1
      }
      return nil
    }
    if let found { return found }
    return atEOF ? n : nil
  }

  /// Index of the first byte that is not part of well-formed UTF-8, or nil.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      var need = 0
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        upper = 0x9F
      case 0xF0:
        need = 3
        lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        upper = 0x8F
      default: return i
      }
      if i + need >= n { return i }
      for k in 1...need {
        let c = bytes[i + k]
        let lo: UInt8 = k == 1 ? lower : 0x80
        let hi: UInt8 = k == 1 ? upper : 0xBF
        if c < lo || c > hi { return i }
      }
      i += need + 1
    }
    return nil
  }
}
