#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

/// The arithmetic, comparisons, indexing and fields of values, with Python's
/// number rules: integers stay integers under `+ - * %` and `**` with a
/// non-negative exponent (overflow is an error, not a wrap), `/` always
/// gives a float, and any float makes the result a float. Vectors and
/// matrices work elementwise with numpy's broadcasting.
enum Operators {
  /// The longest string an operator may build, in bytes: a loop doubling a
  /// string would otherwise eat the machine's memory in forty steps.
  static let maxStringLength = 100_000_000

  // MARK: - Arithmetic

  static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws
    -> Value
  {
    switch (a, b) {
    case (.traced, _), (_, .traced):
      return try Autodiff.binary(op, a, b, at: range)
    case (.ndarray(let x, let xIntegral), .ndarray(let y, let yIntegral))
    where op == .matmul && x.rank == 1 && y.rank == 1 && !(xIntegral && yIntegral):
      guard x.count == y.count else { break }
      return .float(Modules.numpyDot(x.scalars, y.scalars))
    case (.ndarray, _), (_, .ndarray):
      // numpy arrays: a tensor's arithmetic, and the result an array.
      return try binary(op, a.withoutArray.0, b.withoutArray.0, at: range).asArray
    case (.tuple(let x), .tuple(let y)) where op == .add:
      return .tuple(x + y)
    case (.string(let template), _) where op == .modulo:
      return try percentFormat(template, b, at: range)
    case (.int(let x), .int(let y)):
      return try integer(op, x, y, at: range)
    case (.float, .float), (.int, .float), (.float, .int):
      guard let x = a.number, let y = b.number else { break }
      return try float(op, x, y, at: range)
    case (.string(let x), .string(let y)) where op == .add:
      try checkLength(x.utf8.count + y.utf8.count, at: range)
      return .string(x + y)
    case (.string(let s), .int(let n)) where op == .multiply,
      (.int(let n), .string(let s)) where op == .multiply:
      let (length, overflow) = s.utf8.count.multipliedReportingOverflow(by: max(0, n))
      try checkLength(overflow ? Int.max : length, at: range)
      return .string(String(repeating: s, count: max(0, n)))
    case (.string, _) where op == .add, (_, .string) where op == .add:
      throw Diagnostic(
        "cannot add \(a.aKindName) and \(b.aKindName)", at: range,
        notes: ["turn a number into text with str(x): \"Error:\" + str(error)"])
    case (.tensor, _), (_, .tensor):
      return try tensor(op, a, b, at: range)
    default:
      break
    }
    throw Diagnostic("cannot use '\(op.rawValue)' on \(a.aKindName) and \(b.aKindName)", at: range)
  }

  static func checkLength(_ length: Int, at range: SourceRange) throws {
    guard length <= maxStringLength else {
      throw Diagnostic("a string of \(length == Int.max ? "that many" : String(length)) bytes is over the limit of \(maxStringLength)", at: range)
    }
  }

  static func integer(_ op: BinaryOperator, _ x: Int, _ y: Int, at range: SourceRange) throws -> Value {
    func checked(_ result: (Int, Bool)) throws -> Value {
      if result.1 {
        throw Diagnostic(
          "integer overflow in '\(op.rawValue)'", at: range,
          notes: ["write one operand as a float (2.0 instead of 2) to work with floats"])
      }
      return .int(result.0)
    }
    switch op {
    case .add: return try checked(x.addingReportingOverflow(y))
    case .subtract: return try checked(x.subtractingReportingOverflow(y))
    case .multiply: return try checked(x.multipliedReportingOverflow(by: y))
    case .divide:
      if y == 0 { throw divisionByZero(at: range) }
      return .float(Double(x) / Double(y))
    case .modulo:
      if y == 0 { throw divisionByZero(at: range) }
      if x == Int.min && y == -1 { return .int(0) }
      let r = x % y
      // Python's modulo takes the divisor's sign.
      return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
    case .floorDivide:
      if y == 0 { throw divisionByZero(at: range) }
      if x == Int.min && y == -1 { return try checked((0, true)) }
      let q = x / y
      // Python's floor division rounds toward minus infinity.
      return .int(q * y != x && (x < 0) != (y < 0) ? q - 1 : q)
    case .power:
      if y < 0 {
        if x == 0 { throw divisionByZero(at: range) }
        return .float(pow(Double(x), Double(y)))
      }
      var result = 1
      var base = x
      var exponent = y
      while exponent > 0 {
        if exponent & 1 == 1 {
          let (r, o) = result.multipliedReportingOverflow(by: base)
          if o { return try checked((0, true)) }
          result = r
        }
        exponent >>= 1
        if exponent > 0 {
          let (b, o) = base.multipliedReportingOverflow(by: base)
          if o { return try checked((0, true)) }
          base = b
        }
      }
      return .int(result)
    case .matmul:
      throw Diagnostic("'@' needs vectors or matrices, found two integers", at: range)
    }
  }

