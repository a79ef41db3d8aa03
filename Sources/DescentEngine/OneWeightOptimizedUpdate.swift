/// The book's one-weight step (`OneWeightTrainer`) with an `Optimizer`
/// making the update: the gradient is the book's `weight_delta = input *
/// delta`, and the optimizer turns it into the new weight. Plain descent
/// and momentum keep `OneWeightTrainer.Update`, the book's loop as written
/// (the same arithmetic, without an optimizer's buffers in the hot loop).
///
/// The step's prediction, error and delta are at the weight; under
/// Nesterov its `weightDelta` is the gradient at the look-ahead point
/// `weight + M * velocity`, the one the update follows.
struct OneWeightOptimizedUpdate: OneWeightUpdate {
  let input: Double
  let goal: Double
  let predictionRounding: Int?
  var optimizer: Optimizer

  @inline(__always)
  private func prediction(at weight: Double) -> Double {
    let pred = input * weight
    guard let digits = predictionRounding else { return pred }
    return pythonRound(pred, digits)
  }

  mutating func step(number: Int, weight: Double) -> OneWeightStep {
    let pred = prediction(at: weight)
    let delta = pred - goal
    let error = delta * delta
    var weightDelta = input * delta
    if optimizer.kind.wantsLookAhead {
      var ahead = weight
      withUnsafePointer(to: weight) { x in
        withUnsafeMutablePointer(to: &ahead) {
          optimizer.lookAhead(from: UnsafeBufferPointer(start: x, count: 1), into: UnsafeMutableBufferPointer(start: $0, count: 1))
        }
      }
      weightDelta = input * (prediction(at: ahead) - goal)
    }
    var after = weight
    withUnsafePointer(to: weight) { x in
      withUnsafePointer(to: weightDelta) { g in
        withUnsafeMutablePointer(to: &after) {
          _ = optimizer.propose(
            from: UnsafeBufferPointer(start: x, count: 1), gradient: UnsafeBufferPointer(start: g, count: 1),
            into: UnsafeMutableBufferPointer(start: $0, count: 1))
        }
      }
    }
    return OneWeightStep(
      step: number, weight: weight, prediction: pred, error: error, delta: delta, weightDelta: weightDelta,
      weightAfter: after)
  }

  /// A proposal is kept only by `acceptLastStep`: nothing to take back.
  mutating func discardLastStep() {}

  mutating func acceptLastStep() { optimizer.accept() }

  var cycleState: Double? { nil }

  func withCycleState<Result>(weight: Double, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    optimizer.withState { state in
      // At most two values of state per parameter (Adam's moments).
      var values = (weight, 0.0, 0.0)
      if state.count > 0 { values.1 = state[0] }
      if state.count > 1 { values.2 = state[1] }
      return withUnsafeBytes(of: values) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: Double.self)[0...state.count])) }
    }
  }
}
