import GRDB

// Frozen: this migration has shipped. Never edit it; append a new one instead.
extension Migrations {
  /// Tables of the satisfaction feature.
  ///
  /// Raw answer sheets are stored one row per sheet with the answers packed into a
  /// BLOB (one byte per item, in the instrument version's item order: 0 no answer,
  /// 1…points the option, 255 N/A). One B-tree insert per sheet instead of one per
  /// answer keeps a 1,000,000-sheet import close to `sqlite3 .import` of the same CSV
  /// (which also writes one row per line), and the file small (~40 bytes a sheet).
  /// Dashboards never read these rows: they read `satisfaction_rollup`, which holds,
  /// per (population, month, department, item), the count of each answer option and
  /// of N/A (so both scores follow exactly), plus one row per group with item '' that
  /// counts the sheets. `satisfaction_rollup_hospital` holds the same sums over all
  /// departments, so whole-hospital trends read ~30× fewer rows. Imports update both
  /// in the same transaction.
  ///
  /// The satisfaction tables, seeded with the three default instruments as they were
  /// when this shipped (the TOML is frozen here; later defaults need a new migration).
  static func v4_satisfaction(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE satisfaction_instrument (
          population TEXT NOT NULL,
          version INTEGER NOT NULL,
          toml TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (population, version)
        );
        CREATE TABLE satisfaction_import (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          file TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          rows INTEGER NOT NULL,
          at TEXT NOT NULL,
          actor TEXT NOT NULL
        );
        CREATE INDEX satisfaction_import_sha ON satisfaction_import(sha256);
        CREATE TABLE satisfaction_response (
          id INTEGER PRIMARY KEY,
          import_id INTEGER NOT NULL,
          day INTEGER NOT NULL,
          population TEXT NOT NULL,
          department TEXT NOT NULL,
          version INTEGER NOT NULL,
          answers BLOB NOT NULL
        );
        CREATE TABLE satisfaction_rollup (
          population TEXT NOT NULL,
          month INTEGER NOT NULL,
          department TEXT NOT NULL,
          item TEXT NOT NULL,
          points INTEGER NOT NULL,
          sheets INTEGER NOT NULL DEFAULT 0,
          c1 INTEGER NOT NULL DEFAULT 0,
          c2 INTEGER NOT NULL DEFAULT 0,
          c3 INTEGER NOT NULL DEFAULT 0,
          c4 INTEGER NOT NULL DEFAULT 0,
          c5 INTEGER NOT NULL DEFAULT 0,
          na INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (population, month, department, item)
        ) WITHOUT ROWID;
        CREATE TABLE satisfaction_rollup_hospital (
          population TEXT NOT NULL,
          month INTEGER NOT NULL,
          item TEXT NOT NULL,
          points INTEGER NOT NULL,
          sheets INTEGER NOT NULL DEFAULT 0,
          c1 INTEGER NOT NULL DEFAULT 0,
          c2 INTEGER NOT NULL DEFAULT 0,
          c3 INTEGER NOT NULL DEFAULT 0,
          c4 INTEGER NOT NULL DEFAULT 0,
          c5 INTEGER NOT NULL DEFAULT 0,
          na INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (population, month, item)
        ) WITHOUT ROWID;
        CREATE TABLE satisfaction_result (
          population TEXT NOT NULL,
          period TEXT NOT NULL,
          department TEXT NOT NULL,
          item TEXT NOT NULL,
          n INTEGER NOT NULL,
          rate REAL NOT NULL,
          mean REAL,
          import_id INTEGER NOT NULL,
          PRIMARY KEY (population, period, department, item)
        );
        CREATE TABLE satisfaction_target (
          population TEXT PRIMARY KEY NOT NULL,
          rate REAL NOT NULL
        );
        """)
    // One statement, so the three rows share one `now`.
    try db.execute(
      sql: """
        INSERT INTO satisfaction_instrument (population, version, toml, created_at) VALUES
          ('staff', 1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          ('outpatient', 1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          ('inpatient', 1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """, arguments: [v4StaffInstrument, v4OutpatientInstrument, v4InpatientInstrument])
  }

  private static let v4StaffInstrument = #"""
    population = "staff"
    version = 1
    title = "职工满意度调查"

    [[dimensions]]
    code = "reward"
    title = "薪酬福利"
    titleEn = "Pay and benefits"

    [[dimensions.items]]
    code = "pay"
    title = "薪酬水平"
    titleEn = "Pay"
    scale = "likert5"

    [[dimensions.items]]
    code = "benefits"
    title = "福利待遇"
    titleEn = "Benefits"
    scale = "likert5"

    [[dimensions]]
    code = "work"
    title = "工作负荷"
    titleEn = "Workload"

    [[dimensions.items]]
    code = "workload"
    title = "工作量与压力"
    titleEn = "Workload and pressure"
    scale = "likert5"

    [[dimensions.items]]
    code = "overtime_rest"
    title = "休息休假保障"
    titleEn = "Rest and leave"
    scale = "likert5"

    [[dimensions]]
    code = "growth"
    title = "职业发展"
    titleEn = "Development"

    [[dimensions.items]]
    code = "training"
    title = "培训与进修机会"
    titleEn = "Training"
    scale = "likert5"

    [[dimensions.items]]
    code = "promotion"
    title = "晋升与职称评聘"
    titleEn = "Promotion"
    scale = "likert5"

    [[dimensions]]
    code = "management"
    title = "医院管理"
    titleEn = "Management"

    [[dimensions.items]]
    code = "leadership"
    title = "领导作风与决策公开"
    titleEn = "Leadership and openness"
    scale = "likert5"

    [[dimensions.items]]
    code = "voice"
    title = "民主参与与意见反馈"
    titleEn = "Having a say"
    scale = "likert5"

    [[dimensions.items]]
    code = "fairness"
    title = "考核分配公平"
    titleEn = "Fair appraisal"
    scale = "likert5"

    [[dimensions]]
    code = "environment"
    title = "工作环境"
    titleEn = "Working environment"

    [[dimensions.items]]
    code = "facilities"
    title = "工作场所与设备"
    titleEn = "Workplace and equipment"
    scale = "likert5"

    [[dimensions.items]]
    code = "safety"
    title = "执业安全"
    titleEn = "Safety at work"
    scale = "likert5"

    [[dimensions.items]]
    code = "teamwork"
    title = "同事协作"
    titleEn = "Teamwork"
    scale = "likert5"

    [[dimensions.items]]
    code = "canteen"
    title = "食堂与后勤服务"
    titleEn = "Canteen and support services"
    scale = "likert5"

    [[dimensions]]
    code = "overall"
    title = "总体评价"
    titleEn = "Overall"

    [[dimensions.items]]
    code = "recommend"
    title = "愿意推荐亲友来院工作"
    titleEn = "Would recommend as employer"
    scale = "likert5"

    [[dimensions.items]]
    code = "overall"
    title = "总体满意度"
    titleEn = "Overall satisfaction"
    scale = "likert5"

    """#

  private static let v4OutpatientInstrument = #"""
    population = "outpatient"
    version = 1
    title = "门诊患者满意度调查"

    [[dimensions]]
    code = "access"
    title = "就诊流程"
    titleEn = "Access"

    [[dimensions.items]]
    code = "registration"
    title = "挂号预约流程"
    titleEn = "Registration and appointments"
    scale = "likert5"

    [[dimensions.items]]
    code = "waiting"
    title = "候诊时间"
    titleEn = "Waiting time"
    scale = "likert5"

    [[dimensions.items]]
    code = "payment"
    title = "缴费取药便捷"
    titleEn = "Paying and collecting medicine"
    scale = "likert5"

    [[dimensions.items]]
    code = "parking"
    title = "停车与交通"
    titleEn = "Parking and access"
    scale = "likert5"

    [[dimensions]]
    code = "environment"
    title = "就医环境"
    titleEn = "Environment"

    [[dimensions.items]]
    code = "environment"
    title = "环境与标识"
    titleEn = "Environment and signs"
    scale = "likert5"

    [[dimensions.items]]
    code = "cleanliness"
    title = "卫生间与环境清洁"
    titleEn = "Cleanliness"
    scale = "likert5"

    [[dimensions.items]]
    code = "privacy"
    title = "隐私保护"
    titleEn = "Privacy"
    scale = "likert5"

    [[dimensions]]
    code = "care"
    title = "医患沟通"
    titleEn = "Communication"

    [[dimensions.items]]
    code = "doctor_communication"
    title = "医生沟通与解释"
    titleEn = "Communication with doctors"
    scale = "frequency4"

    [[dimensions.items]]
    code = "nurse_communication"
    title = "护士沟通与态度"
    titleEn = "Communication with nurses"
    scale = "frequency4"

    [[dimensions.items]]
    code = "medicine_explanation"
    title = "用药说明"
    titleEn = "Medicines explained"
    scale = "frequency4"

    [[dimensions.items]]
    code = "tests"
    title = "检查检验等候与说明"
    titleEn = "Tests and explanations"
    scale = "likert5"

    [[dimensions]]
    code = "overall"
    title = "总体评价"
    titleEn = "Overall"

    [[dimensions.items]]
    code = "recommend"
    title = "愿意推荐亲友"
    titleEn = "Would recommend"
    scale = "likert5"

    [[dimensions.items]]
    code = "overall"
    title = "总体满意度"
    titleEn = "Overall satisfaction"
    scale = "likert5"

    """#

  private static let v4InpatientInstrument = #"""
    population = "inpatient"
    version = 1
    title = "住院患者满意度调查"

    [[dimensions]]
    code = "formalities"
    title = "出入院手续"
    titleEn = "Admission and discharge"

    [[dimensions.items]]
    code = "admission"
    title = "入院手续"
    titleEn = "Admission formalities"
    scale = "likert5"

    [[dimensions.items]]
    code = "discharge"
    title = "出院手续与结算"
    titleEn = "Discharge formalities"
    scale = "likert5"

    [[dimensions]]
    code = "environment"
    title = "病区环境"
    titleEn = "Ward environment"

    [[dimensions.items]]
    code = "cleanliness"
    title = "病房清洁"
    titleEn = "Cleanliness"
    scale = "frequency4"

    [[dimensions.items]]
    code = "quiet"
    title = "夜间安静"
    titleEn = "Quiet at night"
    scale = "frequency4"

    [[dimensions.items]]
    code = "privacy"
    title = "隐私保护"
    titleEn = "Privacy"
    scale = "likert5"

    [[dimensions.items]]
    code = "food"
    title = "膳食服务"
    titleEn = "Food"
    scale = "likert5"

    [[dimensions]]
    code = "care"
    title = "医护服务"
    titleEn = "Care"

    [[dimensions.items]]
    code = "doctor_communication"
    title = "医生沟通"
    titleEn = "Communication with doctors"
    scale = "frequency4"

    [[dimensions.items]]
    code = "nurse_communication"
    title = "护士沟通"
    titleEn = "Communication with nurses"
    scale = "frequency4"

    [[dimensions.items]]
    code = "call_response"
    title = "呼叫响应及时"
    titleEn = "Call button answered"
    scale = "frequency4"

    [[dimensions.items]]
    code = "pain"
    title = "疼痛处理"
    titleEn = "Help with pain"
    scale = "frequency4"

    [[dimensions.items]]
    code = "medicine_explanation"
    title = "用药说明"
    titleEn = "Medicines explained"
    scale = "frequency4"

    [[dimensions]]
    code = "overall"
    title = "总体评价"
    titleEn = "Overall"

    [[dimensions.items]]
    code = "recommend"
    title = "愿意推荐亲友"
    titleEn = "Would recommend"
    scale = "likert5"

    [[dimensions.items]]
    code = "overall"
    title = "总体满意度"
    titleEn = "Overall satisfaction"
    scale = "likert5"

    """#
}
