/// f-strings, `str.format` and `%`: the language's side over the format
/// library (`Python/`): an f-string's fields parsed as expressions where
/// they stand in the source, values handed over as `PythonFormatValue`,
/// and the library's errors turned into diagnostics inside the literal.
extension Parser {
  // fstring = "f" STRING   (fields: "{" expression ( "!" NAME )? ( ":" spec )? "}")
  /// An f-string token as pieces: its text, and its fields, each field's
  /// expression parsed where it stands in the source.
  mutating func parseFormatString(_ token: Token) throws -> Expr {
    let scalars = Array(token.text.unicodeScalars)
    var prefix = 0
    while prefix < scalars.count, scalars[prefix] != "\"", scalars[prefix] != "'" { prefix += 1 }
    let triple = scalars.count >= prefix + 6 && scalars[prefix + 1] == scalars[prefix] && scalars[prefix + 2] == scalars[prefix]
    let quotes = triple ? 3 : 1
    let bodyStart = prefix + quotes
    let body = String(String.UnicodeScalarView(scalars[bodyStart..<max(bodyStart, scalars.count - quotes)]))
    // Where the scalar at `offset` in the body stands in the source.
    func location(_ offset: Int) -> SourceLocation {
      var here = token.range.start
      for scalar in scalars[0..<min(scalars.count, bodyStart + offset)] {
        here.offset += String(scalar).utf8.count
        if scalar == "\n" {
          here.line += 1
          here.column = 1
        } else {
          here.column += 1
        }
      }
      return here
    }
    let template: FormatTemplate
    do {
      template = try FormatTemplate.parseFString(body)
    } catch let error as PythonFormatError {
      let at = location(error.offset ?? 0)
      diagnostics.append(Diagnostic(error.message, at: SourceRange(at, at), phase: .syntax))
      throw Unwind()
    }
    let pieces = try formatPieces(template.pieces, location: location)
    return Expr(.formatted(pieces), token.range)
  }

  private mutating func formatPieces(_ pieces: [FormatTemplate.Piece], location: (Int) -> SourceLocation) throws
    -> [FormatPiece]
  {
    var out: [FormatPiece] = []
    for piece in pieces {
      switch piece {
      case .literal(let text, _):
        out.append(.text(text))
      case .field(let field):
        let start = location(field.expressionOffset)
        var lexer = Lexer(field.expression, startingAt: start)
        let tokens = lexer.allTokens().filter { $0.kind != .newline }
        diagnostics.append(contentsOf: lexer.diagnostics)
        var inner = Parser(tokens: tokens)
        inner.lineOffset = lineOffset
        let expr: Expr
        do {
          expr = try inner.parseExpressionList()
          if !inner.atEnd {
            _ = inner.report("expected '}' after the f-string's expression, found \(inner.peek.described)", at: inner.peek)
          }
        } catch {
          diagnostics.append(contentsOf: inner.diagnostics)
          throw Unwind()
        }
        diagnostics.append(contentsOf: inner.diagnostics)
        if let debugText = field.debugText { out.append(.text(debugText)) }
        var spec: [FormatPiece] = []
        if let specPieces = field.specPieces {
          spec = try formatPieces(specPieces, location: location)
        } else if !field.specText.isEmpty {
          spec = [.text(field.specText)]
        }
        // `{x=}` shows the repr unless a spec or conversion says otherwise.
        let conversion = field.conversion.map { Character($0) } ?? (field.debugText != nil && spec.isEmpty ? "r" : nil)
        let end = field.specOffset.map { location($0 + field.specText.unicodeScalars.count) } ?? expr.range.end
        out.append(.field(expr, conversion: conversion, spec: spec, range: SourceRange(expr.range.start, end)))
      }
    }
    return out
  }
}

extension Compiler {
  /// An f-string: each field evaluated, converted, formatted by its spec.
  func compileFormatted(_ pieces: [FormatPiece], at range: SourceRange) -> Code {
    let parts = compilePieces(pieces)
    return { frame in .string(try parts(frame)) }
  }

