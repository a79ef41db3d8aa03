/// One use of the chain rule inside a formula: a function or power applied
/// to an inner expression that moves with the variable. Its slope is the
/// outer slope (the function's slope at the inner expression) times the
/// inner slope (how fast the inner expression moves).
public struct ChainStep: Sendable, Hashable {
  /// The part of the formula, `(input * weight - goal_pred) ** 2`.
  public var expression: Expr
  /// The inner expression, `input * weight - goal_pred`.
  public var inner: Expr
  /// The outer slope, `2 * (input * weight - goal_pred)`.
  public var outerSlope: Expr
  /// The inner slope with respect to the variable, `input`.
  public var innerSlope: Expr
}

/// Finds the chain-rule steps of a formula, from the outside in.
enum ChainRuleSteps {
  /// A name no formula uses: it stands for the inner expression while the
  /// outer slope is taken.
  static let placeholder = "_inner_"

  /// The steps on every path from the top of `expr` down to `variable`.
  /// `expr` has its calls of the learner's functions inlined already.
  static func steps(of expr: Expr, wrt variable: String) throws -> [ChainStep] {
    guard mentions(expr, variable) else { return [] }
    switch expr.kind {
    case .call(let callee, let arguments) where arguments.count == 1 && BuiltinSlopes.function(callee) != nil:
      return try step(expr, child: arguments[0], wrt: variable) { Expr(.call(callee, [$0]), expr.range) }
    case .binary(.power, let base, let exponent):
      switch (mentions(base, variable), mentions(exponent, variable)) {
      case (true, false): return try step(expr, child: base, wrt: variable) { Expr(.binary(.power, $0, exponent), expr.range) }
      case (false, true): return try step(expr, child: exponent, wrt: variable) { Expr(.binary(.power, base, $0), expr.range) }
      default: return try steps(of: base, wrt: variable) + steps(of: exponent, wrt: variable)
      }
    default:
      // Sums, products, quotients, signs: the rule goes on inside each part.
      var found: [ChainStep] = []
      _ = try expr.mappingChildren { child in
        found += try steps(of: child, wrt: variable)
        return child
      }
      return found
    }
  }

  /// The step for `expr`, made by `rebuild` from its one moving `child`;
  /// none when the child is the variable itself (nothing to chain), and
  /// then the steps inside the child.
  static func step(_ expr: Expr, child: Expr, wrt variable: String, rebuild: (Expr) -> Expr) throws -> [ChainStep] {
    if case .name(let name) = child.kind, name == variable { return [] }
    let standIn = Formula.name(placeholder, child.range)
    let outer = try SymbolicDerivative.differentiate(rebuild(standIn), wrt: placeholder)
    let outerSlope = SymbolicDerivative.simplify(substitute(child, for: placeholder, in: outer))
    let innerSlope = try SymbolicDerivative.differentiate(child, wrt: variable)
    let this = ChainStep(expression: expr, inner: child, outerSlope: outerSlope, innerSlope: innerSlope)
    return [this] + (try steps(of: child, wrt: variable))
  }

  static func mentions(_ expr: Expr, _ variable: String) -> Bool {
    Formula.mentions(expr, variable, userFunctions: .none)
  }

  /// `expr` with every `name` replaced by `value`.
  static func substitute(_ value: Expr, for name: String, in expr: Expr) -> Expr {
    if case .name(let n) = expr.kind, n == name { return value }
    return expr.mappingChildren { substitute(value, for: name, in: $0) }
  }
}
