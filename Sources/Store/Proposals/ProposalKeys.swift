import Domain

/// String-table keys the proposal Store code produces or asks the App for
/// (listed in `StoreMessageKeys.all`).
enum ProposalStoreKeys {
  static let all: [String] =
    [
      "error.session.badTerm", "error.session.badYear", "error.session.badDates", "error.session.duplicate",
      "error.department.nameRequired", "error.department.nameTooLong", "error.department.duplicateName",
      "error.proposal.notDraft", "error.proposal.unknownDepartment", "error.proposal.unknownMergeTarget",
      "error.proposal.mergeTargetNotFiled",
      "error.import.badProposalNumber", "error.import.unknownSession", "error.import.duplicateProposal",
      "error.import.duplicateHoliday",
    ] + ProposalExport.labelKeys + ProposalState.allCases.map { "proposal.state.\($0.rawValue)" }
}
