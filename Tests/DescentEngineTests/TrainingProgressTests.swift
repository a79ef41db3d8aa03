import Testing

@testable import DescentEngine

/// The progress record a run publishes for the live view: it sees the
/// steps and errors, and watching changes nothing about the run.
@Suite struct TrainingProgressTests {
  @Test func oneWeightRunPublishesAndEndsTheSame() throws {
    var watched = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1)
    var plain = watched
    let progress = TrainingProgress(total: 5000)
    let a = try watched.train(StopConditions(steps: 5000, progress: progress))
    let b = try plain.train(.steps(5000))
    #expect(a == b)
    #expect(watched.weight == plain.weight)
    let snapshot = progress.snapshot()
    // Publishing is thinned (a step is a nanosecond), but the first step
    // and a recent one are there, with the errors the run computed.
    #expect(snapshot.curve.first?.step == 1)
    let firstError = try #require(a.history.errors.first)
    #expect(snapshot.curve.first?.error == firstError)
    #expect(snapshot.firstError == firstError)
    #expect(snapshot.step >= 1 && snapshot.step <= 5000)
    #expect(snapshot.bestError <= snapshot.curve.map(\.error).min() ?? .infinity)
    progress.finish(step: a.stepsRun, error: a.last?.error)
    #expect(progress.snapshot().step == 5000)
    #expect(progress.snapshot().curve.last?.step == 5000)
  }

  @Test func theCurveIsThinnedEvenlyAndStaysSmall() {
    let progress = TrainingProgress(total: nil)
    var next = 1
    for step in 1...100_000 where step >= next {
      next = progress.publish(step: step, error: 1 / Double(step))
    }
    let curve = progress.snapshot().curve
    #expect(curve.count <= TrainingProgress.curveCapacity)
    #expect(curve.count >= TrainingProgress.curveCapacity / 4)
    let steps = curve.map(\.step)
    #expect(steps == steps.sorted())
    #expect(curve.allSatisfy { $0.error == 1 / Double($0.step) })
  }

  @Test func everyTrainerPublishes() throws {
    let linear = TrainingProgress(total: 300)
    var many = try ManyInputsTrainer(inputs: [1, 2], goal: 1, weights: [0.1, 0.2], alpha: 0.01)
    _ = try many.train(StopConditions(steps: 300, progress: linear))
    #expect(linear.snapshot().step > 0)

    let epochs = TrainingProgress(total: 50, countsEpochs: true)
    var network = NetworkTrainer(network: try Network(sizes: [2, 1], seed: 1), alpha: 0.1)
    let x = try Tensor([[1.0, 2.0], [3.0, -1.0]])
    _ = try network.train(inputs: x, goals: Tensor([1, 0]), StopConditions(steps: 50, progress: epochs))
    #expect(epochs.snapshot().curve.first?.step == 1)

    let unit = TrainingProgress(total: 20)
    var sigmoid = try SigmoidUnitTrainer(inputs: [1, 0.5], goal: 1, weights: [0.1, 0.1], learningRate: 0.5)
    _ = try sigmoid.train(StopConditions(steps: 20, progress: unit))
    #expect(unit.snapshot().step > 0)
  }
}
