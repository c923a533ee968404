import Domain
import Foundation

/// The demo register: 76 items across the three levels modelled on the seed
/// hospital's handbook (domain.md §5), with the eight party-affairs items and the
/// "三重一大" decisions, about 18 months of publications each, a few items overdue
/// and a few due soon. Deterministic for a seed and a day.
public enum DemoDisclosures {
  enum S {
    case event(Int), monthly, quarterly, yearly
    var schedule: DisclosureSchedule {
      switch self {
      case .event(let n): return .perEvent(workingDays: n)
      case .monthly: return .monthly
      case .quarterly: return .quarterly
      case .yearly: return .yearly
      }
    }
  }

  struct Entry {
    var level: DisclosureLevel
    var name: String
    var content: String
    var channels: [String]
    var department: String
    var schedule: S
    var kiosk: Bool
    /// The published text; `{p}` is the period or event day.
    var text: String
  }

  static func e(
    _ level: DisclosureLevel, _ name: String, _ content: String, _ channels: String, _ department: String,
    _ schedule: S, kiosk: Bool = false, _ text: String
  ) -> Entry {
    Entry(
      level: level, name: name, content: content, channels: channels.split(separator: "、").map(String.init),
      department: department, schedule: schedule, kiosk: kiosk, text: text)
  }

  /// Departments the register needs beyond those of the proposals demo.
  static let extraDepartments: [(String, String)] = [
    ("纪委办公室", "6120"), ("党委组织部", "6121"), ("党委宣传部", "6122"), ("医保物价科", "6123"), ("采购中心", "6124"),
  ]

