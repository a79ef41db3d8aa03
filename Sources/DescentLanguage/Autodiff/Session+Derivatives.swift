import DescentEngine

/// What a session remembers of its derivatives: the last call's tape, for
/// `show graph`.
struct DerivativeRecord {
  /// The tape of the last `derivative` or `gradient`, with its gradients filled in.
  var lastTape: Tape?
  /// The names of that call's arguments, for the graph's leaves.
  var argumentNames: [String] = []
  /// Graphviz's `dot` for `show graph`: nil to look for it on the PATH.
  var graphvizProgram: String?
}

extension Session {
  /// The Graphviz `dot` program `show graph` runs; nil (the default) finds
  /// it on the PATH. A path where there is no program makes `show graph`
  /// fall back to its text tree, as on a machine without Graphviz.
  public var graphvizProgram: String? {
    get { derivatives.graphvizProgram }
    set { derivatives.graphvizProgram = newValue }
  }

  /// Calls a function with traced arguments and gives its value and one
  /// gradient per argument (a float for a number, a vector of the same
  /// shape for a vector), by reverse-mode automatic differentiation
  /// through the interpreter's own operations.
  ///
  /// - Parameters:
  ///   - function: a user `def`, or a built-in as a value (`sigmoid`, `np.exp`).
  ///   - arguments: numbers, or vectors (lists of numbers, tensors, arrays).
  ///   - range: where the call is, for diagnostics.
  ///   - argumentRanges: where each argument is, to point at a bad one.
  /// - Throws: a located `Diagnostic` for a non-function, a wrong number
  ///   of arguments, an argument that is not a number or vector, and a
  ///   function that returns nothing or something other than a number.
  func valueAndGradient(
    of function: Value, at arguments: [Value], range: SourceRange, argumentRanges: [SourceRange] = []
  ) throws -> (value: Double, gradient: [Value]) {
    func argumentRange(_ i: Int) -> SourceRange { i < argumentRanges.count ? argumentRanges[i] : range }
    let functionRange = argumentRanges.first ?? range
    let names = try parameterNames(of: function, count: arguments.count, at: range, functionRange: functionRange)
    let tape = Tape()
    defer { tape.isRecording = false }
    var traced: [Value] = []
    for (i, argument) in arguments.enumerated() {
      traced.append(try Session.leaf(argument, named: names[i], on: tape, at: argumentRange(i + 1)))
    }
    let result = try call(function, traced, at: range, calleeRange: functionRange)
    tape.isRecording = false
    let name = Session.functionName(function)
    if tape.isFull {
      throw Diagnostic(
        "\(name)() did more than \(Tape.maxNodes) operations on its arguments, too many to differentiate", at: range)
    }
    let output: Int
    switch result {
    case .traced(let t) where t.tape === tape && t.scalar != nil:
      output = t.node
    case .int, .float, .bool:
      // A function that does not depend on its arguments: its slope is 0.
      output = (tape.record("const", .scalar(result.number ?? (result.isTruthy ? 1 : 0)), rule: .leaf)).tracedNode
    case .none:
      throw Diagnostic(
        "\(name)() returns nothing, so it has no derivative", at: range,
        notes: ["end the function with return and the number to differentiate: return (x - 3) ** 2"])
    default:
      throw Diagnostic(
        "\(name)() returns \(result.untraced.aKindName); a derivative needs a function that returns one number",
        at: range,
        notes: ["to descend a vector of errors, return one number made of it: return sum(errors ** 2)"])
    }
    tape.backward(from: output)
    derivatives.lastTape = tape
    derivatives.argumentNames = names
    let gradient: [Value] = (0..<traced.count).map { i in
      switch tape.gradient(of: i) {
      case .scalar(let g): return .float(g)
      case .tensor(let t): return .tensor(t, integral: false)
      }
    }
    return (tape.value(of: output)[0], gradient)
  }

