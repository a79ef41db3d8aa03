import DescentLanguage

/// Writes the derivatives of the learner's functions as plain Python, with
/// no autograd library: for `def f(x, y)`, a function `d_f_d_x(x, y)` per
/// parameter that runs f's own statements with, before each assignment
/// `v = e`, the line `d_v = <the slope of e>`, written in terms of the
/// `d_` variables (forward-mode differentiation, statement by statement).
/// So an `if` or a loop in f is an `if` or a loop in its derivative.
///
/// The expressions are spelt by the exporter (`python(_:)`), so names and
/// built-ins read as in the rest of the script.
struct PythonDerivativeWriter {
  unowned let exporter: PythonExporter
  let functions: FunctionLibrary
  /// The partial-derivative functions written so far, by name.
  private(set) var written: Set<String> = []
  /// The Python source written so far.
  private(set) var lines: [String] = []

  init(exporter: PythonExporter) {
    self.exporter = exporter
    functions = exporter.functionLibrary
  }

  /// The name of the function giving f's slope in its parameter `x`.
  static func partialName(_ function: String, _ parameter: String) -> String { "d_\(function)_d_\(parameter)" }

  /// The name of the function giving f's gradient.
  static func gradientName(_ function: String) -> String { "gradient_\(function)" }

  /// The name of the function giving f's slope as all its parameters move
  /// (forward mode over arrays).
  static func tangentFunctionName(_ function: String) -> String { "tangent_\(function)" }

  /// Python source of `gradient_f(...)`, returning the list of f's partial
  /// derivatives in `parameters` (each a float), with the `d_f_d_...`
  /// functions it calls. Throws a located diagnostic for a body that has no
  /// derivative (a domain statement, an element assignment, ...).
  mutating func gradientFunction(of definition: FunctionDefinition, parameters: [String]) throws
    -> (name: String, source: String)
  {
    for parameter in parameters { try writePartial(of: definition, wrt: parameter) }
    let name = Self.gradientName(definition.name)
    let arguments = definition.parameters.map(exporter.pythonName).joined(separator: ", ")
    let partials = parameters.map { "float(" + Self.partialName(definition.name, $0) + "(" + arguments + "))" }
    lines.append("def \(name)(\(arguments)):")
    lines.append("    \"\"\"The gradient of \(definition.name): its slope in \(parameters.joined(separator: ", ")).\"\"\"")
    lines.append("    return [" + partials.joined(separator: ", ") + "]")
    lines.append("")
    return (name, lines.joined(separator: "\n"))
  }

  /// Python source of `gradient_f(...)` for a function of vectors or
  /// matrices (numbers too): `tangent_f(v, x, d_v, d_x)`, f's slope as its
  /// parameters move at the speeds given, numpy arrays shaped as they are;
  /// and the gradient, which runs it along each element's own direction in
  /// turn (the prelude's `gradient_by_tangents`): one array of slopes shaped
  /// as the point for a function of one array, else a slope per number.
  mutating func arrayGradientFunction(of definition: FunctionDefinition) throws -> (name: String, source: String) {
    try writeTangent(of: definition)
    let name = Self.gradientName(definition.name)
    let arguments = definition.parameters.map(exporter.pythonName).joined(separator: ", ")
    lines.append("def \(name)(\(arguments)):")
    let each = definition.parameters.joined(separator: ", ")
    lines.append("    \"\"\"The gradient of \(definition.name): its slope along each element of \(each) in turn.\"\"\"")
    lines.append("    return gradient_by_tangents(\(Self.tangentFunctionName(definition.name)), \(arguments))")
    lines.append("")
    return (name, lines.joined(separator: "\n"))
  }

