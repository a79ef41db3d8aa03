#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

/// The backward rules of the built-in functions (and numpy's members of the
/// same names). A built-in with no rule here sees a traced argument as its
/// number: `round`, `len`, `str` and the like have slope 0 or none.
extension Autodiff {
  /// The slope of each elementwise built-in at x, given its value y there.
  static let elementwiseSlopes: [String: @Sendable (_ x: Double, _ y: Double) -> Double] = [
    "sigmoid": { _, y in y * (1 - y) },
    "sigmoid_prime": { x, _ in
      let s = Activation.sigmoid(x)
      return s * (1 - s) * (1 - 2 * s)
    },
    // PyTorch's convention: relu has slope 0 at 0, as abs has.
    "relu": { x, _ in x > 0 ? 1 : 0 },
    "relu_prime": { _, _ in 0 },
    "tanh": { _, y in 1 - y * y },
    "exp": { _, y in y },
    "log": { x, _ in 1 / x },
    "sqrt": { _, y in 0.5 / y },
    "square": { x, _ in 2 * x },
    "sin": { x, _ in cos(x) },
    "cos": { x, _ in -sin(x) },
    "tan": { _, y in 1 + y * y },
    "abs": { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 },
    "absolute": { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 },
  ]

  /// A built-in called with a traced argument.
  static func builtin(_ builtin: Builtin, _ arguments: [Value], _ context: BuiltinContext) throws -> Value {
    let plain = arguments.map(\.untracedItems)
    let tape = arguments.lazy.flatMap { value -> [Value] in
      if case .list(let items) = value { return items }
      return [value]
    }.compactMap { value -> Tape? in
      if case .traced(let t) = value, t.tape.isRecording { return t.tape }
      return nil
    }.first
    guard let tape else { return try builtin.call(plain, context) }
    let name = builtin.name
    switch name {
    case _ where elementwiseSlopes[name] != nil && arguments.count == 1:
      return try elementwise(name, arguments[0], result: try builtin.call(plain, context), on: tape)
    case "sum", "mean":
      let argument = try gathered(arguments[0], on: tape, at: context.argumentRange(0))
      if arguments.count == 1, case .scalar = TapeData(argument) {
        // The sum or mean of one number is that number.
        let result = try builtin.call([argument.untraced], context)
        guard let out = TapeData(result) else { return result }
        return tape.record(name, out, inputs: tape.node(of: argument), rule: .local(.scalar(1), .scalar(0)))
      }
      guard arguments.count == 1, case .tensor(let t) = TapeData(argument.untraced) else {
        return try builtin.call(plain, context)
      }
      let result = try builtin.call([argument.untraced], context)
      guard let out = TapeData(result), t.count > 0 else { return result }
      let scale = name == "sum" ? 1.0 : 1.0 / Double(t.count)
      return tape.record(name, out, inputs: tape.node(of: argument), rule: .sum(scale: scale))
    case "dot":
      guard arguments.count == 2 else { return try builtin.call(plain, context) }
      return try binary(.matmul, arguments[0], arguments[1], at: context.range)
    case "min", "max":
      return try extremum(name, arguments, builtin, context, on: tape)
    case "derivative", "gradient":
      throw Diagnostic(
        "a derivative of a derivative (a second derivative) is not covered", at: context.range,
        notes: ["\(name) works on a function of plain numbers, not inside another derivative"])
    case "float":
      // float(x) is x: the number goes on, its slope with it.
      guard arguments.count == 1, arguments[0].isTraced, case .scalar = TapeData(arguments[0]) else {
        return try builtin.call(plain, context)
      }
      return arguments[0]
    case "transpose" where arguments.count == 1:
      return try transposed(arguments[0], on: tape, at: context.range)
    case "outer" where arguments.count == 2:
      let result = try builtin.call(plain, context)
      guard let p = TapeData(plain[0]), let q = TapeData(plain[1]) else { return result }
      return try matmul(
        result, p, q, on: tape, inputs: (tape.node(of: arguments[0]), tape.node(of: arguments[1])),
        constants: (plain[0], plain[1]), outer: true, at: context.range)
    case "list", "tuple", "zip", "enumerate", "reversed":
      // Walked element by element, each element still traced (as a for loop does).
      let walked = try arguments.map { argument -> Value in
        guard case .traced(let t) = argument, case .tensor = t.data else { return argument }
        return .list(try Compiler.elements(of: argument, at: context.range))
      }
      return try builtin.body(walked, context)
    case _ where flatBuiltins.contains(name):
      return try builtin.call(plain, context)
    default:
      // Anything else would hand back plain numbers and a silent slope of 0.
      throw notCovered("\(name)() of a value being differentiated", at: context.range)
    }
  }

