import TUI

/// Small demo layouts, one per widget, rendered for snapshots and robustness tests.
enum Demo {
  static let widgets = [
    "box", "tabs", "table", "tree", "list", "textfield", "statusbar", "dialog", "help", "barchart",
    "sparkline", "gauge",
    "bigdigits",
  ]

  static let departments = [
    "心血管内科（冠心病监护病房）", "呼吸内科", "消化内科", "神经内科", "普通外科", "骨科", "妇产科", "儿科",
    "Emergency 急诊科", "眼科", "耳鼻喉科", "口腔科", "皮肤科", "中医科", "康复医学科", "麻醉科", "检验科", "放射科",
    "药剂科", "护理部", "Medical Records 病案室", "信息中心", "后勤保障部", "财务科", "人事科",
  ]

  static func table(focused: Bool = true) -> Table {
    let grades: [(String, StyleRole)] = [
      ("优秀", .gradeExcellent), ("良好", .gradeGood), ("合格", .gradePass), ("不合格", .gradeFail),
    ]
    let rows: [[TableCell]] = departments.enumerated().map { i, name in
      let score = 98.5 - Double(i) * 1.7
      let grade = grades[min(3, i / 7)]
      return [
        TableCell(String(i + 1)), TableCell(name), TableCell(["张伟", "王芳", "李娜", "Li Lei", "欧阳建国"][i % 5]),
        TableCell(BarChart.format(score)), TableCell(grade.0, role: grade.1),
      ]
    }
    var table = Table(
      columns: [
        TableColumn("排名", width: .fixed(4), alignment: .right),
        TableColumn("科室 Department", width: .flexible(weight: 2, minimum: 8)),
        TableColumn("负责人", width: .flexible(weight: 1, minimum: 6)),
        TableColumn("得分", width: .fixed(6), alignment: .right),
        TableColumn("等级", width: .fixed(6), alignment: .center),
      ], rows: rows, sort: Table.Sort(column: 3, ascending: false), isFocused: focused)
    table.selection.pageSize = 8
    for _ in 0..<12 { _ = table.handle(.down) }
    return table
  }

  static func tree() -> TreeView<String> {
    let root = TreeNode(
      id: "h", label: "第一人民医院 First People's Hospital", badge: "1260",
      children: [
        TreeNode(
          id: "m", label: "内科系统", badge: "420",
          children: [
            TreeNode(id: "m1", label: "心血管内科（冠心病监护病房）", badge: "85"),
            TreeNode(id: "m2", label: "呼吸内科", badge: "62"),
            TreeNode(
              id: "m3", label: "消化内科", badge: "58",
              children: [
                TreeNode(id: "m3a", label: "内镜中心 Endoscopy", badge: "12"),
                TreeNode(id: "m3b", label: "一病区", badge: "23"),
              ]),
          ]),
        TreeNode(
          id: "s", label: "外科系统", badge: "380",
          children: [
            TreeNode(id: "s1", label: "普通外科", badge: "90"), TreeNode(id: "s2", label: "骨科", badge: "77"),
          ]),
        TreeNode(
          id: "n", label: "护理部", badge: "512", children: [TreeNode(id: "n1", label: "护理质控组", badge: "9")]),
        TreeNode(id: "a", label: "行政后勤 Administration", badge: "96"),
      ])
    var tree = TreeView(roots: [
      root, TreeNode(id: "x", label: "第二分院", badge: "300", children: [TreeNode(id: "x1", label: "门诊部")]),
    ])
    tree.select(id: "m3b")
    tree.expand("s")
    return tree
  }

  static func render(_ name: String, size: Size, glyphs: Glyphs = .unicode) -> ScreenBuffer {
    var b = ScreenBuffer(size: size)
    render(name, into: &b, in: b.bounds, glyphs: glyphs)
    return b
  }

