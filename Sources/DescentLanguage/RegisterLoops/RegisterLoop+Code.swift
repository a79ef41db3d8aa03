/// The closures a `RegisterLoop` runs: the same statements and expressions
/// as `Compiler` compiles, over registers instead of variables. Each
/// operator keeps the general operators' rules by handing anything but its
/// number cases to them (`Operators.binary`, `Operators.compare`), with the
/// same source ranges, so errors read the same whichever code ran.

typealias RegisterCode = (Registers) throws -> Flow
typealias NumberCode = (Registers) throws -> Number
typealias RegisterCondition = (Registers) throws -> Bool

/// The source ranges of a loop's operations, by number (see `site`).
final class RegisterSites {
  var ranges: [SourceRange] = []
  /// The variable each register read names, by the read's site.
  var reads: [Int: (name: String, isLocal: Bool)] = [:]
}

struct RegisterCompiler {
  let compiler: Compiler
  let layout: RegisterLayout
  let sites: RegisterSites

  /// A place in the source, by number. Closures keep the number and read
  /// the range from `Registers` only to report an error, so what they
  /// capture stays a few words (copying contexts that held ranges and
  /// names was a tenth of a loop's time).
  func site(_ range: SourceRange) -> Int {
    sites.ranges.append(range)
    return sites.ranges.count - 1
  }

  // MARK: - Statements

  func compile(_ statement: Stmt) -> RegisterCode {
    unowned(unsafe) let session = compiler.session
    let counter = session.counter
    let interrupt = session.interrupt.handle
    let loop = site(statement.range)
    /// `Session.tick`, with the range looked up only when stopping.
    @inline(__always) func tick(_ r: Registers) throws {
      if StepCounter.countStep(counter, interrupt: interrupt) { throw session.stopped(at: r.ranges[loop]) }
    }
    switch statement.kind {
    case .assign(let target, let op, let value):
      return assignment(target: target, op: op, value: value)

    case .ifElse(let condition, let then, let otherwise):
      if case .comparison(let operators, let operands) = condition.kind, operators.count == 1 {
        // `if down_error < up_error { ... }`: the comparison in the same closure.
        let visitor = IfCompareLeft(
          compiler: self, op: operators[0], right: operands[1],
          site: site(operands[0].range.union(operands[1].range)),
          then: StatementResult(code: block(then)), otherwise: otherwise.map { StatementResult(code: block($0)) })
        return withOperand(operands[0], visitor).code
      }
      let test = self.condition(condition)
      let thenCode = block(then)
      guard let otherwise else {
        return { r in try test(r) ? try thenCode(r) : .normal }
      }
      let elseCode = block(otherwise)
      return { r in try test(r) ? try thenCode(r) : try elseCode(r) }

    case .whileLoop(let condition, let body):
      let test = self.condition(condition)
      let bodyCode = block(body)
      return { r in
        while try test(r) {
          try tick(r)
          switch try bodyCode(r) {
          case .normal, .continueLoop: continue
          case .breakLoop, .returned: return .normal
          }
        }
        return .normal
      }

    case .repeatLoop(let count, let body):
      let countCode = number(count)
      let countSite = site(count.range)
      let bodyCode = block(body)
      return { r in
        let n = try RegisterCompiler.wholeNumber(try countCode(r), what: "the repeat count", at: r.ranges[countSite])
        var i = 0
        while i < n {
          i += 1
          try tick(r)
          switch try bodyCode(r) {
          case .normal, .continueLoop: continue
          case .breakLoop, .returned: return .normal
          }
        }
        return .normal
      }

    case .forLoop(let variable, _, let start, let upper?, let closed, let body):
      let variableRegister = register(variable)
      let (startCode, upperCode) = (number(start), number(upper))
      let (startSite, upperSite) = (site(start.range), site(upper.range))
      let bodyCode = block(body)
      return { r in
        let low = try RegisterCompiler.wholeNumber(
          try startCode(r), what: "the start of the range", at: r.ranges[startSite])
        var high = try RegisterCompiler.wholeNumber(
          try upperCode(r), what: "the end of the range", at: r.ranges[upperSite])
        if closed {
          guard high < Int.max else { throw Diagnostic("range end too large", at: r.ranges[upperSite]) }
          high += 1
        }
        var i = low
        while i < high {
          try tick(r)
          r.numbers[variableRegister] = .int(i)
          i += 1
          switch try bodyCode(r) {
          case .normal, .continueLoop: continue
          case .breakLoop, .returned: return .normal
          }
        }
        return .normal
      }

    case .breakLoop:
      return { _ in .breakLoop }
    case .continueLoop:
      return { _ in .continueLoop }

    default:
      // `RegisterLayout` admits only the statements above.
      return { r in throw Diagnostic("this statement cannot run in a compiled loop", at: r.ranges[loop]) }
    }
  }

