import DescentLanguage
import DescentNotebook
import Foundation

extension PythonExporter {
  // MARK: - Statements (Grammar/descent.ebnf, "Statements")

  /// Exports one statement: the function named for its grammar rule.
  func export(_ statement: Stmt) {
    let range = statement.range
    switch statement.kind {
    case .expression(let expr): exportExpressionStatement(expr)
    case .assign(let target, let op, let value): exportAssign(target, op, value)
    case .print(let values): exportPrint(values)
    case .digits(let digits): exportDigits(digits)
    case .ifElse(let condition, let then, let otherwise): exportIf(condition, then, otherwise, keyword: "if")
    case .whileLoop(let condition, let body): exportWhile(condition, body)
    case .forLoop(let variable, _, let start, let upper, let closed, let body):
      exportFor(variable, start, upper, closed: closed, body)
    case .repeatLoop(let count, let body): exportRepeat(count, body)
    case .def(let name, let parameters, let body):
      exportDef(name, parameters, body)
      definitions[name] = FunctionDefinition(name: name, parameters: parameters, body: body, range: range)
      exportDerivativeFunctions(of: definitions[name]!)
    case .returnValue(let value): code.line(value.map { "return " + python($0) } ?? "return")
    case .breakLoop: code.line("break")
    case .continueLoop: code.line("continue")
    case .domain(let domain): exportDomain(domain, at: range)
    case .pass: code.line("pass")
    case .forUnpack(let targets, let iterable, let body):
      for case .name(let name) in targets.map(\.kind) { currentKinds[name]?.remove(.numpy) }
      exportBlock("for " + targets.map { python($0) }.joined(separator: ", ") + " in " + python(iterable) + ":", body, loopAt: range)
    case .assert(let condition, let message):
      code.line("assert " + python(condition) + (message.map { ", " + python($0) } ?? ""))
    case .importModule(let spec):
      if let names = spec.names {
        code.line("from \(spec.module) import " + names.map { $0.name + ($0.alias.map { " as " + $0 } ?? "") }.joined(separator: ", "))
      } else {
        code.line("import \(spec.module)" + (spec.alias.map { " as " + $0 } ?? ""))
      }
    case .printPython(let values, let separator, let terminator):
      var arguments = values.map(printed)
      if let separator { arguments.append("sep=" + python(separator)) }
      if let terminator { arguments.append("end=" + python(terminator)) }
      code.line("print(" + arguments.joined(separator: ", ") + ")")
    }
  }

  /// Exports one domain statement; no `default`, so a new `DomainStmt` case
  /// must say what Python it becomes.
  func exportDomain(_ statement: DomainStmt, at range: SourceRange) {
    switch statement {
    case .train(let spec): exportTrain(spec, at: range)
    case .plot(let spec): exportPlot(spec, at: range)
    case .show(let what, _): exportShow(what, at: range)  // Python prints every table in full
    case .network(let spec): exportNetwork(spec, at: range)
    case .load(let path, let target): exportLoad(path, target: target, at: range)
    case .predict(let input): exportPredict(input, at: range)
    case .checkGradient: exportCheckGradient(at: range)
    case .seed(let value): exportSeed(value, at: range)
    case .live(let on): exportLive(on)
    case .explore(let spec): exportExplore(spec)
    case .showDerivative(let expression, let variable, _): exportShowDerivative(of: expression, wrt: variable, at: range)
    case .compare(let spec): exportCompare(spec, at: range)
    }
  }

  /// `explore` slides a knob in Descent; Python runs its start frame, as
  /// `descent check` does: each knob set to its start value, then the block.
  func exportExplore(_ spec: ExploreSpec) {
    for knob in spec.knobs {
      code.line("# explore \(knob.name) from \(python(knob.from)) to \(python(knob.to)): the start value")
      exportAssign(Expr(.name(knob.name), knob.nameRange), nil, knob.start ?? knob.from)
    }
    export(spec.body)
  }

  /// `live on|off` only changes what a terminal shows while training runs,
  /// never what prints, so Python gets a comment saying so.
  func exportLive(_ on: Bool) {
    code.line("# live \(on ? "on" : "off"): Descent's live training view; nothing to do in Python")
  }

