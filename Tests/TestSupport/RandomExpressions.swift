import Foundation

/// Random differentiable expressions over every operator and math built-in,
/// written in Descent's (and Python's) syntax, for checking derivatives:
/// automatic against central differences, or automatic against symbolic.
///
/// Each expression comes with the point it is meant to be differentiated
/// at, and is built so that the point lies away from kinks and poles: the
/// generator tracks every subexpression's value there and only uses `log`,
/// `sqrt`, `/`, `**` with a varying exponent on values safely inside their
/// domains, and `abs`, `relu`, `round`, `//`, `%`, `min`, `max` where the
/// value is at least `margin` from the nearest kink or jump.
public struct RandomExpressionGenerator {
  /// Which parts of the language an expression may use.
  public struct Options: Sendable {
    /// `np.exp(...)` and the other numpy members (needs `import numpy as np`).
    public var numpy = true
    /// `helper(...)`: a call of `RandomExpressionGenerator.helperSource`'s function.
    public var calls = true
    /// `a if a > b else b`: a conditional expression.
    public var conditionals = true
    /// The functions with kinks or jumps: abs, relu, round, //, %, min, max.
    public var piecewise = true
    public init() {}
  }

  /// One generated expression.
  public struct Sample: Sendable {
    /// The expression's text: `(x * y + 2.5) ** 2`.
    public var text: String
    /// Its variables, in the order the point lists them.
    public var variables: [String]
    /// Where to differentiate it.
    public var point: [Double]
    /// Its value there, as the generator computed it (for a sanity check).
    public var value: Double
    /// The operators and functions it uses, by name ("+", "exp", ...).
    public var uses: Set<String>
  }

  /// A `def` the expressions may call when `Options.calls` is set.
  public static let helperSource = "def helper(u): return u * u / 4 + tanh(u)"

  /// The names of everything an expression may use, for coverage checks.
  public static let allOperations: Set<String> = [
    "+", "-", "*", "/", "//", "%", "**", "**var", "neg", "sigmoid", "sigmoid_prime", "relu", "relu_prime",
    "tanh", "exp", "log", "sqrt", "abs", "round", "min", "max", "np.exp", "np.log", "np.sqrt", "np.square",
    "np.abs", "np.tanh", "helper", "if",
  ]

  private var state: UInt64
  public var options: Options
  /// How far from a kink, a jump or a domain edge a value must stay.
  public var margin = 0.05

  public init(seed: UInt64, options: Options = Options()) {
    state = seed
    self.options = options
  }

  /// A sample with one to three variables and up to `depth` levels of nesting.
  public mutating func sample(depth: Int = 4) -> Sample {
    let names = ["x", "y", "z"]
    let count = 1 + Int(next() % 3)
    let variables = Array(names.prefix(count))
    let point = variables.map { _ in (uniform() * 3 - 1.5).rounded(toPlaces: 3) }
    var uses: Set<String> = []
    for _ in 0..<50 {
      uses = []
      let term = expression(depth: depth, variables: variables, point: point, uses: &uses)
      if term.value.isFinite, abs(term.value) < 1e6, variables.allSatisfy({ term.text.contains($0) }) {
        return Sample(text: term.text, variables: variables, point: point, value: term.value, uses: uses)
      }
    }
    let text = variables.joined(separator: " * ")
    return Sample(text: text, variables: variables, point: point, value: point.reduce(1, *), uses: ["*"])
  }

  // MARK: - Building

  private struct Term {
    var text: String
    var value: Double
  }

  private mutating func expression(depth: Int, variables: [String], point: [Double], uses: inout Set<String>) -> Term {
    if depth <= 0 || next() % 5 == 0 {
      if next() % 3 == 0 {
        let c = (uniform() * 4 - 2).rounded(toPlaces: 2)
        return Term(text: c < 0 ? "(\(c))" : "\(c)", value: c)
      }
      let i = Int(next() % UInt64(variables.count))
      return Term(text: variables[i], value: point[i])
    }
    let a = expression(depth: depth - 1, variables: variables, point: point, uses: &uses)
    // Try operations until one fits the value at the point.
    for _ in 0..<8 {
      if let term = combine(a, depth: depth, variables: variables, point: point, uses: &uses) { return term }
    }
    return a
  }