  /// Built-ins whose result does not move with a traced argument (slope 0
  /// or none): they see its number.
  static let flatBuiltins: Set<String> = [
    "round", "int", "len", "shape", "str", "repr", "bool", "range", "relu_prime", "random",
  ]

  /// The transpose of a traced value: a number or vector is its own, a
  /// matrix's rows become columns.
  static func transposed(_ value: Value, on tape: Tape, at range: SourceRange) throws -> Value {
    guard case .traced(let t) = value else { return value }
    // A traced value kept after its call is its numbers: no more nodes on a finished tape.
    guard t.tape.isRecording else { return try Operators.member(t.plain, "T", at: range) }
    guard case .tensor(let tensor) = t.data, tensor.rank == 2 else { return value }
    let (rows, columns) = (tensor.shape[0], tensor.shape[1])
    return tape.record(
      "T", .tensor(tensor.transposed()), inputs: t.node, rule: .transpose(rows: rows, columns: columns))
  }

  /// An elementwise function of a traced value, given its plain result.
  static func elementwise(_ name: String, _ argument: Value, result: Value, on tape: Tape) throws -> Value {
    guard let slope = elementwiseSlopes[name], let x = TapeData(argument), let out = TapeData(result) else {
      return result
    }
    let slopes = slopes(out, out.count) { k in slope(x[k], out[k]) }
    return tape.record(name, out, inputs: tape.node(of: argument), rule: .local(slopes, .scalar(0)))
  }

  /// `min(a, b, ...)` and `max(...)` give back the argument they pick (so
  /// the gradient flows to it); `min(v)` of a traced vector, its element.
  static func extremum(
    _ name: String, _ arguments: [Value], _ builtin: Builtin, _ context: BuiltinContext, on tape: Tape
  ) throws -> Value {
    let better: (Double, Double) -> Bool = name == "min" ? { $0 < $1 } : { $0 > $1 }
    if arguments.count == 1 {
      let argument = try gathered(arguments[0], on: tape, at: context.argumentRange(0))
      // The largest (or smallest) of one number is that number, its slope with it.
      if argument.isTraced, case .scalar? = TapeData(argument) { return argument }
      guard case .tensor(let t) = TapeData(argument.untraced), t.rank == 1, !t.scalars.isEmpty else {
        if argument.isTraced, case .tensor(let t)? = TapeData(argument), t.rank > 1 {
          throw notCovered("\(name)() of a matrix", at: context.range)
        }
        return try builtin.call([argument.untraced], context)
      }
      var best = 0
      for (k, x) in t.scalars.enumerated() where better(x, t.scalars[best]) || x.isNaN { best = k }
      return tape.record("\(name)", .scalar(t.scalars[best]), inputs: tape.node(of: argument), rule: .element(best))
    }
    var best = arguments[0]
    for (i, argument) in arguments.enumerated() {
      let x = try Builtins.number(argument.untraced, context, i, name)
      if let b = best.untraced.number, better(x, b) { best = argument }
    }
    return best
  }

  /// A list of values some of which are traced, as one traced vector
  /// (`sum([a * a, b])`); anything else as it is.
  static func gathered(_ value: Value, on tape: Tape, at range: SourceRange) throws -> Value {
    guard case .list(let items) = value, items.contains(where: \.isTraced) else { return value }
    return try stack(items, on: tape, at: range)
  }

  /// A vector written with traced numbers among its elements (`[a, b]`).
  static func stack(_ items: [Value], on tape: Tape, at range: SourceRange) throws -> Value {
    var scalars: [Double] = []
    var inputs: [Int] = []
    for item in items {
      guard let x = item.untraced.number else {
        throw notCovered("a vector of \(item.aKindName) values", at: range)
      }
      scalars.append(x)
      inputs.append(tape.node(of: item))
    }
    return tape.record("vector", .tensor(Tensor(scalars)), rule: .stack(inputs))
  }