  /// The statements of a block, written inside a Python block; a loop's
  /// body first spends a step of the cell's budget when one is being kept.
  func exportBlock(_ header: String, _ body: [Stmt], loopAt range: SourceRange? = nil) {
    code.line(header)
    code.indent()
    blockDepth += 1
    defer { blockDepth -= 1 }
    let before = code.lines.count
    if let range, stepBudget != nil {
      code.need(.budget)
      code.line("_spend_step(\(range.start.line + lineOffset))")
    }
    export(body)
    if !code.lines[before...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }) {
      code.line("pass")
    }
    code.dedent()
  }

  /// `assignOrExpr` without the assignment.
  func exportExpressionStatement(_ expr: Expr) {
    if echo, loopDepth == 0 {
      exportEchoed(expr)
      return
    }
    code.line(python(expr))
  }

  /// An expression whose value Descent shows: typed at the prompt, or the
  /// last statement of a notebook cell.
  func exportEchoed(_ expr: Expr) {
    if case .call = expr.kind {
      code.line(python(expr))
    } else {
      code.line("print(" + printed(expr) + ")")
    }
  }

  /// `assignOrExpr`: `x = v`, `x op= v`, `m[i][j] = v`, `net.weights[0] = v`.
  func exportAssign(_ target: Expr, _ op: BinaryOperator?, _ value: Expr) {
    if case .name(let name) = target.kind { noteAssignment(name, op == nil ? value : nil) }
    let left = python(target)
    if case .index = target.kind, let root = Self.rootName(target), kinds[root].contains(.array),
      op == .divide || !kinds.kindOf(value).intersection([.float, .array]).isEmpty
    {
      // numpy would cut the float down to the integer array's type; in
      // Descent a vector that receives a float becomes a float vector.
      code.need(.numpy)
      let name = pythonName(root)
      code.line("if np.asarray(\(name)).dtype.kind in \"biu\":")
      code.line("    \(name) = np.asarray(\(name), dtype=float)")
    }
    if let op {
      // `a += b` changes a numpy array in place (and any other name for
      // it); Descent's values are never shared, so vectors are rebound.
      let targetKinds = kinds.kindOf(target)
      if case .name = target.kind, targetKinds.contains(.array) || targetKinds.contains(.other) {
        code.line(left + " = " + python(Expr(.binary(op, target, value), value.range)))
      } else {
        code.line(left + " \(op.rawValue)= " + python(value))
      }
      return
    }
    var right = python(value)
    let valueKinds = kinds.kindOf(value)
    if copiesArrays, !valueKinds.intersection([.array, .other]).isEmpty {
      switch value.kind {
      case .name, .index, .member:
        let copied = python(value, atLeast: PythonPrecedence.postfix)
        if valueKinds.intersection([.int, .float, .bool, .string]).isEmpty {
          right = copied + ".copy()"
        } else {
          // It may be a number (which has no copy()) or an array.
          code.need(.numpy)
          right = "(\(copied).copy() if isinstance(\(copied), np.ndarray) else \(copied))"
        }
      default: break
      }
    }
    code.line(left + " = " + right)
  }

  /// Remembers what a name holds now, when the export is at the top level
  /// (in a block, the name may hold anything it is ever given).
  func noteAssignment(_ name: String, _ value: Expr?) {
    assignedSoFar.insert(name)
    currentMatrices.remove(name)
    guard blockDepth == 0, let value else {
      currentKinds[name] = nil
      return
    }
    currentKinds[name] = kinds.kindOf(value).union(isNumpyValue(value) ? .numpy : [])
    if case .vector(let items) = value.kind, let first = items.first, case .vector = first.kind {
      currentMatrices.insert(name)
    }
  }

  /// What a name holds at this point of the export, as well as it is known.
  func kindsNow(_ name: String) -> ValueKinds { currentKinds[name] ?? kinds[name] }

  /// Names a function body assigns (its locals).
  static func assignedNames(_ body: [Stmt]) -> Set<String> {
    var facts = ProgramFacts()
    facts.walk(body)
    return facts.assigned
  }

  /// The variable an element assignment changes: `v` in `v[i][j] = x`.
  static func rootName(_ target: Expr) -> String? {
    switch target.kind {
    case .name(let name): return name
    case .index(let base, _): return rootName(base)
    default: return nil
    }
  }

  /// The argument text for Python's `print`: plain numbers and strings as
  /// they are, anything else through `_show` (Descent's `str`).
  func printed(_ expr: Expr) -> String {
    if kinds.kindOf(expr).printsNatively(digitsChanged: digitsChanged) { return python(expr) }
    if !digitsChanged && isNumpyValue(expr) { return python(expr) }  // numpy's own printing, as Descent's
    code.need(.show)
    return "_show(" + python(expr) + (pythonSpelling ? ", python=True" : "") + ")"
  }

  /// Whether an expression certainly gives numpy's array or number, which
  /// Descent prints as numpy does (`[0.5 1. ]`): a call of numpy's function,
  /// arithmetic, an element, `.T` or `.shape` of one, a name that holds one
  /// at this point, or the gradient at one.
  func isNumpyValue(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .name(let name):
      return blockDepth == 0 && currentKinds[name]?.contains(.numpy) == true
    case .call(let callee, let arguments):
      if case .member(let module, _) = callee.kind, case .name("np") = module.kind { return sharedModules.contains("np") }
      // np.random.randn(2), np.random.rand(...): numpy's arrays too.
      if case .member(let inner, _) = callee.kind, case .member(let module, "random") = inner.kind,
        case .name("np") = module.kind
      {
        return sharedModules.contains("np")
      }
      if case .name("gradient") = callee.kind, arguments.count == 2 { return isNumpyValue(arguments[1]) }
      return false
    case .member(let base, "T"), .member(let base, "shape"), .index(let base, _), .unary(_, let base):
      return isNumpyValue(base)
    case .binary(_, let a, let b):
      return isNumpyValue(a) || isNumpyValue(b)
    default:
      return false
    }
  }

  /// `printStmt`: values joined by one space, as Python's `print` does.
  func exportPrint(_ values: [Expr]) {
    code.line("print(" + values.map(printed).joined(separator: ", ") + ")")
  }

  /// `digitsStmt`: `_show` prints floats with this many significant digits.
  func exportDigits(_ digits: Int?) {
    code.need(.show)
    if digits == 12 {
      code.line("_digits = 12  # digits 12: numbers print as Python 2's str(float) did")
    } else {
      code.line("_digits = " + (digits.map(String.init) ?? "None"))
    }
  }

  /// `ifStmt`; `else if` becomes `elif`.
  func exportIf(_ condition: Expr, _ then: [Stmt], _ otherwise: [Stmt]?, keyword: String) {
    exportBlock(keyword + " " + python(condition) + ":", then)
    guard let otherwise else { return }
    if otherwise.count == 1, case .ifElse(let c, let t, let o) = otherwise[0].kind {
      exportIf(c, t, o, keyword: "elif")
    } else {
      exportBlock("else:", otherwise)
    }
  }

  /// `whileStmt`.
  func exportWhile(_ condition: Expr, _ body: [Stmt]) {
    loopDepth += 1
    defer { loopDepth -= 1 }
    exportBlock("while " + python(condition) + ":", body, loopAt: condition.range)
  }

  /// `forStmt`: a range becomes `range(...)`, a vector literal a list.
  func exportFor(_ variable: String, _ start: Expr, _ upper: Expr?, closed: Bool, _ body: [Stmt]) {
    noteAssignment(variable, nil)
    loopDepth += 1
    defer { loopDepth -= 1 }
    let iterable: String
    if let upper {
      var end = python(upper)
      if closed {
        if case .integer(let n) = upper.kind {
          end = String(n + 1)
        } else {
          end = python(upper, atLeast: PythonPrecedence.term) + " + 1"
        }
      }
      if case .integer(0) = start.kind {
        iterable = "range(" + end + ")"
      } else {
        iterable = "range(" + python(start) + ", " + end + ")"
      }
    } else if case .vector(let items) = start.kind {
      iterable = listLiteral(items, floats: Self.hasFloatLiteral(items))
    } else {
      iterable = python(start)
    }
    exportBlock("for " + pythonName(variable) + " in " + iterable + ":", body, loopAt: start.range)
  }

  /// `repeatStmt`: the course's `for _ in range(n):`.
  func exportRepeat(_ count: Expr, _ body: [Stmt]) {
    loopDepth += 1
    defer { loopDepth -= 1 }
    exportBlock("for _ in range(" + python(count) + "):", body, loopAt: count.range)
  }

  /// `defStmt`; `def f(x) = e` is a function returning `e`.
  func exportDef(_ name: String, _ parameters: [String], _ body: [Stmt]) {
    let saved = loopDepth
    let savedParameters = kinds.parameters
    loopDepth = 0
    kinds.parameters = Set(parameters).union(Self.assignedNames(body))
    assignedSoFar.formUnion(parameters)
    defer {
      loopDepth = saved
      kinds.parameters = savedParameters
    }
    exportBlock("def " + pythonName(name) + "(" + parameters.map(pythonName).joined(separator: ", ") + "):", body)
  }
}

