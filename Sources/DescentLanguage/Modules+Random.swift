import DescentEngine

extension Modules {
  /// `np.random`: numpy's legacy generator (MT19937, `NumpyRandomState`),
  /// so after `np.random.seed(n)` a listing draws numpy's own numbers.
  /// Unseeded, it starts from seed 0 (numpy would seed from the clock).
  static func numpyRandom(_ session: Session) -> [String: Value] {
    unowned(unsafe) let session = session
    func draws(_ name: String, _ summary: String, _ draw: @escaping (inout NumpyRandomState, Int) -> [Double]) -> Value {
      function("random." + name, summary) { call in
        try call.check(positional: 1, keywords: ["size"])
        let size = call.value(0, "size")
        return try shaped(size, call) { draw(&session.numpyRandom, $0) }
      }
    }
    return [
      "seed": function("random.seed", "np.random.seed(n): numpy's generator starts again from n") { call in
        try call.check(positional: 1, keywords: ["seed"])
        let n = try Builtins.integer(try call.required(0, "seed"), call.context, 0, "np.random.seed")
        guard NumpyRandomState.isValidSeed(n) else {
          throw Diagnostic("Seed must be between 0 and 2**32 - 1", at: call.context.argumentRange(0))
        }
        session.numpyRandom.reseed(UInt32(n))
        return .none
      },
      "random": draws("random", "np.random.random(size): uniform numbers in [0, 1)") { $0.randomSample($1) },
      "random_sample": draws("random_sample", "np.random.random_sample(size): uniform in [0, 1)") { $0.randomSample($1) },
      "rand": function("random.rand", "np.random.rand(d0, d1): uniform numbers in [0, 1)") { call in
        try call.check(positional: 2, keywords: [])
        return try shaped(call.positional.isEmpty ? nil : .tuple(call.positional), call) {
          session.numpyRandom.randomSample($0)
        }
      },
      "randn": function("random.randn", "np.random.randn(d0, d1): standard normal numbers") { call in
        try call.check(positional: 2, keywords: [])
        return try shaped(call.positional.isEmpty ? nil : .tuple(call.positional), call) {
          session.numpyRandom.standardNormal($0)
        }
      },
      "normal": function("random.normal", "np.random.normal(loc=0.0, scale=1.0, size=None)") { call in
        try call.check(positional: 3, keywords: ["loc", "scale", "size"])
        let loc = try call.value(0, "loc").map { try Builtins.number($0, call.context, 0, "np.random.normal") } ?? 0
        let scale = try call.value(1, "scale").map { try Builtins.number($0, call.context, 1, "np.random.normal") } ?? 1
        guard scale >= 0 else { throw Diagnostic("scale < 0", at: call.context.argumentRange(1)) }
        return try shaped(call.value(2, "size"), call) { session.numpyRandom.normal(loc: loc, scale: scale, count: $0) }
      },
      "uniform": function("random.uniform", "np.random.uniform(low=0.0, high=1.0, size=None)") { call in
        try call.check(positional: 3, keywords: ["low", "high", "size"])
        let low = try call.value(0, "low").map { try Builtins.number($0, call.context, 0, "np.random.uniform") } ?? 0
        let high = try call.value(1, "high").map { try Builtins.number($0, call.context, 1, "np.random.uniform") } ?? 1
        return try shaped(call.value(2, "size"), call) { session.numpyRandom.uniform(low: low, high: high, count: $0) }
      },
      "randint": function("random.randint", "np.random.randint(low, high=None, size=None): integers in [low, high)") { call in
        try call.check(positional: 3, keywords: ["low", "high", "size"])
        var low = try Builtins.integer(try call.required(0, "low"), call.context, 0, "np.random.randint")
        var high = low
        if let given = call.value(1, "high"), case .none = given {
          low = 0
        } else if let given = call.value(1, "high") {
          high = try Builtins.integer(given, call.context, 1, "np.random.randint")
        } else {
          low = 0
        }
        guard low < high else { throw Diagnostic("low >= high", at: call.context.range) }
        let (lowBound, highBound) = (low, high)
        let result = try shaped(call.value(2, "size"), call) {
          session.numpyRandom.randint(low: lowBound, high: highBound, count: $0).map(Double.init)
        }
        switch result {
        case .float(let x): return .int(Int(x))
        case .ndarray(let t, _): return .ndarray(t, integral: true)
        default: return result
        }
      },
    ]
  }

  /// Draws for a `size`: nil gives one number, `n` a vector, `(r, c)` a matrix.
  static func shaped(_ size: Value?, _ call: NativeArguments, _ draw: (Int) -> [Double]) throws -> Value {
    guard let size, !{ if case .none = size { true } else { false } }() else { return .float(draw(1)[0]) }
    let shape = try shapeArgument(size, call, 0)
    let count = try Builtins.elementCount(shape, call.context)
    return .ndarray(try Builtins.makeTensor(shape, draw(count), call.context), integral: false)
  }
}
