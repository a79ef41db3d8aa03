import Testing

@testable import DescentEngine

/// Example 1: the article's loop with `pred = round(input * weight, 2)`,
/// and Python 3's `round` itself.
@Suite struct ArticleRoundingTests {
  // Input 0.2 and goal 8 from the example's description
  // ("input=0.2, expected_value=8, weight0=10").
  private func trainer(_ run: [String: Any], rounding: Int? = 2) throws -> OneWeightTrainer {
    let first = try run.list("trace")[0]
    return OneWeightTrainer(
      input: 0.2, goal: 8, weight: try first.double("weight_before"), alpha: try run.double("alpha"),
      predictionRounding: rounding)
  }

  private func expectTraceMatches(_ trace: [[String: Any]], _ history: TrainingHistory) throws {
    #expect(history.count == trace.count)
    for (index, row) in trace.enumerated() where index < history.count {
      #expect(history.stepNumbers[index] == (try row.int("iteration")))
      #expect(history.weights[index] == (try row.double("weight_before")))
      #expect(history.predictions[index] == (try row.double("predicted_value")))
      #expect(history.errors[index] == (try row.double("error")))
      // The article's `derivative` is the book's weight_delta, input * (pred - goal).
      #expect(history.weightDeltas[index] == (try row.double("derivative")))
    }
  }

  @Test(arguments: ["alpha_18", "alpha_25", "alpha_24"])
  func loopStopsAfterTheZeroErrorIteration(key: String) throws {
    let run = try CourseFixture.example("ex01_single_weight_rounding_article").object(key)
    #expect(try run.bool("converged_error_zero"))
    var article = try trainer(run)
    let result = try article.train(StopConditions(until: .zero))
    #expect(result.stop == .reachedTarget(step: try run.int("iterations"), error: 0))
    #expect(result.stepsRun == (try run.int("iterations")))
    #expect(article.weight == (try run.double("final_weight")))
    try expectTraceMatches(try run.list("trace"), result.history)
  }

  @Test(arguments: [
    ("alpha_35_30_iterations", 2), ("alpha_35_no_rounding_30_iterations", nil),
    ("alpha_55_30_iterations_supplementary", 2),
  ])
  func thirtyIterationsMatchTheTrace(key: String, rounding: Int?) throws {
    let run = try CourseFixture.example("ex01_single_weight_rounding_article").object(key)
    var article = try trainer(run, rounding: rounding)
    let result = try article.train(.steps(try run.int("iterations")))
    #expect(result.stop == .completed(steps: 30))
    #expect(article.weight == (try run.double("final_weight")))
    try expectTraceMatches(try run.list("trace"), result.history)
  }

  @Test func alpha35IsATwoCycleNotAnEndlessLoop() throws {
    let run = try CourseFixture.example("ex01_single_weight_rounding_article").object("alpha_35_30_iterations")
    let analysis = try run.object("analysis")
    #expect(try analysis.bool("enters_2_cycle"))
    var article = try trainer(run)
    let result = try article.train(StopConditions(until: .zero))
    #expect(result.stop == .cycled(step: try analysis.int("first_iteration_of_2_cycle"), period: 2))
    #expect(try analysis.doubles("cycle_weights").contains(article.weight))
    #expect(result.last?.error == (try analysis.double("cycle_error")))
    #expect(try analysis.doubles("cycle_predictions").contains(result.last?.prediction ?? .nan))
  }

  /// The alphas where the naive `(x * 100).rounded() / 100` goes astray.
  /// Expected (iterations, final weight) were produced by Python 3.11 running
  /// the article's loop (`round(0.2 * w, 2)`, `w = w - alpha * (0.2 * (p - 8))`,
  /// stop after the zero-error iteration).
  @Test(arguments: [
    (2.5, 68, 39.97500000000004), (7.5, 21, 39.985), (12.5, 12, 39.975), (17.5, 8, 39.995),
    (37.5, 12, 40.0),
  ])
  func alphasWhereNaiveRoundingDiffers(alpha: Double, iterations: Int, finalWeight: Double) throws {
    var article = OneWeightTrainer(input: 0.2, goal: 8, weight: 10, alpha: alpha, predictionRounding: 2)
    let result = try article.train(StopConditions(until: .zero))
    #expect(result.stop == .reachedTarget(step: iterations, error: 0))
    #expect(article.weight == finalWeight)
  }

  /// Values of Python 3's `round(x, n)` (checked with Python 3.11).
  @Test(arguments: [
    (2.675, 2, 2.67), (0.125, 2, 0.12), (0.375, 2, 0.38), (0.285, 2, 0.28), (2.5, 0, 2.0),
    (3.5, 0, 4.0), (1250.0, -2, 1200.0), (1350.0, -2, 1400.0), (1250.0000000000002, -2, 1300.0),
    (5.0, -1, 0.0), (15.0, -1, 20.0), (9.5, -1, 10.0), (49.99, -2, 0.0), (50.0, -2, 0.0),
    (51.0, -2, 100.0), (-150.0, -2, -200.0), (99999.5, -5, 100000.0), (999999.9, -6, 1000000.0),
    (1.0000000000000002e22, -21, 1e22), (1e300, 2, 1e300), (123.456, 400, 123.456),
    (123.456, -400, 0.0),
  ])
  func pythonRoundMatchesPython(x: Double, digits: Int, expected: Double) {
    #expect(pythonRound(x, digits) == expected)
  }

  @Test func pythonRoundKeepsSignsAndSpecialValues() {
    #expect(pythonRound(-0.001, 2).sign == .minus)
    #expect(pythonRound(-0.001, 2) == 0)
    #expect(pythonRound(.infinity, 2) == .infinity)
    #expect(pythonRound(.nan, 2).isNaN)
  }
}
