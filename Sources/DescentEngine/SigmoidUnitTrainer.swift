/// The values of one delta-rule step of a sigmoid unit, named as the
/// Udacity course names them; all are computed before the update.
public struct SigmoidUnitStep: Hashable, Sendable {
  /// The step number, from 1.
  public var step: Int
  /// The weights the step started from.
  public var weights: [Double]
  /// `h = np.dot(x, w)`.
  public var weightedSum: Double
  /// `nn_output = sigmoid(h)`.
  public var output: Double
  /// `error = y - nn_output` (goal minus output, the Udacity sign).
  public var error: Double
  /// `error_term = error * sigmoid_prime(h)`.
  public var errorTerm: Double
  /// `del_w = learnrate * error_term * x`, added to the weights.
  public var weightChanges: [Double]
  /// The weights after the update.
  public var weightsAfter: [Double]

  /// A step's values.
  public init(
    step: Int, weights: [Double], weightedSum: Double, output: Double, error: Double,
    errorTerm: Double, weightChanges: [Double], weightsAfter: [Double]
  ) {
    self.step = step
    self.weights = weights
    self.weightedSum = weightedSum
    self.output = output
    self.error = error
    self.errorTerm = errorTerm
    self.weightChanges = weightChanges
    self.weightsAfter = weightsAfter
  }
}

/// One sigmoid unit trained by the delta rule (Udacity, gradient descent):
///
///     h = np.dot(x, w); nn_output = sigmoid(h)
///     error = y - nn_output
///     error_term = error * sigmoid_prime(h)
///     del_w = learnrate * error_term * x;  w += del_w
///
/// History rows hold the output as the prediction, `(y - output)²` as the
/// error, `output - y` as the delta and `del_w` as the weight deltas.
public struct SigmoidUnitTrainer: Hashable, Sendable {
  /// The inputs `x`.
  public var inputs: [Double]
  /// The target `y`.
  public var goal: Double
  /// The weights `w`.
  public var weights: [Double]
  /// `learnrate`.
  public var learningRate: Double

  /// A trainer; throws when `weights` and `inputs` differ in length or are empty.
  public init(inputs: [Double], goal: Double, weights: [Double], learningRate: Double) throws {
    try LinearLayerLoop.validateSizes(weights: weights.count, inputs: inputs.count, goals: 1)
    self.inputs = inputs
    self.goal = goal
    self.weights = weights
    self.learningRate = learningRate
  }

  /// The values of the next step, without applying it.
  public func nextStep() -> SigmoidUnitStep {
    var changes = [Double](repeating: 0, count: weights.count)
    var after = weights
    let (h, output, error, errorTerm) = compute(weights, changes: &changes, after: &after)
    return SigmoidUnitStep(
      step: 1, weights: weights, weightedSum: h, output: output, error: error, errorTerm: errorTerm,
      weightChanges: changes, weightsAfter: after)
  }

  private func compute(
    _ current: [Double], changes: inout [Double], after: inout [Double]
  ) -> (h: Double, output: Double, error: Double, errorTerm: Double) {
    var h = 0.0
    for index in inputs.indices { h += inputs[index] * current[index] }
    let output = Activation.sigmoid(h)
    let error = goal - output
    let errorTerm = error * Activation.sigmoid.derivative(h)
    for index in inputs.indices {
      let change = learningRate * errorTerm * inputs[index]
      changes[index] = change
      after[index] = current[index] + change
    }
    return (h, output, error, errorTerm)
  }

  /// Trains until a stop condition holds, leaving the final weights in
  /// `weights`; the error target applies to `(y - output)²`. See
  /// `OneWeightTrainer.train` for the parameters.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity,
    observer: ((SigmoidUnitStep) -> Void)? = nil
  ) throws -> TrainingResult<SigmoidUnitStep> {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    try LinearLayerLoop.validateSizes(weights: weights.count, inputs: inputs.count, goals: 1)
    var history = try TrainingHistory(weightCount: weights.count, outputCount: 1, capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)
    var cycles: CycleDetector? =
      conditions.detectsCycles
      ? weights.withUnsafeBufferPointer { CycleDetector(width: weights.count, initial: $0) } : nil
    // Buffers allocated once; each step writes into them, and accepting a
    // step rotates three weight arrays (before, current, proposed) without copying.
    var changes = [Double](repeating: 0, count: weights.count)
    var after = weights
    var previous = weights
    var completed = 0
    var stop: TrainingStop
    while true {
      if let reason = stepGuard.stopBeforeStep(completed: completed) {
        stop = reason
        break
      }
      let number = completed + 1
      let (h, output, error, errorTerm) = compute(weights, changes: &changes, after: &after)
      let squaredError = error * error
      let finite = after.allSatisfy(\.isFinite)
      if let reason = stepGuard.divergence(error: squaredError, updateIsFinite: finite) {
        stop = .diverged(step: number, error: squaredError, weights: weights, reason: reason)
        break
      }
      if number == history.nextDueStep {
        withUnsafeBytes(of: (output, output - goal)) { raw in
          let values = raw.bindMemory(to: Double.self)
          weights.withUnsafeBufferPointer { w in
            changes.withUnsafeBufferPointer { c in
              history.record(
                step: number, weights: w, predictions: UnsafeBufferPointer(rebasing: values[0..<1]),
                error: squaredError, deltas: UnsafeBufferPointer(rebasing: values[1..<2]), weightDeltas: c)
            }
          }
        }
      }
      if let observer {
        observer(
          SigmoidUnitStep(
            step: number, weights: weights, weightedSum: h, output: output, error: error,
            errorTerm: errorTerm, weightChanges: changes, weightsAfter: after))
      }
      swap(&previous, &weights)
      swap(&weights, &after)
      completed = number
      if stepGuard.reachedTarget(squaredError) {
        stop = .reachedTarget(step: number, error: squaredError)
        break
      }
      if cycles != nil, let period = weights.withUnsafeBufferPointer({ cycles?.check($0) }) {
        stop = .cycled(step: number - period + 1, period: period)
        break
      }
    }
    history.stepsSeen = completed
    var last: SigmoidUnitStep?
    if completed > 0 {
      // Recompute the last applied step from the weights it started from
      // (deterministic, so identical) rather than copying values every step.
      var lastAfter = previous
      let (h, output, error, errorTerm) = compute(previous, changes: &changes, after: &lastAfter)
      last = SigmoidUnitStep(
        step: completed, weights: previous, weightedSum: h, output: output, error: error,
        errorTerm: errorTerm, weightChanges: changes, weightsAfter: lastAfter)
    }
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }
}
