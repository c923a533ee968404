import Domain

extension StringTables {
  /// Arguments of these messages that are code names (a state, an action, a role): the
  /// prefix, by argument index, under which the string tables hold their words.
  static let namedArguments: [String: [Int: String]] = [
    "error.workflow.notAllowed": [0: "action.", 1: "state."],
    "error.workflow.roleRefused": [0: "role."],
    "error.assessment.reasonRequired": [0: "state."],
    "error.assessment.selfClosed": [0: "state."],
    "error.objection.notInNotice": [0: "state."],
    "error.import.assessmentClosed": [1: "state."],
    "error.assessment.periodType": [1: "periodType."],
    "error.proposal.notDraft": [0: "proposal.state."],
    "error.proposal.actionNotAllowed": [0: "proposal.action.", 1: "proposal.state."],
    "error.proposal.notPermitted": [0: "role."],
    "error.proposal.mergeTargetNotFiled": [1: "proposal.state."],
  ]
}

extension Strings {
  /// Why `text` names no assessment period: it is not written as one (`2026Q9`), or
  /// none such is stored; the list of periods there are is given only when there are
  /// some, never as an empty "可用：".
  public func noPeriod(_ text: String, available: [Period]) -> String {
    let shown = Echo.excerpt(text)
    guard Period(text) != nil else { return self("error.cli.badPeriod", shown) }
    guard !available.isEmpty else { return self("error.cli.noPeriods", shown) }
    return self("error.cli.period", shown, available.map(\.text).joined(separator: ", "))
  }
}
