public struct Size: Hashable, Sendable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

public struct Point: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

public struct Rect: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  public func contains(_ p: Point) -> Bool {
    p.x >= x && p.x < maxX && p.y >= y && p.y < maxY
  }

  /// The rectangle shrunk by `n` cells on every side.
  public func inset(by n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }

  /// Splits off `columns` on the left; the rest is the second value.
  public func splitLeft(_ columns: Int) -> (Rect, Rect) {
    let w = min(max(0, columns), width)
    return (
      Rect(x: x, y: y, width: w, height: height),
      Rect(x: x + w, y: y, width: width - w, height: height)
    )
  }

  /// Splits off `rows` at the top; the rest is the second value.
  public func splitTop(_ rows: Int) -> (Rect, Rect) {
    let h = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: h),
      Rect(x: x, y: y + h, width: width, height: height - h)
    )
  }

  /// Splits off `rows` at the bottom; the rest (above) is the first value.
  public func splitBottom(_ rows: Int) -> (Rect, Rect) {
    let h = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: height - h),
      Rect(x: x, y: y + height - h, width: width, height: h)
    )
  }

  /// A rectangle of the given size centred in this one (clamped to fit).
  public func centered(width w: Int, height h: Int) -> Rect {
    let ww = min(w, width)
    let hh = min(h, height)
    return Rect(x: x + (width - ww) / 2, y: y + (height - hh) / 2, width: ww, height: hh)
  }
}
