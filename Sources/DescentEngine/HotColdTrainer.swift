/// Hot and cold learning (Grokking Deep Learning ch. 3), exactly as
/// `w2_hotcold.py` writes it:
///
///     prediction = input * weight
///     error = (prediction - goal_prediction) ** 2
///     up_error = (goal_prediction - input * (weight + step_amount)) ** 2
///     down_error = (goal_prediction - input * (weight - step_amount)) ** 2
///     if down_error < up_error: weight = weight - step_amount
///     if down_error > up_error: weight = weight + step_amount
///
/// Note the probes square `goal - prediction`, the other way round from
/// `error`; squares are sign-blind, so this is exact either way, but we keep
/// the course's order. Equal errors leave the weight where it is.
public struct HotColdTrainer: Hashable, Sendable {
  /// The input.
  public var input: Double
  /// The goal prediction.
  public var goal: Double
  /// The weight being learnt.
  public var weight: Double
  /// How far each step moves the weight (`step_amount`).
  public var stepAmount: Double

  /// A trainer at the given starting point.
  public init(input: Double, goal: Double, weight: Double, stepAmount: Double) {
    self.input = input
    self.goal = goal
    self.weight = weight
    self.stepAmount = stepAmount
  }

  /// The values of the next step, without applying it. `weightDelta` is
  /// `+stepAmount` for a move down, `-stepAmount` for a move up and 0 for
  /// none, so that `weight - weightDelta` is the new weight, as in the book's loop.
  public func nextStep() -> OneWeightStep { step(number: 1, weight: weight) }

  /// One step from `weight`; the loop passes its local copy of the weight
  /// (see `TrainingLoop.run` for why it is not read from `self`).
  @inline(__always)
  private func step(number: Int, weight: Double) -> OneWeightStep {
    let prediction = input * weight
    let delta = prediction - goal
    let error = delta * delta
    let upMiss = goal - input * (weight + stepAmount)
    let downMiss = goal - input * (weight - stepAmount)
    let upError = upMiss * upMiss
    let downError = downMiss * downMiss
    var after = weight
    var weightDelta = 0.0
    if downError < upError {
      after = weight - stepAmount
      weightDelta = stepAmount
    }
    if downError > upError {
      after = weight + stepAmount
      weightDelta = -stepAmount
    }
    return OneWeightStep(
      step: number, weight: weight, prediction: prediction, error: error, delta: delta,
      weightDelta: weightDelta, weightAfter: after)
  }

  /// Trains until a stop condition holds, leaving the final weight in
  /// `weight`; see `OneWeightTrainer.train` for the parameters.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((OneWeightStep) -> Void)? = nil
  ) throws -> TrainingResult<OneWeightStep> {
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    var rule = OneWeightRule(Update(trainer: self), weight: weight)
    defer { weight = rule.weight }
    return try loop.run(&rule, observer: observer)
  }

  /// Hot and cold's step for the shared loop; it has no state of its own.
  struct Update: OneWeightUpdate {
    let trainer: HotColdTrainer
    @inline(__always)
    mutating func step(number: Int, weight: Double) -> OneWeightStep { trainer.step(number: number, weight: weight) }
    mutating func discardLastStep() {}
    var cycleState: Double? { nil }
  }
}
