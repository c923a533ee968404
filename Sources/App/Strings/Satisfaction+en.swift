// English strings for satisfaction.

extension StringTables {
  static let satisfactionEn: [String: String] = [
    "error.satisfaction.instrumentEmpty": "The {1} questionnaire has no items.",
    "error.satisfaction.instrumentDuplicateItem": "Item code “{1}” appears twice in the questionnaire.",
    "error.satisfaction.instrumentBadCode":
      "“{1}” is not a usable item code (it must not be empty or contain commas or quotes).",
    "error.satisfaction.instrumentBadVersion":
      "Questionnaire version {1} is not allowed: it must be 1 or more and newer than the stored version.",
    "error.satisfaction.instrumentTooManyItems": "The questionnaire has {1} items; at most 250 are allowed.",
    "error.satisfaction.targetOutOfRange": "Target {1} is not a percentage between 0 and 100.",
    "error.satisfaction.instrumentSyntax": "Questionnaire file line {1}, column {2}: {3}",
    "error.satisfaction.instrumentScaleChanged":
      "Item “{1}” cannot change its answer scale in a new version; give it a new code.",
    "error.satisfaction.alreadyImported": "{1} was already imported (import no. {2}); nothing was written.",
    "error.satisfaction.unknownColumn":
      "Unknown column “{1}”: not a known field or item code of the current questionnaires.",
    "error.satisfaction.badAnswer": "“{1}” is not a valid answer for item {2}.",
    "error.satisfaction.itemNotAsked": "Item {1} is not on the {2} questionnaire; leave this cell empty.",
    "error.satisfaction.noAnswers": "This answer sheet has no answers.",
    "error.satisfaction.badPeriod":
      "“{1}” is not a period (use 2025-03 for a month or 2025Q1 for a quarter).",
    "error.satisfaction.badPercent": "“{1}” is not a percentage between 0 and 100.",
    "error.satisfaction.duplicateResult":
      "Period {1} appears twice for the same population, department and item.",
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
      "n<k: groups with fewer responses than the threshold are not shown on their own.",
    "satisfaction.report.weakest": "Weakest items",
    "satisfaction.report.ranking": "Departments",
    "satisfaction.population.staff": "Staff",
    "satisfaction.population.outpatient": "Outpatients",
    "satisfaction.population.inpatient": "Inpatients",
  ]
}
