import DescentEngine
import Foundation
import TestSupport
import Testing

/// Each optimizer's first five steps against numpy's, computed from the
/// textbook formulas by `scripts/optimizer-fixtures.py`
/// (`Tests/Fixtures/optimizers/first-steps.json`): on the course's one
/// weight (through `FunctionTrainer` and through `OneWeightTrainer`) and on
/// f(x, y) = x² + 10 y². The engine evaluates each formula in the script's
/// order, so the steps agree to the bit.
@Suite struct OptimizerFixtureTests {
  /// One fixture case: the problem, the optimizer and numpy's steps.
  struct Case {
    var problem: String
    var kind: OptimizerKind
    var alpha: Double
    var start: [Double]
    var steps: [FunctionStep]
  }

  static func number(_ any: Any?) throws -> Double {
    let text = try #require(any as? String)
    return try #require(Double(text))
  }
  static func numbers(_ any: Any?) throws -> [Double] { try #require(any as? [Any]).map { try number($0) } }

  static func cases() throws -> [Case] {
    let all = try #require(try Fixtures.json("optimizers/first-steps.json") as? [[String: Any]])
    return try all.map { entry in
      let settings = try #require(entry["settings"] as? [String: Any])
      let kind: OptimizerKind
      switch try #require(entry["optimizer"] as? String) {
      case "sgd": kind = .sgd
      case "momentum": kind = .momentum(try number(settings["momentum"]))
      case "nesterov": kind = .nesterov(try number(settings["momentum"]))
      case "adagrad": kind = .adagrad
      case "rmsprop": kind = .rmsprop(decay: try number(settings["decay"]))
      default: kind = .adam(beta1: try number(settings["beta1"]), beta2: try number(settings["beta2"]))
      }
      let steps = try #require(entry["steps"] as? [[String: Any]]).map { step in
        FunctionStep(
          step: try #require(step["step"] as? Int), parameters: try numbers(step["parameters"]),
          value: try number(step["value"]), gradient: try numbers(step["gradient"]), parametersAfter: try numbers(step["after"]))
      }
      return Case(
        problem: try #require(entry["problem"] as? String), kind: kind, alpha: try number(entry["alpha"]),
        start: try numbers(entry["start"]), steps: steps)
    }
  }

  /// The course's one weight as a function: the book's error and weight_delta.
  static func oneWeight(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let delta = 0.5 * p[0] - 0.8
    return (delta * delta, [0.5 * delta])
  }

  /// The script's `x ** 2 + 10 * y ** 2`: the square first, then the factor.
  static func bowl(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    (p[0] * p[0] + 10 * (p[1] * p[1]), [2 * p[0], 20 * p[1]])
  }

  @Test func theFixtureCoversEveryOptimizerOnBothProblems() throws {
    let all = try Self.cases()
    #expect(all.count == 12)
    #expect(Set(all.map(\.problem)) == ["one weight", "bowl"])
    #expect(all.allSatisfy { $0.steps.count == 5 })
  }

  @Test func functionTrainerStepsAreNumpys() throws {
    for fixture in try Self.cases() {
      var trainer = try FunctionTrainer(parameters: fixture.start, optimizer: fixture.kind, alpha: fixture.alpha)
      var seen: [FunctionStep] = []
      let function = fixture.problem == "bowl" ? Self.bowl : Self.oneWeight
      _ = try trainer.train(.steps(5), observer: { seen.append($0) }, function: function)
      #expect(seen == fixture.steps, "\(fixture.problem), \(fixture.kind)")
    }
  }

  @Test func oneWeightTrainerStepsAreNumpys() throws {
    for fixture in try Self.cases() where fixture.problem == "one weight" {
      var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: fixture.start[0], alpha: fixture.alpha, optimizer: fixture.kind)
      var seen: [OneWeightStep] = []
      _ = try trainer.train(.steps(5)) { seen.append($0) }
      for (step, expected) in zip(seen, fixture.steps) {
        #expect(step.weight == expected.parameters[0], "\(fixture.kind) step \(step.step)")
        #expect(step.error == expected.value, "\(fixture.kind) step \(step.step)")
        #expect(step.weightDelta == expected.gradient[0], "\(fixture.kind) step \(step.step)")
        #expect(step.weightAfter == expected.parametersAfter[0], "\(fixture.kind) step \(step.step)")
      }
      #expect(trainer.weight == fixture.steps.last?.parametersAfter[0])
    }
  }
}