  static let entries: [Entry] = [
    // 社会层面
    e(
      .society, "医院基本情况", "医院简介、床位规模、科室设置、重点专科", "网站、微信公众号、触摸屏", "院长办公室", .yearly, kiosk: true,
      "{p}医院基本情况已更新：编制床位1200张，临床医技科室48个，省级重点专科9个。"),
    e(
      .society, "医院发展规划", "五年发展规划及年度工作计划", "网站、职代会", "院长办公室", .yearly,
      "{p}工作计划经职代会审议通过，重点推进学科建设、智慧医院和新院区建设。"),
    e(
      .society, "医疗服务价格", "医疗服务项目收费标准及调整", "触摸屏、电子屏、网站", "医保物价科", .event(5), kiosk: true,
      "{p}起执行新调整的医疗服务价格，涉及检查、治疗类项目32项，详见触摸屏价格查询。"),
    e(
      .society, "药品价格", "常用药品及国家集采药品价格", "触摸屏、电子屏", "药学部", .monthly, kiosk: true,
      "{p}药品价格目录已更新，新增国家集采中选药品15种，均按中选价格零差率销售。"),
    e(
      .society, "医用耗材价格", "高值医用耗材价格及集采耗材", "触摸屏、网站", "医保物价科", .event(5), kiosk: true,
      "{p}起冠脉支架、人工关节等集采耗材按中选价格执行，可在触摸屏查询。"),
    e(
      .society, "财务收支预决算", "年度部门预算、决算", "网站", "财务部", .yearly,
      "{p}部门预算及上年度决算已按规定公开，收支情况详见医院官网。"),
    e(
      .society, "重大建设项目", "基建项目立项、招标和建设进度", "网站、公告栏", "基建科", .event(20),
      "{p}新院区门急诊综合楼项目完成主体结构验收，进度符合计划。"),
    e(
      .society, "采购与招标结果", "政府采购公告、中标结果", "网站", "采购中心", .event(5),
      "{p}医用设备维保服务采购项目中标结果公示，公示期5个工作日。"),
    e(
      .society, "投诉渠道", "投诉电话、意见箱、接待地点及处理时限", "触摸屏、公告栏、网站、微信公众号", "院长办公室", .quarterly, kiosk: true,
      "{p}投诉接待：门诊一楼服务中心，工作日8:00—17:30；投诉电话0739-5300000，5个工作日内答复。"),
    e(
      .society, "社会监督员意见办理", "社会监督员座谈会意见及整改情况", "社会监督员座谈会、简报", "院长办公室", .quarterly,
      "{p}社会监督员座谈会收集意见12条，已办结10条，2条正在整改。"),
    e(
      .society, "医疗质量安全指标", "核心医疗质量安全指标", "网站", "医务部", .quarterly,
      "{p}医疗质量安全核心指标已公开，住院患者手术并发症发生率持续下降。"),
    e(
      .society, "行风建设", "医务人员廉洁从业九项准则及举报电话", "公告栏、网站、触摸屏", "纪委办公室", .yearly, kiosk: true,
      "{p}重申医疗机构工作人员廉洁从业九项准则，拒收红包回扣，举报电话0739-5312345。"),
    e(
      .society, "公开招聘", "招聘岗位、条件、程序和结果", "网站、微信公众号", "人力资源部", .event(7),
      "{p}公开招聘专业技术人员拟聘用人员名单公示，公示期7个工作日。"),
    e(
      .society, "院务公开目录", "院务公开事项目录及公开途径", "网站、触摸屏", "党委办公室", .yearly, kiosk: true,
      "{p}院务公开目录修订完成，共列社会、患者、职工三个层面公开事项76项。"),
    e(
      .society, "突发公共卫生事件应对", "应急预案、发热门诊和就诊指引", "网站、微信公众号、电子屏", "医务部", .event(1), kiosk: true,
      "{p}流感就诊高峰期间发热门诊延长服务至22:00，请患者佩戴口罩有序就诊。"),
    e(
      .society, "满意度调查结果", "门诊、住院患者满意度及第三方测评", "网站、公告栏、触摸屏", "院长办公室", .quarterly, kiosk: true,
      "{p}门诊患者满意度92.6%，住院患者满意度95.1%，已针对候诊时间长等问题制定整改措施。"),
    e(
      .society, "义诊与健康公益活动", "义诊、健康讲座安排", "微信公众号、电子屏", "党委宣传部", .monthly, kiosk: true,
      "{p}义诊及健康讲座安排：每周三上午门诊大厅慢病义诊，每月第二个周六社区健康讲座。"),
    e(
      .society, "绩效考核结果", "三级公立医院绩效考核结果", "网站", "院长办公室", .yearly,
      "{p}三级公立医院绩效考核结果已公布，医院综合等级保持A级。"),
    e(
      .society, "医保政策", "医保报销政策、异地就医结算", "触摸屏、公告栏", "医保物价科", .event(5), kiosk: true,
      "{p}起异地就医住院费用可直接结算，办理备案请至门诊一楼医保窗口。"),
    e(
      .society, "大型医用设备", "大型医用设备配置及使用情况", "网站", "设备科", .yearly,
      "{p}大型医用设备配置及使用效率情况已公开，CT、MRI检查预约等候时间缩短至2天。"),
    e(
      .society, "信息公开年度报告", "医疗卫生机构信息公开年度报告", "网站", "党委办公室", .yearly,
      "{p}信息公开工作年度报告已发布。"),
    e(
      .society, "科研诚信与伦理", "科研项目立项、伦理审查结果", "网站", "科教科", .yearly,
      "{p}科研立项及伦理审查情况已公开，全年未发生科研诚信问题。"),
    // 患者层面
    e(
      .patients, "就医流程", "门诊、急诊、住院就医流程图", "触摸屏、电子屏、公告栏", "门诊部", .event(5), kiosk: true,
      "{p}门诊就医流程已更新：预约—签到—候诊—就诊—缴费—检查取药，支持诊间扫码缴费。"),
    e(
      .patients, "门诊出诊信息", "专家出诊时间、停诊替诊", "电子屏、触摸屏、微信公众号", "门诊部", .monthly, kiosk: true,
      "{p}专家出诊表已更新，停诊信息提前3天通过微信公众号和电子屏告知。"),
    e(
      .patients, "科室与专家介绍", "科室特色、专家专长", "触摸屏、网站", "医务部", .yearly, kiosk: true,
      "{p}科室与专家介绍已更新，新增专家介绍26位。"),
    e(
      .patients, "住院须知", "入院、探视、陪护和出院须知", "公告栏、触摸屏", "护理部", .yearly, kiosk: true,
      "{p}住院须知已修订：每日探视时间15:00—19:00，每位患者限一名固定陪护。"),
    e(
      .patients, "住院费用清单", "住院费用一日清单制度", "触摸屏", "财务部", .yearly, kiosk: true,
      "{p}住院患者可凭住院号在触摸屏查询每日费用清单，如有疑问请到住院结算处咨询。"),
    e(
      .patients, "检查检验结果时限", "检查检验报告出具时限及查询方式", "触摸屏、公告栏", "医务部", .yearly, kiosk: true,
      "{p}常规检验报告2小时内出具，CT报告24小时内出具，可在自助机或微信公众号查询。"),
    e(
      .patients, "患者权利与义务", "患者的权利和义务", "公告栏、触摸屏", "医务部", .yearly, kiosk: true,
      "{p}患者享有知情同意、隐私保护、投诉等权利，并应遵守医院规章制度、按时缴纳费用。"),
    e(
      .patients, "知情同意制度", "手术、特殊检查和特殊治疗知情同意", "公告栏", "医务部", .yearly,
      "{p}手术及特殊检查治疗均须履行书面知情同意，患者有权了解替代方案和风险。"),
    e(
      .patients, "预约诊疗服务", "预约方式和时段", "微信公众号、触摸屏、电子屏", "门诊部", .event(3), kiosk: true,
      "{p}起全面实行分时段预约，就诊时段精确到30分钟，可通过微信公众号、电话和自助机预约。"),
    e(
      .patients, "护理服务项目及收费", "护理服务项目、收费标准", "触摸屏、公告栏", "护理部", .event(5), kiosk: true,
      "{p}起护理服务收费按新标准执行，特级、一级护理收费标准详见公告栏。"),
    e(
      .patients, "临床用血", "输血及血液制品使用告知", "公告栏", "医务部", .yearly,
      "{p}临床用血告知书及用血费用报销办法已更新。"),
    e(
      .patients, "医疗纠纷处理途径", "医患沟通、人民调解、诉讼途径", "公告栏、触摸屏、网站", "医务部", .yearly, kiosk: true,
      "{p}发生医疗纠纷可通过医患沟通办公室协商，也可申请市医疗纠纷人民调解委员会调解。"),
    e(
      .patients, "便民服务措施", "便民门诊、自助服务、轮椅借用", "触摸屏、电子屏", "门诊部", .quarterly, kiosk: true,
      "{p}便民服务：门诊各楼层设自助机，服务中心免费借用轮椅、提供开水和老花镜。"),
    e(
      .patients, "停车与交通指引", "停车场位置、收费和公交线路", "触摸屏、电子屏、微信公众号", "后勤保障部", .event(3), kiosk: true,
      "{p}起地下停车场开放，就诊患者凭挂号凭证停车2小时内免费。"),
    e(
      .patients, "膳食服务", "营养食堂菜单和价格", "公告栏、微信公众号", "后勤保障部", .monthly,
      "{p}营养食堂菜单已更新，新增糖尿病、低盐低脂治疗膳食。"),
    e(
      .patients, "出院结算与医保报销", "出院结算流程、医保报销比例", "触摸屏、公告栏", "医保物价科", .event(5), kiosk: true,
      "{p}起出院结算实行床旁结算，医保患者只需支付个人自付部分。"),
    e(
      .patients, "病案复印", "病历复印流程、所需材料和收费", "触摸屏、公告栏", "医务部", .yearly, kiosk: true,
      "{p}病案复印请携带身份证件到病案室办理，也可通过微信公众号申请邮寄。"),
    e(
      .patients, "药品不良反应监测", "药品不良反应报告和处理", "公告栏、网站", "药学部", .quarterly,
      "{p}共上报药品不良反应报告46例，均已按规定处理。"),
    e(
      .patients, "新技术新项目", "新技术新项目准入及收费", "网站、公告栏", "医务部", .event(10),
      "{p}经医疗技术临床应用管理委员会审议，准入新技术新项目3项。"),
    e(
      .patients, "院感防控须知", "医院感染防控须知", "公告栏、电子屏", "医务部", .yearly,
      "{p}请在病区内规范佩戴口罩、做好手卫生，探视人员如有发热请勿进入病区。"),
    e(
      .patients, "投诉处理情况", "投诉受理、办结和整改情况", "公告栏、触摸屏、网站", "院长办公室", .monthly, kiosk: true,
      "{p}受理患者投诉18件，已办结17件，办结率94.4%，主要涉及候诊时间和服务态度。"),
    e(
      .patients, "特需医疗服务", "特需服务项目及价格", "触摸屏、网站", "医保物价科", .event(5),
      "{p}特需门诊服务项目及价格已报备公示，患者可自愿选择。"),
    e(
      .patients, "健康教育", "健康科普、慢病管理知识", "微信公众号、电子屏", "党委宣传部", .monthly, kiosk: true,
      "{p}健康科普：冬季心脑血管疾病预防、儿童流感防治，欢迎关注医院微信公众号。"),
    e(
      .patients, "急诊分级就诊", "急诊病情分级和就诊顺序", "电子屏、公告栏、触摸屏", "医务部", .yearly, kiosk: true,
      "{p}急诊按病情危重程度分四级就诊，危重患者优先抢救，请理解配合。"),
    // 职工层面：党务公开八项
    e(
      .staff, "干部选拔任用", "干部选拔任用工作情况及任前公示", "公告栏、院务会、网站", "党委组织部", .event(5),
      "{p}经党委会研究，拟任中层干部人选任前公示，公示期5个工作日，受理电话0739-5300001。"),
    e(
      .staff, "党风廉政建设", "党风廉政建设责任制落实情况", "公告栏、简报", "纪委办公室", .quarterly,
      "{p}党风廉政建设责任制落实情况：开展廉政谈话36人次，专项检查4次，发现问题已全部整改。"),
    e(
      .staff, "党费收缴使用", "党费收缴、使用和管理情况", "公告栏、简报", "党委组织部", .yearly,
      "{p}党费收缴、使用和管理情况已公开，全部按规定收缴和使用。"),
    e(
      .staff, "发展党员", "发展对象和拟接收预备党员公示", "公告栏", "党委组织部", .event(5),
      "{p}拟发展预备党员公示，公示期5个工作日。"),
    e(
      .staff, "党组织换届选举", "换届选举候选人预备人选和选举结果", "公告栏、院务会", "党委组织部", .event(5),
      "{p}党支部换届选举结果公示，新一届支部委员会已产生。"),
    e(
      .staff, "民主评议党员", "民主评议党员结果", "公告栏、简报", "党委组织部", .yearly,
      "{p}民主评议党员工作完成，评定优秀党员86名。"),
    e(
      .staff, "评先评优", "先进集体和先进个人推荐人选公示", "公告栏、网站", "党委办公室", .event(5),
      "{p}优秀共产党员、先进党支部推荐人选公示，公示期5个工作日。"),
    e(
      .staff, "重大决策部署落实", "上级重大决策部署贯彻落实情况", "院务会、简报", "党委办公室", .quarterly,
      "{p}上级重大决策部署落实情况通报：公立医院高质量发展各项任务按期推进。"),
    // 职工层面：“三重一大”
    e(
      .staff, "重大事项决策", "“三重一大”重大事项集体决策情况", "职代会、院务会、简报", "院长办公室", .event(5),
      "{p}党委会集体研究决定重大事项2项，已按程序公开。"),
    e(
      .staff, "重要干部任免", "“三重一大”中层干部任免决定", "院务会、公告栏", "党委组织部", .event(5),
      "{p}党委会研究决定中层干部任免事项，任职文件已印发。"),
    e(
      .staff, "重大项目安排", "“三重一大”重大项目立项和实施", "职代会、院务会", "基建科", .event(10),
      "{p}重大项目安排情况通报：智慧医院信息化建设项目完成立项论证。"),
    e(
      .staff, "大额资金使用", "“三重一大”大额资金使用情况", "职代会、院务会", "财务部", .event(10),
      "{p}大额资金使用情况通报：设备购置及基建工程款支付均经集体决策。"),
    // 职工层面：其他
    e(
      .staff, "院长工作报告", "年度院长工作报告", "职代会", "院长办公室", .yearly,
      "{p}院长工作报告经职代会审议通过。"),
    e(
      .staff, "财务工作报告", "年度财务预决算报告", "职代会", "财务部", .yearly,
      "{p}财务预决算报告经职代会审议通过。"),
    e(
      .staff, "职工提案办理情况", "职代会提案立案、交办和办理情况", "职代会、简报", "工会", .quarterly,
      "{p}职工提案办理情况：立案提案已全部交办，按时答复率96%。"),
    e(
      .staff, "绩效工资分配方案", "绩效工资分配方案及调整", "职代会、科主任会", "人力资源部", .event(10),
      "{p}绩效工资分配方案调整经职代会审议通过，向临床一线和夜班岗位倾斜。"),
    e(
      .staff, "职称评聘", "专业技术职务评聘推荐人选公示", "公告栏、网站", "人力资源部", .event(5),
      "{p}专业技术职务评聘推荐人选公示，公示期5个工作日。"),
    e(
      .staff, "岗位设置与聘用", "岗位设置方案和聘用结果", "公告栏、院务会", "人力资源部", .yearly,
      "{p}岗位设置方案及聘用结果已公开。"),
    e(
      .staff, "职工福利", "职工福利发放、疗休养安排", "公告栏、简报", "工会", .quarterly,
      "{p}职工福利及疗休养安排已公布，一线职工优先安排疗休养。"),
    e(
      .staff, "社会保险和公积金", "社会保险和住房公积金缴纳情况", "公告栏", "人力资源部", .yearly,
      "{p}社会保险和住房公积金缴纳基数调整情况已公开。"),
    e(
      .staff, "进修培训选派", "外出进修名额和选派结果", "公告栏、科主任会", "科教科", .event(5),
      "{p}外出进修选派结果公示，公示期5个工作日。"),
    e(
      .staff, "科研经费使用", "科研经费使用和管理情况", "院务会", "科教科", .yearly,
      "{p}科研经费使用和管理情况已通报。"),
    e(
      .staff, "职工奖惩", "职工奖励和处分决定", "院务会、公告栏", "人力资源部", .event(5),
      "{p}职工奖惩决定已在院务会通报。"),
    e(
      .staff, "医疗质量考核结果", "科室医疗质量考核结果", "科主任会、简报", "医务部", .monthly,
      "{p}医疗质量考核结果已在科主任会通报，病历甲级率98.2%。"),
    e(
      .staff, "护理质量考核结果", "护理单元质量考核结果", "科主任会、简报", "护理部", .monthly,
      "{p}护理质量考核结果已通报，优质护理病房覆盖率100%。"),
    e(
      .staff, "设备采购论证", "医疗设备采购论证结果", "院务会", "设备科", .event(10),
      "{p}医疗设备采购论证会论证结果已在院务会通报。"),
    e(
      .staff, "工会经费收支", "工会经费收支情况", "职代会、公告栏", "工会", .yearly,
      "{p}工会经费收支情况经职代会审查。"),
    e(
      .staff, "职工满意度调查", "职工满意度调查结果及改进措施", "院务会、简报", "工会", .yearly,
      "{p}职工满意度94.3%，已针对食堂、停车等问题制定改进措施。"),
    e(
      .staff, "安全生产", "消防、治安和安全生产检查情况", "公告栏、院务会", "保卫科", .quarterly,
      "{p}安全生产检查发现隐患8处，已全部整改。"),
    e(
      .staff, "院务会决议", "院务会议决定事项", "院务会、简报", "院长办公室", .monthly,
      "{p}院务会决议事项已通报。"),
  ]

