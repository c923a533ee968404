import Domain
import Foundation
import Store
import TUI
import Testing

@testable import App

/// Issue 13 item 2: each refusal names what was refused.
@MainActor
@Suite struct RefusalTests {
  @Test func aClerkPressingTInSatisfactionIsRefusedTheTargets() throws {
    let fixture = try DemoFixture()
    let shell = fixture.shell(role: .clerk, size: Size(width: 120, height: 40))
    try shell.prepareRender(name: "satisfaction", subject: nil, options: [:])
    let driver = Driver(shell, size: Size(width: 120, height: 40))
    driver.press(.char("t"))
    #expect(driver.screen.contains("无权修改满意度目标"))
    #expect(!driver.screen.contains("无权修改组织"))
  }

  @Test func everyPermissionHasItsOwnRefusalInBothLanguages() throws {
    let fixture = try DemoFixture()
    for language in [Language.zhHans, .en] {
      var seen = Set<String>()
      for permission in Permission.allCases {
        let context = AppContext(
          store: fixture.store, actor: Actor(name: "看", role: .viewer), strings: Strings(language),
          today: DemoFixture.today)
        let text = try #require(context.refusal(for: permission))
        #expect(!text.hasPrefix("error."), "no text for \(permission)")
        #expect(seen.insert(text).inserted, "\(permission) shares its refusal with another permission")
      }
    }
  }

  @Test func settingsBySomeoneNotAnAdminAreRefusedAsSettings() throws {
    let fixture = try DemoFixture()
    for role in [Role.officer, .clerk, .viewer] {
      #expect(throws: StoreError.permissionDenied(.manageSettings)) {
        try fixture.store.settings.set(SettingKey.hospitalName, to: "X", by: Actor(name: "u", role: role))
      }
    }
    #expect(
      Strings(.zhHans).describe(StoreError.permissionDenied(.manageSettings)).contains("系统设置"))
  }
}

/// Issue 13 item 1: `demo` never overwrites a database it did not make, and replacing a
/// demo database takes an administrator.
@Suite struct DemoOverwriteTests {
  /// A real database: a few units, a user, holidays — never marked as a demo.
  func realDatabase() throws -> (path: String, store: GongzhiStore) {
    let directory = try TestDirectory.make("real")
    let path = directory.appendingPathComponent("real.sqlite").path
    let store = try GongzhiStore(path: path)
    let admin = Actor(name: "管理员", role: .admin)
    try store.users.add(name: "管理员", role: .admin, by: admin)
    try store.users.add(name: "看板", role: .viewer, by: admin)
    _ = try store.organisation.addUnit(
      OrgUnit(parentID: nil, kind: .committee, name: "医院党委", sortOrder: 0), by: admin)
    return (path, store)
  }

  func fingerprint(_ store: GongzhiStore) throws -> String {
    "\(try store.users.list().map(\.name)) \(try store.audit.verify())"
  }

  @Test func aRealDatabaseIsRefusedWhateverTheFlagsAndUser() throws {
    let (path, store) = try realDatabase()
    let before = try fingerprint(store)
    for replace in [false, true] {
      for user in ["看板", "管理员", "nobody-here", nil] as [String?] {
        #expect(throws: CLIError.self) {
          _ = try Launcher.createDemo(
            path: path, seed: 2, scale: 1, replace: replace, user: user, strings: Strings(.en))
        }
      }
    }
    #expect(try fingerprint(store) == before)
  }

  @Test func replacingADemoDatabaseTakesAnAdministrator() throws {
    let directory = try TestDirectory.make("demo")
    let path = directory.appendingPathComponent("demo.sqlite").path
    _ = try Launcher.createDemo(
      path: path, seed: 1, scale: 1, replace: false, user: "x", strings: Strings(.en))
    do {
      let store = try GongzhiStore(path: path)
      #expect(try DemoHospital.isDemo(store))
      let admin = Actor(name: "管理员", role: .admin)
      try store.users.add(name: "管理员", role: .admin, by: admin)
      try store.users.add(name: "看板", role: .viewer, by: admin)
      try store.close()
    }
    // Without --replace a filled demo database is kept.
    #expect(throws: CLIError.self) {
      _ = try Launcher.createDemo(
        path: path, seed: 2, scale: 1, replace: false, user: "管理员", strings: Strings(.en))
    }
    #expect(throws: StoreError.permissionDenied(.replaceDemo)) {
      _ = try Launcher.createDemo(
        path: path, seed: 2, scale: 1, replace: true, user: "看板", strings: Strings(.en))
    }
    #expect(throws: StoreError.unknownUser("陌生人")) {
      _ = try Launcher.createDemo(
        path: path, seed: 2, scale: 1, replace: true, user: "陌生人", strings: Strings(.en))
    }
    do {
      // Closed before the replacement deletes the file: an SQLite connection left open
      // on a deleted file confuses a new file at the same path in the same process.
      let kept = try GongzhiStore(path: path)
      #expect(try kept.users.list().count == 2, "refusals changed nothing")
      try kept.close()
    }
    _ = try Launcher.createDemo(
      path: path, seed: 2, scale: 1, replace: true, user: "管理员", strings: Strings(.en))
    let replaced = try GongzhiStore(path: path)
    #expect(try DemoHospital.isDemo(replaced))
    #expect(try replaced.users.list().isEmpty)
  }

  @Test func aNeverUsedDatabaseMayBeFilled() throws {
    let directory = try TestDirectory.make("blank")
    let path = directory.appendingPathComponent("blank.sqlite").path
    try GongzhiStore(path: path).close()
    _ = try Launcher.createDemo(path: path, seed: 1, scale: 1, replace: false, strings: Strings(.en))
    #expect(try DemoHospital.isDemo(GongzhiStore(path: path)))
  }
}