  private mutating func combine(_ a: Term, depth: Int, variables: [String], point: [Double], uses: inout Set<String>)
    -> Term?
  {
    func use(_ name: String, _ text: String, _ value: Double) -> Term? {
      guard value.isFinite, abs(value) < 1e6 else { return nil }
      uses.insert(name)
      return Term(text: text, value: value)
    }
    let x = a.value
    let awayFromKink = abs(x) > margin
    let choice = next() % 30
    switch choice {
    case 0...5:
      let b = expression(depth: depth - 1, variables: variables, point: point, uses: &uses)
      switch choice {
      case 0: return use("+", "(\(a.text) + \(b.text))", x + b.value)
      case 1: return use("-", "(\(a.text) - \(b.text))", x - b.value)
      case 2, 3: return use("*", "(\(a.text) * \(b.text))", x * b.value)
      case 4:
        guard abs(b.value) > 0.2 else { return nil }
        return use("/", "(\(a.text) / \(b.text))", x / b.value)
      default:
        guard x > 0.2, abs(b.value) < 3 else { return nil }
        return use("**var", "(\(a.text) ** \(b.text))", pow(x, b.value))
      }
    case 6:
      let n = 2 + Int(next() % 2)
      guard abs(x) < 50 else { return nil }
      return use("**", "(\(a.text) ** \(n))", pow(x, Double(n)))
    case 7:
      guard x > 0.2 else { return nil }
      return use("**", "(\(a.text) ** 0.5)", pow(x, 0.5))
    case 8: return use("neg", "(-\(a.text))", -x)
    case 9: return use("sigmoid", "sigmoid(\(a.text))", 1 / (1 + exp(-x)))
    case 10:
      let s = 1 / (1 + exp(-x))
      return use("sigmoid_prime", "sigmoid_prime(\(a.text))", s * (1 - s))
    case 11: return use("tanh", "tanh(\(a.text))", tanh(x))
    case 12:
      guard x < 5 else { return nil }
      return use("exp", "exp(\(a.text))", exp(x))
    case 13:
      guard x > 0.2 else { return nil }
      return use("log", "log(\(a.text))", log(x))
    case 14:
      guard x > 0.2 else { return nil }
      return use("sqrt", "sqrt(\(a.text))", sqrt(x))
    default:
      break
    }
    if options.piecewise {
      switch choice {
      case 15:
        guard awayFromKink else { return nil }
        return use("abs", "abs(\(a.text))", abs(x))
      case 16:
        guard awayFromKink else { return nil }
        return use("relu", "relu(\(a.text))", max(0, x))
      case 17:
        guard awayFromKink else { return nil }
        return use("relu_prime", "(relu_prime(\(a.text)) + \(a.text))", (x > 0 ? 1 : 0) + x)
      case 18:
        let fraction = x - x.rounded(.down)
        guard abs(fraction - 0.5) > margin else { return nil }
        return use("round", "(round(\(a.text)) + \(a.text))", x.rounded(.toNearestOrEven) + x)
      case 19, 20:
        let c = [1.5, 2.5, 0.75][Int(next() % 3)]
        let q = x / c
        let fraction = q - q.rounded(.down)
        guard fraction > margin, fraction < 1 - margin else { return nil }
        if choice == 19 { return use("//", "((\(a.text) // \(c)) + \(a.text))", q.rounded(.down) + x) }
        return use("%", "(\(a.text) % \(c))", x - c * q.rounded(.down))
      case 21, 22:
        let b = expression(depth: depth - 1, variables: variables, point: point, uses: &uses)
        guard abs(x - b.value) > margin else { return nil }
        return choice == 21
          ? use("min", "min(\(a.text), \(b.text))", min(x, b.value))
          : use("max", "max(\(a.text), \(b.text))", max(x, b.value))
      default: break
      }
    }
    if options.numpy {
      switch choice {
      case 23:
        guard x < 5 else { return nil }
        return use("np.exp", "np.exp(\(a.text))", exp(x))
      case 24:
        guard x > 0.2 else { return nil }
        return use("np.log", "np.log(\(a.text))", log(x))
      case 25:
        guard x > 0.2 else { return nil }
        return use("np.sqrt", "np.sqrt(\(a.text))", sqrt(x))
      case 26:
        guard abs(x) < 100 else { return nil }
        return use("np.square", "np.square(\(a.text))", x * x)
      case 27:
        guard awayFromKink || !options.piecewise else { return nil }
        if !awayFromKink { return nil }
        return use("np.abs", "np.abs(\(a.text))", abs(x))
      case 28: return use("np.tanh", "np.tanh(\(a.text))", tanh(x))
      default: break
      }
    }
    if choice == 29 {
      if options.calls, next() % 2 == 0 { return use("helper", "helper(\(a.text))", x * x / 4 + tanh(x)) }
      if options.conditionals, awayFromKink {
        return use("if", "(\(a.text) * 2 if \(a.text) > 0 else \(a.text) * \(a.text))", x > 0 ? x * 2 : x * x)
      }
    }
    return nil
  }

  // MARK: - Random numbers (SplitMix64: small, seeded, the same everywhere)

  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
