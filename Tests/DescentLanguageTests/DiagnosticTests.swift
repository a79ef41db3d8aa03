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
