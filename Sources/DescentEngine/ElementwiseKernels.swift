#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The elementwise passes around the network's matrix products, each fused
/// into one sweep over a rows × units buffer so the data is read once while
/// it is in cache (numpy makes a temporary array per operator instead).
///
/// The arithmetic per element is exactly the course's and `w4_mlp_small.py`'s,
/// in the same order: `1 / (1 + exp(-(z + b)))`, `error * output * (1 - output)`.
/// The activation is chosen once per pass, outside the loop, so each loop
/// body is straight-line code.
enum ElementwiseKernels {
  /// `z = f(z + b)` for every row (`b` broadcast over rows; nil: no biases).
  static func activate(
    _ z: UnsafeMutableBufferPointer<Double>, biases: UnsafeBufferPointer<Double>?, _ activation: Activation,
    rows: Int, units: Int
  ) {
    switch activation {
    case .identity: apply(z, biases, rows: rows, units: units) { $0 }
    case .sigmoid: apply(z, biases, rows: rows, units: units) { 1 / (1 + exp(-$0)) }
    case .tanh: apply(z, biases, rows: rows, units: units) { tanh($0) }
    case .relu: apply(z, biases, rows: rows, units: units) { $0 > 0 ? $0 : 0 }
    }
  }

  @inline(__always)
  private static func apply(
    _ z: UnsafeMutableBufferPointer<Double>, _ biases: UnsafeBufferPointer<Double>?, rows: Int, units: Int,
    _ f: (Double) -> Double
  ) {
    guard let base = z.baseAddress, rows * units > 0 else { return }
    guard let b = biases?.baseAddress else {
      for position in 0..<(rows * units) { base[position] = f(base[position]) }
      return
    }
    for row in 0..<rows {
      let zRow = base + row * units
      for unit in 0..<units { zRow[unit] = f(zRow[unit] + b[unit]) }
    }
  }

  /// The output layer's pass: `error = output - goal`, its square summed,
  /// the error term `d` written, and `d` added into `biasSums` (summed over
  /// rows, in row order, as numpy's `d.mean(axis=0)` does). Returns the sum
  /// of squared errors.
  static func outputTerms(
    output: UnsafeBufferPointer<Double>, goals: UnsafeBufferPointer<Double>,
    into d: UnsafeMutableBufferPointer<Double>, biasSums: UnsafeMutableBufferPointer<Double>,
    _ activation: Activation, rows: Int, units: Int
  ) -> Double {
    switch activation {
    case .sigmoid:
      return outputTerms(output, goals, d, biasSums, rows: rows, units: units) { error, y in error * y * (1 - y) }
    default:
      return outputTerms(output, goals, d, biasSums, rows: rows, units: units) { error, y in
        error * activation.derivative(fromOutput: y)
      }
    }
  }

  @inline(__always)
  private static func outputTerms(
    _ output: UnsafeBufferPointer<Double>, _ goals: UnsafeBufferPointer<Double>,
    _ d: UnsafeMutableBufferPointer<Double>, _ biasSums: UnsafeMutableBufferPointer<Double>,
    rows: Int, units: Int, _ term: (Double, Double) -> Double
  ) -> Double {
    guard let y = output.baseAddress, let goal = goals.baseAddress, let dBase = d.baseAddress,
      let b = biasSums.baseAddress, rows * units > 0
    else { return 0 }
    b.update(repeating: 0, count: units)
    var squares = 0.0
    for row in 0..<rows {
      let offset = row * units
      for unit in 0..<units {
        let out = y[offset + unit]
        let error = out - goal[offset + unit]
        squares += error * error
        let value = term(error, out)
        dBase[offset + unit] = value
        b[unit] += value
      }
    }
    return squares
  }

  /// A hidden layer's pass: `d` holds the back-propagated product
  /// `d_next @ W_next.T` and becomes the error terms `d * h * (1 - h)`
  /// (sigmoid); each term is added into `biasSums`, rows in order.
  static func hiddenTerms(
    _ d: UnsafeMutableBufferPointer<Double>, outputs: UnsafeBufferPointer<Double>,
    biasSums: UnsafeMutableBufferPointer<Double>, _ activation: Activation, rows: Int, units: Int
  ) {
    switch activation {
    case .sigmoid:
      hiddenTerms(d, outputs, biasSums, rows: rows, units: units) { error, h in error * h * (1 - h) }
    default:
      hiddenTerms(d, outputs, biasSums, rows: rows, units: units) { error, h in
        error * activation.derivative(fromOutput: h)
      }
    }
  }

  @inline(__always)
  private static func hiddenTerms(
    _ d: UnsafeMutableBufferPointer<Double>, _ outputs: UnsafeBufferPointer<Double>,
    _ biasSums: UnsafeMutableBufferPointer<Double>, rows: Int, units: Int, _ term: (Double, Double) -> Double
  ) {
    guard let dBase = d.baseAddress, let h = outputs.baseAddress, let b = biasSums.baseAddress, rows * units > 0
    else { return }
    b.update(repeating: 0, count: units)
    for row in 0..<rows {
      let offset = row * units
      for unit in 0..<units {
        let value = term(dBase[offset + unit], h[offset + unit])
        dBase[offset + unit] = value
        b[unit] += value
      }
    }
  }
}