  private func compilePieces(_ pieces: [FormatPiece]) -> (Frame) throws -> String {
    let codes: [(Frame) throws -> String] = pieces.map { piece in
      switch piece {
      case .text(let text):
        return { _ in text }
      case .field(let expr, let conversion, let spec, let range):
        let value = compile(expr)
        let specText = compilePieces(spec)
        return { frame in
          var formatted = try value(frame).formatValue
          do {
            if let conversion, let scalar = conversion.unicodeScalars.first {
              formatted = try FormatField.convert(formatted, scalar)
            }
            return try PythonFormatSpec.format(formatted, spec: try specText(frame))
          } catch let error as PythonFormatError {
            throw Diagnostic(error.description, at: range)
          }
        }
      }
    }
    return { frame in
      var out = ""
      for code in codes { out += try code(frame) }
      return out
    }
  }
}

extension Session {
  /// `"...".format(a, b, name=c)`.
  func formatMethod(_ template: String, _ call: NativeArguments, at range: SourceRange) throws -> String {
    var keywords: [String: PythonFormatValue] = [:]
    for keyword in call.keywords { keywords[keyword.name] = keyword.value.formatValue }
    do {
      return try PythonStrFormat.format(template, positional: call.positional.map(\.formatValue), keywords: keywords)
    } catch let error as PythonFormatError {
      guard let start = call.templateStart, let offset = error.offset else { throw Diagnostic(error.description, at: range) }
      // A plain one-line literal: the caret goes under the spot in it.
      var at = start
      for scalar in template.unicodeScalars.prefix(offset) {
        at.column += 1
        at.offset += String(scalar).utf8.count
      }
      var end = at
      end.column += 1
      end.offset += 1
      throw Diagnostic(error.description, at: SourceRange(at, end))
    }
  }
}

extension Compiler {
  /// Where the text of a plain one-line string literal starts (after its
  /// quote); nil when a prefix, an escape or a joined literal would make
  /// the offsets in its value differ from the source's.
  func literalTextStart(_ expr: Expr) -> SourceLocation? {
    guard case .string = expr.kind else { return nil }
    let source = text(of: expr.range)
    guard let quote = source.first, quote == "\"" || quote == "'", source.count >= 2, source.last == quote,
      !source.dropFirst().dropLast().contains(quote), !source.contains("\\"), !source.contains("\n")
    else { return nil }
    var start = expr.range.start
    start.column += 1
    start.offset += 1
    return start
  }
}

extension Operators {
  /// `template % values`: Python's printf-style formatting.
  static func percentFormat(_ template: String, _ arguments: Value, at range: SourceRange) throws -> Value {
    let values: PercentArguments
    if case .tuple(let items) = arguments {
      values = .tuple(items.map(\.formatValue))
    } else {
      values = .single(arguments.formatValue)
    }
    do {
      return .string(try PythonPercentFormat.format(template, values))
    } catch let error as PythonFormatError {
      throw Diagnostic(error.description, at: range)
    }
  }
}

extension Value {
  /// The value as Python's formatting sees it (booleans and None as
  /// Python spells them: formatting is Python's own).
  var formatValue: PythonFormatValue {
    switch self {
    case .int(let n): return .int(n)
    case .float(let x): return .float(x)
    case .bool(let b): return .bool(b)
    case .string(let s): return .string(s)
    case .none: return .none
    case .ndarray(let t, let integral):
      return .other(
        str: Value.arrayText(t, integral: integral, asRepr: false),
        repr: Value.arrayText(t, integral: integral, asRepr: true), typeName: "numpy.ndarray")
    case .tensor: return .other(str: repr(python: true), repr: repr(python: true), typeName: "list")
    case .list: return .other(str: repr(python: true), repr: repr(python: true), typeName: "list")
    case .tuple: return .other(str: repr(python: true), repr: repr(python: true), typeName: "tuple")
    default: return .other(str: repr(python: true), repr: repr(python: true), typeName: kindName)
    }
  }
}
