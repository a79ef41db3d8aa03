import DescentLanguage

/// What a Descent value may be at run time, guessed from the tree: the
/// exporter prints plain numbers and strings with Python's own `print` and
/// sends anything else (booleans, vectors, unknowns) through `_show`, which
/// formats exactly as Descent does.
struct ValueKinds: OptionSet, Hashable {
  let rawValue: Int
  static let int = ValueKinds(rawValue: 1)
  static let float = ValueKinds(rawValue: 2)
  static let bool = ValueKinds(rawValue: 4)
  static let string = ValueKinds(rawValue: 8)
  static let array = ValueKinds(rawValue: 16)
  /// Networks, tables, lists of matrices, functions.
  static let other = ValueKinds(rawValue: 32)
  /// Made by numpy (`np.array(...)`, an array train on f kept): prints as
  /// numpy prints, as in Descent. Only what the straight-line code exported
  /// so far knows (`currentKinds`), never the whole program's guess.
  static let numpy = ValueKinds(rawValue: 64)
  static let number: ValueKinds = [.int, .float]
  static let unknown: ValueKinds = [.int, .float, .bool, .string, .array, .other]

  /// Whether Python's `print`/`str` writes this exactly as Descent does
  /// (numbers print as Python 3 floats unless a `digits` statement is about).
  func printsNatively(digitsChanged: Bool) -> Bool {
    if !isSubset(of: [.int, .float, .string]) { return false }
    return !(digitsChanged && contains(.float))
  }
}

extension ValueKinds {
  /// The kinds of what a trainer writes (`TrainerChoice.writes`): trainers
  /// write floats, never ints.
  init(_ holding: TrainerChoice.Holding) {
    switch holding {
    case .number: self = .float
    case .vector, .matrix: self = .array
    case .other: self = .other
    case .nothing: self = []
    case .unknown: self = .unknown
    }
  }
}

/// The kinds of every variable, gathered over the whole program (ignoring
/// order: a name is any kind it is ever given).
struct VariableKinds {
  private(set) var kinds: [String: ValueKinds] = [:]
  /// Names of the functions the program defines.
  private(set) var functions: Set<String> = []
  /// The parameters of the function being exported: any kind, whatever the
  /// program's variables of the same name hold.
  var parameters: Set<String> = []
  /// The functions the program defines, to follow a call into its body.
  private var definitions: [String: (parameters: [String], body: [Stmt])] = [:]
  /// While following a call: what the function's parameters and locals hold.
  private var bindings: [String: ValueKinds] = [:]
  private var callDepth = 0

  init(_ statements: [Stmt]) {
    // Kinds flow through assignments; three passes settle chains like a = b; b = 1.
    for _ in 0..<3 { walk(statements) }
  }

  subscript(name: String) -> ValueKinds {
    if let bound = bindings[name] { return bound }
    return parameters.contains(name) ? .unknown : kinds[name] ?? .unknown
  }

  /// Whether the program assigns this name anywhere.
  func isAssigned(_ name: String) -> Bool { kinds[name] != nil }

  private mutating func give(_ name: String, _ kind: ValueKinds) {
    kinds[name, default: []].formUnion(kind)
  }

  private mutating func walk(_ statements: [Stmt]) {
    for statement in statements { walk(statement) }
  }

