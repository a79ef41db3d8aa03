import Testing

@testable import DescentNotebook

@Suite struct CheckerTests {
  func check(_ text: String, path: String = "n.md") -> [CellCheck] {
    let notebook = NotebookFixtures.notebook(text, path: path)
    return Checker.check(notebook, results: CellRunner(notebook: notebook).run())
  }

  @Test func matchingOutputPasses() {
    let checks = check("```descent\nprint 0.1 + 0.2\n```\n\n```output\n0.30000000000000004\n```\n")
    #expect(checks.map(\.passed) == [true])
  }

  @Test func noOutputAndNoBlockPasses() {
    #expect(check("```descent\nx = 1\n```\n").map(\.passed) == [true])
  }

  /// A cell's last expression shows its value, as in Jupyter: a lesson
  /// saved from the prompt, with `weight` alone in a cell, replays as the
  /// session went. Earlier expressions and statements show nothing.
  @Test func aCellsLastExpressionShowsItsValue() {
    let notebook = NotebookFixtures.notebook(
      "```descent\nweight = 0.5\nweight\n```\n\n```descent\nweight * 2\nprint 3\n```\n\n"
        + "```descent\nweight * 2\nweight * 4\n```\n\n```descent\ndef f(x) { print x }\nf(1)\n```\n",
      path: "n.md")
    let outputs = CellRunner(notebook: notebook).run().map(\.output)
    #expect(outputs == ["0.5\n", "3\n", "2.0\n", "1\n"])
    let checks = check("```descent\nweight = 0.5\nweight\n```\n\n```output\n0.5\n```\n")
    #expect(checks.map(\.passed) == [true])
  }

  @Test func outputWithoutStoredBlockFails() {
    let checks = check("```descent\nprint 1\n```\n")
    #expect(checks[0].report.hasPrefix("n.md:1: cell 1: no stored output; run `descent run --update n.md`"))
  }

  @Test func mismatchPrintsAUnifiedDiffWithMarkdownLines() {
    let text = """
      # Title

      ```descent
      for i in 0..<5 { print "line", i }
      ```

      ```output
      line 0
      line 1
      line two
      line 3
      line 4
      ```

      """
    let checks = check(text)
    #expect(!checks[0].passed)
    #expect(checks[0].report == """
      n.md:3: cell 1: output differs from the stored output (relative tolerance 1e-09)
      --- n.md:8-12 (stored)
      +++ n.md (actual)
      @@ -8,5 +8,5 @@
       line 0
       line 1
      -line two
      +line 2
       line 3
       line 4

      """)
  }

  @Test func toleranceFromCellAndFrontMatter() {
    let stored = "```output\n0.3\n```\n"
    let cell = "```descent\nprint 0.3000001\n```\n\n"
    #expect(check(cell + stored).map(\.passed) == [false])
    #expect(check("```descent tolerance=1e-6\nprint 0.3000001\n```\n\n" + stored).map(\.passed) == [true])
    #expect(check("---\ntolerance: 1e-6\n---\n" + cell + stored).map(\.passed) == [true])
    #expect(check("---\ntolerance: 0\n---\n```descent\nprint 0.1 + 0.2\n```\n\n" + stored).map(\.passed) == [false])
  }

  @Test func expectErrorStoresTheErrorAndChecksIt() throws {
    let text = "Intro.\n\n```descent expect-error\nprint 1\nprint nope\n```\n"
    let path = try NotebookFixtures.scratchNotebook("err.md", Array(text.utf8))
    let results = try NotebookFixtures.update(path)
    #expect(results.map(\.status) == [.ran])
    let updated = String(decoding: NotebookFixtures.read(path), as: UTF8.self)
    #expect(updated.contains("```output\n1\nerr.md:5:7: error:"), "\(updated)")
    let notebook = try Notebook.read(path: path)
    #expect(Checker.check(notebook, results: CellRunner(notebook: notebook).run()).map(\.passed) == [true])
  }

  @Test func expectErrorCellThatSucceedsFails() {
    let checks = check("```descent expect-error\nprint 1\n```\n")
    #expect(checks[0].report.contains("is marked expect-error but ran without an error"))
  }

  @Test func failingCellFailsAndLaterCellsAreNotRun() {
    let checks = check("```descent\nprint nope\n```\n\n```descent\nprint 1\n```\n")
    #expect(checks.map(\.passed) == [false, false])
    #expect(checks[0].report.contains("n.md:2:"))
    #expect(checks[1].report.contains("not run: an earlier cell failed"))
  }

  @Test func skippedCellPassesWithoutRunning() {
    let checks = check("```descent skip\nwhile true { }\n```\n\n```output\nwhatever\n```\n")
    #expect(checks.map(\.passed) == [true])
  }

  @Test func figureCountMustMatchTheLinks() {
    let checks = check("```descent\nx = 1\n```\n\n![cell 1 figure 1](n.figures/n-cell-1-1.svg)\n")
    #expect(checks[0].report.contains("drew 0 figures but the notebook links 1 figure"))
  }

  @Test func diffOfInsertedAndRemovedLines() {
    let diff = UnifiedDiff(stored: ["a", "b"], actual: ["a", "b", "c"], storedStart: 10, actualStart: 10)
    #expect(diff.render { $0 == $1 } == "@@ -10,2 +10,3 @@\n a\n b\n+c\n")
    let removed = UnifiedDiff(stored: ["x"], actual: [], storedStart: 4, actualStart: 4)
    #expect(removed.render { $0 == $1 } == "@@ -4,1 +3,0 @@\n-x\n")
  }
}
