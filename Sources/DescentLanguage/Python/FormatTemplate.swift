// API note: `try FormatTemplate.parseFormat("a {} {0:.2f}")` splits a
// `str.format` template; `try FormatTemplate.parseFString(body)` splits the body
// of an f-string (the text between its quotes, as written) with f-string rules.
// Both give `pieces`: literal text (with `{{`/`}}` collapsed) and fields, each
// with the character (Unicode scalar) offset in the text it came from, for a
// caret. `render(evaluate:)` formats a template; the caller evaluates each
// field's `expression` (an f-string expression, or a str.format field name).

/// A template of literal text and `{...}` replacement fields, as parsed by
/// CPython's `str.format` (MarkupIterator) or its f-string parser.
public struct FormatTemplate: Sendable, Equatable {
  /// One piece of a template.
  public enum Piece: Sendable, Equatable {
    /// Literal text and the offset of its first character.
    case literal(String, offset: Int)
    /// A replacement field.
    case field(FormatField)
  }

  /// The pieces in order.
  public var pieces: [Piece]

  /// Splits a `str.format` template, with CPython's errors ("Single '}'
  /// encountered in format string", "expected '}' before end of string", ...).
  public static func parseFormat(_ text: String) throws -> FormatTemplate {
    try parseFormat(Array(text.unicodeScalars), from: 0, to: text.unicodeScalars.count, depth: 2)
  }

  /// Splits the body of an f-string, with CPython 3.11's errors ("f-string:
  /// single '}' is not allowed", "f-string: expecting '}'", ...). Each field's
  /// `expression` is the Python expression text; `debugText` is set for `{x=}`.
  public static func parseFString(_ body: String) throws -> FormatTemplate {
    var parser = FStringScanner(text: Array(body.unicodeScalars))
    let pieces = try parser.parse(level: 0)
    if parser.position < parser.text.count {
      throw PythonFormatError(
        "SyntaxError", "f-string: single '}' is not allowed", offset: parser.position)
    }
    return FormatTemplate(pieces: pieces)
  }

  /// Formats the template: each field is evaluated by the caller, converted
  /// (`!r`, `!s`, `!a`), and formatted with its spec (itself rendered first
  /// when it holds nested fields).
  public func render(evaluate: (FormatField) throws -> PythonFormatValue) throws -> String {
    var out = ""
    for piece in pieces {
      switch piece {
      case .literal(let text, _): out += text
      case .field(let field):
        let value = try field.converted(try evaluate(field))
        if let debugText = field.debugText { out += debugText }
        var spec = field.specText
        if let specPieces = field.specPieces {
          spec = try FormatTemplate(pieces: specPieces).render(evaluate: evaluate)
        }
        out += try field.formatted(value, spec: spec)
      }
    }
    return out
  }

  // MARK: - str.format parsing (CPython's MarkupIterator and parse_field)

  static func parseFormat(_ s: [Unicode.Scalar], from start: Int, to end: Int, depth: Int) throws
    -> FormatTemplate
  {
    var pieces: [Piece] = []
    try walkFormat(s, from: start, to: end, depth: depth, expandSpecs: true) { pieces.append($0) }
    return FormatTemplate(pieces: pieces)
  }

  /// Hands each piece to `visit` as soon as it is parsed, so a caller that
  /// renders as it goes raises errors in CPython's order (a field's lookup
  /// error before a stray `}` further on). `expandSpecs` parses nested spec
  /// fields into `specPieces` now; otherwise the caller expands `specText`.
  static func walkFormat(
    _ s: [Unicode.Scalar], from start: Int, to end: Int, depth: Int, expandSpecs: Bool,
    visit: (Piece) throws -> Void
  ) throws {
    if depth <= 0 { throw PythonFormatError.value("Max string recursion exceeded", offset: start) }
    var pos = start
    var literal = ""
    var literalStart = start
    func flush(next: Int) throws {
      if !literal.isEmpty { try visit(.literal(literal, offset: literalStart)) }
      literal = ""
      literalStart = next
    }
    while pos < end {
      let c = s[pos]
      if c != "{" && c != "}" {
        literal.unicodeScalars.append(c)
        pos += 1
        continue
      }
      let atEnd = pos + 1 >= end
      if c == "}" && (atEnd || s[pos + 1] != "}") {
        throw PythonFormatError.value("Single '}' encountered in format string", offset: pos)
      }
      if atEnd {
        throw PythonFormatError.value("Single '{' encountered in format string", offset: pos)
      }
      if s[pos + 1] == c {
        literal.unicodeScalars.append(c)
        pos += 2
        continue
      }
      try flush(next: pos)
      let field = try parseFormatField(
        s, at: pos + 1, end: end, depth: depth, expandSpec: expandSpecs)
      try visit(.field(field.field))
      pos = field.next
      literalStart = pos
    }
    try flush(next: pos)
  }

