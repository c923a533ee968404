// Simplified Chinese strings for satisfaction.

extension StringTables {
  static let satisfactionZhHans: [String: String] = [
    "error.satisfaction.instrumentEmpty": "{0} 问卷没有任何题目。",
    "error.satisfaction.instrumentDuplicateItem": "题目代码“{0}”在问卷中重复出现。",
    "error.satisfaction.instrumentBadCode": "“{0}”不能用作题目代码（不能为空，不能含逗号或引号）。",
    "error.satisfaction.instrumentBadVersion": "问卷版本号 {0} 无效：须不小于 1，且高于已有版本。",
    "error.satisfaction.instrumentTooManyItems": "问卷有 {0} 道题，最多允许 250 道。",
    "error.satisfaction.targetOutOfRange": "目标值 {0} 不是 0–100 之间的百分数。",
    "error.satisfaction.instrumentSyntax": "问卷文件第 {0} 行第 {1} 列：{2}",
    "error.satisfaction.instrumentScaleChanged": "题目“{0}”在新版本中不能更换选项量表，请改用新的题目代码。",
    "error.satisfaction.alreadyImported": "{0} 已导入过（第 {1} 次导入），本次未写入任何数据。",
    "error.satisfaction.unknownColumn": "未知列“{0}”：既不是已知字段，也不是现行问卷的题目代码。",
    "error.satisfaction.badAnswer": "“{0}”不是题目 {1} 的有效答案。",
    "error.satisfaction.itemNotAsked": "题目 {0} 不属于 {1} 问卷，此格应留空。",
    "error.satisfaction.noAnswers": "这份问卷没有任何作答。",
    "error.satisfaction.badPeriod": "“{0}”不是有效期间（月份写作 2025-03，季度写作 2025Q1）。",
    "error.satisfaction.badPercent": "“{0}”不是 0–100 之间的百分数。",
    "error.satisfaction.duplicateResult": "期间 {0} 的同一人群、科室和题目出现了两次。",
    "satisfaction.report.title": "满意度报告",
    "satisfaction.report.hospital": "全院",
    "satisfaction.report.department": "科室",
    "satisfaction.report.item": "题目",
    "satisfaction.report.n": "样本量",
    "satisfaction.report.rate": "满意率(%)",
    "satisfaction.report.mean": "均分(0–100)",
    "satisfaction.report.target": "目标(%)",
    "satisfaction.report.belowTarget": "低于目标",
    "satisfaction.report.suppressed": "n<{0}：样本量少于 {0} 份的分组不单独显示，也不显示其样本量。",
    "satisfaction.report.noData": "{0} 至 {1} 无数据。",
    "satisfaction.report.weakest": "得分最低的题目",
    "satisfaction.report.ranking": "科室排名",
    "satisfaction.report.trend": "全院满意率月度趋势（{0} 至 {1}）",
    "satisfaction.report.month": "月份",
    "satisfaction.population.staff": "职工",
    "satisfaction.population.outpatient": "门诊患者",
    "satisfaction.population.inpatient": "住院患者",
    "tab.satisfaction": "满意度",
    "sat.hint.population": "人群",
    "sat.hint.section": "板块",
    "sat.hint.kind": "满意率/均分",
    "sat.hint.granularity": "月/季",
    "sat.hint.department": "科室",
    "sat.hint.targets": "目标",
    "sat.key.population": "切换人群：职工、门诊患者、住院患者",
    "sat.key.section": "切换板块：趋势、科室排名、条目热力表、最弱条目",
    "sat.key.scroll": "在科室排名或条目热力表中上下移动",
    "sat.key.openDepartment": "只看所选科室（在科室排名中）；再按一次回到全院",
    "sat.key.department": "选择科室",
    "sat.key.wholeHospital": "回到全院",
    "sat.key.kind": "切换满意率 / 0–100 均分",
    "sat.key.granularity": "切换按月 / 按季度",
    "sat.key.period": "统计期向前 / 向后移动",
    "sat.key.span": "缩短 / 延长时间范围",
    "sat.key.targets": "修改满意率目标（管理员、党务干部；记入审计日志）",
    "sat.key.reload": "重新读取数据",
    "sat.status.kind": "显示：{0}",
    "sat.status.reloaded": "已重新读取",
    "sat.status.department": "只看{0}（Esc 回到全院）",
    "sat.status.wholeHospital": "显示全院",
    "sat.status.granularity": "统计周期：{0}",
    "sat.status.targetsSaved": "目标已保存，已记入审计日志",
    "sat.status.targetsUnchanged": "目标未改动",
    "sat.kind.rate": "满意率",
    "sat.kind.mean": "均分",
    "sat.granularity.month": "按月",
    "sat.granularity.quarter": "按季度",
    "sat.field.reason": "修改原因",
    "sat.form.targets": "满意率目标（%）",
    "sat.error.target": "“{0}”不是 0–100 之间的数",
    "sat.empty":
      "还没有满意度数据。请用 gongzhi import responses 文件.csv 导入问卷答卷，或用 gongzhi import results 文件.csv 导入全国满意度调查平台的汇总结果。",
    "sat.pick.department": "选择科室",
    "sat.section.trend": "趋势",
    "sat.section.ranking": "科室排名",
    "sat.section.heat": "条目热力表",
    "sat.section.weakest": "最弱条目",
    "sat.filter.range": "{0} 至 {1}",
    "sat.kpi.title": "{0}满意度 · {1}",
    "sat.noData": "无数据",
    "sat.noDataPeriod": "本期无数据",
    "sat.belowTarget": "低于目标",
    "sat.onTarget": "达标",
    "sat.kpi.target": "目标 {0}%",
    "sat.kpi.targetRate": "满意率 {0}%（目标 {1}%）",
    "sat.kpi.rate": "满意率 {0}%",
    "sat.kpi.statusTarget": "{0}（目标 {1}%）",
    "sat.kpi.vsPrevious": "较上期 {0}",
    "sat.kpi.vsYearAgo": "同比 {0}",
    "sat.suppressed": "样本不足",
    "sat.suppressed.detail": "少于 {0} 份不单独显示",
    "sat.suppressed.short": "n<{0}",
    "sat.suppressed.row": "n<{0} 样本不足",
    "sat.kpi.n": "样本 n={0}",
    "sat.kpi.nSuppressed": "样本 n<{0}",
    "sat.platform": "（平台汇总数据）",
    "sat.kpi.lastMonths": "近{0}月",
    "sat.kpi.lastQuarters": "近{0}季",
    "sat.kpi.range": "最低 {0} 最高 {1}",
    "sat.trend.target": "目标线 {0}%",
    "sat.trend.low": "最低 {0}（{1}）",
    "sat.trend.high": "最高 {0}（{1}）",
    "sat.trend.below": "低于目标 {0}/{1} 期",
    "sat.trend.suppressed": "样本不足 {0} 期",
    "sat.trend.platform": "平台数据 {0} 期",
    "sat.ranking.header": "{0} 各科室 · 条形自 {1} 起 · 竖线为目标 {2}%",
    "sat.ranking.headerMean": "{0} 各科室 · 条形自 {1} 起",
    "sat.ranking.withoutData": "另有 {0} 个科室本期无数据，不参与排名",
    "sat.col.change": "较上期",
    "sat.col.trend": "近{0}期",
    "sat.weakest.suppressed": "样本不足：本期各条目有效回答均少于 {0} 份，不单独显示。",
    "sat.weakest.focus": "整改重点（{0}）：{1}，{2}",
    "cli.satisfaction.importedResponses": "已从 {1} 导入 {0} 份答卷（第 {2} 次导入），用时 {3} 秒",
    "cli.satisfaction.importedResults": "已从 {1} 导入 {0} 条平台汇总结果（第 {2} 次导入），用时 {3} 秒",
    "cli.satisfaction.rebuildUnchanged": "已由 {0} 份答卷重建汇总表：所有数字不变",
    "cli.satisfaction.rebuildChanged": "已由 {0} 份答卷重建汇总表：{1} 个数字有变化",
    "cli.satisfaction.rebuildLine": "  {0}",
    "error.cli.month": "“{0}”不是月份（写作 2025-03）",
    "error.cli.monthRange": "起始月 {0} 晚于截止月 {1}",
    "error.cli.satisfaction.noDataInRange": "{0} 至 {1} 没有满意度数据（现有数据为 {2} 至 {3}），未导出任何内容",
    "error.cli.satisfaction.noData":
      "{0} 至 {1} 没有满意度数据：数据库中还没有任何满意度数据（gongzhi import responses 文件.csv），未导出任何内容",
    "help.import.responses": "导入满意度问卷答卷（CSV，每行一份；全部导入或全不导入）",
    "help.import.results": "导入全国满意度调查平台的汇总结果（CSV）",
    "help.export.satisfaction": "导出一段时间的满意度报告（CSV 或 Markdown）",
    "help.import.responses.discussion": """
    文件为 CSV（UTF-8，可带 BOM），每行一份答卷，第一行为表头：

      date,population,department,<条目代码…>

      date         填写日期，如 2026-11-03（也可写 日期）
      population   调查对象：staff、outpatient、inpatient，或 职工、门诊患者、住院患者（也可写 人群）
      department   科室名称，即排名中显示的名称（也可写 科室）
      条目代码     每个题目一列，如 pay,workload,…（也可用题目的中文名称）；
                   一个文件可含多类人群，每行只填本人群的题目，其余留空

    答案：五级题填 1（最差）到 5（最好），从未/有时/经常/总是 题填 1 到 4，
    也可直接写选项文字（非常不满意 … 非常满意、从未 … 总是）；NA、N/A 或 不适用
    表示不适用（两个得分都不计）；留空表示未答。

    查看当前问卷的条目代码和名称：
      gongzhi satisfaction items [--population staff]

    示例：
      date,population,department,pay,workload
      2026-11-03,staff,骨科,4,3
      2026-11-03,staff,骨科,非常满意,NA

    全部导入或全不导入；出错时给出 文件:行:列。
    """,
    "help.import.results.discussion": """
    文件为 CSV（UTF-8，可带 BOM），每行一个汇总数字，第一行为表头：

      period,population,department,item,n,rate,mean
      （或 期间,人群,科室,条目,样本量,满意率,均分）

      period       月份（2026-11）或季度（2026Q4）
      population   staff、outpatient、inpatient，或 职工、门诊患者、住院患者
      department   科室；留空（或不设此列）表示全院
      item         条目代码（gongzhi satisfaction items 可列出）；留空（或不设此列）表示整份问卷
      n            样本量
      rate         满意率（%），0–100，可带 %
      mean         0–100 均分，可选，可留空

    示例：
      period,population,department,item,n,rate,mean
      2026-11,staff,,,210,95.2,88.5

    已有相同期间、人群、科室和条目的数字将被替换。
    全部导入或全不导入；出错时给出 文件:行:列。
    """,
    "help.satisfaction.items": "列出当前满意度问卷的条目代码和名称（即 CSV 的列名）",
    "cli.satisfaction.items.heading": "{0}（{1}）· {2} 第 {3} 版 · {4} 个条目",
    "cli.satisfaction.items.header": "CSV 表头：{0}",
    "cli.satisfaction.items.scale": "1–{0} {1}",
    "cli.satisfaction.items.answers": "答案：1（最差）到该题量表的最高分，或选项文字；NA、N/A 或 不适用 表示不适用；留空表示未答。",
    "help.satisfaction": "满意度问卷与数据维护",
    "help.satisfaction.rebuild": "由原始答卷重建满意度汇总表，并报告数字是否有变化",
    "help.opt.fromMonth": "起始月，如 2025-01（默认：最近一个季度的首月）",
    "help.opt.toMonth": "截止月，如 2025-03（默认：有数据的最近月份）",
    "help.opt.satisfactionFormat": "导出格式：csv、md、xlsx 或 html（可打印的报告）",
    "help.opt.satisfactionRows": "满意度与 backends 部分导入并与 sqlite3、psql 对比的答卷份数（默认 100000 × --scale）",
    "sat.col.item": "条目",
    "sat.weakest.department": "本期最低科室：{0}（{1}），按 w 选中、Enter 查看其条目",
    "sat.key.weakestDepartment": "在科室排名中选中本期最低的科室（样本足够的）",
  ]
}
