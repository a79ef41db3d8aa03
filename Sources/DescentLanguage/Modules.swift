#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

/// The modules `import` can bind: numpy, with the members the course's
/// listings use, each the engine's own operation, and Python's math.
enum Modules {
  /// What `import` knows, for the error an unknown module gets.
  static let known = "numpy (import numpy as np; from numpy import array, dot, exp, ...), math (import math; math.sin, math.pi, ...)"

  /// The module `name`, or nil when Descent has none of that name.
  static func module(_ name: String, session: Session) -> PythonModule? {
    switch name {
    case "numpy": return numpy(session)
    case "math": return math()
    default: return nil
    }
  }

  static func numpy(_ session: Session) -> PythonModule {
    var members: [String: Value] = [
      "pi": .float(Double.pi), "e": .float(M_E), "newaxis": .none,
      "array": function("array", "np.array(x): x as an array") { call in
        try call.check(positional: 1, keywords: ["dtype"])
        return try asArray(try call.required(0, "object"), call, 0)
      },
      "zeros": filled("zeros", 0), "ones": filled("ones", 1),
      "dot": function("dot", "np.dot(a, b): the dot or matrix product") { call in
        try call.check(positional: 2, keywords: [])
        let a = try asArray(try call.required(0, "a"), call, 0)
        let b = try asArray(try call.required(1, "b"), call, 1)
        // With a number on either side, np.dot multiplies.
        let op: BinaryOperator = a.number != nil || b.number != nil ? .multiply : .matmul
        return try Operators.binary(op, a, b, at: call.context.range)
      },
      "sum": reduction("sum") { numpySum($0) },
      "mean": reduction("mean") { $0.isEmpty ? .nan : numpySum($0) / Double($0.count) },
      // NaN wins, as numpy's max and min propagate it.
      "max": reduction("max") { $0.contains(where: \.isNaN) ? .nan : $0.max() ?? .nan },
      "min": reduction("min") { $0.contains(where: \.isNaN) ? .nan : $0.min() ?? .nan },
      "transpose": function("transpose", "np.transpose(a): rows become columns") { call in
        try call.check(positional: 1, keywords: [])
        return try Operators.member(try asArray(try call.required(0, "a"), call, 0), "T", at: call.context.range)
      },
      "outer": function("outer", "np.outer(a, b): the matrix a[i] * b[j]") { call in
        try call.check(positional: 2, keywords: [])
        return try builtin("outer", call).asArray
      },
    ]
    for (name, f) in elementwise { members[name] = elementwiseFunction(name, f) }
    members["random"] = .module(PythonModule(name: "numpy.random", members: numpyRandom(session)))
    return PythonModule(name: "numpy", members: members)
  }

  /// numpy's ufuncs the course calls, with the math library's results
  /// (numpy's float64 exp, log, sqrt are the C library's).
  static let elementwise: [(String, @Sendable (Double) -> Double)] = [
    ("exp", { Glibc.exp($0) }), ("log", { Glibc.log($0) }), ("sqrt", { Glibc.sqrt($0) }),
    ("square", { $0 * $0 }), ("abs", { Swift.abs($0) }), ("absolute", { Swift.abs($0) }),
    ("tanh", { Glibc.tanh($0) }), ("sin", { Glibc.sin($0) }), ("cos", { Glibc.cos($0) }), ("tan", { Glibc.tan($0) }),
  ]

  // MARK: - Building members

  static func function(_ name: String, _ summary: String, _ body: @escaping (NativeArguments) throws -> Value) -> Value {
    .native(NativeFunction("numpy." + name, summary, body: body))
  }

  /// A number stays a number (numpy's float64 prints as a float); a list,
  /// vector or array gives an array.
  static func elementwiseFunction(_ name: String, _ f: @escaping @Sendable (Double) -> Double) -> Value {
    function(name, "np.\(name)(x): elementwise") { call in
      try call.check(positional: 1, keywords: [])
      let x = try call.required(0, "x")
      if case .traced(let t) = x, t.tape.isRecording {
        let result: Value
        switch t.data {
        case .scalar(let n): result = .float(f(n))
        case .tensor(let v): result = .tensor(v.map(f), integral: false)
        }
        return try Autodiff.elementwise(name, x, result: result, on: t.tape)
      }
      if let n = x.number { return .float(f(n)) }
      guard case .ndarray(let t, _) = try asArray(x, call, 0) else {
        throw Diagnostic("np.\(name)() needs numbers, found \(x.aKindName)", at: call.context.argumentRange(0))
      }
      return .ndarray(t.map(f), integral: false)
    }
  }