  /// `v[i]` of a traced vector: element i, its gradient flowing back to
  /// that element only.
  static func index(_ base: Value, _ index: Value, at range: SourceRange, indexRange: SourceRange) throws -> Value {
    let position = index.isTraced ? index.untraced.asIndex : index
    let result = try Operators.index(base.untraced, position, at: range, indexRange: indexRange)
    guard case .traced(let t) = base, t.tape.isRecording, case .tensor(let tensor) = t.data else { return result }
    if tensor.rank == 2, case .tensor(let row, _) = result, case .int = position {
      // m[i]: row i, the gradient flowing back to that row only.
      let i = try Operators.position(position, count: tensor.shape[0], at: indexRange, what: base.kindName)
      let columns = tensor.shape[1]
      return t.tape.record("[\(i)]", .tensor(row), inputs: t.node, rule: .slice(start: i * columns, count: columns))
    }
    guard tensor.rank == 1, case .float(let x) = result else {
      if TapeData(result) != nil { throw notCovered("this indexing of a tensor (a slice, or a tensor as index)", at: range) }
      return result
    }
    let k = try Operators.position(position, count: tensor.count, at: indexRange, what: base.kindName)
    return t.tape.record("[\(k)]", .scalar(x), inputs: t.node, rule: .element(k))
  }
}

extension Autodiff {
  /// `v[i] = value` where the vector or the value is traced: the vector
  /// made again from its elements, one of them replaced (nil when neither
  /// is traced, or the vector is not one the tape follows).
  static func settingElement(
    of base: Value, _ index: Value, to value: Value, at range: SourceRange, indexRange: SourceRange
  ) throws -> Value? {
    guard base.isTraced || value.isTraced, let tape = recordingTape(base, value),
      case .tensor(let t) = TapeData(base.untraced), t.rank == 1
    else { return nil }
    let position = index.isTraced ? index.untraced.asIndex : index
    let k = try Operators.position(position, count: t.count, at: indexRange, what: base.kindName)
    guard value.untraced.number != nil else {
      throw Diagnostic("a vector holds numbers; cannot store \(value.aKindName) in it", at: range)
    }
    var items: [Value] = []
    for i in 0..<t.count {
      items.append(i == k ? value : try Operators.index(base, .int(i), at: range, indexRange: indexRange))
    }
    return try stack(items, on: tape, at: range)
  }
}

extension Value {
  /// A whole float as an integer, for a traced number used as an index.
  var asIndex: Value {
    if case .float(let x) = self, x.rounded() == x, x.magnitude < 9e18 { return .int(Int(x)) }
    return self
  }
}

extension Autodiff {
  /// A method of a traced vector (`v.sum()`, `v.dot(w)`): the built-in or
  /// operator it stands for, so the slope flows through; nil for a method
  /// the tape does not follow (the caller reports it).
  static func method(_ receiver: Value, _ method: String, _ call: NativeArguments, at range: SourceRange) throws -> Value? {
    guard case .traced(let t) = receiver, t.tape.isRecording else { return nil }
    let context = call.context
    switch method {
    case "sum", "mean", "max", "min":
      guard call.positional.isEmpty, call.keywords.isEmpty, let builtin = Builtins.table[method] else {
        throw notCovered("\(method)() along an axis", at: range)
      }
      return try Autodiff.builtin(builtin, [receiver], context)
    case "dot":
      try call.check(positional: 1, keywords: [])
      return try binary(.matmul, receiver, try call.required(0, "b"), at: context.range)
    case "copy":
      return receiver
    case "tolist":
      guard case .tensor = t.data else { return receiver }
      return .list(try Compiler.elements(of: receiver, at: range))
    case "item":
      switch t.data {
      case .scalar: return receiver
      case .tensor(let tensor) where tensor.count == 1:
        return t.tape.record("item", .scalar(tensor.scalars[0]), inputs: t.node, rule: .element(0))
      case .tensor(let tensor):
        throw Diagnostic("item() needs an array of one element, this has \(tensor.count)", at: range)
      }
    default:
      return nil
    }
  }
}
