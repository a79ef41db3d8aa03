/// Gradient descent for one input feeding several outputs, one weight each
/// (Grokking Deep Learning ch. 5):
///
///     pred = ele_mul(input, weights)            pred[i] = input * weights[i]
///     delta[i] = pred[i] - goal[i]
///     weight_deltas = scalar_ele_mul(input, delta)
///     weights[i] -= weight_deltas[i] * alpha    (convention .bookWeightDeltas)
public struct OneInputManyOutputsTrainer: Hashable, Sendable {
  /// The input.
  public var input: Double
  /// One goal per output.
  public var goals: [Double]
  /// One weight per output.
  public var weights: [Double]
  /// The learning rate.
  public var alpha: Double
  /// How each delta becomes an update.
  public var convention: GradientConvention
  /// The update rule (plain gradient descent by default); the others follow
  /// the weight deltas as the gradient, with state kept for one `train` call.
  public var optimizer: OptimizerKind

  /// A trainer; throws when `weights` and `goals` differ in length or are empty.
  public init(
    input: Double, goals: [Double], weights: [Double], alpha: Double,
    convention: GradientConvention = .bookWeightDeltas, optimizer: OptimizerKind = .sgd
  ) throws {
    try LinearLayerRule.validateSizes(weights: weights.count, inputs: 1, goals: goals.count)
    self.input = input
    self.goals = goals
    self.weights = weights
    self.alpha = alpha
    self.convention = convention
    self.optimizer = optimizer
  }

  /// The predictions for the current weights.
  public var predictions: [Double] { weights.map { input * $0 } }

  /// Trains until a stop condition holds, leaving the final weights in
  /// `weights`; `error` is summed over the outputs. See
  /// `OneWeightTrainer.train` for the parameters.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((ManyWeightsStep) -> Void)? = nil
  ) throws -> TrainingResult<ManyWeightsStep> {
    let setting = LinearLayerRule.Setting(
      inputs: [input], goals: goals, alpha: alpha, convention: convention, prediction: .scaledInput)
    return try LinearLayerRule.train(
      setting, optimizer: optimizer, weights: &weights, conditions: conditions, interrupt: interrupt,
      historyCapacity: historyCapacity, observer: observer)
  }
}
