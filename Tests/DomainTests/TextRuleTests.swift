import Domain
import Testing

// Issue 13 item 7: one rule refuses control characters at every entry point.
@Suite struct TextRuleTests {
  @Test func findsTheFirstControlCharacterByPosition() {
    #expect(TextRule.controlCharacter(in: "王伟", allowNewlines: false) == nil)
    #expect(TextRule.controlCharacter(in: "王\u{1B}]0;x\u{07}伟", allowNewlines: false) == 2)
    #expect(TextRule.controlCharacter(in: "ab\u{07}", allowNewlines: true) == 3)
    // C1 controls: CSI and NEL (which `Character.isNewline` would have let through).
    #expect(TextRule.controlCharacter(in: "红\u{9B}31m", allowNewlines: false) == 2)
    #expect(TextRule.controlCharacter(in: "一\u{85}二", allowNewlines: true) == 2)
    #expect(TextRule.controlCharacter(in: "x\u{7F}", allowNewlines: true) == 2)
  }

  @Test func tabAndLineBreaksOnlyInMultiLineFields() {
    for text in ["一\n二", "一\r\n二", "一\t二", "一\r二"] {
      #expect(TextRule.controlCharacter(in: text, allowNewlines: true) == nil, "\(text.debugDescription)")
      #expect(TextRule.controlCharacter(in: text, allowNewlines: false) == 2, "\(text.debugDescription)")
    }
    // Accented Latin (C3 xx bytes) and non-control C2 characters (¢, NBSP) pass.
    #expect(TextRule.controlCharacter(in: "café ¢\u{A0}", allowNewlines: false) == nil)
  }

  @Test func validatorsUseTheRule() {
    let p = Proposal(
      sessionID: 1, title: "食堂\u{1B}[2J", reasons: "一\n二", measures: "三\u{07}", category: "后勤保障",
      proposer: "王伟")
    let fields = ProposalRules.validateDraft(p).filter { $0.message.key == TextRule.controlCharacterKey }
    #expect(fields.map(\.field) == ["title", "measures"])
    var member = Member(unitID: 1, name: "王伟")
    member.department = "心内科\t"
    #expect(
      OrgRules.validate(member, today: Day(year: 2026, month: 1, day: 1)).map(\.field) == ["department"])
  }
}
