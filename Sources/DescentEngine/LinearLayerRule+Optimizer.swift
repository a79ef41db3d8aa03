/// How a `LinearLayerStep` updates its weights: plain descent, written out
/// in its step, or an `Optimizer`. Which one is a static fact, so the plain
/// loop is specialised without the optimizer's branches or state.
protocol LinearLayerUpdate {
  /// Whether this is plain descent (no optimizer).
  static var isPlain: Bool { get }
  /// The optimizer and its state (always nil for plain descent).
  var optimizer: Optimizer? { get set }
}

/// Plain descent: no state at all.
struct PlainLinearUpdate: LinearLayerUpdate {
  static var isPlain: Bool { true }
  var optimizer: Optimizer? {
    get { nil }
    set {}
  }
}

/// An optimizer and its state.
struct OptimizedLinearUpdate: LinearLayerUpdate {
  static var isPlain: Bool { false }
  var optimizer: Optimizer?
}

extension LinearLayerStep {
  /// Values of scratch an optimizer needs: the look-ahead weights, a copy
  /// of the predictions and deltas, and the cycle state (weights and the
  /// optimizer's state).
  static func optimizerScratchCount(_ weightCount: Int, _ outputCount: Int, _ optimizer: Optimizer) -> Int {
    weightCount + 2 * outputCount + weightCount + optimizer.withState { $0.count }
  }

  private var lookAheadWeights: UnsafeMutablePointer<Double> { optimizerScratch }
  private var savedValues: UnsafeMutablePointer<Double> { optimizerScratch + weightCount }
  private var cycleValues: UnsafeMutablePointer<Double> { optimizerScratch + weightCount + 2 * outputCount }

  /// A step under the optimizer: the book's step at the weights gives the
  /// prediction, error, deltas and the gradient (the weight deltas); for
  /// Nesterov the gradient is then taken again at the look-ahead weights,
  /// keeping the step's own predictions and deltas. The optimizer turns
  /// the gradient into the proposed weights.
  mutating func proposeWithOptimizer() -> (error: Double, updateIsFinite: Bool) {
    guard var optimizer = update.optimizer else { return compute(from: current) }
    // Out of the rule while it proposes, so its state arrays stay unique (no copy).
    update.optimizer = nil
    defer { update.optimizer = optimizer }
    let (error, _) = compute(from: current)
    if optimizer.kind.wantsLookAhead {
      optimizer.lookAhead(
        from: UnsafeBufferPointer(start: current, count: weightCount),
        into: UnsafeMutableBufferPointer(start: lookAheadWeights, count: weightCount))
      savedValues.update(from: predictions, count: 2 * outputCount)
      _ = compute(from: lookAheadWeights)
      predictions.update(from: savedValues, count: 2 * outputCount)
    }
    let finite = optimizer.propose(
      from: UnsafeBufferPointer(start: current, count: weightCount),
      gradient: UnsafeBufferPointer(start: weightDeltas, count: weightCount),
      into: UnsafeMutableBufferPointer(start: proposal, count: weightCount))
    return (error, finite)
  }

  /// The weights, then the optimizer's state: what must repeat for a cycle.
  func withCycleState<Result>(_ optimizer: Optimizer, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    cycleValues.update(from: current, count: weightCount)
    let stateCount = optimizer.withState { state in
      for index in 0..<state.count { cycleValues[weightCount + index] = state[index] }
      return state.count
    }
    return body(UnsafeBufferPointer(start: cycleValues, count: weightCount + stateCount))
  }
}
