/// The book's one-weight gradient descent (Grokking Deep Learning ch. 4),
/// step for step in the book's order so results are bit-identical to the
/// Python loop:
///
///     pred = input * weight
///     error = (pred - goal) ** 2
///     delta = pred - goal
///     weight_delta = input * delta
///     weight = weight - alpha * weight_delta
///
/// With `predictionRounding` it is the DataCamp-style article's loop,
/// `pred = round(input * weight, 2)`, whose update `weight -= alpha *
/// derivative` with `derivative = input * (pred - goal)` is the same
/// arithmetic. (Writing it `alpha * input * (pred - goal)`, which Python
/// evaluates as `(alpha * input) * (pred - goal)`, rounds differently and
/// does not reproduce the article at alpha 35.)
///
/// With `momentum` μ the update is classical momentum: `velocity = μ *
/// velocity - alpha * weight_delta; weight = weight + velocity`.
public struct OneWeightTrainer: Hashable, Sendable {
  /// The input.
  public var input: Double
  /// The goal prediction.
  public var goal: Double
  /// The weight being learnt.
  public var weight: Double
  /// The learning rate (the book's loop without alpha is alpha 1).
  public var alpha: Double
  /// Decimal places to round each prediction to, Python 3 style (nil: no rounding).
  public var predictionRounding: Int?
  /// The momentum coefficient μ (nil: plain gradient descent).
  public var momentum: Double?
  /// The momentum velocity, carried from one `train` call to the next.
  public var velocity: Double

  /// A trainer at the given starting point.
  public init(
    input: Double, goal: Double, weight: Double, alpha: Double = 1,
    predictionRounding: Int? = nil, momentum: Double? = nil
  ) {
    self.input = input
    self.goal = goal
    self.weight = weight
    self.alpha = alpha
    self.predictionRounding = predictionRounding
    self.momentum = momentum
    self.velocity = 0
  }

  /// The values of the next step, without applying it.
  public func nextStep() -> OneWeightStep {
    var velocity = velocity
    return Self.computeStep(
      number: 1, input: input, goal: goal, weight: weight, alpha: alpha, predictionRounding: predictionRounding,
      momentum: momentum, velocity: &velocity)
  }

  /// Computes one step from `weight` and returns its values; `weightAfter`
  /// is the proposed new weight, and `velocity` is updated under momentum.
  ///
  /// Static, on values the caller keeps in locals: with `self.weight` read
  /// and written through `self` every step, the compiler kept the weight in
  /// memory across the loop's calls, and the store and reload sat on the
  /// step's chain of dependent operations (about 1.8× the C loop's time).
  @inline(__always)
  private static func computeStep(
    number: Int, input: Double, goal: Double, weight: Double, alpha: Double, predictionRounding: Int?,
    momentum: Double?, velocity: inout Double
  ) -> OneWeightStep {
    var pred = input * weight
    if let digits = predictionRounding { pred = pythonRound(pred, digits) }
    let delta = pred - goal
    // `(pred - goal) ** 2`: Python calls pow(d, 2), correctly rounded, the same as d * d.
    let error = delta * delta
    let weightDelta = input * delta
    let after: Double
    if let mu = momentum {
      velocity = mu * velocity - alpha * weightDelta
      after = weight + velocity
    } else {
      after = weight - alpha * weightDelta
    }
    return OneWeightStep(
      step: number, weight: weight, prediction: pred, error: error, delta: delta,
      weightDelta: weightDelta, weightAfter: after)
  }

  /// Trains until a stop condition holds, leaving the final weight in `weight`.
  ///
  /// - Parameters:
  ///   - conditions: the step count, error target, budget and divergence rule.
  ///   - interrupt: checked before every step (Ctrl-C).
  ///   - historyCapacity: rows kept in the history (0 keeps none).
  ///   - observer: called with every applied step (the language's `verbose`
  ///     mode prints the book's line from it); nil costs nothing.
  public mutating func train(
    _ conditions: StopConditions, interrupt: InterruptFlag? = nil,
    historyCapacity: Int = TrainingHistory.defaultCapacity,
    observer: ((OneWeightStep) -> Void)? = nil
  ) throws -> TrainingResult<OneWeightStep> {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    var history = try TrainingHistory(weightCount: 1, outputCount: 1, capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)
    let usesMomentum = momentum != nil
    // The state that must repeat is the weight, plus the velocity under momentum.
    var cycles: CycleDetector? =
      conditions.detectsCycles
      ? (usesMomentum ? Self.detector(weight, velocity) : Self.detector(weight)) : nil

    // The loop state lives in locals (see `computeStep`), stored back once at the end.
    let (input, goal, alpha, rounding, momentum) = (input, goal, alpha, predictionRounding, momentum)
    var weight = weight
    var velocity = velocity
    defer {
      self.weight = weight
      self.velocity = velocity
    }
    var completed = 0
    var last: OneWeightStep?
    var stop: TrainingStop
    while true {
      if let reason = stepGuard.stopBeforeStep(completed: completed) {
        stop = reason
        break
      }
      let number = completed + 1
      let savedVelocity = velocity
      let step = Self.computeStep(
        number: number, input: input, goal: goal, weight: weight, alpha: alpha, predictionRounding: rounding,
        momentum: momentum, velocity: &velocity)
      if let reason = stepGuard.divergence(error: step.error, updateIsFinite: step.weightAfter.isFinite) {
        velocity = savedVelocity
        stop = .diverged(step: number, error: step.error, weights: [weight], reason: reason)
        break
      }
      if number == history.nextDueStep {
        history.record(
          step: number, weight: step.weight, prediction: step.prediction, error: step.error,
          delta: step.delta, weightDelta: step.weightDelta)
      }
      observer?(step)
      weight = step.weightAfter
      completed = number
      last = step
      if stepGuard.reachedTarget(step.error) {
        stop = .reachedTarget(step: number, error: step.error)
        break
      }
      if cycles != nil,
        let period = usesMomentum ? cycles?.check(weight, velocity) : cycles?.check(weight)
      {
        stop = .cycled(step: number - period + 1, period: period)
        break
      }
    }
    history.stepsSeen = completed
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }

  private static func detector(_ values: Double...) -> CycleDetector {
    values.withUnsafeBufferPointer { CycleDetector(width: values.count, initial: $0) }
  }
}