  private mutating func walk(_ statement: Stmt) {
    switch statement.kind {
    case .assign(let target, let op, let value):
      guard case .name(let name) = target.kind else { return }
      if let op {
        give(name, kindOf(Expr(.binary(op, target, value), value.range)))
      } else {
        give(name, kindOf(value))
      }
    case .ifElse(_, let then, let otherwise):
      walk(then)
      walk(otherwise ?? [])
    case .whileLoop(_, let body), .repeatLoop(_, let body):
      walk(body)
    case .forLoop(let variable, _, let start, let upper, _, let body):
      if upper != nil {
        give(variable, kindOf(start).intersection(.number).isEmpty ? .unknown : .int)
      } else if case .vector(let items) = start.kind {
        // A vector with any float in it is all floats (the grammar's note).
        let elements = items.reduce(ValueKinds()) { $0.union(kindOf($1)) }
        give(variable, elements.contains(.float) ? elements.subtracting(.int) : elements)
      } else {
        give(variable, [.int, .float, .array])
      }
      walk(body)
    case .def(let name, let parameters, let body):
      // Parameters and the names a function assigns are its own (Python's
      // scoping, and Descent's); they do not change the program's variables.
      functions.insert(name)
      definitions[name] = (parameters, body)
    case .domain(let domain):
      walk(domain)
    default:
      break
    }
  }

  /// What a domain statement writes; no `default`, so a new `DomainStmt`
  /// case must say which variables it sets.
  private mutating func walk(_ statement: DomainStmt) {
    switch statement {
    case .train(let spec) where spec.function != nil:
      // `train ... on f` moves the variables f's parameters name and
      // writes what `TrainerChoice.function` lists.
      for write in TrainerChoice.function.writes {
        give(write.name, write.holds.reduce(ValueKinds()) { $0.union(ValueKinds($1)) })
      }
      // The variables it moves end as floats (the engine descends doubles).
      if case .name(let name)? = spec.function?.kind, let definition = definitions[name] {
        for parameter in definition.parameters { give(parameter, .float) }
      }
    case .train:
      // What the trainers it may pick write (`TrainerChoice.writes`): one
      // weight always (the order of statements is not known here), several
      // weights with a vector input or `weights`. A network's exported loop
      // sets only `error` and `history`, which these cover.
      var trainers: [TrainerChoice] = [.oneWeight]
      if self["input"].contains(.array) || isAssigned("weights") {
        trainers += [.oneInputManyOutputs, .manyInputs, .manyToMany]
      }
      for write in trainers.flatMap(\.writes) {
        give(write.name, write.holds.reduce(ValueKinds()) { $0.union(ValueKinds($1)) })
      }
    case .network:
      give("net", .other)
    case .load(_, let target):
      give("data", .other)
      if target != nil {
        give("inputs", .array)
        give("goals", .array)
      }
    case .explore(let spec):
      // The export runs the block once, each knob at its start: the knobs
      // and what the block assigns are the program's variables.
      for knob in spec.knobs {
        give(knob.name, [knob.from, knob.to, knob.step, knob.start].compactMap { $0 }.reduce(ValueKinds()) {
          $0.union(kindOf($1))
        })
      }
      walk(spec.body)
    case .plot, .show, .predict, .checkGradient, .seed, .live, .showDerivative, .compare:
      break  // they set no variable
    }
  }

  /// The kinds an expression may evaluate to.
  func kindOf(_ expr: Expr) -> ValueKinds {
    switch expr.kind {
    case .integer: return .int
    case .float: return .float
    case .string: return .string
    case .bool: return .bool
    case .name(let name): return self[name]
    case .vector: return .array
    case .unary(_, let operand):
      return kindOf(operand).subtracting(.bool).union(kindOf(operand).contains(.bool) ? .int : [])
    case .binary(let op, let left, let right): return binaryKind(op, kindOf(left), kindOf(right))
    case .and(let a, let b), .or(let a, let b): return kindOf(a).union(kindOf(b))
    case .not, .comparison: return .bool
    case .call(let callee, let arguments): return callKind(callee, arguments)
    case .index(let base, _):
      let b = kindOf(base)
      var result: ValueKinds = []
      if b.contains(.string) { result.insert(.string) }
      if !b.intersection([.array, .other]).isEmpty { result.formUnion([.int, .float, .array]) }
      return b.contains(.other) ? .unknown : result
    case .member, .network, .load: return .other
    case .none, .tuple, .slice, .keyword: return .other
    case .membership, .identity: return .bool
    case .formatted: return .string
    case .conditional(let value, _, let otherwise): return kindOf(value).union(kindOf(otherwise))
    }
  }

