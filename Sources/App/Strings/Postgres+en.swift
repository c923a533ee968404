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
    "error.copy.targetNotEmpty":
      "The target already holds data ({1} row(s) in table {0}); store copy needs an empty target: a new SQLite file, or a PostgreSQL database just set up with setup-server",
    "error.copy.notOwner":
      "{0} does not own the database {1} (its owner is {2}); store copy into PostgreSQL must run as the database's owner",
    "error.copy.schemaVersion":
      "{0} has schema version {1}, this gongzhi has {2}; both sides must be at this version (open an older SQLite file once with this gongzhi to upgrade it)",
    "error.copy.columnsDiffer":
      "The table {0} has different columns in the source and the target; nothing was copied",
    "error.copy.countsDiffer":
      "Row counts differ after copying (table {0}: {1} in the source, {2} in the target); nothing was copied",
    "error.backup.exists": "{0} already exists; choose another file, or add --force to replace it",
    "error.backup.sameFile": "{0} is the database itself; back up to another file",
    "error.backup.postgres":
      "gongzhi backup is for SQLite files; back up a PostgreSQL database with pg_dump (README: Back up and restore)",
    "error.backup.failed": "The backup to {0} failed: {1}; {0} was not written",
    "error.backup.auditBroken":
      "The backup's audit chain does not verify (row {1}: {2}); {0} was not written (run gongzhi audit verify on the database)",
    "cli.copy.table": "Table",
    "cli.copy.source": "Source",
    "cli.copy.target": "Target",
    "cli.copy.done": "Copied {0} rows in {1} tables; ids, times, actors and audit hashes are unchanged",
    "cli.copy.users":
      "Copied users are rows only: on PostgreSQL give each a login with gongzhi user add NAME --role ROLE (as the owner or an admin)",
    "cli.copy.ownerRecorded":
      "{0}, the database's owner, was recorded as admin after the copied rows (1 user row, 2 audit rows)",
    "cli.backup.done": "Backed up to {0} ({1} bytes): integrity ok, audit chain intact ({2} rows)",
    "help.store": "Whole-database operations",
    "help.store.copy":
      "Copy a whole database into an empty one (SQLite file or PostgreSQL), audit chain included",
    "help.arg.copySource":
      "The database to copy: an SQLite file, or a postgresql:// URL or libpq conninfo string",
    "help.arg.copyTarget":
      "The empty target: a new SQLite file, or a PostgreSQL database set up with setup-server (copied into by its owner)",
    "help.backup": "Back up the SQLite database to FILE while others keep working, and check the copy",
    "help.arg.backupFile": "The backup file (written under a temporary name, renamed once checked)",
    "help.opt.backupForce": "Replace FILE if it exists",
  ]
}
