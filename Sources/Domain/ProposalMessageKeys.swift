/// String-table keys produced by the proposal rules (listed in `MessageKeys.all`).
extension MessageKeys {
  public static let proposalTitleRequired = "error.proposal.titleRequired"
  public static let proposalTitleTooLong = "error.proposal.titleTooLong"
  public static let proposalTextTooLong = "error.proposal.textTooLong"
  public static let proposalBadCategory = "error.proposal.badCategory"
  public static let proposalProposerRequired = "error.proposal.proposerRequired"
  public static let proposalBadCoSigner = "error.proposal.badCoSigner"
  public static let proposalReasonsRequired = "error.proposal.reasonsRequired"
  public static let proposalMeasuresRequired = "error.proposal.measuresRequired"
  public static let proposalTooFewCoSigners = "error.proposal.tooFewCoSigners"
  public static let proposalNotPermitted = "error.proposal.notPermitted"
  public static let proposalActionNotAllowed = "error.proposal.actionNotAllowed"
  public static let proposalNoDate = "error.proposal.noDate"
  public static let proposalReturnWindowClosed = "error.proposal.returnWindowClosed"
  public static let proposalAlreadyExtended = "error.proposal.alreadyExtended"
  public static let proposalExtensionAfterDue = "error.proposal.extensionAfterDue"
  public static let proposalEvaluationWindowClosed = "error.proposal.evaluationWindowClosed"
  public static let proposalAwaitingEvaluation = "error.proposal.awaitingEvaluation"
  public static let proposalLeadDepartmentRequired = "error.proposal.leadDepartmentRequired"
  public static let proposalBadCoDepartments = "error.proposal.badCoDepartments"
  public static let proposalNoSession = "error.proposal.noSession"
  public static let proposalReasonRequired = "error.proposal.reasonRequired"
  public static let proposalMergeTargetRequired = "error.proposal.mergeTargetRequired"
  public static let proposalMergeIntoSelf = "error.proposal.mergeIntoSelf"
  public static let proposalReplyTextRequired = "error.proposal.replyTextRequired"
  public static let proposalBadReplyDate = "error.proposal.badReplyDate"

  public static let proposalKeys: [String] = [
    proposalTitleRequired, proposalTitleTooLong, proposalTextTooLong, proposalBadCategory,
    proposalProposerRequired, proposalBadCoSigner, proposalReasonsRequired, proposalMeasuresRequired,
    proposalTooFewCoSigners, proposalNotPermitted, proposalActionNotAllowed, proposalNoDate,
    proposalReturnWindowClosed, proposalAlreadyExtended, proposalExtensionAfterDue,
    proposalEvaluationWindowClosed, proposalAwaitingEvaluation,
    proposalLeadDepartmentRequired, proposalBadCoDepartments, proposalNoSession, proposalReasonRequired,
    proposalMergeTargetRequired, proposalMergeIntoSelf, proposalReplyTextRequired, proposalBadReplyDate,
  ]
}
