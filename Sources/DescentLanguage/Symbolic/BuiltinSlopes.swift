/// The slope of each math built-in at its argument `u`, as a formula: the
/// "outer slope" of the chain rule. One row per function, the same list the
/// interpreter has (`Builtins.elementwise`) and numpy's ufuncs
/// (`np.exp`, ... from `Modules.elementwise`).
enum BuiltinSlopes {
  /// The functions with a known slope, for messages.
  static let names = [
    "abs", "cos", "exp", "log", "relu", "relu_prime", "round", "sigmoid", "sigmoid_prime", "sin", "sqrt", "tan", "tanh",
  ]

  /// numpy's and math's functions with a known slope (called as `np.exp(x)`, `math.sin(x)`).
  static let numpyNames: Set<String> = [
    "exp", "log", "sqrt", "tanh", "abs", "absolute", "fabs", "square", "sin", "cos", "tan",
  ]

  /// Which math function a callee is (`exp` for `exp` and `np.exp`), or
  /// nil when it is none Descent knows the slope of.
  static func function(_ callee: Expr) -> String? {
    switch callee.kind {
    case .name(let name) where names.contains(name): return name
    case .member(let base, let name) where numpyNames.contains(name):
      guard case .name = base.kind else { return nil }
      return name == "absolute" || name == "fabs" ? "abs" : name
    default: return nil
    }
  }

  /// The function `name` called the way `callee` is: `np.cos` beside
  /// `np.sin`, `math.cos` beside `math.sin`, `cos` beside `sin`.
  static func sibling(_ callee: Expr, _ name: String) -> Expr {
    if case .member(let base, _) = callee.kind { return Expr(.member(base, name), callee.range) }
    return Formula.name(name, callee.range)
  }

  /// The slope of `function` at `u`; nil where it is 0 (flat between jumps).
  ///
  /// `callee` is the function as the learner called it, so the slope of
  /// `np.exp(u)` is `np.exp(u)` and of `exp(u)` is `exp(u)`.
  static func slope(of function: String, callee: Expr, at u: Expr, _ r: SourceRange) -> Expr? {
    let same = Formula.call(callee, u, r)
    let one = Formula.integer(1, r)
    switch function {
    case "exp":
      return same  // e ** u is its own slope
    case "log":
      return Formula.divide(one, u, r)
    case "sqrt":
      return Formula.divide(one, Formula.multiply(Formula.integer(2, r), same, r), r)
    case "tanh":
      return Formula.subtract(one, Formula.power(same, Formula.integer(2, r), r), r)
    case "sigmoid":
      // The course's sigmoid slope, s * (1 - s).
      return Formula.multiply(same, Formula.subtract(one, same, r), r)
    case "sigmoid_prime":
      // s * (1 - s) has slope s * (1 - s) * (1 - 2 * s).
      let s = Formula.call("sigmoid", u, r)
      let twice = Formula.multiply(Formula.integer(2, r), s, r)
      return Formula.multiply(Formula.multiply(s, Formula.subtract(one, s, r), r), Formula.subtract(one, twice, r), r)
    case "relu":
      return Formula.call("relu_prime", u, r)  // 1 above 0, else 0 (0 at 0, as PyTorch)
    case "abs":
      // The sign of u, 0 at 0 (PyTorch's convention).
      let zero = Formula.integer(0, r)
      let below = Expr(
        .conditional(
          Expr(.integer(-1), r), condition: Expr(.comparison([.less], [u, zero]), r), otherwise: zero), r)
      return Expr(.conditional(one, condition: Expr(.comparison([.greater], [u, zero]), r), otherwise: below), r)
    case "square":
      return Formula.multiply(Formula.integer(2, r), u, r)
    case "sin":
      return Formula.call(sibling(callee, "cos"), u, r)
    case "cos":
      return Formula.negate(Formula.call(sibling(callee, "sin"), u, r), r)
    case "tan":
      // 1 + tan(u) ** 2, the tangent's own square: as exp and tanh, in terms of itself.
      return Formula.add(one, Formula.power(same, Formula.integer(2, r), r), r)
    default:  // relu_prime, round: steps, flat between their jumps
      return nil
    }
  }
}
