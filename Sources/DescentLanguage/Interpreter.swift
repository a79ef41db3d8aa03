/// Compiles checked statements into Swift closures and so runs them.
///
/// Why closures rather than walking the tree: each node is turned once into
/// a closure that already knows its operands' slots and its operator, so a
/// plain numeric loop runs without a switch over node kinds, without name
/// look-ups and without allocating (numbers stay unboxed in `Value`).
///
/// Compiled code refers to its session unowned (`unowned(unsafe) let
/// session = self.session` before the closures): the session's variables
/// hold its functions and their code, so a strong reference back made a
/// cycle that kept every session that defined a function alive for good.
/// Unchecked, because code only runs inside its own session's `run` (or a
/// call made from there), and a checked reference costs two atomic
/// operations each time a loop ticks.
struct Compiler {
  unowned let session: Session
  /// The function being compiled, if any: its local slots.
  var scope: FunctionScope?
  /// The source being compiled, for labels taken from the code (`plot xs, ys`).
  var sourceBytes: [UInt8]

  init(session: Session, scope: FunctionScope? = nil, sourceBytes: [UInt8] = []) {
    self.session = session
    self.scope = scope
    self.sourceBytes = sourceBytes
  }

  /// The source text of a node, as the user wrote it.
  func text(of range: SourceRange) -> String {
    guard range.start.offset <= range.end.offset, range.end.offset <= sourceBytes.count else { return "" }
    return String(decoding: sourceBytes[range.start.offset..<range.end.offset], as: UTF8.self)
  }

  /// Where a name lives: a local of the current function, else the session.
  func slot(for name: String) -> NameSlot {
    if let local = scope?.slots[name] { return .local(local) }
    return .global(session.globals.slot(name))
  }

  // MARK: - Statements

  func compileTopLevel(_ statements: [Stmt], echo: Bool, echoLast: Bool = false) -> [StmtCode] {
    statements.enumerated().map { index, statement in
      let echoes = echo || (echoLast && index == statements.count - 1)
      if echoes, case .expression(let expr) = statement.kind {
        let value = compile(expr)
        unowned(unsafe) let session = self.session
        return { frame in
          let result = try value(frame)
          if case .none = result { return .normal }
          try session.emitValue(result.repr(python: session.pythonSpelling) + "\n")
          return .normal
        }
      }
      return compile(statement)
    }
  }

  func compileBlock(_ statements: [Stmt]) -> StmtCode {
    Compiler.sequence(statements.map { CompiledStatement(code: compile($0)) }[...])
  }

  /// Statements run one after another, as nested closures that each hold
  /// their parts. Why not a loop over an array of closures: calling a
  /// closure taken out of an array retains and releases its context every
  /// time, which was a fifth of a plain loop's cost. The array holds them
  /// wrapped in a struct because an array of a function type stores it at
  /// the most general calling convention, which costs a thunk per call.
  static func sequence(_ codes: ArraySlice<CompiledStatement>) -> StmtCode {
    switch codes.count {
    case 0: return { _ in .normal }
    case 1: return codes[codes.startIndex].code
    case 2:
      let (a, b) = (codes[codes.startIndex].code, codes[codes.startIndex + 1].code)
      return { frame in
        let flow = try a(frame)
        guard case .normal = flow else { return flow }
        return try b(frame)
      }
    case 3:
      let (a, b, c) = (codes[codes.startIndex].code, codes[codes.startIndex + 1].code, codes[codes.startIndex + 2].code)
      return { frame in
        var flow = try a(frame)
        guard case .normal = flow else { return flow }
        flow = try b(frame)
        guard case .normal = flow else { return flow }
        return try c(frame)
      }
    default:
      let middle = codes.startIndex + codes.count / 2
      let (a, b) = (sequence(codes[..<middle]), sequence(codes[middle...]))
      return { frame in
        let flow = try a(frame)
        guard case .normal = flow else { return flow }
        return try b(frame)
      }
    }
  }

