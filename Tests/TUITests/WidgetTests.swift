import Foundation
import TUI
import Testing

@Suite struct TextFieldTests {
  @Test func insertCJKAndBackspaceByGrapheme() {
    var f = TextField()
    for c in "内科" { _ = f.handle(.char(c)) }
    #expect(f.text == "内科" && f.cursor == 2)
    _ = f.handle(.char("👩‍💻"))
    #expect(f.cursor == 3)
    _ = f.handle(.backspace)
    #expect(f.text == "内科")
    _ = f.handle(.backspace)
    #expect(f.text == "内" && f.cursor == 1)
    f.insert("e\u{301}👍🏽")
    #expect(f.text == "内e\u{301}👍🏽" && f.cursor == 3)
    _ = f.handle(.backspace)
    _ = f.handle(.backspace)
    #expect(f.text == "内")
  }

  @Test func combiningMarkJoinsPreviousGrapheme() {
    var f = TextField(text: "e")
    _ = f.handle(.char("\u{301}"))
    #expect(f.text == "e\u{301}" && f.cursor == 1)
  }

  @Test func cursorMovementAndDeletion() {
    var f = TextField(text: "中文ab")
    #expect(f.cursor == 4)
    _ = f.handle(.home)
    #expect(f.cursor == 0)
    _ = f.handle(.delete)
    #expect(f.text == "文ab")
    _ = f.handle(.right)
    _ = f.handle(.char("字"))
    #expect(f.text == "文字ab" && f.cursor == 2)
    #expect(f.cursorColumn(width: 20) == 4)
    _ = f.handle(.ctrl("e"))
    #expect(f.cursor == 4)
    _ = f.handle(.ctrl("a"))
    #expect(f.cursor == 0)
    _ = f.handle(.left)
    #expect(f.cursor == 0)
    _ = f.handle(.ctrl("u"))
    #expect(f.text.isEmpty && f.cursor == 0)
    let up = f.handle(.up)
    #expect(!up)
  }

  @Test func maxLengthInGraphemes() {
    var f = TextField(maxLength: 3)
    f.insert("中文👩‍💻字")
    #expect(f.text == "中文👩‍💻")
    let inserted = f.handle(.char("x"))
    #expect(!inserted)
    #expect(f.text.count == 3)
  }

  @Test func scrollsToKeepCursorVisibleByColumns() {
    var f = TextField(text: "一二三四五六七八九十")  // 20 columns, cursor at end
    var b = ScreenBuffer(width: 12, height: 1)
    f.render(into: &b, in: Rect(x: 1, y: 0, width: 10, height: 1), glyphs: .unicode)
    // The cursor needs a free column after the text: 4 characters fit before it.
    #expect(b.text == " 七八九十")
    #expect(b.cursor == Point(x: 9, y: 0))
    f.keepCursorVisible(width: 10)
    _ = f.handle(.home)
    var b2 = ScreenBuffer(width: 12, height: 1)
    f.render(into: &b2, in: Rect(x: 1, y: 0, width: 10, height: 1), glyphs: .unicode)
    #expect(b2.text == " 一二三四五")
    #expect(b2.cursor == Point(x: 1, y: 0))
    f.keepCursorVisible(width: 10)
    for _ in 0..<3 { _ = f.handle(.right) }
    #expect(f.visibleStart(width: 10) == 0)
    #expect(f.cursorColumn(width: 10) == 6)
  }

  @Test func placeholderWhenEmptyAndNoCursorUnfocused() {
    let f = TextField(placeholder: "搜索", isFocused: false)
    var b = ScreenBuffer(width: 8, height: 1)
    f.render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.text == "搜索")
    #expect(b[0, 0].role == .muted)
    #expect(b.cursor == nil)
  }
}

@Suite struct TableTests {
  func makeTable(rows: Int) -> Table {
    Table(
      columns: [TableColumn("名称"), TableColumn("值", width: .fixed(4), alignment: .right)],
      rows: (0..<rows).map { [TableCell("行\($0)"), TableCell(String($0))] })
  }

  @Test func columnWidths() {
    let t = Table(columns: [
      TableColumn("a", width: .fixed(4)), TableColumn("b", width: .flexible(weight: 2, minimum: 3)),
      TableColumn("c", width: .flexible(weight: 1, minimum: 2)),
    ])
    #expect(t.columnWidths(total: 20) == [4, 9, 5])
    #expect(t.columnWidths(total: 11) == [4, 3, 2])
    #expect(t.columnWidths(total: 8) == [4, 2, 0])
    #expect(t.columnWidths(total: 0) == [0, 0, 0])
  }

