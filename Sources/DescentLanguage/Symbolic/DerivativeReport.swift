/// What `show derivative of EXPR wrt NAME` prints, made once for the
/// interpreter and the export alike: the formula, the chain-rule steps,
/// and which variables its value is taken at.
///
///     derivative of (input * weight - goal_pred) ** 2 with respect to weight
///       = 2 * (input * weight - goal_pred) * input
///     chain rule (slope = outer slope × inner slope), from the outside in:
///       (input * weight - goal_pred) ** 2: outer 2 * (input * weight - goal_pred) × inner input
///     value at input = 0.5, weight = 0.5, goal_pred = 0.8: -0.55
public struct DerivativeReport: Sendable {
  /// The expression as shown: `f(x)` for `show derivative of f wrt x`.
  public var expression: Expr
  public var variable: String
  /// The expression with the learner's functions inlined: what is differentiated.
  public var inlined: Expr
  /// The derivative, simplified.
  public var derivative: Expr
  public var steps: [ChainStep]
  /// The variables the derivative's value depends on, in the order the
  /// expression first reads them, each with a place it is read (for an
  /// error when one has no value).
  public var valueNames: [(name: String, range: SourceRange)]
  /// Whether the variable appears in the expression at all.
  public var variableAppears: Bool

  /// The report for `expression` and `variable`. A bare function name
  /// stands for a call with its parameters (`loss` is `loss(w1, w2)`).
  public init(of expression: Expr, wrt variable: String, functions: FunctionLibrary) throws {
    var shown = expression
    if case .name(let name) = expression.kind, let definition = functions.definition(named: name) {
      shown = Expr(.call(expression, definition.parameters.map { Formula.name($0, expression.range) }), expression.range)
    }
    self.expression = shown
    self.variable = variable
    let inlined = try Self.inlining(shown, functions: functions)
    self.inlined = inlined
    derivative = try SymbolicDerivative.differentiate(inlined, wrt: variable, functions: functions)
    steps = try ChainRuleSteps.steps(of: inlined, wrt: variable)
    variableAppears = ChainRuleSteps.mentions(inlined, variable)
    var seen: Set<String> = []
    var names: [(String, SourceRange)] = []
    let read = Self.names(in: derivative)
    Formula.visit(inlined) { node in
      if case .name(let name) = node.kind, read.contains(name), seen.insert(name).inserted { names.append((name, node.range)) }
    }
    for name in read.sorted() where seen.insert(name).inserted {
      names.append((name, derivative.range))
    }
    valueNames = names
  }

  /// The lines that hold for any values: the formula and the steps.
  public var formulaText: String {
    let shown = FormulaPrinter.python(expression)
    var text = "derivative of \(shown) with respect to \(variable)\n"
    text += "  = \(FormulaPrinter.python(derivative))\n"
    guard variableAppears else {
      return text + "\(variable) does not appear in \(shown): tugging it moves nothing, so the slope is 0\n"
    }
    if steps.isEmpty {
      // Either no function holds the variable, or each holds it bare (inner slope 1).
      var wrapped = false
      Formula.visit(inlined) { node in
        switch node.kind {
        case .call(_, let arguments) where arguments.contains(where: { ChainRuleSteps.mentions($0, variable) }):
          wrapped = true
        case .binary(.power, let base, _) where ChainRuleSteps.mentions(base, variable):
          wrapped = true
        default: break
        }
      }
      if wrapped {
        return text + "chain rule: not needed (each function or power here takes \(variable) itself: inner slope 1)\n"
      }
      return text + "chain rule: not needed (\(variable) is inside no function or power)\n"
    }
    text += "chain rule (slope = outer slope × inner slope), from the outside in:\n"
    for step in steps {
      // A slope that is a choice (`1 if u > 0 else ...`) is bracketed, so the × reads clearly.
      let outer = FormulaPrinter.python(step.outerSlope, atLeast: FormulaPrinter.Level.or)
      let inner = FormulaPrinter.python(step.innerSlope, atLeast: FormulaPrinter.Level.or)
      text += "  \(FormulaPrinter.python(step.expression)): outer \(outer) × inner \(inner)\n"
    }
    return text
  }

  /// The last line, from the variables' values and the slope's, as printed.
  public func valueLine(values: [String], slope: String) -> String {
    guard !valueNames.isEmpty else { return "value: \(slope)\n" }
    let at = zip(valueNames, values).map { "\($0.0.name) = \($0.1)" }.joined(separator: ", ")
    return "value at \(at): \(slope)\n"
  }

  /// The expression with every call of the learner's functions replaced by
  /// what it returns.
  static func inlining(_ expr: Expr, functions: FunctionLibrary, depth: Int = 0) throws -> Expr {
    let inner = try expr.mappingChildren { try inlining($0, functions: functions, depth: depth) }
    guard case .call(let callee, let arguments) = inner.kind, case .name(let name) = callee.kind,
      let definition = functions.definition(named: name)
    else { return inner }
    guard depth < DerivativeRules.maxInlineDepth else {
      throw Diagnostic("cannot differentiate \(name)() symbolically: its calls go too deep (does it call itself?)", at: expr.range)
    }
    let body = try definition.inlined(arguments: arguments, at: expr.range)
    try Formula.checkSize(body, writingOut: name, at: expr.range)
    return try inlining(body, functions: functions, depth: depth + 1)
  }

  /// The variables a formula reads (not the functions it calls).
  static func names(in expr: Expr) -> Set<String> {
    var found: Set<String> = []
    func walk(_ e: Expr) {
      switch e.kind {
      case .name(let name): found.insert(name)
      case .call(let callee, let arguments):
        if case .name = callee.kind {} else { walk(callee) }
        arguments.forEach(walk)
      case .member(let base, _):
        if case .name = base.kind {} else { walk(base) }  // `np` in `np.exp` is a module
      default: _ = e.mappingChildren { child in walk(child); return child }
      }
    }
    walk(expr)
    return found
  }
}
