import DescentEngine

extension Builtins {
  // MARK: Python's built-ins the course's listings call

  static let python: [Builtin] = [
    Builtin(name: "zip", arity: 1...Int.max, summary: "zip(a, b, ...): the tuples (a[i], b[i], ...), as long as the shortest") { args, context in
      let columns = try args.indices.map { try Compiler.elements(of: args[$0], at: context.argumentRange($0)) }
      let count = columns.map(\.count).min() ?? 0
      return .list((0..<count).map { i in .tuple(columns.map { $0[i] }) })
    },
    Builtin(name: "enumerate", arity: 1...2, summary: "enumerate(v, start=0): the pairs (i, v[i])") { args, context in
      let items = try Compiler.elements(of: args[0], at: context.argumentRange(0))
      let start = args.count == 2 ? try integer(args[1], context, 1, "enumerate") : 0
      return .list(items.enumerated().map { .tuple([.int(start + $0.offset), $0.element]) })
    },
    Builtin(name: "list", arity: 0...1, summary: "list(v): the items of v as a list") { args, context in
      guard let value = args.first else { return .tensor(Tensor([Double]()), integral: false) }
      let items = try Compiler.elements(of: value, at: context.argumentRange(0))
      return try Methods.rebuilt(items, like: .list([]), at: context.range, limit: context.session.maxTensorElements)
    },
    Builtin(name: "tuple", arity: 0...1, summary: "tuple(v): the items of v as a tuple") { args, context in
      guard let value = args.first else { return .tuple([]) }
      return .tuple(try Compiler.elements(of: value, at: context.argumentRange(0)))
    },
    Builtin(name: "repr", arity: 1...1, summary: "repr(x): x as Python's repr writes it (strings quoted)") { args, context in
      .string(args[0].repr(python: context.session.pythonSpelling))
    },
    Builtin(name: "bool", arity: 1...1, summary: "bool(x): whether x is true (non-zero, non-empty)") { args, _ in
      .bool(args[0].isTruthy)
    },
    Builtin(name: "sorted", arity: 1...1, summary: "sorted(v): the items of v, smallest first") { args, context in
      var items = try Compiler.elements(of: args[0], at: context.argumentRange(0))
      var failure: Diagnostic? = nil
      items.sort { a, b in
        do { return try Operators.compare(.less, a, b, at: context.range) } catch {
          failure = error as? Diagnostic
          return false
        }
      }
      if let failure { throw failure }
      return try Methods.rebuilt(items, like: .list([]), at: context.range, limit: context.session.maxTensorElements)
    },
    Builtin(name: "reversed", arity: 1...1, summary: "reversed(v): the items of v, last first") { args, context in
      let items = try Compiler.elements(of: args[0], at: context.argumentRange(0)).reversed()
      return try Methods.rebuilt(Array(items), like: .list([]), at: context.range, limit: context.session.maxTensorElements)
    },
  ]

  /// `range(a, b, step)`: the integers from a, by step, before b.
  static func steppedRange(_ args: [Value], _ context: BuiltinContext) throws -> Value {
    let low = try integer(args[0], context, 0, "range")
    let high = try integer(args[1], context, 1, "range")
    let step = try integer(args[2], context, 2, "range")
    guard step != 0 else { throw Diagnostic("range() step must not be zero", at: context.argumentRange(2)) }
    let span = step > 0 ? high - low : low - high
    let count = span <= 0 ? 0 : (span - 1) / Swift.abs(step) + 1
    guard count <= context.session.maxTensorElements else { throw tooLarge(count, context) }
    return .tensor(Tensor((0..<count).map { Double(low + $0 * step) }), integral: true)
  }
}
