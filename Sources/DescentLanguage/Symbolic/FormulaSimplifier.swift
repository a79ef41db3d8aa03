/// Tidies a formula as one would by hand, so a derivative reads like the
/// book's: no `* 1`, `+ 0` or `* 0`, constants folded (`2 - 1` is `1`,
/// `0.5 * 2 * x` is `1.0 * x`, so `x`), `x ** 1` is `x`, `-(-x)` is `x`,
/// `a - (-b)` is `a + b`, `(1 / v) * e` is `e / v`, `2 * x / (2 * y)` is `x / y`.
///
/// Only local rewrites, each an identity of real arithmetic: the learner's
/// own parts of a formula keep their shape (`(x - 1) ** 2` stays so), and
/// constants fold with the interpreter's own arithmetic, so `1 / 2` is the
/// `0.5` Descent computes and an integer stays an integer.
enum FormulaSimplifier {
  static func simplify(_ expr: Expr) -> Expr {
    var current = expr
    // Each pass rewrites bottom-up; a rewrite can open another above it.
    for _ in 0..<8 {
      let next = pass(current)
      if Formula.same(next, current) { return next }
      current = next
    }
    return current
  }

  static func pass(_ expr: Expr) -> Expr {
    let e = expr.mappingChildren(pass)
    return rewrite(e) ?? e
  }

  /// The rules at the top of a node whose parts are simplified already (a
  /// derivative being built): a few rounds at the top and one level down,
  /// where a rule's new nodes are. Linear in the node's size, where
  /// `simplify` on every new node would make building a derivative
  /// quadratic; `differentiate` simplifies the whole result once at the end.
  static func simplifyTop(_ expr: Expr) -> Expr {
    var current = expr
    for _ in 0..<4 {
      guard let next = rewrite(current) else { break }
      current = next.mappingChildren { rewrite($0) ?? $0 }
    }
    return current
  }

  /// The node rewritten by the first rule that applies; nil when none does.
  static func rewrite(_ e: Expr) -> Expr? {
    let r = e.range
    switch e.kind {
    case .unary(.plus, let a): return a
    case .unary(.negate, let a): return negation(of: a, r)
    case .binary(let op, let a, let b):
      if let folded = fold(op, a, b, r) { return folded }
      switch op {
      case .add: return sum(a, b, r)
      case .subtract: return difference(a, b, r)
      case .multiply: return product(a, b, r)
      case .divide: return quotient(a, b, r)
      case .power: return power(a, b, r)
      default: return nil
      }
    case .conditional(let value, _, let otherwise) where Formula.same(value, otherwise):
      return value
    default:
      return nil
    }
  }

  // MARK: - The rules, one function per operator (nil: nothing to do)

  /// `-c` folded, `-(-x)` is `x`, `-(a - b)` is `b - a`, `-(2 * x)` is `-2 * x`.
  static func negation(of a: Expr, _ r: SourceRange) -> Expr? {
    if let c = Formula.constant(a), let folded = negated(constant: c, r) { return folded }
    switch a.kind {
    case .unary(.negate, let inner): return inner
    case .binary(.subtract, let x, let y): return Formula.subtract(y, x, r)
    default: break
    }
    if let (c, rest) = leadingConstant(a), let rest, let minus = negated(constant: c, r) {
      return Formula.multiply(minus, rest, r)
    }
    return nil
  }

  /// `x + 0`, `0 + x`, `a + (-b)` (to `a - b`), `-a + b` (to `b - a`).
  static func sum(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    if Formula.isZero(b) { return a }
    if Formula.isZero(a) { return b }
    if let positive = withoutMinus(b) { return Formula.subtract(a, positive, r) }
    if let positive = withoutMinus(a) { return Formula.subtract(b, positive, r) }
    return nil
  }

  /// `x - 0`, `0 - x` (to `-x`), `a - (-b)` (to `a + b`), `x - x` (to 0).
  static func difference(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    if Formula.isZero(b) { return a }
    if Formula.isZero(a) { return Formula.negate(b, r) }
    if let positive = withoutMinus(b) { return Formula.add(a, positive, r) }
    if Formula.same(a, b) { return Formula.integer(0, r) }
    return nil
  }

