/// The colours a terminal chart uses (ANSI SGR foreground codes).
public enum TerminalColor: UInt8, Sendable, Hashable, CaseIterable {
  case blue = 34
  case red = 31
  case green = 32
  case magenta = 35
  case yellow = 33
  case cyan = 36
  case gray = 90
}

/// A grid of character cells drawn with dots: Unicode braille (2×4 dots per
/// cell, U+2800 plus a bit per dot) or, for terminals that are not UTF-8, an
/// ASCII fallback with 1×2 dots per cell (`'` top, `.` bottom, `:` both).
/// Cells can also hold a text character (a marker, a label) or a shade (a
/// heatmap cell), each with an optional colour.
public struct BrailleCanvas: Sendable, Hashable {
  /// How dots become characters.
  public enum Mode: Sendable, Hashable {
    case braille
    case ascii
  }

  public let columns: Int
  public let rows: Int
  public let mode: Mode
  private var dots: [UInt8]
  private var text: [Character?]
  private var shades: [UInt8]
  private var colors: [TerminalColor?]

  /// Creates an empty canvas of `columns` × `rows` character cells.
  public init(columns: Int, rows: Int, mode: Mode = .braille) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.mode = mode
    let count = self.columns * self.rows
    dots = Array(repeating: 0, count: count)
    text = Array(repeating: nil, count: count)
    shades = Array(repeating: 0, count: count)
    colors = Array(repeating: nil, count: count)
  }

  /// Dots per cell across.
  public var dotsPerColumn: Int { mode == .braille ? 2 : 1 }
  /// Dots per cell down.
  public var dotsPerRow: Int { mode == .braille ? 4 : 2 }
  /// Width of the canvas in dots.
  public var dotWidth: Int { columns * dotsPerColumn }
  /// Height of the canvas in dots.
  public var dotHeight: Int { rows * dotsPerRow }

  /// The characters used for shades 1…4 (0 is blank).
  public var shadeGlyphs: [Character] {
    mode == .braille ? ["·", "░", "▒", "▓"] : ["-", "=", "+", "#"]
  }

  // MARK: - Drawing

  /// Turns on the dot at (x, y), counted from the top left; dots off the
  /// canvas are ignored.
  public mutating func setDot(x: Int, y: Int, color: TerminalColor? = nil) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / dotsPerRow) * columns + x / dotsPerColumn
    dots[cell] |= bit(x % dotsPerColumn, y % dotsPerRow)
    // A marker or label keeps its own colour; dots behind it are hidden anyway.
    if let color, text[cell] == nil { colors[cell] = color }
  }

  /// Whether the dot at (x, y) is on.
  public func isDotSet(x: Int, y: Int) -> Bool {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
    return dots[(y / dotsPerRow) * columns + x / dotsPerColumn]
      & bit(x % dotsPerColumn, y % dotsPerRow) != 0
  }

  /// Draws a straight line of dots from one dot to another (Bresenham).
  /// With `dashed`, every other run of four dots is left out, counting from
  /// `dashOffset`; the result is the offset to pass for the next segment, so
  /// a curve drawn as many short segments keeps one dash rhythm. Endpoints
  /// further than 2^24 dots away are ignored (renderers clip lines first).
  @discardableResult
  public mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: TerminalColor? = nil,
    dashed: Bool = false,
    dashOffset: Int = 0
  ) -> Int {
    let limit: UInt = 1 << 24
    guard [start.x, start.y, end.x, end.y].allSatisfy({ $0.magnitude <= limit }) else {
      return dashOffset
    }
    var (x, y) = start
    let dx = abs(end.x - x)
    let dy = -abs(end.y - y)
    let stepX = x < end.x ? 1 : -1
    let stepY = y < end.y ? 1 : -1
    var error = dx + dy
    var index = dashOffset
    // Bounded by the longer side, so a bad endpoint can never spin forever.
    for _ in 0...(max(dx, -dy)) {
      if !dashed || (index / 4) % 2 == 0 { setDot(x: x, y: y, color: color) }
      if x == end.x && y == end.y { break }
      index = (index + 1) % 8
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
    return index
  }

  /// Puts a character in a cell, in front of any dots or shade there.
  public mutating func put(
    _ character: Character, column: Int, row: Int, color: TerminalColor? = nil
  ) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    text[row * columns + column] = character
    colors[row * columns + column] = color
  }

  /// Writes `string` from a cell rightwards if every cell it needs is on the
  /// canvas and free of text (and, unless `overDots`, of dots); returns
  /// whether it was written. Labels use this so they never hide each other.
  @discardableResult
  public mutating func write(
    _ string: String, column: Int, row: Int, color: TerminalColor? = nil, overDots: Bool = false
  ) -> Bool {
    let characters = Array(string)
    guard column >= 0, row >= 0, row < rows, column + characters.count <= columns else {
      return false
    }
    for offset in characters.indices {
      let cell = row * columns + column + offset
      if text[cell] != nil || (!overDots && dots[cell] != 0) { return false }
    }
    for (offset, character) in characters.enumerated() {
      put(character, column: column + offset, row: row, color: color)
    }
    return true
  }

  /// Shades a cell at `level` 0 (blank) … 4 (darkest); dots and text show in front.
  public mutating func shade(column: Int, row: Int, level: Int, color: TerminalColor? = nil) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    let cell = row * columns + column
    shades[cell] = UInt8(max(0, min(4, level)))
    if let color, colors[cell] == nil { colors[cell] = color }
  }

  // MARK: - Output

  /// The canvas as lines of text, trailing blanks removed; with `color`,
  /// coloured cells are wrapped in ANSI escape codes.
  public func lines(color: Bool = false) -> [String] {
    (0..<rows).map { row in
      var line = ""
      var current: TerminalColor?
      var pendingBlanks = 0
      for column in 0..<columns {
        let cell = row * columns + column
        let glyph = character(at: cell)
        if glyph == " " {
          pendingBlanks += 1
          continue
        }
        let wanted = color ? colors[cell] : nil
        if wanted != current {
          if current != nil { line += "\u{1B}[0m" }
          current = nil
        }
        line += String(repeating: " ", count: pendingBlanks)
        pendingBlanks = 0
        if wanted != current, let wanted {
          line += "\u{1B}[\(wanted.rawValue)m"
          current = wanted
        }
        line.append(glyph)
      }
      if current != nil { line += "\u{1B}[0m" }
      return line
    }
  }

  /// The character a cell shows (a blank for cells off the canvas).
  /// Whether a cell holds text (a label or a marker) rather than dots or
  /// nothing; cells off the canvas hold none.
  public func hasText(column: Int, row: Int) -> Bool {
    guard column >= 0, row >= 0, column < columns, row < rows else { return false }
    return text[row * columns + column] != nil
  }

  public func character(column: Int, row: Int) -> Character {
    guard column >= 0, row >= 0, column < columns, row < rows else { return " " }
    return character(at: row * columns + column)
  }

  private func character(at cell: Int) -> Character {
    if let character = text[cell] { return character }
    let pattern = dots[cell]
    if pattern != 0 {
      switch mode {
      case .braille:
        return Character(Unicode.Scalar(0x2800 + UInt32(pattern)) ?? " ")
      case .ascii:
        return pattern == 0b11 ? ":" : pattern == 0b01 ? "'" : "."
      }
    }
    let shade = Int(shades[cell])
    return shade == 0 ? " " : shadeGlyphs[shade - 1]
  }

  /// The bit of a dot inside its cell. Braille numbers its dots down the left
  /// column 1-2-3, down the right 4-5-6, then 7 and 8 along the bottom row.
  private func bit(_ x: Int, _ y: Int) -> UInt8 {
    switch mode {
    case .ascii:
      return y == 0 ? 0b01 : 0b10
    case .braille:
      if y == 3 { return x == 0 ? 0x40 : 0x80 }
      return UInt8(1 << (y + 3 * x))
    }
  }
}
