import Domain

/// String-table keys of the assessment store (listed in `StoreMessageKeys.all`).
extension StoreMessageKeys {
  public static let assessmentKeys: [String] =
    [
      SchemeFileError.locatedKey, "error.scheme.syntax", "error.scheme.notUTF8",
      "error.assessment.unknownIndicator", "error.assessment.reasonRequired", "error.assessment.selfClosed",
      "error.assessment.exists", "error.assessment.unitKind", "error.assessment.periodType",
      "error.objection.contentRequired", "error.objection.notInNotice", "error.objection.resolutionRequired",
      "error.import.assessmentClosed",
    ] + AssessmentExport.markdownLabelKeys
}
