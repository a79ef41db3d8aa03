import DescentLanguage
import Testing

/// Each rule of the simplifier on its own, and the printer's parentheses:
/// the printed formula reads back, through Descent's parser, to the same tree.
@Suite struct FormulaSimplifierTests {
  static func simplified(_ text: String) throws -> String {
    SymbolicDerivative.python(SymbolicDerivative.simplify(try SymbolicDerivativeTests.expression(text)))
  }

  @Test(arguments: [
    // x * 1, 1 * x, x * 0, 0 * x
    ("x * 1", "x"), ("1 * x", "x"), ("x * 1.0", "x"), ("x * 0", "0"), ("0 * sigmoid(x)", "0"),
    // x + 0, 0 + x, x - 0, 0 - x
    ("x + 0", "x"), ("0 + x", "x"), ("x - 0", "x"), ("0 - x", "-x"), ("x - x", "0"),
    // folded constants, with the interpreter's arithmetic
    ("2 - 1", "1"), ("1 / 2", "0.5"), ("2 ** 3", "8"), ("0.1 + 0.2", "0.30000000000000004"), ("7 // 2", "3"),
    ("2 * (3 * x)", "6 * x"), ("(2 * x) * 3", "6 * x"), ("x * 3", "3 * x"), ("exp(x) * -2", "-2 * exp(x)"), ("(0.5 * x) * (2 * y)", "x * y"),
    ("(0.5 * x) * (4 * y)", "2.0 * x * y"),
    // powers
    ("x ** 1", "x"), ("x ** 0", "1"), ("1 ** x", "1"), ("x ** (2 - 1)", "x"),
    // signs
    ("-(-x)", "x"), ("-(3)", "-3"), ("a - (-b)", "a + b"), ("a + (-b)", "a - b"), ("a + -2 * b", "a - 2 * b"),
    ("a - -2 * b", "a + 2 * b"), ("-a + b", "b - a"), ("-(a - b)", "b - a"), ("-(2 * x)", "-2 * x"),
    ("x * -1", "-x"), ("-1 * x", "-x"), ("(-x) * y", "-(x * y)"), ("x * (-y)", "-(x * y)"), ("+x", "x"),
    ("(-x) / y", "-(x / y)"), ("a - -x / 4", "a + x / 4"),
    // quotients
    ("(1 / v) * e", "e / v"), ("e * (1 / v)", "e / v"), ("0 / x", "0"), ("x / 1", "x"),
    ("2 * x / (2 * sqrt(y))", "x / sqrt(y)"), ("x / x", "1"), ("(a + b) / (a + b)", "1"),
    // what is not a constant stays as written
    ("(x ** 3) ** 2", "(x ** 3) ** 2"), ("exp(0)", "exp(0)"), ("1 / 0", "1 / 0"), ("x if c > 0 else x", "x"),
  ])
  func rule(_ text: String, _ expected: String) throws {
    #expect(try Self.simplified(text) == expected, "\(text)")
  }

  /// The simplifier never changes a value: each case before and after, evaluated.
  @Test func simplifyingKeepsTheValue() throws {
    let session = Session(output: BufferSink())
    _ = session.run(Source(name: "t", text: "x = 0.7; y = -1.3; a = 2.5; b = 0.4; v = 3.0; e = 1.1; c = 1"))
    for text in ["2 * (3 * x)", "(0.5 * x) * (2 * y)", "a - -2 * b", "-(a - b)", "(-x) / y", "(1 / v) * e", "a - -x / 4"] {
      let expr = try SymbolicDerivativeTests.expression(text)
      let before = try #require(try session.evaluate(expr).number)
      let after = try #require(try session.evaluate(SymbolicDerivative.simplify(expr)).number)
      #expect(abs(before - after) <= 1e-15 * max(1, abs(before)), "\(text)")
    }
  }

  @Test(arguments: [
    ("(a + b) * c", "(a + b) * c"), ("a + (b + c)", "a + (b + c)"), ("a - (b - c)", "a - (b - c)"),
    ("(a - b) - c", "a - b - c"), ("a / (b * c)", "a / (b * c)"), ("(a / b) * c", "a / b * c"),
    ("(-x) ** 2", "(-x) ** 2"), ("-(x ** 2)", "-x ** 2"), ("x ** (y ** z)", "x ** y ** z"),
    ("(x ** y) ** z", "(x ** y) ** z"), ("x ** -0.5", "x ** -0.5"), ("(-0.5) ** x", "(-0.5) ** x"),
    ("2 * -x", "2 * -x"), ("-(a * b)", "-(a * b)"), ("(a if c else b) + 1", "(a if c else b) + 1"),
    ("a if c else (b if d else e)", "a if c else b if d else e"), ("(x > 0) * y", "(x > 0) * y"),
    ("not (a and b)", "not (a and b)"), ("(a or b) and c", "(a or b) and c"), ("f(x)[0].y", "f(x)[0].y"),
    ("1e-05 * x", "1e-05 * x"), ("1e+16 + x", "1e+16 + x"), ("0.1 * x", "0.1 * x"),
  ])
  func printsWithTheFewestParentheses(_ text: String, _ expected: String) throws {
    let printed = SymbolicDerivative.python(try SymbolicDerivativeTests.expression(text))
    #expect(printed == expected)
    // Read back, it is the same tree (compared as printed, which shows every node).
    let again = SymbolicDerivative.python(try SymbolicDerivativeTests.expression(printed))
    #expect(again == printed)
    #expect(Self.shape(try SymbolicDerivativeTests.expression(printed)) == Self.shape(try SymbolicDerivativeTests.expression(text)))
  }

  /// Every generated expression's derivative, printed, parses back to the same tree.
  @Test func derivativesRoundTripThroughTheParser() throws {
    let session = Session(output: BufferSink())
    _ = session.run(Source(name: "setup", text: SymbolicDerivativeGeneratedTests.setup))
    var count = 0
    for testCase in SymbolicDerivativeGeneratedTests.cases {
      let expr = try SymbolicDerivativeTests.expression(testCase.text)
      for name in ["x", "y", "z"] {
        let formula = try SymbolicDerivative.differentiate(expr, wrt: name, functions: session.functionLibrary)
        let printed = SymbolicDerivative.python(formula)
        let parsed = try SymbolicDerivativeTests.expression(printed)
        #expect(Self.shape(parsed) == Self.shape(formula), "\(printed)")
        count += 1
      }
    }
    #expect(count >= 600)
  }

  /// The tree without its source ranges, with a minus folded into a
  /// literal as the parser folds it.
  static func shape(_ expr: Expr) -> String {
    let zero = SourceRange(SourceLocation(line: 1, column: 1, offset: 0), SourceLocation(line: 1, column: 1, offset: 0))
    func strip(_ e: Expr) -> Expr {
      let inner = e.mappingChildren(strip)
      if case .unary(.negate, let operand) = inner.kind {
        if case .float(let x) = operand.kind { return Expr(.float(-x), zero) }
        if case .integer(let n) = operand.kind { return Expr(.integer(-n), zero) }
      }
      return Expr(inner.kind, zero)
    }
    return String(describing: strip(expr))
  }
}
