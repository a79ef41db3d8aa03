import DescentEngine

extension Compiler {
  // MARK: - Expressions

  func compile(_ expr: Expr) -> Code {
    unowned(unsafe) let session = self.session
    let range = expr.range
    switch expr.kind {
    case .integer(let n):
      let value = Value.int(n)
      return { _ in value }
    case .float(let x):
      let value = Value.float(x)
      return { _ in value }
    case .string(let s):
      let value = Value.string(s)
      return { _ in value }
    case .bool(let b):
      let value = Value.bool(b)
      return { _ in value }
    case .name(let name):
      return loadCode(name, at: range)
    case .vector(let elements):
      let codes = elements.map { compile($0) }
      return { frame in
        var values: [Value] = []
        values.reserveCapacity(codes.count)
        for code in codes { values.append(try code(frame)) }
        return try Operators.vector(values, at: range, limit: session.maxTensorElements)
      }
    case .unary(let op, let operand):
      let code = compile(operand)
      if op == .plus {
        return { frame in try Operators.plus(try code(frame), at: range) }
      }
      return { frame in
        let value = try code(frame)
        if case .float(let x) = value { return .float(-x) }
        return try Operators.negate(value, at: range)
      }
    case .binary(let op, let left, let right):
      return compileBinary(op, left, right, at: range)
    case .and(let left, let right):
      let (l, r) = (compile(left), compile(right))
      // Python's `and` gives the deciding operand, not just true/false.
      return { frame in
        let a = try l(frame)
        return a.isTruthy ? try r(frame) : a
      }
    case .or(let left, let right):
      let (l, r) = (compile(left), compile(right))
      return { frame in
        let a = try l(frame)
        return a.isTruthy ? a : try r(frame)
      }
    case .not(let operand):
      let code = compile(operand)
      return { frame in .bool(!(try code(frame).isTruthy)) }
    case .comparison(let operators, let operands):
      return compileComparison(operators, operands)
    case .call(let callee, let arguments):
      return compileCall(callee, arguments, at: range)
    case .index(let base, let index):
      let i = compile(index)
      let indexRange = index.range
      // `input[i]` on a session vector: read the element where it lies,
      // without copying the vector's value out of its slot first.
      if case .name(let name) = base.kind, case .global(let slot) = slot(for: name) {
        let b = compile(base)
        return { frame in
          let position = try i(frame)
          if case .int(let n) = position, case .tensor(let t, let integral)? = slot.pointee, t.rank == 1,
            n >= 0, n < t.count
          {
            return Value.element(t[flat: n], integral: integral)
          }
          return try Operators.index(try b(frame), position, at: range, indexRange: indexRange)
        }
      }
      let b = compile(base)
      return { frame in try Operators.index(try b(frame), try i(frame), at: range, indexRange: indexRange) }
    case .member(let base, let field):
      let b = compile(base)
      return { frame in try Operators.member(try b(frame), field, at: range) }
    case .network(let spec):
      return compileNetwork(spec, at: range)
    case .load(let path):
      return { _ in try session.domain.loadTable(path, at: range) }
    case .none, .tuple, .slice, .keyword, .membership, .identity, .formatted, .conditional:
      return compilePythonExpression(expr)
    }
  }

  func loadCode(_ name: String, at range: SourceRange) -> Code {
    unowned(unsafe) let session = self.session
    switch slot(for: name) {
    case .global(let slot):
      // An unassigned name of a built-in is the built-in, as a value
      // (`derivative(sigmoid, 0)`), as in Python.
      if let builtin = Builtins.table[name] {
        let native = Value.native(builtin.asNative)
        return { _ in slot.pointee ?? native }
      }
      return { _ in
        guard let value = slot.pointee else { throw session.undefinedName(name, at: range) }
        return value
      }
    case .local(let slot):
      return { frame in
        guard let value = frame.locals[slot] else { throw Compiler.unassignedLocal(name, at: range) }
        return value
      }
    }
  }

