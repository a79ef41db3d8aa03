import DescentPlot
import Foundation
import TestSupport
import Testing

@testable import DescentNotebook

@Suite struct RenderTests {
  func chartContents(_ notebook: Notebook) -> [CellContent] {
    var results = CellRunner(notebook: notebook).run()
    let chart = Chart(
      title: "error per step",
      series: [.line("error", points: (0..<5).map { PlotPoint(x: Double($0), y: 1 / Double($0 + 1)) })])
    results[0].charts = [chart]
    return CellContent.contents(of: notebook, results: results)
  }

  @Test func htmlIsSelfContainedWithInlineSVG() throws {
    let notebook = Notebook(bytes: try NotebookFixtures.bytes("tricky.md"), path: "tricky.md")
    let html = HTMLRenderer.render(notebook, contents: chartContents(notebook))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("<title>Trícky — prose that must survive</title>"))
    #expect(html.contains("<figure aria-label=\"cell 1 figure 1\"><svg "))
    #expect(!html.contains("http"), "no links to anything outside the page")
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    // Prose, tables and other languages' code survive; cells are highlighted.
    #expect(html.contains("<table>"))
    #expect(html.contains("<div class=\"note\">"))
    #expect(html.contains("<code class=\"language-python\">"))
    #expect(html.contains("<span class=\"kw\">print</span> <span class=\"str\">&quot;tilde fence&quot;</span>"))
    #expect(html.contains("<pre class=\"output\"><samp>tilde fence 2</samp></pre>"))
    // Stored output that a run replaced is gone, and no cell shows as raw markdown.
    #expect(!html.contains("old text that is wrong"))
    #expect(!html.contains("```descent") && !html.contains("```output"))
  }

  @Test func hiddenCellsShowOnlyTheirOutput() {
    let notebook = NotebookFixtures.notebook("```descent hide\nsecret = 1\nprint \"shown\"\n```\n")
    let html = HTMLRenderer.render(notebook, contents: CellContent.contents(of: notebook, results: CellRunner(notebook: notebook).run()))
    #expect(!html.contains("secret"))
    #expect(html.contains("shown"))
  }

  /// Lesson 6's long messages were cut at the output box's edge: prose
  /// lines wrap, while a table's lines keep their columns (issue 24).
  @Test func longOutputLinesWrapAndTablesKeepTheirColumns() {
    let message = "diverged at step 108: error 5.081693899038608e+100; try a smaller alpha (the weights keep their last finite values)"
    let notebook = NotebookFixtures.notebook(
      "```descent\nprint \"\(message)\"\nweight = 0.5; goal = 0.8; input = 2\ntrain 2 alpha 0.1\nshow history\n```\n")
    let html = HTMLRenderer.render(
      notebook, contents: CellContent.contents(of: notebook, results: CellRunner(notebook: notebook).run()))
    #expect(html.contains("color: #333;\n  white-space: pre-wrap; overflow-wrap: anywhere; }"))
    #expect(html.contains(".cell .output .columns { white-space: pre; }"))
    #expect(html.contains("<samp>" + message))  // a plain line: it wraps
    #expect(html.contains("<span class=\"columns\">step  "))
    #expect(html.contains("<span class=\"columns\">   1  "))
  }

  @Test func storedFiguresAreReadFromTheirFiles() throws {
    let path = try NotebookFixtures.scratchNotebook("f.md", Array("```descent\nx = 1\n```\n\n![cell 1 figure 1](f.figures/f-cell-1-1.svg)\n![cell 1 figure 2](f.figures/f-cell-1-2.svg)\n".utf8))
    let folder = (path as NSString).deletingLastPathComponent + "/f.figures"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n".utf8).write(to: URL(fileURLWithPath: folder + "/f-cell-1-1.svg"))
    let notebook = try Notebook.read(path: path)
    let html = HTMLRenderer.render(notebook, contents: CellContent.contents(of: notebook))
    #expect(html.contains("<svg><rect/></svg>"))
    #expect(html.contains("figure missing:"))
  }

  @Test func highlighterMarksTokensAndComments() {
    let html = CodeHighlighter.html("train 20 alpha 0.1  # go\nx = sigmoid(2) ** 2\n")
    #expect(html == "<span class=\"dom\">train</span> <span class=\"num\">20</span> alpha <span class=\"num\">0.1</span>  <span class=\"com\"># go</span>\nx <span class=\"op\">=</span> <span class=\"fn\">sigmoid</span>(<span class=\"num\">2</span>) <span class=\"op\">**</span> <span class=\"num\">2</span>\n")
  }

  static let nbformatAvailable = ProjectPython.canImport("nbformat")

  @Test func ipynbHasMarkdownAndCodeCells() throws {
    let notebook = Notebook(bytes: try NotebookFixtures.bytes("tricky.md"), path: "tricky.md")
    let json = IPYNBWriter.render(notebook, contents: chartContents(notebook))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["nbformat"] as? Int == 4)
    let cells = try #require(object["cells"] as? [[String: Any]])
    #expect(cells.filter { $0["cell_type"] as? String == "code" }.count == 6)
    let first = try #require(cells.first { $0["cell_type"] as? String == "code" })
    let outputs = try #require(first["outputs"] as? [[String: Any]])
    #expect(outputs.map { $0["output_type"] as? String } == ["stream", "display_data"])
    let metadata = try #require(object["metadata"] as? [String: Any])
    #expect((metadata["language_info"] as? [String: Any])?["name"] as? String == "descent")
    #expect(!json.contains("title: Trícky"), "front matter is not a markdown cell")
  }

  @Test func ipynbNamesTheDescentKernelAndCarriesCellOptions() throws {
    let markdown = """
      ---
      digits: 12
      ---
      ```descent
      print 0.1 + 0.2
      ```

      ```descent budget=1000 expect-error
      while true { }
      ```

      ```descent digits=shortest
      print 0.1 + 0.2
      ```

      """
    let notebook = Notebook(bytes: Array(markdown.utf8), path: "options.md")
    let json = IPYNBWriter.render(notebook, contents: CellContent.contents(of: notebook))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let metadata = try #require(object["metadata"] as? [String: Any])
    let kernelspec = try #require(metadata["kernelspec"] as? [String: String])
    #expect(kernelspec == ["name": "descent", "display_name": "Descent", "language": "descent"])
    let language = try #require(metadata["language_info"] as? [String: String])
    #expect(language["mimetype"] == "text/x-descent")
    #expect(language["file_extension"] == ".descent")
    let cells = try #require(object["cells"] as? [[String: Any]])
    let sources = cells.compactMap { ($0["source"] as? [String])?.joined() }
    #expect(
      sources == [
        "#| digits=12\nprint 0.1 + 0.2",
        "#| budget=1000\n#| digits=12\nwhile true { }",
        "#| digits=shortest\nprint 0.1 + 0.2",
      ])
  }

  @Test(.enabled(if: RenderTests.nbformatAvailable, ".venv cannot import nbformat (run scripts/setup); validity not checked"))
  func ipynbValidatesWithNbformat() throws {
    let notebook = Notebook(bytes: try NotebookFixtures.bytes("tricky.md"), path: "tricky.md")
    let path = try NotebookFixtures.scratchFolder() + "/tricky.ipynb"
    try Data(IPYNBWriter.render(notebook, contents: chartContents(notebook)).utf8).write(to: URL(fileURLWithPath: path))
    let process = Process()
    process.executableURL = ProjectPython.executable
    process.arguments = ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(message)")
  }
}
