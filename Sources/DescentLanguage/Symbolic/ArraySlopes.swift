/// The slopes of operations on vectors and matrices, for forward mode over
/// numpy arrays (`SymbolicDerivative.arrayTangent`, the export's derivatives
/// of functions of a vector). A slope array has its value's shape and moves
/// through the linear operations as the value does (the slope of a sum is
/// the sum of the slopes, of `v[i]` the slope's element i); `@`, dot and
/// outer take the product rule; max and min pass on the slope of the
/// element they pick, the first one, as Descent's automatic derivatives do.
/// The elementwise rules (`+`, `*`, exp, ...) are the numbers' own: numpy
/// applies them element by element.
extension DerivativeRules {
  /// The slope of an array operation; nil for a node the numbers' rules take.
  mutating func arraySlope(of expr: Expr) throws -> Expr? {
    let r = expr.range
    switch expr.kind {
    case .vector(let items):
      return Expr(.vector(try items.map { try derivative(of: $0) }), r)
    case .index(let base, let index):
      return try through(base) { Expr(.index($0, index), r) }
    case .member(let base, "T"):
      return try through(base) { Expr(.member($0, "T"), r) }
    case .binary(.matmul, let a, let b):
      return try productRule(a, b, r) { Formula.binary(.matmul, $0, $1, r) }
    case .call(let callee, let arguments):
      return try arrayCall(callee, arguments, at: r)
    default:
      return nil
    }
  }

  /// A call on arrays: the learner's function (its tangent function), a
  /// method of a value (`v.sum()`), or numpy's or Descent's function.
  mutating func arrayCall(_ callee: Expr, _ arguments: [Expr], at r: SourceRange) throws -> Expr? {
    if case .name(let name) = callee.kind, let definition = functions.definition(named: name), let tangentFunction {
      return try tangentCall(definition, tangentFunction(definition), arguments, at: r)
    }
    switch callee.kind {
    case .name(let name):
      return try function(name, callee, arguments, at: r)
    case .member(let base, let name):
      // `v.sum()` is a method of the value v; `np.sum(v)` a module's function
      // (a name that does not move, called with the array).
      if case .name(let module) = base.kind, slopeOfName(module, r) == nil, !arguments.isEmpty {
        return try function(name, callee, arguments, at: r)
      }
      return try method(name, of: base, arguments, at: r)
    default:
      return nil
    }
  }

  /// `v.sum()`, `v.mean()`, `v.max()`, `v.min()`, `v.dot(w)`, `v.copy()`, ...
  mutating func method(_ name: String, of value: Expr, _ arguments: [Expr], at r: SourceRange) throws -> Expr? {
    switch (name, arguments.count) {
    case ("sum", 0), ("mean", 0):
      return try through(value) { Formula.call(name, $0, r) }
    case ("max", 0), ("min", 0):
      return try picked(name, value, at: r)
    case ("dot", 1):
      return try productRule(value, arguments[0], r) { Expr(.call(Formula.name("dot", r), [$0, $1]), r) }
    case ("copy", 0), ("flatten", 0), ("ravel", 0), ("transpose", 0), ("item", 0), ("tolist", 0):
      return try through(value) { Expr(.call(Expr(.member($0, name), r), []), r) }
    default:
      return nil
    }
  }

  /// Descent's built-in or a module's function (`np.sum`) called on arrays.
  mutating func function(_ name: String, _ callee: Expr, _ arguments: [Expr], at r: SourceRange) throws -> Expr? {
    guard let first = arguments.first else { return nil }
    if case .keyword = first.kind { return nil }
    let bare: Bool
    if case .name = callee.kind { bare = true } else { bare = false }
    switch name {
    case _ where (bare ? Self.linearBuiltins : Self.linearNumpy).contains(name):
      // Linear in the first argument; the others (axis=0, a shape) stay.
      return try through(first) { Expr(.call(callee, [$0] + arguments.dropFirst()), r) }
    case _ where ["max", "min", "amax", "amin"].contains(name) && arguments.count == 1:
      return try picked(name, first, at: r)
    case _ where ["dot", "outer", "matmul", "inner"].contains(name) && arguments.count == 2:
      return try productRule(first, arguments[1], r) { Expr(.call(callee, [$0, $1]), r) }
    case _ where ["abs", "absolute", "fabs"].contains(name) && arguments.count == 1:
      // The sign of each element, 0 at 0 (PyTorch's convention).
      let sign = Expr(.call(Formula.name(ArraySlopeHelper.absSlope.rawValue, r), [first]), r)
      let slope = try derivative(of: first)
      return Formula.isZero(slope) ? slope : try tidy(Formula.multiply(sign, slope, r))
    case _ where Self.flat.contains(name):
      return Formula.integer(0, r)  // counts, shapes and steps: flat between their jumps
    default:
      return nil
    }
  }

