import DescentLanguage

/// Whether a source is already Python: the course's code pasted as
/// printed. Such a source exports as itself, so CPython runs exactly what
/// the learner ran; a source with Descent's own forms (braces, `repeat`,
/// `print x`, domain statements) is translated statement by statement.
enum PythonAsItself {
  /// True when `text` uses a Python-only form and nothing only Descent has.
  static func applies(to text: String, statements: [Stmt]) -> Bool {
    guard Parser.parse(text).usesPythonForms, !statements.contains(where: hasDescentStatement) else { return false }
    // `true = 1` makes `true` a name, as Python has it.
    let tokens = Parser.wordsAsNames(Lexer.tokenize(text).tokens, namesInUse: [])
    let bound = boundNames(statements)
    for (i, token) in tokens.enumerated() {
      let next = i + 1 < tokens.count ? tokens[i + 1] : token
      let afterDot = i > 0 && tokens[i - 1].kind == .dot
      switch token.kind {
      case .name where !afterDot && descentOnlyBuiltins.contains(token.text) && !bound.contains(token.text):
        // `gradient(f, v)`, `sigmoid(x)`: Descent's, which CPython does not have.
        return false
      case .leftBrace, .rightBrace, .halfOpenRange, .closedRange, .kwRepeat, .kwDigits, .kwTrue, .kwFalse:
        return false
      case .kwPrint where next.kind != .leftParen:
        return false
      case .rightParen where next.kind == .equal && isDefHeader(tokens, closingAt: i):
        return false
      default:
        continue
      }
    }
    return true
  }

  /// Descent's built-in functions that Python has no built-in of the same name.
  static let descentOnlyBuiltins: Set<String> = {
    let python: Set<String> = [
      "range", "str", "float", "int", "zip", "enumerate", "list", "tuple", "repr", "bool", "sorted", "reversed", "abs",
      "round", "sum", "len", "min", "max", "print",
    ]
    return Set(Completion.builtinNames).subtracting(python)
  }()

  /// The names a program gives values to itself: its functions and their
  /// parameters, assignments, loop variables and imports.
  static func boundNames(_ statements: [Stmt]) -> Set<String> {
    var names: Set<String> = []
    func walk(_ statements: [Stmt]) {
      for statement in statements {
        switch statement.kind {
        case .def(let name, let parameters, let body):
          names.insert(name)
          names.formUnion(parameters)
          walk(body)
        case .assign(let target, _, _):
          if case .name(let name) = target.kind { names.insert(name) }
        case .forLoop(let variable, _, _, _, _, let body):
          names.insert(variable)
          walk(body)
        case .forUnpack(let targets, _, let body):
          for case .name(let name) in targets.map(\.kind) { names.insert(name) }
          walk(body)
        case .importModule(let spec):
          if let imported = spec.names {
            for name in imported { names.insert(name.alias ?? name.name) }
          } else {
            names.insert(spec.alias ?? String(spec.module.split(separator: ".").first ?? ""))
          }
        case .ifElse(_, let then, let otherwise):
          walk(then)
          walk(otherwise ?? [])
        case .whileLoop(_, let body), .repeatLoop(_, let body):
          walk(body)
        default:
          break
        }
      }
    }
    walk(statements)
    return names
  }

  /// Whether the `)` at `index` closes a `def`'s parameter list (`def f(x) = e`).
  private static func isDefHeader(_ tokens: [Token], closingAt index: Int) -> Bool {
    var i = index - 1
    while i >= 0, tokens[i].kind != .leftParen { i -= 1 }
    return i >= 2 && tokens[i - 2].kind == .kwDef
  }

  private static func hasDescentStatement(_ statement: Stmt) -> Bool {
    switch statement.kind {
    case .digits:
      return true
    case .domain(let domain):
      switch domain {
      case .train, .plot, .show, .network, .load, .predict, .checkGradient, .seed, .live, .compare, .showDerivative:
        return true
      case .explore: return true  // Descent's own, whatever its body holds
      }
    case .ifElse(_, let then, let otherwise):
      return then.contains(where: hasDescentStatement) || (otherwise ?? []).contains(where: hasDescentStatement)
    case .whileLoop(_, let body), .repeatLoop(_, let body), .def(_, _, let body), .forUnpack(_, _, let body):
      return body.contains(where: hasDescentStatement)
    case .forLoop(_, _, _, _, _, let body):
      return body.contains(where: hasDescentStatement)
    default:
      return false
    }
  }
}
