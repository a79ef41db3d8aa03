import DescentLanguage

/// Derivatives in the export: `show derivative` prints the same formula and
/// steps and computes the same value; `derivative(f, x)` and
/// `gradient(f, a, b)` call Python functions written out from f's
/// statements (`PythonDerivativeWriter`), so the script needs no autograd
/// library.
extension PythonExporter {
  /// The functions the program has defined so far.
  /// The functions the program has defined so far, and those it defines
  /// later (a function may call one defined after it).
  var functionLibrary: FunctionLibrary {
    FunctionLibrary { [definitions, derivativeUses] name in definitions[name] ?? derivativeUses.definitions[name] }
  }

  /// `show derivative of EXPR wrt NAME`: the formula and steps, which hold
  /// for any values, are text; the value line computes the derivative.
  func exportShowDerivative(of expression: Expr, wrt variable: String, at range: SourceRange) {
    let report: DerivativeReport
    do {
      report = try DerivativeReport(of: expression, wrt: variable, functions: functionLibrary)
    } catch {
      untranslatable((error as? Diagnostic)?.message ?? "\(error)", at: range)
      return
    }
    code.line("print(" + stringLiteral(String(report.formulaText.dropLast())) + ")")
    guard report.variableAppears else { return }
    var parts: [String] = []
    for (index, (name, place)) in report.valueNames.enumerated() {
      parts.append(stringLiteral((index == 0 ? "value at " : ", ") + name + " = "))
      parts.append(printed(Expr(.name(name), place)))
    }
    parts.append(stringLiteral(report.valueNames.isEmpty ? "value: " : ": "))
    parts.append(printed(report.derivative))
    code.line("print(" + parts.joined(separator: ", ") + ", sep=\"\")")
  }

  /// After `def f`, when the program asks for f's derivative or gradient:
  /// the Python functions that compute them.
  func exportDerivativeFunctions(of definition: FunctionDefinition) {
    guard derivativeUses.targets.contains(definition.name), blockDepth == 0 else { return }
    do {
      let source = try derivativeSource(of: definition)
      code.line("")
      code.comment("The derivatives of \(definition.name), written out by the chain rule (no autograd library).")
      for line in source.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { code.line(String(line)) }
    } catch {
      untranslatable((error as? Diagnostic)?.message ?? "\(error)", at: (error as? Diagnostic)?.range ?? definition.range)
    }
  }

  /// f's derivatives as Python: for numbers (`d_f_d_x`, as they have
  /// always been written) unless the program may take them at a vector or
  /// matrix, or f's body works on arrays (`sum(v)`) the numbers' writer
  /// cannot follow; then for arrays (`tangent_f`). When the first choice
  /// cannot follow the body, the other is tried; its error is the first's.
  func derivativeSource(of definition: FunctionDefinition) throws -> String {
    let atArrays = (derivativeUses.points[definition.name] ?? []).contains { kinds.kindOf($0).contains(.array) }
    func numbers() throws -> String {
      var writer = PythonDerivativeWriter(exporter: self)
      return try writer.gradientFunction(of: definition, parameters: definition.parameters).source
    }
    func arrays() throws -> String {
      var writer = PythonDerivativeWriter(exporter: self)
      let source = try writer.arrayGradientFunction(of: definition).source
      arrayDerivatives.insert(definition.name)
      return source
    }
    let (first, second) = atArrays ? (arrays, numbers) : (numbers, arrays)
    do {
      return try first()
    } catch {
      guard let source = try? second() else { throw error }
      return source
    }
  }

  /// `derivative(f, x)` and `gradient(f, a, b, ...)`: calls of the written
  /// functions, or for a built-in its slope as a formula.
  func derivativeCall(_ name: String, _ arguments: [Expr], at range: SourceRange) -> String {
    let points = Array(arguments.dropFirst())
    let text = points.map { python($0) }.joined(separator: ", ")
    guard case .name(let function)? = arguments.first?.kind else {
      untranslatable("\(name)() of something other than a function's name is not exported", at: range)
      return "None"
    }
    let atArray = points.contains { kinds.kindOf($0).intersection([.int, .float, .bool]).isEmpty }
    if atArray && name == "derivative" {
      // Descent stops there: derivative(f, x) takes one number (gradient(f, v) is for a vector).
      untranslatable("derivative(f, x) takes one number, not a vector: use gradient(f, v)", at: range)
      return "None"
    }
    if atArray && !arrayDerivatives.contains(function) {
      untranslatable("\(name)() at a vector is not exported (only at numbers, or at one vector or matrix)", at: range)
      return "None"
    }
    if let definition = definitions[function] {
      guard derivativeUses.targets.contains(function), points.count == definition.parameters.count else {
        untranslatable("\(function)() takes \(definition.parameters.count) arguments, given \(points.count)", at: range)
        return "None"
      }
      if arrayDerivatives.contains(function) {
        // gradient_f gives the array of slopes itself; derivative(f, x) is f's slope as x moves at 1.
        if name == "gradient" {
          let slopes = PythonDerivativeWriter.gradientName(function) + "(" + text + ")"
          // Several points, one of them an array: Descent gives a list, a slope per argument.
          return points.count == 1 ? slopes : "slopes_by_argument(" + slopes + ", " + text + ")"
        }
        guard points.count == 1 else {
          untranslatable("derivative() of a function of \(points.count) numbers: use gradient()", at: range)
          return "None"
        }
        return "float(" + PythonDerivativeWriter.tangentFunctionName(function) + "(" + text + ", 1.0))"
      }
      if name == "gradient" {
        code.need(.numpy)
        return "np.array(" + PythonDerivativeWriter.gradientName(function) + "(" + text + "))"
      }
      guard points.count == 1 else {
        untranslatable("derivative() of a function of \(points.count) numbers: use gradient()", at: range)
        return "None"
      }
      return "float(" + PythonDerivativeWriter.partialName(function, definition.parameters[0]) + "(" + text + "))"
    }
    // A built-in: its slope at the point, as a formula.
    let standIn = Expr(.name("_point_"), range)
    guard points.count == 1,
      let slope = try? SymbolicDerivative.differentiate(Expr(.call(arguments[0], [standIn]), range), wrt: "_point_")
    else {
      untranslatable("the export knows no derivative of \(function)() at \(points.count) numbers", at: range)
      return "None"
    }
    // Descent's slopes are sums that start at 0, so a slope of -0.0 (cos at 0) is 0.0.
    let atPoint = Self.replacing("_point_", with: points[0], in: slope)
    let formula = "float(" + python(Expr(.binary(.add, atPoint, Expr(.float(0), range)), range)) + ")"
    return name == "gradient" ? "np.array([" + formula + "])" : formula
  }