  @Test func keysMoveAndScrollKeepsSelectionVisible() {
    var t = makeTable(rows: 30)
    t.selection.pageSize = 5
    var b = ScreenBuffer(width: 12, height: 6)
    for _ in 0..<7 {
      let used = t.handle(.char("j"))
      #expect(used)
    }
    #expect(t.selectedRow == 7)
    t.render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.lines()[5].hasPrefix("行7"))
    #expect(b[0, 5].role == .selected)
    _ = t.handle(.pageDown)
    #expect(t.selectedRow == 12)
    _ = t.handle(.end)
    #expect(t.selectedRow == 29)
    b = ScreenBuffer(width: 12, height: 6)
    t.render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.lines()[5].hasPrefix("行29"))
    _ = t.handle(.home)
    _ = t.handle(.up)
    #expect(t.selectedRow == 0)
    _ = t.handle(.pageUp)
    #expect(t.selectedRow == 0)
    let ignored = t.handle(.char("x"))
    #expect(!ignored)
  }

  @Test func hitTestMapsScreenRowsToRows() {
    var t = makeTable(rows: 30)
    let rect = Rect(x: 2, y: 3, width: 12, height: 6)
    #expect(t.hitTest(y: 3, in: rect) == nil)  // header
    #expect(t.hitTest(y: 4, in: rect) == 0)
    #expect(t.hitTest(y: 8, in: rect) == 4)
    #expect(t.hitTest(y: 9, in: rect) == nil)
    t.selection.select(20)
    #expect(t.hitTest(y: 8, in: rect) == 20)
    let short = makeTable(rows: 2)
    #expect(short.hitTest(y: 6, in: rect) == nil)
  }

  @Test func unfocusedSelectionAndCellRoles() {
    var t = Table(
      columns: [TableColumn("A")], rows: [[TableCell("x", role: .danger)], [TableCell("y", role: .danger)]],
      isFocused: false)
    var b = ScreenBuffer(width: 4, height: 3)
    t.render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b[0, 1].role == .selectedInactive)
    #expect(b[0, 2].role == .danger)
    t.rows = []
    #expect(t.selectedRow == nil)
  }

  @Test func sortIndicatorAndClipping() {
    var t = Table(
      columns: [
        TableColumn("科室名称", width: .fixed(6)), TableColumn("得分", width: .fixed(6), alignment: .right),
      ],
      rows: [["心血管内科", "92.5"]], sort: Table.Sort(column: 1, ascending: true))
    var b = ScreenBuffer(width: 13, height: 2)
    t.render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.lines() == ["科室…  得分 ▲", "心血…    92.5"])
    t.sort = Table.Sort(column: 0, ascending: false)
    t.render(into: &b, in: b.bounds, glyphs: .ascii)
    #expect(b.lines()[0] == "科~ v    得分")
  }
}

@Suite struct TreeTests {
  @Test func keysExpandCollapseAndMoveToParentOrChild() {
    var tree = Demo.tree()
    #expect(tree.selectedID == "m3b")
    _ = tree.handle(.left)
    #expect(tree.selectedID == "m3")
    _ = tree.handle(.left)
    #expect(!tree.expanded.contains("m3"))
    _ = tree.handle(.right)
    #expect(tree.expanded.contains("m3") && tree.selectedID == "m3")
    _ = tree.handle(.char("l"))
    #expect(tree.selectedID == "m3a")
    _ = tree.handle(.char("h"))
    #expect(tree.selectedID == "m3")
    _ = tree.handle(.enter)
    #expect(!tree.expanded.contains("m3"))
    _ = tree.handle(.down)
    #expect(tree.selectedID == "s")
    _ = tree.handle(.end)
    #expect(tree.selectedID == "x")
    _ = tree.handle(.home)
    #expect(tree.selectedID == "h")
    tree.collapse("h")
    #expect(tree.visibleRows().map(\.id) == ["h", "x"])
    let found = tree.select(id: "n1")
    #expect(found)
    #expect(tree.expanded.isSuperset(of: ["h", "n"]))
    tree.collapse("n")
    #expect(tree.selectedID == "n")
    let absent = tree.select(id: "zzz")
    #expect(!absent)
  }

