import Testing

@testable import DescentEngine

/// Example 3 (hot and cold learning) and the bench W2 loop.
@Suite struct HotColdTrainerTests {
  // Weight 0.5, input 0.5, goal_prediction 0.8 from the example's description.
  private func trainer(step: Double) -> HotColdTrainer {
    HotColdTrainer(input: 0.5, goal: 0.8, weight: 0.5, stepAmount: step)
  }

  /// Fixture rows use 0-based `iteration`; history step numbers start at 1.
  private func expectRows(_ rows: [[String: Any]], in history: TrainingHistory) throws {
    for row in rows {
      let index = try row.int("iteration")
      #expect(history.stepNumbers[index] == index + 1)
      #expect(history.weights[index] == (try row.double("weight")))
      #expect(history.predictions[index] == (try row.double("prediction")))
      #expect(history.errors[index] == (try row.double("error")))
    }
  }

  @Test func stepOneThousandthTakes1101Iterations() throws {
    let run = try CourseFixture.example("ex03_hot_cold_learning").object("step_0.001_1101_iterations")
    let lines = try run.int("number_of_lines")
    var hotCold = trainer(step: 0.001)
    let result = try hotCold.train(.steps(lines))
    #expect(result.stop == .completed(steps: lines))
    try expectRows(try run.list("first_3_values"), in: result.history)
    try expectRows(try run.list("last_3_values"), in: result.history)
    #expect(hotCold.weight == (try run.double("weight_after_loop")))
    // The first prediction within 1e-9 of the goal is on the last line.
    let first = try run.int("first_iteration_prediction_within_1e-9_of_0.8_zero_based")
    let index = result.history.predictions.firstIndex { Swift.abs($0 - 0.8) < 1e-9 }
    #expect(index == first)
    #expect(result.history.predictions[first] == (try run.double("prediction_at_that_iteration")))
    #expect(result.history.errors[first] == (try run.double("error_at_that_iteration")))
  }

  @Test func stepTenFlipsBetweenTwoPredictions() throws {
    let run = try CourseFixture.example("ex03_hot_cold_learning").object("step_10_first_6")
    let values = try run.list("values")
    var hotCold = trainer(step: 10)
    let result = try hotCold.train(.steps(values.count))
    try expectRows(values, in: result.history)
    // Open-ended, the flip is reported as a 2-cycle from the first step.
    var open = trainer(step: 10)
    let cycled = try open.train(StopConditions(until: .below(1e-9)))
    #expect(cycled.stop == .cycled(step: 1, period: 2))
  }

  @Test func stepTwoTenthsSettlesIntoAFlip() throws {
    let run = try CourseFixture.example("ex03_hot_cold_learning").object("step_0.2_first_10")
    let values = try run.list("values")
    var hotCold = trainer(step: 0.2)
    let result = try hotCold.train(.steps(values.count))
    try expectRows(values, in: result.history)
  }

  @Test func benchW2Checksums() throws {
    // Checksums from shared/bench/README.md ("Short checksums for tests"), w2_hotcold.py:
    // weight 0.5, input 0.5, goal_prediction 0.8, step_amount 0.001.
    for (steps, checksum) in [(20, "0.52"), (1101, "1.6009999999999343")] {
      var hotCold = trainer(step: 0.001)
      _ = try hotCold.train(.steps(steps), historyCapacity: 0)
      #expect(hotCold.weight == Double(checksum))
    }
  }
}
