import Testing

@testable import DescentEngine

/// Several inputs and/or outputs: example 7 (DataCamp), bench W3 and the
/// book's chapter 5 layouts.
@Suite struct ManyWeightsTrainerTests {
  @Test func example7SingleWeightSlope() throws {
    let single = try CourseFixture.example("ex07_datacamp_slope").object("single")
    // README: prediction 6, target 10, input 3, so weight 6 / 3 = 2; learning rate 0.01.
    var trainer = try ManyInputsTrainer(
      inputs: [3], goal: 10, weights: [2], alpha: 0.01, convention: .dataCamp)
    let result = try trainer.train(.steps(1))
    #expect(result.last?.predictions == [6])
    #expect(result.last?.weightDeltas == [try single.double("slope")])
    #expect(trainer.weights == [try single.double("weight_updated")])
  }

  @Test func example7TwoWeightsDataCamp() throws {
    let two = try CourseFixture.example("ex07_datacamp_slope").object("two_weight")
    // README: weights [1, 2], input [3, 4], target 6, learning rate 0.01.
    var trainer = try ManyInputsTrainer(
      inputs: [3, 4], goal: 6, weights: [1, 2], alpha: 0.01, convention: .dataCamp)
    let result = try trainer.train(.steps(1))
    #expect(result.last?.predictions == [try two.double("preds")])
    // DataCamp's `error` is preds - target, the book's delta.
    #expect(result.last?.deltas == [try two.double("error")])
    #expect(result.last?.weightDeltas == (try two.doubles("gradient")))
    #expect(trainer.weights == (try two.doubles("weights_updated")))
    #expect(trainer.prediction == (try two.double("preds_updated")))
    #expect(trainer.prediction - 6 == (try two.double("error_updated")))
  }

  @Test func benchW3Checksum() throws {
    // Checksum from shared/bench/README.md ("Short checksums for tests"), w3_three_input.py:
    // weights [0.1, 0.2, -0.1], input [8.5, 0.65, 1.2], goal 1, alpha 0.01, N = 20.
    var trainer = try ManyInputsTrainer(
      inputs: [8.5, 0.65, 1.2], goal: 1, weights: [0.1, 0.2, -0.1], alpha: 0.01)
    _ = try trainer.train(.steps(20))
    let expected = ["0.11605667060209579", "0.20122786304604265", "-0.09773317591499825"]
    #expect(trainer.weights == expected.compactMap(Double.init))
  }

  @Test func conventionsAreTheirFormulas() throws {
    let inputs = [8.5, 0.65, 1.2]
    for convention in [GradientConvention.book, .bookWeightDeltas, .dataCamp] {
      var trainer = try ManyInputsTrainer(
        inputs: inputs, goal: 1, weights: [0.1, 0.2, -0.1], alpha: 0.01, convention: convention)
      let step = try trainer.train(.steps(1)).last!
      var pred = 0.0
      for i in 0..<3 { pred += inputs[i] * [0.1, 0.2, -0.1][i] }
      let delta = pred - 1
      let expected = (0..<3).map { i -> Double in
        let w = [0.1, 0.2, -0.1][i]
        switch convention {
        case .book: return w - 0.01 * inputs[i] * delta
        case .bookWeightDeltas: return w - 0.01 * (delta * inputs[i])
        case .dataCamp: return w - 0.01 * (2 * inputs[i] * delta)
        }
      }
      #expect(step.predictions == [pred])
      #expect(trainer.weights == expected)
      #expect(step.weightsAfter == expected)
    }
  }

  @Test func oneInputManyOutputsIsTheBooksEleMul() throws {
    // The book's chapter 5 listing: weights [0.3, 0.2, 0.9], input 0.65,
    // goals [0.1, 1, 0.1], alpha 0.1; checked against Tensor arithmetic.
    let weights = [0.3, 0.2, 0.9]
    let goals = [0.1, 1, 0.1]
    var trainer = try OneInputManyOutputsTrainer(input: 0.65, goals: goals, weights: weights, alpha: 0.1)
    let step = try trainer.train(.steps(1)).last!
    let pred = 0.65 * Tensor(weights)
    let delta = try pred - Tensor(goals)
    let weightDeltas = 0.65 * delta
    #expect(step.predictions == pred.scalars)
    #expect(step.deltas == delta.scalars)
    #expect(step.weightDeltas == weightDeltas.scalars)
    #expect(step.error == (try Loss.sumOfSquaredErrors.value(prediction: pred, goal: Tensor(goals))))
    #expect(trainer.weights == (try Tensor(weights) - weightDeltas * 0.1).scalars)
  }

  @Test func manyToManyIsMatmulAndOuterProduct() throws {
    let weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]
    let inputs = [8.5, 0.65, 1.2]
    let goals = [0.1, 1, 0.1]
    var trainer = try ManyToManyTrainer(inputs: inputs, goals: goals, weights: weights, alpha: 0.01)
    let result = try trainer.train(.steps(2))
    // Step 1 by tensors: pred = W · input, weight deltas = outer(delta, input).
    let matrix = try Tensor(weights)
    let pred = try matrix.matmul(Tensor(inputs))
    let delta = try pred - Tensor(goals)
    let weightDeltas = try delta.outer(Tensor(inputs))
    let after = try matrix - 0.01 * weightDeltas
    #expect(Array(result.history.predictions(ofRow: 0)) == pred.scalars)
    #expect(Array(result.history.weightDeltas(ofRow: 0)) == weightDeltas.scalars)
    #expect(Array(result.history.weights(ofRow: 1)) == after.scalars)
    #expect(trainer.weights.count == 3)
    // A single output row is the many-inputs trainer with the same convention.
    var oneRow = try ManyToManyTrainer(inputs: inputs, goals: [1], weights: [[0.1, 0.2, -0.1]], alpha: 0.01)
    var manyInputs = try ManyInputsTrainer(
      inputs: inputs, goal: 1, weights: [0.1, 0.2, -0.1], alpha: 0.01, convention: .bookWeightDeltas)
    _ = try oneRow.train(.steps(20))
    _ = try manyInputs.train(.steps(20))
    #expect(oneRow.weights == [manyInputs.weights])
  }

  @Test func mismatchedSizesThrow() {
    #expect(throws: TrainingError.self) {
      try ManyInputsTrainer(inputs: [1, 2], goal: 1, weights: [1], alpha: 0.1)
    }
    #expect(throws: TrainingError.self) {
      try ManyToManyTrainer(inputs: [1, 2], goals: [1], weights: [[1, 2, 3]], alpha: 0.1)
    }
    #expect(throws: TrainingError.self) {
      try OneInputManyOutputsTrainer(input: 1, goals: [], weights: [], alpha: 0.1)
    }
  }

  @Test func divergenceKeepsTheLastFiniteWeightsAndStep() throws {
    var trainer = try ManyInputsTrainer(inputs: [2, 1], goal: 0.8, weights: [0.5, 0.5], alpha: 1)
    var seen: [ManyWeightsStep] = []
    let result = try trainer.train(.steps(10_000)) { seen.append($0) }
    guard case .diverged(let step, _, let weights, _) = result.stop else {
      Issue.record("expected divergence, got \(result.stop)")
      return
    }
    #expect(step == seen.count + 1)
    #expect(weights == trainer.weights)
    #expect(result.last == seen.last)
    #expect(trainer.weights == seen.last?.weightsAfter)
  }
}
