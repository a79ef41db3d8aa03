/// Building and reading expressions as formulas: the small vocabulary the
/// symbolic derivative, the simplifier and the chain-rule steps share.
///
/// Nodes a derivative makes carry the range of the node they come from, so
/// an error about them points back at what the learner wrote.
enum Formula {
  // MARK: - Making nodes

  static func integer(_ n: Int, _ range: SourceRange) -> Expr { Expr(.integer(n), range) }

  static func name(_ name: String, _ range: SourceRange) -> Expr { Expr(.name(name), range) }

  static func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr {
    Expr(.binary(op, a, b), range)
  }

  static func add(_ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr { binary(.add, a, b, range) }
  static func subtract(_ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr { binary(.subtract, a, b, range) }
  static func multiply(_ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr { binary(.multiply, a, b, range) }
  static func divide(_ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr { binary(.divide, a, b, range) }
  static func power(_ a: Expr, _ b: Expr, _ range: SourceRange) -> Expr { binary(.power, a, b, range) }
  static func negate(_ a: Expr, _ range: SourceRange) -> Expr { Expr(.unary(.negate, a), range) }

  /// `callee(argument)`, calling the same function the formula called
  /// (`exp` or `np.exp`) with the same spelling.
  static func call(_ callee: Expr, _ argument: Expr, _ range: SourceRange) -> Expr {
    Expr(.call(callee, [argument]), range)
  }

  /// A call of the built-in `name`.
  static func call(_ name: String, _ argument: Expr, _ range: SourceRange) -> Expr {
    call(Formula.name(name, range), argument, range)
  }

  // MARK: - Reading nodes

  /// The number a literal holds, as the interpreter's value.
  static func constant(_ expr: Expr) -> Value? {
    switch expr.kind {
    case .integer(let n): return .int(n)
    case .float(let x): return .float(x)
    default: return nil
    }
  }

  /// A number as a literal, when it can be one (finite).
  static func literal(_ value: Value, _ range: SourceRange) -> Expr? {
    switch value {
    case .int(let n): return Expr(.integer(n), range)
    case .float(let x) where x.isFinite: return Expr(.float(x), range)
    default: return nil
    }
  }

  static func isZero(_ expr: Expr) -> Bool { constant(expr)?.number == 0 }

  static func isOne(_ expr: Expr) -> Bool { constant(expr)?.number == 1 }

  /// Whether two formulas are the same, wherever they were written.
  static func same(_ a: Expr, _ b: Expr) -> Bool { FormulaPrinter.python(a) == FormulaPrinter.python(b) }

  /// Whether `expr` reads the variable `name` (calls of the learner's
  /// functions count as reading it: their bodies may).
  static func mentions(_ expr: Expr, _ name: String, userFunctions: FunctionLibrary) -> Bool {
    var found = false
    visit(expr) { node in
      switch node.kind {
      case .name(let n) where n == name: found = true
      case .call(let callee, _):
        if case .name(let f) = callee.kind, userFunctions.definition(named: f) != nil { found = true }
      default: break
      }
    }
    return found
  }

  /// The most parts a formula may have: a derivative takes time and room
  /// that grow faster than its formula, and a function called inside itself
  /// a dozen times (`g(g(g(...)))` with `u` twice in g's body) written out
  /// has thousands. Beyond this, the work could take minutes.
  static let maxParts = 2_000

  /// The number of nodes in `expr`, counting up to just past `limit`.
  static func parts(_ expr: Expr, limit: Int = maxParts) -> Int {
    var count = 0
    func walk(_ e: Expr) {
      guard count <= limit else { return }
      count += 1
      _ = e.mappingChildren { child in
        walk(child)
        return child
      }
    }
    walk(expr)
    return count
  }

  /// A diagnostic when `expr` has more parts than a formula may.
  static func checkSize(_ expr: Expr, writingOut function: String?, at range: SourceRange) throws {
    guard parts(expr) > maxParts else { return }
    let what = function.map { "once \($0)() is written out " } ?? ""
    throw Diagnostic(
      "the formula is too large to differentiate symbolically: \(what)it has more than \(maxParts) parts", at: range,
      notes: ["derivative(f, x) computes a slope's value without writing its formula"])
  }

  /// Calls `body` on every node of `expr`, parents before children.
  static func visit(_ expr: Expr, _ body: (Expr) -> Void) {
    body(expr)
    _ = expr.mappingChildren { child in
      visit(child, body)
      return child
    }
  }
}

extension Expr {
  /// The node with each direct child replaced by `transform(child)`.
  public func mappingChildren(_ transform: (Expr) throws -> Expr) rethrows -> Expr {
    func each(_ items: [Expr]) throws -> [Expr] { try items.map(transform) }
    func optional(_ item: Expr?) throws -> Expr? { try item.map(transform) }
    let kind: Kind
    switch self.kind {
    case .integer, .float, .string, .bool, .name, .network, .load, .none: return self
    case .vector(let items): kind = .vector(try each(items))
    case .unary(let op, let a): kind = .unary(op, try transform(a))
    case .binary(let op, let a, let b): kind = .binary(op, try transform(a), try transform(b))
    case .and(let a, let b): kind = .and(try transform(a), try transform(b))
    case .or(let a, let b): kind = .or(try transform(a), try transform(b))
    case .not(let a): kind = .not(try transform(a))
    case .comparison(let ops, let operands): kind = .comparison(ops, try each(operands))
    case .call(let callee, let arguments): kind = .call(try transform(callee), try each(arguments))
    case .index(let a, let b): kind = .index(try transform(a), try transform(b))
    case .member(let a, let name): kind = .member(try transform(a), name)
    case .tuple(let items): kind = .tuple(try each(items))
    case .slice(let a, let b, let c): kind = .slice(try optional(a), try optional(b), try optional(c))
    case .keyword(let name, let value): kind = .keyword(name, try transform(value))
    case .membership(let a, let b, let negated): kind = .membership(try transform(a), try transform(b), negated: negated)
    case .identity(let a, let b, let negated): kind = .identity(try transform(a), try transform(b), negated: negated)
    case .formatted(let pieces):
      kind = .formatted(
        try pieces.map { piece in
          guard case .field(let e, let conversion, let spec, let range) = piece else { return piece }
          return .field(try transform(e), conversion: conversion, spec: spec, range: range)
        })
    case .conditional(let value, let condition, let otherwise):
      kind = .conditional(try transform(value), condition: try transform(condition), otherwise: try transform(otherwise))
    }
    return Expr(kind, range)
  }
}
