/// String-table keys of the assessment rules (listed in `MessageKeys.all`).
extension MessageKeys {
  public static let schemeMissingField = "error.scheme.missingField"
  public static let schemeBadValue = "error.scheme.badValue"
  public static let schemeBadThresholds = "error.scheme.badThresholds"
  public static let schemeDuplicateID = "error.scheme.duplicateID"
  public static let schemeDimensionSum = "error.scheme.dimensionSum"
  public static let schemeTotalSum = "error.scheme.totalSum"
  public static let schemeBadLevel = "error.scheme.badLevel"
  public static let schemeExtraMethod = "error.scheme.extraMethod"
  public static let schemeUnknownMethod = "error.scheme.unknownMethod"

  public static let scoreNegative = "error.score.negative"
  public static let scoreOverMax = "error.score.overMax"
  public static let scoreUnknownLevel = "error.score.unknownLevel"
  public static let scoreNotApplicable = "error.score.notApplicable"
  public static let scoreNotALevel = "error.score.notALevel"
  public static let scoreOffStepDeduct = "error.score.offStepDeduct"
  public static let scoreOffStepCount = "error.score.offStepCount"
  public static let scoreDeductionNeedsReason = "error.score.deductionNeedsReason"
  public static let scoreEvidenceMissing = "warn.score.evidenceMissing"
  public static let scoreUnscored = "error.score.unscored"

  public static let workflowRoleRefused = "error.workflow.roleRefused"
  public static let workflowNotAllowed = "error.workflow.notAllowed"
  public static let workflowNoteRequired = "error.workflow.noteRequired"
  public static let workflowOpenObjections = "error.workflow.openObjections"
  public static let workflowNoticeNotOver = "error.workflow.noticeNotOver"

  public static let reviewMarkRange = "error.review.markRange"
  /// {0} the group's weights added up, in percent.
  public static let yearWeightsQuartersReview = "error.year.weightsQuartersReview"
  public static let yearWeightsRaters = "error.year.weightsRaters"
  public static let pointsUnknownItem = "error.points.unknownItem"

  public static let assessmentKeys: [String] = [
    schemeMissingField, schemeBadValue, schemeBadThresholds, schemeDuplicateID, schemeDimensionSum,
    schemeTotalSum, schemeBadLevel, schemeExtraMethod, schemeUnknownMethod,
    scoreNegative, scoreOverMax, scoreUnknownLevel, scoreNotApplicable, scoreNotALevel, scoreOffStepDeduct,
    scoreOffStepCount, scoreDeductionNeedsReason,
    scoreEvidenceMissing, scoreUnscored,
    workflowRoleRefused, workflowNotAllowed, workflowNoteRequired, workflowOpenObjections,
    workflowNoticeNotOver, reviewMarkRange, yearWeightsQuartersReview, yearWeightsRaters, pointsUnknownItem,
  ]
}
