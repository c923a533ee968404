/// The built-in "五化" scheme (domain.md §3): five dimensions of 100 points, total 500,
/// plus a bonus item and a veto item. Its texts are scheme data, not interface strings:
/// a hospital replaces them by importing its own scheme.
extension Scheme {
  public static let wuhua: Scheme = {
    let good4 = ["好", "较好", "一般", "差"]
    func levels(_ points: [Double], _ names: [String] = good4) -> [ScoreLevel] {
      zip(names, points).map { ScoreLevel(name: $0.0, points: $0.1) }
    }
    func deduct(
      _ id: String, _ name: String, _ max: Double, per: Double, _ standard: String, _ check: String,
      evidence: Bool = false
    ) -> Indicator {
      Indicator(
        id: id, name: name, maxPoints: max, standard: standard, checkMethod: check, method: .deduct,
        perUnit: per,
        evidenceRequired: evidence)
    }
    func graded(
      _ id: String, _ name: String, _ points: [Double], _ standard: String, _ check: String,
      names: [String] = good4, evidence: Bool = false
    ) -> Indicator {
      Indicator(
        id: id, name: name, maxPoints: points[0], standard: standard, checkMethod: check, method: .graded,
        levels: levels(points, names), evidenceRequired: evidence)
    }
    func count(_ id: String, _ name: String, _ max: Double, per: Double, _ standard: String, _ check: String)
      -> Indicator
    {
      Indicator(
        id: id, name: name, maxPoints: max, standard: standard, checkMethod: check, method: .count,
        perUnit: per)
    }
    let records = "查阅记录"
    let onSite = "实地查看"
    let interview = "个别访谈"
    return Scheme(
      id: "wuhua", name: "党支部“五化”建设考评", version: 1, totalPoints: 500, periodType: .quarter,
      thresholds: .standard, excellentCap: 0.3, generalBranchMode: .own,
      dimensions: [
        SchemeDimension(
          id: "life", name: "组织生活正常化", maxPoints: 100,
          indicators: [
            deduct(
              "life.meetings", "三会一课按期召开", 20, per: 0.5,
              "支委会、党小组会每月1次，党员大会、党课每季度1次；每少开1次扣0.5分，扣完为止", records, evidence: true),
            deduct("life.theme-day", "主题党日每月开展", 15, per: 2, "每月固定开展主题党日活动；每少1次扣2分", records),
            deduct("life.org-life", "组织生活会", 15, per: 5, "每年召开1次组织生活会，开展批评与自我批评；未召开或程序不全每项扣5分", records),
            deduct("life.review", "民主评议党员", 15, per: 5, "每年开展1次民主评议党员，结果及时运用；缺项每项扣5分", records),
            count("life.talks", "谈心谈话", 10, per: 1, "支部书记、支委与党员谈心谈话，每人次计1分，最高10分", interview),
            graded("life.records", "组织生活记录完整", [15, 12, 9, 5], "会议记录要素齐全、签到完整、内容真实", records),
            graded(
              "life.attendance", "党员参会率", [10, 8, 6, 3], "党员参加组织生活的比例", records,
              names: ["≥95%", "≥90%", "≥80%", "<80%"]),
          ]),
        SchemeDimension(
          id: "build", name: "支部建设标准化", maxPoints: 100,
          indicators: [
            graded(
              "build.committee", "支委会配备", [20, 15, 8], "党员7人以上设支委会，委员3至5人，按期换届", records,
              names: ["健全", "基本健全", "不健全"]),
            graded(
              "build.secretary", "书记“双带头人”", [15, 8], "支部书记是业务骨干和党建带头人", interview,
              names: ["是", "否"]),
            deduct(
              "build.development", "发展党员程序规范", 20, per: 5, "严格执行发展党员工作流程；每发现1处程序问题扣5分", records,
              evidence: true),
            deduct("build.relations", "组织关系管理", 15, per: 2, "党员组织关系转接及时，无“口袋党员”；每发现1例扣2分", records),
            count("build.training", "党员教育培训学时", 15, per: 1, "党员集中学习培训，每学时计1分，最高15分", records),
            graded("build.groups", "党小组设置与活动", [15, 12, 9, 5], "党小组设置合理，活动经常", onSite),
          ]),
        SchemeDimension(
          id: "service", name: "管理服务精细化", maxPoints: 100,
          indicators: [
            deduct("service.dues", "党费按时足额交纳", 20, per: 2, "按月足额交纳党费；每有1人次未按时交纳扣2分", records, evidence: true),
            deduct("service.info", "党员信息管理", 15, per: 1, "党员信息库准确、及时更新；每发现1处错漏扣1分", records),
            count("service.care", "关心关爱党员", 15, per: 3, "走访慰问老党员、困难党员，每人次计3分，最高15分", interview),
            count("service.volunteer", "志愿服务与义诊", 20, per: 4, "组织志愿服务、义诊、健康宣教，每次计4分，最高20分", records),
            graded(
              "service.brand", "一支部一品牌项目推进", [20, 16, 12, 6], "品牌项目围绕医院重点任务，按计划推进，有成效", onSite,
              evidence: true),
            graded("service.business", "党建+业务融合", [10, 8, 6, 3], "党建促进医疗质量、医德医风和患者满意度", interview),
          ]),
        SchemeDimension(
          id: "system", name: "工作制度体系化", maxPoints: 100,
          indicators: [
            graded("system.plan", "年度工作计划与总结", [15, 12, 9, 5], "有年度计划、季度安排和年终总结", records),
            deduct("system.duties", "党建工作责任清单落实", 20, per: 2, "责任清单逐项落实；每有1项未落实扣2分", records),
            deduct("system.decisions", "重大事项请示报告", 20, per: 5, "“三重一大”等事项按规定请示报告；每发现1次扣5分", records),
            deduct("system.integrity", "党风廉政建设", 20, per: 5, "落实一岗双责，开展廉洁教育；每发现1个问题扣5分", interview),
            deduct("system.ideology", "意识形态工作", 15, per: 3, "落实意识形态工作责任制；每发现1个问题扣3分", records),
            graded("system.rules", "制度建设与执行", [10, 8, 6, 3], "支部制度健全、汇编成册、执行到位", records),
          ]),
        SchemeDimension(
          id: "position", name: "阵地建设规范化", maxPoints: 100,
          indicators: [
            graded(
              "position.room", "党员活动室整洁规范", [20, 16, 12, 6], "有固定活动场所，标识规范、整洁有序", onSite, evidence: true),
            deduct("position.boards", "党务公开栏定期更新", 20, per: 2, "党务公开栏每季度至少更新1次；每缺1次扣2分", onSite),
            count("position.online", "网上阵地宣传", 15, per: 3, "在医院公众号、学习平台发布支部工作信息，每篇计3分，最高15分", records),
            graded("position.ledger", "台账资料规范", [20, 16, 12, 6], "党建台账分类归档、资料完整", records),
            graded("position.culture", "党建文化走廊", [15, 12, 9, 5], "党建文化阵地内容鲜活、定期更新", onSite),
            graded("position.study", "学习平台学习率", [10, 8, 6, 3], "党员在线学习参与率", records),
          ]),
      ],
      extras: [
        Indicator(
          id: "bonus.honours", name: "加分项：表彰与经验推广", maxPoints: 10, standard: "获上级党组织表彰或经验被推广，每项加2分，封顶10分",
          checkMethod: records, method: .bonus, perUnit: 2, evidenceRequired: true),
        Indicator(
          id: "veto.discipline", name: "一票否决：严重违纪违法", maxPoints: 0,
          standard: "支部党员发生严重违纪违法案件或重大医疗安全责任事件，考评等次为不合格", checkMethod: records, method: .veto),
      ])
  }()
}
