import Domain
import Foundation

/// A deterministic demo hospital modelled on the seed hospital (domain.md §2):
/// 1 committee, 6 总支, 34 支部, 877 members (655 serving, 222 retired) per scale unit.
public enum DemoHospital {
  struct Branch {
    var name: String  // without the 党支部 suffix
    var department: String
    var size: Int
    var groups: Int
  }

  struct General {
    var name: String  // without the 党总支 suffix
    var category: DepartmentCategory
    var retired: Bool
    var branches: [Branch]
  }

  static let structure: [General] = [
    General(
      name: "内科", category: .clinical, retired: false,
      branches: [
        Branch(name: "心血管内科", department: "心血管内科", size: 42, groups: 3),
        Branch(name: "呼吸与危重症医学科", department: "呼吸与危重症医学科", size: 26, groups: 0),
        Branch(name: "消化内科", department: "消化内科", size: 22, groups: 0),
        Branch(name: "神经内科", department: "神经内科", size: 24, groups: 0),
        Branch(name: "肾内科", department: "肾内科", size: 16, groups: 0),
        Branch(name: "内分泌科", department: "内分泌科", size: 15, groups: 0),
        Branch(name: "血液内科", department: "血液内科", size: 14, groups: 0),
        Branch(name: "肿瘤科", department: "肿瘤科", size: 20, groups: 0),
      ]),
    General(
      name: "外科", category: .clinical, retired: false,
      branches: [
        Branch(name: "普外科", department: "普外科", size: 40, groups: 3),
        Branch(name: "骨科", department: "骨科", size: 30, groups: 0),
        Branch(name: "神经外科", department: "神经外科", size: 18, groups: 0),
        Branch(name: "心胸外科", department: "心胸外科", size: 15, groups: 0),
        Branch(name: "泌尿外科", department: "泌尿外科", size: 16, groups: 0),
        Branch(name: "妇产科", department: "妇产科", size: 28, groups: 0),
        Branch(name: "麻醉手术科", department: "麻醉手术科", size: 25, groups: 0),
      ]),
    General(
      name: "门诊医技", category: .medicalTechnical, retired: false,
      branches: [
        Branch(name: "检验科", department: "检验科", size: 24, groups: 0),
        Branch(name: "放射科", department: "放射科", size: 22, groups: 0),
        Branch(name: "超声医学科", department: "超声医学科", size: 14, groups: 0),
        Branch(name: "药学部", department: "药学部", size: 26, groups: 0),
        Branch(name: "病理科", department: "病理科", size: 10, groups: 0),
        Branch(name: "门诊部", department: "门诊部", size: 18, groups: 0),
      ]),
    General(
      name: "机关后勤", category: .administration, retired: false,
      branches: [
        Branch(name: "党政办机关", department: "党委办公室", size: 20, groups: 0),
        Branch(name: "护理部机关", department: "护理部", size: 18, groups: 0),
        Branch(name: "医务部机关", department: "医务部", size: 16, groups: 0),
        Branch(name: "财务后勤", department: "财务科", size: 25, groups: 0),
        Branch(name: "信息中心", department: "信息中心", size: 9, groups: 0),
      ]),
    General(
      name: "离退休", category: .retired, retired: true,
      branches: [
        Branch(name: "离退休第一", department: "离退休办公室", size: 45, groups: 2),
        Branch(name: "离退休第二", department: "离退休办公室", size: 45, groups: 2),
        Branch(name: "离退休第三", department: "离退休办公室", size: 44, groups: 0),
        Branch(name: "离退休第四", department: "离退休办公室", size: 44, groups: 0),
        Branch(name: "离退休第五", department: "离退休办公室", size: 44, groups: 0),
      ]),
    General(
      name: "东院", category: .clinical, retired: false,
      branches: [
        Branch(name: "东院综合", department: "东院综合病区", size: 38, groups: 2),
        Branch(name: "东院内科", department: "东院内科", size: 34, groups: 0),
        Branch(name: "东院外科", department: "东院外科", size: 30, groups: 0),
      ]),
  ]

