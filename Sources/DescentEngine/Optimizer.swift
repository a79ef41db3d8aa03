import Foundation

/// Turns gradients into steps by one of the textbook update rules, keeping
/// its state (a velocity, a sum or average of squared gradients, Adam's
/// moments) per parameter. For parameter `x` with gradient `g`:
///
///     sgd        x = x - alpha * g
///     momentum   v = M * v - alpha * g;  x = x + v           (the heavy ball)
///     nesterov   the same, with g taken at the look-ahead x + M * v
///     adagrad    G = G + g * g;  x = x - alpha * g / (sqrt(G) + eps)
///     rmsprop    E = D * E + (1 - D) * (g * g);  x = x - alpha * g / (sqrt(E) + eps)
///     adam       m = b1 * m + (1 - b1) * g;  s = b2 * s + (1 - b2) * (g * g)
///                m_hat = m / (1 - b1 ** t);  s_hat = s / (1 - b2 ** t)
///                x = x - alpha * m_hat / (sqrt(s_hat) + eps)       (t counts steps from 1)
///
/// with `eps` = 1e-8 added outside the square root, where PyTorch adds it
/// (`torch.optim.Adagrad`, `RMSprop`, `Adam`). Each line is evaluated left
/// to right exactly as written, the order of the numpy script that checks
/// the first steps (`scripts/optimizer-fixtures.py`), so the results agree
/// to the bit. All state starts at 0.
///
/// A step is proposed, then accepted or (when the training loop declares
/// it diverged) dropped: the state is double-buffered, so proposing writes
/// only the proposed half and `accept` swaps halves without copying or
/// allocating. Parameters may be proposed in segments (a network's layers)
/// that share one index space through `offset`.
public struct Optimizer: Sendable, Hashable {
  /// The update rule.
  public let kind: OptimizerKind
  /// The learning rate.
  public var alpha: Double
  /// How many parameters the state covers.
  public let parameterCount: Int
  /// Steps accepted so far (Adam's `t` before the next step).
  public private(set) var stepsTaken = 0
  /// Added to the root of the squared-gradient average (outside the square root, as PyTorch does).
  public static let epsilon = 1e-8

  /// The accepted state: `statePerParameter` blocks of `parameterCount`
  /// values (a velocity; G; E; or Adam's m, then s).
  private var state: [Double]
  /// The state after the proposed step.
  private var proposedState: [Double]

  /// An optimizer for `parameterCount` parameters with all state at 0;
  /// throws `OptimizerError.settingOutOfRange` for a setting outside [0, 1).
  public init(_ kind: OptimizerKind, alpha: Double, parameterCount: Int) throws {
    try kind.validate()
    self.kind = kind
    self.alpha = alpha
    self.parameterCount = parameterCount
    state = [Double](repeating: 0, count: kind.statePerParameter * parameterCount)
    proposedState = state
  }

  /// One step: replaces `parameters` by the parameters after a step along
  /// `gradient` (taken at `lookAhead(from:)` for Nesterov) and keeps the
  /// new state. Both arrays hold `parameterCount` values.
  public mutating func update(_ parameters: inout [Double], gradient: [Double]) throws {
    guard parameters.count == parameterCount else {
      throw OptimizerError.sizeMismatch(expected: parameterCount, found: parameters.count)
    }
    guard gradient.count == parameterCount else {
      throw OptimizerError.sizeMismatch(expected: parameterCount, found: gradient.count)
    }
    let before = parameters
    before.withUnsafeBufferPointer { x in
      gradient.withUnsafeBufferPointer { g in
        parameters.withUnsafeMutableBufferPointer { _ = propose(from: x, gradient: g, into: $0) }
      }
    }
    accept()
  }

  /// Where Nesterov takes the gradient: `x + M * v` for each parameter
  /// (for the other rules, the parameters themselves).
  public func lookAhead(from parameters: [Double]) -> [Double] {
    var point = parameters
    parameters.withUnsafeBufferPointer { x in point.withUnsafeMutableBufferPointer { lookAhead(from: x, into: $0) } }
    return point
  }

