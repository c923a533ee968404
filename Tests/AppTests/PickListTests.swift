import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// The one filter list every picker and long choice field uses.
@MainActor
@Suite struct PickListTests {
  static let departments = ["心血管内科", "消化内科", "骨科", "护理部", "党委办公室", "ICU 重症医学科", "检验科", "急诊科"]

  func shown(_ p: PickList) -> [String] { p.visible.map { p.items[$0] } }

  @Test func typingFiltersBySubstringOrPinyinInitials() {
    var p = PickList(items: Self.departments)
    #expect(shown(p) == Self.departments)
    for c in "内科" { #expect(p.handle(.char(c)) == .handled) }
    #expect(shown(p) == ["心血管内科", "消化内科"])
    p = PickList(items: Self.departments)
    // j, k, h and l are text in a picker, not movement: `jzk` is 急诊科, `hlb` 护理部.
    for c in "jzk" { _ = p.handle(.char(c)) }
    #expect(shown(p) == ["急诊科"])
    #expect(p.handle(.enter) == .chosen(Self.departments.firstIndex(of: "急诊科")!))
    p = PickList(items: Self.departments)
    for c in "hlb" { _ = p.handle(.char(c)) }
    #expect(shown(p) == ["护理部"])
    p = PickList(items: Self.departments)
    for c in "icu" { _ = p.handle(.char(c)) }
    #expect(shown(p) == ["ICU 重症医学科"])
  }

  @Test func backspaceWidensAndEscClearsThenCloses() {
    var p = PickList(items: Self.departments)
    for c in "xhnk" { _ = p.handle(.char(c)) }
    #expect(shown(p) == ["消化内科"])
    _ = p.handle(.backspace)
    _ = p.handle(.backspace)
    #expect(p.query == "xh")
    #expect(shown(p).contains("消化内科"))
    _ = p.handle(.char("q"))
    #expect(shown(p).isEmpty)
    #expect(p.handle(.enter) == .handled, "Enter on an empty list picks nothing")
    #expect(p.handle(.escape) == .handled)
    #expect(p.query.isEmpty && shown(p) == Self.departments)
    #expect(p.handle(.escape) == .cancel)
  }

  @Test func arrowsMoveAndTheSelectionSurvivesFiltering() {
    var p = PickList(items: Self.departments, selected: 1)
    #expect(p.selectedItem == 1)
    _ = p.handle(.down)
    #expect(p.selectedItem == 2)
    _ = p.handle(.char("科"))
    #expect(p.selectedItem == 2, "骨科 still matches and stays selected")
  }

  /// A long choice field in a form opens the list on typing; a short one still steps.
  @Test func longChoiceFieldsInFormsArePickedByTyping() {
    var form = Form(
      title: "交办",
      fields: [
        .choice("lead", "主办部门", Self.departments, 0), .choice("grade", "答复类别", ["A", "B", "C", "D"], 0),
      ], footer: "")
    #expect(form.handle(.char("g")) == .handled)
    #expect(form.picking != nil)
    var buffer = ScreenBuffer(size: Size(width: 60, height: 20))
    form.render(into: &buffer, in: buffer.bounds, glyphs: .unicode, strings: Strings(.zhHans))
    #expect(buffer.text.contains("骨科") && !buffer.text.contains("护理部"), "\(buffer.text)")
    _ = form.handle(.char("k"))
    _ = form.handle(.enter)
    #expect(form.picking == nil && form.value("lead") == "骨科")
    // Esc in the list clears, then closes it; the form stays open with its value.
    _ = form.handle(.char("/"))
    _ = form.handle(.char("x"))
    #expect(form.handle(.escape) == .handled && form.picking != nil)
    #expect(form.handle(.escape) == .handled && form.picking == nil)
    #expect(form.value("lead") == "骨科")
    _ = form.handle(.tab)
    #expect(form.handle(.char("l")) == .handled && form.picking == nil)
    #expect(form.value("grade") == "B")
  }

  /// `d` on the satisfaction dashboard: type to narrow the departments, Enter picks.
  @Test func satisfactionDepartmentPickerFilters() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(size: Size(width: 100, height: 30))
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: Size(width: 100, height: 30))
    let departments = try fixture.store.satisfaction.departments(.staff)
    let target = try #require(departments.last)
    let screen = try #require(shell.screens.first { $0 is SatisfactionScreen } as? SatisfactionScreen)
    driver.press(.char("d"))
    #expect(driver.screen.contains("选择科室"))
    let initials = NameOrder.initials(target)
    driver.type(initials)
    guard case .pick(let picker, _, _, _, _)? = shell.modals.last?.screen else {
      Issue.record("the picker closed")
      return
    }
    #expect(picker.query == initials)
    #expect(shown(picker).contains(target))
    #expect(shown(picker).count < departments.count + 1, "typing narrowed the list: \(shown(picker))")
    #expect(shown(picker).allSatisfy { NameOrder.matches($0, query: initials) })
    let row = try #require(shown(picker).firstIndex(of: target))
    driver.press(.home)
    for _ in 0..<row { driver.press(.down) }
    driver.press(.enter)
    #expect(!driver.screen.contains("选择科室"))
    #expect(screen.filter.department == target)
  }
}
