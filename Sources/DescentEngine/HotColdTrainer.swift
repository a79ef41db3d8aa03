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
  /// (see `OneWeightTrainer.computeStep` for why it is not read from `self`).
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
    historyCapacity: Int = TrainingHistory.defaultCapacity,
    observer: ((OneWeightStep) -> Void)? = nil
  ) throws -> TrainingResult<OneWeightStep> {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    var history = try TrainingHistory(weightCount: 1, outputCount: 1, capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)
    var cycles: CycleDetector? =
      conditions.detectsCycles
      ? withUnsafePointer(to: weight) { CycleDetector(width: 1, initial: UnsafeBufferPointer(start: $0, count: 1)) }
      : nil

    var weight = weight
    defer { self.weight = weight }
    var completed = 0
    var last: OneWeightStep?
    var stop: TrainingStop
    while true {
      if let reason = stepGuard.stopBeforeStep(completed: completed) {
        stop = reason
        break
      }
      let number = completed + 1
      let values = step(number: number, weight: weight)
      if let reason = stepGuard.divergence(error: values.error, updateIsFinite: values.weightAfter.isFinite) {
        stop = .diverged(step: number, error: values.error, weights: [weight], reason: reason)
        break
      }
      if number == history.nextDueStep {
        history.record(
          step: number, weight: values.weight, prediction: values.prediction, error: values.error,
          delta: values.delta, weightDelta: values.weightDelta)
      }
      observer?(values)
      weight = values.weightAfter
      completed = number
      last = values
      if stepGuard.reachedTarget(values.error) {
        stop = .reachedTarget(step: number, error: values.error)
        break
      }
      if cycles != nil, let period = cycles?.check(weight) {
        stop = .cycled(step: number - period + 1, period: period)
        break
      }
    }
    history.stepsSeen = completed
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }
}
