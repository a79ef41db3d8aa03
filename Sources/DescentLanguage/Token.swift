/// One lexical unit of Descent source, with the range it came from.
public struct Token: Hashable, Sendable {
  /// What a token is; literal payloads live in `text` and are decoded by the
  /// parser, so tokens stay small plain values.
  public enum Kind: String, Hashable, Sendable {
    // Literals and names
    case integer, float, string, name
    /// `f"..."`: a string with `{expression:spec}` fields.
    case formatString
    // Reserved words
    case kwTrue = "true", kwFalse = "false", kwAnd = "and", kwOr = "or", kwNot = "not"
    case kwIf = "if", kwElse = "else", kwWhile = "while", kwFor = "for", kwIn = "in"
    case kwRepeat = "repeat", kwDef = "def", kwReturn = "return"
    case kwBreak = "break", kwContinue = "continue", kwPrint = "print", kwDigits = "digits"
    // Punctuation and operators
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", dot = ".", semicolon = ";"
    case colon = ":"
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", at = "@"
    case starStar = "**", arrow = "->", halfOpenRange = "..<", closedRange = "..."
    case slashSlash = "//"
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/="
    case slashSlashEqual = "//=", percentEqual = "%=", starStarEqual = "**="
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">="
    // Structure: INDENT and DEDENT open and close a colon block, as
    // CPython's tokenizer makes them from leading whitespace.
    case newline, eof, indent, dedent
  }

  public var kind: Kind
  /// The exact source text (for strings, with quotes; for newline, "\n").
  public var text: String
  public var range: SourceRange

  public init(_ kind: Kind, _ text: String, _ range: SourceRange) {
    self.kind = kind
    self.text = text
    self.range = range
  }

  /// How the token reads in an error message: `'print'`, `end of line`.
  public var described: String {
    switch kind {
    case .newline: return "end of line"
    case .eof: return "end of input"
    case .indent: return "an indented line"
    case .dedent: return "the end of an indented block"
    case .formatString: return "f-string \(text)"
    case .string: return "string \(text)"
    case .integer, .float: return "number \(text)"
    default: return "'\(text)'"
    }
  }

  /// Reserved words: these can never be variable names.
  static let reserved: [String: Kind] = {
    var table: [String: Kind] = [:]
    for kind: Kind in [
      .kwTrue, .kwFalse, .kwAnd, .kwOr, .kwNot, .kwIf, .kwElse, .kwWhile, .kwFor, .kwIn,
      .kwRepeat, .kwDef, .kwReturn, .kwBreak, .kwContinue, .kwPrint, .kwDigits,
    ] {
      table[kind.rawValue] = kind
    }
    return table
  }()
}
