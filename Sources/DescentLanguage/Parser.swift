/// The result of parsing a source: statements, every syntax error found, and
/// whether the input stopped in the middle of something (the REPL then asks
/// for a continuation line instead of reporting an error).
public struct ParseResult: Sendable {
  public var statements: [Stmt]
  public var diagnostics: [Diagnostic]
  /// True when an error "found end of input" inside an open block or
  /// bracket: more lines could still finish the input. (Lua's REPL asks
  /// the same of its parser; an error at the end outside any bracket, as in
  /// `x =`, can never be finished and is reported at once.)
  public var endedEarly: Bool
  /// True when the text ends with a `\` line continuation (its next line
  /// not typed yet).
  public var endsWithContinuation: Bool
  /// Whether the source used a form only Python has (a colon block,
  /// `True`, `None`, an import...): the session then spells booleans and
  /// None as Python does.
  public var usesPythonForms = false
}

/// A recursive-descent parser that follows `Grammar/descent.ebnf` rule for
/// rule. On a syntax error it records a diagnostic and skips to the next
/// statement (panic mode), so one run reports every error.
public struct Parser {
  var tokens: [Token]
  var current = 0
  var diagnostics: [Diagnostic] = []
  var endedEarly = false
  /// Set when a Python-only form is parsed (see `ParseResult`).
  var usesPythonForms = false
  /// Open `{`, `(`, `[` tokens, innermost last: an error at a closer names
  /// where its opener was, as Lua does.
  var openers: [Token] = []
  /// Added to line numbers written into messages ("opened at line 3"), so a
  /// notebook cell's messages name lines of the markdown file.
  var lineOffset = 0
  /// Levels of brackets, blocks, signs and operators the parser is inside.
  var nesting = 0
  /// The most levels accepted. The tree is walked recursively here, by the
  /// resolver, the compiler and at run time, so a bound keeps 10,000 `(`
  /// or a 100,000-term sum a diagnostic instead of a stack overflow.
  static let maxNesting = 200

  /// Thrown to unwind to the enclosing statement after a diagnostic.
  struct Unwind: Error {}

  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Parses a whole source text.
  public static func parse(_ text: String, lineOffset: Int = 0, namesInUse: Set<String> = []) -> ParseResult {
    var lexer = Lexer(text)
    let tokens = lexer.allTokens()
    let lexDiagnostics = lexer.diagnostics
    let continued = lexer.endedWithContinuation
    var parser = Parser(tokens: Parser.wordsAsNames(tokens, namesInUse: namesInUse))
    parser.lineOffset = lineOffset
    let statements = parser.parseProgram()
    let all = (lexDiagnostics + parser.diagnostics).sorted { $0.range.start < $1.range.start }
    // Only a string opened with three quotes may go on to the next line.
    let unterminated = lexDiagnostics.contains {
      $0.message == "unterminated string" && $0.range.end.offset == text.utf8.count
        && $0.notes.contains { $0.contains("three quotes") }
    }
    // A colon block goes on until a blank line, as at Python's prompt.
    let openBlock = lexer.layout.endedInsideBlock && !Parser.endsWithBlankLine(text)
    var result = ParseResult(
      statements: statements, diagnostics: all, endedEarly: parser.endedEarly || unterminated || openBlock,
      endsWithContinuation: continued)
    result.usesPythonForms = parser.usesPythonForms
    return result
  }

  /// Whether the text's last line is empty or blank (the REPL's way to end
  /// a colon block).
  static func endsWithBlankLine(_ text: String) -> Bool {
    guard let lastBreak = text.lastIndex(of: "\n") else { return false }
    return text[text.index(after: lastBreak)...].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
  }

  // MARK: - Token helpers

  var peek: Token { tokens[current] }
  var previous: Token { tokens[max(0, current - 1)] }
  func peek(_ ahead: Int) -> Token { tokens[min(current + ahead, tokens.count - 1)] }
  var atEnd: Bool { peek.kind == .eof }

  func check(_ kind: Token.Kind) -> Bool { peek.kind == kind }