  static let surnames: [Character] = Array(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
  static let givenChars: [Character] = Array(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏飞晨欣怡佳琪思雨婷雪慧琳颖倩丹玲燕蓉晶峰亮波志国庆海东春梅松涛立新宏鑫瑶璐冰洁晓云鹤振")
  static let numerals = ["", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

  /// The demo's generator (kept under this name for the demo code that uses it).
  typealias SplitMix64 = SeededGenerator

  static func suffix(_ copy: Int) -> String {
    copy < numerals.count ? numerals[copy] : String(copy + 1)
  }

  /// Adds the demo hospital in one transaction, audited as actor "demo". Expects an
  /// organisation without a committee. `scale` K gives K copies of the 总支 and 支部.
  public static func populate(_ store: GongzhiStore, seed: UInt64, scale: Int, today: Day = .today())
    throws
  {
    let actor = Actor(name: "demo", role: .admin)
    var rng = SplitMix64(state: seed)
    try store.db.write { db in
      try markAsDemo(db, seed: seed, scale: scale)
      let committee = try OrgRecords.insertUnit(
        db,
        OrgUnit(parentID: nil, kind: .committee, name: "医院党委", secretary: randomName(&rng), sortOrder: 0),
        actor: actor)
      var order = 0
      for copy in 0..<max(1, scale) {
        for general in structure {
          order += 1
          // Members first, so each unit can name its secretary.
          var branchMembers: [[Member]] = []
          for branch in general.branches {
            var seen = Set<String>()
            var list: [Member] = []
            while list.count < branch.size {
              let m = makeMember(&rng, retired: general.retired, department: branch.department, today: today)
              if seen.insert(m.name + (m.birthDate?.iso ?? "")).inserted { list.append(m) }
            }
            branchMembers.append(list)
          }
          let generalUnit = try OrgRecords.insertUnit(
            db,
            OrgUnit(
              parentID: committee.id, kind: .generalBranch, name: general.name + suffix(copy) + "党总支",
              secretary: branchMembers[0].first(where: { $0.standing == .full })?.name ?? "",
              category: general.category, sortOrder: order),
            actor: actor)
          for (bi, branch) in general.branches.enumerated() {
            let members = branchMembers[bi]
            let secretary = members.first(where: { $0.standing == .full && $0.category != .special })
            let unit = try OrgRecords.insertUnit(
              db,
              OrgUnit(
                parentID: generalUnit.id, kind: .branch, name: branch.name + suffix(copy) + "党支部",
                secretary: secretary?.name ?? members[0].name, category: general.category, sortOrder: bi + 1),
              actor: actor)
            var targets = [unit.id]
            if branch.groups > 0 {
              targets = []
              for g in 0..<branch.groups {
                let group = try OrgRecords.insertUnit(
                  db,
                  OrgUnit(
                    parentID: unit.id, kind: .group, name: "第" + ["一", "二", "三", "四"][g] + "党小组",
                    secretary: members[g + 1].name, category: general.category, sortOrder: g + 1),
                  actor: actor)
                targets.append(group.id)
              }
            }
            for (mi, m) in members.enumerated() {
              var member = m
              member.unitID = targets[mi % targets.count]
              _ = try OrgRecords.insertMember(db, member, actor: actor)
            }
          }
        }
      }
      try DemoAssessments.populate(db, seed: seed, today: today, actor: actor)
    }
    try DemoProposals.populate(store, seed: seed, scale: scale, today: today)
    try DemoSatisfaction.populate(store, seed: seed, scale: scale, today: today)
    try DemoDisclosures.populate(store, seed: seed, today: today)
    try store.settings.set(SettingKey.hospitalName, to: "共治示范医院", by: actor)
  }

  /// The `gongzhi_meta` row that marks a database as made by `gongzhi demo`: only such
  /// a database may be refilled or replaced with demo data.
  static let demoMarkerKey = "demo"

  static func markAsDemo(_ db: SQLDatabase, seed: UInt64, scale: Int) throws {
    try db.execute(
      sql:
        "INSERT INTO gongzhi_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      arguments: [demoMarkerKey, "seed=\(seed) scale=\(scale)"])
  }

  /// Whether `gongzhi demo` made this database.
  public static func isDemo(_ store: GongzhiStore) throws -> Bool {
    try store.db.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM gongzhi_meta WHERE key = ?", arguments: [demoMarkerKey])
        ?? false
    }
  }

  /// Whether nothing was ever written to this database: every change is audited, so an
  /// empty audit log means a file that was created and never used.
  public static func neverUsed(_ store: GongzhiStore) throws -> Bool {
    try store.db.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM audit_log LIMIT 1") == nil }
  }

  static func randomName(_ rng: inout SplitMix64) -> String {
    var name = String(rng.pick(surnames))
    name.append(rng.pick(givenChars))
    if rng.chance(0.7) { name.append(rng.pick(givenChars)) }
    return name
  }

  static func makeMember(_ rng: inout SplitMix64, retired: Bool, department: String, today: Day) -> Member {
    let age = retired ? rng.int(60...92) : rng.int(23...59)
    var birth = Day(year: today.year - age, month: rng.int(1...12), day: rng.int(1...28))
    if birth > today { birth.year -= 1 }
    let probationary = !retired && rng.chance(0.05)
    let join: Day
    if probationary {
      let year = today.year - rng.int(0...1)
      var d = Day(year: year, month: rng.int(1...12), day: rng.int(1...28))
      if d > today { d = Day(year: today.year - 1, month: d.month, day: d.day) }
      join = max(d, birth.adding(years: 19))
    } else {
      let maxJoinAge = max(20, min(age - 2, retired ? 55 : 50))
      let joinAge = rng.int(19...maxJoinAge)
      join = Day(year: birth.year + joinAge, month: rng.int(1...12), day: rng.int(1...28))
    }
    let category: MemberCategory
    let r = rng.int(0...99)
    if retired {
      category = r < 30 ? .special : (r < 35 ? .core : .ordinary)
    } else {
      category = r < 15 ? .core : (r < 20 ? .mobile : (r < 22 ? .special : .ordinary))
    }
    var phone = "13" + String(rng.int(0...9))
    for _ in 0..<8 { phone.append(Character(String(rng.int(0...9)))) }
    return Member(
      unitID: 0, name: randomName(&rng), gender: rng.chance(retired ? 0.5 : 0.6) ? .female : .male,
      birthDate: birth, joinDate: min(join, today), standing: probationary ? .probationary : .full,
      employment: retired ? .retired : .serving, department: department, category: category, phone: phone)
  }
}
