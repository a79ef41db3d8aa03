/// The trainers whose prediction is linear in the weights (many inputs,
/// many outputs, or both): what they learn, and their run (`LinearLayerStep`).
enum LinearLayerRule {
  /// How predictions are formed.
  enum Prediction {
    /// `pred[o] = 0 + input[0] * w[o][0] + …`, left to right from 0 (the book's `w_sum`).
    case weightedSum
    /// `pred[o] = input[0] * w[o]` (the book's `ele_mul` for one input).
    case scaledInput
  }

  /// What is learnt and how, independent of the run's buffers.
  struct Setting {
    let inputs: [Double]
    let goals: [Double]
    let alpha: Double
    let convention: GradientConvention
    let prediction: Prediction
  }

  /// Trains `weights` (flattened row by row) under `setting` and `optimizer`
  /// (under any but plain descent the recorded weight deltas are the
  /// gradient it follows), leaving the final weights in `weights`.
  static func train(
    _ setting: Setting, optimizer kind: OptimizerKind = .sgd, weights: inout [Double], conditions: StopConditions,
    interrupt: InterruptFlag?, historyCapacity: Int, observer: ((ManyWeightsStep) -> Void)?
  ) throws -> TrainingResult<ManyWeightsStep> {
    if kind == .sgd {
      return try LinearLayerStep<PlainLinearUpdate>.train(
        setting, update: PlainLinearUpdate(), weights: &weights, conditions: conditions, interrupt: interrupt,
        historyCapacity: historyCapacity, observer: observer)
    }
    let optimizer = try Optimizer(kind, alpha: setting.alpha, parameterCount: weights.count)
    return try LinearLayerStep<OptimizedLinearUpdate>.train(
      setting, update: OptimizedLinearUpdate(optimizer: optimizer), weights: &weights, conditions: conditions,
      interrupt: interrupt, historyCapacity: historyCapacity, observer: observer)
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

/// The `TrainingRule` of `LinearLayerRule`'s trainers: `weights[output][input]`
/// flattened row by row. It works in buffers allocated once per run,
/// rotating three weight buffers (before the last applied step, current,
/// proposed) so a step allocates and copies nothing. Generic over the
/// update, as `OneWeightRule` is, so plain descent's loop is specialised
/// without the optimizer's branches or state.
struct LinearLayerStep<Update: LinearLayerUpdate>: TrainingRule {
  typealias Setting = LinearLayerRule.Setting
  private let setting: Setting
  let input: UnsafePointer<Double>
  let goal: UnsafePointer<Double>
  let inputCount: Int
  let outputCount: Int
  let weightCount: Int
  private var previous: UnsafeMutablePointer<Double>
  var current: UnsafeMutablePointer<Double>
  var proposal: UnsafeMutablePointer<Double>
  let weightDeltas: UnsafeMutablePointer<Double>
  let predictions: UnsafeMutablePointer<Double>
  let deltas: UnsafeMutablePointer<Double>
  /// Whether the scratch values are a discarded step's, not the last applied one's.
  private var scratchIsStale = false
  /// The update: plain descent (written out in `compute`), or an optimizer and its state.
  var update: Update
  /// Scratch for an optimizer: the look-ahead weights, saved predictions
  /// and deltas, then the cycle state (weights and optimizer state).
  var optimizerScratch: UnsafeMutablePointer<Double> { deltas + outputCount }

  /// Trains `weights` (flattened row by row) under `setting`, leaving the final weights in it.
  static func train(
    _ setting: Setting, update: Update, weights: inout [Double], conditions: StopConditions, interrupt: InterruptFlag?,
    historyCapacity: Int, observer: ((ManyWeightsStep) -> Void)?
  ) throws -> TrainingResult<ManyWeightsStep> {
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    try LinearLayerRule.validateSizes(weights: weights.count, inputs: setting.inputs.count, goals: setting.goals.count)
    let weightCount = weights.count
    let optimizerScratch = update.optimizer.map { Self.optimizerScratchCount(weightCount, setting.goals.count, $0) } ?? 0
    // Scratch, one allocation: three weight buffers, then weight deltas,
    // predictions and deltas, then the optimizer's.
    var scratch = [Double](repeating: 0, count: 4 * weightCount + 2 * setting.goals.count + optimizerScratch)
    return try scratch.withUnsafeMutableBufferPointer { buffer in
      try setting.inputs.withUnsafeBufferPointer { inputBuffer in
        try setting.goals.withUnsafeBufferPointer { goalBuffer in
          // Never nil: `validateSizes` checked that none is empty.
          guard let base = buffer.baseAddress, let input = inputBuffer.baseAddress, let goal = goalBuffer.baseAddress
          else { throw TrainingError.sizeMismatch(what: "inputs", expected: 1, found: 0) }
          var rule = LinearLayerStep(
            setting, update: update, weightCount: weightCount, scratch: base, input: input, goal: goal)
          for index in 0..<weightCount { rule.current[index] = weights[index] }
          defer { for index in 0..<weightCount { weights[index] = rule.current[index] } }
          return try loop.run(&rule, observer: observer)
        }
      }
    }
  }

  private init(
    _ setting: Setting, update: Update, weightCount: Int, scratch base: UnsafeMutablePointer<Double>, input: UnsafePointer<Double>,
    goal: UnsafePointer<Double>
  ) {
    self.setting = setting
    self.update = update
    self.input = input
    self.goal = goal
    inputCount = setting.inputs.count
    outputCount = setting.goals.count
    self.weightCount = weightCount
    previous = base
    current = base + weightCount
    proposal = base + 2 * weightCount
    weightDeltas = base + 3 * weightCount
    predictions = base + 4 * weightCount
    deltas = predictions + outputCount
  }

  var historyWeightCount: Int { weightCount }
  var historyOutputCount: Int { outputCount }

  func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    if !Update.isPlain, let optimizer = update.optimizer { return withCycleState(optimizer, body) }
    return body(UnsafeBufferPointer(start: current, count: weightCount))
  }

  @inline(__always)
  mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool) {
    if !Update.isPlain { return proposeWithOptimizer() }
    return compute(from: current)
  }

