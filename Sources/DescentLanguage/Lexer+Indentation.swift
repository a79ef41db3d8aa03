/// The lexer's indentation state, after CPython's tokenizer: a stack of
/// open indentation levels; INDENT when a line is deeper than the top,
/// DEDENT for each level a line leaves.
///
/// Why in the lexer: the parser then never counts spaces, so a colon block
/// (`INDENT statements DEDENT`) and a brace block (`{ statements }`) meet
/// the same parser rules. Indentation is ignored inside ( ) and [ ], as in
/// Python, and inside { } until a colon block opens there: brace blocks
/// stay free-form, however their lines are indented.
struct IndentationLayout {
  /// One open level: its width with tabs to multiples of 8, and with a tab
  /// counted as one column. CPython compares both, so "\t" and eight
  /// spaces never pass for the same level ("inconsistent use of tabs").
  struct Level: Equatable {
    var width: Int
    var narrowWidth: Int
  }

  var levels: [Level] = [Level(width: 0, narrowWidth: 0)]
  /// For each open `{`: how many levels were open when it opened.
  var braceBases: [Int] = []
  /// Tokens to hand out before lexing on (DEDENTs, then what they precede).
  var queue: [Token] = []
  var atLineStart = true
  /// The kind of the last token handed out: a line that ends with ':'
  /// opens a colon block.
  var lastKind: Token.Kind = .newline
  /// Whether the line just ended with ':' (a block is expected next).
  var blockExpected = false
  /// Off for a lexer over an f-string's field.
  var tracksIndentation = true
  /// Set at the end: the input stopped inside a colon block or right
  /// after a ':' (the REPL then asks for more lines).
  var endedInsideBlock = false

  mutating func takeQueued() -> Token? {
    queue.isEmpty ? nil : queue.removeFirst()
  }

  /// A NEWLINE is being handed out: the next line starts a line.
  mutating func endLine() {
    blockExpected = lastKind == .colon
    atLineStart = true
  }

  /// How many levels may be closed: those above the innermost `{`.
  var base: Int { braceBases.last ?? 1 }

  /// Whether indentation counts here: outside braces, or inside a colon
  /// block opened within them, or where one is about to open.
  var counts: Bool { braceBases.isEmpty || levels.count > base || blockExpected }

  mutating func openBrace() {
    braceBases.append(levels.count)
  }

  /// A `}`: the colon blocks opened inside the braces end with it.
  mutating func closeBrace(_ closer: Token) -> Token {
    guard let opened = braceBases.popLast() else { return closer }
    let dedent = Token(.dedent, "", SourceRange(closer.range.start, closer.range.start))
    while levels.count > max(1, opened) {
      levels.removeLast()
      queue.append(dedent)
    }
    guard !queue.isEmpty else { return closer }
    queue.append(closer)
    return queue.removeFirst()
  }
}

extension Lexer {
  /// The INDENT or DEDENT a line's leading whitespace makes, if any (more
  /// DEDENTs queued); nil for none. Blank and comment-only lines are
  /// skipped whole, as in Python: they neither indent nor end a block.
  mutating func indentation() -> Token? {
    while true {
      let lineStart = location
      var width = 0
      var narrowWidth = 0
      var sawTab = false
      var sawSpace = false
      while index < bytes.count {
        switch peek() {
        case UInt8(ascii: " "):
          width += 1
          narrowWidth += 1
          sawSpace = true
        case UInt8(ascii: "\t"):
          width = (width / 8 + 1) * 8
          narrowWidth += 1
          sawTab = true
        case 0x0C:  // form feed: resets the count, as in CPython
          width = 0
          narrowWidth = 0
        default:
          break
        }
        guard [UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C].contains(peek()) else { break }
        advance()
      }
      let c = peek()
      let blank =
        index >= bytes.count || c == UInt8(ascii: "\n") || c == UInt8(ascii: "#")
        || (c == UInt8(ascii: "\r") && (peek(1) == UInt8(ascii: "\n") || index + 1 >= bytes.count))
      if blank {
        // Skip the comment and the line break; the next line starts a line.
        while index < bytes.count, peek() != UInt8(ascii: "\n") { advance() }
        guard index < bytes.count else { return nil }
        advance()
        continue
      }
      guard layout.counts else { return nil }
      let here = location
      let spot = SourceRange(here, here)
      let level = IndentationLayout.Level(width: width, narrowWidth: narrowWidth)
      let top = layout.levels[layout.levels.count - 1]
      if width == top.width {
        if narrowWidth != top.narrowWidth { inconsistentTabs(at: spot, mixed: sawTab && sawSpace) }
        return nil
      }
      if width > top.width {
        if narrowWidth <= top.narrowWidth { inconsistentTabs(at: spot, mixed: sawTab && sawSpace) }
        layout.levels.append(level)
        return Token(.indent, text(from: lineStart), SourceRange(lineStart, here))
      }
      // A shallower line: close levels down to one it matches.
      let openBefore = openColumns()
      var dedents = 0
      while layout.levels.count > layout.base, width < layout.levels[layout.levels.count - 1].width {
        layout.levels.removeLast()
        dedents += 1
      }
      let reached = layout.levels[layout.levels.count - 1]
      if width != reached.width, layout.braceBases.isEmpty || layout.levels.count > layout.base {
        diagnostics.append(
          Diagnostic(
            "unindent does not match any outer indentation level", at: spot, phase: .syntax,
            notes: ["the open blocks are indented to column\(openBefore); line this one up with one of them"]))
      } else if width == reached.width, narrowWidth != reached.narrowWidth {
        inconsistentTabs(at: spot, mixed: sawTab && sawSpace)
      }
      guard dedents > 0 else { return nil }
      let dedent = Token(.dedent, "", spot)
      for _ in 1..<dedents { layout.queue.append(dedent) }
      return dedent
    }
  }

  /// The columns of the open levels, for a message: " 1 and 5".
  private func openColumns() -> String {
    let columns = layout.levels.map { String($0.width + 1) }
    return (columns.count == 1 ? " " : "s ") + columns.dropLast().joined(separator: ", ")
      + (columns.count > 1 ? " and " : "") + columns[columns.count - 1]
  }

  private mutating func inconsistentTabs(at spot: SourceRange, mixed: Bool) {
    diagnostics.append(
      Diagnostic(
        "inconsistent use of tabs and spaces in indentation", at: spot, phase: .syntax,
        notes: [
          mixed
            ? "this line mixes tabs and spaces; indent with spaces only (4 per level)"
            : "a tab and spaces give the same width only by accident; indent with spaces only (4 per level)"
        ]))
  }

  /// The end of input: a NEWLINE if the last line had none, a DEDENT for
  /// each open level, then EOF (CPython's order).
  mutating func endOfInput(at start: SourceLocation) -> Token {
    let eof = Token(.eof, "", SourceRange(start, start))
    layout.endedInsideBlock = layout.levels.count > 1 || layout.blockExpected
      || (layout.lastKind == .colon)
    guard layout.tracksIndentation, layout.levels.count > 1 else { return eof }
    let dedent = Token(.dedent, "", SourceRange(start, start))
    var tokens: [Token] = []
    if layout.lastKind != .newline && layout.lastKind != .dedent {
      tokens.append(Token(.newline, "", SourceRange(start, start)))
    }
    while layout.levels.count > 1 {
      layout.levels.removeLast()
      tokens.append(dedent)
    }
    tokens.append(eof)
    layout.queue.append(contentsOf: tokens.dropFirst())
    return tokens[0]
  }
}
