/// Every string-table key the Domain layer produces. The App tests that its
/// string tables hold all of them.
public enum MessageKeys {
  public static let branchTooFewFull = "warn.branch.tooFewFull"
  public static let branchNoSecretary = "warn.branch.noSecretary"
  public static let branchTooLarge = "warn.branch.tooLarge"

  public static let memberNameRequired = "error.member.nameRequired"
  public static let memberNameTooLong = "error.member.nameTooLong"
  public static let memberNameInvalid = "error.member.nameInvalid"
  public static let memberPhoneInvalid = "error.member.phoneInvalid"
  public static let memberBirthInFuture = "error.member.birthInFuture"
  public static let memberAgeImplausible = "error.member.ageImplausible"
  public static let memberJoinBeforeAdult = "error.member.joinBeforeAdult"
  public static let memberJoinInFuture = "error.member.joinInFuture"

  public static let unitNameRequired = "error.unit.nameRequired"
  public static let unitNameTooLong = "error.unit.nameTooLong"
  public static let unitNameInvalid = "error.unit.nameInvalid"
  public static let unitKindNotAllowed = "error.unit.kindNotAllowed"
  public static let unitSecondCommittee = "error.unit.secondCommittee"

  public static let all: [String] = [
    branchTooFewFull, branchNoSecretary, branchTooLarge,
    memberNameRequired, memberNameTooLong, memberNameInvalid, memberPhoneInvalid,
    memberBirthInFuture, memberAgeImplausible, memberJoinBeforeAdult, memberJoinInFuture,
    unitNameRequired, unitNameTooLong, unitNameInvalid, unitKindNotAllowed, unitSecondCommittee,
    TextRule.controlCharacterKey,
  ] + proposalKeys + assessmentKeys + SatisfactionKeys.all + disclosureKeys
}
