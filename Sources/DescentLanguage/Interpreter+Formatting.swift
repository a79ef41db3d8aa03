/// f-strings, `str.format` and `%`: the language's side (fields parsed as
/// expressions, values turned to text) over the format library.
extension Parser {
  /// An f-string token as pieces: its text and its fields, each field's
  /// expression parsed where it stands in the source.
  mutating func parseFormatString(_ token: Token) throws -> Expr {
    throw report("f-strings are not available in this build yet; use str() and +", at: token)
  }
}

extension Compiler {
  func compileFormatted(_ pieces: [FormatPiece], at range: SourceRange) -> Code {
    { _ in throw Diagnostic("f-strings are not available in this build yet", at: range) }
  }
}

extension Session {
  /// `"...".format(a, b)`.
  func formatMethod(_ template: String, _ call: NativeArguments, at range: SourceRange) throws -> String {
    throw Diagnostic("str.format is not available in this build yet; use str() and +", at: range)
  }
}