  /// Descent's built-ins linear in their first argument.
  static let linearBuiltins: Set<String> = ["sum", "mean", "transpose", "float", "list"]
  /// numpy's functions linear in their first argument.
  static let linearNumpy: Set<String> = [
    "sum", "mean", "transpose", "array", "asarray", "ravel", "copy", "squeeze", "reshape", "negative",
  ]
  /// Functions whose value only jumps (or is made without the argument's values).
  static let flat: Set<String> = [
    "len", "int", "round", "shape", "size", "argmax", "argmin", "sign", "floor", "ceil", "zeros", "ones",
    "zeros_like", "ones_like", "range", "arange",
  ]

  /// A linear operation's slope: the operation on the value's slope (0 when
  /// the value does not move).
  mutating func through(_ value: Expr, _ operation: (Expr) -> Expr) throws -> Expr {
    let slope = try derivative(of: value)
    return Formula.isZero(slope) ? slope : operation(slope)
  }

  /// The product rule for a product linear in each factor (`@`, dot,
  /// outer): a' b + a b', without the terms whose factor does not move.
  mutating func productRule(_ a: Expr, _ b: Expr, _ r: SourceRange, _ product: (Expr, Expr) -> Expr) throws -> Expr {
    let (da, db) = (try derivative(of: a), try derivative(of: b))
    let terms = [Formula.isZero(da) ? nil : product(da, b), Formula.isZero(db) ? nil : product(a, db)].compactMap { $0 }
    guard let first = terms.first else { return Formula.integer(0, r) }
    return try tidy(terms.dropFirst().reduce(first) { Formula.add($0, $1, r) })
  }

  /// max or min of one array: the slope of the element it picks.
  mutating func picked(_ name: String, _ value: Expr, at r: SourceRange) throws -> Expr {
    let helper: ArraySlopeHelper = name.hasSuffix("max") ? .slopeAtMax : .slopeAtMin
    return try through(value) { Expr(.call(Formula.name(helper.rawValue, r), [value, $0]), r) }
  }

  /// `g(a, b)`: `tangent_g(a, b, a', b')`, g's slope as its arguments move at
  /// their slopes (an argument that does not move, at zeros of its shape).
  mutating func tangentCall(_ definition: FunctionDefinition, _ name: String, _ arguments: [Expr], at r: SourceRange)
    throws -> Expr
  {
    try Self.checkCount(of: arguments, for: definition, at: r)
    var slopes: [Expr] = []
    for argument in arguments {
      let slope = try derivative(of: argument)
      slopes.append(
        Formula.isZero(slope) ? Expr(.call(Formula.name(ArraySlopeHelper.zeroSlope.rawValue, r), [argument]), r) : slope)
    }
    return Expr(.call(Formula.name(name, r), arguments + slopes), r)
  }
}

/// The functions the array slopes call, which the export's prelude defines
/// (numpy one-liners, named so a formula reads as what it computes).
public enum ArraySlopeHelper: String, CaseIterable, Sendable {
  /// `zero_slope(a)`: zeros shaped like a (an argument that does not move).
  case zeroSlope = "zero_slope"
  /// `slope_at_max(u, du)`: du's element where u is largest (the first such).
  case slopeAtMax = "slope_at_max"
  /// `slope_at_min(u, du)`: du's element where u is smallest (the first such).
  case slopeAtMin = "slope_at_min"
  /// `abs_slope(u)`: the sign of each element, 0 at 0.
  case absSlope = "abs_slope"
}
