/// Specialised code for the shapes that fill the course's loops: a binary
/// operator whose operands are variables or constants, assigned to a
/// session variable. Each combination becomes its own generic
/// specialisation, so `pred = input * weight` runs as two slot reads, one
/// multiplication and one slot write, with no closure call in between.

/// Something an operator reads: a variable's slot, a constant, or code.
protocol Operand {
  func read(_ frame: Frame) throws -> Value
}

/// A session variable, read straight from its slot.
struct GlobalOperand: Operand {
  let slot: UnsafeMutablePointer<Value?>
  let name: String
  let range: SourceRange
  /// Unowned and unchecked: compiled code runs only inside its session's
  /// `run`, and a checked unowned reference costs two atomic operations
  /// each time an operand is copied.
  unowned(unsafe) let session: Session

  @inline(__always)
  func read(_ frame: Frame) throws -> Value {
    // Matching the float case first reads it without copying the whole
    // optional enum (no retain, no outlined copy).
    if case .float(let x)? = slot.pointee { return .float(x) }
    guard let value = slot.pointee else { throw session.undefinedName(name, at: range) }
    return value
  }
}

/// A literal.
struct ConstantOperand: Operand {
  let value: Value
  @inline(__always)
  func read(_ frame: Frame) throws -> Value { value }
}

/// Anything else: compiled code.
struct CodeOperand: Operand {
  let code: Code
  @inline(__always)
  func read(_ frame: Frame) throws -> Value { try code(frame) }
}

/// An arithmetic operator's float case, with a way out (nil) to the general
/// rules for everything else (integers, vectors, division by zero).
protocol FloatOperator {
  static var op: BinaryOperator { get }
  static func apply(_ x: Double, _ y: Double) -> Double?
  /// The integer case where it stays an integer; nil on overflow (an error
  /// the general rules report) and for `/`, whose result is a float.
  static func applyInt(_ x: Int, _ y: Int) -> Int?
}

extension FloatOperator {
  @inline(__always) static func applyInt(_ x: Int, _ y: Int) -> Int? { nil }
}

enum AddOperator: FloatOperator {
  static var op: BinaryOperator { .add }
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x + y }
  @inline(__always) static func applyInt(_ x: Int, _ y: Int) -> Int? {
    let (z, overflow) = x.addingReportingOverflow(y)
    return overflow ? nil : z
  }
}
enum SubtractOperator: FloatOperator {
  static var op: BinaryOperator { .subtract }
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x - y }
  @inline(__always) static func applyInt(_ x: Int, _ y: Int) -> Int? {
    let (z, overflow) = x.subtractingReportingOverflow(y)
    return overflow ? nil : z
  }
}
enum MultiplyOperator: FloatOperator {
  static var op: BinaryOperator { .multiply }
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x * y }
  @inline(__always) static func applyInt(_ x: Int, _ y: Int) -> Int? {
    let (z, overflow) = x.multipliedReportingOverflow(by: y)
    return overflow ? nil : z
  }
}
enum DivideOperator: FloatOperator {
  static var op: BinaryOperator { .divide }
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
}

/// Code built by a visitor: an expression's or a statement's.
///
/// A concrete enum rather than an associated type on purpose: closures
/// returned through a generic associated type are stored at the most
/// general abstraction, and every call then goes through a thunk.
enum Built {
  case value(Code)
  case statement(StmtCode)

  var code: Code {
    switch self {
    case .value(let code): return code
    case .statement(let statement):
      return { frame in
        _ = try statement(frame)
        return .none
      }
    }
  }

  var statement: StmtCode {
    switch self {
    case .statement(let statement): return statement
    case .value(let code):
      return { frame in
        _ = try code(frame)
        return .normal
      }
    }
  }
}

/// Builds code generic over its operands' kinds (a visitor, because Swift
/// has no generic closures).
protocol OperandVisitor {
  func visit<O: Operand>(_ operand: O) -> Built
}

extension Compiler {
  /// Calls `visitor` with the most specific operand for `expr`.
  func withOperand<V: OperandVisitor>(_ expr: Expr, _ visitor: V) -> Built {
    switch expr.kind {
    case .float(let x): return visitor.visit(ConstantOperand(value: .float(x)))
    case .integer(let n): return visitor.visit(ConstantOperand(value: .int(n)))
    case .name(let name):
      if case .global(let slot) = slot(for: name) {
        return visitor.visit(GlobalOperand(slot: slot, name: name, range: expr.range, session: session))
      }
      return visitor.visit(CodeOperand(code: compile(expr)))
    default:
      return visitor.visit(CodeOperand(code: compile(expr)))
    }
  }

