/// A validation problem tied to one field of the value being edited, so the App
/// can show it next to that field. `field` is the Swift property name
/// (`"name"`, `"phone"`, `"birthDate"`, `"unitID"`, `"kind"`...).
public struct FieldIssue: Hashable, Sendable {
  public var field: String
  public var message: Message
  public init(field: String, message: Message) {
    self.field = field
    self.message = message
  }
}

/// Organisation rules (domain.md §2). Warnings describe practice the user should
/// know about but may keep; validation issues block a save.
public enum OrgRules {
  /// Fewest full (正式) members a branch needs.
  public static let minimumFullMembers = 3
  /// From this many members a branch needs a 支委会 and so a secretary.
  public static let committeeThreshold = 7
  /// From this many members practice suggests splitting the branch.
  public static let largeBranch = 50
  public static let maxNameLength = 20
  public static let maxUnitNameLength = 40

  /// Warnings for a unit. `members` are the members the unit holds — for a branch
  /// with 党小组 pass the members of its groups too. Only 党支部 have rules.
  public static func warnings(for unit: OrgUnit, members: [Member]) -> [Message] {
    guard unit.kind == .branch, unit.active else { return [] }
    let active = members.filter(\.active)
    var result: [Message] = []
    let full = active.filter { $0.standing == .full }.count
    if full < minimumFullMembers {
      result.append(Message(MessageKeys.branchTooFewFull, String(full)))
    }
    if active.count >= committeeThreshold && trimmed(unit.secretary).isEmpty {
      result.append(Message(MessageKeys.branchNoSecretary, String(active.count)))
    }
    if active.count >= largeBranch {
      result.append(Message(MessageKeys.branchTooLarge, String(active.count)))
    }
    return result
  }

  /// Problems that block saving `member`, checked against `today`.
  public static func validate(_ member: Member, today: Day) -> [FieldIssue] {
    var issues: [FieldIssue] = []
    let name = trimmed(member.name)
    if name.isEmpty {
      issues.append(FieldIssue(field: "name", message: Message(MessageKeys.memberNameRequired)))
    } else if name.count > maxNameLength {
      issues.append(
        FieldIssue(
          field: "name", message: Message(MessageKeys.memberNameTooLong, String(maxNameLength))))
    } else if hasControlCharacters(member.name) {
      issues.append(FieldIssue(field: "name", message: Message(MessageKeys.memberNameInvalid)))
    }
    if let issue = TextRule.issue(field: "department", text: member.department, allowNewlines: false) {
      issues.append(issue)
    }
    if !member.phone.isEmpty && !isValidPhone(member.phone) {
      issues.append(
        FieldIssue(field: "phone", message: Message(MessageKeys.memberPhoneInvalid, member.phone)))
    }
    if let birth = member.birthDate {
      if birth > today {
        issues.append(
          FieldIssue(field: "birthDate", message: Message(MessageKeys.memberBirthInFuture, birth.iso)))
      } else {
        let age = years(from: birth, to: today)
        if age < 16 || age > 120 {
          issues.append(
            FieldIssue(
              field: "birthDate", message: Message(MessageKeys.memberAgeImplausible, String(age))))
        }
      }
    }
    if let join = member.joinDate {
      if join > today {
        issues.append(
          FieldIssue(field: "joinDate", message: Message(MessageKeys.memberJoinInFuture, join.iso)))
      } else if let birth = member.birthDate, birth <= today, join < birth.adding(years: 18) {
        issues.append(
          FieldIssue(
            field: "joinDate",
            message: Message(MessageKeys.memberJoinBeforeAdult, join.iso, birth.iso)))
      }
    }
    return issues
  }

  /// Problems that block saving `unit` under `parent` (nil: the unit is a root).
  public static func validate(_ unit: OrgUnit, parent: OrgUnit?) -> [FieldIssue] {
    validate(unit, parent: parent, otherCommitteeExists: false)
  }

  /// As above; `otherCommitteeExists` tells whether a different committee root is
  /// already stored (there is only one 党委).
  public static func validate(_ unit: OrgUnit, parent: OrgUnit?, otherCommitteeExists: Bool)
    -> [FieldIssue]
  {
    var issues: [FieldIssue] = []
    let name = trimmed(unit.name)
    if name.isEmpty {
      issues.append(FieldIssue(field: "name", message: Message(MessageKeys.unitNameRequired)))
    } else if name.count > maxUnitNameLength {
      issues.append(
        FieldIssue(
          field: "name", message: Message(MessageKeys.unitNameTooLong, String(maxUnitNameLength))))
    } else if hasControlCharacters(unit.name) {
      issues.append(FieldIssue(field: "name", message: Message(MessageKeys.unitNameInvalid)))
    }
    if let parent {
      if !parent.kind.allowedChildren.contains(unit.kind) {
        issues.append(
          FieldIssue(
            field: "kind",
            message: Message(MessageKeys.unitKindNotAllowed, unit.kind.rawValue, parent.kind.rawValue)))
      }
    } else if unit.kind != .committee {
      issues.append(
        FieldIssue(field: "kind", message: Message(MessageKeys.unitKindNotAllowed, unit.kind.rawValue, "")))
    } else if otherCommitteeExists {
      issues.append(FieldIssue(field: "kind", message: Message(MessageKeys.unitSecondCommittee)))
    }
    return issues
  }

  // MARK: helpers

  /// Whole years from `from` to `to` (age on `to` for someone born on `from`).
  public static func years(from: Day, to: Day) -> Int {
    var age = to.year - from.year
    if (to.month, to.day) < (from.month, from.day) { age -= 1 }
    return age
  }

  static func trimmed(_ s: String) -> Substring {
    var sub = Substring(s)
    while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
    while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
    return sub
  }

  static func hasControlCharacters(_ s: String) -> Bool {
    TextRule.controlCharacter(in: s, allowNewlines: false) != nil
  }

  static func isValidPhone(_ s: String) -> Bool {
    let scalars = s.unicodeScalars
    guard (7...20).contains(scalars.count) else { return false }
    return scalars.allSatisfy { ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == " " }
  }
}

extension Day {
  /// The same month and day `years` later (29 February becomes 1 March in a common year).
  public func adding(years: Int) -> Day {
    let y = year + years
    if month == 2 && day == 29 && !Day.isLeap(y) { return Day(year: y, month: 3, day: 1) }
    return Day(year: y, month: month, day: day)
  }
}
