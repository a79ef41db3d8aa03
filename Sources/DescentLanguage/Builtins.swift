#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

/// What a built-in function sees of its call: the session and where the
/// call and each argument are, for error messages.
struct BuiltinContext {
  unowned let session: Session
  let range: SourceRange
  let argumentRanges: [SourceRange]

  func argumentRange(_ i: Int) -> SourceRange { i < argumentRanges.count ? argumentRanges[i] : range }
}

/// A function every session has: `sigmoid`, `round`, `sum`, ...
struct Builtin: Sendable {
  let name: String
  let arity: ClosedRange<Int>
  /// One line for `:help` and completion: the call and what it gives.
  let summary: String
  let body: @Sendable ([Value], BuiltinContext) throws -> Value

  func call(_ arguments: [Value], _ context: BuiltinContext) throws -> Value {
    // A numpy array goes in as a tensor, and a tensor result comes back
    // as an array (np.exp of an array is an array).
    if arguments.contains(where: \.holdsTraced) { return try Autodiff.builtin(self, arguments, context) }
    if !Builtins.seeArrays.contains(name), arguments.contains(where: { if case .ndarray = $0 { true } else { false } }) {
      return try call(arguments.map { $0.withoutArray.0 }, context).asArray
    }
    guard arity.contains(arguments.count) else {
      let expected =
        arity.lowerBound == arity.upperBound
        ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
        : "\(arity.lowerBound) to \(arity.upperBound) arguments"
      throw Diagnostic(
        "\(name)() takes \(expected), given \(arguments.count)", at: context.range, notes: [summary])
    }
    return try body(arguments, context)
  }
}

/// The table of built-in functions.
enum Builtins {
  static let table: [String: Builtin] = {
    var table: [String: Builtin] = [:]
    for builtin in all { table[builtin.name] = builtin }
    return table
  }()

  /// Built-ins that take a numpy array as it is (to print it, or to
  /// walk its items), not as a tensor.
  static let seeArrays: Set<String> = ["repr", "str", "list", "tuple", "bool", "zip", "enumerate", "sorted", "reversed", "len"]

  static let all: [Builtin] = elementwise + reductions + constructors + predictions + conversions + python + derivatives

  // MARK: Elementwise math

  static func mathFunction(
    _ name: String, _ summary: String, domain: (@Sendable (Double) -> String?)? = nil,
    _ f: @escaping @Sendable (Double) -> Double
  ) -> Builtin {
    Builtin(name: name, arity: 1...1, summary: summary) { args, context in
      switch args[0] {
      case .tensor(let t, _): return .tensor(t.map(f), integral: false)
      default:
        let x = try number(args[0], context, 0, name)
        if let problem = domain?(x) {
          throw Diagnostic("\(name)(\(args[0].repr)): \(problem)", at: context.range)
        }
        return .float(f(x))
      }
    }
  }

  static let elementwise: [Builtin] = [
    mathFunction("sigmoid", "sigmoid(x): 1 / (1 + exp(-x)), elementwise") { Activation.sigmoid($0) },
    mathFunction("sigmoid_prime", "sigmoid_prime(x): the sigmoid's slope at x, at most 0.25") {
      Activation.sigmoid.derivative($0)
    },
    mathFunction("relu", "relu(x): max(0, x), elementwise") { Activation.relu($0) },
    mathFunction("relu_prime", "relu_prime(x): 1 where x > 0, else 0") { Activation.relu.derivative($0) },
    mathFunction("tanh", "tanh(x): the hyperbolic tangent") { Activation.tanh($0) },
    mathFunction("exp", "exp(x): e to the power x") { Glibc.exp($0) },
    mathFunction("log", "log(x): the natural logarithm", domain: { $0 > 0 ? nil : "log needs a positive number" }) {
      Glibc.log($0)
    },
    mathFunction("sin", "sin(x): the sine of x (radians), elementwise") { Glibc.sin($0) },
    mathFunction("cos", "cos(x): the cosine of x (radians), elementwise") { Glibc.cos($0) },
    mathFunction("tan", "tan(x): the tangent of x (radians), elementwise") { Glibc.tan($0) },
    mathFunction("sqrt", "sqrt(x): the square root", domain: { $0 >= 0 ? nil : "sqrt needs a number ≥ 0" }) {
      Glibc.sqrt($0)
    },
    Builtin(name: "abs", arity: 1...1, summary: "abs(x): the magnitude of x") { args, context in
      switch args[0] {
      case .int(let n):
        if n == Int.min { throw Diagnostic("integer overflow in abs()", at: context.range) }
        return .int(Swift.abs(n))
      case .tensor(let t, let integral): return .tensor(t.map { Swift.abs($0) }, integral: integral)
      default: return .float(Swift.abs(try number(args[0], context, 0, "abs")))
      }
    },
    Builtin(name: "round", arity: 1...2, summary: "round(x, n): x rounded to n decimals, as Python 3 rounds") { args, context in
      if args.count == 1 {
        // round(x) gives an integer, ties to even (Python 3).
        if case .int = args[0] { return args[0] }
        let x = try number(args[0], context, 0, "round")
        guard x.isFinite, Swift.abs(x) < 9.2e18 else {
          throw Diagnostic("cannot round \(args[0].repr) to an integer", at: context.range)
        }
        return .int(Int(x.rounded(.toNearestOrEven)))
      }
      let digits = try integer(args[1], context, 1, "round")
      switch args[0] {
      case .int: return args[0]  // Python: round(7, 2) is 7
      case .tensor(let t, _): return .tensor(t.map { pythonRound($0, digits) }, integral: false)
      default: return .float(pythonRound(try number(args[0], context, 0, "round"), digits))
      }
    },
  ]

