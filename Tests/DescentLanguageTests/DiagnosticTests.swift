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

/// Python's `HEADER:` gets the same header with a brace as its hint, not
/// another statement's form.
@Suite struct BlockColonHintTests {
  @Test(arguments: [
    ("def f(a, b):\n    return a + b", "def f(a, b) { ... }"),
    ("while x > 1:\n    x -= 1", "while x > 1 { ... }"),
    ("if weight > 0.5:\n    print 1", "if weight > 0.5 { ... }"),
    ("if a { print 1 } else:\n    print 2", "else { ... }"),
    ("repeat 20:\n    x += 1", "repeat 20 { ... }"),
  ])
  func theHintRepeatsTheHeaderWithABrace(_ program: String, _ braceForm: String) throws {
    let first = try #require(Parser.parse(program).diagnostics.first)
    #expect(first.notes == ["Descent opens blocks with braces, not ':': \(braceForm)"])
  }
}
