import DescentLanguage
import Foundation
import Testing
import TestSupport

/// `derivative` and `gradient` (automatic differentiation through the
/// interpreter's operations) against central differences, on generated
/// expressions over every operator and math built-in
/// (`RandomExpressionGenerator`), and on the cases the generator avoids:
/// kinks (PyTorch's convention), loops, `if`, vectors.
@Suite struct AutodiffTests {
  /// How many generated expressions are differentiated.
  static let sampleCount = 240

  /// Runs a program in a fresh session; the diagnostics' messages, if any.
  static func run(_ text: String, in session: Session) -> [String] {
    session.run(Source(name: "autodiff.descent", text: text)).diagnostics
      .filter { $0.severity == .error }.map(\.message)
  }

  static func numbers(_ value: Value?) -> [Double] {
    switch value {
    case .tensor(let t, _)?, .ndarray(let t, _)?: return t.scalars
    case .float(let x)?: return [x]
    case .int(let n)?: return [Double(n)]
    default: return []
    }
  }

  /// Python's spelling of a number in source text.
  static func literal(_ x: Double) -> String { x < 0 ? "(\(x))" : "\(x)" }

  @Test func generatedExpressionsMatchCentralDifferences() throws {
    var generator = RandomExpressionGenerator(seed: 20_261_204)
    var covered: Set<String> = []
    var failures: [String] = []
    for index in 0..<Self.sampleCount {
      let sample = generator.sample(depth: 4)
      covered.formUnion(sample.uses)
      let session = Session(output: BufferSink())
      session.stepBudget = 1_000_000
      let parameters = sample.variables.joined(separator: ", ")
      var program = """
        import numpy as np
        \(RandomExpressionGenerator.helperSource)
        def f(\(parameters)): return \(sample.text)
        g = gradient(f, \(sample.point.map(Self.literal).joined(separator: ", ")))

        """
      // Central differences with Richardson's extrapolation: f at p ± h
      // and p ± h/2 in each variable.
      let steps = sample.point.map { 1e-3 * max(1, abs($0)) }
      var shifted: [String] = []
      for (i, h) in steps.enumerated() {
        for delta in [h, -h, h / 2, -h / 2] {
          var p = sample.point
          p[i] += delta
          shifted.append("f(" + p.map(Self.literal).joined(separator: ", ") + ")")
        }
      }
      program += "values = [" + shifted.joined(separator: ", ") + "]\n"
      let errors = Self.run(program, in: session)
      guard errors.isEmpty else {
        failures.append("#\(index) \(sample.text) at \(sample.point): \(errors)")
        continue
      }
      let gradient = Self.numbers(session.value(of: "g"))
      let values = Self.numbers(session.value(of: "values"))
      guard gradient.count == sample.variables.count, values.count == 4 * steps.count else {
        failures.append("#\(index) \(sample.text): gradient \(gradient), \(values.count) values")
        continue
      }
      for (i, h) in steps.enumerated() {
        let v = values[(4 * i)..<(4 * i + 4)].map { $0 }
        let wide = (v[0] - v[1]) / (2 * h)
        let narrow = (v[2] - v[3]) / h
        let central = (4 * narrow - wide) / 3
        let scale = max(1, abs(gradient[i]), abs(central))
        if abs(gradient[i] - central) > 1e-6 * scale {
          failures.append(
            "#\(index) d/d\(sample.variables[i]) of \(sample.text) at \(sample.point): automatic \(gradient[i]), central \(central)"
          )
        }
      }
    }
    let report = failures.prefix(10).joined(separator: "\n")
    #expect(failures.isEmpty, "\(failures.count) of \(Self.sampleCount) differ:\n\(report)")
    #expect(covered == RandomExpressionGenerator.allOperations, "not covered: \(RandomExpressionGenerator.allOperations.subtracting(covered))")
  }
}

extension AutodiffTests {
  /// The value of `expression` after `setup`, as numbers.
  static func evaluate(_ setup: String, _ expression: String) -> ([Double], [String]) {
    let session = Session(output: BufferSink())
    let errors = run(setup + "\nresult = " + expression + "\n", in: session)
    return (numbers(session.value(of: "result")), errors)
  }

  @Test func kinksFollowPyTorch() {
    // abs, relu at 0: slope 0; round and // have slope 0; x ** y in y at x = 0: 0.
    #expect(Self.evaluate("", "[derivative(abs, 0), derivative(relu, 0), derivative(round, 2.3)]").0 == [0, 0, 0])
    #expect(Self.evaluate("def f(x, y): return x ** y", "gradient(f, 0, 2)").0 == [0, 0])
    #expect(Self.evaluate("def f(x): return x // 2 + x % 2", "derivative(f, 3.5)").0 == [1])
  }

  @Test func loopsConditionsAndCallsInsideTheFunction() {
    let setup = """
      def square(u): return u * u
      def f(x):
        total = 0
        for i in 1..<4:
          total += square(x) * i
        if total > 10:
          return total
        return -total
      """
    // 6x² for x = 2 (24 > 10): slope 12x = 24; for x = 1 (6): -12.
    #expect(Self.evaluate(setup, "[derivative(f, 2), derivative(f, 1)]").0 == [24, -12])
  }

  @Test func gradientOfAVectorFunction() {
    let setup = """
      import numpy as np
      def f(v): return sum(v * v) + v[0] * v[1] + mean(exp(v)) + dot(v, [1, 2, 3]) + np.sum(np.tanh(v))
      """
    let (gradient, errors) = Self.evaluate(setup, "gradient(f, [0.5, -1.0, 2.0])")
    #expect(errors.isEmpty)
    let v = [0.5, -1.0, 2.0]
    let cross = [v[1], v[0], 0]
    let expected = (0..<3).map { i -> Double in
      let squares: Double = 2 * v[i] + cross[i]
      let smooth: Double = exp(v[i]) / 3 + (1 - tanh(v[i]) * tanh(v[i]))
      return squares + smooth + Double(i + 1)
    }
    #expect(zip(gradient, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(gradient) vs \(expected)")
  }

  @Test func tracedValuesPrintAsTheirNumbers() {
    let sink = BufferSink()
    let session = Session(output: sink)
    _ = Self.run("def f(x):\n  print(x, x * 2)\n  return x\nprint(derivative(f, 3))", in: session)
    #expect(sink.text == "3.0 6.0\n1.0\n")
  }
}
