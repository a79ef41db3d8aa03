/// Derivatives as formulas: `differentiate` turns an expression into the
/// expression of its slope with respect to one variable, by the rules of a
/// calculus book (sum, product, quotient, power and chain rules), and
/// `simplify` tidies the result (no `* 1`, `+ 0`, folded constants).
///
/// Points where a function has no derivative follow PyTorch, as the
/// automatic derivatives do: `abs` and `relu` have slope 0 at 0.
public enum SymbolicDerivative {
  /// The derivative of `expr` with respect to the variable `name`, simplified.
  ///
  /// Calls of the learner's functions (looked up in `functions`) are
  /// inlined when their bodies are straight-line code. What has no
  /// symbolic derivative (a loop in a called function, an unknown
  /// function, a string) is a located `Diagnostic`.
  public static func differentiate(_ expr: Expr, wrt name: String, functions: FunctionLibrary = .none) throws
    -> Expr
  {
    try Formula.checkSize(expr, writingOut: nil, at: expr.range)
    var rules = DerivativeRules(variable: name, functions: functions)
    // The formula tidied first (`1/2` is 0.5), so the rules see its constants.
    return simplify(try rules.derivative(of: simplify(expr)))
  }

  /// Forward mode: the slope of `expr` when each name in `tangents` moves
  /// at the speed given (`w` at `d_w`, or at 1) and every other name stays put.
  /// A call of the learner's function `g(a, b)` becomes
  /// `partial(g, 0)(a, b) * d_a + partial(g, 1)(a, b) * d_b`, where
  /// `partial(g, i)` names a function giving g's slope in its i-th parameter
  /// (the export writes those functions too).
  public static func tangent(
    of expr: Expr, tangents: [String: Expr], functions: FunctionLibrary,
    partial: @escaping (FunctionDefinition, Int) -> String
  ) throws -> Expr {
    var rules = DerivativeRules(
      slopeOfName: { name, _ in tangents[name] }, functions: functions,
      partialFunction: partial)
    return simplify(try rules.derivative(of: simplify(expr)))
  }

  /// Forward mode over numpy arrays as well as numbers: as `tangent`, and
  /// each name in `tangents` may hold a vector or matrix moving at an array
  /// of the same shape. The linear operations (sum, mean, v[i], slices,
  /// `.T`, `@`, dot, outer, the element picked by max or min) take their
  /// slopes through (`ArraySlopes.swift`), and a call of the learner's
  /// `g(a, b)` becomes `tangentFunction(g)(a, b, a', b')`, g's slope as all
  /// its arguments move together.
  public static func arrayTangent(
    of expr: Expr, tangents: [String: Expr], functions: FunctionLibrary,
    tangentFunction: @escaping (FunctionDefinition) -> String
  ) throws -> Expr {
    var rules = DerivativeRules(
      slopeOfName: { name, _ in tangents[name] }, functions: functions,
      partialFunction: { definition, _ in tangentFunction(definition) }, tangentFunction: tangentFunction)
    return simplify(try rules.derivative(of: simplify(expr)))
  }

  /// The derivative of what a function returns with respect to one of its
  /// parameters, in terms of its parameters: `def f(x) = x ** 3` gives
  /// `3 * x ** 2` for `x`. The body must be straight-line code.
  public static func derivative(
    of function: FunctionDefinition, wrt parameter: String, functions: FunctionLibrary = .none
  ) throws -> Expr {
    guard function.parameters.contains(parameter) else {
      throw Diagnostic("\(function.name)() has no parameter '\(parameter)'", at: function.range)
    }
    let arguments = function.parameters.map { Formula.name($0, function.range) }
    let returned = try function.inlined(arguments: arguments, at: function.range)
    return try differentiate(returned, wrt: parameter, functions: functions)
  }

  /// The expression with its arithmetic tidied: see `FormulaSimplifier`.
  public static func simplify(_ expr: Expr) -> Expr { FormulaSimplifier.simplify(expr) }

  /// The expression in Python syntax, with the fewest parentheses that
  /// keep its meaning; Descent's parser reads it back to the same tree.
  public static func python(_ expr: Expr) -> String { FormulaPrinter.python(expr) }
}

/// The differentiation rules, one per kind of node; each builds the slope
/// of a node from the slopes of its children.
struct DerivativeRules {
  /// The slope of a name that moves (nil: it stays put): 1 for the
  /// variable of a symbolic derivative, `d_w` for `w` in forward mode.
  let slopeOfName: (String, SourceRange) -> Expr?
  let functions: FunctionLibrary
  /// Nil: calls of the learner's functions are inlined (symbolic). Else the
  /// name of the function giving one of its partial derivatives (forward mode).
  let partialFunction: ((FunctionDefinition, Int) -> String)?
  /// Nil: numbers only. Else the name of the function giving a called
  /// function's slope as all its arguments move (forward mode over arrays).
  let tangentFunction: ((FunctionDefinition) -> String)?
  /// How many calls are being inlined inside each other (a recursive
  /// function would never end).
  private var inlineDepth = 0
  static let maxInlineDepth = 64

