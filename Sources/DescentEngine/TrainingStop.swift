/// Why a training run stopped.
public enum TrainingStop: Hashable, Sendable {
  /// Every requested step ran.
  case completed(steps: Int)
  /// The step numbered `step` met the error target (it was applied and counted).
  case reachedTarget(step: Int, error: Double)
  /// Step `step` produced a non-finite value, an error above the limit, or
  /// ended a long run of growth. That step was not applied: `weights` are the
  /// last finite weights (also left in the trainer). `error` is the step's error.
  case diverged(step: Int, error: Double, weights: [Double], reason: DivergenceReason)
  /// The weights repeat with `period` steps from step `step` on (for
  /// example the article's alpha 35 loop, a 2-cycle from step 8); the run
  /// stopped when the repeat was first seen, after step `step + period - 1`.
  case cycled(step: Int, period: Int)
  /// The interrupt flag or the step budget stopped the run after `step` steps,
  /// with the state intact.
  case interrupted(step: Int, reason: InterruptionReason)
}

/// Which divergence rule fired.
public enum DivergenceReason: Hashable, Sendable {
  /// A prediction, error or weight became NaN or infinite.
  case notFinite
  /// The error passed `DivergenceRule.errorLimit`.
  case errorAboveLimit
  /// The error grew on every step for `DivergenceRule.growthSteps` steps and
  /// by at least `DivergenceRule.growthFactor`.
  case sustainedGrowth
}

/// What stopped a run early on request.
public enum InterruptionReason: Hashable, Sendable {
  /// The `InterruptFlag` was raised (Ctrl-C).
  case flag
  /// `StopConditions.maxSteps` ran out.
  case stepBudget
}

/// The outcome of a training run: why it stopped, how many steps ran, the
/// last applied step's values and the recorded history.
public struct TrainingResult<Step: Hashable & Sendable>: Hashable, Sendable {
  /// Why the run stopped.
  public var stop: TrainingStop
  /// The number of steps applied.
  public var stepsRun: Int
  /// The values of the last applied step (computed before its update), or
  /// nil when no step was applied.
  public var last: Step?
  /// The recorded steps (thinned evenly past its capacity).
  public var history: TrainingHistory

  /// A result.
  public init(stop: TrainingStop, stepsRun: Int, last: Step?, history: TrainingHistory) {
    self.stop = stop
    self.stepsRun = stepsRun
    self.last = last
    self.history = history
  }
}

/// A training request that cannot run.
public enum TrainingError: Error, Hashable, Sendable {
  /// A negative step count or budget.
  case invalidStepCount(Int)
  /// No fixed count, error target, budget or interrupt flag: the run could never end.
  case noStopCondition
  /// A history capacity other than 0 (no history) or at least 2.
  case invalidHistoryCapacity(Int)
  /// Weights, inputs and goals whose sizes do not fit together.
  case sizeMismatch(what: String, expected: Int, found: Int)
  /// A network with no layers, or layers whose sizes do not chain.
  case invalidNetwork(String)
}
