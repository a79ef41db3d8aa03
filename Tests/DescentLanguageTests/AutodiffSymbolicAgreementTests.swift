import DescentLanguage
import Foundation
import Testing
import TestSupport

/// The two ways Descent differentiates, against each other: `gradient`
/// (reverse-mode automatic differentiation through the interpreter) and the
/// symbolic derivative (`SymbolicDerivative`, the formula `show derivative`
/// prints and the export writes), evaluated by the interpreter. Both are
/// exact, so they agree to rounding: 1e-12 relative, on the generated
/// expressions `AutodiffTests` checks against central differences.
@Suite struct AutodiffSymbolicAgreementTests {
  /// How many expressions must be compared (those using `min` or `max`,
  /// which have no symbolic rule, are drawn past).
  static let comparedCount = 200
  /// Where a diagnostic would point: the program's start.
  static let start = SourceRange(.init(line: 1, column: 1, offset: 0), .init(line: 1, column: 1, offset: 0))

  @Test func automaticAndSymbolicDerivativesAgree() throws {
    var generator = RandomExpressionGenerator(seed: 4_122_026)
    var compared = 0
    var drawn = 0
    var failures: [String] = []
    while compared < Self.comparedCount, drawn < 2_000 {
      drawn += 1
      let sample = generator.sample(depth: 4)
      if sample.uses.contains("min") || sample.uses.contains("max") { continue }
      compared += 1
      let session = Session(output: BufferSink())
      session.stepBudget = 1_000_000
      let parameters = sample.variables.joined(separator: ", ")
      let point = sample.point.map { $0 < 0 ? "(\($0))" : "\($0)" }.joined(separator: ", ")
      let program = """
        import numpy as np
        \(RandomExpressionGenerator.helperSource)
        def f(\(parameters)): return \(sample.text)
        g = gradient(f, \(point))

        """
      let errors = session.run(Source(name: "agree.descent", text: program)).diagnostics.filter { $0.severity == .error }
      guard errors.isEmpty, case .tensor(let automatic, _)? = session.value(of: "g") else {
        failures.append("#\(drawn) \(sample.text): \(errors.map(\.message))")
        continue
      }
      let function = try #require(session.value(of: "f"))
      let bindings = zip(sample.variables, sample.point).map { (name: $0, value: Value.float($1)) }
      for (i, variable) in sample.variables.enumerated() {
        let symbolic: Double
        do {
          let formula = try session.symbolicDerivative(of: function, wrt: variable, range: Self.start)
          guard let number = try? session.evaluate(formula, binding: bindings).number else {
            failures.append("#\(drawn) d/d\(variable) of \(sample.text): the formula gives no number")
            continue
          }
          symbolic = number
        } catch {
          failures.append("#\(drawn) d/d\(variable) of \(sample.text): \(error)")
          continue
        }
        let a = automatic.scalars[i]
        // Relative, except where the slope is 0: there (`x / x`) the
        // simplified formula is exactly 0 and the tape keeps the rounding
        // of its steps, a few ulps of 1 (1e-15 absolute).
        if abs(a - symbolic) > 1e-12 * max(abs(a), abs(symbolic), 1e-3) {
          failures.append("#\(drawn) d/d\(variable) of \(sample.text) at \(sample.point): automatic \(a), symbolic \(symbolic)")
        }
      }
    }
    #expect(compared == Self.comparedCount)
    let report = failures.prefix(10).joined(separator: "\n")
    #expect(failures.isEmpty, "\(failures.count) differ:\n\(report)")
  }
}
