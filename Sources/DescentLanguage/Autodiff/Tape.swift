import DescentEngine

/// The record of one `derivative` or `gradient` call: every operation the
/// interpreter did on a traced value, in the order it did them, with each
/// operation's local slopes (micrograd's `Value` graph, kept as a list).
///
/// Why a list with local slopes rather than a closure per node: the forward
/// pass already knows each operation's partial derivatives (d(a*b)/da is b),
/// so recording two numbers is enough, and the backward pass is one walk
/// from the last node to the first, which is a reverse topological order
/// by construction. A node is a scalar or a tensor (a vector argument of
/// `gradient(f, v)` and what is computed from it elementwise).
final class Tape: @unchecked Sendable {
  /// The nodes, in the order the operations ran.
  private(set) var nodes: [TapeNode] = []
  /// Gradients of every node, flat: node `i` owns `count` slots from its `offset`.
  private(set) var gradients: [Double] = []
  /// Whether the call that owns the tape is still running. A traced value
  /// that outlives it (stored in a session variable) then acts as its number.
  var isRecording = true
  /// Whether an operation found the tape full (and so was not recorded).
  private(set) var isFull = false
  /// The node the gradients were computed from (the function's result).
  private(set) var output: Int?

  /// The most nodes one tape may hold: a loop inside `f` that runs for
  /// ever would otherwise fill the memory before Ctrl-C is read.
  static let maxNodes = 1_000_000

  /// Records an operation and gives back its traced value.
  func record(
    _ operation: String, _ value: TapeData, inputs first: Int = -1, _ second: Int = -1,
    constants: (Value?, Value?) = (nil, nil), rule: BackwardRule
  ) -> Value {
    guard nodes.count < Tape.maxNodes else {
      isFull = true
      return value.value
    }
    let offset = gradients.count
    nodes.append(
      TapeNode(
        operation: operation, first: first, second: second, constants: constants, value: value, rule: rule,
        offset: offset))
    gradients.append(contentsOf: repeatElement(0, count: value.count))
    return .traced(TracedValue(tape: self, node: nodes.count - 1))
  }

  /// The value a node computed.
  func value(of node: Int) -> TapeData { nodes[node].value }

  /// The gradient of the output with respect to a node (after `backward`).
  func gradient(of node: Int) -> TapeData {
    let n = nodes[node]
    let slots = Array(gradients[n.offset..<n.offset + n.value.count])
    switch n.value {
    case .scalar: return .scalar(slots[0])
    case .tensor(let t): return .tensor((try? Tensor(shape: t.shape, scalars: slots)) ?? Tensor(slots))
    }
  }

  /// Fills every node's gradient with d(output)/d(node), by the chain rule
  /// from the last node back to the first.
  func backward(from output: Int) {
    self.output = output
    for i in gradients.indices { gradients[i] = 0 }
    let top = nodes[output]
    for k in 0..<top.value.count { gradients[top.offset + k] = 1 }
    gradients.withUnsafeMutableBufferPointer { grads in
      for index in stride(from: output, through: 0, by: -1) {
        nodes[index].propagate(grads, nodes)
      }
    }
  }
}

/// A traced number or tensor: which tape recorded it and which node it is.
public struct TracedValue: @unchecked Sendable {
  let tape: Tape
  let node: Int

  /// What the node computed.
  var data: TapeData { tape.value(of: node) }

  /// The number, when the node is a scalar (comparisons and the built-ins
  /// that are not differentiated read it).
  @usableFromInline
  var scalar: Double? {
    if case .scalar(let x) = data { return x }
    return nil
  }

  /// The value without its tracing: a float or a vector of floats.
  var plain: Value {
    switch data {
    case .scalar(let x): return .float(x)
    case .tensor(let t): return .tensor(t, integral: false)
    }
  }
}

/// What a node holds: a number, or a vector or matrix of them.
enum TapeData {
  case scalar(Double)
  case tensor(Tensor)

  /// numpy's shape: [] for a number.
  var shape: [Int] {
    switch self {
    case .scalar: return []
    case .tensor(let t): return t.shape
    }
  }

  var count: Int {
    switch self {
    case .scalar: return 1
    case .tensor(let t): return t.count
    }
  }

  /// Element `k` (a scalar's only element is itself: it broadcasts).
  @inline(__always)
  subscript(k: Int) -> Double {
    switch self {
    case .scalar(let x): return x
    case .tensor(let t): return t.scalars[k]
    }
  }

  /// The value as the interpreter shows it.
  var value: Value {
    switch self {
    case .scalar(let x): return .float(x)
    case .tensor(let t): return .tensor(t, integral: false)
    }
  }
}

/// How a node passes its gradient to its inputs.
enum BackwardRule {
  /// A leaf: an argument of the function.
  case leaf
  /// An elementwise operation with its local slopes d(node)/d(first) and
  /// d(node)/d(second); a scalar slope or input broadcasts.
  case local(TapeData, TapeData)
  /// The sum of a tensor's elements (`mean` is this with slope 1/n).
  case sum(scale: Double)
  /// Element `index` of a tensor (`v[i]`).
  case element(Int)
  /// A vector made of traced scalars (`[a, b]`); -1 marks a constant.
  case stack([Int])
  /// The matrix product of A (m × n) and B (n × p), with both operands'
  /// values (a vector on the left is 1 × n, on the right n × 1; `outer` is
  /// m × 1 times 1 × p).
  case matmul(TapeData, TapeData, m: Int, n: Int, p: Int)
  /// `count` consecutive elements of a tensor from `start` (a matrix's row).
  case slice(start: Int, count: Int)
  /// The transpose of a rows × columns matrix.
  case transpose(rows: Int, columns: Int)
  /// Element k of the node is element `indices[k]` of its input (`v[1:3]`, `v[::-1]`).
  case gather([Int])
}