  /// Periodic items whose last `n` full periods were skipped: overdue on the demo day.
  static let missedPeriods: [String: Int] = [
    "药品价格": 1, "护理质量考核结果": 1, "职工提案办理情况": 1, "党风廉政建设": 1,
  ]
  /// Per-event items with an event `n` days before today not yet published: two
  /// overdue, three due soon.
  static let pendingEvents: [String: Int] = [
    "大额资金使用": 27, "重要干部任免": 22, "医疗服务价格": 4, "发展党员": 2, "公开招聘": 3,
  ]

  static func label(_ day: Day, _ schedule: S) -> String {
    switch schedule {
    case .monthly: return "\(day.year)年\(day.month)月"
    case .quarterly: return "\(day.year)年第\(["一", "二", "三", "四"][(day.month - 1) / 3])季度"
    case .yearly: return "\(day.month <= 3 ? day.year - 1 : day.year)年度"
    case .event: return "\(day.year)年\(day.month)月\(day.day)日"
    }
  }

  static let actor = Actor(name: "demo", role: .admin)

  /// Adds the register, audited as "demo", in one transaction.
  public static func populate(_ store: GongzhiStore, seed: UInt64, today: Day = .today()) throws {
    var rng = SeededGenerator(state: seed ^ 0x4449_5343)
    try store.db.write { db in
      var departments: [String: Int64] = [:]
      for row in try SQLRow.fetchAll(db, sql: "SELECT id, name FROM department") {
        departments[row["name"]] = row["id"]
      }
      for (name, phone) in DemoProposals.departments + extraDepartments where departments[name] == nil {
        departments[name] = try AuditedWrite.insert(
          db, into: "department",
          fields: [
            "name": name, "head": DemoHospital.randomName(&rng), "contact": "0739-53\(phone)", "active": "1",
          ],
          actor: actor)
      }
      try DisclosureSchema.installStandardChannels(db, actor: actor)
      var channels: [String: Int64] = [:]
      for row in try SQLRow.fetchAll(db, sql: "SELECT id, name FROM disclosure_channel") {
        channels[row["name"]] = row["id"]
      }
      let calendar = try ProposalRecords.calendar(db)
      // Registered about 18 months ago, at the start of a quarter.
      let registered = periodStart(of: today.adding(months: -18), .quarterly)
      for entry in entries {
        try add(
          db, entry, &rng, departments: departments, channels: channels, registered: registered, today: today,
          calendar: calendar)
      }
    }
  }

