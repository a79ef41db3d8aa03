/// A place in a source text: 1-based line and column, and the byte offset.
///
/// Columns count Unicode scalars from the start of the line, so a caret drawn
/// under a line of the source lands under the character the column names.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  /// Offset in UTF-8 bytes from the start of the source.
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
  public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text, from `start` up to (not including) `end`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(_ start: SourceLocation, _ end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// The smallest range covering both ranges.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }

  public var description: String { "\(start)-\(end)" }
}

/// A named source text: a script file, a REPL line, a notebook cell.
///
/// `lineOffset` shifts reported lines, so an error in a notebook cell points
/// at the line of the markdown file, not the line inside the cell.
public struct Source: Sendable {
  public var name: String
  public var text: String
  public var lineOffset: Int
  /// Added to reported columns: a cell indented inside a markdown list
  /// has its code's indentation removed before it runs.
  public var columnOffset: Int

  public init(name: String, text: String, lineOffset: Int = 0, columnOffset: Int = 0) {
    self.name = name
    self.text = text
    self.lineOffset = lineOffset
    self.columnOffset = columnOffset
  }

  /// The text of a 1-based line of this source, without its line break.
  public func line(_ number: Int) -> Substring? {
    var current = 1
    var lineStart = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
      if current == number { break }
      if text[index] == "\n" {
        current += 1
        lineStart = text.index(after: index)
      }
      index = text.index(after: index)
    }
    guard current == number else { return nil }
    var lineEnd = lineStart
    while lineEnd < text.endIndex, text[lineEnd] != "\n", text[lineEnd] != "\r\n" {
      lineEnd = text.index(after: lineEnd)
    }
    return text[lineStart..<lineEnd]
  }
}

/// Something the user caused that went wrong, with where it happened.
///
/// Every error a user can cause is one of these values: the parser collects
/// them, the interpreter throws them, and the surfaces (REPL, `run`,
/// notebooks) print them with `render(source:)`. Nothing a user types is
/// reported by crashing.
public struct Diagnostic: Error, Hashable, Sendable {
  /// How bad it is: errors stop the run; warnings (divergence) do not.
  public enum Severity: String, Sendable { case error, warning }
  /// Which stage found it; decides the exit code of `descent run`.
  public enum Phase: String, Sendable { case syntax, runtime, interrupt }

  public var severity: Severity
  public var phase: Phase
  public var message: String
  public var range: SourceRange
  /// Extra lines: "to close '{' at line 3", "did you mean 'weight'?".
  public var notes: [String]

  public init(
    _ message: String, at range: SourceRange, phase: Phase = .runtime,
    severity: Severity = .error, notes: [String] = []
  ) {
    self.message = message
    self.range = range
    self.phase = phase
    self.severity = severity
    self.notes = notes
  }

  /// The diagnostic as a user sees it:
  ///
  ///     lesson.descent:3:7: error: expected ')' to close '(' at 3:3, found end of line
  ///         print (1 + 2
  ///               ^
  public func render(source: Source, color: Bool = false) -> String {
    let line = range.start.line + source.lineOffset
    let label =
      color
      ? (severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;35m") + severity.rawValue + "\u{1B}[0m"
      : severity.rawValue
    var out = "\(source.name):\(line):\(range.start.column + source.columnOffset): \(label): \(Diagnostic.clipped(message))"
    if let text = source.line(range.start.line) {
      var shown = Array(text.replacingTabs())
      var column = range.start.column
      // A very long line is shown as a window around the spot, so one
      // pasted 100 KB line does not fill the screen.
      let window = 120
      if shown.count > window {
        let start = max(0, min(column - 1 - window / 2, shown.count - window))
        let end = min(shown.count, start + window)
        shown = (start > 0 ? ["…"] : []) + Array(shown[start..<end]) + (end < shown.count ? ["…"] : [])
        column = column - start + (start > 0 ? 1 : 0)
      }
      out += "\n    " + String(shown) + "\n    "
      out += String(repeating: " ", count: max(0, column - 1))
      // Underline the whole range when it stays on one line, else one caret.
      let width =
        range.end.line == range.start.line ? max(1, range.end.column - range.start.column) : 1
      let underline = "^" + String(repeating: "~", count: min(width, max(1, shown.count + 1 - column + 1)) - 1)
      out += color ? "\u{1B}[1;32m" + underline + "\u{1B}[0m" : underline
    }
    for note in notes { out += "\n  note: " + Diagnostic.clipped(note) }
    return out
  }

  /// A message cut to a readable length (a message quoting a 100 KB name
  /// would otherwise be 100 KB long).
  static func clipped(_ text: String) -> String {
    text.count <= 300 ? text : String(text.prefix(300)) + "… (\(text.count - 300) more characters)"
  }
}

extension Substring {
  /// Tabs become one space each so caret columns line up with the text.
  fileprivate func replacingTabs() -> String {
    String(self.map { $0 == "\t" ? " " : $0 })
  }
}
