// English strings for satisfaction.

extension StringTables {
  static let satisfactionEn: [String: String] = [
    "error.satisfaction.instrumentEmpty": "The {0} questionnaire has no items.",
    "error.satisfaction.instrumentDuplicateItem": "Item code “{0}” appears twice in the questionnaire.",
    "error.satisfaction.instrumentBadCode":
      "“{0}” is not a usable item code (it must not be empty or contain commas or quotes).",
    "error.satisfaction.instrumentBadVersion":
      "Questionnaire version {0} is not allowed: it must be 1 or more and newer than the stored version.",
    "error.satisfaction.instrumentTooManyItems": "The questionnaire has {0} items; at most 250 are allowed.",
    "error.satisfaction.targetOutOfRange": "Target {0} is not a percentage between 0 and 100.",
    "error.satisfaction.instrumentSyntax": "Questionnaire file line {0}, column {1}: {2}",
    "error.satisfaction.instrumentScaleChanged":
      "Item “{0}” cannot change its answer scale in a new version; give it a new code.",
    "error.satisfaction.alreadyImported": "{0} was already imported (import no. {1}); nothing was written.",
    "error.satisfaction.unknownColumn":
      "Unknown column “{0}”: not a known field or item code of the current questionnaires.",
    "error.satisfaction.badAnswer": "“{0}” is not a valid answer for item {1}.",
    "error.satisfaction.itemNotAsked": "Item {0} is not on the {1} questionnaire; leave this cell empty.",
    "error.satisfaction.noAnswers": "This answer sheet has no answers.",
    "error.satisfaction.badPeriod":
      "“{0}” is not a period (use 2025-03 for a month or 2025Q1 for a quarter).",
    "error.satisfaction.badPercent": "“{0}” is not a percentage between 0 and 100.",
    "error.satisfaction.duplicateResult":
      "Period {0} appears twice for the same population, department and item.",
    "satisfaction.report.title": "Satisfaction report",
    "satisfaction.report.hospital": "Whole hospital",
    "satisfaction.report.department": "Department",
    "satisfaction.report.item": "Item",
    "satisfaction.report.n": "n",
    "satisfaction.report.rate": "Satisfaction %",
    "satisfaction.report.mean": "Mean (0–100)",
    "satisfaction.report.target": "Target %",
    "satisfaction.report.belowTarget": "below target",
    "satisfaction.report.suppressed":
      "n<{0}: groups with fewer than {0} responses are not shown on their own (nor their size).",
    "satisfaction.report.noData": "No data from {0} to {1}.",
    "satisfaction.report.weakest": "Weakest items",
    "satisfaction.report.ranking": "Departments",
    "satisfaction.report.trend": "Whole hospital by month ({0} to {1})",
    "satisfaction.report.month": "Month",
    "satisfaction.population.staff": "Staff",
    "satisfaction.population.outpatient": "Outpatients",
    "satisfaction.population.inpatient": "Inpatients",
    "tab.satisfaction": "Satisfaction",
    "sat.hint.population": "population",
    "sat.hint.section": "section",
    "sat.hint.kind": "rate/mean",
    "sat.hint.granularity": "month/quarter",
    "sat.hint.department": "department",
    "sat.hint.targets": "targets",
    "sat.key.population": "Switch population: staff, outpatients, inpatients",
    "sat.key.section": "Switch section: trend, departments, item heat, weakest items",
    "sat.key.scroll": "Move in the department ranking or the item heat table",
    "sat.key.openDepartment":
      "Show only the selected department (in the ranking); again for the whole hospital",
    "sat.key.department": "Choose a department",
    "sat.key.wholeHospital": "Back to the whole hospital",
    "sat.key.kind": "Switch between satisfaction rate and the 0–100 mean",
    "sat.key.granularity": "Switch between months and quarters",
    "sat.key.period": "Move the period range earlier / later",
    "sat.key.span": "Shorter / longer period range",
    "sat.key.targets": "Edit the satisfaction targets (admin, officer; audited)",
    "sat.key.reload": "Read the figures again",
    "sat.status.kind": "Showing {0}",
    "sat.status.reloaded": "Reloaded",
    "sat.status.department": "Showing {0} only (Esc: whole hospital)",
    "sat.status.wholeHospital": "Showing the whole hospital",
    "sat.status.granularity": "Periods: {0}",
    "sat.status.targetsSaved": "Targets saved and audited",
    "sat.status.targetsUnchanged": "Targets unchanged",
    "sat.kind.rate": "Rate %",
    "sat.kind.mean": "Mean",
    "sat.granularity.month": "monthly",
    "sat.granularity.quarter": "quarterly",
    "sat.field.reason": "Reason",
    "sat.form.targets": "Satisfaction targets (%)",
    "sat.error.target": "“{0}” is not a number between 0 and 100",
    "sat.empty":
      "No satisfaction figures yet. Import answer sheets with gongzhi import responses FILE.csv, or the national survey platform's results with gongzhi import results FILE.csv.",
    "sat.pick.department": "Department",
    "sat.section.trend": "Trend",
    "sat.section.ranking": "Departments",
    "sat.section.heat": "Item heat",
    "sat.section.weakest": "Weakest items",
    "sat.filter.range": "{0} to {1}",
    "sat.kpi.title": "{0} satisfaction · {1}",
    "sat.noData": "No data",
    "sat.noDataPeriod": "No data for this period",
    "sat.belowTarget": "below target",
    "sat.onTarget": "on target",
    "sat.kpi.target": "Target {0}%",
    "sat.kpi.targetRate": "Rate {0}% (target {1}%)",
    "sat.kpi.rate": "Rate {0}%",
    "sat.kpi.statusTarget": "{0} {1}%",
    "sat.kpi.vsPrevious": "vs last {0}",
    "sat.kpi.vsYearAgo": "vs year ago {0}",
    "sat.suppressed": "too few to show",
    "sat.suppressed.detail": "fewer than {0} responses: not shown on its own",
    "sat.suppressed.short": "n<{0}",
    "sat.suppressed.row": "n<{0} too few",
    "sat.kpi.n": "n = {0}",
    "sat.kpi.nSuppressed": "n < {0}",
    "sat.platform": "(platform figures)",
    "sat.kpi.lastMonths": "last {0} months",
    "sat.kpi.lastQuarters": "last {0} quarters",
    "sat.kpi.range": "low {0} high {1}",
    "sat.trend.target": "target {0}%",
    "sat.trend.low": "low {0} ({1})",
    "sat.trend.high": "high {0} ({1})",
    "sat.trend.below": "below target {0} of {1}",
    "sat.trend.suppressed": "{0} too small",
    "sat.trend.platform": "{0} from the platform",
    "sat.ranking.header": "{0} by department · bars from {1} · line = target {2}%",
    "sat.ranking.headerMean": "{0} by department · bars from {1}",
    "sat.ranking.withoutData": "{0} more departments have no data this period (not ranked)",
    "sat.col.change": "Δ last",
    "sat.col.trend": "last {0}",
    "sat.weakest.suppressed":
      "Too few responses: no item has {0} or more valid answers this period, so none is shown on its own.",
    "sat.weakest.focus": "Corrective action ({0}): {1}, {2}",
    "cli.satisfaction.importedResponses": "Imported {0} answer sheets from {1} (import no. {2}) in {3} s",
    "cli.satisfaction.importedResults": "Imported {0} platform results from {1} (import no. {2}) in {3} s",
    "cli.satisfaction.rebuildUnchanged":
      "Rebuilt the rollups from {0} answer sheets: every figure is unchanged",
    "cli.satisfaction.rebuildChanged": "Rebuilt the rollups from {0} answer sheets: {1} figures changed",
    "cli.satisfaction.rebuildLine": "  {0}",
    "error.cli.month": "\"{0}\" is not a month (write 2025-03)",
    "error.cli.monthRange": "The first month {0} is after the last month {1}",
    "error.cli.satisfaction.noDataInRange":
      "No satisfaction data from {0} to {1} (there is data from {2} to {3}); nothing was exported",
    "error.cli.satisfaction.noData":
      "No satisfaction data from {0} to {1}: the database has none yet (gongzhi import responses FILE.csv); nothing was exported",
    "help.import.responses": "Import satisfaction answer sheets (CSV, one per line; all or nothing)",
    "help.import.results": "Import the national survey platform's aggregated results (CSV)",
    "help.export.satisfaction": "Export a satisfaction report for a month range (CSV or Markdown)",
    "help.satisfaction": "Satisfaction questionnaires and data maintenance",
    "help.import.responses.discussion": """
    The file is CSV (UTF-8, with or without BOM), one answer sheet per line, under a header:

      date,population,department,<item codes…>

      date         the day the sheet was filled in, e.g. 2026-11-03
      population   staff, outpatient or inpatient (also 职工, 门诊患者, 住院患者)
      department   the department's name as the ranking should show it
      item codes   one column per question, e.g. pay,workload,… (the items' Chinese
                   titles work too); one file may mix populations, a line leaving the
                   other populations' columns blank

    Answers: a digit from 1 (worst) to 5 (best) on 5-point items, 1 to 4 on
    从未/有时/经常/总是 items, or the option words themselves (非常不满意 … 非常满意,
    从未 … 总是); NA, N/A or 不适用 for "not applicable" (left out of both scores);
    blank for no answer.

    List the item codes and names of the current questionnaires with
      gongzhi satisfaction items [--population staff]

    Example:
      date,population,department,pay,workload
      2026-11-03,staff,骨科,4,3
      2026-11-03,staff,骨科,非常满意,NA

    Everything or nothing is imported; an error names FILE:LINE:COLUMN.
    """,
    "help.import.results.discussion": """
    The file is CSV (UTF-8, with or without BOM), one figure per line, under a header:

      period,population,department,item,n,rate,mean
      (or 期间,人群,科室,条目,样本量,满意率,均分)

      period       a month (2026-11) or a quarter (2026Q4)
      population   staff, outpatient or inpatient (also 职工, 门诊患者, 住院患者)
      department   blank for the whole hospital (the column may be left out)
      item         an item code (gongzhi satisfaction items lists them); blank, or
                   the column left out, for the whole questionnaire
      n            the number of responses
      rate         满意率 in %, 0–100 (a trailing % is fine)
      mean         the 0–100 mean; optional, may be blank

    Example:
      period,population,department,item,n,rate,mean
      2026-11,staff,,,210,95.2,88.5

    A line for a period, population, department and item already stored replaces it.
    Everything or nothing is imported; an error names FILE:LINE:COLUMN.
    """,
    "help.satisfaction.items":
      "List the item codes and names of the current satisfaction questionnaires (the CSV column headers)",
    "cli.satisfaction.items.heading": "{0} ({1}) · {2}, version {3} · {4} items",
    "cli.satisfaction.items.header": "CSV header: {0}",
    "cli.satisfaction.items.scale": "1–{0} {1}",
    "cli.satisfaction.items.answers":
      "Answers: 1 (worst) to the top of the item's scale, or the option word; NA, N/A or 不适用 for not applicable; blank for no answer.",
    "help.satisfaction.rebuild":
      "Rebuild the satisfaction rollups from the raw answer sheets and report any change",
    "help.opt.fromMonth": "First month, e.g. 2025-01 (default: the first month of the latest quarter)",
    "help.opt.toMonth": "Last month, e.g. 2025-03 (default: the latest month with data)",
    "help.opt.satisfactionFormat": "Export format: csv, md, xlsx or html (a report to print)",
    "help.opt.satisfactionRows":
      "Answer sheets the satisfaction and backends figures import beside sqlite3 and psql (default 100000 × --scale)",
    "sat.col.item": "Item",
    "sat.weakest.department":
      "Lowest department this period: {0} ({1}); w selects it, Enter shows its items",
    "sat.key.weakestDepartment": "Select the lowest department this period (of those shown) in the ranking",
  ]
}