  func checkWord(_ word: String) -> Bool { peek.kind == .name && peek.text == word }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if current < tokens.count - 1 { current += 1 }
    return token
  }

  mutating func match(_ kinds: Token.Kind...) -> Token? {
    if kinds.contains(peek.kind) { return advance() }
    return nil
  }

  mutating func matchWord(_ word: String) -> Token? {
    checkWord(word) ? advance() : nil
  }

  /// Counts one level of nesting, refusing to go past `maxNesting`.
  mutating func deepen(at token: Token) throws {
    guard nesting < Parser.maxNesting else {
      throw report(
        "nested too deeply: more than \(Parser.maxNesting) levels of brackets, blocks or operators",
        at: token, notes: ["split the expression into steps with variables"])
    }
    nesting += 1
  }

  /// Consumes a token of `kind` or reports "expected X, found Y".
  @discardableResult
  mutating func expect(_ kind: Token.Kind, _ what: String, notes: [String] = []) throws -> Token {
    if let token = match(kind) { return token }
    throw report("expected \(what), found \(peek.described)", at: peek, notes: notes)
  }

  mutating func expectWord(_ word: String, _ what: String) throws -> Token {
    if let token = matchWord(word) { return token }
    throw report("expected \(what), found \(peek.described)", at: peek)
  }

  /// Records a syntax error at `token` and returns the error that unwinds
  /// to the statement loop.
  mutating func report(_ message: String, at token: Token, notes: [String] = []) -> Unwind {
    if token.kind == .eof && !openers.isEmpty { endedEarly = true }
    var notes = notes
    if token.kind == .eof || token.kind == .rightBrace || token.kind == .newline,
      let opener = openers.last
    {
      notes.append("unclosed '\(opener.text)' opened at line \(opener.range.start.line + lineOffset), column \(opener.range.start.column)")
    }
    diagnostics.append(Diagnostic(message, at: placeOf(token), phase: .syntax, notes: notes))
    return Unwind()
  }

  /// A place as messages write it: "3:7", with the notebook's line offset.
  func place(_ location: SourceLocation) -> String {
    "\(location.line + lineOffset):\(location.column)"
  }

  /// Where to point at a token: the end of input is shown just after the
  /// last real token, so the caret lands on a line with text on it.
  func placeOf(_ token: Token) -> SourceRange {
    guard token.kind == .eof else { return token.range }
    var i = min(current, tokens.count - 1)
    while i > 0, tokens[i].kind == .eof || tokens[i].kind == .newline { i -= 1 }
    guard i >= 0, tokens[i].kind != .eof, tokens[i].kind != .newline else { return token.range }
    let end = tokens[i].range.end
    return SourceRange(end, end)
  }

  /// Records an error that does not need unwinding (the parse can go on).
  mutating func note(_ message: String, at range: SourceRange, notes: [String] = []) {
    diagnostics.append(Diagnostic(message, at: range, phase: .syntax, notes: notes))
  }

  /// Skips to the start of the next statement after an error: past the next
  /// newline or ';' at this block's depth, or up to a closing '}'.
  mutating func synchronize() {
    var depth = 0
    while !atEnd {
      switch peek.kind {
      case .newline, .semicolon:
        if depth == 0 {
          advance()
          return
        }
      case .leftBrace, .indent:
        depth += 1
      case .rightBrace, .dedent:
        if depth == 0 { return }
        depth -= 1
      default: break
      }
      advance()
    }
  }

  mutating func skipSeparators() {
    while match(.newline, .semicolon) != nil {}
  }

  // MARK: - Program and blocks

  // program = separator* ( statement ( separator+ statement )* )? separator* EOF
  mutating func parseProgram() -> [Stmt] {
    var statements: [Stmt] = []
    skipSeparators()
    while !atEnd {
      if check(.rightBrace) {
        _ = report("unexpected '}' with no block open", at: peek)
        advance()
        skipSeparators()
        continue
      }
      if skipStrayIndentation() { continue }
      parseStatementInto(&statements)
      skipSeparators()
    }
    return statements
  }

  /// Parses one statement, requiring a separator after it; on an error it
  /// synchronizes so the caller can go on.
  mutating func parseStatementInto(_ statements: inout [Stmt]) {
    let openersBefore = openers.count
    do {
      let statement = try parseStatement()
      statements.append(statement)
      // A statement that ends with a block needs no separator after it:
      // `{ if n < 2 { return n } return f(n - 1) }` reads fine on one line.
      // (After a colon block that was missing, the parser stands past its NEWLINE.)
      let endedWithBlock = previous.kind == .rightBrace || previous.kind == .dedent || previous.kind == .newline
      if !(endedWithBlock || atStatementEnd) {
        throw report(
          "expected end of statement after \(previous.described), found \(peek.described)",
          at: peek, notes: pythonHabitNotes(for: peek))
      }
    } catch {
      openers.removeSubrange(openersBefore...)
      synchronize()
    }
  }

  /// Whether the next token ends a statement.
  var atStatementEnd: Bool {
    check(.newline) || check(.semicolon) || check(.rightBrace) || check(.dedent) || atEnd
  }

  // block = "{" separator* ( statement ( separator+ statement )* )? separator* "}"
  //       | ":" suite
  mutating func parseBlock(after what: String, keyword: Token) throws -> [Stmt] {
    if check(.colon) { return try parseSuite(after: keyword) }
    guard let open = match(.leftBrace) else {
      throw report(
        "expected ':' or '{' after \(what), found \(peek.described)", at: peek,
        notes: ["a block is ':' and indented lines, or '{ ... }'"] + pythonHabitNotes(for: peek))
    }
    openers.append(open)
    var statements: [Stmt] = []
    skipSeparators()
    while !check(.rightBrace) && !atEnd {
      if skipStrayIndentation() { continue }
      parseStatementInto(&statements)
      skipSeparators()
    }
    if atEnd {
      endedEarly = true
      diagnostics.append(
        Diagnostic(
          "expected '}' to close '{' at line \(open.range.start.line + lineOffset), found end of input",
          at: placeOf(peek), phase: .syntax))
      openers.removeLast()
      throw Unwind()
    }
    advance()
    openers.removeLast()
    return statements
  }

  /// Pointed hints for habits carried over from Python.
  func pythonHabitNotes(for token: Token) -> [String] {
    switch token.kind {
    case .name where token.text == "elif":
      return ["'elif' follows the block of an 'if' (or write 'else if')"]
    default:
      return []
    }
  }
}