  static func float(_ op: BinaryOperator, _ x: Double, _ y: Double, at range: SourceRange) throws -> Value {
    switch op {
    case .add: return .float(x + y)
    case .subtract: return .float(x - y)
    case .multiply: return .float(x * y)
    case .divide:
      if y == 0 { throw divisionByZero(at: range) }
      return .float(x / y)
    case .modulo:
      if y == 0 { throw divisionByZero(at: range) }
      return .float(pythonModulo(x, y))
    case .floorDivide:
      if y == 0 { throw divisionByZero(at: range) }
      return .float(pythonFloorDivide(x, y))
    case .power:
      if x == 0 && y < 0 { throw divisionByZero(at: range) }
      if x < 0 && y.rounded() != y {
        throw Diagnostic(
          "a negative number to a fractional power is not a real number", at: range)
      }
      return .float(pow(x, y))
    case .matmul:
      throw Diagnostic("'@' needs vectors or matrices, found two numbers", at: range)
    }
  }

  /// Python's `x // y` for floats: floor((x - x % y) / y), as CPython's
  /// float_floor_div computes it, so it agrees with `%`.
  static func pythonFloorDivide(_ x: Double, _ y: Double) -> Double {
    let mod = fmod(x, y)
    var div = (x - mod) / y
    if mod != 0 && (y < 0) != (mod < 0) { div -= 1 }
    if div == 0 { return copysign(0, x / y) }
    let floored = div.rounded(.down)
    return div - floored > 0.5 ? floored + 1 : floored
  }

  static func pythonModulo(_ x: Double, _ y: Double) -> Double {
    var r = fmod(x, y)
    if r != 0 && (r < 0) != (y < 0) { r += y }
    return r
  }

  static func divisionByZero(at range: SourceRange) -> Diagnostic {
    Diagnostic("division by zero", at: range)
  }

  static func tensor(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    let (x, xIntegral) = try asTensor(a, at: range, op: op)
    let (y, yIntegral) = try asTensor(b, at: range, op: op)
    do {
      switch op {
      case .add: return .tensor(try x + y, integral: xIntegral && yIntegral)
      case .subtract: return .tensor(try x - y, integral: xIntegral && yIntegral)
      case .multiply: return .tensor(try x * y, integral: xIntegral && yIntegral)
      case .divide: return .tensor(try x / y, integral: false)
      case .modulo:
        return .tensor(try x.combined(with: y, operation: "%", pythonModulo), integral: xIntegral && yIntegral)
      case .floorDivide:
        return .tensor(try x.combined(with: y, operation: "//", pythonFloorDivide), integral: xIntegral && yIntegral)
      case .power:
        return .tensor(try x.combined(with: y, operation: "**", pow), integral: false)
      case .matmul:
        if x.rank == 1 && y.rank == 1 {
          let d = try x.dot(y)
          return xIntegral && yIntegral && Swift.abs(d) < 9e15 ? .int(Int(d)) : .float(d)
        }
        return .tensor(try x.matmul(y), integral: xIntegral && yIntegral)
      }
    } catch let error as TensorError {
      throw shapeError(error, at: range)
    }
  }

  /// A number or tensor operand as a tensor (a number as a 1-element vector
  /// broadcasts against anything).
  static func asTensor(_ value: Value, at range: SourceRange, op: BinaryOperator) throws -> (Tensor, Bool) {
    switch value {
    case .tensor(let t, let integral): return (t, integral)
    case .int(let n): return (Tensor([Double(n)]), true)
    case .float(let x): return (Tensor([x]), false)
    case .bool(let b): return (Tensor([b ? 1 : 0]), true)
    default:
      throw Diagnostic("cannot use '\(op.rawValue)' with \(value.aKindName) and a vector", at: range)
    }
  }

