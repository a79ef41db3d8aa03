import DescentLanguage
import Testing

@testable import DescentNotebook

@Suite struct ParsingTests {
  @Test func findsDescentCellsOnlyWithTheirLines() throws {
    let notebook = Notebook(bytes: try NotebookFixtures.bytes("tricky.md"), path: "tricky.md")
    #expect(notebook.issues.isEmpty)
    #expect(notebook.cells.map(\.fenceLine) == [20, 28, 37, 41, 46, 56])
    #expect(notebook.cells[0].code == "x = 2\nprint \"tilde fence\", x\n")
    #expect(notebook.cells[1].code == "print \"in a list\"\n")
    #expect(notebook.cells[1].indent == "    ")
    #expect(notebook.cells[2].indent == "> ")
    #expect(notebook.cells[4].storedOutput?.text == "old text that is wrong\n")
    #expect(notebook.cells[4].figureLinks == ["tricky.figures/tricky-cell-6-1.svg"])
    #expect(notebook.title == "Trícky — prose that must survive")
    #expect(notebook.frontMatter.lineCount == 4)
  }

  @Test func cellSourcePointsAtTheMarkdownLine() {
    let notebook = NotebookFixtures.notebook("# T\n\n```descent\nx = 1\nprint y\n```\n")
    let runner = CellRunner(notebook: notebook)
    let results = runner.run()
    #expect(results[0].status == .failed)
    let rendered = results[0].error?.render(source: notebook.cells[0].source(name: "t.md")) ?? ""
    #expect(rendered.hasPrefix("t.md:5:"), "\(rendered)")
  }

  @Test func cellOptions() {
    let text = "```descent hide budget=5 digits=12 tolerance=1e-6\nprint 1\n```\n\n```descent skip\n```\n"
    let cells = NotebookFixtures.notebook(text).cells
    #expect(cells[0].options.hide)
    #expect(cells[0].options.budget == 5)
    #expect(cells[0].options.digits == .significant(12))
    #expect(cells[0].options.tolerance == 1e-6)
    #expect(cells[1].options.skip)
  }

  @Test func unknownCellOptionIsAnErrorWithTheLine() {
    let notebook = NotebookFixtures.notebook("text\n\n```descent hid budget=x\nprint 1\n```\n", path: "a.md")
    #expect(notebook.hasErrors)
    #expect(notebook.issues.map(\.description).contains { $0.hasPrefix("a.md:3: error: unknown cell option 'hid'") })
    #expect(notebook.issues.map(\.description).contains { $0.hasPrefix("a.md:3: error: budget=x") })
  }

  @Test func unclosedCellIsAnError() {
    let notebook = NotebookFixtures.notebook("# T\n\n```descent\nprint 1\n", path: "a.md")
    #expect(notebook.issues.map(\.description) == [
      "a.md:3: error: the descent cell opened here is never closed (a line of 3 or more '`' ends it)"
    ])
  }

  @Test func frontMatterSettingsAndWarnings() {
    let text = "---\ntitle: Lesson\ndigits: 12\ntolerance: 1e-6\nbudget: 100\ncolour: red\n---\n\n```descent\nprint 0.1 + 0.2\n```\n"
    let notebook = NotebookFixtures.notebook(text, path: "f.md")
    #expect(notebook.frontMatter.title == "Lesson")
    #expect(notebook.frontMatter.digits == .significant(12))
    #expect(notebook.frontMatter.tolerance == 1e-6)
    #expect(notebook.frontMatter.budget == 100)
    #expect(!notebook.hasErrors)
    #expect(notebook.issues.map(\.description).first?.hasPrefix("f.md:6: warning: unknown front matter key 'colour'") == true)
    #expect(notebook.cells.first?.fenceLine == 9)
    #expect(CellRunner(notebook: notebook).run().first?.output == "0.3\n")
  }

  @Test func badFrontMatterValuesAreErrorsWithLines() {
    let notebook = NotebookFixtures.notebook("---\ndigits: many\nbudget: [1\n---\n", path: "f.md")
    #expect(notebook.hasErrors)
    #expect(notebook.issues.allSatisfy { $0.line != nil })
  }

  @Test func frontMatterIsNotProse() {
    let notebook = NotebookFixtures.notebook("---\ntitle: x\n---\n# Real heading\n")
    #expect(notebook.title == "x")
    let html = HTMLRenderer.render(notebook, contents: [])
    #expect(!html.contains("title: x"))
    #expect(html.contains("<h1>Real heading</h1>"))
  }

  @Test func notUTF8IsAnIssueNotACrash() {
    let notebook = Notebook(bytes: [0x23, 0x20, 0xFF, 0xFE, 0x0A], path: "bad.md")
    #expect(notebook.issues.map(\.description) == ["bad.md: error: not UTF-8 text"])
  }

  @Test func cellsRunInOneSessionAndStopAfterAFailure() {
    let text = "```descent\nx = 3\n```\n\n```descent\nprint x\nprint nope\n```\n\n```descent\nprint 1\n```\n"
    let results = CellRunner(notebook: NotebookFixtures.notebook(text)).run()
    #expect(results.map(\.status) == [.ran, .failed, .notRun])
    #expect(results[1].output == "3\n")
  }

  @Test func budgetOptionStopsARunawayLoop() {
    let text = "```descent budget=100\nwhile true { x = 1 }\n```\n"
    let results = CellRunner(notebook: NotebookFixtures.notebook(text)).run()
    #expect(results[0].status == .failed)
    #expect(results[0].error?.message.contains("step budget of 100") == true)
  }
}
