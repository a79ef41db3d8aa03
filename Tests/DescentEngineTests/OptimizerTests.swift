import Foundation
import Testing

@testable import DescentEngine

/// Each `Optimizer` update rule against its formula, written out here in
/// the same order, and momentum against the one-weight trainer's.
@Suite struct OptimizerTests {
  /// The one-weight gradient of the course (input 0.5, goal 0.8): `input * (input * w - goal)`.
  static func courseGradient(_ w: Double) -> Double { 0.5 * (0.5 * w - 0.8) }

  @Test func momentumIsTheOneWeightTrainersHeavyBall() throws {
    var trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5, alpha: 0.1, momentum: 0.9)
    _ = try trainer.train(.steps(25))
    var optimizer = try Optimizer(.momentum(0.9), alpha: 0.1, parameterCount: 1)
    var weight = [0.5]
    for _ in 0..<25 { try optimizer.update(&weight, gradient: [Self.courseGradient(weight[0])]) }
    #expect(weight == [trainer.weight])
    #expect(optimizer.state(named: "velocity") == [trainer.velocity])
  }

  @Test func adagradRmspropAndAdamFollowTheirFormulas() throws {
    let eps = 1e-8
    var w = (adagrad: 0.5, rmsprop: 0.5, adam: 0.5)
    var (sum, average, m, s) = (0.0, 0.0, 0.0, 0.0)
    var adagrad = try Optimizer(.adagrad, alpha: 0.1, parameterCount: 1)
    var rmsprop = try Optimizer(.rmsprop(decay: 0.8), alpha: 0.1, parameterCount: 1)
    var adam = try Optimizer(.adam(beta1: 0.8, beta2: 0.99), alpha: 0.1, parameterCount: 1)
    var weights = (adagrad: [0.5], rmsprop: [0.5], adam: [0.5])
    for t in 1...5 {
      var g = Self.courseGradient(w.adagrad)
      sum = sum + g * g
      w.adagrad = w.adagrad - 0.1 * g / (sum.squareRoot() + eps)
      g = Self.courseGradient(w.rmsprop)
      average = 0.8 * average + (1 - 0.8) * (g * g)
      w.rmsprop = w.rmsprop - 0.1 * g / (average.squareRoot() + eps)
      g = Self.courseGradient(w.adam)
      m = 0.8 * m + (1 - 0.8) * g
      s = 0.99 * s + (1 - 0.99) * (g * g)
      let mHat = m / (1 - pow(0.8, Double(t)))
      let sHat = s / (1 - pow(0.99, Double(t)))
      w.adam = w.adam - 0.1 * mHat / (sHat.squareRoot() + eps)
      try adagrad.update(&weights.adagrad, gradient: [Self.courseGradient(weights.adagrad[0])])
      try rmsprop.update(&weights.rmsprop, gradient: [Self.courseGradient(weights.rmsprop[0])])
      try adam.update(&weights.adam, gradient: [Self.courseGradient(weights.adam[0])])
      #expect(weights.adagrad == [w.adagrad])
      #expect(weights.rmsprop == [w.rmsprop])
      #expect(weights.adam == [w.adam])
    }
    #expect(adagrad.state(named: "G") == [sum])
    #expect(rmsprop.state(named: "E") == [average])
    #expect(adam.state(named: "m") == [m])
    #expect(adam.state(named: "s") == [s])
    #expect(adam.stepsTaken == 5)
  }

  @Test func aProposalIsNotKeptUntilAccepted() throws {
    var optimizer = try Optimizer(.adam, alpha: 0.1, parameterCount: 2)
    let x: [Double] = [1, 2]
    let g: [Double] = [0.5, -0.25]
    var first: [Double] = [0, 0]
    var second: [Double] = [0, 0]
    x.withUnsafeBufferPointer { x in
      g.withUnsafeBufferPointer { g in
        _ = first.withUnsafeMutableBufferPointer { optimizer.propose(from: x, gradient: g, into: $0) }
        // Not accepted: proposing again from the same state gives the same step.
        _ = second.withUnsafeMutableBufferPointer { optimizer.propose(from: x, gradient: g, into: $0) }
      }
    }
    #expect(first == second)
    #expect(optimizer.stepsTaken == 0)
    #expect(optimizer.state(named: "m") == [0, 0])
    optimizer.accept()
    #expect(optimizer.state(named: "m") == [(1 - 0.9) * 0.5, (1 - 0.9) * -0.25])
  }

  @Test func segmentsShareOneIndexSpace() throws {
    // Two segments of one parameter each step like one vector of two (summed
    // gradients four times the mean, divided back exactly).
    var whole = try Optimizer(.rmsprop, alpha: 0.1, parameterCount: 2)
    var parts = try Optimizer(.rmsprop, alpha: 0.1, parameterCount: 2)
    var vector: [Double] = [1, -1]
    var a: [Double] = [1]
    var b: [Double] = [-1]
    for _ in 0..<4 {
      let g = [2 * vector[0], 4 * vector[1]]
      try whole.update(&vector, gradient: g)
      let (ga, gb) = ([2 * a[0] * 4], [4 * b[0] * 4])
      let (oldA, oldB) = (a, b)
      oldA.withUnsafeBufferPointer { x in
        ga.withUnsafeBufferPointer { g in
          _ = a.withUnsafeMutableBufferPointer { parts.propose(from: x, gradient: g, dividedBy: 4, into: $0) }
        }
      }
      oldB.withUnsafeBufferPointer { x in
        gb.withUnsafeBufferPointer { g in
          _ = b.withUnsafeMutableBufferPointer { parts.propose(from: x, gradient: g, dividedBy: 4, offset: 1, into: $0) }
        }
      }
      parts.accept()
    }
    #expect(a + b == vector)
    #expect(parts.state(named: "E") == whole.state(named: "E"))
  }

  @Test func aNonFiniteProposalIsReported() throws {
    var optimizer = try Optimizer(.sgd, alpha: 1, parameterCount: 1)
    let x: [Double] = [1]
    let g: [Double] = [.infinity]
    var out: [Double] = [0]
    let finite = x.withUnsafeBufferPointer { x in
      g.withUnsafeBufferPointer { g in out.withUnsafeMutableBufferPointer { optimizer.propose(from: x, gradient: g, into: $0) } }
    }
    #expect(!finite)
  }

  @Test func lookAheadIsOnlyNesterovs() throws {
    var nesterov = try Optimizer(.nesterov(0.5), alpha: 0.1, parameterCount: 1)
    var x = [1.0]
    try nesterov.update(&x, gradient: [2])
    #expect(nesterov.lookAhead(from: x) == [x[0] + 0.5 * -0.2])
    let momentum = try Optimizer(.momentum(0.5), alpha: 0.1, parameterCount: 1)
    #expect(momentum.lookAhead(from: [3]) == [3])
  }
}
