import DescentEngine

extension Compiler {
  /// `target = value` and `target op= value`, for names, elements
  /// (`w[i]`, `m[i][j]`) and network fields (`net.weights[0]`).
  func compileAssignment(target: Expr, op: BinaryOperator?, value: Expr) -> StmtCode {
    let code = compileStore(target: target, op: op, value: value)
    guard case .name(let name) = target.kind, scope == nil, name == "weight" || name == "weights" else {
      return code
    }
    // Setting the conventional weights turns `predict` and `check
    // gradient` to them (see `Focus`).
    let focus = session.domain.focusSlot
    return { frame in
      focus.pointee = .weights
      return try code(frame)
    }
  }

  func compileStore(target: Expr, op: BinaryOperator?, value: Expr) -> StmtCode {
    if case .tuple(let targets) = target.kind {
      // `a, b = b, a`: the right side is evaluated whole before any store.
      let valueCode = compile(value)
      let store = compileUnpack(targets, at: target.range)
      return { frame in
        try store(frame, try valueCode(frame))
        return .normal
      }
    }
    if case .binary(let binaryOp, let l, let r) = value.kind { noteListArithmetic(binaryOp, l, r, at: value.range) }
    // `total = a * b` with a session variable on the left: one closure.
    if op == nil, case .name(let name) = target.kind, case .global(let slot) = slot(for: name),
      case .binary(let binaryOp, let l, let r) = value.kind,
      let fused = fastBinary(binaryOp, l, r, at: value.range, store: slot)
    {
      return fused.statement
    }
    let valueCode = compile(value)
    let range = target.range.union(value.range)
    // The new value: the right side, or the old value combined with it.
    let combine: (Value, Value) throws -> Value
    if let op {
      combine = { old, right in
        if case .float(let x) = old, case .float(let y) = right {
          switch op {
          case .add: return .float(x + y)
          case .subtract: return .float(x - y)
          case .multiply: return .float(x * y)
          default: break
          }
        }
        return try Operators.binary(op, old, right, at: range)
      }
    } else {
      combine = { _, right in right }
    }

    // Closures keep ranges, not nodes (see `compileCall`).
    let targetRange = target.range
    switch target.kind {
    case .name(let name):
      let store = storeCode(for: slot(for: name))
      guard op != nil else {
        return { frame in
          store(frame, try valueCode(frame))
          return .normal
        }
      }
      let load = loadCode(name, at: target.range)
      return { frame in
        let old = try load(frame)
        store(frame, try combine(old, try valueCode(frame)))
        return .normal
      }

    case .index(let base, let index):
      let update = compileUpdate(of: base)
      let indexCode = compile(index)
      let indexRange = index.range
      return { frame in
        let right = try valueCode(frame)
        let i = try indexCode(frame)
        try update(frame) { container in
          let old = op == nil ? Value.none : try Operators.index(container, i, at: targetRange, indexRange: indexRange)
          let new = try combine(old, right)
          try Operators.setIndex(in: &container, i, to: new, at: range, indexRange: indexRange)
        }
        return .normal
      }

    case .member(let base, let field):
      let baseCode = compile(base)
      unowned(unsafe) let session = self.session
      return { frame in
        let right = try valueCode(frame)
        let owner = try baseCode(frame)
        let old = op == nil ? Value.none : try Operators.member(owner, field, at: targetRange)
        try session.domain.setMember(owner, field, to: try combine(old, right), at: range)
        return .normal
      }

    default:
      return { _ in throw Diagnostic("cannot assign to this expression", at: targetRange) }
    }
  }

  /// Code that changes the value at `place` in place.
  ///
  /// For a name the value is moved out of its slot while it changes, so
  /// the vector inside is uniquely referenced and changes without a copy
  /// (`weights[i] -= ...` in a loop allocates nothing); it goes back even
  /// when the change fails.
  func compileUpdate(of place: Expr) -> (Frame, (inout Value) throws -> Void) throws -> Void {
    let placeRange = place.range
    switch place.kind {
    case .name(let name):
      unowned(unsafe) let session = self.session
      let range = placeRange
      switch slot(for: name) {
      case .global(let slot):
        return { _, change in
          guard var value = slot.pointee else { throw session.undefinedName(name, at: range) }
          slot.pointee = nil
          defer { slot.pointee = value }
          try change(&value)
        }
      case .local(let index):
        let load = loadCode(name, at: range)
        return { frame, change in
          var value = try load(frame)
          frame.locals[index] = nil
          defer { frame.locals[index] = value }
          try change(&value)
        }
      }
    case .index(let base, let index):
      let outer = compileUpdate(of: base)
      let indexCode = compile(index)
      let indexRange = index.range
      return { frame, change in
        let i = try indexCode(frame)
        try outer(frame) { container in
          var inner = try Operators.index(container, i, at: placeRange, indexRange: indexRange)
          try change(&inner)
          try Operators.setIndex(in: &container, i, to: inner, at: placeRange, indexRange: indexRange)
        }
      }
    case .member(let base, let field):
      let baseCode = compile(base)
      unowned(unsafe) let session = self.session
      return { frame, change in
        let owner = try baseCode(frame)
        var value = try Operators.member(owner, field, at: placeRange)
        try change(&value)
        try session.domain.setMember(owner, field, to: value, at: placeRange)
      }
    default:
      return { _, _ in throw Diagnostic("cannot assign into this expression", at: placeRange) }
    }
  }
}