  /// A function's local read before the function set it.
  static func unassignedLocal(_ name: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "local variable '\(name)' is used before it is assigned", at: range,
      notes: ["'\(name)' is assigned somewhere in this function, which makes it local to it"])
  }

  func storeCode(for slot: NameSlot) -> (Frame, Value) -> Void {
    switch slot {
    case .global(let slot): return { _, value in slot.pointee = value }
    case .local(let index): return { frame, value in frame.locals[index] = value }
    }
  }

  func compileBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange) -> Code {
    noteListArithmetic(op, left, right, at: range)
    if op == .power, case .integer(2) = right.kind { return fastSquare(left, at: range) }
    if let fast = fastBinary(op, left, right, at: range) { return fast.code }
    let (l, r) = (compile(left), compile(right))
    return { frame in try Operators.binary(op, try l(frame), try r(frame), at: range) }
  }

  func compileComparison(_ operators: [ComparisonOperator], _ operands: [Expr]) -> Code {
    let codes = operands.map { compile($0) }
    let ranges = operands.map(\.range)
    if operators.count == 1 {
      let (l, r, op) = (codes[0], codes[1], operators[0])
      let range = ranges[0].union(ranges[1])
      return { frame in
        let (a, b) = (try l(frame), try r(frame))
        if case .ndarray = a { return try Operators.arrayComparison(op, a, b, at: range) }
        if case .ndarray = b { return try Operators.arrayComparison(op, a, b, at: range) }
        return .bool(try Operators.compare(op, a, b, at: range))
      }
    }
    return { frame in
      var left = try codes[0](frame)
      for (i, op) in operators.enumerated() {
        let right = try codes[i + 1](frame)
        if !(try Operators.compare(op, left, right, at: ranges[i].union(ranges[i + 1]))) {
          return .bool(false)
        }
        left = right
      }
      return .bool(true)
    }
  }

  // MARK: - Calls

  func compileCall(_ callee: Expr, _ arguments: [Expr], at range: SourceRange) -> Code {
    if let python = compilePythonCall(callee, arguments, at: range) { return python }
    unowned(unsafe) let session = self.session
    let argumentCodes = arguments.map { compile($0) }
    let argumentRanges = arguments.map(\.range)
    // Closures keep ranges, not nodes: capturing an expression node from
    // here leaked it (LeakSanitizer), and ranges are all they read.
    let calleeRange = callee.range
    guard case .name(let name) = callee.kind else {
      let calleeCode = compile(callee)
      return { frame in
        let function = try calleeCode(frame)
        let values = try argumentCodes.map { try $0(frame) }
        return try session.call(function, values, at: range, calleeRange: calleeRange)
      }
    }
    // A name the program assigns is looked up when called; otherwise it is
    // a built-in, found once here.
    let builtin = Builtins.table[name]
    let slot = self.slot(for: name)
    return { frame in
      let assigned: Value? =
        switch slot {
        case .global(let slot): slot.pointee
        case .local(let index): frame.locals[index]
        }
      var values: [Value] = []
      values.reserveCapacity(argumentCodes.count)
      for code in argumentCodes { values.append(try code(frame)) }
      if let assigned {
        return try session.call(assigned, values, at: range, calleeRange: calleeRange)
      }
      if let builtin {
        return try builtin.call(
          values, BuiltinContext(session: session, range: range, argumentRanges: argumentRanges))
      }
      throw session.undefinedName(name, at: calleeRange)
    }
  }

  func compileNetwork(_ spec: NetworkSpec, at range: SourceRange) -> Code {
    unowned(unsafe) let session = self.session
    let seedCode = spec.seed.map { compile($0) }
    return { frame in
      let seed = try seedCode.map { try Compiler.wholeNumber(try $0(frame), what: "the seed", at: range) }
      return .network(try session.domain.makeNetwork(spec, seed: seed, at: range))
    }
  }
}

extension Session {
  /// Calls a user function or reports what was called instead.
  func call(_ callee: Value, _ arguments: [Value], at range: SourceRange, calleeRange: SourceRange)
    throws -> Value
  {
    if case .native(let native) = callee {
      let context = BuiltinContext(session: self, range: range, argumentRanges: [])
      return try native.body(NativeArguments(positional: arguments, keywords: [], context: context, name: native.name))
    }
    guard case .function(let function) = callee else {
      throw Diagnostic("\(callee.aKindName) cannot be called like a function", at: calleeRange)
    }
    guard arguments.count == function.parameterCount else {
      let s = function.parameterCount == 1 ? "" : "s"
      throw Diagnostic(
        "\(function.name)() takes \(function.parameterCount) argument\(s), given \(arguments.count)",
        at: range)
    }
    guard callDepth < maxCallDepth else {
      throw Diagnostic(
        "recursion too deep: more than \(maxCallDepth) calls inside each other", at: range,
        notes: ["does the function reach a case that returns without calling itself?"])
    }
    let frame = Frame(localCount: function.localCount)
    for (i, argument) in arguments.enumerated() { frame.locals[i] = argument }
    callDepth += 1
    defer { callDepth -= 1 }
    _ = try function.body(frame)
    return frame.returnValue
  }

  /// "name 'x' is not defined", with the closest known name as a hint.
  func undefinedName(_ name: String, at range: SourceRange) -> Diagnostic {
    let known = variables.map(\.name) + Array(Builtins.table.keys)
    var notes: [String] = []
    if let guess = Suggestion.closest(to: name, among: known) {
      notes.append("did you mean '\(guess)'?")
    }
    switch name {
    case "True", "False": notes = ["Descent's booleans are lowercase: '\(name.lowercased())'"]
    case "range": notes.append("to loop, write: for i in 0..<n { ... }")
    default: break
    }
    return Diagnostic("name '\(name)' is not defined", at: range, notes: notes)
  }
}

/// Finds the known name a misspelt one most likely meant.
public enum Suggestion {
  /// The candidate nearest to `name` (fewest edits, two swapped letters
  /// counting as one), if it is within a third of the name's length.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, name.count / 3)
    var best: (String, Int)? = nil
    for candidate in Set(candidates) where candidate != name {
      let d = distance(Array(name), Array(candidate))
      if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
        best = (candidate, d)
      }
    }
    return best?.0
  }

  /// Levenshtein distance, with two neighbouring letters swapped counting
  /// as one edit (`rnu` is one slip from `run`, not two).
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var beforePrevious: [Int] = []
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(1, b.count) where j <= b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      beforePrevious = previous
      previous = current
    }
    return previous[b.count]
  }
}
