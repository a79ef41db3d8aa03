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
  /// The dot product of two vectors, with both vectors' values (one may be a constant).
  case dot(TapeData, TapeData)
  /// A vector made of traced scalars (`[a, b]`); -1 marks a constant.
  case stack([Int])
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
    let n = value.count
    switch rule {
    case .leaf:
      return
    case .local(let slopeFirst, let slopeSecond):
      if first >= 0 { Self.accumulate(grads, offset, n, slopeFirst, into: nodes[first]) }
      if second >= 0 { Self.accumulate(grads, offset, n, slopeSecond, into: nodes[second]) }
    case .sum(let scale):
      guard first >= 0 else { return }
      let g = grads[offset] * scale
      let input = nodes[first]
      for k in 0..<input.value.count { grads[input.offset + k] += g }
    case .element(let index):
      guard first >= 0 else { return }
      grads[nodes[first].offset + index] += grads[offset]
    case .dot(let a, let b):
      let g = grads[offset]
      if first >= 0 {
        let input = nodes[first]
        for k in 0..<input.value.count { grads[input.offset + k] += g * b[k] }
      }
      if second >= 0 {
        let input = nodes[second]
        for k in 0..<input.value.count { grads[input.offset + k] += g * a[k] }
      }
    case .stack(let inputs):
      for (k, input) in inputs.enumerated() where input >= 0 {
        grads[nodes[input].offset] += grads[offset + k]
      }
    }
  }

  /// The chain rule for one input of an elementwise operation: an input
  /// smaller than the output (a scalar broadcast over a vector) gets the sum.
  private static func accumulate(
    _ grads: UnsafeMutableBufferPointer<Double>, _ offset: Int, _ n: Int, _ slope: TapeData, into input: TapeNode
  ) {
    if input.value.count == n {
      for k in 0..<n { grads[input.offset + k] += grads[offset + k] * slope[k] }
    } else {
      var total = 0.0
      for k in 0..<n { total += grads[offset + k] * slope[k] }
      grads[input.offset] += total
    }
  }
}
