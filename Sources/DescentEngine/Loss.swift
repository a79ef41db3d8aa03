/// The losses the course uses, with their gradients with respect to the prediction.
///
/// Squares are computed as `d * d`, which is bit-identical to Python's
/// `d ** 2` (glibc's `pow` with exponent 2 is correctly rounded, and so is
/// the product).
public enum Loss: String, Hashable, Sendable, CaseIterable {
  /// `(pred - goal)²` for one value; summed over elements for tensors.
  case squaredError
  /// The mean over elements of `(pred - goal)²` (numpy's `np.mean(error ** 2)`).
  case meanSquaredError
  /// The sum over elements of `(pred - goal)²`.
  case sumOfSquaredErrors

  /// The squared error of one prediction, the book's `(pred - goal_pred) ** 2`.
  public static func squaredError(prediction: Double, goal: Double) -> Double {
    let difference = prediction - goal
    return difference * difference
  }

  /// The loss of `prediction` against `goal`; shapes must match exactly.
  public func value(prediction: Tensor, goal: Tensor) throws -> Double {
    guard prediction.shape == goal.shape else {
      throw TensorError.shapeMismatch(operation: "loss", lhs: prediction.shape, rhs: goal.shape)
    }
    var total = 0.0
    for index in prediction.scalars.indices {
      let difference = prediction.scalars[index] - goal.scalars[index]
      total += difference * difference
    }
    return self == .meanSquaredError ? total / Double(prediction.count) : total
  }

  /// The gradient of the loss with respect to each prediction:
  /// `2 (pred - goal)`, divided by the element count for the mean.
  public func gradient(prediction: Tensor, goal: Tensor) throws -> Tensor {
    guard prediction.shape == goal.shape else {
      throw TensorError.shapeMismatch(operation: "loss", lhs: prediction.shape, rhs: goal.shape)
    }
    let scale = self == .meanSquaredError ? 2 / Double(prediction.count) : 2
    return try prediction.combined(with: goal, operation: "loss") { scale * ($0 - $1) }
  }
}
