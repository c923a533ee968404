import Domain
import Foundation
import Store
import Testing

/// GBK bytes written out by hand (as Python's gb18030 codec gives them), so the
/// tests do not check iconv against itself.
enum GBK {
  static let header: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB5, 0xE7, 0xBB, 0xB0]  // 姓名,电话
  static let wangWei: [UInt8] = [0xCD, 0xF5, 0xCE, 0xB0]  // 王伟
  static let zhongWen: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4]  // 中文
  static let euro: [UInt8] = [0xA2, 0xE3]  // €
  static let ext: [UInt8] = [0x95, 0x32, 0x82, 0x36]  // 𠀀, a four-byte GB18030 character
  static let bom: [UInt8] = [0x84, 0x31, 0x95, 0x33]
}

private func file(_ dir: String, _ name: String, _ bytes: [UInt8]) throws -> String {
  let path = dir + "/" + name
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  return path
}

private func readAll(_ path: String, _ format: TableFormat? = nil) throws -> [CSVRecord] {
  let reader = try TableReader(path: path, format: format)
  var out: [CSVRecord] = []
  while let r = try reader.next() { out.append(r) }
  return out
}

private let nl: [UInt8] = [0x0A]
private let crlf: [UInt8] = [0x0D, 0x0A]

@Suite struct TableEncodingTests {
  @Test func utf8WithAndWithoutBOMIsUTF8() throws {
    try withTempDir { dir in
      let plain = try file(dir, "a.csv", Array("姓名,电话\n王伟,138\n".utf8))
      let bom = try file(dir, "b.csv", [0xEF, 0xBB, 0xBF] + Array("姓名,电话\r\n王伟,138\r\n".utf8))
      let ascii = try file(dir, "c.csv", Array("a,b\n1,2\n".utf8))
      for path in [plain, bom] {
        #expect(try TableFormat.detect(path: path) == .csv(.utf8))
        #expect(try readAll(path).map(\.fields) == [["姓名", "电话"], ["王伟", "138"]])
      }
      #expect(try TableFormat.detect(path: ascii) == .csv(.utf8))
    }
  }

  @Test func gbkFileIsDetectedAndDecoded() throws {
    try withTempDir { dir in
      let bytes =
        GBK.header + crlf + GBK.wangWei + Array(",138".utf8) + crlf + GBK.zhongWen + Array(",\"".utf8)
        + GBK.euro + GBK.ext + nl + Array("x\"".utf8) + crlf
      let path = try file(dir, "gbk.csv", bytes)
      #expect(try TableFormat.detect(path: path) == .csv(.gb18030))
      let records = try readAll(path)
      #expect(records.map(\.fields) == [["姓名", "电话"], ["王伟", "138"], ["中文", "€𠀀\nx"]])
      #expect(records.map(\.line) == [1, 2, 3])
      // The GB18030 BOM is dropped like the UTF-8 one.
      let withBOM = try file(dir, "bom.csv", GBK.bom + bytes)
      #expect(try readAll(withBOM).first?.fields == ["姓名", "电话"])
    }
  }

  /// A character cut by a chunk's end, in the detector and in the decoder.
  @Test(arguments: [1, 2, 3, 5, 64])
  func gbkAcrossChunkBoundaries(chunk: Int) throws {
    try withTempDir { dir in
      var bytes = GBK.header + nl
      var expected = [["姓名", "电话"]]
      for i in 0..<40 {
        bytes += GBK.wangWei + Array("\(i),".utf8) + GBK.ext + nl
        expected.append(["王伟\(i)", "𠀀"])
      }
      let path = try file(dir, "g.csv", bytes)
      let reader = try CSVReader(path: path, encoding: .gb18030, chunkSize: chunk)
      var fields: [[String]] = []
      while let r = try reader.next() { fields.append(r.fields) }
      #expect(fields == expected)
    }
  }

  @Test func detectionScansTheWholeFileAcrossItsReadChunks() throws {
    try withTempDir { dir in
      // ASCII up to just before the detector's 256 KiB chunk end, then a UTF-8
      // character cut by it: still UTF-8.
      let pad = (1 << 18) - 1
      let utf8 = try file(dir, "u.csv", Array(repeating: 0x61, count: pad) + Array("中\n".utf8))
      #expect(try TableFormat.detect(path: utf8) == .csv(.utf8))
      // A GBK character far past the first chunk decides GB18030.
      let late = try file(dir, "l.csv", Array(repeating: 0x61, count: 3 * pad) + nl + GBK.zhongWen + nl)
      #expect(try TableFormat.detect(path: late) == .csv(.gb18030))
    }
  }