  /// Writes `tangent_f` (and the tangents of the functions it calls) unless
  /// written already. Every parameter and local moves at its `d_` variable's
  /// speed, an array of its shape.
  mutating func writeTangent(of definition: FunctionDefinition) throws {
    let name = Self.tangentFunctionName(definition.name)
    guard written.insert(name).inserted else { return }
    exporter.code.need([.numpy, .slopes])
    let (assigned, counters) = Self.assignedNames(in: definition.body)
    // Loop variables too: `for e in v` walks values that move.
    let locals = definition.parameters + assigned.filter { !definition.parameters.contains($0) } + counters.sorted()
    var tangents: [String: Expr] = [:]
    for local in locals {
      tangents[local] = Expr(.name(Self.tangentName(local, avoiding: locals + exporter.mentioned)), definition.range)
    }
    var called: [FunctionDefinition] = []
    var context = Context(definition: definition, tangents: tangents, arrays: true) { callee, _ in
      called.append(callee)
      return Self.tangentFunctionName(callee.name)
    }
    context.changedInPlace = Self.changedInPlace(in: definition.body)
    var body: [String] = []
    // A parameter changed element by element: the function's own copy, not the caller's array.
    for parameter in definition.parameters where context.changedInPlace.contains(parameter) {
      let (name, tangent) = (exporter.pythonName(parameter), exporter.python(tangents[parameter]!))
      body += ["\(name) = own_array(\(name))", "\(tangent) = own_array(\(tangent), np.shape(\(name)))"]
    }
    try write(definition.body, context, into: &body, depth: 0)
    let speeds = definition.parameters.map { exporter.python(tangents[$0]!) }
    let arguments = (definition.parameters.map(exporter.pythonName) + speeds).joined(separator: ", ")
    lines.append("def \(name)(\(arguments)):")
    let moving = "as its parameters move at the speeds " + speeds.joined(separator: ", ")
    lines.append("    \"\"\"\(definition.name)'s slope \(moving): its steps, each after its slope.\"\"\"")
    lines += body.map { "    " + $0 }
    lines.append("")
    for callee in called { try writeTangent(of: callee) }
  }

  /// Writes `d_f_d_x` (and the partials of the functions it calls) unless written already.
  mutating func writePartial(of definition: FunctionDefinition, wrt parameter: String) throws {
    let name = Self.partialName(definition.name, parameter)
    guard written.insert(name).inserted else { return }
    let (assigned, counters) = Self.assignedNames(in: definition.body)
    let locals = definition.parameters + assigned.filter { !definition.parameters.contains($0) }
    // A local moves at its `d_` variable's speed. A parameter the body never
    // assigns moves at a fixed speed: 1 for the one differentiated by, none
    // for the others (so their terms drop out of the formulas).
    var tangents: [String: Expr] = [:]
    var body: [String] = []
    for local in locals where !counters.contains(local) {
      let isParameter = definition.parameters.contains(local)
      if isParameter && !assigned.contains(local) {
        if local == parameter { tangents[local] = Expr(.integer(1), definition.range) }
        continue
      }
      let name = Self.tangentName(local, avoiding: locals + exporter.mentioned)
      tangents[local] = Expr(.name(name), definition.range)
      if isParameter { body.append(exporter.pythonName(name) + (local == parameter ? " = 1.0" : " = 0.0")) }
    }
    var called: [(FunctionDefinition, Int)] = []
    let context = Context(definition: definition, tangents: tangents, arrays: false) { callee, index in
      called.append((callee, index))
      return Self.partialName(callee.name, callee.parameters[index])
    }
    try write(definition.body, context, into: &body, depth: 0)
    let arguments = definition.parameters.map(exporter.pythonName).joined(separator: ", ")
    lines.append("def \(name)(\(arguments)):")
    lines.append("    \"\"\"d\(definition.name)/d\(parameter): \(definition.name)'s steps, each after its slope (d_v is dv/d\(parameter)).\"\"\"")
    lines += body.map { "    " + $0 }
    lines.append("")
    for (callee, index) in called { try writePartial(of: callee, wrt: callee.parameters[index]) }
  }

  /// What the statement writer needs to know about the function.
  struct Context {
    let definition: FunctionDefinition
    let tangents: [String: Expr]
    /// Whether values may be numpy arrays (`tangent_f`), not only numbers (`d_f_d_x`).
    let arrays: Bool
    /// The names the body changes element by element (`v[0] = x`, arrays only).
    var changedInPlace: Set<String> = []
    let partial: (FunctionDefinition, Int) -> String
  }

