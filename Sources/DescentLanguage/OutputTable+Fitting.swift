/// Fitting a table to a terminal's width: `show history` is about 110
/// columns for one weight and twice that for three, so at 80 or 100 every
/// row wrapped. A terminal gets the numbers to fewer significant digits,
/// and if that is not enough, the columns on the right left out; a line
/// under the table says what was done and how to see it all. Notebooks,
/// pipes and files keep the full text (`text`), as does `show history wide`.
extension OutputTable {
  /// Significant digits tried in turn, most first.
  static let fittingDigits = [10, 8, 6, 5, 4]

  /// The text to show on a terminal `width` columns wide.
  public func text(fitting width: Int) -> String {
    guard !keepsFullWidth, !header.isEmpty, OutputTable.widest(text) > width else { return text }
    let captionLines = caption.map { [$0] } ?? []
    for digits in OutputTable.fittingDigits {
      let cells = [header] + rows.map { $0.map { OutputTable.shortened($0, digits: digits) } }
      let lines = OutputTable.aligned(cells)
      if OutputTable.widest(lines) <= width {
        let note = "(numbers to \(digits) digits to fit; `show history wide` shows them in full)"
        return (lines + captionLines + [OutputTable.wrapped(note, width: width)]).joined(separator: "\n") + "\n"
      }
    }
    // Still too wide: keep the columns on the left that fit.
    let digits = OutputTable.fittingDigits.last ?? 4
    let cells = [header] + rows.map { $0.map { OutputTable.shortened($0, digits: digits) } }
    var kept = header.count
    while kept > 1, OutputTable.widest(OutputTable.aligned(cells.map { Array($0.prefix(kept)) })) > width {
      kept -= 1
    }
    let lines = OutputTable.aligned(cells.map { Array($0.prefix(kept)) })
    let left = header.dropFirst(kept).joined(separator: ", ")
    let note =
      "(numbers to \(digits) digits and \(left) left out to fit; "
      + "`show history wide` shows all in full)"
    return (lines + captionLines + [OutputTable.wrapped(note, width: width)]).joined(separator: "\n") + "\n"
  }

  /// A number cell to `digits` significant digits, as Python 2's `str`
  /// prints them; other cells (`⋮`, integers) and cells already as short
  /// stay as they are.
  static func shortened(_ cell: String, digits: Int) -> String {
    guard cell.contains(where: { $0 == "." || $0 == "e" }), let value = Double(cell) else { return cell }
    let short = PythonFloat.str(value, significantDigits: digits)
    return short.count < cell.count ? short : cell
  }

  /// Rows of cells right-aligned in columns two spaces apart.
  static func aligned(_ cells: [[String]]) -> [String] {
    var widths: [Int] = []
    for line in cells {
      for (i, cell) in line.enumerated() {
        if i == widths.count { widths.append(0) }
        widths[i] = max(widths[i], cell.count)
      }
    }
    return cells.map { line in
      let padded = line.enumerated().map { i, cell in String(repeating: " ", count: widths[i] - cell.count) + cell }
      return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
    }
  }

  /// The longest line's width in characters.
  static func widest(_ text: String) -> Int { widest(text.split(separator: "\n").map(String.init)) }
  static func widest(_ lines: [String]) -> Int { lines.map(\.count).max() ?? 0 }

  /// A note broken into lines at spaces, each at most `width` characters
  /// where a word allows; a `quoted command` is never broken.
  static func wrapped(_ note: String, width: Int) -> String {
    var words: [String] = []
    var inQuote = false
    for word in note.split(separator: " ") {
      if inQuote { words[words.count - 1] += " " + word } else { words.append(String(word)) }
      if word.filter({ $0 == "`" }).count % 2 == 1 { inQuote.toggle() }
    }
    var lines: [String] = []
    var line = ""
    for word in words {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
