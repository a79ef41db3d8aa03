import DescentLanguage
import Foundation
import Testing

/// Symbolic derivatives of generated expressions (seeded, so every run
/// checks the same ones) against central differences of the interpreter's
/// own evaluation: every operator and built-in, nested, over three variables.
@Suite struct SymbolicDerivativeGeneratedTests {
  /// The forms an expression is made of, each tagged so the test can show
  /// that every one was checked.
  static let forms = [
    "+", "-", "*", "/", "**n", "**v", "neg", "%", "//", "exp", "log", "sqrt", "abs", "tanh", "sigmoid",
    "sigmoid_prime", "relu", "relu_prime", "round", "if", "def", "np.exp", "np.sqrt", "np.square",
  ]

  static let smoothForms = forms.filter { !["%", "//", "round", "relu_prime"].contains($0) }

  /// A random expression over x, y, z, fully parenthesised, and the forms it used.
  static func generate(_ random: inout SplitMix64, depth: Int, used: inout Set<String>) -> String {
    if depth == 0 || random.below(8) == 0 {
      return random.below(5) == 0 ? random.pick(["0.5", "2", "3", "1.5", "0.25", "7"]) : random.pick(["x", "y", "z"])
    }
    // Steps (%, //, round, relu_prime) are flat almost everywhere: rarer, so
    // that most expressions have slopes worth checking.
    let form = random.below(6) == 0 ? random.pick(forms) : random.pick(smoothForms)
    used.insert(form)
    func sub() -> String { generate(&random, depth: depth - 1, used: &used) }
    switch form {
    case "+", "-", "*", "/", "%", "//": return "(\(sub())) \(form) (\(sub()))"
    case "**n": return "(\(sub())) ** \(random.pick(["2", "3", "0.5", "-1", "1.5", "(1/2)", "-2"]))"
    case "**v": return random.below(2) == 0 ? "1.5 ** (\(sub()))" : "(1 + (\(sub())) ** 2) ** (\(sub()))"
    case "neg": return "-(\(sub()))"
    case "if": return "(\(sub())) if (\(sub())) > 0.3 else (\(sub()))"
    case "def": return "g(\(sub()), \(sub()))"
    case "log": return "log(1 + (\(sub())) ** 2)"
    case "sqrt", "np.sqrt": return "\(form)(0.5 + (\(sub())) ** 2)"
    default: return "\(form)(\(sub()))"
    }
  }

  /// One generated case: the expression and the point.
  struct Case: Sendable, CustomStringConvertible {
    var text: String
    var point: [Double]
    var description: String { "\(text) at x, y, z = \(point)" }
  }

  static let setup = "import numpy as np\ndef g(u, v) {\n    w = u * v + 1\n    w -= v / 4\n    return w * tanh(u) - v\n}\n"

  /// Enough cases that at least 200 stay away from kinks and jumps.
  static let cases: [Case] = {
    var random = SplitMix64(seed: 2_022)
    var used: Set<String> = []
    return (0..<320).map { _ in
      let text = generate(&random, depth: 2 + random.below(3), used: &used)
      let point = (0..<3).map { _ in Double(random.below(2_000) - 1_000) / 500 }
      return Case(text: text, point: point)
    }
  }()

  /// The derivative by central differences with Richardson's extrapolation
  /// (steps h and h/2, error of order h⁴), or nil near a kink or a jump (the
  /// two steps disagree) or where the expression has no value.
  static func centralDifference(_ f: (Double) throws -> Double, at x: Double) -> Double? {
    func difference(_ h: Double) -> Double? {
      guard let plus = try? f(x + h), let minus = try? f(x - h), plus.isFinite, minus.isFinite else { return nil }
      return (plus - minus) / (2 * h)
    }
    let h = 1e-4 * max(1, abs(x))
    guard let coarse = difference(h), let fine = difference(h / 2) else { return nil }
    guard abs(coarse - fine) <= 1e-3 * max(abs(coarse), abs(fine), 1) else { return nil }
    return (4 * fine - coarse) / 3
  }

  @Test func atLeastTwoHundredGeneratedExpressionsMatchCentralDifferences() throws {
    let session = Session(output: BufferSink())
    #expect(!session.run(Source(name: "setup", text: Self.setup)).failed)
    let names = ["x", "y", "z"]
    var checked = 0
    var formsChecked: Set<String> = []
    var failures: [String] = []
    for testCase in Self.cases {
      let expr = try SymbolicDerivativeTests.expression(testCase.text)
      let bindings = zip(names, testCase.point).map { (name: $0, value: Value.float($1)) }
      guard let value = try? session.evaluate(expr, binding: bindings).number, value.isFinite, abs(value) < 1e8 else { continue }
      var allFine = true
      for (index, name) in names.enumerated() {
        let formula = try SymbolicDerivative.differentiate(expr, wrt: name, functions: session.functionLibrary)
        let f: (Double) throws -> Double = { shifted in
          var moved = bindings
          moved[index].value = .float(shifted)
          return try session.evaluate(expr, binding: moved).number ?? .nan
        }
        guard let numeric = Self.centralDifference(f, at: testCase.point[index]),
          let symbolic = try? session.evaluate(formula, binding: bindings).number, symbolic.isFinite
        else {
          allFine = false
          break
        }
        // 1e-6 relative; the absolute floor is the rounding a difference of
        // two values of size |f| over a step of 1e-5 cannot get below.
        let tolerance = 1e-6 * max(abs(symbolic), abs(numeric)) + 1e-9 * max(1, abs(value))
        if abs(symbolic - numeric) > tolerance {
          failures.append("\(testCase) d/d\(name): symbolic \(symbolic) = \(SymbolicDerivative.python(formula)), numeric \(numeric)")
        }
      }
      guard allFine else { continue }
      checked += 1
      var used: Set<String> = []
      for form in Self.forms where Self.uses(testCase.text, form) { used.insert(form) }
      formsChecked.formUnion(used)
    }
    #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(10).joined(separator: "\n"))")
    #expect(checked >= 200, "only \(checked) expressions away from kinks")
    print("symbolic derivatives checked against central differences: \(checked) expressions, 3 variables each")
    #expect(formsChecked == Set(Self.forms), "never checked: \(Set(Self.forms).subtracting(formsChecked).sorted())")
  }

  /// Whether the expression's text shows the form.
  static func uses(_ text: String, _ form: String) -> Bool {
    switch form {
    case "**n": return text.range(of: #"\) \*\* [-(0-9]"#, options: .regularExpression) != nil
    case "**v": return text.contains("** (") && text.range(of: #"\*\* \(1/2\)"#, options: .regularExpression) == nil
      || text.contains("1.5 ** (")
    case "neg": return text.contains("-(")
    case "if": return text.contains(" if ")
    case "def": return text.contains("g(")
    case "+", "-", "*", "/", "%", "//": return text.contains(") \(form) (")
    case "sigmoid", "relu", "exp", "sqrt", "abs", "log", "tanh", "round":
      return text.range(of: #"(^|[^_.a-z])"# + form + #"\("#, options: .regularExpression) != nil
    default: return text.contains(form + "(")
    }
  }
}

extension SplitMix64 {
  /// One of the items, at random.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
