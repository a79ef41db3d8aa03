import DescentLanguage

/// Python's binding strengths, loosest first; Descent's grammar has the same
/// levels (Grammar/descent.ebnf), so a child is parenthesised exactly when
/// Descent's parser needed the parentheses too.
enum PythonPrecedence {
  static let or = 1, and = 2, not = 3, comparison = 4, term = 5, factor = 6, unary = 7, power = 8
  static let postfix = 9
}

extension PythonExporter {
  // MARK: - Expressions (Grammar/descent.ebnf, "Expressions")

  /// The Python text of an expression.
  func python(_ expr: Expr) -> String { pythonWithPrecedence(expr).text }

  /// The Python text of `expr`, parenthesised if it binds looser than `minimum`.
  func python(_ expr: Expr, atLeast minimum: Int) -> String {
    let (text, precedence) = pythonWithPrecedence(expr)
    return precedence < minimum ? "(" + text + ")" : text
  }

  func pythonWithPrecedence(_ expr: Expr) -> (text: String, precedence: Int) {
    switch expr.kind {
    case .integer(let n): return (String(n), n < 0 ? PythonPrecedence.unary : PythonPrecedence.postfix)
    case .float(let x): return (floatLiteral(x), x < 0 ? PythonPrecedence.unary : PythonPrecedence.postfix)
    case .string(let s): return (stringLiteral(s), PythonPrecedence.postfix)
    case .bool(let b): return (b ? "True" : "False", PythonPrecedence.postfix)
    case .name(let name): return (pythonName(name), PythonPrecedence.postfix)
    case .vector(let items): return (vectorLiteral(items), PythonPrecedence.postfix)
    case .unary(let op, let operand):
      return (op.rawValue + python(operand, atLeast: PythonPrecedence.unary), PythonPrecedence.unary)
    case .binary(let op, let left, let right): return binary(op, left, right)
    case .and(let a, let b):
      return (
        python(a, atLeast: PythonPrecedence.and) + " and " + python(b, atLeast: PythonPrecedence.and + 1),
        PythonPrecedence.and
      )
    case .or(let a, let b):
      return (
        python(a, atLeast: PythonPrecedence.or) + " or " + python(b, atLeast: PythonPrecedence.or + 1),
        PythonPrecedence.or
      )
    case .not(let operand): return ("not " + python(operand, atLeast: PythonPrecedence.not), PythonPrecedence.not)
    case .comparison(let ops, let operands): return comparison(ops, operands)
    case .call(let callee, let arguments): return (call(callee, arguments, at: expr.range), PythonPrecedence.postfix)
    case .index(let base, let index):
      return (python(base, atLeast: PythonPrecedence.postfix) + "[" + python(index) + "]", PythonPrecedence.postfix)
    case .member(let base, let name):
      // An attribute is the module's or value's own name (np.exp), never renamed.
      return (python(base, atLeast: PythonPrecedence.postfix) + "." + name, PythonPrecedence.postfix)
    case .network(let spec): return (networkValue(spec, at: expr.range), PythonPrecedence.postfix)
    case .load(let path): return (loadTable(path), PythonPrecedence.postfix)
    case .none: return ("None", PythonPrecedence.postfix)
    case .tuple(let items):
      let inner = items.map { python($0) }.joined(separator: ", ")
      return ("(" + inner + (items.count == 1 ? ",)" : ")"), PythonPrecedence.postfix)
    case .slice(let lower, let upper, let step):
      var text = (lower.map { python($0) } ?? "") + ":" + (upper.map { python($0) } ?? "")
      if let step { text += ":" + python(step) }
      return (text, PythonPrecedence.postfix)
    case .keyword(let name, let value): return (name + "=" + python(value), PythonPrecedence.postfix)
    case .membership(let item, let container, let negated):
      return (
        python(item, atLeast: PythonPrecedence.comparison + 1) + (negated ? " not in " : " in ")
          + python(container, atLeast: PythonPrecedence.comparison + 1), PythonPrecedence.comparison
      )
    case .identity(let left, let right, let negated):
      return (
        python(left, atLeast: PythonPrecedence.comparison + 1) + (negated ? " is not " : " is ")
          + python(right, atLeast: PythonPrecedence.comparison + 1), PythonPrecedence.comparison
      )
    case .formatted(let pieces): return ("f" + stringLiteral(formatTemplate(pieces)), PythonPrecedence.postfix)
    case .conditional(let value, let condition, let otherwise):
      return (
        python(value, atLeast: PythonPrecedence.or) + " if " + python(condition, atLeast: PythonPrecedence.or)
          + " else " + python(otherwise), 0
      )
    }
  }

  /// An f-string's text with its fields written back as Python source.
  func formatTemplate(_ pieces: [FormatPiece]) -> String {
    pieces.map { piece -> String in
      switch piece {
      case .text(let text): return text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
      case .field(let expr, let conversion, let spec, _):
        return "{" + python(expr) + (conversion.map { "!" + String($0) } ?? "")
          + (spec.isEmpty ? "" : ":" + formatTemplate(spec)) + "}"
      }
    }.joined()
  }

