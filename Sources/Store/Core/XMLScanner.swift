import Foundation

/// A pull scanner over the bytes of one XML part of a workbook. Hand-written because
/// the reader must hand out one row at a time: Foundation's XMLParser only pushes
/// (the whole sheet would be parsed into memory before the first row is imported),
/// and XMLCoder / SWXMLHash build the whole tree. OOXML parts are plain XML without
/// DTDs, so tags, attributes, the five predefined entities, character references,
/// comments, processing instructions and CDATA are all it needs. Namespace prefixes
/// are ignored: names compare by their local part (`x:c` is `c`).
final class XMLScanner {
  struct Tag {
    /// The local name's byte range.
    var name: Range<Int>
    /// The attributes' byte range (between the name and `>` or `/>`).
    var attributes: Range<Int>
    var isEnd: Bool
    var isSelfClosing: Bool
  }

  private let storage: UnsafeMutableBufferPointer<UInt8>
  let count: Int
  /// Where scanning resumes: just after the last tag returned.
  var position = 0

  init(_ data: Data) {
    storage = .allocate(capacity: max(1, data.count))
    _ = data.copyBytes(to: storage)
    count = data.count
  }

  deinit { storage.deallocate() }

  @inline(__always) subscript(i: Int) -> UInt8 { storage[i] }

  /// The next tag after `position`, skipping text, comments, declarations and
  /// processing instructions; nil at the end of the document.
  func nextTag() -> Tag? {
    var i = position
    while true {
      while i < count && storage[i] != 0x3C { i += 1 }  // '<'
      guard i + 1 < count else {
        position = count
        return nil
      }
      let c = storage[i + 1]
      if c == 0x3F {  // <? … ?>
        i = find([0x3F, 0x3E], from: i + 2) ?? count
        continue
      }
      if c == 0x21 {  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE … >
        if starts(with: Self.commentOpen, at: i) {
          i = find(Self.commentClose, from: i + 4) ?? count
        } else if starts(with: Self.cdataOpen, at: i) {
          i = find(Self.cdataClose, from: i + 9) ?? count
        } else {
          i = find([0x3E], from: i + 2) ?? count
        }
        continue
      }
      let isEnd = c == 0x2F
      var j = isEnd ? i + 2 : i + 1
      var nameStart = j
      while j < count, !Self.endsName(storage[j]) {
        if storage[j] == 0x3A { nameStart = j + 1 }  // prefix:local
        j += 1
      }
      let name = nameStart..<j
      let attrStart = j
      var quote: UInt8 = 0
      while j < count {
        let b = storage[j]
        if quote != 0 {
          if b == quote { quote = 0 }
        } else if b == 0x22 || b == 0x27 {
          quote = b
        } else if b == 0x3E {
          break
        }
        j += 1
      }
      guard j < count else {
        position = count
        return nil
      }
      let selfClosing = j > attrStart && storage[j - 1] == 0x2F
      position = j + 1
      return Tag(
        name: name, attributes: attrStart..<(selfClosing ? j - 1 : j), isEnd: isEnd,
        isSelfClosing: selfClosing)
    }
  }

  /// Whether the tag's local name is `name` (ASCII).
  func `is`(_ tag: Tag, _ name: StaticString) -> Bool {
    guard tag.name.count == name.utf8CodeUnitCount else { return false }
    let p = name.utf8Start
    for k in 0..<tag.name.count where storage[tag.name.lowerBound + k] != p[k] { return false }
    return true
  }

  /// The value of the attribute whose local name is `name`, decoded; nil when absent.
  func attribute(_ name: StaticString, of tag: Tag) -> String? {
    guard let range = attributeRange(name, of: tag) else { return nil }
    return decode(range)
  }

  /// An attribute holding a non-negative decimal number, read without making a String.
  func intAttribute(_ name: StaticString, of tag: Tag) -> Int? {
    guard let range = attributeRange(name, of: tag), !range.isEmpty, range.count < 10 else { return nil }
    var n = 0
    for i in range {
      let b = storage[i]
      guard b >= 0x30 && b <= 0x39 else { return nil }
      n = n * 10 + Int(b - 0x30)
    }
    return n
  }

