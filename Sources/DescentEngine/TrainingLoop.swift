/// What one trainer brings to `TrainingLoop`: its step, computed as a
/// proposal the loop then accepts or (when it diverged) discards, and how
/// the step is recorded, observed and compared for cycles.
///
/// A new trainer is one type conforming to this protocol; the loop around
/// it (the step count, the budget, Ctrl-C, divergence, the history, the
/// observer, the error target and cycles) is written once. The loop is
/// generic over the rule, so each trainer gets its own specialised copy
/// with nothing boxed per step.
protocol TrainingRule {
  /// The values of one step, as an observer sees them.
  associatedtype Step: Hashable & Sendable
  /// Values per history row: weights (0 records none).
  var historyWeightCount: Int { get }
  /// Values per history row: outputs (0 records none).
  var historyOutputCount: Int { get }
  /// Whether an exact repeat of the weights can stop a run (networks: no).
  static var canCycle: Bool { get }
  /// Calls `body` with the state a cycle repeats: the weights, and the
  /// velocity under momentum.
  func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result
  /// Computes step `number` from the current weights without applying it;
  /// returns its error and whether every proposed weight is finite.
  mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool)
  /// Drops the proposal of a diverged step, with any state it advanced.
  mutating func discard()
  /// The current weights, flattened (what a diverged run keeps).
  var weights: [Double] { get }
  /// Writes the proposed step into `history` (called when the history wants it).
  func record(step number: Int, error: Double, into history: inout TrainingHistory)
  /// The proposed step's values, for the observer.
  func proposedStep(_ number: Int, error: Double) -> Step
  /// Applies the proposal.
  mutating func accept()
  /// The values of the last applied step, number `number` with error `error`.
  mutating func lastAppliedStep(_ number: Int, error: Double) -> Step
}

extension TrainingRule {
  static var canCycle: Bool { true }
}

/// The one training loop of the engine: guard → step → divergence → record
/// → observe → apply → target → cycle, around a `TrainingRule`.
struct TrainingLoop {
  let conditions: StopConditions
  let interrupt: InterruptFlag?
  let historyCapacity: Int

  /// A loop for these conditions; throws for counts a user could mistype
  /// and for runs nothing could end (checked before the trainer's own sizes).
  init(_ conditions: StopConditions, interrupt: InterruptFlag?, historyCapacity: Int) throws {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    self.conditions = conditions
    self.interrupt = interrupt
    self.historyCapacity = historyCapacity
  }

  /// Runs `rule` until a stop condition holds, leaving its final state in it.
  func run<Rule: TrainingRule>(
    _ trainerRule: inout Rule, observer: ((Rule.Step) -> Void)?
  ) throws -> TrainingResult<Rule.Step> {
    var history = try TrainingHistory(
      weightCount: trainerRule.historyWeightCount, outputCount: trainerRule.historyOutputCount,
      capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)
    // The rule lives in a local copy during the loop (stored back at the
    // end): read and written through the inout reference every step, a
    // one-weight rule's weight sat in memory on the step's chain of dependent
    // operations, about 1.8× the C loop's time. Moving it in with `consume`,
    // or storing it back with a plain assignment rather than `defer`, let the
    // optimiser fold the copy away again (callgrind: 15% more instructions
    // per W1 step). The copy costs a rule that holds arrays one copy on write
    // at its first step.
    var rule = trainerRule
    defer { trainerRule = rule }
    var cycles: CycleDetector? =
      Rule.canCycle && conditions.detectsCycles
      ? rule.withCycleState { CycleDetector(width: $0.count, initial: $0) } : nil
    var completed = 0
    var lastError = 0.0
    var stop: TrainingStop
    while true {
      if let reason = stepGuard.stopBeforeStep(completed: completed) {
        stop = reason
        break
      }
      let number = completed + 1
      let (error, finite) = rule.propose(step: number)
      if let reason = stepGuard.divergence(error: error, updateIsFinite: finite) {
        rule.discard()
        stop = .diverged(step: number, error: error, weights: rule.weights, reason: reason)
        break
      }
      if number == history.nextDueStep { rule.record(step: number, error: error, into: &history) }
      if let observer { observer(rule.proposedStep(number, error: error)) }
      rule.accept()
      completed = number
      lastError = error
      if stepGuard.reachedTarget(error) {
        stop = .reachedTarget(step: number, error: error)
        break
      }
      if cycles != nil, let period = rule.withCycleState({ cycles?.check($0) }) {
        stop = .cycled(step: number - period + 1, period: period)
        break
      }
    }
    history.stepsSeen = completed
    let last = completed > 0 ? rule.lastAppliedStep(completed, error: lastError) : nil
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }
}
