/// The default questionnaires (version 1), modelled on the national survey
/// platform's items (domain.md §6). Staff items on pay and workload, and patient
/// items on food, parking and registration, usually score lowest.
extension SatisfactionInstrument {
  public static let defaults: [SatisfactionInstrument] = [staffDefault, outpatientDefault, inpatientDefault]

  public static func defaultInstrument(_ population: SatisfactionPopulation) -> SatisfactionInstrument {
    defaults.first { $0.population == population }!
  }

  private static func item(
    _ code: String, _ title: String, _ titleEn: String, _ scale: SatisfactionScale = .likert5
  ) -> SatisfactionItem {
    SatisfactionItem(code: code, title: title, titleEn: titleEn, scale: scale)
  }

  public static let staffDefault = SatisfactionInstrument(
    population: .staff, version: 1, title: "职工满意度调查",
    dimensions: [
      SatisfactionDimension(
        code: "reward", title: "薪酬福利", titleEn: "Pay and benefits",
        items: [
          item("pay", "薪酬水平", "Pay"),
          item("benefits", "福利待遇", "Benefits"),
        ]),
      SatisfactionDimension(
        code: "work", title: "工作负荷", titleEn: "Workload",
        items: [
          item("workload", "工作量与压力", "Workload and pressure"),
          item("overtime_rest", "休息休假保障", "Rest and leave"),
        ]),
      SatisfactionDimension(
        code: "growth", title: "职业发展", titleEn: "Development",
        items: [
          item("training", "培训与进修机会", "Training"),
          item("promotion", "晋升与职称评聘", "Promotion"),
        ]),
      SatisfactionDimension(
        code: "management", title: "医院管理", titleEn: "Management",
        items: [
          item("leadership", "领导作风与决策公开", "Leadership and openness"),
          item("voice", "民主参与与意见反馈", "Having a say"),
          item("fairness", "考核分配公平", "Fair appraisal"),
        ]),
      SatisfactionDimension(
        code: "environment", title: "工作环境", titleEn: "Working environment",
        items: [
          item("facilities", "工作场所与设备", "Workplace and equipment"),
          item("safety", "执业安全", "Safety at work"),
          item("teamwork", "同事协作", "Teamwork"),
          item("canteen", "食堂与后勤服务", "Canteen and support services"),
        ]),
      SatisfactionDimension(
        code: "overall", title: "总体评价", titleEn: "Overall",
        items: [
          item("recommend", "愿意推荐亲友来院工作", "Would recommend as employer"),
          item("overall", "总体满意度", "Overall satisfaction"),
        ]),
    ])

  public static let outpatientDefault = SatisfactionInstrument(
    population: .outpatient, version: 1, title: "门诊患者满意度调查",
    dimensions: [
      SatisfactionDimension(
        code: "access", title: "就诊流程", titleEn: "Access",
        items: [
          item("registration", "挂号预约流程", "Registration and appointments"),
          item("waiting", "候诊时间", "Waiting time"),
          item("payment", "缴费取药便捷", "Paying and collecting medicine"),
          item("parking", "停车与交通", "Parking and access"),
        ]),
      SatisfactionDimension(
        code: "environment", title: "就医环境", titleEn: "Environment",
        items: [
          item("environment", "环境与标识", "Environment and signs"),
          item("cleanliness", "卫生间与环境清洁", "Cleanliness"),
          item("privacy", "隐私保护", "Privacy"),
        ]),
      SatisfactionDimension(
        code: "care", title: "医患沟通", titleEn: "Communication",
        items: [
          item("doctor_communication", "医生沟通与解释", "Communication with doctors", .frequency4),
          item("nurse_communication", "护士沟通与态度", "Communication with nurses", .frequency4),
          item("medicine_explanation", "用药说明", "Medicines explained", .frequency4),
          item("tests", "检查检验等候与说明", "Tests and explanations"),
        ]),
      SatisfactionDimension(
        code: "overall", title: "总体评价", titleEn: "Overall",
        items: [
          item("recommend", "愿意推荐亲友", "Would recommend"),
          item("overall", "总体满意度", "Overall satisfaction"),
        ]),
    ])

  public static let inpatientDefault = SatisfactionInstrument(
    population: .inpatient, version: 1, title: "住院患者满意度调查",
    dimensions: [
      SatisfactionDimension(
        code: "formalities", title: "出入院手续", titleEn: "Admission and discharge",
        items: [
          item("admission", "入院手续", "Admission formalities"),
          item("discharge", "出院手续与结算", "Discharge formalities"),
        ]),
      SatisfactionDimension(
        code: "environment", title: "病区环境", titleEn: "Ward environment",
        items: [
          item("cleanliness", "病房清洁", "Cleanliness", .frequency4),
          item("quiet", "夜间安静", "Quiet at night", .frequency4),
          item("privacy", "隐私保护", "Privacy"),
          item("food", "膳食服务", "Food"),
        ]),
      SatisfactionDimension(
        code: "care", title: "医护服务", titleEn: "Care",
        items: [
          item("doctor_communication", "医生沟通", "Communication with doctors", .frequency4),
          item("nurse_communication", "护士沟通", "Communication with nurses", .frequency4),
          item("call_response", "呼叫响应及时", "Call button answered", .frequency4),
          item("pain", "疼痛处理", "Help with pain", .frequency4),
          item("medicine_explanation", "用药说明", "Medicines explained", .frequency4),
        ]),
      SatisfactionDimension(
        code: "overall", title: "总体评价", titleEn: "Overall",
        items: [
          item("recommend", "愿意推荐亲友", "Would recommend"),
          item("overall", "总体满意度", "Overall satisfaction"),
        ]),
    ])
}
