/// When a training run stops, besides divergence (always checked).
///
/// A run with a fixed `steps` count is the course's `for iteration in
/// range(n)` loop: it runs every step (cycles are not looked for by default,
/// so the book's printed lines all appear). A run `until` an error target is
/// open-ended: it also stops when the weights repeat exactly, since it could
/// otherwise spin forever (the article's alpha 35 loop).
public struct StopConditions: Hashable, Sendable {
  /// Run exactly this many steps (unless something else stops the run first).
  public var steps: Int?
  /// Stop after the first step whose error meets this target (that step is counted and applied).
  public var errorTarget: ErrorTarget?
  /// A step budget: stop with `interrupted(step:reason: .stepBudget)` after this many steps.
  public var maxSteps: Int?
  /// Whether to stop when the weight state repeats with a period of 1…8 steps.
  public var cycleDetection: CycleDetection
  /// The thresholds that declare a run diverged.
  public var divergence: DivergenceRule
  /// Where the run publishes its progress for a watcher (the live view);
  /// nil publishes nothing. Not a stop condition, but it travels with them
  /// so every trainer passes it to its loop without a parameter of its own.
  public var progress: TrainingProgress?

  /// Stop conditions; give at least one of `steps`, `errorTarget` or `maxSteps`
  /// (or pass an `InterruptFlag` to the trainer) so the run can end.
  public init(
    steps: Int? = nil, until errorTarget: ErrorTarget? = nil, maxSteps: Int? = nil,
    cycleDetection: CycleDetection = .whenOpenEnded, divergence: DivergenceRule = .standard,
    progress: TrainingProgress? = nil
  ) {
    self.progress = progress
    self.steps = steps
    self.errorTarget = errorTarget
    self.maxSteps = maxSteps
    self.cycleDetection = cycleDetection
    self.divergence = divergence
  }

  /// Exactly `count` steps, the course's `for` loop.
  public static func steps(_ count: Int) -> StopConditions { StopConditions(steps: count) }

  /// Whether this run looks for repeating weights.
  var detectsCycles: Bool {
    switch cycleDetection {
    case .never: return false
    case .always: return true
    case .whenOpenEnded: return steps == nil
    }
  }

  /// Throws for counts a user could mistype, and for runs nothing could end.
  func validate(canBeInterrupted: Bool) throws {
    if let steps, steps < 0 { throw TrainingError.invalidStepCount(steps) }
    if let maxSteps, maxSteps < 0 { throw TrainingError.invalidStepCount(maxSteps) }
    if steps == nil && errorTarget == nil && maxSteps == nil && !canBeInterrupted {
      throw TrainingError.noStopCondition
    }
  }
}

/// An error level at which an open-ended run stops.
public enum ErrorTarget: Hashable, Sendable {
  /// Stop after the first step whose error is below this value (`until error < x`).
  case below(Double)
  /// Stop after the first step whose error is exactly 0 (the article's loop).
  case zero

  /// Whether a step's error meets the target.
  @inline(__always)
  func isMet(by error: Double) -> Bool {
    switch self {
    case .below(let limit): return error < limit
    case .zero: return error == 0
    }
  }
}

/// When to look for an exact repeat of the weights.
public enum CycleDetection: Hashable, Sendable {
  /// Never (every requested step runs).
  case never
  /// Only when no fixed step count is given (the default).
  case whenOpenEnded
  /// Always, even in fixed-count runs.
  case always
}

/// The rule that declares a run diverged. A value that becomes NaN or
/// infinite always counts.
///
/// The error limit is high (1e100) so that the book's example 6, whose
/// error grows ninefold a step to ~5e16 over 20 steps, prints all its lines.
/// Sustained growth catches slow blow-ups below the limit: the error grew on
/// each of the last `growthSteps` steps and by at least `growthFactor`
/// overall since that run of growth began.
public struct DivergenceRule: Hashable, Sendable {
  /// An error above this counts as diverged.
  public var errorLimit: Double
  /// How many consecutive growing steps sustained growth needs.
  public var growthSteps: Int
  /// How much the error must have grown over that run.
  public var growthFactor: Double

  /// A divergence rule.
  public init(errorLimit: Double = 1e100, growthSteps: Int = 1000, growthFactor: Double = 1e6) {
    self.errorLimit = errorLimit
    self.growthSteps = growthSteps
    self.growthFactor = growthFactor
  }

  /// Error above 1e100, or 1000 consecutive growing steps with ×1e6 growth.
  public static let standard = DivergenceRule()
}
