/// Turns source text into tokens, each with its source range.
///
/// The lexer works on UTF-8 bytes for speed and counts columns in Unicode
/// scalars so carets line up under non-ASCII text. Newlines inside ( ) and
/// [ ] are dropped (a vector may span lines); inside { } and at the top
/// level they end statements. Leading whitespace becomes INDENT and DEDENT
/// tokens, as CPython's tokenizer makes them (see `Lexer+Indentation`).
/// Errors (a stray character, an unterminated string, an unindent that
/// matches no outer level) become diagnostics and lexing goes on.
public struct Lexer {
  let bytes: [UInt8]
  var index = 0
  var line = 1
  var column = 1
  /// Open ( and [ nesting: newlines inside are not statement ends.
  var groupingDepth = 0
  var diagnostics: [Diagnostic] = []
  /// Whether the text ended with a `\` outside a string or comment: a line
  /// continuation whose next line has not been typed yet.
  private(set) var endedWithContinuation = false
  /// The indentation state: the open levels, the braces, queued tokens.
  var layout = IndentationLayout()

  public init(_ text: String) {
    self.bytes = Array(text.utf8)
  }

  /// A lexer over `text`, which starts at `start` in a larger source (an
  /// f-string's field): tokens carry the larger source's places.
  init(_ text: String, startingAt start: SourceLocation) {
    self.bytes = Array(text.utf8)
    self.line = start.line
    self.column = start.column
    self.offsetBase = start.offset
    self.layout.tracksIndentation = false
  }

  /// Added to byte offsets: non-zero for a lexer over part of a source.
  var offsetBase = 0

  /// All tokens of the text, ending with one `.eof`, and the diagnostics.
  public static func tokenize(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    let lexed = tokenizeAll(text)
    return (lexed.tokens, lexed.diagnostics)
  }

  /// The tokens, the diagnostics, and whether the text ended with a line
  /// continuation (for the REPL's "is the input finished?").
  static func tokenizeAll(_ text: String) -> (
    tokens: [Token], diagnostics: [Diagnostic], endedWithContinuation: Bool
  ) {
    var lexer = Lexer(text)
    let tokens = lexer.allTokens()
    return (tokens, lexer.diagnostics, lexer.endedWithContinuation)
  }

