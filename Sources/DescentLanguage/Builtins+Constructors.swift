import DescentEngine

extension Builtins {
  // MARK: Making vectors

  static let constructors: [Builtin] = [
    filled("zeros", 0), filled("ones", 1),
    Builtin(name: "range", arity: 1...3, summary: "range(n), range(a, b) or range(a, b, step): the integers a..<b as a vector") { args, context in
      if args.count == 3 { return try steppedRange(args, context) }
      let low = args.count == 2 ? try integer(args[0], context, 0, "range") : 0
      let high = try integer(args[args.count - 1], context, args.count - 1, "range")
      let count = max(0, high - low)
      guard count <= context.session.maxTensorElements else {
        throw tooLarge(count, context)
      }
      return .tensor(Tensor((0..<count).map { Double(low + $0) }), integral: true)
    },
    Builtin(name: "random", arity: 0...2, summary: "random(), random(n), random(r, c): uniform numbers in [0, 1); 'seed N' resets") { args, context in
      let session = context.session
      if args.isEmpty { return .float(session.random.nextUniform()) }
      let shape = try args.indices.map { try integer(args[$0], context, $0, "random") }
      let count = try elementCount(shape, context)
      var scalars: [Double] = []
      scalars.reserveCapacity(count)
      for _ in 0..<count { scalars.append(session.random.nextUniform()) }
      return .tensor(try makeTensor(shape, scalars, context), integral: false)
    },
  ]

  static func filled(_ name: String, _ value: Double) -> Builtin {
    Builtin(name: name, arity: 1...2, summary: "\(name)(n) or \(name)(r, c): a vector or matrix of \(Int(value))s") { args, context in
      let shape = try args.indices.map { try integer(args[$0], context, $0, name) }
      let count = try elementCount(shape, context)
      return .tensor(try makeTensor(shape, Array(repeating: value, count: count), context), integral: false)
    }
  }

  static func elementCount(_ shape: [Int], _ context: BuiltinContext) throws -> Int {
    var count = 1
    for (i, n) in shape.enumerated() {
      guard n >= 0 else {
        throw Diagnostic("a size cannot be negative, found \(n)", at: context.argumentRange(i))
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: n)
      guard !overflow, product <= context.session.maxTensorElements else {
        throw tooLarge(overflow ? Int.max : product, context)
      }
      count = product
    }
    return count
  }

  static func tooLarge(_ count: Int, _ context: BuiltinContext) -> Diagnostic {
    Diagnostic(
      "\(count == Int.max ? "that many" : String(count)) elements is over the limit of \(context.session.maxTensorElements)",
      at: context.range, notes: ["the limit keeps one line from eating the machine's memory"])
  }

  static func makeTensor(_ shape: [Int], _ scalars: [Double], _ context: BuiltinContext) throws -> Tensor {
    do {
      return try Tensor(shape: shape, scalars: scalars)
    } catch let error as TensorError {
      throw Operators.shapeError(error, at: context.range)
    }
  }

  // MARK: Using what was trained

  static let predictions: [Builtin] = [
    Builtin(name: "predict", arity: 1...1, summary: "predict(x): what the network (or weight/weights) predicts for x") { args, context in
      try context.session.domain.predict(args[0], at: context.range)
    }
  ]

  // MARK: Conversions

  static let conversions: [Builtin] = [
    Builtin(name: "str", arity: 1...1, summary: "str(x): x as text, exactly as print writes it") { args, context in
      .string(args[0].formatted(context.session.digits))
    },
    Builtin(name: "float", arity: 1...1, summary: "float(x): x as a float") { args, context in
      switch args[0] {
      case .string(let s):
        guard let x = Double(s.trimmingSpaces()) else {
          throw Diagnostic("could not read '\(s)' as a number", at: context.argumentRange(0))
        }
        return .float(x)
      case .tensor(let t, _): return .tensor(t, integral: false)
      default: return .float(try number(args[0], context, 0, "float"))
      }
    },
    Builtin(name: "int", arity: 1...1, summary: "int(x): x without its fraction, toward zero") { args, context in
      if case .string(let s) = args[0] {
        guard let n = Int(s.trimmingSpaces()) else {
          throw Diagnostic("invalid literal for int(): '\(s)'", at: context.argumentRange(0))
        }
        return .int(n)
      }
      let x = try number(args[0], context, 0, "int")
      guard x.isFinite, Swift.abs(x) < 9.2e18 else {
        throw Diagnostic("cannot turn \(args[0].repr) into an integer", at: context.range)
      }
      return .int(Int(x))
    },
  ]

  // MARK: Argument helpers

  static func number(_ value: Value, _ context: BuiltinContext, _ i: Int, _ name: String) throws -> Double {
    switch value {
    case .int(let n): return Double(n)
    case .float(let x): return x
    case .bool(let b): return b ? 1 : 0
    case .traced(let t) where t.scalar != nil: return t.scalar ?? 0
    default:
      throw Diagnostic(
        "\(name)() needs a number, found \(value.aKindName)", at: context.argumentRange(i))
    }
  }

  /// A list or tuple of numbers as a vector (`sum([1, 2])` after `append`).
  static func numbers(_ value: Value, _ context: BuiltinContext, _ i: Int) throws -> Value {
    switch value {
    case .list(let items), .tuple(let items):
      if items.isEmpty { return .tensor(Tensor([Double]()), integral: true) }
      return try Operators.vector(items, at: context.argumentRange(i), limit: context.session.maxTensorElements)
    default: return value
    }
  }

  static func integer(_ value: Value, _ context: BuiltinContext, _ i: Int, _ name: String) throws -> Int {
    if case .int(let n) = value { return n }
    if case .float(let x) = value.untraced, x.rounded() == x, Swift.abs(x) < 9e18 { return Int(x) }
    throw Diagnostic(
      "\(name)() needs a whole number, found \(value.repr)", at: context.argumentRange(i))
  }

  static func tensor(_ value: Value, _ context: BuiltinContext, _ i: Int, _ name: String) throws -> (Tensor, Bool) {
    switch value {
    case .tensor(let t, let integral): return (t, integral)
    case .int(let n): return (Tensor([Double(n)]), true)
    case .float(let x): return (Tensor([x]), false)
    default:
      throw Diagnostic(
        "\(name)() needs a vector or matrix, found \(value.aKindName)", at: context.argumentRange(i))
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
