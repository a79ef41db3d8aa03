import Foundation
import Testing

@testable import DescentEngine

/// The multilayer perceptron: seeded initialisation, batch epochs against
/// a plain tensor transcription of `w4_mlp_small.py`, gradients against
/// finite differences, momentum and divergence.
@Suite struct NetworkTests {
  /// A seeded batch: `rows` × `inputs` normal inputs and 0/1 goals.
  private func batch(rows: Int, inputs: Int, outputs: Int, seed: UInt64) throws -> (Tensor, Tensor) {
    var random = SeededRandom(seed: seed)
    let x = try Tensor(shape: [rows, inputs], scalars: (0..<(rows * inputs)).map { _ in random.nextNormal() })
    let y = try Tensor(
      shape: [rows, outputs], scalars: (0..<(rows * outputs)).map { _ in random.nextUniform() < 0.5 ? 0 : 1 })
    return (x, y)
  }

  @Test func seededInitialisationIsReproducibleAndScaled() throws {
    let a = try Network(sizes: [6, 8, 1], seed: 7)
    let b = try Network(sizes: [6, 8, 1], seed: 7)
    let c = try Network(sizes: [6, 8, 1], seed: 8)
    #expect(a == b)
    #expect(a != c)
    #expect(a.layers.map(\.weights.shape) == [[6, 8], [8, 1]])
    #expect(a.layers[0].biases == (try Tensor.zeros([8])))
    let big = try Network(sizes: [400, 50], biases: false, seed: 1)
    let weights = big.layers[0].weights
    let variance = weights.scalars.map { $0 * $0 }.reduce(0, +) / Double(weights.count)
    #expect(Swift.abs(variance * 400 - 1) < 0.05)
    #expect(big.layers[0].biases == nil)
  }

  @Test func batchEpochsMatchTheNumpyListing() throws {
    let (x, y) = try batch(rows: 40, inputs: 6, outputs: 1, seed: 3)
    var trainer = NetworkTrainer(network: try Network(sizes: [6, 8, 1], seed: 2024), alpha: 0.5)
    let (losses, w1, b1, w2, b2) = try numpyListing(trainer.network, x, y, epochs: 5, alpha: 0.5)
    let result = try trainer.train(inputs: x, goals: y, .steps(5))
    #expect(result.stop == .completed(steps: 5))
    #expect(isClose(result.history.errors, losses))
    #expect(result.last?.loss == result.history.errors.last)
    #expect(isClose(trainer.network.layers[0].weights.scalars, w1.scalars))
    #expect(isClose(trainer.network.layers[1].weights.scalars, w2.scalars))
    #expect(isClose(trainer.network.layers[0].biases?.scalars ?? [], b1.scalars))
    #expect(isClose(trainer.network.layers[1].biases?.scalars ?? [], b2.scalars))
    #expect(isClose(try trainer.network.meanSquaredError(inputs: x, goals: y), result.last!.loss, relative: 1))
  }

  @Test func threeLayerGradientsMatchFiniteDifferences() throws {
    let (x, y) = try batch(rows: 7, inputs: 4, outputs: 2, seed: 11)
    var network = try Network(sizes: [4, 5, 3, 2], seed: 5)
    network.layers[1].activation = .tanh
    network.layers[0].biases = Tensor([0.1, -0.2, 0.3, 0, 0.05])
    let report = try GradientCheck.network(network, inputs: x, goals: y)
    #expect(report.entries.count == 4 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2)
    #expect(report.loss == .halfSquaredErrorMeanOverRows)
    #expect(report.factor == 1)
    #expect(report.passes(tolerance: 1e-6))
    #expect(report.maximumRelativeDifference < 1e-5)
  }

  @Test func perExampleBackpropIsTheBatchGradientOfOneRow() throws {
    let network = try Network(sizes: [3, 4, 2], seed: 9)
    let input = [0.5, -1.0, 2.0]
    let target = [0.0, 1.0]
    let step = try network.backpropagate(input: input, target: target, learningRate: 1)
    let gradients = try network.gradients(inputs: Tensor(input), goals: Tensor(target))
    for layer in 0..<2 {
      // Udacity's steps add; the batch gradient is subtracted.
      #expect(isClose(step.weightSteps[layer].scalars, gradients[layer].weights.map { -$0 }.scalars))
    }
  }

  @Test func momentumIsClassical() throws {
    let (x, y) = try batch(rows: 10, inputs: 3, outputs: 1, seed: 4)
    let start = try Network(sizes: [3, 2, 1], seed: 6)
    var trainer = NetworkTrainer(network: start, alpha: 0.3, momentum: 0.9)
    _ = try trainer.train(inputs: x, goals: y, .steps(2))
    var network = start
    var velocity: [Tensor] = try network.layers.map { try Tensor.zeros($0.weights.shape) }
    var biasVelocity: [Tensor] = try network.layers.map { try Tensor.zeros([$0.unitCount]) }
    for _ in 0..<2 {
      let gradients = try network.gradients(inputs: x, goals: y)
      for layer in 0..<2 {
        velocity[layer] = try 0.9 * velocity[layer] - 0.3 * gradients[layer].weights
        network.layers[layer].weights = try network.layers[layer].weights + velocity[layer]
        let biasGradient = try #require(gradients[layer].biases)
        let biases = try #require(network.layers[layer].biases)
        biasVelocity[layer] = try 0.9 * biasVelocity[layer] - 0.3 * biasGradient
        network.layers[layer].biases = try biases + biasVelocity[layer]
      }
    }
    for layer in 0..<2 {
      #expect(isClose(trainer.network.layers[layer].weights.scalars, network.layers[layer].weights.scalars))
      #expect(isClose(trainer.velocities[layer].weights.scalars, velocity[layer].scalars))
    }
  }