  init(variable: String, functions: FunctionLibrary) {
    self.init(
      slopeOfName: { name, range in name == variable ? Formula.integer(1, range) : nil }, functions: functions,
      partialFunction: nil)
  }

  init(
    slopeOfName: @escaping (String, SourceRange) -> Expr?, functions: FunctionLibrary,
    partialFunction: ((FunctionDefinition, Int) -> String)?, tangentFunction: ((FunctionDefinition) -> String)? = nil
  ) {
    self.slopeOfName = slopeOfName
    self.functions = functions
    self.partialFunction = partialFunction
    self.tangentFunction = tangentFunction
  }

  /// Whether `expr` moves: it reads a name that moves, or (when calls are
  /// inlined) calls a function of the learner's, whose body may read one.
  func moves(_ expr: Expr) -> Bool {
    var found = false
    Formula.visit(expr) { node in
      switch node.kind {
      case .name(let name): if slopeOfName(name, node.range) != nil { found = true }
      case .call(let callee, _):
        if partialFunction == nil, case .name(let f) = callee.kind, functions.definition(named: f) != nil { found = true }
      default: break
      }
    }
    return found
  }

  /// The slope of `expr` with respect to the variable, simplified.
  mutating func derivative(of expr: Expr) throws -> Expr {
    let r = expr.range
    if !moves(expr) { return Formula.integer(0, r) }
    if tangentFunction != nil, let slope = try arraySlope(of: expr) { return slope }
    switch expr.kind {
    case .name(let name): return slopeOfName(name, r) ?? Formula.integer(0, r)
    case .unary(.plus, let a): return try derivative(of: a)
    case .unary(.negate, let a): return try tidy(Formula.negate(try derivative(of: a), r))
    case .binary(let op, let a, let b): return try binary(op, a, b, at: expr)
    case .call(let callee, let arguments): return try call(callee, arguments, at: expr)
    case .conditional(let value, let condition, let otherwise):
      // The slope of the branch taken; the condition only picks it.
      return Expr(.conditional(try derivative(of: value), condition: condition, otherwise: try derivative(of: otherwise)), r)
    case .comparison, .and, .or, .not, .membership, .identity:
      // A truth value jumps from 0 to 1 and is flat elsewhere.
      return Formula.integer(0, r)
    default:
      throw Diagnostic(
        "cannot differentiate \(Self.what(expr)) symbolically", at: r,
        notes: ["symbolic derivatives cover numbers, arithmetic, the math functions and straight-line functions"])
    }
  }