  func floatLiteral(_ x: Double) -> String {
    if x.isNaN { return "float(\"nan\")" }
    if x.isInfinite { return x < 0 ? "-float(\"inf\")" : "float(\"inf\")" }
    return PythonFloat.repr(x)
  }

  func stringLiteral(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  /// A vector literal: a numpy array. A vector with any float in it is all
  /// floats in Descent, so its integers are written as floats.
  func vectorLiteral(_ items: [Expr]) -> String {
    code.need(.numpy)
    return "np.array(" + listLiteral(items, floats: Self.hasFloatLiteral(items)) + ")"
  }

  /// A plain Python list, as the course writes `for weight in [10, 20]:`.
  func listLiteral(_ items: [Expr], floats: Bool) -> String {
    "["
      + items.map { item -> String in
        switch item.kind {
        case .integer(let n) where floats: return String(n) + ".0"
        case .unary(.negate, let inner):
          if case .integer(let n) = inner.kind, floats { return "-" + String(n) + ".0" }
          return python(item)
        case .vector(let inner): return listLiteral(inner, floats: floats)
        default: return python(item)
        }
      }.joined(separator: ", ") + "]"
  }

  static func hasFloatLiteral(_ items: [Expr]) -> Bool {
    items.contains { item in
      switch item.kind {
      case .float: return true
      case .unary(_, let inner): return hasFloatLiteral([inner])
      case .vector(let inner): return hasFloatLiteral(inner)
      default: return false
      }
    }
  }

  func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> (text: String, precedence: Int) {
    switch op {
    case .power:
      // Right associative, and its exponent may carry a sign (`2 ** -1`).
      return (
        python(left, atLeast: PythonPrecedence.postfix) + " ** " + python(right, atLeast: PythonPrecedence.unary),
        PythonPrecedence.power
      )
    case .add, .subtract:
      return (
        python(left, atLeast: PythonPrecedence.term) + " \(op.rawValue) "
          + python(right, atLeast: PythonPrecedence.term + 1), PythonPrecedence.term
      )
    case .matmul:
      // Descent sums each entry of a product in order; numpy's BLAS fuses
      // multiply-adds, so `a @ b` would differ in the last digit (and the
      // lessons compare such results exactly): `dot` is numpy's product
      // with Descent's order of sums.
      code.need([.numpy, .dot])
      return ("dot(" + python(left) + ", " + python(right) + ")", PythonPrecedence.postfix)
    case .multiply, .divide, .modulo, .floorDivide:
      return (
        python(left, atLeast: PythonPrecedence.factor) + " \(op.rawValue) "
          + python(right, atLeast: PythonPrecedence.factor + 1), PythonPrecedence.factor
      )
    }
  }

  /// A comparison chain; `==` between vectors is one truth value in Descent
  /// (every element equal), which numpy spells `np.array_equal`.
  func comparison(_ ops: [ComparisonOperator], _ operands: [Expr]) -> (text: String, precedence: Int) {
    if ops.count == 1, ops[0] == .equal || ops[0] == .notEqual,
      operands.contains(where: { !kinds.kindOf($0).intersection([.array, .other]).isEmpty })
    {
      code.need(.numpy)
      let test = "np.array_equal(" + python(operands[0]) + ", " + python(operands[1]) + ")"
      return ops[0] == .equal ? (test, PythonPrecedence.postfix) : ("not " + test, PythonPrecedence.not)
    }
    var text = python(operands[0], atLeast: PythonPrecedence.comparison + 1)
    for (op, operand) in zip(ops, operands.dropFirst()) {
      text += " \(op.rawValue) " + python(operand, atLeast: PythonPrecedence.comparison + 1)
    }
    return (text, PythonPrecedence.comparison)
  }

  // MARK: - Built-in functions

  /// A call: a built-in becomes its numpy or Python spelling, a function
  /// the program defines is called by name.
  func call(_ callee: Expr, _ arguments: [Expr], at range: SourceRange) -> String {
    let args = arguments.map { python($0) }
    let joined = args.joined(separator: ", ")
    guard case .name(let name) = callee.kind, !kinds.functions.contains(name) else {
      return python(callee, atLeast: PythonPrecedence.postfix) + "(" + joined + ")"
    }
    let first = arguments.first.map { kinds.kindOf($0) } ?? []
    switch name {
    case "sigmoid", "sigmoid_prime", "relu", "relu_prime":
      code.need([
        .numpy,
        name == "sigmoid" ? .sigmoid : name == "sigmoid_prime" ? .sigmoidPrime : name == "relu" ? .relu : .reluPrime,
      ])
      if name == "sigmoid_prime" { code.need(.sigmoid) }
      return name + "(" + joined + ")"
    case "dot":
      code.need([.numpy, .dot])
      return "dot(" + joined + ")"
    case "exp", "log", "tanh", "sin", "cos", "tan":
      code.need([.numpy, .libm, .math])
      return name + "(" + joined + ")"
    case "sqrt", "mean", "outer", "transpose":
      code.need(.numpy)
      return "np.\(name)(" + joined + ")"
    case "sum":
      code.need(.numpy)
      return "np.sum(" + joined + ")"
    case "min", "max":
      if arguments.count == 1 {
        code.need(.numpy)
        return "np.\(name)(" + joined + ")"
      }
      return name + "(" + joined + ")"
    case "range":
      code.need(.numpy)
      return "np.arange(" + joined + ")"
    case "zeros", "ones":
      code.need(.numpy)
      return args.count == 2 ? "np.\(name)((" + joined + "))" : "np.\(name)(" + joined + ")"
    case "shape":
      code.need(.numpy)
      return "np.array(np.shape(" + joined + "))"
    case "round":
      guard args.count == 2 else { return "round(" + joined + ")" }
      if first.isSubset(of: .number) && Self.isPlainScalar(arguments[0]) { return "round(" + joined + ")" }
      // numpy's np.round scales and rounds, which is not always Python's
      // (correctly rounded) round, the one Descent uses, also on vectors.
      code.need([.numpy, .roundEach])
      return "round_each(" + joined + ")"
    case "str":
      if first.printsNatively(digitsChanged: digitsChanged) { return "str(" + joined + ")" }
      code.need(.show)
      return "_show(" + joined + ")"
    case "float":
      if first.contains(.array) {
        code.need(.numpy)
        return "np.asarray(" + joined + ", dtype=float)"
      }
      return "float(" + joined + ")"
    case "abs", "len", "int":
      return name + "(" + joined + ")"
    case "predict":
      return predictCall(args.first ?? "", at: range)
    case "derivative", "gradient":
      return derivativeCall(name, arguments, at: range)
    case "random":
      // Descent's own generator, reproduced, so seeded numbers are the same.
      code.need([.seededRandom, .math])
      switch args.count {
      case 0: return "_random.uniform()"
      case 1:
        code.need(.numpy)
        return "np.array([_random.uniform() for _ in range(\(args[0]))])"
      default:
        code.need(.numpy)
        return
          "np.array([_random.uniform() for _ in range(\(Self.factor(args[0])) * \(Self.factor(args[1])))]).reshape(\(joined))"
      }
    default:
      // Python's own built-in (zip, list), unless the program gave the name a value.
      if Self.pythonBuiltins.contains(name), !kinds.isAssigned(name) { return name + "(" + joined + ")" }
      return pythonName(name) + "(" + joined + ")"
    }
  }

  /// Python's built-in functions Descent has too, called by their own names
  /// (reserved as names only: a program's `list = [1]` is renamed).
  static let pythonBuiltins: Set<String> = [
    "zip", "list", "enumerate", "tuple", "sorted", "reversed", "any", "all", "isinstance", "bool", "set", "dict", "map",
    "repr", "iter", "next",
  ]

  /// A name or arithmetic on names and literals: Python floats, never numpy
  /// scalars (whose `round` rounds differently from Python's).
  static func isPlainScalar(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .integer, .float, .name: return true
    case .unary(_, let e): return isPlainScalar(e)
    case .binary(_, let a, let b): return isPlainScalar(a) && isPlainScalar(b)
    case .call(let callee, _):
      if case .name(let name) = callee.kind { return !["predict", "dot", "sum", "min", "max", "mean"].contains(name) }
      return false
    default: return false
    }
  }

