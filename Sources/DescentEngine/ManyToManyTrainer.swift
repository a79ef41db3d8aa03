/// Gradient descent for several inputs and several outputs in the book's
/// layout (Grokking Deep Learning ch. 5): `weights[output][input]`, each row
/// one output's weights.
///
///     pred[i] = w_sum(input, weights[i])        (left to right from 0)
///     delta[i] = pred[i] - goal[i]
///     weight_deltas = outer_prod(delta, input)
///     weights[i][j] -= alpha * weight_deltas[i][j]   (convention .bookWeightDeltas)
public struct ManyToManyTrainer: Hashable, Sendable {
  /// The inputs.
  public var inputs: [Double]
  /// One goal per output.
  public var goals: [Double]
  /// `weights[output][input]`.
  public var weights: [[Double]]
  /// The learning rate.
  public var alpha: Double
  /// How each delta becomes an update.
  public var convention: GradientConvention
  /// The update rule (plain gradient descent by default); the others follow
  /// the weight deltas as the gradient, with state kept for one `train` call.
  public var optimizer: OptimizerKind

  /// A trainer; throws unless `weights` has one row per goal, each as long as `inputs`.
  public init(
    inputs: [Double], goals: [Double], weights: [[Double]], alpha: Double,
    convention: GradientConvention = .bookWeightDeltas, optimizer: OptimizerKind = .sgd
  ) throws {
    guard weights.count == goals.count else {
      throw TrainingError.sizeMismatch(what: "weight rows", expected: goals.count, found: weights.count)
    }
    for row in weights where row.count != inputs.count {
      throw TrainingError.sizeMismatch(what: "weights per row", expected: inputs.count, found: row.count)
    }
    try LinearLayerRule.validateSizes(
      weights: inputs.count * goals.count, inputs: inputs.count, goals: goals.count)
    self.inputs = inputs
    self.goals = goals
    self.weights = weights
    self.alpha = alpha
    self.convention = convention
    self.optimizer = optimizer
  }

  /// The predictions for the current weights (the book's `vect_mat_mul`).
  public var predictions: [Double] {
    weights.map { row in
      var pred = 0.0
      for (input, weight) in zip(inputs, row) { pred += input * weight }
      return pred
    }
  }

  /// Trains until a stop condition holds, leaving the final weights in
  /// `weights`; `error` is summed over the outputs and step weights are
  /// flattened row by row. See `OneWeightTrainer.train` for the parameters.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((ManyWeightsStep) -> Void)? = nil
  ) throws -> TrainingResult<ManyWeightsStep> {
    // The properties are public, so check again what the initialiser checked.
    _ = try ManyToManyTrainer(inputs: inputs, goals: goals, weights: weights, alpha: alpha)
    var flat = weights.flatMap { $0 }
    let setting = LinearLayerRule.Setting(
      inputs: inputs, goals: goals, alpha: alpha, convention: convention, prediction: .weightedSum)
    let result = try LinearLayerRule.train(
      setting, optimizer: optimizer, weights: &flat, conditions: conditions, interrupt: interrupt,
      historyCapacity: historyCapacity, observer: observer)
    let columns = inputs.count
    weights = (0..<goals.count).map { Array(flat[($0 * columns)..<(($0 + 1) * columns)]) }
    return result
  }
}
