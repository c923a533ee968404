import Domain
import Testing

let today = Day(year: 2025, month: 6, day: 1)

func members(_ full: Int, probationary: Int = 0, inactive: Int = 0) -> [Member] {
  (0..<full).map { Member(unitID: 1, name: "甲\($0)") }
    + (0..<probationary).map { Member(unitID: 1, name: "乙\($0)", standing: .probationary) }
    + (0..<inactive).map { Member(unitID: 1, name: "丙\($0)", active: false) }
}

@Test func branchWithTooFewFullMembersWarns() {
  let branch = OrgUnit(parentID: 1, kind: .branch, name: "检验科党支部", secretary: "王伟")
  #expect(
    OrgRules.warnings(for: branch, members: members(2, probationary: 3, inactive: 4))
      == [Message("warn.branch.tooFewFull", "2")])
  #expect(OrgRules.warnings(for: branch, members: members(3)) == [])
}

@Test func largeBranchNeedsSecretaryAndSplitting() {
  var branch = OrgUnit(parentID: 1, kind: .branch, name: "骨科党支部")
  #expect(OrgRules.warnings(for: branch, members: members(6)) == [])
  #expect(OrgRules.warnings(for: branch, members: members(7)) == [Message("warn.branch.noSecretary", "7")])
  branch.secretary = "  "
  #expect(OrgRules.warnings(for: branch, members: members(7)).map(\.key) == ["warn.branch.noSecretary"])
  branch.secretary = "李娜"
  #expect(OrgRules.warnings(for: branch, members: members(49)) == [])
  #expect(OrgRules.warnings(for: branch, members: members(50)) == [Message("warn.branch.tooLarge", "50")])
}

@Test func onlyBranchesHaveRules() {
  let general = OrgUnit(parentID: 1, kind: .generalBranch, name: "内科党总支")
  #expect(OrgRules.warnings(for: general, members: []) == [])
  let group = OrgUnit(parentID: 1, kind: .group, name: "第一党小组")
  #expect(OrgRules.warnings(for: group, members: []) == [])
}

func issueKeys(_ m: Member) -> [String: String] {
  Dictionary(
    OrgRules.validate(m, today: today).map { ($0.field, $0.message.key) }, uniquingKeysWith: { a, _ in a })
}

@Test func validMemberHasNoIssues() {
  let m = Member(
    unitID: 1, name: "欧阳晓明", birthDate: Day(iso: "1980-03-01"), joinDate: Day(iso: "1998-03-01"),
    phone: "+86 138-0000-0000")
  #expect(OrgRules.validate(m, today: today) == [])
  // A probationary member who joined recently is fine.
  var p = m
  p.standing = .probationary
  p.joinDate = Day(iso: "2025-05-01")
  #expect(OrgRules.validate(p, today: today) == [])
}

@Test func memberNameRules() {
  #expect(issueKeys(Member(unitID: 1, name: "  ")) == ["name": "error.member.nameRequired"])
  #expect(
    issueKeys(Member(unitID: 1, name: String(repeating: "王", count: 21))) == [
      "name": "error.member.nameTooLong"
    ])
  #expect(issueKeys(Member(unitID: 1, name: String(repeating: "王", count: 20))) == [:])
  #expect(issueKeys(Member(unitID: 1, name: "王\u{7}伟")) == ["name": "error.member.nameInvalid"])
  #expect(issueKeys(Member(unitID: 1, name: "王\n伟")) == ["name": "error.member.nameInvalid"])
}

@Test(arguments: ["12345", "1380000000x", "123456789012345678901", "１３８００００００００"])
func badPhones(_ phone: String) {
  #expect(issueKeys(Member(unitID: 1, name: "王伟", phone: phone)) == ["phone": "error.member.phoneInvalid"])
}

@Test(arguments: ["", "1234567", "0739-5353000", "+86 13800000000"])
func goodPhones(_ phone: String) {
  #expect(issueKeys(Member(unitID: 1, name: "王伟", phone: phone)) == [:])
}

@Test func memberDateRules() {
  func with(birth: String?, join: String?) -> [String: String] {
    issueKeys(
      Member(
        unitID: 1, name: "王伟", birthDate: birth.flatMap { Day(iso: $0) },
        joinDate: join.flatMap { Day(iso: $0) }))
  }
  #expect(with(birth: "2025-06-02", join: nil) == ["birthDate": "error.member.birthInFuture"])
  #expect(with(birth: "2010-01-01", join: nil) == ["birthDate": "error.member.ageImplausible"])
  #expect(with(birth: "1900-01-01", join: nil) == ["birthDate": "error.member.ageImplausible"])
  #expect(with(birth: "2009-06-01", join: nil) == [:])
  #expect(with(birth: "1990-05-10", join: "2008-05-09") == ["joinDate": "error.member.joinBeforeAdult"])
  #expect(with(birth: "1990-05-10", join: "2008-05-10") == [:])
  #expect(with(birth: "1990-05-10", join: "2025-06-02") == ["joinDate": "error.member.joinInFuture"])
  #expect(with(birth: nil, join: "2020-01-01") == [:])
}

@Test func unitRules() {
  let committee = OrgUnit(id: 1, parentID: nil, kind: .committee, name: "医院党委")
  let general = OrgUnit(id: 2, parentID: 1, kind: .generalBranch, name: "内科党总支")
  let branch = OrgUnit(id: 3, parentID: 2, kind: .branch, name: "心内科党支部")
  #expect(OrgRules.validate(committee, parent: nil) == [])
  #expect(OrgRules.validate(general, parent: committee) == [])
  #expect(OrgRules.validate(branch, parent: general) == [])
  #expect(OrgRules.validate(OrgUnit(parentID: 1, kind: .branch, name: "直属党支部"), parent: committee) == [])
  #expect(
    OrgRules.validate(OrgUnit(parentID: 3, kind: .generalBranch, name: "x"), parent: branch).map(
      \.message.key)
      == ["error.unit.kindNotAllowed"])
  #expect(
    OrgRules.validate(OrgUnit(parentID: nil, kind: .branch, name: "x"), parent: nil).map(\.message.key)
      == ["error.unit.kindNotAllowed"])
  #expect(
    OrgRules.validate(OrgUnit(parentID: 1, kind: .branch, name: " "), parent: committee).map(\.message.key)
      == ["error.unit.nameRequired"])
  #expect(
    OrgRules.validate(committee, parent: nil, otherCommitteeExists: true).map(\.message.key)
      == ["error.unit.secondCommittee"])
}

@Test func messageKeysAreListedOnce() {
  #expect(Set(MessageKeys.all).count == MessageKeys.all.count)
  for key in [
    "warn.branch.tooFewFull", "warn.branch.noSecretary", "warn.branch.tooLarge", "error.member.nameRequired",
    "error.member.nameTooLong", "error.member.phoneInvalid", "error.member.birthInFuture",
    "error.member.joinBeforeAdult", "error.member.joinInFuture", "error.member.ageImplausible",
    "error.unit.nameRequired", "error.unit.kindNotAllowed",
  ] {
    #expect(MessageKeys.all.contains(key))
  }
}
