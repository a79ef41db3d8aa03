import Foundation
import Testing

@testable import DescentEngine

/// The optimizers wired into the course's trainers: each follows the
/// trainer's own gradient (the weight deltas, the delta rule's, the mean
/// network gradient), checked against loops written out here.
@Suite struct TrainerOptimizerTests {
  @Test func severalInputsFollowTheirWeightDeltasUnderMomentumAndNesterov() throws {
    let inputs = [8.5, 0.65, 1.2]
    let goal = 1.0
    func gradient(_ w: [Double]) -> [Double] {
      var pred = 0.0
      for i in inputs.indices { pred += inputs[i] * w[i] }
      return inputs.map { (pred - goal) * $0 }
    }
    for kind in [OptimizerKind.momentum(0.9), .nesterov(0.9)] {
      var trainer = try ManyInputsTrainer(inputs: inputs, goal: goal, weights: [0.1, 0.2, -0.1], alpha: 0.001, optimizer: kind)
      _ = try trainer.train(.steps(6))
      var w = [0.1, 0.2, -0.1]
      var v = [0.0, 0.0, 0.0]
      for _ in 0..<6 {
        let point = kind == .momentum(0.9) ? w : (0..<3).map { w[$0] + 0.9 * v[$0] }
        let g = gradient(point)
        for i in 0..<3 {
          v[i] = 0.9 * v[i] - 0.001 * g[i]
          w[i] = w[i] + v[i]
        }
      }
      #expect(trainer.weights == w, "\(kind)")
    }
  }

  @Test func manyToManyRecordsTheStepsOwnPredictionsUnderNesterov() throws {
    var trainer = try ManyToManyTrainer(
      inputs: [8.5, 0.65, 1.2], goals: [0.1, 1, 0.1], weights: [[0.1, 0.1, -0.3], [0.1, 0.2, 0], [0, 1.3, 0.1]],
      alpha: 0.01, optimizer: .nesterov(0.9))
    var steps: [ManyWeightsStep] = []
    let result = try trainer.train(.steps(4)) { steps.append($0) }
    for step in steps {
      // The predictions and error are at the step's weights, not at the look-ahead.
      let rows = stride(from: 0, to: 9, by: 3).map { Array(step.weights[$0..<($0 + 3)]) }
      let preds = rows.map { row in zip([8.5, 0.65, 1.2], row).reduce(0.0) { $0 + $1.0 * $1.1 } }
      #expect(step.predictions == preds)
    }
    #expect(result.history.count == 4)
  }

  @Test func theSigmoidUnitFollowsTheDeltaRulesGradientUnderAdam() throws {
    let x = [0.1, 0.3]
    let y = 0.2
    var trainer = try SigmoidUnitTrainer(inputs: x, goal: y, weights: [0.4, -0.2], learningRate: 0.05)
    trainer.optimizer = .adam
    var seen: [SigmoidUnitStep] = []
    _ = try trainer.train(.steps(5)) { seen.append($0) }
    var optimizer = try Optimizer(.adam, alpha: 0.05, parameterCount: 2)
    var w = [0.4, -0.2]
    for step in seen {
      #expect(step.weights == w)
      let h = x[0] * w[0] + x[1] * w[1]
      let term = (y - Activation.sigmoid(h)) * Activation.sigmoid.derivative(h)
      try optimizer.update(&w, gradient: x.map { -(term * $0) })
      #expect(step.weightsAfter == w)
    }
    #expect(trainer.weights == w)
  }

  @Test func aNetworkLearnsXORUnderEveryOptimizerAndCarriesTheState() throws {
    let inputs = try Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
    let goals = Tensor([0, 1, 1, 0])
    let settings: [(OptimizerKind, Double, Int)] = [
      (.nesterov(0.9), 2, 3000), (.adam, 0.1, 1000), (.rmsprop, 0.01, 2000), (.adagrad, 0.5, 3000),
    ]
    for (kind, alpha, epochs) in settings {
      let network = try Network(sizes: [2, 3, 1], seed: 1)
      var trainer = NetworkTrainer(network: network, alpha: alpha, optimizer: kind)
      let first = try trainer.train(inputs: inputs, goals: goals, .steps(1))
      let rest = try trainer.train(inputs: inputs, goals: goals, .steps(epochs))
      #expect(trainer.optimizerState?.stepsTaken == epochs + 1, "\(kind)")
      let firstLoss = try #require(first.last?.loss)
      let lastLoss = try #require(rest.last?.loss)
      #expect(lastLoss < firstLoss / 10, "\(kind): \(firstLoss) -> \(lastLoss)")
    }
  }

  @Test func aDivergedNetworkEpochLeavesWeightsAndStateAsTheyWere() throws {
    let inputs = try Tensor(shape: [2, 1], scalars: [1, 2])
    let goals = Tensor([1, 2])
    var trainer = NetworkTrainer(network: try Network(sizes: [1, 1], activation: .identity, seed: 2), alpha: 1e200, optimizer: .adam)
    var weightsBefore: [Double] = []
    var lastAccepted = 0
    let result = try trainer.train(inputs: inputs, goals: goals, .steps(50)) { step in lastAccepted = step.epoch }
    guard case .diverged(let epoch, _, let kept, _) = result.stop else {
      Issue.record("stopped with \(result.stop)")
      return
    }
    weightsBefore = kept
    #expect(trainer.network.layers.flatMap(\.weights.scalars) == weightsBefore)
    #expect(trainer.optimizerState?.stepsTaken == epoch - 1)
    #expect(lastAccepted == epoch - 1)
  }

  @Test func oneWeightStateCarriesFromOneTrainToTheNext() throws {
    var once = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1, optimizer: .rmsprop)
    _ = try once.train(.steps(5))
    var twice = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1, optimizer: .rmsprop)
    _ = try twice.train(.steps(3))
    _ = try twice.train(.steps(2))
    #expect(twice.weight == once.weight)
    #expect(twice.optimizerState == once.optimizerState)
  }
}