  /// The body's statements, each assignment preceded by its slope's.
  func write(_ statements: [Stmt], _ context: Context, into out: inout [String], depth: Int) throws {
    let pad = String(repeating: "    ", count: depth)
    let before = out.count
    for statement in statements {
      switch statement.kind {
      case .assign(let target, let op, let value) where context.arrays:
        try writeArrayAssignment(target, op, value, context, into: &out, pad: pad, at: statement.range)
      case .assign(let target, let op, let value):
        guard case .name(let name) = target.kind, case .name(let tangent)? = context.tangents[name]?.kind else {
          throw problem(context, "it assigns to \(FormulaPrinter.python(target))", at: statement.range)
        }
        let whole = op.map { Expr(.binary($0, target, value), value.range) } ?? value
        let slope = try slope(of: whole, context)
        out.append(pad + exporter.pythonName(tangent) + " = " + exporter.python(slope))
        out.append(pad + exporter.pythonName(name) + (op.map { " \($0.rawValue)= " } ?? " = ") + exporter.python(value))
      case .returnValue(let value):
        guard let value else {
          throw problem(context, "it returns no value", at: statement.range)
        }
        out.append(pad + "return " + exporter.python(try slope(of: value, context)))
      case .ifElse(let condition, let then, let otherwise):
        out.append(pad + "if " + exporter.python(condition) + ":")
        try write(then, context, into: &out, depth: depth + 1)
        if let otherwise {
          out.append(pad + "else:")
          try write(otherwise, context, into: &out, depth: depth + 1)
        }
      case .whileLoop(let condition, let body):
        out.append(pad + "while " + exporter.python(condition) + ":")
        try write(body, context, into: &out, depth: depth + 1)
      case .repeatLoop(let count, let body):
        out.append(pad + "for _ in range(" + exporter.python(count) + "):")
        try write(body, context, into: &out, depth: depth + 1)
      case .forLoop(let variable, _, let start, let upper, let closed, let body):
        try writeFor(variable, start, upper, closed, body, context, into: &out, depth: depth, at: statement.range)
      case .forUnpack(let targets, let iterable, let body) where context.arrays:
        try writeZip(targets, iterable, body, context, into: &out, depth: depth, at: statement.range)
      case .breakLoop: out.append(pad + "break")
      case .continueLoop: out.append(pad + "continue")
      case .expression(let e) where context.arrays && Self.changesInPlace(e, context):
        // `powers.append(x)`: the list's slopes would have to grow with it.
        throw problem(context, "it changes \(FormulaPrinter.python(e)) in place", at: statement.range)
      case .pass, .expression, .print, .printPython, .assert:
        continue  // no part in the value (and the derivative prints nothing)
      default:
        throw problem(context, "it has a '\(FunctionDefinition.keyword(of: statement))' statement", at: statement.range)
      }
    }
    if out.count == before { out.append(pad + "pass") }
  }