  static func filled(_ name: String, _ value: Double) -> Value {
    function(name, "np.\(name)(shape): an array of \(Int(value))s; shape n or (rows, columns)") { call in
      try call.check(positional: 1, keywords: ["dtype"])
      let shape = try shapeArgument(try call.required(0, "shape"), call, 0)
      let count = try Builtins.elementCount(shape, call.context)
      return .ndarray(
        try Builtins.makeTensor(shape, Array(repeating: value, count: count), call.context), integral: false)
    }
  }

  static func reduction(_ name: String, _ reduce: @escaping @Sendable ([Double]) -> Double) -> Value {
    function(name, "np.\(name)(a) or np.\(name)(a, axis=0)") { call in
      try call.check(positional: 2, keywords: ["axis"])
      let array = try asArray(try call.required(0, "a"), call, 0)
      if array.isTraced, call.value(1, "axis") == nil, let builtin = Builtins.table[name] {
        return try builtin.call([array], call.context)
      }
      if array.isTraced { throw Autodiff.notCovered("np.\(name)() along an axis", at: call.context.range) }
      return try reduced(array, axis: call.value(1, "axis"), name, call, reduce)
    }
  }

  /// `a.sum()`, `np.mean(a, axis=0)`: over all elements, or along an axis.
  static func reduced(
    _ array: Value, axis: Value?, _ name: String, _ call: NativeArguments,
    _ reduce: ([Double]) -> Double
  ) throws -> Value {
    guard case .ndarray(let t, let integral) = array.withoutArray.1 ? array : array.asArray else {
      if let n = array.number { return .float(reduce([n])) }
      throw Diagnostic("\(name)() needs an array, found \(array.aKindName)", at: call.context.range)
    }
    // An integer array's sum, max and min are integers (its mean is not).
    let whole = name != "mean" && integral
    if name == "max" || name == "min", t.count == 0 {
      throw Diagnostic(
        "zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity",
        at: call.context.range)
    }
    guard let axis, case .int(let a) = axis else {
      let result = reduce(t.scalars)
      return whole && Swift.abs(result) < 9e15 ? .int(Int(result)) : .float(result)
    }
    guard t.rank == 2, a == 0 || a == 1 || a == -1 else {
      guard t.rank == 1, a == 0 || a == -1 else {
        throw Diagnostic("axis \(a) is out of range for an array of \(t.rank) dimension(s)", at: call.context.range)
      }
      let result = reduce(t.scalars)
      return whole && Swift.abs(result) < 9e15 ? .int(Int(result)) : .float(result)
    }
    let (rows, columns) = (t.shape[0], t.shape[1])
    let lines: [[Double]] =
      a == 0
      ? (0..<columns).map { c in (0..<rows).map { t.scalars[$0 * columns + c] } }
      : (0..<rows).map { r in Array(t.scalars[r * columns..<(r + 1) * columns]) }
    return .ndarray(Tensor(lines.map(reduce)), integral: whole)
  }

  /// numpy's sum of float64: the first element, plus the pairwise sum of
  /// the rest (blocks of 8 partial sums up to 128 elements, halves above),
  /// so a long array sums to numpy's last bit.
  static func numpySum(_ values: [Double]) -> Double {
    guard let first = values.first else { return 0 }
    return values.withUnsafeBufferPointer { buffer in
      first + pairwiseSum(UnsafeBufferPointer(rebasing: buffer[1...]))
    }
  }

  private static func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
    let n = a.count
    if n < 8 {
      var total = -0.0
      for x in a { total += x }
      return total
    }
    if n <= 128 {
      var r = Array(a[0..<8])
      var i = 8
      while i < n - n % 8 {
        for j in 0..<8 { r[j] += a[i + j] }
        i += 8
      }
      var total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
      while i < n {
        total += a[i]
        i += 1
      }
      return total
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(UnsafeBufferPointer(rebasing: a[0..<half]))
      + pairwiseSum(UnsafeBufferPointer(rebasing: a[half...]))
  }

