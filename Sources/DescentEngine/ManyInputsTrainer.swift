/// Gradient descent for a weighted sum of several inputs giving one
/// prediction (Grokking Deep Learning ch. 5; `w3_three_input.py`; DataCamp):
///
///     pred = 0; for i: pred += input[i] * weights[i]
///     delta = pred - goal
///     for i: weights[i] -= alpha * input[i] * delta      (convention .book)
///
/// `GradientConvention.dataCamp` uses `gradient = 2 * input * error` instead
/// (example 7). The prediction sums left to right from 0, as the loop does.
public struct ManyInputsTrainer: Hashable, Sendable {
  /// The inputs, one per weight.
  public var inputs: [Double]
  /// The goal prediction.
  public var goal: Double
  /// The weights being learnt.
  public var weights: [Double]
  /// The learning rate.
  public var alpha: Double
  /// How `delta` becomes an update.
  public var convention: GradientConvention
  /// The update rule (plain gradient descent by default); the others follow
  /// the weight deltas as the gradient, with state kept for one `train` call.
  public var optimizer: OptimizerKind

  /// A trainer; throws when `weights` and `inputs` differ in length or are empty.
  public init(
    inputs: [Double], goal: Double, weights: [Double], alpha: Double,
    convention: GradientConvention = .book, optimizer: OptimizerKind = .sgd
  ) throws {
    try LinearLayerRule.validateSizes(weights: weights.count, inputs: inputs.count, goals: 1)
    self.inputs = inputs
    self.goal = goal
    self.weights = weights
    self.alpha = alpha
    self.convention = convention
    self.optimizer = optimizer
  }

  /// The prediction for the current weights.
  public var prediction: Double {
    var pred = 0.0
    for (input, weight) in zip(inputs, weights) { pred += input * weight }
    return pred
  }

  /// Trains until a stop condition holds, leaving the final weights in
  /// `weights`; see `OneWeightTrainer.train` for the parameters.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((ManyWeightsStep) -> Void)? = nil
  ) throws -> TrainingResult<ManyWeightsStep> {
    let setting = LinearLayerRule.Setting(
      inputs: inputs, goals: [goal], alpha: alpha, convention: convention, prediction: .weightedSum)
    return try LinearLayerRule.train(
      setting, optimizer: optimizer, weights: &weights, conditions: conditions, interrupt: interrupt,
      historyCapacity: historyCapacity, observer: observer)
  }
}
