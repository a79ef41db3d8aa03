/// The values of one step of a one-weight trainer, named as the book names
/// them; all are computed before the step's update.
public struct OneWeightStep: Hashable, Sendable {
  /// The step number, from 1.
  public var step: Int
  /// The weight the step started from.
  public var weight: Double
  /// `pred` (rounded when the trainer rounds predictions).
  public var prediction: Double
  /// `error = (pred - goal) ** 2`.
  public var error: Double
  /// `delta = pred - goal`.
  public var delta: Double
  /// `weight_delta`: what the update subtracts, scaled by alpha (`input * delta`
  /// in the book's loop; for hot and cold, the step moved by, with the sign
  /// that makes `weight - weight_delta` the new weight).
  public var weightDelta: Double
  /// The weight after the step's update.
  public var weightAfter: Double

  /// A step's values.
  public init(
    step: Int, weight: Double, prediction: Double, error: Double, delta: Double,
    weightDelta: Double, weightAfter: Double
  ) {
    self.step = step
    self.weight = weight
    self.prediction = prediction
    self.error = error
    self.delta = delta
    self.weightDelta = weightDelta
    self.weightAfter = weightAfter
  }
}
