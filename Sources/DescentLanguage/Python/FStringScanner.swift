// API note: the f-string half of `FormatTemplate.parseFString`, after CPython
// 3.11's fstring_find_literal and fstring_find_expr (Parser/string_parser.c):
// an expression ends at a top-level `!`, `:`, `=` or `}` that is not part of
// `!=`, `==`, `<=`, `>=`; brackets and quoted strings inside it are skipped.

/// Scans an f-string body into literal and field pieces.
struct FStringScanner {
  let text: [Unicode.Scalar]
  var position = 0

  static func error(_ message: String, _ offset: Int) -> PythonFormatError {
    PythonFormatError("SyntaxError", message, offset: offset)
  }

  /// Literal text and fields up to the end, or (inside a spec, level > 0) up
  /// to the `}` that closes the spec, which is left unread.
  mutating func parse(level: Int) throws -> [FormatTemplate.Piece] {
    var pieces: [FormatTemplate.Piece] = []
    var literal = ""
    var literalStart = position
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal, offset: literalStart)) }
      literal = ""
    }
    while position < text.count {
      let c = text[position]
      if c == "{" || c == "}" {
        // Doubled braces only at the top level, so f'{0:{3}}' closes twice.
        if level == 0 && position + 1 < text.count && text[position + 1] == c {
          literal.unicodeScalars.append(c)
          position += 2
          continue
        }
        if c == "}" {
          if level == 0 { throw Self.error("f-string: single '}' is not allowed", position) }
          break
        }
        flush()
        pieces.append(.field(try parseField(level: level)))
        literalStart = position
        continue
      }
      literal.unicodeScalars.append(c)
      position += 1
    }
    flush()
    return pieces
  }

  /// A field from its `{` to its `}`, both consumed.
  mutating func parseField(level: Int) throws -> FormatField {
    let open = position
    if level >= 2 { throw Self.error("f-string: expressions nested too deeply", open) }
    position += 1
    let start = position
    var brackets: [Unicode.Scalar] = []
    var quote: Unicode.Scalar?
    var tripleQuote = false
    scan: while position < text.count {
      let c = text[position]
      if c == "\\" {
        throw Self.error("f-string expression part cannot include a backslash", position)
      }
      if let q = quote {
        if c == q {
          if tripleQuote {
            if position + 2 < text.count && text[position + 1] == q && text[position + 2] == q {
              position += 2
              quote = nil
            }
          } else {
            quote = nil
          }
        }
        position += 1
        continue
      }
      let endsHere = c == "!" || c == ":" || c == "}" || c == "=" || c == ">" || c == "<"
      if brackets.isEmpty && endsHere {
        if position + 1 < text.count && text[position + 1] == "=" && c != ":" && c != "}" {
          position += 2
          continue
        }
        // A lone `<` or `>` is a comparison, not the end of the expression.
        if c != ">" && c != "<" { break scan }
        position += 1
        continue
      }
      switch c {
      case "'", "\"":
        tripleQuote =
          position + 2 < text.count && text[position + 1] == c && text[position + 2] == c
        if tripleQuote { position += 2 }
        quote = c
      case "[", "{", "(":
        brackets.append(c)
      case "#":
        throw Self.error("f-string expression part cannot include '#'", position)
      case "]", "}", ")":
        guard let opening = brackets.popLast() else {
          throw Self.error("f-string: unmatched '\(c)'", position)
        }
        if !((opening == "(" && c == ")") || (opening == "[" && c == "]")
          || (opening == "{" && c == "}"))
        {
          throw Self.error(
            "f-string: closing parenthesis '\(c)' does not match opening parenthesis '\(opening)'",
            position)
        }
      default:
        break
      }
      position += 1
    }
    if quote != nil { throw Self.error("f-string: unterminated string", start) }
    if let opening = brackets.last { throw Self.error("f-string: unmatched '\(opening)'", start) }
    guard position < text.count else { throw Self.error("f-string: expecting '}'", open) }
    let expression = FormatTemplate.text(text, start, position)
    if expression.unicodeScalars.allSatisfy({
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}"
    }) {
      let next = text[position]
      if next == "!" || next == ":" || next == "=" {
        throw Self.error("f-string: expression required before '\(next)'", position)
      }
      throw Self.error("f-string: empty expression not allowed", open)
    }
    var field = FormatField(expression: expression, expressionOffset: start)
    if text[position] == "=" {
      position += 1
      while position < text.count
        && (text[position] == " " || text[position] == "\t" || text[position] == "\n")
      {
        position += 1
      }
      guard position < text.count else { throw Self.error("f-string: expecting '}'", open) }
      field.debugText = FormatTemplate.text(text, start, position)
    }
    if text[position] == "!" {
      position += 1
      guard position < text.count else { throw Self.error("f-string: expecting '}'", open) }
      let conversion = text[position]
      if conversion != "s" && conversion != "r" && conversion != "a" {
        throw Self.error(
          "f-string: invalid conversion character: expected 's', 'r', or 'a'", position)
      }
      field.conversion = conversion
      field.conversionOffset = position
      position += 1
    }
    guard position < text.count else { throw Self.error("f-string: expecting '}'", open) }
    if text[position] == ":" {
      position += 1
      guard position < text.count else { throw Self.error("f-string: expecting '}'", open) }
      let specStart = position
      let specPieces = try parse(level: level + 1)
      field.specText = FormatTemplate.text(text, specStart, position)
      field.specOffset = specStart
      if specPieces.contains(where: { if case .field = $0 { true } else { false } }) {
        field.specPieces = specPieces
      }
    }
    guard position < text.count, text[position] == "}" else {
      throw Self.error("f-string: expecting '}'", open)
    }
    position += 1
    return field
  }
}
