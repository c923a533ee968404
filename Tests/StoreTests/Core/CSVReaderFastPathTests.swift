import Foundation
import Store
import Testing

@Test func fastPathKeepsEmptyAndTrailingFields() throws {
  #expect(
    try records("a,b,\nc,,d\n,\ne,").map(\.fields) == [
      ["a", "b", ""], ["c", "", "d"], ["", ""], ["e", ""],
    ])
  #expect(try records("x\r\ny\rz").map(\.line) == [1, 2, 3])
  #expect(try records("王伟,\"a\"\n李娜,b\"c\n").map(\.fields) == [["王伟", "a"], ["李娜", "b\"c"]])
}

@Test func fastPathReportsBadBytesWithLineAndColumn() {
  #expect(
    csvError(Array("a,b\nc,d,".utf8) + [0xC3, 0x28] + Array(",x\n".utf8))
      == CSVError(problem: .notUTF8, line: 2, column: 3))
  #expect(csvError(Array("a\n\nb,c\0,d\n".utf8)) == CSVError(problem: .nulByte, line: 3, column: 2))
}
