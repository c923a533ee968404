import Foundation
import Store
import Testing

func records(_ text: String) throws -> [CSVRecord] {
  let reader = CSVReader(text: text)
  var out: [CSVRecord] = []
  while let r = try reader.next() { out.append(r) }
  return out
}

func csvError(_ bytes: [UInt8]) -> CSVError? {
  let reader = CSVReader(bytes: bytes)
  do {
    while try reader.next() != nil {}
    return nil
  } catch {
    return error as? CSVError
  }
}

@Test func readsPlainAndQuotedFields() throws {
  let rs = try records("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n,,\nlast,\"\",end")
  #expect(
    rs.map(\.fields) == [
      ["a", "b", "c"], ["x,1", "say \"hi\"", "two\r\nlines"], ["", "", ""], ["last", "", "end"],
    ])
  #expect(rs.map(\.line) == [1, 2, 5, 6])
}

@Test func skipsBOMAndHandlesLoneCR() throws {
  let rs = try records("\u{FEFF}姓名,电话\r王伟,138\r")
  #expect(rs.map(\.fields) == [["姓名", "电话"], ["王伟", "138"]])
  #expect(rs.map(\.line) == [1, 2])
}

@Test func quoteInsideUnquotedFieldIsText() throws {
  #expect(try records("a\"b,c\n").map(\.fields) == [["a\"b", "c"]])
}

@Test func reportsMalformedInput() {
  #expect(
    csvError(Array("a,b\nc,\"open\nmore\n".utf8)) == CSVError(problem: .unterminatedQuote, line: 2, column: 2)
  )
  #expect(csvError(Array("a,b\n\"x\"y,z\n".utf8)) == CSVError(problem: .badQuote, line: 2, column: 1))
  #expect(csvError(Array("a,b\nc,d\0e\n".utf8)) == CSVError(problem: .nulByte, line: 2, column: 2))
  #expect(
    csvError(Array("a,b\n".utf8) + [0x63, 0x2C, 0xE7, 0x8E] + Array("\n".utf8))
      == CSVError(problem: .notUTF8, line: 2, column: 2))
  #expect(
    csvError(Array("a,\"multi\nline".utf8) + [0xFF] + Array("\"\n".utf8))
      == CSVError(problem: .notUTF8, line: 2, column: 2))
  #expect(csvError(Array("ok,王伟\n".utf8)) == nil)
}

@Test(arguments: [1, 2, 3, 7, 64])
func streamsAcrossChunkBoundaries(chunk: Int) throws {
  try withTempDir { dir in
    let path = dir + "/x.csv"
    var text = "\u{FEFF}单位,姓名,备注\r\n"
    for i in 0..<50 { text += "内科党总支/心内科党支部,王\(i),\"含,逗号\r\n和\"\"引号\"\"\"\r\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let reader = try CSVReader(path: path, chunkSize: chunk)
    var rs: [CSVRecord] = []
    while let r = try reader.next() { rs.append(r) }
    #expect(rs.count == 51)
    #expect(rs[0].fields == ["单位", "姓名", "备注"])
    #expect(rs[50].fields == ["内科党总支/心内科党支部", "王49", "含,逗号\r\n和\"引号\""])
    #expect(rs[50].line == 100)
  }
}
