extension Compiler {
  /// `show derivative of EXPR wrt NAME`: the formula and the chain-rule
  /// steps (they hold for any values), then the slope's value at the
  /// current variables.
  func compileShowDerivative(of expression: Expr, wrt variable: String, variableRange: SourceRange, at range: SourceRange)
    -> StmtCode
  {
    unowned(unsafe) let session = self.session
    // Inside a function the value is taken at its locals: the formula is
    // compiled when it is known (the functions it calls may change between
    // runs), in the same scope.
    let scope = self.scope
    return { frame in
      let report = try DerivativeReport(of: expression, wrt: variable, functions: session.functionLibrary)
      try session.emit(report.formulaText)
      guard report.variableAppears else { return .normal }
      let compiler = Compiler(session: session, scope: scope)
      var values: [String] = []
      for (name, place) in report.valueNames {
        guard scope?.slots[name] != nil || session.value(of: name) != nil else {
          var problem = session.undefinedName(name, at: place)
          problem.notes.append("the formula above holds for any \(name); its value needs one, as in: \(name) = 0.5")
          throw problem
        }
        values.append(session.text(of: try compiler.compile(Expr(.name(name), place))(frame)))
      }
      // A slope needs the function to have a value there (log(x) at x = -1 has neither).
      _ = try compiler.compile(report.inlined)(frame)
      let slope = try compiler.compile(report.derivative)(frame)
      try session.emit(report.valueLine(values: values, slope: session.text(of: slope)))
      return .normal
    }
  }
}
