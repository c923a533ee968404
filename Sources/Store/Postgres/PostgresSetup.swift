import Domain
import Foundation

/// `gongzhi setup-server`: turns an empty database into a Gongzhi one, run by the
/// database's owner. Everything happens in one transaction (PostgreSQL's DDL and
/// CREATE ROLE are transactional), so a failure leaves the database as it was.
public enum PostgresSetup {
  public enum Outcome: Equatable, Sendable {
    case created(database: String, version: Int)
    case alreadySetUp(database: String, version: Int)
  }

  public static func run(_ conn: PGConnection) throws -> Outcome {
    let database = conn.databaseName()
    let user = try conn.sessionUser()
    if let version = try schemaVersion(conn) {
      return .alreadySetUp(database: database, version: version)
    }
    let owner =
      try conn.scalar(
        "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = current_database()"
      )
      ?? ""
    guard owner == user else { throw PostgresError.notOwner(user: user, database: database, owner: owner) }
    let tables =
      Int(
        try conn.scalar(
          "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')") ?? "0") ?? 0
    guard tables == 0 else { throw PostgresError.notEmpty(database: database, tables: tables) }
    try conn.transaction {
      try createGroupRoles(conn, user: user)
      try conn.executeScript(PostgresSchema.tables)
      try conn.executeScript(PostgresSchema.search)
      try conn.executeScript(PostgresSchema.triggers)
      try conn.executeScript(userFunction)
      let now = AuditTime.format(Date())
      try conn.execute(
        "INSERT INTO gongzhi_meta (key, value) VALUES ('created_at', $1), ('schema_version', $2)",
        [now, String(PostgresSchema.version)])
      for instrument in SatisfactionInstrument.defaults {
        try conn.execute(
          "INSERT INTO satisfaction_instrument (population, version, toml, created_at) VALUES ($1, $2, $3, $4)",
          [instrument.population.rawValue, instrument.version, InstrumentTOML.encode(instrument), now])
      }
      for statement in PostgresSchema.grants(database: try conn.quoteIdentifier(database)) {
        try conn.execute(statement)
      }
      // The owner is the first admin, as the first user of an SQLite file is
      // (`UserRepository.add`): the user table names who is in charge.
      try conn.execute("SELECT gongzhi_record_user($1, 'admin')", [user])
    }
    return .created(database: database, version: PostgresSchema.version)
  }

  /// `gongzhi_meta.schema_version`, or nil when the database has no Gongzhi schema.
  public static func schemaVersion(_ conn: PGConnection) throws -> Int? {
    guard try conn.scalar("SELECT to_regclass('public.gongzhi_meta') IS NOT NULL") == "t" else { return nil }
    return try conn.scalar("SELECT value FROM gongzhi_meta WHERE key = 'schema_version'").flatMap { Int($0) }
  }

  /// The group roles are cluster-wide: a second Gongzhi database on the same server
  /// uses the ones the first created.
  private static func createGroupRoles(_ conn: PGConnection, user: String) throws {
    let existing = Set(
      try conn.execute(
        "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1::text[])",
        ["{" + PostgresSchema.allGroupRoles.joined(separator: ",") + "}"]
      ).rows.map { try $0.string("rolname") })
    let missing = PostgresSchema.allGroupRoles.filter { !existing.contains($0) }
    guard !missing.isEmpty else { return }
    let mayCreate =
      try conn.scalar(
        "SELECT rolcreaterole OR rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user")
      == "t"
    guard mayCreate else { throw PostgresError.cannotCreateRoles(user: user) }
    for role in missing { try conn.execute("CREATE ROLE \(role) NOLOGIN") }
  }

  /// Adding a login runs as the owner (who has CREATEROLE) through these functions,
  /// so an admin needs no CREATEROLE of their own: `gongzhi_add_login` checks that
  /// the group is one of Gongzhi's, takes a password already hashed by the client
  /// (SCRAM; the server never sees the cleartext), creates the login in the group
  /// and records the user row and its audit rows (whose actor the chain trigger sets
  /// to the caller's login), or, for a user row `store copy` brought without a login,
  /// keeps the row and sets its role. Only the owner and `gongzhi_admin` may call it.
  static let userFunction = """
    CREATE FUNCTION gongzhi_record_user(login text, role text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        created text := to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      BEGIN
        INSERT INTO "user" (name, role, created_at) VALUES (login, role, created);
        INSERT INTO audit_log (entity, entity_id, action, field, old_value, new_value, reason)
          VALUES ('user', login, 'create', 'created_at', NULL, created, NULL),
                 ('user', login, 'create', 'role', NULL, role, NULL);
      END
      $$;
    CREATE FUNCTION gongzhi_add_login(login text, role text, verifier text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        recorded text;
      BEGIN
        IF role NOT IN ('admin', 'officer', 'clerk', 'viewer') THEN
          RAISE EXCEPTION 'unknown Gongzhi role %', role USING ERRCODE = '22023';
        END IF;
        IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
          RAISE EXCEPTION 'the password must arrive hashed with SCRAM-SHA-256' USING ERRCODE = '22023';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier, 'gongzhi_' || role);
        -- A user copied in by `store copy` is a row without a login: it gets one, and
        -- the row takes the role given here (audited when it changes).
        SELECT u.role INTO recorded FROM "user" u WHERE u.name = login;
        IF NOT FOUND THEN
          PERFORM gongzhi_record_user(login, role);
        ELSIF recorded <> gongzhi_add_login.role THEN
          UPDATE "user" SET role = gongzhi_add_login.role WHERE name = login;
          INSERT INTO audit_log (entity, entity_id, action, field, old_value, new_value, reason)
            VALUES ('user', login, 'update', 'role', recorded, gongzhi_add_login.role, NULL);
        END IF;
      END
      $$;
    REVOKE ALL ON FUNCTION gongzhi_record_user(text, text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION gongzhi_add_login(text, text, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION gongzhi_add_login(text, text, text) TO gongzhi_admin;
    """
}

/// `gongzhi user add` on PostgreSQL: a login role in the matching group.
public enum PostgresUsers {
  /// Creates login `name` in the group of `role` with `password` (hashed here with
  /// SCRAM-SHA-256 before it is sent). Run by the owner or a `gongzhi_admin`; the
  /// server refuses anyone else (`PostgresError.server` with SQLSTATE 42501).
  public static func add(_ conn: PGConnection, name: String, role: Role, password: String) throws {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      throw StoreError.invalid([FieldIssue(field: "name", message: Message("error.user.nameRequired"))])
    }
    if let issue = TextRule.issue(field: "name", text: trimmed, allowNewlines: false) {
      throw StoreError.invalid([issue])
    }
    if password.isEmpty {
      throw StoreError.invalid([
        FieldIssue(field: "password", message: Message("error.user.passwordRequired"))
      ])
    }
    guard try PostgresSetup.schemaVersion(conn) != nil else {
      throw PostgresError.notSetUp(database: conn.databaseName())
    }
    let verifier = try conn.encryptPassword(password, user: trimmed)
    do {
      try conn.transaction {
        try conn.execute("SELECT gongzhi_add_login($1, $2, $3)", [trimmed, role.rawValue, verifier])
      }
    } catch PostgresError.server(let state, _)
      where state == PostgresError.duplicateObject || state == PostgresError.uniqueViolation
    {
      throw StoreError.duplicateUser(trimmed)
    }
  }
}
