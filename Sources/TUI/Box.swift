extension ScreenBuffer {
  /// Draws a border around `rect` with an optional title on the top edge (clipped to
  /// fit) and returns the inner rectangle. Rects narrower or shorter than 2 draw nothing.
  @discardableResult
  public mutating func drawBox(
    _ rect: Rect, title: String? = nil, role: StyleRole = .border, titleRole: StyleRole = .title,
    glyphs: Glyphs
  ) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
    let x1 = rect.maxX - 1
    let y1 = rect.maxY - 1
    for x in (rect.x + 1)..<x1 {
      put(glyphs.horizontal, x: x, y: rect.y, role: role)
      put(glyphs.horizontal, x: x, y: y1, role: role)
    }
    for y in (rect.y + 1)..<y1 {
      put(glyphs.vertical, x: rect.x, y: y, role: role)
      put(glyphs.vertical, x: x1, y: y, role: role)
    }
    put(glyphs.topLeft, x: rect.x, y: rect.y, role: role)
    put(glyphs.topRight, x: x1, y: rect.y, role: role)
    put(glyphs.bottomLeft, x: rect.x, y: y1, role: role)
    put(glyphs.bottomRight, x: x1, y: y1, role: role)
    if let title, !title.isEmpty, rect.width >= 6 {
      let room = rect.width - 4
      let shown = DisplayWidth.current.clip(SafeText.visible(title), to: room - 2, ellipsis: glyphs.ellipsis)
      if !shown.isEmpty {
        put(" " + shown + " ", x: rect.x + 2, y: rect.y, role: titleRole, maxWidth: room)
      }
    }
    return rect.inset(by: 1)
  }

  /// Clears `rect` to spaces in `role`, blanking any wide character cut by its edges.
  public mutating func clear(_ rect: Rect, role: StyleRole = .normal) {
    fill(rect, with: " ", role: role)
  }
}

/// A bordered panel: `Box(title: "组织").render(into: &buffer, in: rect, glyphs: .unicode)`.
public struct Box: Hashable, Sendable {
  public var title: String?
  public var role: StyleRole
  public var titleRole: StyleRole
  /// Clear the inside before drawing the border.
  public var clears: Bool

  public init(
    title: String? = nil, role: StyleRole = .border, titleRole: StyleRole = .title, clears: Bool = false
  ) {
    self.title = title
    self.role = role
    self.titleRole = titleRole
    self.clears = clears
  }

  /// Draws the box and returns the inner rectangle.
  @discardableResult
  public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) -> Rect {
    if clears { buffer.clear(rect) }
    return buffer.drawBox(rect, title: title, role: role, titleRole: titleRole, glyphs: glyphs)
  }
}
