/// The one rule for control characters in text entered or imported: C0 controls,
/// DEL and C1 controls (such as CSI U+009B) are refused everywhere, because stored
/// text reaches terminals, exports and other programs; tab and line breaks only in
/// fields that are multi-line by nature (reasons, replies, notes, contents).
public enum TextRule {
  /// The key of the message for a refused control character; its argument is the
  /// 1-based character position within the field.
  public static let controlCharacterKey = "error.text.controlCharacter"

  /// The 1-based character position of the first control character not allowed in
  /// `text`, or nil when there is none. With `allowNewlines`, tab and line breaks
  /// (LF, CRLF, CR: CSV files may use any of them inside a quoted field) are allowed.
  public static func controlCharacter(in text: some StringProtocol, allowNewlines: Bool) -> Int? {
    // Fast path: no byte of a C0, DEL or C1 control (C1 is C2 80…C2 9F in UTF-8).
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) { return nil }
    var position = 0
    for character in text {
      position += 1
      if allowNewlines && lineBreakOrTab.contains(character) { continue }
      if character.unicodeScalars.contains(where: isControl) { return position }
    }
    return nil
  }

  /// Not `Character.isNewline`: that also takes NEL (a C1 control), VT and FF.
  private static let lineBreakOrTab: Set<Character> = ["\n", "\r\n", "\r", "\t"]

  /// C0 controls, DEL and C1 controls.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
  }

  /// The issue for `field` when `text` holds a control character it may not hold.
  public static func issue(field: String, text: some StringProtocol, allowNewlines: Bool) -> FieldIssue? {
    controlCharacter(in: text, allowNewlines: allowNewlines).map {
      FieldIssue(field: field, message: Message(controlCharacterKey, String($0)))
    }
  }
}
