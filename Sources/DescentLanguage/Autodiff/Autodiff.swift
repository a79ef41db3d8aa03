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
    guard let tape = recordingTape(a, b), let out = TapeData(result), let p = TapeData(x), let q = TapeData(y) else {
      return result
    }
    let (first, second) = (tape.node(of: a), tape.node(of: b))
    if op != .matmul, p.count > 1, q.count > 1, p.count != q.count {
      throw notCovered("'\(op.rawValue)' between a matrix and a vector (broadcasting)", at: range)
    }
    let n = out.count
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
      guard case .tensor(let u) = p, case .tensor(let v) = q, u.rank == 1, v.rank == 1, n == 1 else {
        throw notCovered("'@' of matrices", at: range)
      }
      rule = .dot(p, q)
    }
    return tape.record(
      op.rawValue, out, inputs: first, second, constants: (first < 0 ? x : nil, second < 0 ? y : nil), rule: rule)
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
      notes: ["derivative and gradient follow numbers and vectors through + - * / // % **, @ of vectors, and the math built-ins"])
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