  /// `x * 0` (to 0), `x * 1`, `x * -1` (to `-x`), signs moved out,
  /// `(1 / v) * e` (to `e / v`), constants gathered in front (`x * 3` is `3 * x`).
  static func product(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    if Formula.isZero(a) { return a }
    if Formula.isZero(b) { return b }
    if Formula.isOne(a) { return b }
    if Formula.isOne(b) { return a }
    if Formula.constant(a)?.number == -1 { return Formula.negate(b, r) }
    if Formula.constant(b)?.number == -1 { return Formula.negate(a, r) }
    if case .unary(.negate, let inner) = a.kind { return Formula.negate(Formula.multiply(inner, b, r), r) }
    if case .unary(.negate, let inner) = b.kind { return Formula.negate(Formula.multiply(a, inner, r), r) }
    if case .binary(.divide, let one, let v) = a.kind, Formula.isOne(one) { return Formula.divide(b, v, r) }
    if case .binary(.divide, let one, let v) = b.kind, Formula.isOne(one) { return Formula.divide(a, v, r) }
    // (c1 * x) * (c2 * y) is (c1 * c2) * (x * y); (c1 * x) * c2 is (c1 * c2) * x.
    if let (c1, restA) = leadingConstant(a), let (c2, restB) = leadingConstant(b), restA != nil || restB != nil,
      let c = try? Operators.binary(.multiply, c1, c2, at: r), let constant = Formula.literal(c, r)
    {
      return [restA, restB].compactMap { $0 }.reduce(constant) { chain($0, $1, r) }
    }
    // x * 3 is 3 * x: a slope's constant factor reads first, as in books.
    if Formula.constant(b) != nil, Formula.constant(a) == nil { return chain(b, a, r) }
    return nil
  }

  /// `0 / x` (to 0), `x / 1`, `x / x` (to 1), signs moved out.
  static func quotient(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    if Formula.isZero(a), Formula.constant(b).map({ $0.number != 0 }) ?? true { return a }
    if Formula.isOne(b) { return a }
    if Formula.same(a, b), Formula.constant(b) == nil { return Formula.integer(1, r) }
    if case .unary(.negate, let inner) = a.kind { return Formula.negate(Formula.divide(inner, b, r), r) }
    if case .unary(.negate, let inner) = b.kind { return Formula.negate(Formula.divide(a, inner, r), r) }
    // (c * x) / (c * y) is x / y: the 2s of a square root's slope cancel.
    if let (c1, top) = leadingConstant(a), let (c2, bottom) = leadingConstant(b), let top, let bottom,
      c1.number == c2.number
    {
      return Formula.divide(top, bottom, r)
    }
    return nil
  }

  /// `x ** 1` (to `x`), `x ** 0` and `1 ** x` (to 1).
  static func power(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    if Formula.isOne(b) { return a }
    if Formula.isZero(b) || Formula.isOne(a) { return Formula.integer(1, r) }
    return nil
  }

  // MARK: - Helpers

  /// `a * b` with b's factors appended one by one (`2 * (x * y)` is
  /// `2 * x * y`), for the products the rules build, so no parentheses
  /// pile up on the right.
  static func chain(_ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr {
    guard case .binary(.multiply, let left, let right) = b.kind else { return Formula.multiply(a, b, r) }
    return Formula.multiply(chain(a, left, r), right, r)
  }

  /// `a op b` for two numbers, computed as the interpreter computes it;
  /// nil when either is not a number or the result is no literal (an
  /// error, an overflow, an infinity).
  static func fold(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ r: SourceRange) -> Expr? {
    guard op != .matmul, let x = Formula.constant(a), let y = Formula.constant(b),
      let value = try? Operators.binary(op, x, y, at: r)
    else { return nil }
    return Formula.literal(value, r)
  }

  static func negated(constant c: Value, _ r: SourceRange) -> Expr? {
    switch c {
    case .int(let n) where n != Int.min: return Formula.integer(-n, r)
    case .float(let x): return Expr(.float(-x), r)
    default: return nil
    }
  }

  /// `b` without its visible minus: `-x` gives `x`, `-2` gives `2`,
  /// `-2 * x` gives `2 * x`; nil when `b` shows none.
  static func withoutMinus(_ b: Expr) -> Expr? {
    if case .unary(.negate, let inner) = b.kind { return inner }
    if case .binary(.divide, let top, let bottom) = b.kind, let positive = withoutMinus(top) {
      return Formula.divide(positive, bottom, b.range)
    }
    guard let (c, rest) = leadingConstant(b), let number = c.number, number < 0,
      let positive = negated(constant: c, b.range)
    else { return nil }
    return rest.map { Formula.multiply(positive, $0, b.range) } ?? positive
  }

  /// The number a product starts with and the rest of it: `2 * x * y` is
  /// (2, `x * y`), `3` is (3, nil); nil when it starts with no number.
  static func leadingConstant(_ e: Expr) -> (Value, Expr?)? {
    if let c = Formula.constant(e) { return (c, nil) }
    guard case .binary(.multiply, let left, let right) = e.kind, let (c, rest) = leadingConstant(left) else { return nil }
    return (c, rest.map { Formula.multiply($0, right, e.range) } ?? right)
  }
}