  @Test func aFileInNeitherEncodingIsRefusedAtItsLine() throws {
    try withTempDir { dir in
      // UTF-8 Chinese text, then a stray byte on line 4: a damaged UTF-8 file, refused
      // there, even where GB18030 would decode it (C0 80 is a GB18030 pair).
      for stray: [UInt8] in [[0xFF], [0xC0, 0x80]] {
        let utf8 = try file(
          dir, "u.csv", Array("姓名,电话\n王伟,1\n李娜,2\n张三,".utf8) + stray + Array("3\n".utf8))
        #expect(try TableFormat.detect(path: utf8) == .csv(.utf8))
        #expect(throws: ImportError(file: utf8, line: 4, column: 2, problem: Message("error.import.notUTF8")))
        {
          try readAll(utf8)
        }
      }
      // Mostly ASCII with one stray byte on line 3 that neither encoding accepts.
      let ascii = try file(dir, "a.csv", Array("a,b\nc,d\ne,".utf8) + [0xFF] + nl)
      #expect(try TableFormat.detect(path: ascii) == .undecodable(closest: .utf8))
      #expect(throws: ImportError(file: ascii, line: 3, column: 2, problem: Message("error.import.notText")))
      {
        try readAll(ascii)
      }
      // A GBK file with a byte GB18030 lacks (0x80) on line 3.
      let gbk = try file(
        dir, "g.csv", GBK.header + nl + GBK.wangWei + Array(",1".utf8) + nl + Array("x,".utf8) + [0x80] + nl)
      #expect(try TableFormat.detect(path: gbk) == .undecodable(closest: .gb18030))
      #expect(throws: ImportError(file: gbk, line: 3, column: 2, problem: Message("error.import.notText"))) {
        try readAll(gbk)
      }
    }
  }

  @Test func encodingCanBeForced() throws {
    try withTempDir { dir in
      let gbk = try file(dir, "g.csv", GBK.header + nl)
      let forcedUTF8 = try TableFormat.detect(path: gbk, options: TableOptions(encoding: .utf8))
      #expect(forcedUTF8 == .csv(.utf8))
      #expect(throws: ImportError(file: gbk, line: 1, column: 1, problem: Message("error.import.notUTF8"))) {
        try readAll(gbk, forcedUTF8)
      }
      // Valid UTF-8 read as GB18030 because the user said so: 王伟 → 鐜嬩紵.
      let utf8 = try file(dir, "u.csv", Array("王伟,x\n".utf8))
      let forcedGB = try TableFormat.detect(path: utf8, options: TableOptions(encoding: .gb18030))
      #expect(forcedGB == .csv(.gb18030))
      #expect(try readAll(utf8, forcedGB).first?.fields == ["鐜嬩紵", "x"])
      // A byte GB18030 refuses, with its line and field.
      let bad = try file(dir, "b.csv", Array("a,b\nc,".utf8) + [0xFF, 0x41] + nl)
      #expect(throws: ImportError(file: bad, line: 2, column: 2, problem: Message("error.import.notGB18030")))
      {
        try readAll(bad, .csv(.gb18030))
      }
      #expect(TableEncoding(name: "GBK") == .gb18030 && TableEncoding(name: "UTF8") == .utf8)
      #expect(TableEncoding(name: "latin1") == nil)
    }
  }

  @Test func controlCharactersInGBKAreRefusedToo() throws {
    try withTempDir { dir in
      let path = try file(dir, "c.csv", GBK.header + nl + GBK.wangWei + [0x1B] + Array(",1".utf8) + nl)
      #expect(
        throws: ImportError(file: path, line: 2, column: 1, problem: Message("error.import.controlCharacter"))
      ) { try readAll(path) }
    }
  }

  /// A whole import from a GBK file, as Excel on a Chinese Windows saves "CSV".
  @Test func membersImportFromGBK() throws {
    try withTempDir { dir in
      let store = try GongzhiStore(path: dir + "/g.sqlite")
      let org = try SmallOrg(store)
      let text = "支部,姓名,性别,出生日期\r\n心内科党支部,王伟,男,1980-01-02\r\n骨科党支部,李娜,女,\r\n"
      let path = try file(dir, "m.csv", try gb18030(text))
      #expect(try MemberCSV.importFile(path: path, into: store, by: admin) == 2)
      #expect(
        try store.organisation.members(inUnit: org.branch.id, includeInactive: false).map(\.name) == ["王伟"])
      #expect(
        try store.organisation.members(inUnit: org.bone.id, includeInactive: false).map(\.name) == ["李娜"])
    }
  }
}

/// Encodes with Python's codec (an implementation independent of glibc's iconv).
func gb18030(_ text: String) throws -> [UInt8] {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
  p.arguments = [
    "-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('gb18030'))",
  ]
  let input = Pipe()
  let output = Pipe()
  p.standardInput = input
  p.standardOutput = output
  try p.run()
  input.fileHandleForWriting.write(Data(text.utf8))
  try input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return Array(data)
}
