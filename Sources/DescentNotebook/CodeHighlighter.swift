import DescentLanguage

/// Colours Descent code for HTML with the language's own lexer: keywords,
/// numbers, strings, comments, operators, and domain words (`train`,
/// `plot`, …) where a statement starts.
enum CodeHighlighter {
  /// Words that begin a domain statement (they are not reserved, so they
  /// are marked only at the start of a line).
  static let domainWords: Set<String> = [
    "train", "plot", "show", "network", "load", "predict", "check", "reset", "help",
    "explore",
  ]

  /// The code as HTML spans (escaped); plain escaped text if the lexer's
  /// ranges do not line up with the text.
  static func html(_ code: String) -> String {
    let bytes = Array(code.utf8)
    let tokens = Lexer.tokenize(code).tokens
    var out = ""
    var cursor = 0
    var atLineStart = true
    for (index, token) in tokens.enumerated() {
      let start = token.range.start.offset
      let end = token.range.end.offset
      guard start >= cursor, end >= start, end <= bytes.count else { return HTMLEscaping.escape(code) }
      out += gap(bytes[cursor..<start])
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      let next = index + 1 < tokens.count ? tokens[index + 1].kind : .eof
      if let style = style(token, next: next, atLineStart: atLineStart) {
        out += "<span class=\"\(style)\">" + HTMLEscaping.escape(text) + "</span>"
      } else {
        out += HTMLEscaping.escape(text)
      }
      if token.kind != .newline { atLineStart = false }
      if token.kind == .newline || token.kind == .leftBrace || token.kind == .semicolon || token.kind == .indent
        || token.kind == .dedent
      {
        atLineStart = true
      }
      cursor = end
    }
    out += gap(bytes[cursor...])
    return out
  }

  private static func style(_ token: Token, next: Token.Kind, atLineStart: Bool) -> String? {
    switch token.kind {
    case .integer, .float: return "num"
    case .string, .formatString: return "str"
    case .name:
      if atLineStart && domainWords.contains(token.text) { return "dom" }
      return next == .leftParen ? "fn" : nil
    case .newline, .eof, .comma, .leftParen, .rightParen, .leftBracket, .rightBracket,
      .leftBrace, .rightBrace, .semicolon, .colon, .dot, .indent, .dedent:
      return nil
    default:
      return token.kind.rawValue.first?.isLetter == true ? "kw" : "op"
    }
  }

  /// Text the lexer skipped: blanks, and comments from `#` to the line end.
  private static func gap(_ bytes: ArraySlice<UInt8>) -> String {
    var out = ""
    var rest = bytes
    while let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
      out += HTMLEscaping.escape(String(decoding: rest[..<hash], as: UTF8.self))
      let lineEnd = rest[hash...].firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
      out += "<span class=\"com\">" + HTMLEscaping.escape(String(decoding: rest[hash..<lineEnd], as: UTF8.self))
        + "</span>"
      rest = rest[lineEnd...]
    }
    return out + HTMLEscaping.escape(String(decoding: rest, as: UTF8.self))
  }
}

/// Escaping for HTML text and attribute values.
enum HTMLEscaping {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