  /// The sum, product, quotient and power rules.
  mutating func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, at expr: Expr) throws -> Expr {
    let r = expr.range
    switch op {
    case .add, .subtract:
      return try tidy(Formula.binary(op, try derivative(of: a), try derivative(of: b), r))
    case .multiply:
      // (a b)' = a' b + a b'
      let (da, db) = (try derivative(of: a), try derivative(of: b))
      return try tidy(Formula.add(Formula.multiply(da, b, r), Formula.multiply(a, db, r), r))
    case .divide:
      let (da, db) = (try derivative(of: a), try derivative(of: b))
      // (a / b)' = a' / b when b does not move, else (a' b - a b') / b ** 2.
      if Formula.isZero(db) { return try tidy(Formula.divide(da, b, r)) }
      let top = Formula.subtract(Formula.multiply(da, b, r), Formula.multiply(a, db, r), r)
      return try tidy(Formula.divide(top, Formula.power(b, Formula.integer(2, r), r), r))
    case .power:
      return try power(a, b, at: r)
    case .modulo:
      // a % b = a - b * floor(a / b): the floor is flat between its jumps.
      let (da, db) = (try derivative(of: a), try derivative(of: b))
      let quotient = Formula.binary(.floorDivide, a, b, r)
      return try tidy(Formula.subtract(da, Formula.multiply(db, quotient, r), r))
    case .floorDivide:
      return Formula.integer(0, r)  // a staircase: flat between its jumps
    case .matmul:
      throw Diagnostic(
        "cannot differentiate a matrix product '@' symbolically", at: r,
        notes: ["symbolic derivatives work on numbers; derivative(f, x) and gradient(f, v) handle vectors"])
    }
  }

  /// `a ** b`: the power rule when the exponent is fixed, the exponential
  /// rule when the base is, and both together otherwise.
  mutating func power(_ a: Expr, _ b: Expr, at r: SourceRange) throws -> Expr {
    let (da, db) = (try derivative(of: a), try derivative(of: b))
    if Formula.isZero(db) {
      // (a ** n)' = n * a ** (n - 1) * a'
      let slope = Formula.multiply(b, Formula.power(a, Formula.subtract(b, Formula.integer(1, r), r), r), r)
      return try tidy(Formula.multiply(slope, da, r))
    }
    let log = Formula.call("log", a, r)
    if Formula.isZero(da) {
      // (c ** b)' = c ** b * log(c) * b'
      return try tidy(Formula.multiply(Formula.multiply(Formula.power(a, b, r), log, r), db, r))
    }
    // (a ** b)' = a ** b * (b' * log(a) + b * a' / a)
    let inner = Formula.add(Formula.multiply(db, log, r), Formula.divide(Formula.multiply(b, da, r), a, r), r)
    return try tidy(Formula.multiply(Formula.power(a, b, r), inner, r))
  }

  /// A call: a math built-in by the chain rule, a straight-line `def` by
  /// inlining it.
  mutating func call(_ callee: Expr, _ arguments: [Expr], at expr: Expr) throws -> Expr {
    let r = expr.range
    if case .name(let name) = callee.kind, let definition = functions.definition(named: name) {
      if let partialFunction { return try partials(definition, partialFunction, arguments, at: r) }
      guard inlineDepth < Self.maxInlineDepth else {
        throw Diagnostic(
          "cannot differentiate \(name)() symbolically: its calls go \(Self.maxInlineDepth) deep (does it call itself?)",
          at: r, notes: ["derivative(\(name), x) differentiates any function, recursion included"])
      }
      let body = try definition.inlined(arguments: arguments, at: r)
      try Formula.checkSize(body, writingOut: name, at: r)
      inlineDepth += 1
      defer { inlineDepth -= 1 }
      return try derivative(of: body)
    }
    guard let function = BuiltinSlopes.function(callee) else {
      throw Diagnostic(
        "cannot differentiate \(FormulaPrinter.python(callee))() symbolically: it is not a function Descent knows the slope of",
        at: callee.range, notes: ["known: " + BuiltinSlopes.names.joined(separator: ", ") + ", and your own def's"])
    }
    if function == "round" { return Formula.integer(0, r) }  // a staircase, with or without decimals
    guard arguments.count == 1, let argument = arguments.first else {
      throw Diagnostic("\(function)() takes 1 argument, given \(arguments.count)", at: r)
    }
    if case .keyword = argument.kind {
      throw Diagnostic("cannot differentiate a call with a keyword argument symbolically", at: argument.range)
    }
    // The chain rule: the function's slope at its argument times the argument's slope.
    let inner = try derivative(of: argument)
    guard let outer = BuiltinSlopes.slope(of: function, callee: callee, at: argument, r) else {
      return Formula.integer(0, r)
    }
    return try tidy(Formula.multiply(outer, inner, r))
  }

  /// `g(a, b)` in forward mode: `d_g_d_x(a, b) * a' + d_g_d_y(a, b) * b'`.
  mutating func partials(
    _ definition: FunctionDefinition, _ partial: (FunctionDefinition, Int) -> String, _ arguments: [Expr],
    at r: SourceRange
  ) throws -> Expr {
    try Self.checkCount(of: arguments, for: definition, at: r)
    var total = Formula.integer(0, r)
    for (index, argument) in arguments.enumerated() {
      let slope = try derivative(of: argument)
      if Formula.isZero(slope) { continue }
      let call = Expr(.call(Formula.name(partial(definition, index), r), arguments), r)
      total = try tidy(Formula.add(total, Formula.multiply(call, slope, r), r))
    }
    return total
  }

  /// A diagnostic when a call gives a function more or fewer arguments than it takes.
  static func checkCount(of arguments: [Expr], for definition: FunctionDefinition, at r: SourceRange) throws {
    guard arguments.count != definition.parameters.count else { return }
    throw Diagnostic(
      "\(definition.name)() takes \(definition.parameters.count) argument\(definition.parameters.count == 1 ? "" : "s"), given \(arguments.count)",
      at: r)
  }

  /// A node simplified as soon as it is made, so zeros from parts that do
  /// not move never pile up; and a derivative that grows past what can be
  /// written out (a function nested in itself forty times) stops here, in
  /// well under a second, rather than running for minutes.
  func tidy(_ expr: Expr) throws -> Expr {
    let tidied = FormulaSimplifier.simplifyTop(expr)
    if Formula.parts(tidied, limit: Self.maxDerivativeParts) > Self.maxDerivativeParts {
      throw Diagnostic(
        "the derivative is too large to write out: it has more than \(Self.maxDerivativeParts) parts", at: expr.range,
        notes: ["derivative(f, x) computes a slope's value without writing its formula"])
    }
    return tidied
  }

  static let maxDerivativeParts = 10_000

  /// Names a node for a message: "a string", "an index v[i]", ...
  static func what(_ expr: Expr) -> String {
    switch expr.kind {
    case .string: "a string"
    case .vector: "a vector"
    case .index: "an index \(FormulaPrinter.python(expr))"
    case .member: "the field \(FormulaPrinter.python(expr))"
    case .tuple: "a tuple"
    default: FormulaPrinter.python(expr)
    }
  }
}
