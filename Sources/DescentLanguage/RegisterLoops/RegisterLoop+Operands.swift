/// What the register loops' closures are built from: arithmetic on
/// `Number`s with the general operators' rules, the kinds of operand an
/// operation reads (a register, a constant, a vector element, code), and
/// the visitors that specialise an operation on its operands' kinds, so
/// `pred = input * weight` is one closure with both reads inline.

// MARK: - Arithmetic on numbers

extension Number {
  /// `a op b` by the general operators' rules (they throw the errors).
  static func binary(_ op: BinaryOperator, _ a: Number, _ b: Number, at range: SourceRange) throws -> Number {
    try Number(try Operators.binary(op, a.value, b.value, at: range), at: range)
  }

  /// `a op b` for + - * /, with the number cases inline: Python turns an
  /// integer into a float beside a float, as `Operators.binary` does.
  @inline(__always)
  static func arithmetic<O: FloatOperator>(_: O.Type, _ a: Number, _ b: Number, _ r: Registers, site: Int) throws -> Number {
    switch (a, b) {
    case (.float(let x), .float(let y)): if let z = O.apply(x, y) { return .float(z) }
    case (.int(let m), .float(let y)): if let z = O.apply(Double(m), y) { return .float(z) }
    case (.float(let x), .int(let n)): if let z = O.apply(x, Double(n)) { return .float(z) }
    case (.int(let m), .int(let n)): if let k = O.applyInt(m, n) { return .int(k) }
    default: break
    }
    return try binary(O.op, a, b, at: r.ranges[site])
  }

  /// `a ** 2`: Python's pow(x, 2.0) is correctly rounded, so exactly x * x.
  @inline(__always)
  static func square(_ a: Number, _ r: Registers, site: Int) throws -> Number {
    if case .float(let x) = a { return .float(x * x) }
    return try binary(.power, a, .int(2), at: r.ranges[site])
  }

  /// `a op b` for a comparison, floats inline.
  @inline(__always)
  static func compare(_ op: ComparisonOperator, _ a: Number, _ b: Number, _ r: Registers, site: Int) throws -> Bool {
    if case .float(let x) = a, case .float(let y) = b { return Operators.compareNumbers(op, x, y) }
    return try Operators.compare(op, a.value, b.value, at: r.ranges[site])
  }
}

// MARK: - Operands

/// Something an operator reads from registers.
protocol NumberOperand {
  func read(_ r: Registers) throws -> Number
}

/// A number register.
struct RegisterRead: NumberOperand {
  let index: Int
  /// The read's site, which names the variable (`RegisterSites.reads`).
  let site: Int
  @inline(__always)
  func read(_ r: Registers) throws -> Number {
    let n = r.numbers[index]
    if case .unset = n { throw UnsetRead(site: site) }
    return n
  }
}

/// A literal.
struct NumberConstant: NumberOperand {
  let number: Number
  @inline(__always)
  func read(_ r: Registers) throws -> Number { number }
}

/// `v[i]`: an element of a vector register.
struct ElementRead<Index: NumberOperand>: NumberOperand {
  let vector: Int
  let index: Index
  /// The index's site, for "index out of range".
  let site: Int
  @inline(__always)
  func read(_ r: Registers) throws -> Number {
    let i = try index.read(r)
    return r.vectors[vector].element(try r.vectors[vector].position(i, r, site: site))
  }
}

/// `a op b` of two simple operands, as an operand itself (see `withSquareBase`).
struct BinaryOperand<O: FloatOperator, L: NumberOperand, R: NumberOperand>: NumberOperand {
  let left: L
  let right: R
  let site: Int
  @inline(__always)
  func read(_ r: Registers) throws -> Number {
    let a = try left.read(r)
    return try Number.arithmetic(O.self, a, try right.read(r), r, site: site)
  }
}

/// Anything else: compiled code.
struct NumberCodeOperand: NumberOperand {
  let code: NumberCode
  @inline(__always)
  func read(_ r: Registers) throws -> Number { try code(r) }
}

// MARK: - Visitors (Swift has no generic closures)

/// Builds code generic over an operand's kind. The results are concrete
/// structs holding the closure, so the closure keeps its own calling
/// convention (no reabstraction thunk per call).
protocol NumberVisitor {
  associatedtype Result
  func visit<O: NumberOperand>(_ operand: O) -> Result
}

struct NumberResult { let code: NumberCode }
struct StatementResult { let code: RegisterCode }
struct ConditionResult { let test: RegisterCondition }

struct ValueLeft<O: FloatOperator>: NumberVisitor {
  let compiler: RegisterCompiler
  let right: Expr
  let site: Int
  func visit<L: NumberOperand>(_ left: L) -> NumberResult {
    compiler.withOperand(right, ValueRight<O, L>(left: left, site: site))
  }
}

struct ValueRight<O: FloatOperator, L: NumberOperand>: NumberVisitor {
  let left: L
  let site: Int
  func visit<R: NumberOperand>(_ right: R) -> NumberResult {
    let (left, site) = (self.left, self.site)
    return NumberResult { r in
      let a = try left.read(r)
      return try Number.arithmetic(O.self, a, try right.read(r), r, site: site)
    }
  }
}

