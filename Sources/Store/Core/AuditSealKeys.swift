import Crypto
import Domain
import Foundation

/// What can go wrong with seal keys, seal files and seals, in the user's language
/// (keys in `SealStoreKeys.all`).
public enum SealError: Error, UserMessage, Equatable {
  /// keygen would overwrite an existing file.
  case fileExists(String)
  case cannotWrite(String, String)
  case cannotRead(String)
  /// Not a key file of the expected kind (private or public).
  case badKeyFile(String)
  /// `audit seal` with a key that is not the trusted one.
  case notTrusted(String)
  case noTrustedKey
  case alreadyTrusted(String)
  /// A second `audit trust` without `--signed-by` the key it replaces.
  case replacementNeedsOldKey(String)
  /// `--signed-by` a key that is not the trusted one.
  case wrongOldKey(String)
  /// The log is broken; a seal would certify the damage.
  case logBroken(String)

  public var key: String {
    switch self {
    case .fileExists: return "error.seal.fileExists"
    case .cannotWrite: return "error.seal.cannotWrite"
    case .cannotRead: return "error.seal.cannotRead"
    case .badKeyFile: return "error.seal.badKeyFile"
    case .notTrusted: return "error.seal.notTrusted"
    case .noTrustedKey: return "error.seal.noTrustedKey"
    case .alreadyTrusted: return "error.seal.alreadyTrusted"
    case .replacementNeedsOldKey: return "error.seal.replacementNeedsOldKey"
    case .wrongOldKey: return "error.seal.wrongOldKey"
    case .logBroken: return "error.seal.logBroken"
    }
  }

  public var args: [String] {
    switch self {
    case .fileExists(let a), .cannotRead(let a), .badKeyFile(let a), .notTrusted(let a),
      .alreadyTrusted(let a), .replacementNeedsOldKey(let a), .wrongOldKey(let a), .logBroken(let a):
      return [a]
    case .cannotWrite(let a, let b): return [a, b]
    case .noTrustedKey: return []
    }
  }
}

/// The string-table keys of seals (listed in `StoreMessageKeys.all`).
public enum SealStoreKeys {
  public static let all = [
    "error.seal.fileExists", "error.seal.cannotWrite", "error.seal.cannotRead", "error.seal.badKeyFile",
    "error.seal.notTrusted", "error.seal.noTrustedKey", "error.seal.alreadyTrusted",
    "error.seal.replacementNeedsOldKey", "error.seal.wrongOldKey", "error.seal.logBroken",
  ]
}

/// The committee's Ed25519 keys as text files: a header line naming the algorithm and
/// the kind, then the raw 32-byte key in base64. The private file is created with mode
/// 0600 and O_EXCL (never overwriting); the public one is `FILE.pub`.
public enum SealKeys {
  static let privateHeader = "gongzhi audit key: Ed25519 private key"
  static let publicHeader = "gongzhi audit key: Ed25519 public key"

  /// A short name for a public key: the first 8 bytes of its SHA-256, in hex.
  public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
    hex(Array(SHA256.hash(data: key.rawRepresentation).prefix(8)))
  }

  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Writes a new key pair to `path` and `path.pub`; returns the key id.
  public static func generate(to path: String) throws -> String {
    let publicPath = path + ".pub"
    for p in [path, publicPath] where FileManager.default.fileExists(atPath: p) {
      throw SealError.fileExists(p)
    }
    let key = Curve25519.Signing.PrivateKey()
    let id = keyID(key.publicKey)
    try create(
      path, mode: 0o600, text: privateHeader + "\n" + key.rawRepresentation.base64EncodedString() + "\n")
    try create(
      publicPath, mode: 0o644,
      text: publicHeader + " " + id + "\n" + key.publicKey.rawRepresentation.base64EncodedString() + "\n")
    return id
  }

  private static func create(_ path: String, mode: mode_t, text: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
    guard fd >= 0 else {
      if errno == EEXIST { throw SealError.fileExists(path) }
      throw SealError.cannotWrite(path, String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw SealError.cannotWrite(path, String(cString: strerror(errno))) }
  }

  /// The raw key in a key file whose first line starts with `header`.
  private static func raw(_ path: String, header: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path), data.count < 4096 else {
      throw SealError.cannotRead(path)
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    guard lines.count == 2, lines[0].hasPrefix(header),
      let raw = Data(base64Encoded: String(lines[1]).trimmingCharacters(in: .whitespaces)), raw.count == 32
    else { throw SealError.badKeyFile(path) }
    return raw
  }

  public static func loadPrivate(_ path: String) throws -> Curve25519.Signing.PrivateKey {
    do {
      return try Curve25519.Signing.PrivateKey(rawRepresentation: raw(path, header: privateHeader))
    } catch let error as SealError { throw error } catch { throw SealError.badKeyFile(path) }
  }

  public static func loadPublic(_ path: String) throws -> Curve25519.Signing.PublicKey {
    do {
      return try Curve25519.Signing.PublicKey(rawRepresentation: raw(path, header: publicHeader))
    } catch let error as SealError { throw error } catch { throw SealError.badKeyFile(path) }
  }

  static func publicKey(base64: String) -> Curve25519.Signing.PublicKey? {
    guard let raw = Data(base64Encoded: base64) else { return nil }
    return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
  }

  /// What the replaced key signs when a new key is trusted.
  static func endorsementMessage(_ newKey: Curve25519.Signing.PublicKey) -> Data {
    Data(("gongzhi-trust/1 " + newKey.rawRepresentation.base64EncodedString()).utf8)
  }
}
