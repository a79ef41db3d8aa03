extension Session {
  /// The learner's functions as this session holds them now (each `def`
  /// that has run), for symbolic derivatives.
  public var functionLibrary: FunctionLibrary {
    FunctionLibrary { [unowned self] name in
      if case .function(let function)? = self.value(of: name) { return function.definition }
      return nil
    }
  }

  /// The symbolic derivative of what the function `function` returns with
  /// respect to its parameter `parameter`, in terms of its parameters
  /// (what the automatic derivative is compared with).
  public func symbolicDerivative(of function: Value, wrt parameter: String, range: SourceRange) throws -> Expr {
    guard case .function(let f) = function, let definition = f.definition else {
      throw Diagnostic("\(function.aKindName) has no formula to differentiate; give a function made with def", at: range)
    }
    return try SymbolicDerivative.derivative(of: definition, wrt: parameter, functions: functionLibrary)
  }

  /// The value of `formula` with these names bound (a function's
  /// parameters) and the session's variables for every other name.
  public func evaluate(_ formula: Expr, binding bindings: [(name: String, value: Value)] = []) throws -> Value {
    let names = bindings.map(\.name)
    let scope = FunctionScope(parameters: names, body: [])
    let code = Compiler(session: self, scope: bindings.isEmpty ? nil : scope).compile(formula)
    let frame = Frame(localCount: scope.count)
    for binding in bindings {
      if let slot = scope.slots[binding.name] { frame.locals[slot] = binding.value }
    }
    return try code(frame)
  }
}