  /// The bytes of a range, for callers that parse them directly.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: storage[range])
  }

  /// The raw byte range of an attribute's value.
  func attributeRange(_ name: StaticString, of tag: Tag) -> Range<Int>? {
    var i = tag.attributes.lowerBound
    let end = tag.attributes.upperBound
    let n = name.utf8CodeUnitCount
    let p = name.utf8Start
    while i < end {
      while i < end && Self.isSpace(storage[i]) { i += 1 }
      var localStart = i
      while i < end && storage[i] != 0x3D && !Self.isSpace(storage[i]) {
        if storage[i] == 0x3A { localStart = i + 1 }
        i += 1
      }
      let localEnd = i
      while i < end && storage[i] != 0x22 && storage[i] != 0x27 { i += 1 }
      guard i < end else { return nil }
      let quote = storage[i]
      let valueStart = i + 1
      i = valueStart
      while i < end && storage[i] != quote { i += 1 }
      let valueEnd = i
      i += 1
      if localEnd - localStart == n {
        var same = true
        for k in 0..<n where storage[localStart + k] != p[k] {
          same = false
          break
        }
        if same { return valueStart..<valueEnd }
      }
    }
    return nil
  }

  /// The text from `position` up to the end tag named `name`, with nested tags
  /// skipped (a `<t>` holds only text) and CDATA kept; leaves `position` after it.
  func text(until name: StaticString) -> String {
    // The common case: plain text, then the end tag itself.
    if let lt = indexOf(0x3C, from: position), lt + 1 < count, storage[lt + 1] == 0x2F,
      indexOf(0x26, from: position, before: lt) == nil
    {
      let start = position
      position = lt
      if let tag = nextTag(), tag.isEnd, self.is(tag, name) {
        return String(decoding: UnsafeBufferPointer(rebasing: storage[start..<lt]), as: UTF8.self)
      }
      position = start
    }
    var pieces: [UInt8] = []
    var i = position
    while i < count {
      let lt = indexOf(0x3C, from: i) ?? count
      pieces.append(contentsOf: decodedBytes(i..<lt))
      guard lt < count else { break }
      if starts(with: Self.cdataOpen, at: lt) {
        let close = find(Self.cdataClose, from: lt + 9) ?? count
        let closeStart = max(lt + 9, close - 3)
        pieces.append(contentsOf: UnsafeBufferPointer(rebasing: storage[(lt + 9)..<closeStart]))
        i = close
        continue
      }
      position = lt
      guard let tag = nextTag() else { break }
      i = position
      if tag.isEnd && self.is(tag, name) { break }
    }
    position = i
    return String(decoding: pieces, as: UTF8.self)
  }

  /// The decoded text of a byte range (entities and character references resolved).
  func decode(_ range: Range<Int>) -> String {
    String(decoding: decodedBytes(range), as: UTF8.self)
  }

  private func decodedBytes(_ range: Range<Int>) -> [UInt8] {
    guard let amp = indexOf(0x26, from: range.lowerBound, before: range.upperBound) else {
      return Array(UnsafeBufferPointer(rebasing: storage[range]))
    }
    var out = Array(UnsafeBufferPointer(rebasing: storage[range.lowerBound..<amp]))
    var i = amp
    while i < range.upperBound {
      let b = storage[i]
      guard b == 0x26, let semi = indexOf(0x3B, from: i + 1, before: min(range.upperBound, i + 12)) else {
        out.append(b)
        i += 1
        continue
      }
      let entity = String(decoding: UnsafeBufferPointer(rebasing: storage[(i + 1)..<semi]), as: UTF8.self)
      var scalar: Unicode.Scalar?
      switch entity {
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "amp": scalar = "&"
      case "quot": scalar = "\""
      case "apos": scalar = "'"
      default:
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
          scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if entity.hasPrefix("#") {
          scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        }
      }
      if let scalar {
        out.append(contentsOf: String(Character(scalar)).utf8)
        i = semi + 1
      } else {
        out.append(b)
        i += 1
      }
    }
    return out
  }

  /// The index of the last occurrence of `needle`, searching back from the end.
  func lastIndex(of needle: [UInt8]) -> Int? {
    guard needle.count <= count else { return nil }
    var i = count - needle.count
    while i >= 0 {
      if starts(with: needle, at: i) { return i }
      i -= 1
    }
    return nil
  }

  private func indexOf(_ byte: UInt8, from start: Int, before end: Int? = nil) -> Int? {
    let end = end ?? count
    var i = start
    while i < end {
      if storage[i] == byte { return i }
      i += 1
    }
    return nil
  }

  private func starts(with needle: [UInt8], at i: Int) -> Bool {
    guard i + needle.count <= count else { return false }
    for k in 0..<needle.count where storage[i + k] != needle[k] { return false }
    return true
  }

  /// The index just past the next `needle` at or after `start`.
  private func find(_ needle: [UInt8], from start: Int) -> Int? {
    var i = start
    while let at = indexOf(needle[0], from: i) {
      if starts(with: needle, at: at) { return at + needle.count }
      i = at + 1
    }
    return nil
  }

  private static let commentOpen = Array("<!--".utf8)
  private static let commentClose = Array("-->".utf8)
  private static let cdataOpen = Array("<![CDATA[".utf8)
  private static let cdataClose = Array("]]>".utf8)

  @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
  }

  @inline(__always) private static func endsName(_ b: UInt8) -> Bool {
    isSpace(b) || b == 0x3E || b == 0x2F
  }
}
