#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

/// The backward rules of the operators: each operation on a traced value
/// runs as it always does on the plain numbers (same results, same errors),
/// then records its local slopes on the tape. One rule per operator, beside
/// the operators they mirror (STYLE.md, micrograd's `Value`).
///
/// Points without a derivative follow PyTorch: `abs` and `relu` have slope 0
/// at 0, `//` and `round` have slope 0 everywhere, `x ** y` has slope 0 in
/// `y` at x = 0.
enum Autodiff {
  /// The tape an operation records on: the first operand's, if it is still
  /// recording, else the second's; nil when neither is (the result is plain).
  @inline(__always)
  static func recordingTape(_ a: Value, _ b: Value) -> Tape? {
    if case .traced(let t) = a, t.tape.isRecording { return t.tape }
    if case .traced(let t) = b, t.tape.isRecording { return t.tape }
    return nil
  }

  // MARK: - Operators

  /// `a op b` where either operand is traced.
  static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    let (x, y) = (a.untraced, b.untraced)
    let result = try Operators.binary(op, x, y, at: range)
    guard let tape = recordingTape(a, b), let out = TapeData(result), let left = TapeData(x), let right = TapeData(y) else {
      return result
    }
    let (first, second) = (tape.node(of: a), tape.node(of: b))
    if op == .matmul {
      // With a number on either side (np.dot(3, v)) the product is elementwise.
      if left.shape.isEmpty || right.shape.isEmpty { return try binary(.multiply, a, b, at: range) }
      return try matmul(result, left, right, on: tape, inputs: (first, second), constants: (x, y), at: range)
    }
    let n = out.count
    // Operands broadcast to the result's shape (numpy's rules), so the
    // slopes below read element k of each; the backward pass sums them back.
    let (p, q) = (Broadcast.spread(left, to: out.shape), Broadcast.spread(right, to: out.shape))
    let rule: BackwardRule
    switch op {
    case .add: rule = .local(.scalar(1), .scalar(1))
    case .subtract: rule = .local(.scalar(1), .scalar(-1))
    case .multiply: rule = .local(q, p)
    case .divide:
      rule = .local(slopes(out, n) { 1 / q[$0] }, second < 0 ? .scalar(0) : slopes(out, n) { -p[$0] / (q[$0] * q[$0]) })
    case .floorDivide: rule = .local(.scalar(0), .scalar(0))
    case .modulo:
      // x % y = x - y * floor(x / y): slope 1 in x, -floor(x / y) in y (PyTorch's remainder).
      rule = .local(.scalar(1), second < 0 ? .scalar(0) : slopes(out, n) { -Operators.pythonFloorDivide(p[$0], q[$0]) })
    case .power:
      rule = .local(
        first < 0 ? .scalar(0) : slopes(out, n) { k in q[k] == 0 ? 0 : q[k] * pow(p[k], q[k] - 1) },
        second < 0 ? .scalar(0) : slopes(out, n) { k in p[k] == 0 && q[k] >= 0 ? 0 : out[k] * log(p[k]) })
    case .matmul:
      return result  // handled above
    }
    return tape.record(
      op.rawValue, out, inputs: first, second, constants: (first < 0 ? x : nil, second < 0 ? y : nil), rule: rule)
  }

  /// `a @ b` (and `dot`, `outer`) on the tape, given its plain result: a
  /// vector on the left is a 1 × n matrix, on the right n × 1.
  static func matmul(
    _ result: Value, _ p: TapeData, _ q: TapeData, on tape: Tape, inputs: (Int, Int), constants: (Value, Value),
    outer: Bool = false, at range: SourceRange
  ) throws -> Value {
    guard let out = TapeData(result) else { return result }
    let (a, b) = (p.shape, q.shape)
    let m: Int
    let n: Int
    let columns: Int
    if outer {
      (m, n, columns) = (p.count, 1, q.count)
    } else {
      guard a.count >= 1, a.count <= 2, b.count >= 1, b.count <= 2 else {
        throw notCovered("'@' of \(a.isEmpty || b.isEmpty ? "a number" : "tensors past two dimensions")", at: range)
      }
      m = a.count == 2 ? a[0] : 1
      n = a.count == 2 ? a[1] : a[0]
      columns = b.count == 2 ? b[1] : 1
      guard (b.count == 2 ? b[0] : b[0]) == n, out.count == m * columns else {
        throw notCovered("'@' of these shapes", at: range)
      }
    }
    return tape.record(
      outer ? "outer" : "@", out, inputs: inputs.0, inputs.1,
      constants: (inputs.0 < 0 ? constants.0 : nil, inputs.1 < 0 ? constants.1 : nil),
      rule: .matmul(p, q, m: m, n: n, p: columns))
  }

  /// `-a` where `a` is traced.
  static func negate(_ a: Value, at range: SourceRange) throws -> Value {
    let result = try Operators.negate(a.untraced, at: range)
    guard let tape = recordingTape(a, .none), let out = TapeData(result) else { return result }
    return tape.record("neg", out, inputs: tape.node(of: a), rule: .local(.scalar(-1), .scalar(0)))
  }

  /// Local slopes computed per element of the output (a scalar for a scalar output).
  static func slopes(_ out: TapeData, _ n: Int, _ slope: (Int) -> Double) -> TapeData {
    switch out {
    case .scalar: return .scalar(slope(0))
    case .tensor(let t):
      var values = [Double](repeating: 0, count: n)
      for k in 0..<n { values[k] = slope(k) }
      return .tensor((try? Tensor(shape: t.shape, scalars: values)) ?? Tensor(values))
    }
  }

  /// What derivatives do not reach, said where it happened.
  static func notCovered(_ what: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(
      "derivatives do not cover \(what)", at: range,
      notes: [
        "derivative and gradient follow numbers, vectors and matrices through + - * / // % ** @, indexing, slices, "
          + "sum, mean, min, max and the math built-ins"
      ])
  }
}

extension Tape {
  /// The node of a value traced on this tape, or -1 for anything else (a constant).
  @inline(__always)
  func node(of value: Value) -> Int {
    if case .traced(let t) = value, t.tape === self { return t.node }
    return -1
  }
}

extension TapeData {
  /// A number or tensor value as tape data; nil for anything else.
  init?(_ value: Value) {
    switch value {
    case .float(let x): self = .scalar(x)
    case .int(let n): self = .scalar(Double(n))
    case .bool(let b): self = .scalar(b ? 1 : 0)
    case .tensor(let t, _), .ndarray(let t, _): self = .tensor(t)
    case .traced(let t): self = t.data
    default: return nil
    }
  }
}

extension Value {
  /// The value with its tracing dropped: a traced number is its number.
  var untraced: Value {
    if case .traced(let t) = self { return t.plain }
    return self
  }

  /// The value with its tracing dropped, and that of a list's items.
  var untracedItems: Value {
    switch self {
    case .traced(let t): return t.plain
    case .list(let items): return .list(items.map(\.untraced))
    case .tuple(let items): return .tuple(items.map(\.untraced))
    default: return self
    }
  }

  /// Whether the value is traced by a `derivative` or `gradient` call.
  var isTraced: Bool {
    if case .traced = self { return true }
    return false
  }

  /// Whether the value is traced or is a list holding a traced value.
  var holdsTraced: Bool {
    switch self {
    case .traced: return true
    case .list(let items), .tuple(let items): return items.contains(where: \.isTraced)
    default: return false
    }
  }
}
