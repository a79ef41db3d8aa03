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
/// velocity - alpha * weight_delta; weight = weight + velocity`. Any other
/// `optimizer` turns `weight_delta` into the step (`OneWeightOptimizedUpdate`).
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
  /// The update rule (plain gradient descent by default).
  public var optimizer: OptimizerKind
  /// The momentum velocity, carried from one `train` call to the next.
  public var velocity: Double
  /// The state of an optimizer other than plain descent or momentum,
  /// carried from one `train` call to the next (nil: none yet).
  public var optimizerState: Optimizer?

  /// The momentum coefficient μ (nil: any other update rule).
  public var momentum: Double? {
    get {
      if case .momentum(let mu) = optimizer { return mu }
      return nil
    }
    set { optimizer = newValue.map { .momentum($0) } ?? .sgd }
  }

  /// A trainer at the given starting point; `momentum` μ is `optimizer: .momentum(μ)`.
  public init(
    input: Double, goal: Double, weight: Double, alpha: Double = 1,
    predictionRounding: Int? = nil, momentum: Double? = nil, optimizer: OptimizerKind = .sgd
  ) {
    self.input = input
    self.goal = goal
    self.weight = weight
    self.alpha = alpha
    self.predictionRounding = predictionRounding
    self.optimizer = momentum.map { .momentum($0) } ?? optimizer
    self.velocity = 0
  }

  /// The values of the next step, without applying it (an optimizer whose
  /// settings `train` would refuse shows plain descent's step).
  public func nextStep() -> OneWeightStep {
    switch optimizer {
    case .sgd, .momentum:
      var update = update
      return update.step(number: 1, weight: weight)
    default:
      guard var update = try? optimizedUpdate() else {
        let plain = OneWeightTrainer(input: input, goal: goal, weight: weight, alpha: alpha, predictionRounding: predictionRounding)
        return plain.nextStep()
      }
      return update.step(number: 1, weight: weight)
    }
  }

  /// The book's step, on values copied out of the trainer for the loop.
  struct Update: OneWeightUpdate {
    let input: Double
    let goal: Double
    let alpha: Double
    let predictionRounding: Int?
    let momentum: Double?
    var velocity: Double
    var velocityBefore: Double

    @inline(__always)
    mutating func step(number: Int, weight: Double) -> OneWeightStep {
      var pred = input * weight
      if let digits = predictionRounding { pred = pythonRound(pred, digits) }
      let delta = pred - goal
      // `(pred - goal) ** 2`: Python calls pow(d, 2), correctly rounded, the same as d * d.
      let error = delta * delta
      let weightDelta = input * delta
      let after: Double
      if let mu = momentum {
        velocityBefore = velocity
        velocity = mu * velocity - alpha * weightDelta
        after = weight + velocity
      } else {
        after = weight - alpha * weightDelta
      }
      return OneWeightStep(
        step: number, weight: weight, prediction: pred, error: error, delta: delta,
        weightDelta: weightDelta, weightAfter: after)
    }

    mutating func discardLastStep() { velocity = velocityBefore }

    var cycleState: Double? { momentum == nil ? nil : velocity }
  }

  var update: Update {
    Update(
      input: input, goal: goal, alpha: alpha, predictionRounding: predictionRounding, momentum: momentum,
      velocity: velocity, velocityBefore: velocity)
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
    historyCapacity: Int = TrainingHistory.defaultCapacity, observer: ((OneWeightStep) -> Void)? = nil
  ) throws -> TrainingResult<OneWeightStep> {
    let loop = try TrainingLoop(conditions, interrupt: interrupt, historyCapacity: historyCapacity)
    switch optimizer {
    case .sgd, .momentum:
      var rule = OneWeightRule(update, weight: weight)
      defer {
        weight = rule.weight
        velocity = rule.update.velocity
      }
      return try loop.run(&rule, observer: observer)
    default:
      var rule = OneWeightRule(try optimizedUpdate(), weight: weight)
      defer {
        weight = rule.weight
        optimizerState = rule.update.optimizer
      }
      return try loop.run(&rule, observer: observer)
    }
  }

  /// The step with an optimizer, from the carried state when it is this optimizer's.
  func optimizedUpdate() throws -> OneWeightOptimizedUpdate {
    var state = try optimizerState ?? Optimizer(optimizer, alpha: alpha, parameterCount: 1)
    if state.kind != optimizer || state.parameterCount != 1 {
      state = try Optimizer(optimizer, alpha: alpha, parameterCount: 1)
    }
    state.alpha = alpha
    return OneWeightOptimizedUpdate(input: input, goal: goal, predictionRounding: predictionRounding, optimizer: state)
  }

}
