// 简体中文：PostgreSQL 后端（setup-server、登录账号、服务器错误）。

extension StringTables {
  static let postgresZhHans: [String: String] = [
    "error.pg.connect": "无法连接 PostgreSQL 服务器：{0}",
    "error.pg.connectionLost": "与 PostgreSQL 服务器的连接已断开：{0}",
    "error.pg.permissionDenied": "服务器拒绝：您的登录账号无权执行此操作（{0}）",
    "error.pg.server": "PostgreSQL 错误 {1}：{0}",
    "error.pg.missingColumn": "服务器返回的结果缺少列 {0}",
    "error.pg.badValue": "服务器在列 {0} 返回了无法读取的值：{1}",
    "error.pg.unexpected": "PostgreSQL 服务器返回了意外的结果：{0}",
    "error.pg.notOwner": "{0} 不是数据库 {1} 的所有者（所有者为 {2}）；请以数据库所有者身份运行 setup-server",
    "error.pg.notEmpty": "数据库 {0} 中已有 {1} 张不属于共治的表；setup-server 需要一个空数据库",
    "error.pg.cannotCreateRoles":
      "{0} 无权创建角色；setup-server 需创建 gongzhi_* 组角色（请超级用户执行：ALTER ROLE {0} CREATEROLE）",
    "error.pg.userFlagRefused": "PostgreSQL 上不能使用 --user：操作用户就是您的登录账号（{0}）；请改用对方的账号登录",
    "error.pg.notSetUp": "数据库 {0} 尚未为共治初始化；请先以其所有者身份运行 gongzhi setup-server",
    "error.user.passwordRequired": "必须设置密码",
    "error.password.mismatch": "两次输入的密码不一致",
    "error.password.noTerminal": "没有可输入密码的终端；请使用 --password-stdin",
    "cli.setupServer.created":
      "已为共治初始化数据库 {0}（结构版本 {1}）；组角色：gongzhi_admin、gongzhi_officer、gongzhi_clerk、gongzhi_viewer、gongzhi_kiosk",
    "cli.setupServer.already": "数据库 {0} 已为共治初始化（结构版本 {1}），未作改动",
    "cli.user.addedLogin": "已添加登录账号 {0}，属于组 gongzhi_{1}（{2}）",
    "cli.password.prompt": "{0} 的密码：",
    "cli.password.again": "再输入一次密码：",
    "help.setupServer": "在空的 PostgreSQL 数据库中创建表结构和组角色（以数据库所有者身份运行）",
    "help.arg.serverURL": "数据库：postgresql:// URL 或 libpq 连接串",
    "help.opt.passwordStdin": "PostgreSQL：从标准输入的第一行读取新账号的密码",
    "error.copy.targetNotEmpty":
      "目标中已有数据（表 {0} 中有 {1} 行）；store copy 需要空目标：新的 SQLite 文件，或刚用 setup-server 初始化的 PostgreSQL 数据库",
    "error.copy.notOwner": "{0} 不是数据库 {1} 的所有者（所有者为 {2}）；复制到 PostgreSQL 须以数据库所有者身份运行 store copy",
    "error.copy.schemaVersion":
      "{0} 的结构版本为 {1}，本程序为 {2}；两边须为同一版本（较旧的 SQLite 文件请先用本程序打开一次以升级）",
    "error.copy.columnsDiffer": "表 {0} 在源和目标中的列不同；未复制任何数据",
    "error.copy.countsDiffer": "复制后行数不一致（表 {0}：源 {1} 行，目标 {2} 行）；未复制任何数据",
    "error.backup.exists": "{0} 已存在；请换一个文件，或加 --force 覆盖",
    "error.backup.sameFile": "{0} 就是数据库本身；请备份到另一个文件",
    "error.backup.postgres":
      "gongzhi backup 用于 SQLite 文件；PostgreSQL 数据库请用 pg_dump 备份（见 README 的 Back up and restore 一节）",
    "error.backup.failed": "备份到 {0} 失败：{1}；未写入 {0}",
    "error.backup.auditBroken": "备份的审计链校验未通过（第 {1} 行：{2}）；未写入 {0}（请对数据库运行 gongzhi audit verify）",
    "cli.copy.table": "表",
    "cli.copy.source": "源",
    "cli.copy.target": "目标",
    "cli.copy.done": "已复制 {1} 张表共 {0} 行；编号、时间、操作人和审计哈希均保持不变",
    "cli.copy.users": "复制的用户只是记录：在 PostgreSQL 上请为每人用 gongzhi user add 姓名 --role 角色 创建登录账号（由所有者或管理员执行）",
    "cli.copy.ownerRecorded": "数据库所有者 {0} 已在复制的记录之后登记为管理员（1 行用户、2 行审计）",
    "cli.backup.done": "已备份到 {0}（{1} 字节）：完整性检查通过，审计链完整（{2} 行）",
    "help.store": "整库操作",
    "help.store.copy": "将整个数据库（含审计链）复制到一个空数据库（SQLite 文件或 PostgreSQL）",
    "help.arg.copySource": "要复制的数据库：SQLite 文件，或 postgresql:// URL、libpq 连接串",
    "help.arg.copyTarget": "空目标：新的 SQLite 文件，或用 setup-server 初始化的 PostgreSQL 数据库（由其所有者复制）",
    "help.backup": "在他人照常使用时将 SQLite 数据库备份到 FILE，并检查备份",
    "help.arg.backupFile": "备份文件（先以临时名写入，检查通过后改名）",
    "help.opt.backupForce": "FILE 已存在时覆盖",
  ]
}
