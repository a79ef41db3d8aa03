/// How a trainer with several weights turns `delta = pred - goal` into an
/// update. The conventions differ only in rounding (and DataCamp's factor
/// 2), but bit-identical results need the course's exact order.
public enum GradientConvention: Hashable, Sendable {
  /// `weights[i] -= alpha * input[i] * delta`, evaluated left to right as
  /// Python does, i.e. `(alpha * input[i]) * delta`, as in
  /// `w3_three_input.py`. The recorded weight delta is `delta * input[i]`.
  case book
  /// The book's listings: `weight_deltas = ele_mul(delta, input)`, then
  /// `weights[i] -= alpha * weight_deltas[i]`.
  case bookWeightDeltas
  /// DataCamp: `gradient = 2 * input * error` with `error = preds - target`,
  /// then `weights - learning_rate * gradient`. The recorded weight delta is
  /// the gradient.
  case dataCamp
}

/// The values of one step of a trainer with several weights, computed
/// before its update. Weights are flattened row by row in the book's
/// layout, `weights[output][input]`.
public struct ManyWeightsStep: Hashable, Sendable {
  /// The step number, from 1.
  public var step: Int
  /// The weights the step started from (flattened `[output][input]`).
  public var weights: [Double]
  /// One prediction per output.
  public var predictions: [Double]
  /// The sum over outputs of `(pred - goal) ** 2`.
  public var error: Double
  /// `pred - goal` per output (DataCamp calls this the error).
  public var deltas: [Double]
  /// The weight deltas (or DataCamp gradients), flattened like `weights`.
  public var weightDeltas: [Double]
  /// The weights after the update.
  public var weightsAfter: [Double]

  /// A step's values.
  public init(
    step: Int, weights: [Double], predictions: [Double], error: Double, deltas: [Double],
    weightDeltas: [Double], weightsAfter: [Double]
  ) {
    self.step = step
    self.weights = weights
    self.predictions = predictions
    self.error = error
    self.deltas = deltas
    self.weightDeltas = weightDeltas
    self.weightsAfter = weightsAfter
  }
}
