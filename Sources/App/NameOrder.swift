import Foundation

/// Chinese names in the order people look them up: by pinyin (阿 丁 李 王 张 …),
/// as printed rosters are, rather than by code point.
enum NameOrder {
  private static let pinyin = Locale(identifier: "zh@collation=pinyin")

  static func ascending(_ a: String, _ b: String) -> Bool {
    a.compare(b, options: [], range: nil, locale: pinyin) == .orderedAscending
  }
}