  @Test func divergenceKeepsTheLastFiniteWeights() throws {
    let x = try Tensor([[1.0, 2.0], [3.0, -1.0]])
    let y = Tensor([1.0, 0.0])
    let network = try Network(sizes: [2, 3, 1], activation: .identity, seed: 1)
    var trainer = NetworkTrainer(network: network, alpha: 50)
    var epochs = 0
    let result = try trainer.train(inputs: x, goals: y, .steps(100_000)) { _ in epochs += 1 }
    guard case .diverged(let epoch, _, let weights, _) = result.stop else {
      Issue.record("expected divergence, got \(result.stop)")
      return
    }
    #expect(epoch == epochs + 1)
    let allFinite = weights.allSatisfy { $0.isFinite }
    let kept = trainer.network.layers.flatMap { $0.weights.scalars }
    #expect(allFinite)
    #expect(weights == kept)
  }

  @Test func shapeMistakesThrow() throws {
    let network = try Network(sizes: [2, 1], seed: 1)
    var trainer = NetworkTrainer(network: network, alpha: 0.1)
    #expect(throws: TensorError.self) {
      try trainer.train(inputs: Tensor([[1, 2, 3]]), goals: Tensor([1]), .steps(1))
    }
    #expect(throws: TensorError.self) {
      try trainer.train(inputs: Tensor([[1, 2]]), goals: Tensor([1, 2]), .steps(1))
    }
    #expect(throws: (any Error).self) {
      try Network(layers: [
        NetworkLayer(weights: Tensor([[1, 2]])), NetworkLayer(weights: Tensor([[1], [2], [3]])),
      ])
    }
    #expect(throws: TrainingError.self) { try Network(sizes: [3], seed: 1) }
  }
}

/// The batch trainer at sizes whose products go to BLAS, against the same
/// listing written with Tensor operations.
@Suite struct NetworkBLASTests {
  @Test func blasSizedEpochsMatchTheNumpyListing() throws {
    var random = SeededRandom(seed: 21)
    let rows = 120
    let x = try Tensor(shape: [rows, 30], scalars: (0..<(rows * 30)).map { _ in random.nextUniform() })
    let y = try Tensor(shape: [rows, 4], scalars: (0..<(rows * 4)).map { _ in random.nextUniform() < 0.25 ? 1 : 0 })
    var trainer = NetworkTrainer(network: try Network(sizes: [30, 20, 4], seed: 3), alpha: 0.5)
    #expect(BLAS.shouldUse(m: rows, k: 30, n: 20) && BLAS.shouldUse(m: 20, k: rows, n: 4))
    let (losses, w1, b1, w2, b2) = try numpyListing(trainer.network, x, y, epochs: 5, alpha: 0.5)
    let result = try trainer.train(inputs: x, goals: y, .steps(5))
    // BLAS sums in its own order (the listing multiplies stored transposes,
    // the trainer passes transpose flags): agreement to rounding, not bits.
    #expect(isClose(result.history.errors, losses, relative: 1e-12))
    #expect(isClose(trainer.network.layers[0].weights.scalars, w1.scalars, relative: 1e-11))
    #expect(isClose(trainer.network.layers[1].weights.scalars, w2.scalars, relative: 1e-11))
    #expect(isClose(trainer.network.layers[0].biases?.scalars ?? [], b1.scalars, relative: 1e-11))
    #expect(isClose(trainer.network.layers[1].biases?.scalars ?? [], b2.scalars, relative: 1e-11))
  }
}

/// `w4_mlp_small.py`'s epochs, transcribed with Tensor operations (numpy
/// semantics), for a two-layer network with biases: the losses before each
/// update and the final weights and biases.
func numpyListing(_ network: Network, _ x: Tensor, _ y: Tensor, epochs: Int, alpha: Double) throws
  -> (losses: [Double], w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor)
{
  var w1 = network.layers[0].weights
  var b1 = try #require(network.layers[0].biases)
  var w2 = network.layers[1].weights
  var b2 = try #require(network.layers[1].biases)
  let rows = Double(x.rowCount)
  let sigmoid = { (t: Tensor) in t.map { 1.0 / (1.0 + exp(-$0)) } }
  var losses: [Double] = []
  for _ in 0..<epochs {
    let hidden = sigmoid(try x.matmul(w1) + b1)
    let output = sigmoid(try hidden.matmul(w2) + b2)
    let error = try output - y
    losses.append(try (error * error).mean())
    let dOutput = try error * output * (1.0 - output)
    let dHidden = try dOutput.matmul(w2.transposed()) * hidden * (1.0 - hidden)
    w2 = try w2 - alpha * hidden.transposed().matmul(dOutput) / rows
    b2 = try b2 - alpha * dOutput.mean(alongAxis: 0)
    w1 = try w1 - alpha * x.transposed().matmul(dHidden) / rows
    b1 = try b1 - alpha * dHidden.mean(alongAxis: 0)
  }
  return (losses, w1, b1, w2, b2)
}