  // MARK: Reductions and products

  static let reductions: [Builtin] = [
    Builtin(name: "sum", arity: 1...1, summary: "sum(v): the sum of the elements") { args, context in
      let (t, integral) = try tensor(try numbers(args[0], context, 0), context, 0, "sum")
      let s = t.sum()
      return integral && Swift.abs(s) < 9e15 ? .int(Int(s)) : .float(s)
    },
    Builtin(name: "mean", arity: 1...1, summary: "mean(v): the average of the elements") { args, context in
      let (t, _) = try tensor(args[0], context, 0, "mean")
      guard t.count > 0 else { throw Diagnostic("mean() of an empty vector", at: context.range) }
      return .float(t.mean())
    },
    extremum("min", "min(v) or min(a, b, ...): the smallest") { $0 < $1 },
    extremum("max", "max(v) or max(a, b, ...): the largest") { $0 > $1 },
    Builtin(name: "len", arity: 1...1, summary: "len(v): the number of elements (rows of a matrix)") { args, context in
      switch args[0] {
      case .tensor(let t, _), .ndarray(let t, _): return .int(t.shape[0])
      case .list(let items), .tuple(let items): return .int(items.count)
      case .string(let s): return .int(s.count)
      case .table(let table): return .int(table.rowCount)
      default: throw Diagnostic("len() of \(args[0].aKindName)", at: context.range)
      }
    },
    Builtin(name: "shape", arity: 1...1, summary: "shape(m): [rows, columns], or [n] for a vector") { args, context in
      let (t, _) = try tensor(args[0], context, 0, "shape")
      return .tensor(Tensor(t.shape.map(Double.init)), integral: true)
    },
    Builtin(name: "dot", arity: 2...2, summary: "dot(a, b): the dot or matrix product, as a @ b") { args, context in
      try Operators.binary(.matmul, args[0], args[1], at: context.range)
    },
    Builtin(name: "outer", arity: 2...2, summary: "outer(a, b): the matrix a[i] * b[j]") { args, context in
      let (a, _) = try tensor(args[0], context, 0, "outer")
      let (b, _) = try tensor(args[1], context, 1, "outer")
      do {
        return .tensor(try a.outer(b), integral: false)
      } catch let error as TensorError {
        throw Operators.shapeError(error, at: context.range)
      }
    },
    Builtin(name: "transpose", arity: 1...1, summary: "transpose(m): rows become columns") { args, context in
      let (t, integral) = try tensor(args[0], context, 0, "transpose")
      return .tensor(t.transposed(), integral: integral)
    },
  ]

  static func extremum(_ name: String, _ summary: String, _ better: @escaping @Sendable (Double, Double) -> Bool) -> Builtin {
    Builtin(name: name, arity: 1...Int.max, summary: summary) { args, context in
      if args.count == 1 {
        let (t, integral) = try tensor(try numbers(args[0], context, 0), context, 0, name)
        guard var best = t.scalars.first else {
          throw Diagnostic("\(name)() of an empty vector", at: context.range)
        }
        for x in t.scalars.dropFirst() where better(x, best) || x.isNaN { best = x }
        return Value.element(best, integral: integral)
      }
      var best = args[0]
      for (i, arg) in args.enumerated() {
        let x = try number(arg, context, i, name)
        if let b = best.number, better(x, b) { best = arg }
      }
      return best
    }
  }
}
