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
    ("beta", "((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5 * (beta * gamma * gamma)"),
    ("gamma", "((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5 * (beta * gamma * beta)"),
    ("epsilon", "0.5 * ((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5"),
    ("x", "-0.5 * ((beta * gamma) ** 2 + (epsilon + 22 - x)) ** -0.5"),
  ])
  func theBigWhopper(_ name: String, _ expected: String) throws {
    let whopper = "(((beta * gamma) ** 2) + (epsilon + 22 - x)) ** (1/2)"
    #expect(try Self.derivative(whopper, name) == expected)
  }
}