  static func parseFormatField(
    _ s: [Unicode.Scalar], at start: Int, end: Int, depth: Int, expandSpec: Bool
  ) throws
    -> (field: FormatField, next: Int)
  {
    var pos = start
    var c: Unicode.Scalar = " "
    scan: while pos < end {
      c = s[pos]
      pos += 1
      switch c {
      case "{": throw PythonFormatError.value("unexpected '{' in field name", offset: pos - 1)
      case "[":
        while pos < end && s[pos] != "]" { pos += 1 }
      case "}", ":", "!": break scan
      default: continue
      }
    }
    var field = FormatField(expression: text(s, start, pos - 1), expressionOffset: start)
    guard c == "!" || c == ":" else {
      if c != "}" || pos > end {
        throw PythonFormatError.value("expected '}' before end of string", offset: start - 1)
      }
      return (field, pos)
    }
    if c == "!" {
      if pos >= end {
        throw PythonFormatError.value(
          "end of string while looking for conversion specifier", offset: pos)
      }
      field.conversion = s[pos]
      field.conversionOffset = pos
      pos += 1
      if pos < end {
        let next = s[pos]
        pos += 1
        if next == "}" { return (field, pos) }
        if next != ":" {
          throw PythonFormatError.value("expected ':' after conversion specifier", offset: pos - 1)
        }
      }
    }
    let specStart = pos
    var count = 1
    var nested = false
    while pos < end {
      let ch = s[pos]
      pos += 1
      if ch == "{" {
        nested = true
        count += 1
      } else if ch == "}" {
        count -= 1
        if count == 0 {
          field.specText = text(s, specStart, pos - 1)
          field.specOffset = specStart
          if nested && expandSpec {
            field.specPieces = try parseFormat(s, from: specStart, to: pos - 1, depth: depth - 1)
              .pieces
          }
          return (field, pos)
        }
      }
    }
    throw PythonFormatError.value("unmatched '{' in format spec", offset: specStart)
  }

  static func text(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
    from < to ? String(String.UnicodeScalarView(s[from..<to])) : ""
  }
}

/// One replacement field of a template.
public struct FormatField: Sendable, Equatable {
  /// The f-string expression, or the str.format field name (`0`, `name`, `0[1]`,
  /// empty for automatic numbering).
  public var expression: String
  /// The offset of the expression's first character.
  public var expressionOffset: Int
  /// `r`, `s` or `a` after `!`, nil when absent (str.format checks it when rendering).
  public var conversion: Unicode.Scalar?
  /// The offset of the conversion character.
  public var conversionOffset: Int?
  /// The spec as written after `:` (nested fields unexpanded).
  public var specText = ""
  /// The offset of the spec's first character.
  public var specOffset: Int?
  /// The spec's pieces when it holds nested `{}` fields, nil otherwise.
  public var specPieces: [FormatTemplate.Piece]?
  /// For a self-documenting f-string field `{x = }`: the text printed before
  /// the value (`x = `).
  public var debugText: String?

  /// A field with only an expression.
  public init(expression: String, expressionOffset: Int) {
    self.expression = expression
    self.expressionOffset = expressionOffset
  }

  /// The value after this field's conversion; a self-documenting field
  /// (`{x=}`) without a spec or conversion shows the repr.
  public func converted(_ value: PythonFormatValue) throws -> PythonFormatValue {
    let defaultConversion: Unicode.Scalar? = debugText != nil && specText.isEmpty ? "r" : nil
    guard let conversion = conversion ?? defaultConversion else { return value }
    return try FormatField.convert(value, conversion, offset: conversionOffset)
  }

  /// `format(value, spec)` with the spec already expanded; an error without
  /// an offset of its own points at the spec.
  public func formatted(_ value: PythonFormatValue, spec: String) throws -> String {
    do {
      return try PythonFormatSpec.format(value, spec: spec)
    } catch var error as PythonFormatError {
      error.offset = error.offset ?? specOffset
      throw error
    }
  }

  /// Applies a conversion (`!s`, `!r`, `!a`); others are CPython's "Unknown
  /// conversion specifier" error.
  public static func convert(
    _ value: PythonFormatValue, _ conversion: Unicode.Scalar, offset: Int? = nil
  ) throws
    -> PythonFormatValue
  {
    switch conversion {
    case "s": return .string(value.pythonStr)
    case "r": return .string(value.pythonRepr)
    case "a": return .string(value.pythonASCII)
    default:
      let shown =
        conversion.value > 32 && conversion.value < 127
        ? String(conversion) : "\\x" + String(conversion.value, radix: 16)
      throw PythonFormatError.value("Unknown conversion specifier \(shown)", offset: offset)
    }
  }
}
