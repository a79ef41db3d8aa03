/// The per-step checks every trainer shares: the step count, the budget,
/// the interrupt flag, divergence and the error target. Kept as plain
/// stored values so each check is a comparison or two in the hot loop.
struct StepGuard {
  private let fixedSteps: Int
  private let budget: Int
  /// The flag's handle (the caller keeps the flag alive for the run).
  private let interrupt: InterruptFlag.Handle?
  private let target: ErrorTarget?
  private let rule: DivergenceRule
  private let progress: TrainingProgress?
  /// The next step to publish to `progress` (never, without one).
  private var nextPublish: Int
  /// The first step count at which the step count, the budget or
  /// publishing needs a look: one comparison per step covers all three.
  private var nextCheck: Int
  // Sustained-growth tracking.
  private var previousError = Double.infinity
  private var growingSteps = 0
  private var growthStartError = 0.0

  init(_ conditions: StopConditions, interrupt: InterruptFlag?) {
    fixedSteps = conditions.steps ?? Int.max
    budget = conditions.maxSteps ?? Int.max
    self.interrupt = interrupt?.handle
    target = conditions.errorTarget
    rule = conditions.divergence
    progress = conditions.progress
    nextPublish = conditions.progress == nil ? Int.max : 1
    nextCheck = Swift.min(fixedSteps, budget, nextPublish)
  }

  /// The stop that applies before running another step, if any; publishes
  /// the last step's error to the progress record when that is due.
  @inline(__always)
  mutating func stopBeforeStep(completed: Int) -> TrainingStop? {
    if completed >= nextCheck, let stop = countReached(completed) { return stop }
    if let interrupt, interrupt.isRaised { return .interrupted(step: completed, reason: .flag) }
    return nil
  }

  /// The rare part of `stopBeforeStep`: which count was reached.
  private mutating func countReached(_ completed: Int) -> TrainingStop? {
    if completed >= fixedSteps { return .completed(steps: completed) }
    if completed >= budget { return .interrupted(step: completed, reason: .stepBudget) }
    if completed >= nextPublish, let progress {
      // `divergence` keeps the error of the step just applied.
      nextPublish = progress.publish(step: completed, error: previousError)
    }
    nextCheck = Swift.min(fixedSteps, budget, nextPublish)
    return nil
  }

  /// Whether a step with this error (and these new weights being finite)
  /// has diverged, and why.
  @inline(__always)
  mutating func divergence(error: Double, updateIsFinite: Bool) -> DivergenceReason? {
    // One comparison catches NaN, infinity and the limit; split only when it fires.
    if !(error <= rule.errorLimit) || !updateIsFinite {
      return error.isFinite && updateIsFinite ? .errorAboveLimit : .notFinite
    }
    if error > previousError {
      if growingSteps == 0 { growthStartError = previousError }
      growingSteps += 1
      if growingSteps >= rule.growthSteps && error >= growthStartError * rule.growthFactor {
        return .sustainedGrowth
      }
    } else {
      growingSteps = 0
    }
    previousError = error
    return nil
  }

  /// Whether a step's error meets the target.
  @inline(__always)
  func reachedTarget(_ error: Double) -> Bool {
    guard let target else { return false }
    return target.isMet(by: error)
  }
}

/// Remembers the last eight weight states and reports an exact repeat.
///
/// States are compared bit for bit: an exact repeat of a deterministic
/// update means the run will cycle forever.
struct CycleDetector {
  static let maximumPeriod = 8
  private let width: Int
  private var states: [Double]
  private var stored = 0
  private var newest = -1

  /// A detector for states of `width` values, starting from `initial`.
  init(width: Int, initial: UnsafeBufferPointer<Double>) {
    self.width = width
    states = [Double](repeating: 0, count: width * Self.maximumPeriod)
    _ = check(initial)
  }

  /// Compares `state` (the weights after a step) with the last eight, then
  /// remembers it. Returns the smallest period that repeats, if any.
  mutating func check(_ state: UnsafeBufferPointer<Double>) -> Int? {
    var found: Int?
    states.withUnsafeMutableBufferPointer { saved in
      var period = 1
      while period <= stored {
        let slot = (newest - (period - 1) + Self.maximumPeriod) % Self.maximumPeriod
        var same = true
        for index in 0..<width where saved[slot * width + index].bitPattern != state[index].bitPattern {
          same = false
          break
        }
        if same {
          found = period
          break
        }
        period += 1
      }
      newest = (newest + 1) % Self.maximumPeriod
      for index in 0..<width { saved[newest * width + index] = state[index] }
    }
    stored = Swift.min(stored + 1, Self.maximumPeriod)
    return found
  }

  /// `check` for a one-value state, without allocating.
  mutating func check(_ value: Double) -> Int? {
    withUnsafePointer(to: value) { check(UnsafeBufferPointer(start: $0, count: 1)) }
  }

  /// `check` for a two-value state (a weight and its velocity), without allocating.
  mutating func check(_ first: Double, _ second: Double) -> Int? {
    withUnsafeBytes(of: (first, second)) { check($0.bindMemory(to: Double.self)) }
  }
}