  func block(_ statements: [Stmt]) -> RegisterCode {
    RegisterCompiler.sequence(statements.map { StatementResult(code: compile($0)) }[...])
  }

  /// Statements one after another as nested closures, as `Compiler.sequence`
  /// does for the general code. Not shared through a generic function on
  /// purpose: closures of a generic type are stored at the most general
  /// calling convention, and every call then went through a thunk (a fifth
  /// of a register loop's time). For the same reason the array holds the
  /// closures wrapped in a struct: an array or an optional of a function
  /// type stores it at the general convention too.
  static func sequence(_ codes: ArraySlice<StatementResult>) -> RegisterCode {
    switch codes.count {
    case 0: return { _ in .normal }
    case 1: return codes[codes.startIndex].code
    case 3:
      let (a, b, c) = (codes[codes.startIndex].code, codes[codes.startIndex + 1].code, codes[codes.startIndex + 2].code)
      return { r in
        var flow = try a(r)
        guard case .normal = flow else { return flow }
        flow = try b(r)
        guard case .normal = flow else { return flow }
        return try c(r)
      }
    case 4:
      let i = codes.startIndex
      let (a, b, c, d) = (codes[i].code, codes[i + 1].code, codes[i + 2].code, codes[i + 3].code)
      return { r in
        var flow = try a(r)
        guard case .normal = flow else { return flow }
        flow = try b(r)
        guard case .normal = flow else { return flow }
        flow = try c(r)
        guard case .normal = flow else { return flow }
        return try d(r)
      }
    case 5...:
      // Up to four parts a level: fewer closures between a loop and its statements.
      let quarter = (codes.count + 3) / 4
      let parts = stride(from: codes.startIndex, to: codes.endIndex, by: quarter).map {
        StatementResult(code: sequence(codes[$0..<min($0 + quarter, codes.endIndex)]))
      }
      return sequence(parts[...])
    default:
      let middle = codes.startIndex + (codes.count + 1) / 2
      let (a, b) = (sequence(codes[..<middle]), sequence(codes[middle...]))
      return { r in
        let flow = try a(r)
        guard case .normal = flow else { return flow }
        return try b(r)
      }
    }
  }

  static func wholeNumber(_ number: Number, what: String, at range: SourceRange) throws -> Int {
    if case .int(let n) = number { return n }
    return try Compiler.wholeNumber(number.value, what: what, at: range)
  }

  func register(_ name: String) -> Int {
    layout.numbers[name] ?? 0
  }

  /// A number register's read, which fails while the variable is unset.
  func read(_ name: String, at range: SourceRange) -> RegisterRead {
    let readSite = site(range)
    sites.reads[readSite] = (name, compiler.scope?.slots[name] != nil)
    return RegisterRead(index: register(name), site: readSite)
  }

  // MARK: - Assignments

  func assignment(target: Expr, op: BinaryOperator?, value: Expr) -> RegisterCode {
    let whole = site(target.range.union(value.range))
    guard case .name(let name) = target.kind else {
      return elementAssignment(target: target, op: op, value: value, site: whole)
    }
    let code = numberAssignment(name, target: target, op: op, value: value, site: whole)
    guard compiler.scope == nil, name == "weight" || name == "weights" else { return code }
    // As `Compiler.compileAssignment`: the conventional weights take the focus.
    let focus = compiler.session.domain.focusSlot
    return { r in
      focus.pointee = .weights
      return try code(r)
    }
  }

