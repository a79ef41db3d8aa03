import Foundation

/// Writes an expression in Python syntax with the fewest parentheses that
/// keep its tree: Descent's parser reads the text back to the same tree
/// (Python's precedence levels are Descent's, Grammar/descent.ebnf).
///
/// Floats print as Python's `repr`, so a constant in a derivative is the
/// exact number, and the text is valid Python as well as Descent.
public enum FormulaPrinter {
  /// Binding strengths, loosest first.
  enum Level {
    static let conditional = 0, or = 1, and = 2, not = 3, comparison = 4, term = 5, factor = 6, unary = 7
    static let power = 8, postfix = 9
  }

  /// The expression as Python source.
  public static func python(_ expr: Expr) -> String { printed(expr).text }

  /// The text, parenthesised when it binds looser than `minimum`.
  static func python(_ expr: Expr, atLeast minimum: Int) -> String {
    let (text, level) = printed(expr)
    return level < minimum ? "(" + text + ")" : text
  }

  static func printed(_ expr: Expr) -> (text: String, level: Int) {
    switch expr.kind {
    case .integer(let n): return (String(n), n < 0 ? Level.unary : Level.postfix)
    case .float(let x): return float(x)
    case .string(let s): return (PythonRepr.string(s), Level.postfix)
    case .bool(let b): return (b ? "True" : "False", Level.postfix)
    case .name(let name): return (name, Level.postfix)
    case .none: return ("None", Level.postfix)
    case .vector(let items): return ("[" + list(items) + "]", Level.postfix)
    case .tuple(let items): return ("(" + list(items) + (items.count == 1 ? ",)" : ")"), Level.postfix)
    case .unary(let op, let operand):
      var inner = python(operand, atLeast: Level.unary)
      // `--x` would read as two minus signs the lexer may join; say it plainly.
      if inner.hasPrefix("-") || inner.hasPrefix("+") { inner = "(" + inner + ")" }
      return (op.rawValue + inner, Level.unary)
    case .binary(let op, let left, let right): return binary(op, left, right)
    case .and(let a, let b):
      return (python(a, atLeast: Level.and) + " and " + python(b, atLeast: Level.and + 1), Level.and)
    case .or(let a, let b):
      return (python(a, atLeast: Level.or) + " or " + python(b, atLeast: Level.or + 1), Level.or)
    case .not(let a): return ("not " + python(a, atLeast: Level.not), Level.not)
    case .comparison(let ops, let operands):
      var text = python(operands[0], atLeast: Level.comparison + 1)
      for (op, operand) in zip(ops, operands.dropFirst()) {
        text += " " + op.rawValue + " " + python(operand, atLeast: Level.comparison + 1)
      }
      return (text, Level.comparison)
    case .membership(let a, let b, let negated):
      let word = negated ? " not in " : " in "
      return (python(a, atLeast: Level.comparison + 1) + word + python(b, atLeast: Level.comparison + 1), Level.comparison)
    case .identity(let a, let b, let negated):
      let word = negated ? " is not " : " is "
      return (python(a, atLeast: Level.comparison + 1) + word + python(b, atLeast: Level.comparison + 1), Level.comparison)
    case .call(let callee, let arguments):
      return (python(callee, atLeast: Level.postfix) + "(" + list(arguments) + ")", Level.postfix)
    case .index(let base, let index):
      let inside = if case .tuple(let items) = index.kind, !items.isEmpty { list(items) } else { python(index) }
      return (python(base, atLeast: Level.postfix) + "[" + inside + "]", Level.postfix)
    case .member(let base, let name): return (python(base, atLeast: Level.postfix) + "." + name, Level.postfix)
    case .slice(let lower, let upper, let step):
      var text = (lower.map { python($0) } ?? "") + ":" + (upper.map { python($0) } ?? "")
      if let step { text += ":" + python(step) }
      return (text, Level.postfix)
    case .keyword(let name, let value): return (name + "=" + python(value), Level.postfix)
    case .conditional(let value, let condition, let otherwise):
      let text =
        python(value, atLeast: Level.or) + " if " + python(condition, atLeast: Level.or) + " else "
        + python(otherwise, atLeast: Level.conditional)
      return (text, Level.conditional)
    case .formatted(let pieces): return ("f" + PythonRepr.string(template(pieces)), Level.postfix)
    case .network(let spec):
      let sizes = spec.sizes.map(String.init).joined(separator: " -> ")
      return ("(network " + sizes + (spec.activation.map { " " + $0 } ?? "") + ")", Level.postfix)
    case .load(let path): return ("(load " + PythonRepr.string(path) + ")", Level.postfix)
    }
  }

  static func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> (text: String, level: Int) {
    let level: Int
    switch op {
    case .power:
      // Right associative, and its exponent may carry a sign (`x ** -0.5`).
      return (python(left, atLeast: Level.postfix) + " ** " + python(right, atLeast: Level.unary), Level.power)
    case .add, .subtract: level = Level.term
    case .multiply, .divide, .modulo, .floorDivide, .matmul: level = Level.factor
    }
    var rightText = python(right, atLeast: level + 1)
    // `a - -b` is legal but reads as a typo.
    if level == Level.term, rightText.hasPrefix("-") { rightText = "(" + rightText + ")" }
    return (python(left, atLeast: level) + " " + op.rawValue + " " + rightText, level)
  }

  static func float(_ x: Double) -> (text: String, level: Int) {
    // Python has no literal for these; Descent's parser reads neither back.
    if x.isNaN { return ("float('nan')", Level.postfix) }
    if x.isInfinite { return (x < 0 ? "-float('inf')" : "float('inf')", x < 0 ? Level.unary : Level.postfix) }
    return (PythonFloat.repr(x), x.sign == .minus ? Level.unary : Level.postfix)
  }

  static func list(_ items: [Expr]) -> String { items.map { python($0) }.joined(separator: ", ") }

  static func template(_ pieces: [FormatPiece]) -> String {
    pieces.map { piece -> String in
      switch piece {
      case .text(let text): return text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
      case .field(let expr, let conversion, let spec, _):
        return "{" + python(expr) + (conversion.map { "!" + String($0) } ?? "") + (spec.isEmpty ? "" : ":" + template(spec)) + "}"
      }
    }.joined()
  }
}