  /// `expr` with the name replaced by `value` everywhere.
  static func replacing(_ name: String, with value: Expr, in expr: Expr) -> Expr {
    if case .name(name) = expr.kind { return value }
    return expr.mappingChildren { replacing(name, with: value, in: $0) }
  }
}

/// What the export must know before it starts: the functions a program asks
/// the derivative or gradient of (`derivative(f, x)`, `gradient(f, a, b)`),
/// so their derivatives are written right after their `def`, and every
/// top-level `def` (a function may call one defined after it).
struct DerivativeUses {
  var targets: Set<String> = []
  var definitions: [String: FunctionDefinition] = [:]
  /// Where each function's derivatives are taken: the points of
  /// `gradient(f, ...)`, and the variables `train ... on f` moves.
  var points: [String: [Expr]] = [:]

  init(_ statements: [Stmt]) {
    var trained: Set<String> = []
    (targets, points, trained) = Self.uses(in: statements)
    for statement in statements {
      if case .def(let name, let parameters, let body) = statement.kind {
        definitions[name] = FunctionDefinition(name: name, parameters: parameters, body: body, range: statement.range)
        if trained.contains(name) { points[name, default: []] += parameters.map { Expr(.name($0), statement.range) } }
      }
    }
  }

  /// The functions differentiated, the points of their `derivative` and
  /// `gradient` calls, and those `train ... on` descends.
  static func uses(in statements: [Stmt]) -> (targets: Set<String>, points: [String: [Expr]], trained: Set<String>) {
    var found: Set<String> = []
    var points: [String: [Expr]] = [:]
    var trained: Set<String> = []
    func walk(_ expr: Expr) {
      if case .call(let callee, let arguments) = expr.kind, case .name(let name) = callee.kind,
        name == "derivative" || name == "gradient", case .name(let target)? = arguments.first?.kind
      {
        found.insert(target)
        points[target, default: []] += arguments.dropFirst()
      }
      _ = expr.mappingChildren { child in
        walk(child)
        return child
      }
    }
    func walk(_ statements: [Stmt]) {
      for statement in statements {
        switch statement.kind {
        case .expression(let e), .returnValue(let e?), .domain(.predict(let e)), .domain(.seed(let e)),
          .domain(.showDerivative(let e, _, _)):
          walk(e)
        case .assign(let target, _, let value):
          walk(target)
          walk(value)
        case .print(let values): values.forEach(walk)
        case .printPython(let values, let separator, let terminator): (values + [separator, terminator].compactMap { $0 }).forEach(walk)
        case .assert(let condition, let message): ([condition] + [message].compactMap { $0 }).forEach(walk)
        case .ifElse(let condition, let then, let otherwise):
          walk(condition)
          walk(then)
          walk(otherwise ?? [])
        case .whileLoop(let e, let body), .repeatLoop(let e, let body):
          walk(e)
          walk(body)
        case .forLoop(_, _, let start, let upper, _, let body):
          walk(start)
          upper.map(walk)
          walk(body)
        case .forUnpack(_, let iterable, let body):
          walk(iterable)
          walk(body)
        case .def(_, _, let body): walk(body)
        case .domain(.explore(let spec)): walk(spec.body)
        case .domain(.train(let spec)):
          // `train ... on f` descends f along its written-out gradient.
          if case .name(let target)? = spec.function?.kind {
            found.insert(target)
            trained.insert(target)
          }
        case .domain(.compare(let spec)):
          if case .name(let target) = spec.function.kind { found.insert(target) }
        default: break
        }
      }
    }
    walk(statements)
    return (found, points, trained)
  }
}