  /// A tensor error as a diagnostic that names both shapes.
  static func shapeError(_ error: TensorError, at range: SourceRange) -> Diagnostic {
    func shape(_ s: [Int]) -> String {
      s.count == 1 ? "vector of \(s[0])" : s.map(String.init).joined(separator: "×") + " matrix"
    }
    switch error {
    case .shapeMismatch(let operation, let lhs, let rhs):
      return Diagnostic("shapes do not fit for '\(operation)': \(shape(lhs)) and \(shape(rhs))", at: range)
    case .raggedRows(let row, let expected, let found):
      return Diagnostic("matrix row \(row) has \(found) elements, the first row has \(expected)", at: range)
    case .rankMismatch(let operation, let expected, let found):
      return Diagnostic(
        "\(operation) needs \(expected == 1 ? "vectors" : "matrices"), found rank \(found)", at: range)
    case .empty(let operation):
      return Diagnostic("\(operation) of an empty vector", at: range)
    case .indexOutOfRange(let index, let s):
      return Diagnostic("index \(index.map(String.init).joined(separator: ", ")) is out of range for a \(shape(s))", at: range)
    default:
      return Diagnostic("\(error)", at: range)
    }
  }

  static func negate(_ value: Value, at range: SourceRange) throws -> Value {
    switch value {
    case .int(let n):
      if n == Int.min { throw Diagnostic("integer overflow in '-'", at: range) }
      return .int(-n)
    case .float(let x): return .float(-x)
    case .tensor(let t, let integral): return .tensor(-t, integral: integral)
    case .ndarray(let t, let integral): return .ndarray(-t, integral: integral)
    case .traced: return try Autodiff.negate(value, at: range)
    default: throw Diagnostic("cannot negate \(value.aKindName)", at: range)
    }
  }

  static func plus(_ value: Value, at range: SourceRange) throws -> Value {
    switch value {
    case .int, .float, .tensor, .ndarray, .traced: return value
    default: throw Diagnostic("unary '+' needs a number, found \(value.aKindName)", at: range)
    }
  }

  // MARK: - Comparisons

  static func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Bool {
    if case .float(let x) = a, case .float(let y) = b { return compareNumbers(op, x, y) }
    // Integers compare as integers: above 2^53 doubles would call
    // neighbouring integers equal.
    if case .int(let x) = a, case .int(let y) = b { return compareOrdered(op, x, y) }
    if let x = a.number, let y = b.number { return compareNumbers(op, x, y) }
    switch op {
    case .equal: return equal(a, b)
    case .notEqual: return !equal(a, b)
    default:
      if case .string(let x) = a, case .string(let y) = b { return compareOrdered(op, x, y) }
      throw Diagnostic("cannot compare \(a.aKindName) and \(b.aKindName) with '\(op.rawValue)'", at: range)
    }
  }

  @inline(__always)
  static func compareNumbers(_ op: ComparisonOperator, _ x: Double, _ y: Double) -> Bool {
    compareOrdered(op, x, y)
  }

  @inline(__always)
  static func compareOrdered<T: Comparable>(_ op: ComparisonOperator, _ x: T, _ y: T) -> Bool {
    switch op {
    case .equal: return x == y
    case .notEqual: return x != y
    case .less: return x < y
    case .lessEqual: return x <= y
    case .greater: return x > y
    case .greaterEqual: return x >= y
    }
  }

  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.tensor(let x, _), .tensor(let y, _)): return x.shape == y.shape && x.scalars == y.scalars
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.ndarray, _), (_, .ndarray): return equal(a.withoutArray.0, b.withoutArray.0)
    case (.native(let x), .native(let y)): return x === y
    case (.module(let x), .module(let y)): return x === y
    case (.function(let x), .function(let y)): return x === y
    case (.network(let x), .network(let y)): return x === y
    case (.none, .none): return true
    default:
      if let x = a.number, let y = b.number { return x == y }
      return false
    }
  }
}
