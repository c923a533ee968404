import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// Every store read and write a key asks for is an effect: `update` changes only the
/// screen's state and returns `.run`, the shell runs it, and its answer (or failure)
/// comes back as a message. These tests play the shell's part by hand, so they can look
/// at the state between the key and the answer.
@MainActor
struct KeyEffectTests {
  static let area = Rect(x: 0, y: 1, width: 100, height: 28)

  /// Runs `effects` as the shell does, store effects first-come first-served with
  /// their answers fed back; returns what is left for the shell (posts, confirmations).
  @discardableResult
  func drain(_ screen: AppScreen, _ effects: [Effect]) -> [Effect] {
    var queue = effects[...]
    var left: [Effect] = []
    while let effect = queue.popFirst() {
      guard case .run(let task) = effect else {
        left.append(effect)
        continue
      }
      let reply: ScreenMsg
      do { reply = try task() } catch { reply = .failed(error) }
      queue.append(contentsOf: screen.update(reply))
    }
    return left
  }

  func stores(_ effects: [Effect]) -> Int {
    effects.filter { if case .run = $0 { return true } else { return false } }.count
  }

  func posts(_ effects: [Effect]) -> [(String, StyleRole)] {
    effects.compactMap { if case .post(let text, let role) = $0 { return (text, role) } else { return nil } }
  }

  /// Shown and laid out, with its first read done.
  func opened<S: AppScreen>(_ type: S.Type, _ fixture: DemoFixture, role: Role = .admin) -> S {
    let screen = S(context: fixture.shell(role: role).context)
    drain(screen, screen.update(.layout(Self.area)))
    return screen
  }

  @Test func disclosureFilterKeysReadThroughEffects() throws {
    let fixture = try DemoFixture()
    let screen = opened(DisclosureScreen.self, fixture)
    let all = screen.entries.count
    #expect(all > 0)
    let effects = screen.update(.key(.char("o")))
    #expect(stores(effects) == 1)
    #expect(screen.overdueOnly && screen.entries.count == all, "the list changes only with the answer")
    drain(screen, effects)
    #expect(screen.entries.count < all && screen.entries.allSatisfy { $0.status.isOverdue })
  }

  /// The publication form is on the shell's modal stack; Ctrl-S sends it to the
  /// screen, whose write is an effect: the form closes with the write's answer.
  @Test func disclosurePublicationIsSavedByItsAnswer() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    let driver = Driver(shell)
    driver.showTab("disclosures")
    let screen = try #require(shell.current as? DisclosureScreen)
    let item = try #require(screen.selected)
    let before = try fixture.store.disclosures.publications(itemID: item.id).count
    // Through the shell: typing and Ctrl-S save and close the form.
    driver.press(.char("p"))
    driver.type("已在院务公开栏张贴")
    driver.press(.ctrl("s"))
    #expect(shell.modals.isEmpty)
    #expect(try fixture.store.disclosures.publications(itemID: item.id).count == before + 1)
    // By hand, what Ctrl-S sends: the screen answers with the write, nothing written yet.
    driver.press(.char("p"))
    guard case .form(let form, let submit, _)? = shell.modals.last?.screen else {
      Issue.record("p opens the publication form on the modal stack")
      return
    }
    var typed = form
    for c in "第二次公开" { _ = typed.handle(.char(c)) }
    let save = screen.update(submit(typed))
    #expect(stores(save) == 1)
    #expect(try fixture.store.disclosures.publications(itemID: item.id).count == before + 1)
    let left = drain(screen, save)
    #expect(left.contains { if case .dismiss = $0 { return true } else { return false } })
    #expect(posts(left).map(\.1) == [.ok])
    #expect(try fixture.store.disclosures.publications(itemID: item.id).count == before + 2)
  }

  /// The targets form sits on the shell's one modal stack: the discard question stacks
  /// over it, Ctrl-S sends the form to the screen, and the save's answer closes it.
  @Test func satisfactionTargetsFormIsOnTheSharedStack() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell()
    let driver = Driver(shell)
    driver.showTab("satisfaction")
    driver.press(.char("t"))
    #expect(shell.modals.count == 1 && shell.modals.last?.screen != nil)
    // The first field (staff): clear it and type a new target.
    for _ in 0..<8 { driver.press(.backspace) }
    driver.type("91")
    driver.press(.escape)
    #expect(shell.modals.count == 2, "typed input: Esc asks first, over the form")
    driver.press(.escape)
    #expect(shell.modals.count == 1, "keep editing: the form is as it was")
    #expect(try fixture.store.satisfaction.targets()[.staff] != 91)
    driver.press(.ctrl("s"))
    #expect(shell.modals.isEmpty)
    #expect(try fixture.store.satisfaction.targets()[.staff] == 91)
    // The department list: Enter on a department filters the dashboard by it.
    driver.press(.char("d"))
    #expect(shell.modals.count == 1)
    driver.press(.down, .enter)
    #expect(shell.modals.isEmpty)
    let screen = try #require(shell.current as? SatisfactionScreen)
    #expect(screen.filter.department != nil)
  }

  @Test func orgWriteThatFailsComesBackAsAMessage() throws {
    let fixture = try DemoFixture()
    let screen = opened(OrgScreen.self, fixture)
    screen.showInactive = false
    let toggle = screen.update(.key(.char("i")))
    #expect(stores(toggle) == 1)
    drain(screen, toggle)
    // `u` with nothing to undo needs no store; a closed store makes the reload fail.
    #expect(stores(screen.update(.key(.char("u")))) == 0)
    try fixture.store.close()
    let reload = screen.update(.key(.char("r")))
    #expect(stores(reload) == 1)
    drain(screen, reload)
    #expect(screen.loadError != nil, "a failed read is shown, not swallowed")
  }

  @Test func proposalsSortAndDetailReadAsEffects() throws {
    let fixture = try DemoFixture()
    let screen = opened(ProposalsScreen.self, fixture)
    let first = screen.window.first?.id
    let sort = screen.update(.key(.char("S")))
    #expect(stores(sort) == 1 && screen.window.first?.id == first)
    drain(screen, sort)
    #expect(screen.window.first?.id != first, "the descending order arrives with the answer")
    let open = screen.update(.key(.enter))
    #expect(stores(open) == 1 && screen.view == .list)
    drain(screen, open)
    #expect(screen.view == .detail && screen.detail?.proposal.id == screen.window.first?.id)
  }

  @Test func assessmentPeriodAndRankingReadAsEffects() throws {
    let fixture = try DemoFixture()
    let screen = opened(AssessScreen.self, fixture)
    let period = try #require(screen.period)
    let assessed = screen.items.count
    #expect(assessed > 0)
    // `[` goes one period back: the index moves at once, its assessments come with the answer.
    let back = screen.update(.key(.char("[")))
    #expect(stores(back) == 1 && screen.period != period && screen.items.count == assessed)
    drain(screen, back)
    let ranking = screen.update(.key(.char("v")))
    #expect(stores(ranking) == 1 && screen.ranking == nil)
    drain(screen, ranking)
    #expect(screen.ranking != nil)
  }
}