  /// The names of a function's parameters (x0, x1, ... for a built-in),
  /// after checking that it is a function taking `count` arguments.
  private func parameterNames(of function: Value, count: Int, at range: SourceRange, functionRange: SourceRange) throws
    -> [String]
  {
    switch function {
    case .function(let f):
      guard f.parameterCount == count else {
        let s = f.parameterCount == 1 ? "" : "s"
        throw Diagnostic(
          "\(f.name)() takes \(f.parameterCount) argument\(s), given \(count)", at: range,
          notes: ["give one point per parameter: derivative(f, x) for f(x), gradient(f, a, b) for f(a, b)"])
      }
      return f.parameterNames.count == count ? f.parameterNames : (0..<count).map { "x\($0)" }
    case .native(let native):
      if let builtin = Builtins.table[native.name], !builtin.arity.contains(count) {
        throw Diagnostic(
          "\(native.name)() cannot take \(count) argument\(count == 1 ? "" : "s")", at: range, notes: [builtin.summary])
      }
      return count == 1 ? ["x"] : (0..<count).map { "x\($0)" }
    case .traced:
      throw Diagnostic(
        "a derivative of a derivative is not covered", at: functionRange)
    default:
      throw Diagnostic(
        "\(function.aKindName) is not a function, so it has no derivative", at: functionRange,
        notes: ["define one first: def f(x): return x ** 2, then derivative(f, 3)"])
    }
  }

  /// An argument as a leaf of the tape: a number or a vector of numbers.
  private static func leaf(_ argument: Value, named name: String, on tape: Tape, at range: SourceRange) throws -> Value {
    switch argument {
    case .int, .float:
      return tape.record(name, .scalar(argument.number ?? 0), rule: .leaf)
    case .tensor(let t, _), .ndarray(let t, _):
      return tape.record(name, .tensor(t), rule: .leaf)
    case .list(let items) where !items.isEmpty && items.allSatisfy({ $0.number != nil && !$0.isTraced }):
      return tape.record(name, .tensor(Tensor(items.map { $0.number ?? 0 })), rule: .leaf)
    case .traced:
      throw Diagnostic(
        "a derivative of a derivative is not covered: this argument is itself being differentiated", at: range)
    default:
      throw Diagnostic(
        "cannot differentiate at \(argument.aKindName) (\(argument.repr)); the point must be a number or a vector of numbers",
        at: range)
    }
  }

  static func functionName(_ function: Value) -> String {
    switch function {
    case .function(let f): return f.name
    case .native(let n): return n.name
    default: return "f"
    }
  }
}

extension Value {
  /// The tape node of a traced value (-1 for anything else).
  var tracedNode: Int {
    if case .traced(let t) = self { return t.node }
    return -1
  }
}

extension Builtins {
  /// `derivative(f, x)` and `gradient(f, ...)`: exact slopes by automatic differentiation.
  static let derivatives: [Builtin] = [
    Builtin(
      name: "derivative", arity: 2...2,
      summary: "derivative(f, x): the slope of f at x, exact (automatic differentiation)"
    ) { args, context in
      guard args[1].number != nil || args[1].isTraced else {
        switch args[1] {
        case .tensor, .ndarray, .list:
          throw Diagnostic(
            "derivative(f, x) takes one number, found \(args[1].aKindName)", at: context.argumentRange(1),
            notes: ["for a function of a vector use gradient(f, v)"])
        default: break
        }
        throw Diagnostic(
          "derivative(f, x) needs a number for x, found \(args[1].aKindName)", at: context.argumentRange(1),
          notes: ["for a function of several numbers use gradient(f, a, b, ...)"])
      }
      let (_, gradient) = try context.session.valueAndGradient(
        of: args[0], at: [args[1]], range: context.range, argumentRanges: context.argumentRanges)
      return gradient[0]
    },
    Builtin(
      name: "gradient", arity: 2...Int.max,
      summary: "gradient(f, a, b, ...): the vector of f's partial derivatives at (a, b, ...); gradient(f, v) for f of a vector"
    ) { args, context in
      let (_, gradient) = try context.session.valueAndGradient(
        of: args[0], at: Array(args.dropFirst()), range: context.range, argumentRanges: context.argumentRanges)
      if gradient.count == 1, case .tensor = gradient[0] { return gradient[0] }
      guard gradient.contains(where: { $0.number == nil }) else {
        return .tensor(Tensor(gradient.map { $0.number ?? 0 }), integral: false)
      }
      // A vector among the points: one slope per argument, each shaped as
      // its argument, as a list (the vector's slopes had been read as 0).
      return .list(gradient)
    },
  ]
}