  // MARK: - Names

  /// Python keywords and the names the export defines, renamed with a trailing underscore.
  static let reservedInPython: Set<String> = [
    "None", "True", "False", "as", "assert", "async", "await", "class", "del", "elif", "except",
    "finally", "from", "global", "import", "is", "lambda", "nonlocal", "pass", "raise", "try",
    "with", "yield", "np", "dot", "exp", "log", "tanh", "sin", "cos", "tan", "train_epochs", "check_gradient_of_weight",
    "check_gradient_of_weights", "check_network_gradient", "network_outputs", "network_loss", "network_gradients",
    "show_history", "print_aligned", "round_each", "load_csv", "DataTable", "csv", "forward", "make_network",
    "SeededRandom", "math", "plt", "matplotlib", "sys", "SimpleNamespace", "ACTIVATIONS", "StepBudgetSpent",
    "sigmoid", "sigmoid_prime", "relu", "relu_prime", "error_terms", "History",
    // Python's built-in functions the export's own code calls: a program's
    // `max = 5` (a domain word Descent lets one use as a name) must not hide them.
    // (`input` stays: the book itself names its variable so.)
    "abs", "all", "any", "dict", "enumerate", "Exception", "float", "int", "isinstance", "iter", "len", "list",
    "map", "max", "min", "next", "open", "print", "range", "repr", "round", "str", "sum", "tuple", "zip",
    "ValueError", "OverflowError", "object", "type", "vars", "bool", "set",
  ]

  func pythonName(_ name: String) -> String {
    if sharedModules.contains(name) { return name }
    return Self.reservedInPython.contains(name) || name.hasPrefix("_") ? name + "_" : name
  }
}