  /// An assignment in `tangent_f`: the slope first (it reads the values
  /// before the step), then the step. `a += b` is rebound (in place it
  /// would change any other name for the array, a parameter), and a value
  /// that does not move gets zero slopes of its shape, so `d_v[i]` and
  /// `zip(v, d_v)` work on them. A name changed element by element
  /// (`v[0] = x`) holds its own float copy, its slopes too.
  func writeArrayAssignment(
    _ target: Expr, _ op: BinaryOperator?, _ value: Expr, _ context: Context, into out: inout [String], pad: String,
    at range: SourceRange
  ) throws {
    let whole = op.map { Expr(.binary($0, target, value), value.range) } ?? value
    let slope = try slope(of: whole, context)
    let moves: Bool
    if case .integer(0) = slope.kind { moves = false } else { moves = true }
    guard case .name(let name) = target.kind else {
      guard let root = PythonExporter.rootName(target), context.changedInPlace.contains(root),
        let tangentTarget = Self.withRoot(target, context.tangents[root])
      else {
        throw problem(context, "it assigns to \(FormulaPrinter.python(target))", at: range)
      }
      out.append(pad + exporter.python(tangentTarget) + " = " + exporter.python(slope))
      out.append(pad + exporter.python(target) + " = " + exporter.python(whole))
      return
    }
    guard let tangent = context.tangents[name].map({ exporter.python($0) }) else {
      throw problem(context, "it assigns to \(name)", at: range)
    }
    let value = exporter.python(whole)
    if moves { out.append(pad + tangent + " = " + exporter.python(slope)) }
    let variable = exporter.pythonName(name)
    if context.changedInPlace.contains(name) {
      out.append(pad + variable + " = own_array(" + value + ")")
      let slopes = moves ? "own_array(\(tangent), np.shape(\(variable)))" : "zero_slope(\(variable))"
      out.append(pad + tangent + " = " + slopes)
    } else {
      out.append(pad + variable + " = " + value)
      if !moves { out.append(pad + tangent + " = zero_slope(" + variable + ")") }
    }
  }

  /// `for a, b in zip(u, w)`: each element beside its slope,
  /// `for a, b, d_a, d_b in zip(u, w, d_u, d_w)` (zeros for what does not move).
  func writeZip(
    _ targets: [Expr], _ iterable: Expr, _ body: [Stmt], _ context: Context, into out: inout [String], depth: Int,
    at range: SourceRange
  ) throws {
    guard case .call(let callee, let sequences) = iterable.kind, case .name("zip") = callee.kind,
      sequences.count == targets.count,
      case let speeds = targets.compactMap({ target -> Expr? in
        guard case .name(let name) = target.kind else { return nil }
        return context.tangents[name]
      }), speeds.count == targets.count
    else {
      let what = "it has a 'for' over \(FormulaPrinter.python(iterable)) (only zip(...) into names is written out)"
      throw problem(context, what, at: range)
    }
    var slopes: [String] = []
    for sequence in sequences {
      let slope = try slope(of: sequence, context)
      if case .integer(0) = slope.kind {
        slopes.append("zero_slope(" + exporter.python(sequence) + ")")
      } else {
        slopes.append(exporter.python(slope))
      }
    }
    let pad = String(repeating: "    ", count: depth)
    let names = (targets + speeds).map { exporter.python($0) }.joined(separator: ", ")
    let zipped = (sequences.map { exporter.python($0) } + slopes).joined(separator: ", ")
    out.append(pad + "for " + names + " in zip(" + zipped + "):")
    try write(body, context, into: &out, depth: depth + 1)
  }

  /// `d_m[i][j]` for `m[i][j]`: the element target with its root name replaced.
  static func withRoot(_ target: Expr, _ root: Expr?) -> Expr? {
    switch target.kind {
    case .name: return root
    case .index(let base, let index): return withRoot(base, root).map { Expr(.index($0, index), target.range) }
    default: return nil
    }
  }

  /// `for v in ...`: the loop variable does not move (it counts, or walks
  /// a fixed list), so its slope is 0 each time round.
  func writeFor(
    _ variable: String, _ start: Expr, _ upper: Expr?, _ closed: Bool, _ body: [Stmt], _ context: Context,
    into out: inout [String], depth: Int, at range: SourceRange
  ) throws {
    let pad = String(repeating: "    ", count: depth)
    func moves(_ e: Expr) -> Bool {
      guard let slope = try? slope(of: e, context) else { return true }
      if case .integer(0) = slope.kind { return false }
      return true
    }
    if context.arrays, upper == nil, moves(start), case .name(let tangent)? = context.tangents[variable]?.kind {
      // `for e in v` over values that move: each element beside its slope.
      let slopes = exporter.python(try slope(of: start, context))
      out.append(
        pad + "for " + exporter.pythonName(variable) + ", " + exporter.pythonName(tangent) + " in zip("
          + exporter.python(start) + ", " + slopes + "):")
      try write(body, context, into: &out, depth: depth + 1)
      return
    }
    if moves(start) || (upper.map { moves($0) } ?? false) {
      throw problem(context, "its loop runs over values that move with the parameters", at: range)
    }
    let iterable: String
    if let upper {
      let end = exporter.python(closed ? Expr(.binary(.add, upper, Expr(.integer(1), upper.range)), upper.range) : upper)
      iterable = "range(" + exporter.python(start) + ", " + end + ")"
    } else {
      iterable = exporter.python(start)
    }
    out.append(pad + "for " + exporter.pythonName(variable) + " in " + iterable + ":")
    if case .name(let tangent)? = context.tangents[variable]?.kind { out.append(pad + "    " + exporter.pythonName(tangent) + " = 0.0") }
    try write(body, context, into: &out, depth: depth + 1)
  }

