import Testing

@testable import DescentEngine

/// The deterministic generator and the one-weight gradient check.
@Suite struct SeededRandomTests {
  @Test func splitMixMatchesTheReferenceImplementation() {
    // First output of Vigna's splitmix64.c seeded with 0.
    var state: UInt64 = 0
    #expect(SeededRandom.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
  }

  @Test func sameSeedSameNumbers() {
    var a = SeededRandom(seed: 42)
    var b = SeededRandom(seed: 42)
    var c = SeededRandom(seed: 43)
    let first = (0..<100).map { _ in a.nextNormal() }
    #expect(first == (0..<100).map { _ in b.nextNormal() })
    #expect(first != (0..<100).map { _ in c.nextNormal() })
    #expect(a == b)
  }

  @Test func distributionsLookRight() {
    var random = SeededRandom(seed: 1)
    let uniforms = (0..<100_000).map { _ in random.nextUniform() }
    #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(Swift.abs(uniforms.reduce(0, +) / 100_000 - 0.5) < 0.01)
    let normals = (0..<100_000).map { _ in random.nextNormal() }
    let mean = normals.reduce(0, +) / 100_000
    let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100_000
    #expect(Swift.abs(mean) < 0.02)
    #expect(Swift.abs(variance - 1) < 0.02)
  }

  @Test func oneWeightGradientCheckStatesTheFactor() {
    let trainer = OneWeightTrainer(input: 0.5, goal: 0.8, weight: 0.5)
    let report = GradientCheck.oneWeight(trainer)
    #expect(report.loss == .squaredError)
    #expect(report.loss.formula == "(pred - goal) ** 2")
    #expect(report.factor == 2)
    let entry = report.entries[0]
    #expect(entry.update == trainer.nextStep().weightDelta)
    #expect(entry.analytic == 2 * entry.update)
    #expect(report.passes(tolerance: 1e-8))
  }

  @Test func manyInputsGradientCheckPerConvention() throws {
    for convention in [GradientConvention.book, .dataCamp] {
      let trainer = try ManyInputsTrainer(
        inputs: [8.5, 0.65, 1.2], goal: 1, weights: [0.1, 0.2, -0.1], alpha: 0.01, convention: convention)
      let report = GradientCheck.manyInputs(trainer)
      #expect(report.factor == (convention == .dataCamp ? 1 : 2))
      #expect(report.passes(tolerance: 1e-7))
    }
  }
}
