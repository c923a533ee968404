/// Terminal columns of one scalar, from the generated `WidthTables`. It lives in
/// Domain so messages built below the TUI (an import error quoting a bad value) are
/// measured exactly as the screen measures them; `TUI.DisplayWidth` calls it.
public enum ColumnWidth {
  /// 0, 1 or 2. Unprintable scalars count 1 (the screen shows a replacement mark).
  public static func of(_ scalar: Unicode.Scalar, ambiguousIsWide: Bool = false) -> Int {
    let v = scalar.value
    if v < 0x7F { return 1 }
    if contains(WidthTables.zero, v) { return 0 }
    if contains(WidthTables.wide, v) { return 2 }
    if ambiguousIsWide && contains(WidthTables.ambiguous, v) { return 2 }
    return 1
  }

  /// Whether the C library could print this scalar at all.
  public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    !contains(WidthTables.unprintable, scalar.value)
  }

  /// Binary search over sorted, disjoint ranges.
  public static func contains(_ ranges: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
    var lo = 0
    var hi = ranges.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      let r = ranges[mid]
      if v < r.lowerBound {
        hi = mid - 1
      } else if v > r.upperBound {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }
}