  /// `lookAhead(from:)` into a buffer, for parameters `offset ..< offset + parameters.count`.
  public func lookAhead(
    from parameters: UnsafeBufferPointer<Double>, offset: Int = 0, into point: UnsafeMutableBufferPointer<Double>
  ) {
    guard case .nesterov(let m) = kind else {
      for i in 0..<parameters.count { point[i] = parameters[i] }
      return
    }
    state.withUnsafeBufferPointer { v in
      for i in 0..<parameters.count { point[i] = parameters[i] + m * v[offset + i] }
    }
  }

  /// Writes into `proposal` the parameters after one step from `parameters`
  /// along `gradient / divisor` (entries `offset ..< offset +
  /// parameters.count` of the optimizer's parameters), and the matching
  /// proposed state. Returns whether every proposed parameter is finite.
  /// `divisor` lets a network pass its summed gradients and the row count
  /// (the mean gradient is `sum / n`); dividing by 1 changes nothing.
  public mutating func propose(
    from parameters: UnsafeBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>, dividedBy divisor: Double = 1,
    offset: Int = 0, into proposal: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let count = parameters.count
    let n = parameterCount
    let alpha = alpha
    let eps = Self.epsilon
    let t = Double(stepsTaken + 1)
    var check = 0.0
    // `check` sums `x * 0`: 0 while every proposal is finite, NaN otherwise (no branch per value).
    state.withUnsafeBufferPointer { old in
      proposedState.withUnsafeMutableBufferPointer { new in
        switch kind {
        case .sgd:
          for i in 0..<count {
            let x = parameters[i] - alpha * (gradient[i] / divisor)
            proposal[i] = x
            check += x * 0
          }
        case .momentum(let m), .nesterov(let m):
          for i in 0..<count {
            let g = gradient[i] / divisor
            let v = m * old[offset + i] - alpha * g
            new[offset + i] = v
            let x = parameters[i] + v
            proposal[i] = x
            check += x * 0
          }
        case .adagrad:
          for i in 0..<count {
            let g = gradient[i] / divisor
            let sum = old[offset + i] + g * g
            new[offset + i] = sum
            let x = parameters[i] - alpha * g / (sum.squareRoot() + eps)
            proposal[i] = x
            check += x * 0
          }
        case .rmsprop(let decay):
          for i in 0..<count {
            let g = gradient[i] / divisor
            let average = decay * old[offset + i] + (1 - decay) * (g * g)
            new[offset + i] = average
            let x = parameters[i] - alpha * g / (average.squareRoot() + eps)
            proposal[i] = x
            check += x * 0
          }
        case .adam(let beta1, let beta2):
          let correction1 = 1 - pow(beta1, t)
          let correction2 = 1 - pow(beta2, t)
          for i in 0..<count {
            let g = gradient[i] / divisor
            let m = beta1 * old[offset + i] + (1 - beta1) * g
            let s = beta2 * old[n + offset + i] + (1 - beta2) * (g * g)
            new[offset + i] = m
            new[n + offset + i] = s
            let mHat = m / correction1
            let sHat = s / correction2
            let x = parameters[i] - alpha * mHat / (sHat.squareRoot() + eps)
            proposal[i] = x
            check += x * 0
          }
        }
      }
    }
    return check == 0
  }

  /// Keeps the proposed state (the step was applied).
  public mutating func accept() {
    swap(&state, &proposedState)
    stepsTaken += 1
  }

  /// The accepted state, `statePerParameter` blocks of `parameterCount`
  /// values: what must also repeat for a run to cycle.
  public func withState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    state.withUnsafeBufferPointer(body)
  }

  /// The accepted state of one kind, per parameter: "velocity" (momentum,
  /// Nesterov), "G" (AdaGrad), "E" (RMSprop), "m" and "s" (Adam); nil for
  /// a name the rule does not keep.
  public func state(named name: String) -> [Double]? {
    let n = parameterCount
    switch (kind, name) {
    case (.momentum, "velocity"), (.nesterov, "velocity"), (.adagrad, "G"), (.rmsprop, "E"), (.adam, "m"):
      return Array(state[0..<n])
    case (.adam, "s"):
      return Array(state[n..<(2 * n)])
    default:
      return nil
    }
  }
}
