import Foundation

/// The assessment tables (党支部考评): scheme versions, assessments with their
/// denormalised totals, indicator entries, workflow history, objections, 双述双评
/// marks and member points events.
enum AssessmentSchema {
  /// The audited assessment tables (registered with `AuditedTables`).
  static let audited: [(entity: String, key: String, columns: [String])] = [
    ("assessment_scheme", "id", ["scheme_key", "version", "name", "toml", "created_at"]),
    (
      "assessment", "id",
      ["unit_id", "period", "scheme_id", "state", "notice_start", "total", "vetoed", "grade"]
    ),
    (
      "assessment_entry", "id",
      ["assessment_id", "indicator_id", "self_input", "committee_input", "note", "evidence"]
    ),
    (
      "assessment_objection", "id",
      ["assessment_id", "raised_by", "raised_on", "content", "resolution", "resolved_on", "resolved_by"]
    ),
    ("review_mark", "id", ["unit_id", "year", "rater", "aspect", "mark"]),
    ("points_event", "id", ["member_id", "year", "day", "item_id", "count", "note"]),
  ]
}