  /// Every remaining token, up to and including `.eof`.
  mutating func allTokens() -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = next()
      tokens.append(token)
      if token.kind == .eof { break }
    }
    return tokens
  }

  var location: SourceLocation {
    SourceLocation(line: line, column: column, offset: offsetBase + index)
  }

  func peek(_ ahead: Int = 0) -> UInt8 {
    index + ahead < bytes.count ? bytes[index + ahead] : 0
  }

  mutating func advance() {
    let byte = bytes[index]
    index += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      // Only the first byte of a UTF-8 sequence starts a new column.
      column += 1
    }
  }

  func text(from start: SourceLocation) -> String {
    String(decoding: bytes[(start.offset - offsetBase)..<index], as: UTF8.self)
  }

  func token(_ kind: Token.Kind, from start: SourceLocation) -> Token {
    Token(kind, text(from: start), SourceRange(start, location))
  }

  /// The next token.
  public mutating func next() -> Token {
    if let queued = layout.takeQueued() {
      layout.lastKind = queued.kind
      return queued
    }
    let token = nextToken()
    layout.lastKind = token.kind
    return token
  }

  private mutating func nextToken() -> Token {
    while true {
      if layout.atLineStart && groupingDepth == 0 && layout.tracksIndentation {
        layout.atLineStart = false
        if let token = indentation() { return token }
      }
      skipBlanksAndComments()
      let start = location
      guard index < bytes.count else {
        return endOfInput(at: start)
      }
      let c = peek()
      switch c {
      case UInt8(ascii: "\n"):
        advance()
        if groupingDepth > 0 { continue }
        layout.endLine()
        return Token(.newline, "\n", SourceRange(start, location))
      case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
        advance()
        continue
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        return number(from: start)
      case UInt8(ascii: "."):
        if peek(1) >= UInt8(ascii: "0") && peek(1) <= UInt8(ascii: "9") {
          return number(from: start)
        }
        if peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: "<") {
          advance(); advance(); advance()
          return token(.halfOpenRange, from: start)
        }
        if peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
          advance(); advance(); advance()
          return token(.closedRange, from: start)
        }
        advance()
        return token(.dot, from: start)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if let string = string(from: start, quote: c) { return string }
        continue
      default:
        if isNameStart(c) {
          if let prefixed = prefixedString(from: start) { return prefixed }
          return name(from: start)
        }
        if let op = punctuation(from: start) { return op }
        // A character that starts no token: report it and skip it whole.
        advance()
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { advance() }
        let found = text(from: start)
        // C's && || ! : report them, then read them as and/or/not so one
        // slip gives one error, not a cascade.
        let logic: [String: Token.Kind] = ["&": .kwAnd, "|": .kwOr, "!": .kwNot]
        if let kind = logic[found] {
          if found != "!", peek() == bytes[index - 1] { advance() }
          let spelling = text(from: start)
          diagnostics.append(
            Diagnostic(
              "unexpected '\(spelling)'", at: SourceRange(start, location), phase: .syntax,
              notes: ["Descent writes logic as 'and', 'or', 'not': use '\(kind.rawValue)'"]))
          return Token(kind, spelling, SourceRange(start, location))
        }
        diagnostics.append(
          Diagnostic(
            "unexpected character '\(found)'", at: SourceRange(start, location), phase: .syntax))
      }
    }
  }

  mutating func skipBlanksAndComments() {
    while index < bytes.count {
      let c = bytes[index]
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
        advance()
      } else if c == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "\n") {
        advance(); advance()  // an explicit line continuation, as in Python
      } else if c == UInt8(ascii: "\\"), index + 1 == bytes.count {
        // The same continuation, its next line not typed yet.
        endedWithContinuation = true
        advance()
      } else if c == UInt8(ascii: "#") {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
      } else if c == UInt8(ascii: "\r"), peek(1) != UInt8(ascii: "\n") {
        advance()
      } else {
        return
      }
    }
  }

  func isNameStart(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
  }

  private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  private mutating func name(from start: SourceLocation) -> Token {
    while index < bytes.count, isNameStart(peek()) || isDigit(peek()) { advance() }
    let word = text(from: start)
    return Token(Token.reserved[word] ?? .name, word, SourceRange(start, location))
  }

  // number -> digits ( "." digits? )? ( [eE] [+-]? digits )? | "." digits exponent?
  private mutating func number(from start: SourceLocation) -> Token {
    var isFloat = false
    while isDigit(peek()) { advance() }
    // "0..<3" is a range, not the float "0." followed by ".<".
    if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
      isFloat = true
      advance()
      while isDigit(peek()) { advance() }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
      if isDigit(peek(sign ? 2 : 1)) {
        isFloat = true
        advance()
        if sign { advance() }
        while isDigit(peek()) { advance() }
      }
    }
    return token(isFloat ? .float : .integer, from: start)
  }

  /// `f"..."`, `r'...'`, `rf"..."`: a string with a prefix; nil when the
  /// letters are a name.
  private mutating func prefixedString(from start: SourceLocation) -> Token? {
    var length = 0
    var isFormat = false
    while length < 3, isNameStart(peek(length)) {
      switch peek(length) {
      case UInt8(ascii: "f"), UInt8(ascii: "F"): isFormat = true
      case UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "u"), UInt8(ascii: "U"): break
      default: return nil
      }
      length += 1
    }
    guard length > 0, length <= 2, peek(length) == UInt8(ascii: "\"") || peek(length) == UInt8(ascii: "'") else {
      return nil
    }
    let quote = peek(length)
    for _ in 0..<length { advance() }
    guard var token = string(from: start, quote: quote) else { return Token(.string, "\"\"", SourceRange(start, location)) }
    if isFormat { token.kind = .formatString }
    return token
  }

  private mutating func string(from start: SourceLocation, quote: UInt8) -> Token? {
    if peek(1) == quote, peek(2) == quote { return tripleQuotedString(from: start, quote: quote) }
    advance()
    while index < bytes.count, peek() != quote, peek() != UInt8(ascii: "\n") {
      if peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, peek(1) != UInt8(ascii: "\n") {
        advance()
      }
      advance()
    }
    guard index < bytes.count, peek() == quote else {
      diagnostics.append(
        Diagnostic(
          "unterminated string", at: SourceRange(start, location), phase: .syntax,
          notes: ["a string must end with \(Character(Unicode.Scalar(quote))) on the same line"]))
      return nil
    }
    advance()
    return token(.string, from: start)
  }

  /// `"""..."""` (a docstring): may span lines.
  private mutating func tripleQuotedString(from start: SourceLocation, quote: UInt8) -> Token? {
    advance(); advance(); advance()
    while index < bytes.count, !(peek() == quote && peek(1) == quote && peek(2) == quote) {
      if peek() == UInt8(ascii: "\\"), index + 1 < bytes.count { advance() }
      advance()
    }
    guard index < bytes.count else {
      diagnostics.append(
        Diagnostic(
          "unterminated string", at: SourceRange(start, location), phase: .syntax,
          notes: ["a string opened with three quotes ends with the same three quotes"]))
      return nil
    }
    advance(); advance(); advance()
    return token(.string, from: start)
  }

  /// Operators, longest match first (so "**" wins over "*", "..<" over ".").
  private static let operators: [([UInt8], Token.Kind)] = {
    let table: [(String, Token.Kind)] = [
      ("//=", .slashSlashEqual), ("**=", .starStarEqual), ("//", .slashSlash), ("%=", .percentEqual),
      ("**", .starStar), ("->", .arrow), ("+=", .plusEqual), ("-=", .minusEqual),
      ("*=", .starEqual), ("/=", .slashEqual), ("==", .equalEqual), ("!=", .bangEqual),
      ("<=", .lessEqual), (">=", .greaterEqual),
      ("(", .leftParen), (")", .rightParen), ("[", .leftBracket), ("]", .rightBracket),
      ("{", .leftBrace), ("}", .rightBrace), (",", .comma), (";", .semicolon), (":", .colon),
      ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("%", .percent), ("@", .at),
      ("=", .equal), ("<", .less), (">", .greater),
    ]
    return table.map { (Array($0.0.utf8), $0.1) }
  }()

  private mutating func punctuation(from start: SourceLocation) -> Token? {
    for (utf8, kind) in Lexer.operators {
      guard index + utf8.count <= bytes.count else { continue }
      if bytes[index..<index + utf8.count].elementsEqual(utf8) {
        for _ in utf8 { advance() }
        switch kind {
        case .leftParen, .leftBracket: groupingDepth += 1
        case .rightParen, .rightBracket: groupingDepth = max(0, groupingDepth - 1)
        case .leftBrace: layout.openBrace()
        case .rightBrace:
          let closer = token(kind, from: start)
          return layout.closeBrace(closer)
        default: break
        }
        return token(kind, from: start)
      }
    }
    return nil
  }
}