  /// numpy's `np.dot` of two float64 vectors, as the OpenBLAS it ships
  /// computes it on x86-64 (ddot): below 16 elements one fused
  /// multiply-add after another; from 16, the first multiple of 16 in
  /// SIMD lanes (blocks of 32 in 4×8 lanes, then 16 in 4×4, folded in
  /// OpenBLAS's order), the rest fused one by one. The order matters: a
  /// left-to-right sum gives 0.7999999999999999 where numpy prints 0.8.
  static func numpyDot(_ x: [Double], _ y: [Double]) -> Double {
    let n = x.count
    let blocked = n & ~15
    var total = 0.0
    if blocked > 0 {
      var wide = [Double](repeating: 0, count: 32)
      var i = 0
      while i < blocked & ~31 {
        for lane in 0..<32 { wide[lane] = wide[lane].addingProduct(x[i + lane], y[i + lane]) }
        i += 32
      }
      // Each 8-lane accumulator folds into 4 lanes: low half + high half.
      var lanes = [Double](repeating: 0, count: 16)
      for k in 0..<16 {
        let low: Int = (k / 4) * 8 + k % 4
        lanes[k] = wide[low] + wide[low + 4]
      }
      while i < blocked {
        for lane in 0..<16 { lanes[lane] = lanes[lane].addingProduct(x[i + lane], y[i + lane]) }
        i += 16
      }
      var four = [Double](repeating: 0, count: 4)
      for j in 0..<4 {
        let pair: Double = lanes[j] + lanes[4 + j]
        four[j] = (pair + lanes[8 + j]) + lanes[12 + j]
      }
      total = (four[0] + four[2]) + (four[1] + four[3])
    }
    for i in blocked..<n { total = total.addingProduct(x[i], y[i]) }
    return total
  }

  // MARK: - Arguments

  /// A value as numpy's array of it: numbers stay numbers, vectors,
  /// matrices and lists of numbers become arrays.
  static func asArray(_ value: Value, _ call: NativeArguments, _ i: Int) throws -> Value {
    switch value {
    case .ndarray, .int, .float, .traced: return value
    case .bool(let b): return .int(b ? 1 : 0)
    case .tensor(let t, let integral): return .ndarray(t, integral: integral)
    case .list(let items), .tuple(let items):
      let made = try Operators.vector(items, at: call.context.argumentRange(i), limit: call.context.session.maxTensorElements)
      if made.isTraced { return made }
      guard case .tensor = made else {
        throw Diagnostic(
          "Descent's arrays hold numbers in 1 or 2 dimensions; this holds \(items.first?.aKindName ?? "nothing")",
          at: call.context.argumentRange(i))
      }
      return made.asArray
    default:
      throw Diagnostic("cannot make an array of \(value.aKindName)", at: call.context.argumentRange(i))
    }
  }

  /// A shape: `3` or `(3, 4)`.
  static func shapeArgument(_ value: Value, _ call: NativeArguments, _ i: Int) throws -> [Int] {
    let parts: [Value]
    switch value {
    case .tuple(let items), .list(let items): parts = items
    default: parts = [value]
    }
    guard (1...2).contains(parts.count) else {
      throw Diagnostic(
        "Descent's arrays have 1 or 2 dimensions; this shape has \(parts.count)", at: call.context.argumentRange(i))
    }
    return try parts.map { try Builtins.integer($0, call.context, i, call.name) }
  }

  /// Calls a built-in with the call's positional arguments.
  static func builtin(_ name: String, _ call: NativeArguments) throws -> Value {
    guard let builtin = Builtins.table[name] else { return .none }
    return try builtin.call(call.positional.map { $0.withoutArray.0 }, call.context)
  }
}

extension NativeArguments {
  /// The argument at `position` (or keyword `keyword`); an error if missing.
  func required(_ position: Int, _ keyword: String) throws -> Value {
    guard let value = value(position, keyword) else {
      throw Diagnostic("\(name)() is missing its argument '\(keyword)'", at: context.range)
    }
    return value
  }
}
