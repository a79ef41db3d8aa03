import Testing

@testable import DescentEngine

/// History thinning, cancellation and the step budget.
@Suite struct TrainingControlTests {
  @Test func historyThinsEvenlyAndKeepsTheFirstStep() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(.steps(1_000_000), historyCapacity: 1000)
    let history = result.history
    #expect(history.count <= 1000)
    #expect(history.count >= 500)
    #expect(history.stepsSeen == 1_000_000)
    #expect(history.stepNumbers.first == 1)
    let gaps = zip(history.stepNumbers.dropFirst(), history.stepNumbers).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 == history.stride })
    #expect(history.stepNumbers.last! > 1_000_000 - history.stride)
    #expect(history.weights.count == history.count)
    #expect(history.errors.count == history.count)
  }

  @Test func thinnedRowsHoldTheirStepsValues() throws {
    var everyStep: [OneWeightStep] = []
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(.steps(100), historyCapacity: 8) { everyStep.append($0) }
    let history = result.history
    #expect(history.stride == 16)
    #expect(history.stepNumbers == [1, 17, 33, 49, 65, 81, 97])
    for (row, step) in history.stepNumbers.enumerated() {
      let expected = everyStep[step - 1]
      #expect(history.weights[row] == expected.weight)
      #expect(history.predictions[row] == expected.prediction)
      #expect(history.errors[row] == expected.error)
      #expect(history.deltas[row] == expected.delta)
      #expect(history.weightDeltas[row] == expected.weightDelta)
    }
  }

  @Test func historyCanBeOff() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(.steps(50), historyCapacity: 0)
    #expect(result.history.count == 0)
    #expect(result.history.stepsSeen == 50)
  }

  @Test func interruptFlagStopsAtTheRequestedStep() throws {
    let flag = InterruptFlag()
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(.steps(1000), interrupt: flag) { step in
      if step.step == 37 { flag.raise() }
    }
    #expect(result.stop == .interrupted(step: 37, reason: .flag))
    #expect(result.stepsRun == 37)
    var reference = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    _ = try reference.train(.steps(37))
    #expect(trainer.weight == reference.weight)
    #expect(result.last?.weightAfter == trainer.weight)
  }

  @Test func interruptFlagAloneBoundsAnOpenRun() throws {
    let flag = InterruptFlag()
    flag.raise()
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5)
    let result = try trainer.train(StopConditions(), interrupt: flag)
    #expect(result.stop == .interrupted(step: 0, reason: .flag))
    #expect(trainer.weight == 0.5)
    flag.reset()
    #expect(!flag.isRaised)
  }

  @Test func stepBudgetInterruptsWithStateIntact() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(StopConditions(steps: 100, maxSteps: 50))
    #expect(result.stop == .interrupted(step: 50, reason: .stepBudget))
    var reference = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    _ = try reference.train(.steps(50))
    #expect(trainer.weight == reference.weight)
    // Continuing for the other 50 steps gives the uninterrupted result.
    _ = try trainer.train(.steps(50))
    _ = try reference.train(.steps(50))
    #expect(trainer.weight == reference.weight)
  }

  @Test func fixedPointIsAPeriodOneCycleInOpenRuns() throws {
    // Error never drops below a negative target; the weight reaches the exact
    // fixed point weight = goal / input and stays there.
    var trainer = OneWeightTrainer(input: 1, goal: 0.5, weight: 0, alpha: 1)
    let result = try trainer.train(StopConditions(until: .below(-1)))
    #expect(result.stop == .cycled(step: 2, period: 1))
    #expect(trainer.weight == 0.5)
  }
}