  @Test func rowsCarryGuidesAndRender() {
    let tree = Demo.tree()
    var b = ScreenBuffer(width: 30, height: 14)
    tree.render(into: &b, in: b.bounds, glyphs: .unicode)
    let lines = b.text.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("▾ 第一人民医院"))
    #expect(lines[0].hasSuffix("1260"))
    #expect(lines[1].hasPrefix("├─▾ 内科系统"))
    #expect(lines[4].hasPrefix("│ └─▾ 消化内科"))
    #expect(lines[6].hasPrefix("│   └─  一病区"))
    #expect(lines[7].hasPrefix("├─▾ 外科系统"))
    #expect(lines[8].hasPrefix("│ ├─  普通外科"))
    #expect(b[6, 6].role == .selected)
  }

  @Test func scrollingKeepsSelectionVisibleAndHitTest() {
    var tree = Demo.tree()
    tree.pageSize = 3
    let rect = Rect(x: 0, y: 10, width: 30, height: 3)
    _ = tree.handle(.home)
    for _ in 0..<8 { _ = tree.handle(.down) }
    let rows = tree.visibleRows()
    let index = rows.firstIndex { $0.id == tree.selectedID }!
    #expect(index == 8)
    #expect(tree.hitTest(y: 12, in: rect) == tree.selectedID)
    #expect(tree.hitTest(y: 10, in: rect) == rows[6].id)
    #expect(tree.hitTest(y: 13, in: rect) == nil)
    var b = ScreenBuffer(width: 30, height: 20)
    tree.render(into: &b, in: rect, glyphs: .unicode)
    #expect(b[rect.x, 12].role == .selected)
  }
}

@Suite struct OtherWidgetTests {
  @Test func tabsHitTestAndScrolling() {
    let tabs = Tabs(titles: ["组织", "考核", "提案"], active: 1)
    let rect = Rect(x: 5, y: 0, width: 40, height: 1)
    var b = ScreenBuffer(width: 50, height: 1)
    tabs.render(into: &b, in: rect, glyphs: .unicode)
    #expect(b.text == "       组织   [ 考核 ]   提案")
    #expect(tabs.hitTest(x: 5, in: rect) == 0)
    #expect(tabs.hitTest(x: 12, in: rect) == 0)
    #expect(tabs.hitTest(x: 13, in: rect) == nil)
    #expect(tabs.hitTest(x: 14, in: rect) == 1)
    #expect(tabs.hitTest(x: 27, in: rect) == 2)
    #expect(tabs.hitTest(x: 40, in: rect) == nil)
    #expect(b[16, 0].role == .tabActive)
    let narrow = Tabs(titles: ["组织", "考核", "提案"], active: 2)
    #expect(narrow.layout(in: Rect(x: 0, y: 0, width: 10, height: 1)).first?.index == 2)
    var t = tabs
    _ = t.handle(.right)
    _ = t.handle(.right)
    #expect(t.active == 0)
  }

  @Test func dialogKeysAndHitTest() {
    var d = Dialog(title: "确认", message: "保存修改？", buttons: ["保存", "放弃", "取消"])
    var r = d.handle(.right)
    #expect(r == .handled)
    r = d.handle(.tab)
    #expect(r == .handled)
    #expect(d.selected == 2)
    r = d.handle(.right)
    #expect(r == .handled && d.selected == 0)
    r = d.handle(.left)
    #expect(r == .handled && d.selected == 2)
    r = d.handle(.enter)
    #expect(r == .chosen(2))
    r = d.handle(.escape)
    #expect(r == .cancelled)
    r = d.handle(.char("x"))
    #expect(r == .ignored)
    let area = Rect(x: 0, y: 0, width: 80, height: 24)
    let layout = d.layout(in: area)
    let second = layout.buttons[1]
    #expect(d.hitTest(x: second.x + 1, y: second.y, in: area) == 1)
    #expect(d.hitTest(x: 0, y: 0, in: area) == nil)
    var b = ScreenBuffer(width: 80, height: 24)
    d.render(into: &b, in: area, glyphs: .unicode)
    #expect(b[second.x, second.y].role == .dialog)
    #expect(b[layout.buttons[2].x, second.y].role == .selected)
  }

  @Test func statusBarDropsHintsThatDoNotFit() {
    var b = ScreenBuffer(width: 20, height: 1)
    StatusBar(text: "共 25 个科室", hints: [("q", "退出"), ("?", "帮助"), ("/", "搜索")]).render(
      into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.lines()[0] == " 共 25 个科…  q 退出")
    #expect(b[14, 0].role == .key)
    #expect(b[16, 0].role == .status)
    var c = ScreenBuffer(width: 20, height: 1)
    StatusBar(hints: [("q", "退出"), ("?", "帮助"), ("/", "搜索")]).render(into: &c, in: c.bounds, glyphs: .unicode)
    #expect(c.lines()[0] == "      q 退出  ? 帮助")
    // Pinned hints stay; the others give way from the end.
    var d = ScreenBuffer(width: 23, height: 1)
    StatusBar(hints: [("/", "搜索"), ("a", "添加"), ("q", "退出"), ("?", "帮助")], pinned: ["q", "?"]).render(
      into: &d, in: d.bounds, glyphs: .unicode)
    #expect(d.lines()[0] == " / 搜索  q 退出  ? 帮助")
  }