  static func add(
    _ db: SQLDatabase, _ entry: Entry, _ rng: inout SeededGenerator, departments: [String: Int64],
    channels: [String: Int64], registered: Day, today: Day, calendar: WorkingCalendar
  ) throws {
    let channelIDs = entry.channels.compactMap { channels[$0] }
    // The publications: (day, label day).
    var publications: [Day] = []
    var labels: [Day] = []
    var eventOn: Day? = nil
    switch entry.schedule {
    case .event(let n):
      var event = registered.adding(days: rng.int(10...60))
      let pendingDay = pendingEvents[entry.name].map { today.adding(days: -$0) }
      let stop = pendingDay ?? today
      while event < stop {
        let published = calendar.addingWorkingDays(rng.int(0...max(0, n - 1)), to: event)
        if published >= stop || published > today { break }
        publications.append(published)
        labels.append(event)
        eventOn = event
        event = event.adding(days: rng.int(25...90))
      }
      if let pendingDay { eventOn = calendar.nextWorkingDay(onOrAfter: pendingDay) }
    case .monthly, .quarterly, .yearly:
      let schedule = entry.schedule.schedule
      let missed = missedPeriods[entry.name] ?? 0
      let currentStart = periodStart(of: today, schedule)
      let lastAllowed = (0..<missed).reduce(currentStart) { start, _ in
        periodStart(of: start.adding(days: -1), schedule)
      }
      var start = periodStart(of: registered, schedule)
      while start <= today {
        let end = DisclosureRules.periodEnd(of: start, schedule: schedule)
        let span = start.days(to: end)
        let day = calendar.nextWorkingDay(
          onOrAfter: start.adding(days: rng.int(1...max(1, min(span - 2, span / 3 + 3)))))
        let skipped = missed > 0 && start >= lastAllowed
        if !skipped && day >= registered && day <= today && day <= end {
          publications.append(day)
          labels.append(day)
        }
        start = end.adding(days: 1)
      }
    }
    var item = DisclosureItem(
      level: entry.level, name: entry.name, content: entry.content, channelIDs: channelIDs,
      departmentID: departments[entry.department], schedule: entry.schedule.schedule, onKiosk: entry.kiosk,
      startsOn: registered, eventOn: eventOn)
    item = try DisclosureRecords.insertItem(db, item, actor: actor)
    for (day, labelDay) in zip(publications, labels) {
      guard let (row, stored) = try DisclosureRecords.fetchItem(db, id: item.id) else { break }
      // Now and then a channel of the usual set was not used.
      var used = channelIDs
      if used.count > 1 && rng.chance(0.2) { used.remove(at: rng.int(0...(used.count - 1))) }
      let text = entry.text.replacingOccurrences(of: "{p}", with: label(labelDay, entry.schedule))
      _ = try DisclosureRecords.insertPublication(
        db, DisclosurePublication(itemID: item.id, publishedOn: day, text: text, channelIDs: used),
        item: stored,
        itemRow: row, actor: actor)
    }
  }

  static func periodStart(of day: Day, _ schedule: DisclosureSchedule) -> Day {
    switch schedule {
    case .perEvent: return day
    case .monthly: return Day(year: day.year, month: day.month, day: 1)
    case .quarterly: return Day(year: day.year, month: ((day.month - 1) / 3) * 3 + 1, day: 1)
    case .yearly: return Day(year: day.year, month: 1, day: 1)
    }
  }
}
