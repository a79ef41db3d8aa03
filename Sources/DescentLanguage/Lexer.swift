/// Turns source text into tokens, each with its source range.
///
/// The lexer works on UTF-8 bytes for speed and counts columns in Unicode
/// scalars so carets line up under non-ASCII text. Newlines inside ( ) and
/// [ ] are dropped (a vector may span lines); inside { } and at the top
/// level they end statements. Errors (a stray character, an unterminated
/// string) become diagnostics and lexing goes on.
public struct Lexer {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var column = 1
  /// Open ( and [ nesting: newlines inside are not statement ends.
  private var groupingDepth = 0
  private(set) var diagnostics: [Diagnostic] = []
  /// Whether the text ended with a `\` outside a string or comment: a line
  /// continuation whose next line has not been typed yet.
  private(set) var endedWithContinuation = false

  public init(_ text: String) {
    self.bytes = Array(text.utf8)
  }

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
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      tokens.append(token)
      if token.kind == .eof { break }
    }
    return (tokens, lexer.diagnostics, lexer.endedWithContinuation)
  }

  private var location: SourceLocation {
    SourceLocation(line: line, column: column, offset: index)
  }

  private func peek(_ ahead: Int = 0) -> UInt8 {
    index + ahead < bytes.count ? bytes[index + ahead] : 0
  }

  private mutating func advance() {
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

  private func text(from start: SourceLocation) -> String {
    String(decoding: bytes[start.offset..<index], as: UTF8.self)
  }

  private func token(_ kind: Token.Kind, from start: SourceLocation) -> Token {
    Token(kind, text(from: start), SourceRange(start, location))
  }

  /// The next token.
  public mutating func next() -> Token {
    while true {
      skipBlanksAndComments()
      let start = location
      guard index < bytes.count else {
        return Token(.eof, "", SourceRange(start, start))
      }
      let c = peek()
      switch c {
      case UInt8(ascii: "\n"):
        advance()
        if groupingDepth > 0 { continue }
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
        if isNameStart(c) { return name(from: start) }
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

  private mutating func skipBlanksAndComments() {
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

  private func isNameStart(_ c: UInt8) -> Bool {
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

  private mutating func string(from start: SourceLocation, quote: UInt8) -> Token? {
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

  /// Operators, longest match first (so "**" wins over "*", "..<" over ".").
  private static let operators: [([UInt8], Token.Kind)] = {
    let table: [(String, Token.Kind)] = [
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
        default: break
        }
        return token(kind, from: start)
      }
    }
    return nil
  }
}