  /// A statement's code, wrapped (see `sequence`).
  struct CompiledStatement {
    let code: StmtCode
  }

  func compile(_ statement: Stmt) -> StmtCode {
    unowned(unsafe) let session = self.session
    switch statement.kind {
    case .expression(let expr):
      let value = compile(expr)
      return { frame in
        _ = try value(frame)
        return .normal
      }

    case .assign(let target, let op, let value):
      return compileAssignment(target: target, op: op, value: value)

    case .print(let values):
      let codes = values.map { compile($0) }
      return { frame in
        var line = ""
        for (i, code) in codes.enumerated() {
          if i > 0 { line += " " }
          line += session.text(of: try code(frame))
        }
        try session.emit(line + "\n")
        return .normal
      }

    case .digits(let n):
      return { _ in
        session.digits = n.map { .significant($0) } ?? .shortest
        return .normal
      }

    case .ifElse(let condition, let then, let otherwise):
      let test = compileCondition(condition)
      let thenCode = compileBlock(then)
      guard let otherwise else {
        return { frame in try test(frame) ? try thenCode(frame) : .normal }
      }
      let elseCode = compileBlock(otherwise)
      return { frame in try test(frame) ? try thenCode(frame) : try elseCode(frame) }

    case .def(let name, let parameters, let body):
      let functionScope = FunctionScope(parameters: parameters, body: body)
      let function = Function(
        name: name, parameterCount: parameters.count, localCount: functionScope.count)
      function.parameterNames = parameters
      function.body = Compiler(session: session, scope: functionScope, sourceBytes: sourceBytes).compileBlock(body)
      function.definition = FunctionDefinition(name: name, parameters: parameters, body: body, range: statement.range)
      let store = storeCode(for: slot(for: name))
      return { frame in
        store(frame, .function(function))
        return .normal
      }

    case .returnValue(let value):
      guard let value else {
        return { frame in
          frame.returnValue = .none
          return .returned
        }
      }
      let code = compile(value)
      return { frame in
        frame.returnValue = try code(frame)
        return .returned
      }

    case .breakLoop:
      return { _ in .breakLoop }
    case .continueLoop:
      return { _ in .continueLoop }

    // Loops: on registers when they can run there (`RegisterLoop`), else by the general rules.
    case .whileLoop(let condition, let body):
      return compileOnRegisters(statement, general: compileWhile(condition, body: body, range: statement.range))
    case .repeatLoop(let count, let body):
      return compileOnRegisters(statement, general: compileRepeat(count, body: body, range: statement.range))
    case .forLoop(let variable, _, let start, let upper, let closed, let body):
      let general = compileFor(
        variable: variable, start: start, upper: upper, closed: closed, body: body, range: statement.range)
      return compileOnRegisters(statement, general: general)

    // Domain statements (DomainStatements.swift, Plotting.swift, Networks.swift).
    case .domain(let domain):
      return compileDomain(domain, at: statement.range)

    case .pass, .forUnpack, .assert, .importModule, .printPython:
      return compilePython(statement)
    }
  }

  /// `while condition { body }`, by the general rules.
  func compileWhile(_ condition: Expr, body: [Stmt], range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let test = compileCondition(condition)
    let bodyCode = compileBlock(body)
    return { frame in
      while try test(frame) {
        try session.tick(range)
        if let exit = Compiler.loopExit(after: try bodyCode(frame)) { return exit }
      }
      return .normal
    }
  }

  /// `repeat count { body }`, by the general rules.
  func compileRepeat(_ count: Expr, body: [Stmt], range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let countCode = compile(count)
    let countRange = count.range
    let bodyCode = compileBlock(body)
    return { frame in
      let n = try Compiler.wholeNumber(try countCode(frame), what: "the repeat count", at: countRange)
      var i = 0
      while i < n {
        i += 1
        try session.tick(range)
        if let exit = Compiler.loopExit(after: try bodyCode(frame)) { return exit }
      }
      return .normal
    }
  }