/// One operation on the tape.
struct TapeNode {
  /// What to call the operation in `show graph`: "+", "exp", or an argument's name.
  let operation: String
  /// The inputs' node numbers, -1 where an input is a constant.
  let first: Int
  let second: Int
  /// The operands that are constants (`0.5` in `0.5 * w`), for `show graph`.
  let constants: (Value?, Value?)
  let value: TapeData
  let rule: BackwardRule
  /// Where this node's gradient starts in the tape's flat gradients.
  let offset: Int

  /// Adds this node's gradient, times the local slopes, to its inputs' gradients.
  func propagate(_ grads: UnsafeMutableBufferPointer<Double>, _ nodes: [TapeNode]) {
    switch rule {
    case .leaf:
      return
    case .local(let slopeFirst, let slopeSecond):
      if first >= 0 { Self.accumulate(grads, offset, value, slopeFirst, into: nodes[first]) }
      if second >= 0 { Self.accumulate(grads, offset, value, slopeSecond, into: nodes[second]) }
    case .sum(let scale):
      guard first >= 0 else { return }
      let g = grads[offset] * scale
      let input = nodes[first]
      for k in 0..<input.value.count { grads[input.offset + k] += g }
    case .element(let index):
      guard first >= 0 else { return }
      grads[nodes[first].offset + index] += grads[offset]
    case .stack(let inputs):
      for (k, input) in inputs.enumerated() where input >= 0 {
        grads[nodes[input].offset] += grads[offset + k]
      }
    case .matmul(let a, let b, let m, let n, let p):
      // C = A B: dA = G Bᵀ, dB = Aᵀ G (G is the output's gradient, m × p).
      if first >= 0 {
        let input = nodes[first].offset
        for i in 0..<m {
          for k in 0..<n {
            var total = 0.0
            for j in 0..<p { total += grads[offset + i * p + j] * b[k * p + j] }
            grads[input + i * n + k] += total
          }
        }
      }
      if second >= 0 {
        let input = nodes[second].offset
        for k in 0..<n {
          for j in 0..<p {
            var total = 0.0
            for i in 0..<m { total += a[i * n + k] * grads[offset + i * p + j] }
            grads[input + k * p + j] += total
          }
        }
      }
    case .slice(let start, let count):
      guard first >= 0 else { return }
      let input = nodes[first].offset + start
      for k in 0..<count { grads[input + k] += grads[offset + k] }
    case .gather(let indices):
      guard first >= 0 else { return }
      let input = nodes[first].offset
      for (k, index) in indices.enumerated() { grads[input + index] += grads[offset + k] }
    case .transpose(let rows, let columns):
      guard first >= 0 else { return }
      let input = nodes[first].offset
      for i in 0..<rows {
        for j in 0..<columns { grads[input + i * columns + j] += grads[offset + j * rows + i] }
      }
    }
  }

  /// The chain rule for one input of an elementwise operation: an input
  /// smaller than the output (a scalar over a vector, a vector over a
  /// matrix's rows) gets the sum over the elements it was broadcast to.
  private static func accumulate(
    _ grads: UnsafeMutableBufferPointer<Double>, _ offset: Int, _ output: TapeData, _ slope: TapeData,
    into input: TapeNode
  ) {
    let n = output.count
    if input.value.count == n {
      for k in 0..<n { grads[input.offset + k] += grads[offset + k] * slope[k] }
    } else if input.value.count == 1 {
      var total = 0.0
      for k in 0..<n { total += grads[offset + k] * slope[k] }
      grads[input.offset] += total
    } else {
      let (out, shape) = (output.shape, input.value.shape)
      for k in 0..<n {
        grads[input.offset + Broadcast.source(of: k, in: out, from: shape)] += grads[offset + k] * slope[k]
      }
    }
  }
}

/// numpy's broadcasting, for the tape: which element of an operand an
/// element of the result was made from.
enum Broadcast {
  /// The flat index in an operand of `shape` that the result's element `k`
  /// (of shape `out`) read: shapes aligned on the right, a dimension of 1
  /// (or a missing one) always read at 0.
  static func source(of k: Int, in out: [Int], from shape: [Int]) -> Int {
    var rest = k
    var index = 0
    var step = 1
    for d in stride(from: out.count - 1, through: 0, by: -1) {
      let position = rest % out[d]
      rest /= out[d]
      let e = d - (out.count - shape.count)
      guard e >= 0 else { break }
      if shape[e] != 1 { index += position * step }
      step *= shape[e]
    }
    return index
  }

  /// `data` spread to the result's shape `out`, element by element.
  static func spread(_ data: TapeData, to out: [Int]) -> TapeData {
    guard case .tensor(let t) = data, t.shape != out else { return data }
    let count = out.reduce(1, *)
    let values = (0..<count).map { t.scalars[source(of: $0, in: out, from: t.shape)] }
    return .tensor((try? Tensor(shape: out, scalars: values)) ?? Tensor(values))
  }
}
