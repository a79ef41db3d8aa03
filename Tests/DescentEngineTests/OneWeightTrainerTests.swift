import Foundation
import Testing

@testable import DescentEngine

/// The book's one-weight loop (examples 2, 4, 5, 6) and the bench W1 loop.
@Suite struct OneWeightTrainerTests {
  /// Checks each fixture row (book field names) against the trainer's history rows.
  private func expectRowsMatch(
    _ rows: [[String: Any]], _ result: TrainingResult<OneWeightStep>, predictionKey: String
  ) throws {
    let history = result.history
    #expect(history.count == rows.count)
    for (index, row) in rows.enumerated() {
      #expect(history.stepNumbers[index] == index + 1)
      #expect(history.weights[index] == (try row.double("weight")))
      #expect(history.predictions[index] == (try row.double(predictionKey)))
      #expect(history.errors[index] == (try row.double("error")))
      #expect(history.deltas[index] == (try row.double("delta")))
      #expect(history.weightDeltas[index] == (try row.double("weight_delta")))
    }
  }

  @Test func example2CompareIsThePythonSquare() throws {
    let example = try CourseFixture.example("ex02_grokking_compare")
    // Goal 0.8 is given in the fixture README (example 2).
    #expect(Loss.squaredError(prediction: try example.double("pred"), goal: 0.8) == (try example.double("error")))
  }

  @Test func example4TwentyIterationsBitExact() throws {
    let values = try CourseFixture.example("ex04_gradient_descent_20_iterations").list("values")
    // Input 0.5, goal 0.8 from the fixture README; alpha 1 (the book's loop has none).
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: try values[0].double("weight"))
    var observed: [OneWeightStep] = []
    let result = try trainer.train(.steps(values.count)) { observed.append($0) }
    #expect(result.stop == .completed(steps: 20))
    try expectRowsMatch(values, result, predictionKey: "pred")
    for (step, row) in zip(observed, values) {
      #expect(step.weightAfter == (try row.double("weight_after")))
      // The engine squares with d * d; Python's ** 2 is pow(d, 2): the same double.
      #expect(step.delta * step.delta == pow(step.delta, 2))
    }
    #expect(trainer.weight == (try values.last!.double("weight_after")))
    #expect(result.last == observed.last)
  }

  @Test func example5WatchSeveralSteps() throws {
    let values = try CourseFixture.example("ex05_watch_several_steps").list("values")
    // Input 1.1, goal 0.8 from the fixture README.
    var trainer = OneWeightTrainer(input: 1.1, goal: 0.8, weight: try values[0].double("weight"))
    let result = try trainer.train(.steps(4))
    try expectRowsMatch(values, result, predictionKey: "prediction")
    #expect(trainer.weight == (try values.last!.double("weight_after")))
  }

  @Test func example6DivergenceRunsTheBooksTwentyLines() throws {
    let example = try CourseFixture.example("ex06_divergence_and_alpha")
    let values = try example.object("no_alpha").list("values")
    // Input 2, goal 0.8 from the fixture README; no alpha means alpha 1.
    var trainer = OneWeightTrainer(input: 2, goal: 0.8, weight: try values[0].double("weight"))
    let result = try trainer.train(.steps(20))
    #expect(result.stop == .completed(steps: 20))
    try expectRowsMatch(values, result, predictionKey: "pred")
    #expect(trainer.weight == (try values.last!.double("weight_after")))

    let damped = try example.object("alpha_0.1").list("values")
    var slow = OneWeightTrainer(input: 2, goal: 0.8, weight: try damped[0].double("weight"), alpha: 0.1)
    let dampedResult = try slow.train(.steps(20))
    try expectRowsMatch(damped, dampedResult, predictionKey: "pred")
    #expect(slow.weight == (try damped.last!.double("weight_after")))
  }

  @Test func example6LongerRunStopsAsDivergedWithFiniteWeights() throws {
    let values = try CourseFixture.example("ex06_divergence_and_alpha").object("no_alpha").list("values")
    var trainer = OneWeightTrainer(input: 2, goal: 0.8, weight: try values[0].double("weight"))
    let result = try trainer.train(.steps(10_000))
    guard case .diverged(let step, let error, let weights, let reason) = result.stop else {
      Issue.record("expected divergence, got \(result.stop)")
      return
    }
    #expect(reason == .errorAboveLimit)
    #expect(error > 1e100)
    #expect(step == result.stepsRun + 1)
    #expect(result.stepsRun > 20)
    #expect(weights == [trainer.weight])
    #expect(trainer.weight.isFinite)
    #expect(result.last!.error <= 1e100)
    #expect(result.last!.weightAfter == trainer.weight)
  }

  @Test func sustainedGrowthBelowTheLimitIsDivergence() throws {
    // 1 - alpha * input² = -1.02: the error grows 4% a step, passing ×1e6
    // long before 1e100, so the growth rule fires after 1000 growing steps.
    var trainer = OneWeightTrainer(input: 1, goal: 0.8, weight: 0.5, alpha: 2.02)
    let result = try trainer.train(.steps(100_000))
    guard case .diverged(_, let error, _, let reason) = result.stop else {
      Issue.record("expected divergence, got \(result.stop)")
      return
    }
    #expect(reason == .sustainedGrowth)
    #expect(error < 1e100)
    #expect(result.stepsRun == 1000)
  }

  @Test func notFiniteIsDivergence() throws {
    var trainer = OneWeightTrainer(input: 1, goal: 0.8, weight: .nan)
    let result = try trainer.train(.steps(5))
    #expect(result.stepsRun == 0)
    guard case .diverged(1, _, _, .notFinite) = result.stop else {
      Issue.record("expected not-finite divergence at step 1, got \(result.stop)")
      return
    }
  }

  @Test func benchW1Checksums() throws {
    // Checksums from shared/bench/README.md ("Short checksums for tests"), w1_seed.py:
    // weight 0.5, goal_pred 0.8, input 0.5, alpha 0.1.
    for (steps, checksum) in [(20, "0.9370435517589895"), (1101, "1.599999999999138")] {
      var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
      _ = try trainer.train(.steps(steps), historyCapacity: 0)
      #expect(trainer.weight == Double(checksum))
    }
  }

  @Test func errorTargetStopsAfterTheStepThatMeetsIt() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5)
    let result = try trainer.train(StopConditions(until: .below(1e-6)))
    guard case .reachedTarget(let step, let error) = result.stop else {
      Issue.record("expected target, got \(result.stop)")
      return
    }
    #expect(error < 1e-6)
    #expect(step == result.stepsRun)
    #expect(result.history.errors.dropLast().allSatisfy { $0 >= 1e-6 })
  }

  @Test func momentumIsClassical() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1, momentum: 0.9)
    _ = try trainer.train(.steps(3))
    var weight = 0.5
    var velocity = 0.0
    for _ in 0..<3 {
      let weightDelta = 0.5 * (0.5 * weight - 0.8)
      velocity = 0.9 * velocity - 0.1 * weightDelta
      weight = weight + velocity
    }
    #expect(trainer.weight == weight)
    #expect(trainer.velocity == velocity)
  }

  @Test func invalidRequestsThrow() {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5)
    #expect(throws: TrainingError.invalidStepCount(-1)) { try trainer.train(.steps(-1)) }
    #expect(throws: TrainingError.noStopCondition) { try trainer.train(StopConditions()) }
    #expect(throws: TrainingError.invalidHistoryCapacity(1)) {
      try trainer.train(.steps(3), historyCapacity: 1)
    }
  }
}
