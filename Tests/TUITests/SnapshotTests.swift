import TUI
import Testing

@Suite struct SnapshotTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 12)]

  @Test(arguments: Demo.widgets, sizes)
  func widget(_ name: String, _ size: Size) {
    assertSnapshot(Demo.render(name, size: size), named: "\(name)-\(size.width)x\(size.height)")
  }

  @Test(arguments: ["table", "tree", "barchart", "gauge", "bigdigits", "dialog"])
  func ascii(_ name: String) {
    assertSnapshot(
      Demo.render(name, size: Size(width: 80, height: 24), glyphs: .ascii), named: "\(name)-ascii-80x24")
  }

  @Test func snapshotCompareReportsMissingAndDifferences() {
    let path = "/nonexistent-dir/none.txt"
    let missing = Snapshot.compare("a\n", goldenPath: path, record: false)
    #expect(missing?.contains("GONGZHI_RECORD_SNAPSHOTS=1") == true)
  }
}
