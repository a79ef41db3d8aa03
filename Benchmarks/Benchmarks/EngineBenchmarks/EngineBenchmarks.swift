import Benchmark
import DescentEngine

// Engine micro-benchmarks: the trainers behind `train`, a network epoch at
// the W4 and W5 sizes of /work/shared/bench, and Tensor operations.
// Time and allocations are reported per (scaled) iteration: W1–W3 per
// training step, the networks per epoch, tensor ops per call.

/// W4/W5-shaped data: `rows` × `inputs` seeded values and one-hot goals.
private func mlpData(rows: Int, inputs: Int, outputs: Int, normalInputs: Bool) throws -> (Tensor, Tensor) {
  var random = SeededRandom(seed: 2024)
  let x = try Tensor(
    shape: [rows, inputs],
    scalars: (0..<(rows * inputs)).map { _ in normalInputs ? random.nextNormal() : random.nextUniform() })
  var goals = [Double](repeating: 0, count: rows * outputs)
  for row in 0..<rows { goals[row * outputs + Int(random.next() % UInt64(outputs))] = 1 }
  return (x, try Tensor(shape: [rows, outputs], scalars: goals))
}

private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Tensor {
  var random = SeededRandom(seed: seed)
  return try Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in random.nextNormal() })
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
    timeUnits: .nanoseconds, maxDuration: .seconds(2), maxIterations: 1_000)

  // MARK: - The linear trainers (per step)

  Benchmark("W1 OneWeightTrainer step", configuration: .init(scalingFactor: .mega)) { benchmark in
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    let result = try trainer.train(.steps(benchmark.scaledIterations.count))
    blackHole(result.stepsRun)
    blackHole(trainer.weight)
  }

  Benchmark("W2 HotColdTrainer step", configuration: .init(scalingFactor: .mega)) { benchmark in
    var trainer = HotColdTrainer(input: 0.5, goal: 0.8, weight: 0.5, stepAmount: 0.001)
    let result = try trainer.train(.steps(benchmark.scaledIterations.count))
    blackHole(result.stepsRun)
    blackHole(trainer.weight)
  }

  Benchmark("W3 ManyInputsTrainer step", configuration: .init(scalingFactor: .mega)) { benchmark in
    var trainer = try ManyInputsTrainer(inputs: [8.5, 0.65, 1.2], goal: 1, weights: [0.1, 0.2, -0.1], alpha: 0.01)
    let result = try trainer.train(.steps(benchmark.scaledIterations.count))
    blackHole(result.stepsRun)
    blackHole(trainer.weights)
  }

  // MARK: - Network epochs

  // 400 rows, 6 → 8 → 1: products of a few thousand multiply-adds.
  Benchmark("W4 epoch 6-8-1, 400 rows", configuration: .init(scalingFactor: .kilo)) { benchmark in
    let (x, y) = try mlpData(rows: 400, inputs: 6, outputs: 1, normalInputs: true)
    var trainer = NetworkTrainer(network: try Network(sizes: [6, 8, 1], seed: 2024), alpha: 0.5)
    benchmark.startMeasurement()
    let result = try trainer.train(inputs: x, goals: y, .steps(benchmark.scaledIterations.count))
    benchmark.stopMeasurement()
    blackHole(result.last)
  }

  // 1,000 rows, 784 → 128 → 10: two 100M-multiply-add products per epoch.
  // One epoch per train call, so allocations count the call's workspace.
  Benchmark("W5 epoch 784-128-10, 1000 rows", configuration: .init(maxDuration: .seconds(3))) { benchmark in
    let (x, y) = try mlpData(rows: 1000, inputs: 784, outputs: 10, normalInputs: false)
    var trainer = NetworkTrainer(network: try Network(sizes: [784, 128, 10], seed: 2024), alpha: 0.5)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let result = try trainer.train(inputs: x, goals: y, .steps(1))
      blackHole(result.last)
    }
  }

  // MARK: - Tensor operations

  Benchmark("Tensor matmul 1000x784 @ 784x128 (BLAS)") { benchmark in
    let a = try randomMatrix(1000, 784, seed: 1)
    let b = try randomMatrix(784, 128, seed: 2)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try a.matmul(b)) }
  }

  Benchmark("Tensor matmul 3x3 @ 3x3 (loop)", configuration: .init(scalingFactor: .kilo)) { benchmark in
    let a = try randomMatrix(3, 3, seed: 1)
    let b = try randomMatrix(3, 3, seed: 2)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try a.matmul(b)) }
  }

  Benchmark("Tensor matrix @ vector 1000x784 @ 784") { benchmark in
    let a = try randomMatrix(1000, 784, seed: 1)
    let v = Tensor((0..<784).map { Double($0) / 784 })
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try a.matmul(v)) }
  }

  Benchmark("Tensor elementwise a * b + 1, 1000x128") { benchmark in
    let a = try randomMatrix(1000, 128, seed: 1)
    let b = try randomMatrix(1000, 128, seed: 2)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try a * b + 1) }
  }

  Benchmark("Tensor transposed 784x1000") { benchmark in
    let a = try randomMatrix(784, 1000, seed: 1)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(a.transposed()) }
  }

  Benchmark("Tensor sum 1000x784") { benchmark in
    let a = try randomMatrix(1000, 784, seed: 1)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(a.sum()) }
  }
}