  static func render(_ name: String, into b: inout ScreenBuffer, in area: Rect, glyphs: Glyphs) {
    switch name {
    case "box":
      let inner = b.drawBox(area, title: "组织架构 Organisation", glyphs: glyphs)
      let (left, right) = inner.splitLeft(inner.width / 2)
      b.drawBox(left, title: "一个非常长的标题会被截断 A very long title that is clipped", glyphs: glyphs)
      let (top, _) = right.splitTop(right.height / 2)
      Box(title: "中", clears: true).render(into: &b, in: top, glyphs: glyphs)
    case "tabs":
      let titles = ["1 组织", "2 考核", "3 提案", "4 满意度", "5 Settings 设置"]
      let rows = area.height
      for (n, active) in [0, 2, 4].enumerated() where n * 2 < rows {
        Tabs(titles: titles, active: active).render(
          into: &b, in: Rect(x: area.x, y: area.y + n * 2, width: area.width, height: 1), glyphs: glyphs)
      }
      if rows > 6 {
        Tabs(titles: titles, active: 3).render(
          into: &b, in: Rect(x: area.x + 2, y: area.y + 6, width: min(20, area.width), height: 1),
          glyphs: glyphs)
      }
    case "table":
      let inner = b.drawBox(area, title: "科室考核 Ranking", glyphs: glyphs)
      demoTable(into: &b, in: inner, glyphs: glyphs)
    case "tree":
      let inner = b.drawBox(area, title: "组织", glyphs: glyphs)
      tree().render(into: &b, in: inner, glyphs: glyphs)
    case "list":
      let (left, right) = area.splitLeft(area.width / 2)
      var list = ListView(items: departments)
      list.selection.pageSize = 5
      for _ in 0..<7 { _ = list.handle(.down) }
      list.render(into: &b, in: b.drawBox(left, title: "列表", glyphs: glyphs), glyphs: glyphs)
      ListView(items: [], emptyText: "（无数据）No items").render(
        into: &b, in: b.drawBox(right, title: "Empty", glyphs: glyphs), glyphs: glyphs)
    case "textfield":
      var y = area.y
      var field = TextField(text: "患者满意度调查 Patient survey 2026年第一季度", placeholder: "")
      for _ in 0..<5 { _ = field.handle(.left) }
      b.put("标题:", x: area.x, y: y)
      field.render(
        into: &b, in: Rect(x: area.x + 6, y: y, width: min(20, area.width - 6), height: 1), glyphs: glyphs)
      y += 2
      let empty = TextField(placeholder: "搜索科室或姓名… Search", isFocused: false)
      empty.render(into: &b, in: Rect(x: area.x, y: y, width: min(30, area.width), height: 1), glyphs: glyphs)
      y += 2
      var emoji = TextField(text: "好评👍🏽👩‍💻", isFocused: false)
      _ = emoji.handle(.backspace)
      emoji.render(into: &b, in: Rect(x: area.x, y: y, width: min(30, area.width), height: 1), glyphs: glyphs)
    case "statusbar":
      let hints: [(key: String, label: String)] = [
        ("?", "帮助"), ("/", "搜索"), ("Enter", "打开"), ("Tab", "切换"), ("q", "退出"),
      ]
      StatusBar(text: "共 25 个科室 · 已选 内科系统 · 数据库 gongzhi.sqlite", hints: hints).render(
        into: &b, in: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), glyphs: glyphs)
      StatusBar(text: "就绪 Ready", hints: []).render(
        into: &b, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), glyphs: glyphs)
      StatusBar(text: "", hints: hints).render(
        into: &b, in: Rect(x: area.x, y: area.y + 2, width: area.width / 2, height: 1), glyphs: glyphs)
    case "dialog":
      for y in area.y..<area.maxY { b.put(String(repeating: "背景 background ", count: 20), x: area.x, y: y) }
      Dialog(
        title: "删除科室", message: "确定要删除“心血管内科（冠心病监护病房）”吗？此操作会同时删除 12 条考核记录，且无法撤销。This cannot be undone.",
        buttons: ["删除 Delete", "取消 Cancel"], selected: 1
      ).render(into: &b, in: area, glyphs: glyphs)
    case "help":
      var help = HelpOverlay(
        title: "帮助 Help",
        entries: [
          ("↑ ↓ / j k", "上下移动 Move"), ("← → / h l", "折叠 / 展开"), ("Enter", "打开 Open"), ("Esc", "返回 Back"),
          ("Tab / Shift-Tab", "切换窗格"), ("/", "搜索 Search"), ("?", "显示本帮助"), ("1-4 / F1-F4", "切换屏幕"),
          ("PgUp PgDn", "翻页"), ("Home End", "首行 / 末行"), ("Ctrl-U", "清空输入"), ("s", "排序 Sort"),
          ("e", "编辑 Edit"), ("d", "删除 Delete"), ("q", "退出 Quit（有未保存修改时确认）"),
        ])
      _ = help.handle(.down, in: area)
      help.render(into: &b, in: area, glyphs: glyphs)
    case "barchart":
      let grades: [(String, StyleRole)] = [
        ("优秀", .gradeExcellent), ("良好", .gradeGood), ("合格", .gradePass), ("不合格", .gradeFail),
      ]
      let values = [96.5, 91, 88.25, 84, 79.5, 72, 63, 0]
      let bars = values.enumerated().map { i, v in
        let g = grades[v >= 90 ? 0 : v >= 80 ? 1 : v >= 70 ? 2 : 3]
        return BarChart.Bar(label: departments[i], value: v, role: g.1, marker: g.0)
      }
      let inner = b.drawBox(area, title: "得分 Score (目标 85)", glyphs: glyphs)
      BarChart(bars: bars, maxValue: 100, target: 85).render(into: &b, in: inner, glyphs: glyphs)
    case "sparkline":
      let series: [(String, [Double?])] = [
        ("满意度", [82, 85, 83, 88, 90, 87, nil, 91, 93, 92, 95, 94]),
        ("Complaints 投诉", [5, 3, 8, 2, 0, 1, 4, 7, 6, 2, 1, 0]),
        ("平稳", [3, 3, 3, 3]),
        ("空", []),
      ]
      for (i, s) in series.enumerated() where i * 2 < area.height {
        let y = area.y + i * 2
        b.put(DisplayWidth.current.pad(s.0, to: 16), x: area.x, y: y, maxWidth: area.width)
        Sparkline(values: s.1).render(
          into: &b, in: Rect(x: area.x + 17, y: y, width: area.width - 17, height: 1), glyphs: glyphs)
      }
      if area.height > 8 {
        Sparkline(values: (0..<200).map { Double($0 % 17) }, range: 0...20).render(
          into: &b, in: Rect(x: area.x, y: area.y + 8, width: area.width, height: 1), glyphs: glyphs)
      }
    case "gauge":
      let gauges: [Gauge] = [
        Gauge(label: "完成率", ratio: 0.63), Gauge(label: "Response rate 回收率", ratio: 0.875),
        Gauge(label: "满分", ratio: 1.4), Gauge(label: "零", ratio: 0),
        Gauge(label: "提案通过 12/30", ratio: 0.4, valueText: "12/30"),
      ]
      for (i, g) in gauges.enumerated() where i * 2 < area.height {
        g.render(
          into: &b, in: Rect(x: area.x, y: area.y + i * 2, width: min(area.width, 60), height: 1),
          glyphs: glyphs)
      }
    case "bigdigits":
      var y = area.y
      for (text, align) in [
        ("92.5%", DisplayWidth.Alignment.left), ("12:30", .center), ("-3+4 0178", .right), ("6", .left),
      ] {
        guard y < area.maxY else { break }
        BigDigits(text, alignment: align).render(
          into: &b, in: Rect(x: area.x, y: y, width: area.width, height: 3), glyphs: glyphs)
        y += 4
      }
      if y < area.maxY {
        BigDigits("满意度 98.6%").render(
          into: &b, in: Rect(x: area.x, y: y, width: area.width, height: 3), glyphs: glyphs)
      }
    default:
      break
    }
  }

  static func demoTable(into b: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
    table().render(into: &b, in: rect, glyphs: glyphs)
  }
}
