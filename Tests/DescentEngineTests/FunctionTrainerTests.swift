import Foundation
import Testing

@testable import DescentEngine

/// `FunctionTrainer` on functions whose gradients are written by hand: a
/// quadratic bowl, Rosenbrock's valley and a double well, with every
/// optimizer and every way a run can stop.
@Suite struct FunctionTrainerTests {
  /// f(x, y) = x² + 10 y², minimum 0 at the origin.
  static func bowl(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    (p[0] * p[0] + 10 * p[1] * p[1], [2 * p[0], 20 * p[1]])
  }

  /// Rosenbrock's f(x, y) = (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1).
  static func rosenbrock(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let (x, y) = (p[0], p[1])
    let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
  }

  /// f(x) = (x² - 1)² + 0.3 x: a shallow valley near 0.96, a deep one near -1.04.
  static func doubleWell(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let x = p[0]
    return ((x * x - 1) * (x * x - 1) + 0.3 * x, [4 * x * (x * x - 1) + 0.3])
  }

  static let allKinds: [OptimizerKind] = [.sgd, .momentum(0.9), .nesterov(0.9), .adagrad, .rmsprop, .adam]

  @Test(arguments: allKinds) func everyOptimizerFindsTheBottomOfTheBowl(kind: OptimizerKind) throws {
    // AdaGrad's steps shrink as its sums grow: it needs a larger alpha for the
    // same run. RMSprop's steps stay near alpha: it ends within alpha of the bottom.
    let alpha = kind == .adagrad ? 0.5 : kind == .rmsprop ? 0.0005 : 0.02
    var trainer = try FunctionTrainer(parameters: [1, 1], optimizer: kind, alpha: alpha)
    let result = try trainer.train(.steps(3000), function: Self.bowl)
    #expect(result.stop == .completed(steps: 3000))
    #expect(abs(trainer.parameters[0]) < 1e-3)
    #expect(abs(trainer.parameters[1]) < 1e-3)
    #expect(trainer.optimizer.stepsTaken == 3000)
  }

  @Test func plainDescentStepsAreTheFormula() throws {
    var trainer = try FunctionTrainer(parameters: [1, 1], alpha: 0.04)
    var steps: [FunctionStep] = []
    let result = try trainer.train(.steps(5), observer: { steps.append($0) }, function: Self.bowl)
    var (x, y) = (1.0, 1.0)
    for (index, step) in steps.enumerated() {
      #expect(step.step == index + 1)
      #expect(step.parameters == [x, y])
      #expect(step.value == x * x + 10 * y * y)
      #expect(step.gradient == [2 * x, 20 * y])
      (x, y) = (x - 0.04 * (2 * x), y - 0.04 * (20 * y))
      #expect(step.parametersAfter == [x, y])
    }
    #expect(trainer.parameters == [x, y])
    #expect(result.last == steps.last)
    // History rows: the parameters, the value as the error, the gradient as weight deltas.
    #expect(result.history.count == 5)
    #expect(result.history.weightCount == 2)
    #expect(result.history.outputCount == 0)
    #expect(Array(result.history.weights(ofRow: 2)) == steps[2].parameters)
    #expect(result.history.errors == steps.map(\.value))
    #expect(Array(result.history.weightDeltas(ofRow: 4)) == steps[4].gradient)
  }

  @Test func momentumReachesTheDeepValleyWherePlainDescentSettlesInTheShallowOne() throws {
    var plain = try FunctionTrainer(parameters: [2], alpha: 0.01)
    _ = try plain.train(.steps(2000), function: Self.doubleWell)
    #expect(abs(plain.parameters[0] - 0.96) < 0.01)
    for kind in [OptimizerKind.momentum(0.9), .nesterov(0.9)] {
      var heavy = try FunctionTrainer(parameters: [2], optimizer: kind, alpha: 0.01)
      _ = try heavy.train(.steps(2000), function: Self.doubleWell)
      #expect(abs(heavy.parameters[0] + 1.036) < 0.01)
    }
  }

  @Test(arguments: [OptimizerKind.momentum(0.9), .nesterov(0.9), .adam])
  func rosenbrocksValleyIsFollowedToItsEnd(kind: OptimizerKind) throws {
    let alpha = kind == .adam ? 0.01 : 0.001
    var trainer = try FunctionTrainer(parameters: [-1.5, 2], optimizer: kind, alpha: alpha)
    let result = try trainer.train(
      StopConditions(until: .below(1e-8), maxSteps: 100_000), function: Self.rosenbrock)
    guard case .reachedTarget(_, let value) = result.stop else {
      Issue.record("stopped with \(result.stop)")
      return
    }
    #expect(value < 1e-8)
    #expect(abs(trainer.parameters[0] - 1) < 1e-3)
    #expect(abs(trainer.parameters[1] - 1) < 1e-3)
  }

