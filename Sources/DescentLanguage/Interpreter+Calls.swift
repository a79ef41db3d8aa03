import DescentEngine

/// Calls with keyword arguments, calls of a value's methods
/// (`weights.append(0.3)`, `a.sum()`, `"{}".format(x)`), of module
/// members (`np.exp(x)`), and `import`.
extension Compiler {
  /// A call whose arguments include `name=value`, or whose callee is a
  /// field (`x.f(...)`); nil for a plain call (`compileCall` does those).
  func compilePythonCall(_ callee: Expr, _ arguments: [Expr], at range: SourceRange) -> Code? {
    let hasKeywords = arguments.contains { if case .keyword = $0.kind { true } else { false } }
    guard hasKeywords || { if case .member = callee.kind { true } else { false } }() else { return nil }
    unowned(unsafe) let session = self.session
    var positional: [Code] = []
    var keywords: [(String, Code, SourceRange)] = []
    var positionalRanges: [SourceRange] = []
    for argument in arguments {
      if case .keyword(let name, let value) = argument.kind {
        keywords.append((name, compile(value), argument.range))
      } else {
        positional.append(compile(argument))
        positionalRanges.append(argument.range)
      }
    }
    let calleeRange = callee.range
    var templateStart: SourceLocation? = nil
    if case .member(let base, "format") = callee.kind { templateStart = literalTextStart(base) }
    let evaluate: (Frame) throws -> NativeArguments = { [templateStart] frame in
      NativeArguments(
        positional: try positional.map { try $0(frame) },
        keywords: try keywords.map { ($0.0, try $0.1(frame), $0.2) },
        context: BuiltinContext(session: session, range: range, argumentRanges: positionalRanges), name: "",
        templateStart: templateStart)
    }
    if case .member(let base, let method) = callee.kind {
      // A method that changes its receiver works on the variable's value
      // in place (`weights.append(0.3)` grows `weights`).
      let update = Methods.mutating.contains(method) && isPlace(base) ? compileUpdate(of: base) : nil
      let baseCode = compile(base)
      return { frame in
        let receiver = try baseCode(frame)
        var call = try evaluate(frame)
        if case .module(let module) = receiver {
          return try session.callValue(try module.member(method, at: calleeRange), &call, at: range)
        }
        guard let update else { return try Methods.call(receiver, method, call, at: calleeRange) }
        var result = Value.none
        try update(frame) { value in
          result = try Methods.callMutating(&value, method, call, at: calleeRange)
        }
        return result
      }
    }
    let calleeCode: Code
    if case .name(let name) = callee.kind, let builtin = Builtins.table[name] {
      // A name the program assigns is looked up when called, else the built-in.
      let slot = self.slot(for: name)
      let native = Value.native(builtin.asNative)
      calleeCode = { frame in
        let assigned: Value? =
          switch slot {
          case .global(let slot): slot.pointee
          case .local(let index): frame.locals[index]
          }
        return assigned ?? native
      }
    } else {
      calleeCode = compile(callee)
    }
    return { frame in
      let function = try calleeCode(frame)
      var call = try evaluate(frame)
      return try session.callValue(function, &call, at: range)
    }
  }

  /// Whether an expression names a place a method may change.
  func isPlace(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .name: return true
    case .index(let base, _), .member(let base, _): return isPlace(base)
    default: return false
    }
  }

  /// `import numpy as np`, `from numpy import exp`: binds the module or
  /// its members; any other module is an error naming what Descent has.
  func compileImport(_ spec: ImportSpec, at range: SourceRange) -> StmtCode {
    unowned(unsafe) let session = self.session
    let path = spec.module.split(separator: ".").map(String.init)
    let bindName = spec.alias ?? path[0]
    let store = storeCode(for: slot(for: bindName))
    let nameStores = (spec.names ?? []).map { (name: $0, store: storeCode(for: slot(for: $0.alias ?? $0.name))) }
    let moduleRange = spec.moduleRange
    return { frame in
      guard let root = Modules.module(path[0], session: session) else {
        throw Diagnostic(
          "Descent has no module '\(spec.module)'", at: moduleRange,
          notes: ["Descent has: " + Modules.known, "its own statements cover plotting (plot) and training (train)"])
      }
      var module = root
      for part in path.dropFirst() {
        guard case .module(let inner) = try root.member(part, at: moduleRange) else {
          throw Diagnostic("'\(spec.module)' is not a module", at: moduleRange)
        }
        module = inner
      }
      guard spec.names != nil else {
        // `import numpy.random` binds `numpy`, as Python does; with `as`, the inner module.
        store(frame, .module(spec.alias == nil ? root : module))
        return .normal
      }
      for (name, store) in nameStores {
        if name.name == "*" {
          for (member, value) in module.members { session.setValue(value, for: member) }
          continue
        }
        store(frame, try module.member(name.name, at: name.range))
      }
      return .normal
    }
  }
}

extension Builtin {
  /// The built-in as a value, for a call with keywords (`round(x, ndigits=2)`).
  var asNative: NativeFunction {
    let builtin = self
    return NativeFunction(name, summary) { call in
      guard call.keywords.isEmpty else {
        let keyword = call.keywords[0]
        throw Diagnostic("\(builtin.name)() takes no keyword arguments", at: keyword.range, notes: [builtin.summary])
      }
      return try builtin.call(call.positional, call.context)
    }
  }
}

extension Session {
  /// Calls a function value with positional and keyword arguments.
  func callValue(_ callee: Value, _ call: inout NativeArguments, at range: SourceRange) throws -> Value {
    switch callee {
    case .native(let function):
      let named = NativeArguments(positional: call.positional, keywords: call.keywords, context: call.context, name: function.name)
      return try function.body(named)
    case .function(let function):
      guard call.keywords.isEmpty else {
        throw Diagnostic(
          "\(function.name)() is called with a keyword argument; Descent's functions take arguments by position",
          at: call.keywords[0].range)
      }
      return try self.call(callee, call.positional, at: range, calleeRange: range)
    default:
      throw Diagnostic("\(callee.aKindName) cannot be called like a function", at: range)
    }
  }
}