  private func numberAssignment(
    _ name: String, target: Expr, op: BinaryOperator?, value: Expr, site whole: Int
  ) -> RegisterCode {
    let destination = register(name)
    guard let op else {
      // `error = (pred - goal) ** 2`: one closure.
      if case .binary(.power, let base, let exponent) = value.kind, exponent.kind == .integer(2) {
        return withSquareBase(base, StoreSquare(destination: destination, site: site(value.range))).code
      }
      // `pred = input * weight`: one closure reads, computes and stores.
      if case .binary(let binaryOp, let left, let right) = value.kind,
        let fused = fusedArithmetic(binaryOp, left, right, into: destination, site: site(value.range))
      {
        return fused.code
      }
      let code = number(value)
      return { r in
        r.numbers[destination] = try code(r)
        return .normal
      }
    }
    // `pred += x`: the old value is read (and must be set) before the right side.
    let old = read(name, at: target.range)
    if let fused = fusedArithmetic(op, old, value, into: destination, site: whole) { return fused.code }
    let code = number(value)
    return { r in
      let a = try old.read(r)
      r.numbers[destination] = try Number.binary(op, a, try code(r), at: r.ranges[whole])
      return .normal
    }
  }

  /// `v[i] = x`, `v[i] -= x`: the right side first, then the index, as
  /// `Compiler.compileStore` does.
  private func elementAssignment(target: Expr, op: BinaryOperator?, value: Expr, site whole: Int) -> RegisterCode {
    guard case .index(let base, let index) = target.kind, case .name(let name) = base.kind,
      let vector = layout.vectors[name]
    else {
      return { r in throw Diagnostic("cannot assign to this expression", at: r.ranges[whole]) }
    }
    let indexSite = site(index.range)
    switch op {
    case .add?: return withOperand(index, ElementIndex<AddOperator>(compiler: self, vector: vector, indexSite: indexSite, value: value, site: whole)).code
    case .subtract?: return withOperand(index, ElementIndex<SubtractOperator>(compiler: self, vector: vector, indexSite: indexSite, value: value, site: whole)).code
    case .multiply?: return withOperand(index, ElementIndex<MultiplyOperator>(compiler: self, vector: vector, indexSite: indexSite, value: value, site: whole)).code
    case .divide?: return withOperand(index, ElementIndex<DivideOperator>(compiler: self, vector: vector, indexSite: indexSite, value: value, site: whole)).code
    default: break
    }
    let valueCode = number(value)
    let indexCode = number(index)
    return { r in
      let right = try valueCode(r)
      let position = try r.vectors[vector].position(try indexCode(r), r, site: indexSite)
      if let op {
        let old = r.vectors[vector].element(position)
        r.vectors[vector].store(try Number.binary(op, old, right, at: r.ranges[whole]), at: position)
      } else {
        r.vectors[vector].store(right, at: position)
      }
      return .normal
    }
  }

  /// `destination = left op right` for + - * /, specialised on the
  /// operands' kinds; nil for other operators.
  private func fusedArithmetic(
    _ op: BinaryOperator, _ left: Expr, _ right: Expr, into destination: Int, site: Int
  ) -> StatementResult? {
    withOperand(left, FusedLeft(compiler: self, op: op, right: right, destination: destination, site: site))
  }

  /// The same with the left operand chosen (`x += ...`, or by `FusedLeft`).
  func fusedArithmetic<L: NumberOperand>(
    _ op: BinaryOperator, _ left: L, _ right: Expr, into destination: Int, site: Int
  ) -> StatementResult? {
    switch op {
    case .add: return withOperand(right, StoreRight<AddOperator, L>(left: left, destination: destination, site: site))
    case .subtract: return withOperand(right, StoreRight<SubtractOperator, L>(left: left, destination: destination, site: site))
    case .multiply: return withOperand(right, StoreRight<MultiplyOperator, L>(left: left, destination: destination, site: site))
    case .divide: return withOperand(right, StoreRight<DivideOperator, L>(left: left, destination: destination, site: site))
    default: return nil
    }
  }
}
