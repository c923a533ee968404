/// A problem the user must read. Lower layers never hold user-facing text: they
/// name a string-table key (e.g. `"error.import.badDate"`) and its arguments, and
/// the App renders it in the user's language. `key` must exist in both tables.
public protocol UserMessage: Sendable {
  var key: String { get }
  var args: [String] { get }
}

/// A plain message value, for warnings and validation results.
public struct Message: UserMessage, Hashable {
  public var key: String
  public var args: [String]
  public init(_ key: String, _ args: String...) {
    self.key = key
    self.args = args
  }
  public init(key: String, args: [String]) {
    self.key = key
    self.args = args
  }
}
