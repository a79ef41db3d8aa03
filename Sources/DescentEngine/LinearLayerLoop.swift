/// The training loop shared by the trainers whose prediction is linear in
/// the weights (many inputs, many outputs, or both): `weights[output][input]`
/// flattened row by row. It works in buffers allocated once per run, double
/// buffering the weights so a step allocates nothing.
struct LinearLayerLoop {
  /// How predictions are formed.
  enum Prediction {
    /// `pred[o] = 0 + input[0] * w[o][0] + …`, left to right from 0 (the book's `w_sum`).
    case weightedSum
    /// `pred[o] = input[0] * w[o]` (the book's `ele_mul` for one input).
    case scaledInput
  }

  let inputs: [Double]
  let goals: [Double]
  let alpha: Double
  let convention: GradientConvention
  let prediction: Prediction

  /// Computes one step from `weights` into the scratch buffers and the
  /// proposed weights `next`; returns the error and whether `next` is finite.
  @inline(__always)
  private func compute(
    weights: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>,
    predictions: UnsafeMutablePointer<Double>, deltas: UnsafeMutablePointer<Double>,
    weightDeltas: UnsafeMutablePointer<Double>, input: UnsafePointer<Double>,
    goal: UnsafePointer<Double>
  ) -> (error: Double, finite: Bool) {
    let inputCount = inputs.count
    let outputCount = goals.count
    var error = 0.0
    var finite = true
    for o in 0..<outputCount {
      let row = o * inputCount
      var pred: Double
      switch prediction {
      case .scaledInput:
        pred = input[0] * weights[row]
      case .weightedSum:
        pred = 0
        for i in 0..<inputCount { pred += input[i] * weights[row + i] }
      }
      let delta = pred - goal[o]
      predictions[o] = pred
      deltas[o] = delta
      error += delta * delta
      for i in 0..<inputCount {
        let w = weights[row + i]
        let updated: Double
        switch convention {
        case .book:
          weightDeltas[row + i] = delta * input[i]
          updated = w - alpha * input[i] * delta
        case .bookWeightDeltas:
          let weightDelta = delta * input[i]
          weightDeltas[row + i] = weightDelta
          updated = w - alpha * weightDelta
        case .dataCamp:
          let gradient = 2 * input[i] * delta
          weightDeltas[row + i] = gradient
          updated = w - alpha * gradient
        }
        next[row + i] = updated
        finite = finite && updated.isFinite
      }
    }
    return (error, finite)
  }

  /// Runs the loop, leaving the final weights in `weights`.
  func run(
    weights: inout [Double], conditions: StopConditions, interrupt: InterruptFlag?,
    historyCapacity: Int, observer: ((ManyWeightsStep) -> Void)?
  ) throws -> TrainingResult<ManyWeightsStep> {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    try Self.validateSizes(weights: weights.count, inputs: inputs.count, goals: goals.count)
    let weightCount = weights.count
    let outputCount = goals.count
    var history = try TrainingHistory(
      weightCount: weightCount, outputCount: outputCount, capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)

    // Scratch, one allocation: three weight buffers (the weights before the
    // last applied step, the current weights, a proposed update), then
    // predictions, deltas and weight deltas. Rotating the three weight
    // pointers applies a step without copying.
    var scratch = [Double](repeating: 0, count: 4 * weightCount + 2 * outputCount)
    var completed = 0
    var stop: TrainingStop = .completed(steps: 0)
    var lastError = 0.0
    var last: ManyWeightsStep?
    scratch.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var previous = base
      var current = base + weightCount
      var proposal = base + 2 * weightCount
      let weightDeltas = base + 3 * weightCount
      let predictions = base + 4 * weightCount
      let deltas = predictions + outputCount
      for index in 0..<weightCount { current[index] = weights[index] }
      var cycles: CycleDetector? =
        conditions.detectsCycles
        ? CycleDetector(width: weightCount, initial: UnsafeBufferPointer(start: current, count: weightCount))
        : nil

      func values(
        _ number: Int, error: Double, before: UnsafeMutablePointer<Double>,
        after: UnsafeMutablePointer<Double>
      ) -> ManyWeightsStep {
        ManyWeightsStep(
          step: number, weights: Array(UnsafeBufferPointer(start: before, count: weightCount)),
          predictions: Array(UnsafeBufferPointer(start: predictions, count: outputCount)), error: error,
          deltas: Array(UnsafeBufferPointer(start: deltas, count: outputCount)),
          weightDeltas: Array(UnsafeBufferPointer(start: weightDeltas, count: weightCount)),
          weightsAfter: Array(UnsafeBufferPointer(start: after, count: weightCount)))
      }

      inputs.withUnsafeBufferPointer { inputBuffer in
        goals.withUnsafeBufferPointer { goalBuffer in
          guard let input = inputBuffer.baseAddress, let goal = goalBuffer.baseAddress else { return }
          while true {
            if let reason = stepGuard.stopBeforeStep(completed: completed) {
              stop = reason
              break
            }
            let number = completed + 1
            let (error, finite) = compute(
              weights: current, next: proposal, predictions: predictions, deltas: deltas,
              weightDeltas: weightDeltas, input: input, goal: goal)
            if let reason = stepGuard.divergence(error: error, updateIsFinite: finite) {
              stop = .diverged(
                step: number, error: error,
                weights: Array(UnsafeBufferPointer(start: current, count: weightCount)), reason: reason)
              break
            }
            if number == history.nextDueStep {
              history.record(
                step: number, weights: UnsafeBufferPointer(start: current, count: weightCount),
                predictions: UnsafeBufferPointer(start: predictions, count: outputCount), error: error,
                deltas: UnsafeBufferPointer(start: deltas, count: outputCount),
                weightDeltas: UnsafeBufferPointer(start: weightDeltas, count: weightCount))
            }
            if let observer { observer(values(number, error: error, before: current, after: proposal)) }
            (previous, current, proposal) = (current, proposal, previous)
            completed = number
            lastError = error
            if stepGuard.reachedTarget(error) {
              stop = .reachedTarget(step: number, error: error)
              break
            }
            if cycles != nil,
              let period = cycles?.check(UnsafeBufferPointer(start: current, count: weightCount))
            {
              stop = .cycled(step: number - period + 1, period: period)
              break
            }
          }
          guard completed > 0 else { return }
          if case .diverged = stop {
            // The diverged step overwrote the scratch values; recompute the last
            // applied step from the weights it started from (deterministic, so identical).
            _ = compute(
              weights: previous, next: proposal, predictions: predictions, deltas: deltas,
              weightDeltas: weightDeltas, input: input, goal: goal)
          }
          last = values(completed, error: lastError, before: previous, after: current)
        }
      }
      for index in 0..<weightCount { weights[index] = current[index] }
    }
    history.stepsSeen = completed
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }

  /// Throws unless there are inputs, goals, and one weight per input per goal.
  static func validateSizes(weights: Int, inputs: Int, goals: Int) throws {
    guard inputs > 0 else { throw TrainingError.sizeMismatch(what: "inputs", expected: 1, found: 0) }
    guard goals > 0 else { throw TrainingError.sizeMismatch(what: "goals", expected: 1, found: 0) }
    guard weights == inputs * goals else {
      throw TrainingError.sizeMismatch(what: "weights", expected: inputs * goals, found: weights)
    }
  }
}
