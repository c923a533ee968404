// English strings for the PostgreSQL backend (setup-server, logins, server errors).

extension StringTables {
  static let postgresEn: [String: String] = [
    "error.pg.connect": "Cannot connect to the PostgreSQL server: {0}",
    "error.pg.connectionLost": "The connection to the PostgreSQL server was lost: {0}",
    "error.pg.permissionDenied": "The server refused: your login may not do this ({0})",
    "error.pg.server": "PostgreSQL error {1}: {0}",
    "error.pg.missingColumn": "The server's answer lacks the column {0}",
    "error.pg.badValue": "The server returned an unreadable value in column {0}: {1}",
    "error.pg.unexpected": "Unexpected answer from the PostgreSQL server: {0}",
    "error.pg.notOwner":
      "{0} does not own the database {1} (its owner is {2}); run setup-server as the database's owner",
    "error.pg.notEmpty":
      "The database {0} already holds {1} table(s) that are not Gongzhi's; setup-server needs an empty database",
    "error.pg.cannotCreateRoles":
      "{0} may not create roles; setup-server creates the gongzhi_* group roles (as a superuser: ALTER ROLE {0} CREATEROLE)",
    "error.pg.notOnPostgresYet":
      "This command does not run on a PostgreSQL database yet; there, only setup-server and user add do (use an SQLite file for the rest)",
    "error.pg.userFlagRefused":
      "--user does not apply on PostgreSQL: you act as your login ({0}); log in as the other user instead",
    "error.pg.notSetUp":
      "The database {0} is not set up for Gongzhi; run gongzhi setup-server first, as its owner",
    "error.user.passwordRequired": "A password is required",
    "error.password.mismatch": "The two passwords differ",
    "error.password.noTerminal": "No terminal to ask for the password on; use --password-stdin",
    "cli.setupServer.created":
      "Set up database {0} for Gongzhi (schema version {1}); group roles gongzhi_admin, gongzhi_officer, gongzhi_clerk, gongzhi_viewer, gongzhi_kiosk",
    "cli.setupServer.already":
      "Database {0} is already set up for Gongzhi (schema version {1}); nothing changed",
    "cli.user.addedLogin": "Added login {0} in group gongzhi_{1} ({2})",
    "cli.password.prompt": "Password for {0}: ",
    "cli.password.again": "Password again: ",
    "help.setupServer":
      "Create the schema and group roles in an empty PostgreSQL database (run as its owner)",
    "help.arg.serverURL": "The database: a postgresql:// URL or a libpq conninfo string",
    "help.opt.passwordStdin":
      "PostgreSQL: read the new login's password from the first line of standard input",
  ]
}
