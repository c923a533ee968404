import Domain
import Foundation
import Store

/// The commands that run on a PostgreSQL server today: `setup-server` and `user add`.
/// The acting user there is the connection's login, never a name the client claims.
public enum ServerLauncher {
  /// Whether `--db` (or `GONGZHI_DB`) names a PostgreSQL database.
  public static func isServer(_ target: String) -> Bool { PGConnection.isTarget(target) }

  /// Runs setup-server and returns the line to print.
  public static func setup(target: String, strings: Strings) throws -> String {
    let conn = try PGConnection(target)
    switch try PostgresSetup.run(conn) {
    case .created(let database, let version):
      return strings("cli.setupServer.created", database, String(version))
    case .alreadySetUp(let database, let version):
      return strings("cli.setupServer.already", database, String(version))
    }
  }

  /// Adds login `name` in the group of `role`; `claimedUser` is `--user`, which is
  /// refused: on the server one acts as one's login. `password` is asked only once
  /// the connection is known to work.
  public static func addUser(
    target: String, name: String, role: Role, claimedUser: String?, strings: Strings,
    password: () throws -> String
  ) throws -> String {
    let conn = try PGConnection(target)
    if claimedUser != nil { throw PostgresError.userFlagRefused(login: try conn.sessionUser()) }
    try PostgresUsers.add(conn, name: name, role: role, password: try password())
    return strings(
      "cli.user.addedLogin", name.trimmingCharacters(in: .whitespacesAndNewlines), role.rawValue,
      strings("role.\(role.rawValue)"))
  }
}

/// Reading a new password: from the terminal with echo off, or from standard input
/// for scripts. Never from an argument (it would show in `ps` and shell history).
public enum PasswordInput {
  /// The first line of standard input, without its line ending.
  public static func fromStandardInput() -> String {
    var line = readLine(strippingNewline: true) ?? ""
    if line.hasSuffix("\r") { line.removeLast() }
    return line
  }

  /// Asks twice on the controlling terminal (`/dev/tty`, so it works with standard
  /// input redirected) with echo off, restoring the terminal's mode even on error.
  public static func prompt(for name: String, strings: Strings) throws -> String {
    let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
    guard fd >= 0 else { throw CLIError(strings("error.password.noTerminal")) }
    defer { close(fd) }
    var saved = termios()
    guard tcgetattr(fd, &saved) == 0 else { throw CLIError(strings("error.password.noTerminal")) }
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    silent.c_lflag |= tcflag_t(ICANON)
    tcsetattr(fd, TCSAFLUSH, &silent)
    defer { tcsetattr(fd, TCSAFLUSH, &saved) }
    func ask(_ text: String) -> String {
      let shown = Array(TerminalOutput.forTerminal(text).utf8)
      _ = Output.writeAll(shown, to: fd)
      var bytes: [UInt8] = []
      var byte: UInt8 = 0
      while read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
      _ = Output.writeAll(Array("\n".utf8), to: fd)
      if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
      return String(decoding: bytes, as: UTF8.self)
    }
    let first = ask(strings("cli.password.prompt", name))
    let second = ask(strings("cli.password.again"))
    guard first == second else { throw CLIError(strings("error.password.mismatch")) }
    return first
  }
}
