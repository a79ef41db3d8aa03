import DescentLanguage
import Testing

/// The symbolic derivative on the course's formulas: the formula it gives,
/// simplified, and its value.
@Suite struct SymbolicDerivativeTests {
  /// The expression of a one-line program.
  static func expression(_ text: String) throws -> Expr {
    let parsed = Parser.parse(text)
    #expect(parsed.diagnostics.isEmpty, "\(text): \(parsed.diagnostics.map(\.message))")
    guard let first = parsed.statements.first, case .expression(let expr) = first.kind else {
      throw Diagnostic("not an expression: \(text)", at: SourceRange(.init(line: 1, column: 1, offset: 0), .init(line: 1, column: 1, offset: 0)))
    }
    return expr
  }

  /// The derivative of `text` with respect to `name`, printed.
  static func derivative(_ text: String, _ name: String, functions: FunctionLibrary = .none) throws -> String {
    SymbolicDerivative.python(try SymbolicDerivative.differentiate(try expression(text), wrt: name, functions: functions))
  }

  @Test func theCourseErrorGivesTheBooksDerivative() throws {
    #expect(try Self.derivative("(input * weight - goal_pred) ** 2", "weight") == "2 * (input * weight - goal_pred) * input")
    let session = Session(output: BufferSink())
    _ = session.run(Source(name: "t", text: "input = 0.5; goal_pred = 0.8; weight = 0.5"))
    let formula = try SymbolicDerivative.differentiate(
      try Self.expression("(input * weight - goal_pred) ** 2"), wrt: "weight")
    #expect(try session.evaluate(formula).number == -0.55)
  }

  @Test(arguments: [
    ("beta", "((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5 * (beta * gamma) * gamma"),
    ("gamma", "((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5 * (beta * gamma) * beta"),
    ("epsilon", "0.5 * ((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5"),
    ("x", "-0.5 * ((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5"),
  ])
  func theBigWhopper(_ name: String, _ expected: String) throws {
    let whopper = "(((beta * gamma) ** 2) + (epsilon + 22 - x)) ** (1/2)"
    #expect(try Self.derivative(whopper, name) == expected)
  }

  /// What the automatic derivatives are compared with: the derivative of a
  /// def's return expression, in terms of its parameters, and its value.
  @Test func theDerivativeOfADefsReturnExpression() throws {
    let session = Session(output: BufferSink())
    _ = session.run(Source(name: "t", text: "def f(x, y) {\n    z = x * y\n    return z ** 2 + exp(x)\n}\n"))
    let f = try #require(session.value(of: "f"))
    let range = SourceRange(.init(line: 1, column: 1, offset: 0), .init(line: 1, column: 1, offset: 0))
    let dx = try session.symbolicDerivative(of: f, wrt: "x", range: range)
    #expect(SymbolicDerivative.python(dx) == "2 * (x * y) * y + exp(x)")
    let value = try session.evaluate(dx, binding: [("x", .float(0.5)), ("y", .float(-2.0))]).number
    #expect(value == 2 * (0.5 * -2.0) * -2.0 + 1.6487212707001282)
    #expect(throws: Diagnostic.self) { try session.symbolicDerivative(of: f, wrt: "w", range: range) }
    #expect(throws: Diagnostic.self) { try session.symbolicDerivative(of: .float(1), wrt: "x", range: range) }
  }

  @Test(arguments: [
    ("foo(x) + 1", "1:1", "cannot differentiate foo() symbolically"),
    ("[1, 2] @ x", "1:1", "cannot differentiate a matrix product"),
    ("x[0] * 2", "1:1", "cannot differentiate an index x[0]"),
    ("loop(x)", "1:1", "cannot differentiate loop() symbolically: its body has a loop"),
    ("branch(x)", "1:1", "cannot differentiate branch() symbolically: its body has an 'if'"),
    ("exp(x, 2)", "1:1", "exp() takes 1 argument, given 2"),
  ])
  func whatHasNoSymbolicDerivativeIsALocatedError(_ text: String, _ place: String, _ message: String) throws {
    let library = FunctionLibrary(
      Parser.parse("def loop(x) { repeat 2 { x = x * 2 }\n return x }\ndef branch(x) { if x > 0 { return x }\n return -x }\n")
        .statements.compactMap { statement -> FunctionDefinition? in
          guard case .def(let name, let parameters, let body) = statement.kind else { return nil }
          return FunctionDefinition(name: name, parameters: parameters, body: body, range: statement.range)
        })
    let expr = try Self.expression(text)
    do {
      _ = try SymbolicDerivative.differentiate(expr, wrt: "x", functions: library)
      Issue.record("\(text) has a derivative")
    } catch let diagnostic as Diagnostic {
      #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
      #expect("\(diagnostic.range.start)" == place)
    }
  }

  /// The chain rule's steps, outside in, for the report `show derivative` prints.
  @Test func chainRuleStepsFromTheOutsideIn() throws {
    let report = try DerivativeReport(of: try Self.expression("exp(sigmoid(2 * x) ** 2) + x ** 2"), wrt: "x", functions: .none)
    let steps = report.steps.map {
      "\(SymbolicDerivative.python($0.expression)) | \(SymbolicDerivative.python($0.outerSlope)) | \(SymbolicDerivative.python($0.innerSlope))"
    }
    #expect(
      steps == [
        "exp(sigmoid(2 * x) ** 2) | exp(sigmoid(2 * x) ** 2) | 4 * sigmoid(2 * x) * sigmoid(2 * x) * (1 - sigmoid(2 * x))",
        "sigmoid(2 * x) ** 2 | 2 * sigmoid(2 * x) | 2 * sigmoid(2 * x) * (1 - sigmoid(2 * x))",
        "sigmoid(2 * x) | sigmoid(2 * x) * (1 - sigmoid(2 * x)) | 2",
      ])
    #expect(report.valueNames.map(\.name) == ["x"])
  }
}