  /// A message without hints wraps onto the rows the bar is given instead of being cut.
  @Test func statusBarWrapsALongMessage() {
    let message = "保存失败：日期 2026-13-01 不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-11-24。"
    let bar = StatusBar(text: message, role: .danger)
    let wrapped = TextWrap.wrap(message, width: 28)
    #expect(wrapped.count == 3)
    #expect(bar.rows(width: 30) == 3)
    #expect(bar.rows(width: 30, maxRows: 2) == 2)
    #expect(StatusBar(text: "已保存").rows(width: 30) == 1)
    #expect(StatusBar(text: message, hints: [("q", "退出")]).rows(width: 30) == 1)
    var b = ScreenBuffer(width: 30, height: 3)
    bar.render(into: &b, in: b.bounds, glyphs: .unicode)
    let lines = b.lines().map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines == wrapped, "\(lines)")
    #expect(!lines.contains { ["，", "：", "。"].contains($0.prefix(1)) })
  }

  @Test func barText() {
    #expect(BarChart.barText(value: 50, scale: 100, width: 4, glyphs: .unicode) == "██")
    #expect(BarChart.barText(value: 1, scale: 4, width: 2, glyphs: .unicode) == "▌")
    #expect(BarChart.barText(value: 55, scale: 100, width: 4, glyphs: .ascii) == "##")
    #expect(BarChart.barText(value: 200, scale: 100, width: 3, glyphs: .unicode) == "███")
    #expect(BarChart.barText(value: -1, scale: 100, width: 3, glyphs: .unicode) == "")
    #expect(BarChart.format(88.25) == "88.3" || BarChart.format(88.25) == "88.2")
    #expect(BarChart.format(91) == "91")
  }

  /// A scrolled bar chart keeps the widths and scale of the whole list: the same value
  /// draws the same bar in the same columns whatever rows are in view.
  @Test func scrolledBarChartKeepsWidthsAndScale() {
    let bars = [
      BarChart.Bar(label: "一个很长的科室名称", value: 50, valueText: "50", marker: ""),
      BarChart.Bar(label: "甲", value: 40, valueText: "40", marker: "▼ 低于目标"),
      BarChart.Bar(label: "乙", value: 40, valueText: "40", marker: ""),
      BarChart.Bar(label: "丙", value: 40, valueText: "40", marker: ""),
    ]
    func row(_ first: Int, _ line: Int) -> String {
      var b = ScreenBuffer(width: 60, height: 2)
      BarChart(bars: bars, maxValue: 100, firstRow: first).render(into: &b, in: b.bounds, glyphs: .unicode)
      return b.lines()[line]
    }
    let top = row(0, 1)  // 甲, with the marker and the long label in view
    let scrolled = row(2, 0)  // 乙, neither in view
    #expect(top.firstIndex(of: "█") == scrolled.firstIndex(of: "█"), "\(top)\n\(scrolled)")
    #expect(top.filter { $0 == "█" }.count == scrolled.filter { $0 == "█" }.count, "\(top)\n\(scrolled)")
    #expect(row(3, 0).hasPrefix("丙") && row(3, 1).allSatisfy { $0 == " " })
  }

  @Test func sparkline() {
    #expect(Sparkline(values: [0, 7, nil, 3.5]).text(width: 10, glyphs: .unicode) == "▁█ ▅")
    #expect(Sparkline(values: [1, 2, 3]).text(width: 2, glyphs: .unicode) == "▁█")
    #expect(Sparkline(values: [5, 5]).text(width: 4, glyphs: .unicode) == "▄▄")
  }

  @Test func bigDigitsSizeAndFallback() {
    #expect(BigDigits.size(of: "12") == Size(width: 7, height: 3))
    #expect(BigDigits.size(of: "9.5%") == Size(width: 3 + 1 + 1 + 1 + 3 + 1 + 4, height: 3))
    var b = ScreenBuffer(width: 6, height: 3)
    BigDigits("123").render(into: &b, in: b.bounds, glyphs: .unicode)
    #expect(b.lines().map { $0.trimmingCharacters(in: .whitespaces) } == ["123", "", ""])
    var b2 = ScreenBuffer(width: 7, height: 3)
    BigDigits("10").render(into: &b2, in: b2.bounds, glyphs: .unicode)
    #expect(b2.lines() == ["▀█  █▀█", " █  █ █", "▄█▄ █▄█"])
  }
}
