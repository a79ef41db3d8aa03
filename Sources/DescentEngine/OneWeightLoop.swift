/// The arithmetic of one step of a trainer with a single weight: the book's
/// gradient descent (with rounding or momentum) or hot and cold learning.
protocol OneWeightRule {
  /// The values of the step from `weight`, with the proposed new weight in
  /// `weightAfter`; may advance the rule's own state (momentum's velocity).
  mutating func step(number: Int, weight: Double) -> OneWeightStep
  /// Takes back the state the last `step` advanced: a diverged step is not applied.
  mutating func discardLastStep()
  /// State besides the weight that must also repeat for a cycle (the
  /// velocity under momentum), or nil.
  var cycleState: Double? { get }
}

/// The training loop both one-weight trainers share: stop conditions,
/// divergence, history, the observer and cycle detection around a rule's
/// steps. Generic over the rule, so each trainer gets its own specialised
/// loop with the weight kept in a register.
enum OneWeightLoop {
  static func run<Rule: OneWeightRule>(
    _ rule: inout Rule, weight: inout Double, conditions: StopConditions, interrupt: InterruptFlag?,
    historyCapacity: Int, observer: ((OneWeightStep) -> Void)?
  ) throws -> TrainingResult<OneWeightStep> {
    try conditions.validate(canBeInterrupted: interrupt != nil)
    var history = try TrainingHistory(weightCount: 1, outputCount: 1, capacity: historyCapacity)
    history.reserve(expectedSteps: conditions.steps ?? conditions.maxSteps)
    var stepGuard = StepGuard(conditions, interrupt: interrupt)
    let start = weight
    var cycles: CycleDetector? =
      conditions.detectsCycles
      ? rule.cycleState.map { velocity in
        withUnsafeBytes(of: (start, velocity)) { CycleDetector(width: 2, initial: $0.bindMemory(to: Double.self)) }
      } ?? withUnsafePointer(to: start) { CycleDetector(width: 1, initial: UnsafeBufferPointer(start: $0, count: 1)) }
      : nil

    // The weight lives in a local during the loop (stored back by the
    // caller's inout at the end): read and written through memory every
    // step, its store and reload sat on the step's chain of dependent
    // operations, about 1.8× the C loop's time.
    var current = weight
    defer { weight = current }
    var completed = 0
    var last: OneWeightStep?
    var stop: TrainingStop
    while true {
      if let reason = stepGuard.stopBeforeStep(completed: completed) {
        stop = reason
        break
      }
      let number = completed + 1
      let values = rule.step(number: number, weight: current)
      if let reason = stepGuard.divergence(error: values.error, updateIsFinite: values.weightAfter.isFinite) {
        rule.discardLastStep()
        stop = .diverged(step: number, error: values.error, weights: [current], reason: reason)
        break
      }
      if number == history.nextDueStep {
        history.record(
          step: number, weight: values.weight, prediction: values.prediction, error: values.error,
          delta: values.delta, weightDelta: values.weightDelta)
      }
      observer?(values)
      current = values.weightAfter
      completed = number
      last = values
      if stepGuard.reachedTarget(values.error) {
        stop = .reachedTarget(step: number, error: values.error)
        break
      }
      if cycles != nil {
        let period = rule.cycleState.map { cycles?.check(current, $0) } ?? cycles?.check(current)
        if let period {
          stop = .cycled(step: number - period + 1, period: period)
          break
        }
      }
    }
    history.stepsSeen = completed
    return TrainingResult(stop: stop, stepsRun: completed, last: last, history: history)
  }
}
