/// The arithmetic of one step of a trainer with a single weight: the book's
/// gradient descent (with rounding or momentum) or hot and cold learning.
protocol OneWeightUpdate {
  /// The values of the step from `weight`, with the proposed new weight in
  /// `weightAfter`; may advance the update's own state (momentum's velocity).
  mutating func step(number: Int, weight: Double) -> OneWeightStep
  /// Takes back the state the last `step` advanced: a diverged step is not applied.
  mutating func discardLastStep()
  /// State besides the weight that must also repeat for a cycle (the
  /// velocity under momentum), or nil.
  var cycleState: Double? { get }
  /// Keeps the state the last `step` advanced (the step was applied); an
  /// update that advances its state in `step` itself has nothing to do.
  mutating func acceptLastStep()
  /// Calls `body` with the weight and the state a cycle must repeat.
  func withCycleState<Result>(weight: Double, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result
}

extension OneWeightUpdate {
  @inline(__always)
  mutating func acceptLastStep() {}

  func withCycleState<Result>(weight: Double, _ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    guard let velocity = cycleState else {
      return withUnsafePointer(to: weight) { body(UnsafeBufferPointer(start: $0, count: 1)) }
    }
    return withUnsafeBytes(of: (weight, velocity)) { body($0.bindMemory(to: Double.self)) }
  }
}

/// The `TrainingRule` of both one-weight trainers: the weight, the step
/// proposed from it and the last applied step, around an update's arithmetic.
struct OneWeightRule<Update: OneWeightUpdate>: TrainingRule {
  var update: Update
  var weight: Double
  private var proposal: OneWeightStep
  private var last: OneWeightStep

  init(_ update: Update, weight: Double) {
    self.update = update
    self.weight = weight
    proposal = OneWeightStep(
      step: 0, weight: weight, prediction: 0, error: 0, delta: 0, weightDelta: 0, weightAfter: weight)
    last = proposal
  }

  var historyWeightCount: Int { 1 }
  var historyOutputCount: Int { 1 }

  func withCycleState<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result {
    update.withCycleState(weight: weight, body)
  }

  @inline(__always)
  mutating func propose(step number: Int) -> (error: Double, updateIsFinite: Bool) {
    proposal = update.step(number: number, weight: weight)
    return (proposal.error, proposal.weightAfter.isFinite)
  }

  mutating func discard() { update.discardLastStep() }

  var weights: [Double] { [weight] }

  func record(step number: Int, error: Double, into history: inout TrainingHistory) {
    history.record(
      step: number, weight: proposal.weight, prediction: proposal.prediction, error: error,
      delta: proposal.delta, weightDelta: proposal.weightDelta)
  }

  func proposedStep(_ number: Int, error: Double) -> OneWeightStep { proposal }

  @inline(__always)
  mutating func accept() {
    weight = proposal.weightAfter
    last = proposal
    update.acceptLastStep()
  }

  mutating func lastAppliedStep(_ number: Int, error: Double) -> OneWeightStep { last }
}