  /// The slope of an expression in the body, in terms of the `d_` variables.
  func slope(of expr: Expr, _ context: Context) throws -> Expr {
    if context.arrays {
      return try SymbolicDerivative.arrayTangent(
        of: expr, tangents: context.tangents, functions: functions, tangentFunction: { context.partial($0, 0) })
    }
    return try SymbolicDerivative.tangent(of: expr, tangents: context.tangents, functions: functions, partial: context.partial)
  }

  /// Whether an expression statement calls a method of a local (`powers.append(x)`).
  static func changesInPlace(_ expr: Expr, _ context: Context) -> Bool {
    guard case .call(let callee, _) = expr.kind, case .member(let base, _) = callee.kind,
      let root = PythonExporter.rootName(base)
    else { return false }
    return context.tangents[root] != nil
  }

  func problem(_ context: Context, _ what: String, at range: SourceRange) -> Diagnostic {
    Diagnostic("cannot write the derivative of \(context.definition.name)() as Python: \(what)", at: range)
  }

  /// Every name the body assigns, in order, and the loop variables it
  /// assigns no other way (they count, so they never move).
  static func assignedNames(in body: [Stmt]) -> (assigned: [String], counters: Set<String>) {
    var names: [String] = []
    var counters: Set<String> = []
    func collect(_ statements: [Stmt]) {
      for statement in statements {
        switch statement.kind {
        case .assign(let target, _, _):
          if case .name(let name) = target.kind, !names.contains(name) { names.append(name) }
        case .forLoop(let variable, _, _, _, _, let body):
          counters.insert(variable)
          collect(body)
        case .forUnpack(let targets, _, let body):
          for case .name(let name) in targets.map(\.kind) where !names.contains(name) { names.append(name) }
          collect(body)
        case .ifElse(_, let then, let otherwise):
          collect(then)
          collect(otherwise ?? [])
        case .whileLoop(_, let body), .repeatLoop(_, let body): collect(body)
        default: break
        }
      }
    }
    collect(body)
    return (names, counters.subtracting(names))
  }

  /// The names a body assigns element by element (`v[0] = x`, `m[i][j] += 1`).
  static func changedInPlace(in body: [Stmt]) -> Set<String> {
    var names: Set<String> = []
    func collect(_ statements: [Stmt]) {
      for statement in statements {
        switch statement.kind {
        case .assign(let target, _, _):
          if case .index = target.kind, let root = PythonExporter.rootName(target) { names.insert(root) }
        case .forLoop(_, _, _, _, _, let body), .forUnpack(_, _, let body), .whileLoop(_, let body), .repeatLoop(_, let body):
          collect(body)
        case .ifElse(_, let then, let otherwise):
          collect(then)
          collect(otherwise ?? [])
        default: break
        }
      }
    }
    collect(body)
    return names
  }

  /// `d_w` for `w`, with underscores added while that clashes with a local.
  /// `d_x` for `x`, unless the function or the program already uses that
  /// name (a global `d_v` read inside f would be shadowed by the slope).
  static func tangentName<Names: Sequence<String>>(_ name: String, avoiding taken: Names) -> String {
    let taken = Set(taken)
    var tangent = "d_" + name
    while taken.contains(tangent) { tangent += "_" }
    return tangent
  }
}