  /// `left op right` for + - * /, specialised on both operands' kinds; with
  /// `store`, the statement `store = left op right`.
  func fastBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at range: SourceRange, store: UnsafeMutablePointer<Value?>? = nil) -> Built? {
    switch op {
    case .add: return withOperand(left, LeftVisitor<AddOperator>(compiler: self, right: right, range: range, store: store))
    case .subtract: return withOperand(left, LeftVisitor<SubtractOperator>(compiler: self, right: right, range: range, store: store))
    case .multiply: return withOperand(left, LeftVisitor<MultiplyOperator>(compiler: self, right: right, range: range, store: store))
    case .divide: return withOperand(left, LeftVisitor<DivideOperator>(compiler: self, right: right, range: range, store: store))
    default: return nil
    }
  }

  /// `x ** 2`, the course's squared error, as one multiplication: Python
  /// computes it with pow(x, 2.0), which is correctly rounded and so gives
  /// exactly x * x.
  func fastSquare(_ base: Expr, at range: SourceRange) -> Code {
    withOperand(base, SquareVisitor(range: range)).code
  }
}

struct LeftVisitor<O: FloatOperator>: OperandVisitor {
  let compiler: Compiler
  let right: Expr
  let range: SourceRange
  let store: UnsafeMutablePointer<Value?>?
  func visit<L: Operand>(_ left: L) -> Built {
    compiler.withOperand(right, RightVisitor<O, L>(left: left, range: range, store: store))
  }
}

struct RightVisitor<O: FloatOperator, L: Operand>: OperandVisitor {
  let left: L
  let range: SourceRange
  let store: UnsafeMutablePointer<Value?>?
  func visit<R: Operand>(_ right: R) -> Built {
    let (left, range) = (self.left, self.range)
    if let store {
      // Assignment fused in: the result goes straight into the slot.
      return .statement { frame in
        let a = try left.read(frame)
        let b = try right.read(frame)
        if case .float(let x) = a, case .float(let y) = b, let z = O.apply(x, y) {
          store.pointee = .float(z)
        } else {
          store.pointee = try Operators.binary(O.op, a, b, at: range)
        }
        return .normal
      }
    }
    return .value { frame in
      let a = try left.read(frame)
      let b = try right.read(frame)
      if case .float(let x) = a, case .float(let y) = b, let z = O.apply(x, y) { return .float(z) }
      return try Operators.binary(O.op, a, b, at: range)
    }
  }
}

struct SquareVisitor: OperandVisitor {
  let range: SourceRange
  func visit<B: Operand>(_ base: B) -> Built {
    let range = self.range
    return .value { frame in
      let a = try base.read(frame)
      if case .float(let x) = a { return .float(x * x) }
      return try Operators.binary(.power, a, .int(2), at: range)
    }
  }
}

/// A condition: an `if` or `while` test, answered without boxing a Bool.
typealias Condition = (Frame) throws -> Bool

/// The most specific operand for an expression, as a value (for code whose
/// result type is fixed, where a visitor is not needed).
enum OperandKind {
  case global(GlobalOperand)
  case constant(ConstantOperand)
  case code(CodeOperand)
}

extension Compiler {
  func operandKind(_ expr: Expr) -> OperandKind {
    switch expr.kind {
    case .float(let x): return .constant(ConstantOperand(value: .float(x)))
    case .integer(let n): return .constant(ConstantOperand(value: .int(n)))
    case .name(let name):
      if case .global(let slot) = slot(for: name) {
        return .global(GlobalOperand(slot: slot, name: name, range: expr.range, session: session))
      }
    default: break
    }
    return .code(CodeOperand(code: compile(expr)))
  }

  /// `left op right` as a condition, specialised on the operands' kinds
  /// (the course's `if down_error < up_error`).
  func comparisonCondition(_ op: ComparisonOperator, _ left: Expr, _ right: Expr) -> Condition {
    let range = left.range.union(right.range)
    switch operandKind(left) {
    case .global(let a): return comparisonCondition(op, a, right, at: range)
    case .constant(let a): return comparisonCondition(op, a, right, at: range)
    case .code(let a): return comparisonCondition(op, a, right, at: range)
    }
  }

  func comparisonCondition<L: Operand>(_ op: ComparisonOperator, _ a: L, _ right: Expr, at range: SourceRange) -> Condition {
    switch operandKind(right) {
    case .global(let b): return Compiler.comparison(op, a, b, at: range)
    case .constant(let b): return Compiler.comparison(op, a, b, at: range)
    case .code(let b): return Compiler.comparison(op, a, b, at: range)
    }
  }

  static func comparison<L: Operand, R: Operand>(_ op: ComparisonOperator, _ a: L, _ b: R, at range: SourceRange) -> Condition {
    { frame in
      let x = try a.read(frame)
      let y = try b.read(frame)
      if case .float(let p) = x, case .float(let q) = y { return Operators.compareNumbers(op, p, q) }
      return try Operators.compare(op, x, y, at: range)
    }
  }
}
