#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DescentEngine

extension Modules {
  /// Python's `math`: functions of one number (a vector is an error, as in
  /// Python), each the C library's, as CPython's are; `derivative` and
  /// `gradient` follow them like the built-ins of the same names.
  static func math() -> PythonModule {
    var members: [String: Value] = [
      "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi), "inf": .float(.infinity),
      "nan": .float(.nan),
    ]
    for (name, f) in mathFunctions { members[name] = scalarFunction(name, f) }
    members["isfinite"] = .native(NativeFunction("math.isfinite", "math.isfinite(x): whether x is neither infinite nor NaN") { call in
      try call.check(positional: 1, keywords: [])
      return .bool(try number(call, 0).isFinite)
    })
    for (name, rounding) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
      members[name] = .native(NativeFunction("math.\(name)", "math.\(name)(x): x rounded to a whole number") { call in
        try call.check(positional: 1, keywords: [])
        let x = try number(call, 0)
        guard x.isFinite, Swift.abs(x) < 9.2e18 else {
          throw Diagnostic("cannot convert \(Value.float(x).repr) to an integer", at: call.context.range)
        }
        return .int(Int(x.rounded(rounding)))
      })
    }
    return PythonModule(name: "math", members: members)
  }

  /// `math`'s functions of one number, with the domains CPython checks.
  static let mathFunctions: [(String, @Sendable (Double) -> Double)] = [
    ("exp", { Glibc.exp($0) }), ("log", { Glibc.log($0) }), ("sqrt", { Glibc.sqrt($0) }), ("sin", { Glibc.sin($0) }),
    ("cos", { Glibc.cos($0) }), ("tan", { Glibc.tan($0) }), ("tanh", { Glibc.tanh($0) }), ("fabs", { Swift.abs($0) }),
  ]

  /// The number argument at `index`, as CPython's math takes it (a vector: an error).
  private static func number(_ call: NativeArguments, _ index: Int) throws -> Double {
    let value = try call.required(index, "x")
    if let x = value.untraced.number { return x }
    throw Diagnostic(
      "\(call.name)() needs one number, found \(value.aKindName)", at: call.context.argumentRange(index),
      notes: ["for a vector use numpy: np.\(call.name.split(separator: ".").last ?? "exp")(v)"])
  }

  /// A `math` function of one number; on a traced number it records its slope.
  static func scalarFunction(_ name: String, _ f: @escaping @Sendable (Double) -> Double) -> Value {
    .native(NativeFunction("math." + name, "math.\(name)(x): of one number") { call in
      try call.check(positional: 1, keywords: [])
      let x = try number(call, 0)
      if name == "log" || name == "sqrt", x < 0 || (name == "log" && x == 0) {
        throw Diagnostic("math domain error: \(name)(\(Value.float(x).repr))", at: call.context.range)
      }
      let y = f(x)
      if name == "exp", y.isInfinite { throw Diagnostic("math range error: exp(\(Value.float(x).repr))", at: call.context.range) }
      let argument = try call.required(0, "x")
      if case .traced(let t) = argument, t.tape.isRecording {
        return try Autodiff.elementwise(name == "fabs" ? "abs" : name, argument, result: .float(y), on: t.tape)
      }
      return .float(y)
    })
  }
}
