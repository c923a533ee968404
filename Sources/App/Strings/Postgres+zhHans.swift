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
    "error.pg.notOnPostgresYet":
      "此命令暂不支持 PostgreSQL 数据库；目前在 PostgreSQL 上只能运行 setup-server 和 user add（其余请使用 SQLite 文件）",
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
  ]
}