  @Test func nesterovTakesTheGradientAtTheLookAheadPoint() throws {
    var calls: [[Double]] = []
    var trainer = try FunctionTrainer(parameters: [1, 1], optimizer: .nesterov(0.5), alpha: 0.01)
    _ = try trainer.train(.steps(3)) { point in
      calls.append(point)
      return Self.bowl(point)
    }
    // Each step: the value at x, then the gradient at x + M v.
    var x = [1.0, 1.0]
    var v = [0.0, 0.0]
    for step in 0..<3 {
      #expect(calls[2 * step] == x)
      let ahead = [x[0] + 0.5 * v[0], x[1] + 0.5 * v[1]]
      #expect(calls[2 * step + 1] == ahead)
      let g = Self.bowl(ahead).gradient
      v = [0.5 * v[0] - 0.01 * g[0], 0.5 * v[1] - 0.01 * g[1]]
      x = [x[0] + v[0], x[1] + v[1]]
    }
    #expect(trainer.parameters == x)
    #expect(trainer.optimizer.state(named: "velocity") == v)
  }

  @Test func divergenceKeepsTheLastFiniteParameters() throws {
    // Alpha 0.2 on the bowl's steep axis: y is multiplied by 1 - 4 = -3 each step.
    var trainer = try FunctionTrainer(parameters: [1, 1], alpha: 0.2)
    var last: FunctionStep?
    let result = try trainer.train(.steps(1000), observer: { last = $0 }, function: Self.bowl)
    guard case .diverged(let step, let value, let kept, let reason) = result.stop else {
      Issue.record("stopped with \(result.stop)")
      return
    }
    #expect(reason == .errorAboveLimit)
    #expect(value > 1e100)
    #expect(kept == last?.parametersAfter)
    #expect(trainer.parameters == kept)
    #expect(result.stepsRun == step - 1)
    #expect(trainer.optimizer.stepsTaken == step - 1)
  }

  @Test func anExactRepeatEndsAnOpenEndedRun() throws {
    // Alpha 1 on x²: x becomes -x, a 2-cycle from the first step.
    var trainer = try FunctionTrainer(parameters: [0.5], alpha: 1)
    let result = try trainer.train(StopConditions(until: .below(1e-9), maxSteps: 100)) { p in
      (p[0] * p[0], [2 * p[0]])
    }
    #expect(result.stop == .cycled(step: 1, period: 2))
  }

  @Test func theBudgetAndTheInterruptFlagStopWithTheStateKept() throws {
    var trainer = try FunctionTrainer(parameters: [1, 1], optimizer: .adam, alpha: 0.01)
    let budget = try trainer.train(StopConditions(until: .below(-1), maxSteps: 7), function: Self.bowl)
    #expect(budget.stop == .interrupted(step: 7, reason: .stepBudget))
    #expect(trainer.optimizer.stepsTaken == 7)
    let flag = InterruptFlag()
    var calls = 0
    let interrupted = try trainer.train(StopConditions(), interrupt: flag) { point in
      calls += 1
      if calls == 4 { flag.raise() }
      return Self.bowl(point)
    }
    #expect(interrupted.stop == .interrupted(step: 4, reason: .flag))
    #expect(trainer.optimizer.stepsTaken == 11)
  }

  @Test func whatTheFunctionThrowsEndsTheRunAndIsRethrown() throws {
    struct Broken: Error, Equatable {}
    var trainer = try FunctionTrainer(parameters: [1, 1], optimizer: .momentum(0.9), alpha: 0.01)
    var calls = 0
    var afterTwo: [Double] = []
    #expect(throws: Broken()) {
      try trainer.train(.steps(10), observer: { if $0.step == 2 { afterTwo = $0.parametersAfter } }) { point in
        calls += 1
        if calls == 3 { throw Broken() }
        return Self.bowl(point)
      }
    }
    #expect(trainer.parameters == afterTwo)
    #expect(trainer.optimizer.stepsTaken == 2)
  }

  @Test func aGradientOfTheWrongLengthIsAnError() throws {
    var trainer = try FunctionTrainer(parameters: [1, 1], alpha: 0.01)
    #expect(throws: OptimizerError.sizeMismatch(expected: 2, found: 1)) {
      try trainer.train(.steps(3)) { p in (p[0], [1]) }
    }
    #expect(trainer.parameters == [1, 1])
  }

  @Test func settingsOutsideTheirRangesAreRefused() {
    #expect(throws: OptimizerError.settingOutOfRange(name: "momentum", value: -0.5)) {
      try FunctionTrainer(parameters: [1], optimizer: .momentum(-0.5), alpha: 0.1)
    }
    #expect(throws: OptimizerError.settingOutOfRange(name: "decay", value: 2)) {
      try Optimizer(.rmsprop(decay: 2), alpha: 0.1, parameterCount: 1)
    }
    #expect(throws: OptimizerError.settingOutOfRange(name: "beta1", value: 1)) {
      try Optimizer(.adam(beta1: 1, beta2: 0.999), alpha: 0.1, parameterCount: 1)
    }
    #expect(throws: OptimizerError.settingOutOfRange(name: "beta2", value: -1)) {
      try Optimizer(.adam(beta1: 0.9, beta2: -1), alpha: 0.1, parameterCount: 1)
    }
    #expect(throws: (any Error).self) { try Optimizer(.nesterov(.nan), alpha: 0.1, parameterCount: 1) }
  }
}
