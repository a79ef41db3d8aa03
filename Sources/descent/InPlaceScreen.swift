import DescentPlot

/// Lines drawn at the bottom of a terminal that the next drawing replaces
/// in place: the live view's frame and counter, `explore`'s frame. It
/// returns the text to write; the caller writes it in one go.
struct InPlaceScreen {
  /// Lines now on screen, counted from the first one drawn.
  private(set) var drawnLines = 0
  /// Their widths in cells, to count the rows they take after a terminal
  /// narrows and rewraps them.
  private var drawnWidths: [Int] = []
  /// The terminal's width when they were drawn.
  private var drawnColumns = 0

  /// The text that replaces what was drawn last with `lines`.
  ///
  /// Each line clears its own rest ("erase in line"); "erase below" comes
  /// only after the last line, for what a taller frame left. Erasing below
  /// from the top-left corner would be a clear screen, which tmux pushes
  /// into the scrollback (scroll-on-clear): a frame at the top of the
  /// screen (after a resize) then piled up copies of itself.
  mutating func draw(_ lines: [String]) -> String {
    var text = moveToFrameStart()
    for line in lines { text += line + "\u{1B}[K\n" }
    drawnLines = lines.count
    drawnWidths = lines.map(InPlaceScreen.visibleWidth)
    drawnColumns = TerminalRenderer.terminalSize().columns
    return text + "\u{1B}[J"
  }

  /// The text that removes what was drawn, row by row for the reason
  /// `draw` gives, ending where the frame began.
  mutating func erase() -> String {
    guard drawnLines > 0 else { return "" }
    let rows = frameRows()
    var text = moveToFrameStart()
    for row in 0..<rows { text += "\u{1B}[2K" + (row < rows - 1 ? "\u{1B}[1B" : "") }
    if rows > 1 { text += "\u{1B}[\(rows - 1)A" }
    forget()
    return text
  }

  /// Leaves what is drawn on screen for good: nothing will replace it.
  mutating func forget() {
    drawnLines = 0
  }

  /// To column 1 of the first line drawn. After the terminal narrowed,
  /// terminals that rewrap (tmux, VTE, iTerm2, kitty) spread a long line
  /// over several rows, so the rows are counted at the new width.
  private func moveToFrameStart() -> String {
    drawnLines > 0 ? "\r\u{1B}[\(frameRows())A" : "\r"
  }

  /// The rows the drawn lines take now.
  private func frameRows() -> Int {
    let columns = TerminalRenderer.terminalSize().columns
    guard columns < drawnColumns, columns > 0 else { return drawnLines }
    return drawnWidths.reduce(0) { $0 + max(1, ($1 + columns - 1) / columns) }
  }

  /// Cells a line takes: its characters without ANSI colour sequences.
  static func visibleWidth(_ line: String) -> Int {
    var width = 0
    var inEscape = false
    for character in line {
      if inEscape {
        if character.isLetter { inEscape = false }
      } else if character == "\u{1B}" {
        inEscape = true
      } else {
        width += 1
      }
    }
    return width
  }
}