extension PythonExporter {
  /// A notebook cell marked `expect-error`: it runs under `try`, and the
  /// error it stops with goes to stderr, as `descent run` reports it. With
  /// a `budget=N` its loops count steps and stop after N, as Descent's do.
  public func exportExpectingError(_ statements: [Stmt], budget: Int?, cell: DescentNotebook.Cell) {
    if let budget {
      code.need(.budget)
      code.line("_steps_left = \(budget)  # the cell's step budget (budget=\(budget))")
    }
    code.line("try:  # this cell shows an error: Descent stops it and carries on with the next")
    code.indent()
    let saved = stepBudget
    stepBudget = budget
    let before = code.lines.count
    export(statements)
    if code.lines.count == before { code.line("pass") }
    stepBudget = saved
    code.dedent()
    // Underscored names: the program's own never start with "_" (they are renamed).
    if let budget {
      code.line("except StepBudgetSpent as _spent:")
      code.line(
        "    print(f\"error: step budget of \(budget) spent at line {_spent}; the variables keep their values\", file=sys.stderr)"
      )
      code.line("_steps_left = None")
    } else {
      code.line("except Exception as _stopped:")
      code.line("    print(f\"error: {_stopped}\", file=sys.stderr)")
      code.need(.budget)
    }
  }
}