/// `destination = left op right`: the left operand's kind, then
/// `fusedArithmetic` for the operator and the right one.
struct FusedLeft: NumberVisitor {
  let compiler: RegisterCompiler
  let op: BinaryOperator
  let right: Expr
  let destination: Int
  let site: Int
  func visit<L: NumberOperand>(_ left: L) -> StatementResult? {
    compiler.fusedArithmetic(op, left, right, into: destination, site: site)
  }
}

struct StoreRight<O: FloatOperator, L: NumberOperand>: NumberVisitor {
  let left: L
  let destination: Int
  let site: Int
  func visit<R: NumberOperand>(_ right: R) -> StatementResult {
    let (left, destination, site) = (self.left, self.destination, self.site)
    return StatementResult { r in
      let a = try left.read(r)
      r.numbers[destination] = try Number.arithmetic(O.self, a, try right.read(r), r, site: site)
      return .normal
    }
  }
}

/// `v[i] op= x`: the index's kind first, then the value's.
struct ElementIndex<O: FloatOperator>: NumberVisitor {
  let compiler: RegisterCompiler
  let vector: Int
  let indexSite: Int
  let value: Expr
  let site: Int
  func visit<I: NumberOperand>(_ index: I) -> StatementResult {
    compiler.withOperand(value, ElementUpdate<O, I>(vector: vector, index: index, indexSite: indexSite, site: site))
  }
}

struct ElementUpdate<O: FloatOperator, I: NumberOperand>: NumberVisitor {
  let vector: Int
  let index: I
  let indexSite: Int
  let site: Int
  func visit<V: NumberOperand>(_ value: V) -> StatementResult {
    let (vector, index, indexSite, site) = (self.vector, self.index, self.indexSite, self.site)
    return StatementResult { r in
      let right = try value.read(r)
      let position = try r.vectors[vector].position(try index.read(r), r, site: indexSite)
      let old = r.vectors[vector].element(position)
      r.vectors[vector].store(try Number.arithmetic(O.self, old, right, r, site: site), at: position)
      return .normal
    }
  }
}

/// `x ** 2` as one multiplication (see `Compiler.fastSquare`).
struct RegisterSquare: NumberVisitor {
  let site: Int
  func visit<B: NumberOperand>(_ base: B) -> NumberResult {
    let site = self.site
    return NumberResult { r in try Number.square(try base.read(r), r, site: site) }
  }
}

/// `destination = x ** 2`.
struct StoreSquare: NumberVisitor {
  let destination: Int
  let site: Int
  func visit<B: NumberOperand>(_ base: B) -> StatementResult {
    let (destination, site) = (self.destination, self.site)
    return StatementResult { r in
      r.numbers[destination] = try Number.square(try base.read(r), r, site: site)
      return .normal
    }
  }
}

struct SimpleLeft<O: FloatOperator, V: NumberVisitor>: NumberVisitor {
  let compiler: RegisterCompiler
  let right: Expr
  let site: Int
  let visitor: V
  func visit<L: NumberOperand>(_ left: L) -> V.Result {
    compiler.withSimpleOperand(right, SimpleRight<O, L, V>(left: left, site: site, visitor: visitor))
  }
}

struct SimpleRight<O: FloatOperator, L: NumberOperand, V: NumberVisitor>: NumberVisitor {
  let left: L
  let site: Int
  let visitor: V
  func visit<R: NumberOperand>(_ right: R) -> V.Result {
    visitor.visit(BinaryOperand<O, L, R>(left: left, right: right, site: site))
  }
}

struct CompareLeft: NumberVisitor {
  let compiler: RegisterCompiler
  let op: ComparisonOperator
  let right: Expr
  let site: Int
  func visit<L: NumberOperand>(_ left: L) -> ConditionResult {
    compiler.withOperand(right, CompareRight(left: left, op: op, site: site))
  }
}

struct CompareRight<L: NumberOperand>: NumberVisitor {
  let left: L
  let op: ComparisonOperator
  let site: Int
  func visit<R: NumberOperand>(_ right: R) -> ConditionResult {
    let (left, op, site) = (self.left, self.op, self.site)
    return ConditionResult { r in
      let a = try left.read(r)
      return try Number.compare(op, a, try right.read(r), r, site: site)
    }
  }
}

/// `if a < b { ... } else { ... }` with the comparison inline.
struct IfCompareLeft: NumberVisitor {
  let compiler: RegisterCompiler
  let op: ComparisonOperator
  let right: Expr
  let site: Int
  let then: StatementResult
  let otherwise: StatementResult?
  func visit<L: NumberOperand>(_ left: L) -> StatementResult {
    compiler.withOperand(right, IfCompareRight(left: left, op: op, site: site, then: then, otherwise: otherwise))
  }
}

struct IfCompareRight<L: NumberOperand>: NumberVisitor {
  let left: L
  let op: ComparisonOperator
  let site: Int
  let then: StatementResult
  let otherwise: StatementResult?
  func visit<R: NumberOperand>(_ right: R) -> StatementResult {
    let (left, op, site, then) = (self.left, self.op, self.site, self.then.code)
    guard let otherwise = otherwise?.code else {
      return StatementResult { r in
        let a = try left.read(r)
        return try Number.compare(op, a, try right.read(r), r, site: site) ? try then(r) : .normal
      }
    }
    return StatementResult { r in
      let a = try left.read(r)
      return try Number.compare(op, a, try right.read(r), r, site: site) ? try then(r) : try otherwise(r)
    }
  }
}
