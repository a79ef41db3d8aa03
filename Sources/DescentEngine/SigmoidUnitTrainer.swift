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
  /// The update rule (the delta rule's plain descent by default); the
  /// others follow the gradient `-error_term * x` of ½(y − output)²,
  /// with state kept for one `train` call (`SigmoidUnitTrainer+Optimizer.swift`).
  public var optimizer: OptimizerKind = .sgd

  /// A trainer; throws when `weights` and `inputs` differ in length or are empty.
  public init(inputs: [Double], goal: Double, weights: [Double], learningRate: Double) throws {
    try LinearLayerRule.validateSizes(weights: weights.count, inputs: inputs.count, goals: 1)
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
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    try LinearLayerRule.validateSizes(weights: weights.count, inputs: inputs.count, goals: 1)
    var rule = Rule(trainer: self)
    if optimizer != .sgd {
      rule.optimizer = try Optimizer(optimizer, alpha: learningRate, parameterCount: weights.count)
      rule.gradient = [Double](repeating: 0, count: weights.count)
    }
    defer { weights = rule.trainer.weights }
    return try loop.run(&rule, observer: observer)
  }

  /// The delta rule for the shared loop. Buffers are allocated once; each
  /// step writes into them, and accepting a step rotates three weight
  /// arrays (before, current, proposed) without copying.
  struct Rule: TrainingRule {
    /// The trainer, whose `weights` are the current weights.
    var trainer: SigmoidUnitTrainer
    var changes: [Double]
    var after: [Double]
    private var previous: [Double]
    var proposal = (h: 0.0, output: 0.0, error: 0.0, errorTerm: 0.0)
    /// The optimizer and its state (nil: the delta rule as written).
    var optimizer: Optimizer?
    /// The gradient the optimizer follows, and Nesterov's look-ahead weights.
    var gradient: [Double] = []
    var lookAhead: [Double] = []

    init(trainer: SigmoidUnitTrainer) {
      self.trainer = trainer
      changes = [Double](repeating: 0, count: trainer.weights.count)
      after = trainer.weights
      previous = trainer.weights
    }

    var historyWeightCount: Int { trainer.weights.count }
    var historyOutputCount: Int { 1 }

    func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
      guard let optimizer else { return trainer.weights.withUnsafeBufferPointer(body) }
      return optimizer.withState { state in (trainer.weights + Array(state)).withUnsafeBufferPointer(body) }
    }

    mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool) {
      proposal = trainer.compute(trainer.weights, changes: &changes, after: &after)
      if optimizer != nil { proposeWithOptimizer() }
      return (proposal.error * proposal.error, after.allSatisfy(\.isFinite))
    }

    mutating func discard() {}

    var weights: [Double] { trainer.weights }

    func record(step number: Int, error: Double, into history: inout TrainingHistory) {
      withUnsafeBytes(of: (proposal.output, proposal.output - trainer.goal)) { raw in
        let values = raw.bindMemory(to: Double.self)
        trainer.weights.withUnsafeBufferPointer { w in
          changes.withUnsafeBufferPointer { c in
            history.record(
              step: number, weights: w, predictions: UnsafeBufferPointer(rebasing: values[0..<1]),
              error: error, deltas: UnsafeBufferPointer(rebasing: values[1..<2]), weightDeltas: c)
          }
        }
      }
    }

    func proposedStep(_ number: Int, error: Double) -> SigmoidUnitStep {
      SigmoidUnitStep(
        step: number, weights: trainer.weights, weightedSum: proposal.h, output: proposal.output,
        error: proposal.error, errorTerm: proposal.errorTerm, weightChanges: changes, weightsAfter: after)
    }

    mutating func accept() {
      optimizer?.accept()
      swap(&previous, &trainer.weights)
      swap(&trainer.weights, &after)
    }

    mutating func lastAppliedStep(_ number: Int, error: Double) -> SigmoidUnitStep {
      // Recompute the last applied step from the weights it started from
      // (deterministic, so identical) rather than copying values every step.
      var lastAfter = previous
      let (h, output, error, errorTerm) = trainer.compute(previous, changes: &changes, after: &lastAfter)
      if optimizer != nil {
        // The optimizer's step is not recomputed (its state has moved on): it ended at the weights.
        lastAfter = trainer.weights
        for index in changes.indices { changes[index] = lastAfter[index] - previous[index] }
      }
      return SigmoidUnitStep(
        step: number, weights: previous, weightedSum: h, output: output, error: error,
        errorTerm: errorTerm, weightChanges: changes, weightsAfter: lastAfter)
    }
  }
}