  /// Computes one step from `weights` into the scratch buffers and the
  /// proposed weights; returns the error and whether the proposal is finite.
  @inline(__always)
  func compute(from weights: UnsafeMutablePointer<Double>) -> (error: Double, updateIsFinite: Bool) {
    let alpha = setting.alpha
    var error = 0.0
    var finite = true
    for o in 0..<outputCount {
      let row = o * inputCount
      var pred: Double
      switch setting.prediction {
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
        switch setting.convention {
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
        proposal[row + i] = updated
        finite = finite && updated.isFinite
      }
    }
    return (error, finite)
  }

  mutating func discard() { scratchIsStale = true }

  var weights: [Double] { Array(UnsafeBufferPointer(start: current, count: weightCount)) }

  func record(step number: Int, error: Double, into history: inout TrainingHistory) {
    history.record(
      step: number, weights: UnsafeBufferPointer(start: current, count: weightCount),
      predictions: UnsafeBufferPointer(start: predictions, count: outputCount), error: error,
      deltas: UnsafeBufferPointer(start: deltas, count: outputCount),
      weightDeltas: UnsafeBufferPointer(start: weightDeltas, count: weightCount))
  }

  func proposedStep(_ number: Int, error: Double) -> ManyWeightsStep {
    values(number, error: error, before: current, after: proposal)
  }

  @inline(__always)
  mutating func accept() {
    (previous, current, proposal) = (current, proposal, previous)
    if !Update.isPlain { update.optimizer?.accept() }
  }

  mutating func lastAppliedStep(_ number: Int, error: Double) -> ManyWeightsStep {
    if scratchIsStale {
      // The diverged step overwrote the scratch values; recompute the last
      // applied step from the weights it started from (deterministic, so identical).
      _ = compute(from: previous)
      scratchIsStale = false
    }
    return values(number, error: error, before: previous, after: current)
  }

  private func values(
    _ number: Int, error: Double, before: UnsafeMutablePointer<Double>, after: UnsafeMutablePointer<Double>
  ) -> ManyWeightsStep {
    ManyWeightsStep(
      step: number, weights: Array(UnsafeBufferPointer(start: before, count: weightCount)),
      predictions: Array(UnsafeBufferPointer(start: predictions, count: outputCount)), error: error,
      deltas: Array(UnsafeBufferPointer(start: deltas, count: outputCount)),
      weightDeltas: Array(UnsafeBufferPointer(start: weightDeltas, count: weightCount)),
      weightsAfter: Array(UnsafeBufferPointer(start: after, count: weightCount)))
  }
}