  private func binaryKind(_ op: BinaryOperator, _ a: ValueKinds, _ b: ValueKinds) -> ValueKinds {
    if a.contains(.other) || b.contains(.other) { return .unknown }
    var result: ValueKinds = []
    if a.contains(.array) || b.contains(.array) { result.insert(.array) }
    if op == .matmul { return result.union([.int, .float]) }
    let aNumber = !a.intersection([.int, .float, .bool]).isEmpty
    let bNumber = !b.intersection([.int, .float, .bool]).isEmpty
    if aNumber && bNumber {
      if a.contains(.float) || b.contains(.float) || op == .divide { result.insert(.float) }
      if !a.intersection([.int, .bool]).isEmpty && !b.intersection([.int, .bool]).isEmpty && op != .divide {
        result.insert(.int)
        if op == .power { result.insert(.float) }
      }
    }
    if op == .add && a.contains(.string) && b.contains(.string) { result.insert(.string) }
    if op == .multiply && (a.contains(.string) || b.contains(.string)) { result.insert(.string) }
    return result.isEmpty ? .unknown : result
  }

  /// What a call of a function the program defines gives: its return
  /// expressions, with the parameters holding what the arguments hold.
  private func userCallKind(_ name: String, _ arguments: [Expr]) -> ValueKinds {
    guard let definition = definitions[name], callDepth < 3, definition.parameters.count == arguments.count else {
      return .unknown
    }
    var inner = self
    inner.callDepth += 1
    var locals = ProgramFacts()
    locals.walk(definition.body)
    inner.bindings = Dictionary(uniqueKeysWithValues: locals.assigned.map { ($0, ValueKinds.unknown) })
    for (parameter, argument) in zip(definition.parameters, arguments) { inner.bindings[parameter] = kindOf(argument) }
    let returned = Self.returnedExpressions(definition.body)
    guard !returned.isEmpty else { return .unknown }
    return returned.reduce(ValueKinds()) { $0.union(inner.kindOf($1)) }
  }

  /// The expressions a function body returns (nil when one returns nothing).
  static func returnedExpressions(_ body: [Stmt]) -> [Expr] {
    var found: [Expr] = []
    for statement in body {
      switch statement.kind {
      case .returnValue(let value):
        guard let value else { return [] }
        found.append(value)
      case .ifElse(_, let then, let otherwise):
        found += returnedExpressions(then) + returnedExpressions(otherwise ?? [])
      case .whileLoop(_, let inner), .repeatLoop(_, let inner), .forLoop(_, _, _, _, _, let inner):
        found += returnedExpressions(inner)
      default: break
      }
    }
    return found
  }

  private func callKind(_ callee: Expr, _ arguments: [Expr]) -> ValueKinds {
    guard case .name(let name) = callee.kind else { return .unknown }
    if functions.contains(name) { return userCallKind(name, arguments) }
    let first = arguments.first.map(kindOf) ?? []
    let elementwise: ValueKinds = first.contains(.array) || first.contains(.other) ? [.float, .array] : .float
    switch name {
    case "sigmoid", "sigmoid_prime", "exp", "log", "sqrt", "tanh", "sin", "cos", "tan", "relu", "relu_prime":
      return elementwise
    case "round": return arguments.count == 1 ? .int : first.intersection([.int, .float, .array]).union(.float)
    case "abs": return first.intersection([.int, .float, .array]).union(first.contains(.bool) ? .int : [])
    case "sum", "min", "max": return [.int, .float]
    case "mean",
      "random" where arguments.isEmpty:
      return .float
    case "len", "int": return .int
    case "derivative": return .float
    case "gradient": return .array
    case "str": return .string
    case "float": return first.contains(.array) ? [.float, .array] : .float
    case "dot", "predict": return [.int, .float, .array]
    case "outer", "transpose", "range", "zeros", "ones", "random", "shape": return .array
    default: return .unknown
    }
  }
}
