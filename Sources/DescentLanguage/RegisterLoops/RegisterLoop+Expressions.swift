/// The number expressions and conditions of a `RegisterLoop`: each operand
/// read from its register, each operator specialised on its operands'
/// kinds (`withOperand`), the rest handed to the general operators.
extension RegisterCompiler {
  // MARK: - Expressions

  func number(_ expr: Expr) -> NumberCode {
    switch expr.kind {
    case .integer(let n):
      return { _ in .int(n) }
    case .float(let x):
      return { _ in .float(x) }
    case .name(let name):
      let operand = read(name, at: expr.range)
      return { r in try operand.read(r) }
    case .unary(.plus, let operand):
      return number(operand)  // `+x` of a number is x
    case .unary(.negate, let operand):
      let code = number(operand)
      let negation = site(expr.range)
      return { r in
        let a = try code(r)
        if case .float(let x) = a { return .float(-x) }
        let range = r.ranges[negation]
        return try Number(try Operators.negate(a.value, at: range), at: range)
      }
    case .binary(.power, let base, let exponent) where exponent.kind == .integer(2):
      return withSquareBase(base, RegisterSquare(site: site(expr.range))).code
    case .binary(let op, let left, let right):
      let whole = site(expr.range)
      switch op {
      case .add: return withOperand(left, ValueLeft<AddOperator>(compiler: self, right: right, site: whole)).code
      case .subtract: return withOperand(left, ValueLeft<SubtractOperator>(compiler: self, right: right, site: whole)).code
      case .multiply: return withOperand(left, ValueLeft<MultiplyOperator>(compiler: self, right: right, site: whole)).code
      case .divide: return withOperand(left, ValueLeft<DivideOperator>(compiler: self, right: right, site: whole)).code
      default:
        let (l, r) = (number(left), number(right))
        return { registers in
          let a = try l(registers)
          return try Number.binary(op, a, try r(registers), at: registers.ranges[whole])
        }
      }
    case .index(let base, let index):
      guard case .name(let name) = base.kind, let vector = layout.vectors[name] else { break }
      let element = ElementRead(vector: vector, index: NumberCodeOperand(code: number(index)), site: site(index.range))
      return { r in try element.read(r) }
    case .call(let callee, let arguments):
      guard case .name(let name) = callee.kind else { break }
      if name == "len", arguments.count == 1, case .name(let vectorName) = arguments[0].kind,
        let vector = layout.vectors[vectorName]
      {
        return { r in .int(r.vectors[vector].count) }
      }
      guard let builtin = Builtins.table[name] else { break }
      return call(builtin, arguments, at: expr.range)
    default:
      break
    }
    // `RegisterLayout` admits only the expressions above.
    let unknown = site(expr.range)
    return { r in throw Diagnostic("this expression cannot run in a compiled loop", at: r.ranges[unknown]) }
  }

  /// `exp(x)`, `abs(d)`, `min(a, b)`: the arguments from registers, the
  /// built-in itself for the rest (these calls are not the hot path).
  private func call(_ builtin: Builtin, _ arguments: [Expr], at range: SourceRange) -> NumberCode {
    let codes = arguments.map { NumberResult(code: number($0)) }
    let context = BuiltinContext(session: compiler.session, range: range, argumentRanges: arguments.map(\.range))
    return { r in
      var values: [Value] = []
      values.reserveCapacity(codes.count)
      for code in codes { values.append(try code.code(r).value) }
      return try Number(try builtin.call(values, context), at: range)
    }
  }

  /// Calls `visitor` with the most specific operand for `expr`.
  func withOperand<V: NumberVisitor>(_ expr: Expr, _ visitor: V) -> V.Result {
    switch expr.kind {
    case .integer(let n): return visitor.visit(NumberConstant(number: .int(n)))
    case .float(let x): return visitor.visit(NumberConstant(number: .float(x)))
    case .name(let name): return visitor.visit(read(name, at: expr.range))
    case .index(let base, let index):
      if case .name(let name) = base.kind, let vector = layout.vectors[name], case .name(let indexName) = index.kind {
        return visitor.visit(ElementRead(vector: vector, index: read(indexName, at: index.range), site: site(index.range)))
      }
    default: break
    }
    return visitor.visit(NumberCodeOperand(code: number(expr)))
  }

  /// `withOperand` for the base of `x ** 2`, which may also be `a - b` of
  /// two variables or constants (the course's squared error), computed in
  /// the same closure.
  func withSquareBase<V: NumberVisitor>(_ base: Expr, _ visitor: V) -> V.Result {
    if case .binary(let op, let left, let right) = base.kind, isSimple(left), isSimple(right) {
      let whole = site(base.range)
      switch op {
      case .add: return withSimpleOperand(left, SimpleLeft<AddOperator, V>(compiler: self, right: right, site: whole, visitor: visitor))
      case .subtract: return withSimpleOperand(left, SimpleLeft<SubtractOperator, V>(compiler: self, right: right, site: whole, visitor: visitor))
      case .multiply: return withSimpleOperand(left, SimpleLeft<MultiplyOperator, V>(compiler: self, right: right, site: whole, visitor: visitor))
      case .divide: return withSimpleOperand(left, SimpleLeft<DivideOperator, V>(compiler: self, right: right, site: whole, visitor: visitor))
      default: break
      }
    }
    return withOperand(base, visitor)
  }

  /// A variable or a number literal.
  func isSimple(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .name, .integer, .float: return true
    default: return false
    }
  }

  /// `withOperand` for a simple expression (see `isSimple`): two kinds, so
  /// operations built on them stay few.
  func withSimpleOperand<V: NumberVisitor>(_ expr: Expr, _ visitor: V) -> V.Result {
    switch expr.kind {
    case .integer(let n): return visitor.visit(NumberConstant(number: .int(n)))
    case .float(let x): return visitor.visit(NumberConstant(number: .float(x)))
    case .name(let name): return visitor.visit(read(name, at: expr.range))
    default: return visitor.visit(NumberCodeOperand(code: number(expr)))
    }
  }

  // MARK: - Conditions

  func condition(_ expr: Expr) -> RegisterCondition {
    switch expr.kind {
    case .comparison(let operators, let operands) where operators.count == 1:
      let whole = site(operands[0].range.union(operands[1].range))
      return withOperand(operands[0], CompareLeft(compiler: self, op: operators[0], right: operands[1], site: whole)).test
    case .and(let left, let right):
      let (a, b) = (condition(left), condition(right))
      return { r in try a(r) ? try b(r) : false }
    case .or(let left, let right):
      let (a, b) = (condition(left), condition(right))
      return { r in try a(r) ? true : try b(r) }
    case .not(let operand):
      let a = condition(operand)
      return { r in !(try a(r)) }
    case .bool(let b):
      return { _ in b }
    default:
      let code = number(expr)
      return { r in
        switch try code(r) {
        case .float(let x): return x != 0
        case .int(let n): return n != 0
        case .unset: return false
        }
      }
    }
  }
}
