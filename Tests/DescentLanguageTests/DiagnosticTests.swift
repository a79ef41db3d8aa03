import DescentLanguage
import Testing

@Suite struct DiagnosticTests {
  @Test func rendersCaretUnderTheSpot() {
    let source = Source(name: "t.descent", text: "weight = 0.5\nprint (1 + 2\n")
    let at = SourceLocation(line: 2, column: 7, offset: 19)
    let d = Diagnostic("expected ')'", at: SourceRange(at, at), phase: .syntax)
    #expect(
      d.render(source: source) == """
        t.descent:2:7: error: expected ')'
            print (1 + 2
                  ^
        """)
  }
}

/// Python's `HEADER:` opens a colon block now (issue 20), so the headers
/// that once got a brace-form hint parse without a diagnostic.
@Suite struct BlockColonHeaderTests {
  @Test(arguments: [
    "def f(a, b):\n    return a + b",
    "while x > 1:\n    x -= 1",
    "if weight > 0.5:\n    print 1",
    "if a { print 1 } else:\n    print 2",
    "repeat 20:\n    x += 1",
  ])
  func aColonHeaderOpensABlock(_ program: String) {
    let parsed = Parser.parse(program)
    #expect(parsed.diagnostics.isEmpty)
    #expect(parsed.statements.count == 1)
  }
}