  /// A condition as a Bool-returning closure (comparisons skip boxing).
  func compileCondition(_ expr: Expr) -> Condition {
    if case .comparison(let operators, let operands) = expr.kind, operators.count == 1 {
      return comparisonCondition(operators[0], operands[0], operands[1])
    }
    let code = compile(expr)
    return { frame in try code(frame).isTruthy }
  }

  func compileFor(
    variable: String, start: Expr, upper: Expr?, closed: Bool, body: [Stmt], range: SourceRange
  ) -> StmtCode {
    unowned(unsafe) let session = self.session
    let store = storeCode(for: slot(for: variable))
    let startCode = compile(start)
    // Ranges, not the nodes: a closure keeps only what it reads.
    let startRange = start.range
    let bodyCode = compileBlock(body)
    guard let upper else {
      // `for x in vector`: each element (a row, for a matrix).
      return { frame in
        let items = try Compiler.elements(of: try startCode(frame), at: startRange)
        for item in items {
          try session.tick(range)
          store(frame, item)
          if let exit = Compiler.loopExit(after: try bodyCode(frame)) { return exit }
        }
        return .normal
      }
    }
    let upperCode = compile(upper)
    let upperRange = upper.range
    return { frame in
      let low = try Compiler.wholeNumber(try startCode(frame), what: "the start of the range", at: startRange)
      var high = try Compiler.wholeNumber(try upperCode(frame), what: "the end of the range", at: upperRange)
      if closed {
        guard high < Int.max else { throw Diagnostic("range end too large", at: upperRange) }
        high += 1
      }
      var i = low
      while i < high {
        try session.tick(range)
        store(frame, .int(i))
        i += 1
        if let exit = Compiler.loopExit(after: try bodyCode(frame)) { return exit }
      }
      return .normal
    }
  }

  /// What a loop does once its body has run: nil to go on, else the flow
  /// that ends the loop (`break` ends just the loop, `return` the function too).
  @inline(__always)
  static func loopExit(after flow: Flow) -> Flow? {
    switch flow {
    case .normal, .continueLoop: return nil
    case .breakLoop: return .normal
    case .returned: return .returned
    }
  }

  /// A value that must be a whole number: a count or a range end.
  static func wholeNumber(_ value: Value, what: String, at range: SourceRange) throws -> Int {
    switch value {
    case .int(let n): return n
    case .float(let x) where x.rounded() == x && x.magnitude < 9e18: return Int(x)
    case .traced(let t): return try wholeNumber(t.plain, what: what, at: range)
    default:
      throw Diagnostic("\(what) must be a whole number, found \(value.repr) (\(value.kindName))", at: range)
    }
  }

  /// The items a `for` loop visits in a value.
  static func elements(of value: Value, at range: SourceRange) throws -> [Value] {
    switch value {
    case .tensor(let t, let integral):
      if t.shape.count == 1 {
        // 2**63 - 1 stored as a double is 2**63, past Int.max: keep it a float.
        return t.scalars.map { Value.element($0, integral: integral) }
      }
      return try (0..<t.shape[0]).map { .tensor(try t.row($0), integral: integral) }
    case .list(let items), .tuple(let items): return items
    case .ndarray(let t, let integral):
      if t.rank == 1 { return t.scalars.map { Value.element($0, integral: integral) } }
      return try (0..<t.shape[0]).map { .ndarray(try t.row($0), integral: integral) }
    case .string(let s): return s.map { .string(String($0)) }
    case .traced(let t):
      // Elements (or a matrix's rows) still traced, each an index on the tape.
      guard case .tensor(let tensor) = t.data, tensor.rank == 1 || tensor.rank == 2 else {
        return try elements(of: t.plain, at: range)
      }
      return try (0..<tensor.shape[0]).map { try Operators.index(value, .int($0), at: range, indexRange: range) }
    default:
      throw Diagnostic(
        "cannot loop over \(value.aKindName); loop over a range (0..<n) or a vector", at: range)
    }
  }
}
