import Foundation
import Testing

@testable import DescentNotebook

/// The commands as a user runs them: exit codes, headers, summaries.
@Suite(.enabled(if: NotebookFixtures.binary != nil, "needs the descent binary: run swift build first"))
struct CommandTests {
  @Test func runPrintsCellHeadersAndOutputs() throws {
    let path = try NotebookFixtures.scratchNotebook("r.md", Array("# R\n\n```descent\nprint 1\n```\n\n```descent skip\nprint 2\n```\n".utf8))
    let run = try NotebookFixtures.runDescent(["run", path])
    #expect(run.status == 0)
    #expect(run.out == "[1] line 3\n1\n[2] line 7: skipped\n")
  }

  @Test func failingCellPointsAtTheMarkdownLineAndSkipsTheRest() throws {
    let text = "# R\n\n```descent\nx = 1\nprint x + nope\n```\n\n```descent\nprint 2\n```\n\n```descent\nprint 3\n```\n"
    let path = try NotebookFixtures.scratchNotebook("r.md", Array(text.utf8))
    let run = try NotebookFixtures.runDescent(["run", path])
    #expect(run.status == 70)
    #expect(run.err.hasPrefix("\(path):5:11: error:"), "\(run.err)")
    #expect(run.err.contains("cells 2–3 not run: cell 1 failed"))
    let syntax = try NotebookFixtures.scratchNotebook("s.md", Array("```descent\nprint (1\n```\n".utf8))
    #expect(try NotebookFixtures.runDescent(["run", syntax]).status == 65)
    let bad = try NotebookFixtures.scratchNotebook("b.md", Array("```descent nope\nprint 1\n```\n".utf8))
    let badRun = try NotebookFixtures.runDescent(["run", bad])
    #expect(badRun.status == 65)
    #expect(badRun.err.hasPrefix("\(bad):1: error: unknown cell option 'nope'"))
  }

  @Test func failedUpdateLeavesTheFileAlone() throws {
    let text = Array("```descent\nprint 1\n```\n\n```descent\nprint nope\n```\n".utf8)
    let path = try NotebookFixtures.scratchNotebook("u.md", text)
    let run = try NotebookFixtures.runDescent(["run", "--update", path])
    #expect(run.status == 70)
    #expect(NotebookFixtures.read(path) == text)
  }

  @Test func checkFoldersAndSummary() throws {
    let folder = try NotebookFixtures.scratchFolder()
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    try Data("```descent\nprint 1\n```\n\n```output\n1\n```\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.md"))
    try Data("```descent\nprint 2\n```\n\n```output\n3\n```\n".utf8).write(to: URL(fileURLWithPath: folder + "/sub/b.md"))
    try Data("# no cells\n\n```python\nx\n```\n".utf8).write(to: URL(fileURLWithPath: folder + "/README.md"))
    let check = try NotebookFixtures.runDescent(["check", folder])
    #expect(check.status == 1)
    #expect(check.out.contains("PASS \(folder)/a.md (1 cell)"))
    #expect(check.out.contains("FAIL \(folder)/sub/b.md (1 of 1 cell failed)"))
    #expect(check.out.contains("@@ -6,1 +6,1 @@\n-3\n+2\n"))
    #expect(!check.out.contains("README"))
    let summary = check.out.split(separator: "\n").last.map(String.init) ?? ""
    #expect(summary.hasPrefix("2 notebooks, 2 cells, 1 failed in "), "\(summary)")
    try Data("```descent\nprint 2\n```\n\n```output\n2\n```\n".utf8).write(to: URL(fileURLWithPath: folder + "/sub/b.md"))
    let pass = try NotebookFixtures.runDescent(["check", folder])
    #expect(pass.status == 0)
    #expect(pass.out.split(separator: "\n").last?.hasPrefix("2 notebooks, 2 cells, all pass in ") == true)
  }

  @Test func lessonsShipWithTheBinary() throws {
    let folder = try NotebookFixtures.scratchFolder()
    let list = try NotebookFixtures.runDescent(["lessons"], in: folder)
    #expect(list.status == 0)
    #expect(list.out.contains("  0  Welcome: one weight, one goal"))
    let run = try NotebookFixtures.runDescent(["run", "lesson", "0"], in: folder)
    #expect(run.status == 0, "\(run.err)")
    #expect(run.out.hasPrefix("[1] line "))
    #expect(try NotebookFixtures.runDescent(["run", "lesson", "99"], in: folder).status == 64)
    #expect(try NotebookFixtures.runDescent(["run", "--update", "lesson", "0"], in: folder).status == 64)
  }

  @Test func theLessonsPassTheirCheck() throws {
    let check = try NotebookFixtures.runDescent(["check", NotebookFixtures.packageRoot.appendingPathComponent("Notebooks").path])
    #expect(check.status == 0, "\(check.out)")
  }

  @Test func renderWritesHTMLAndIPYNB() throws {
    let path = try NotebookFixtures.scratchNotebook("w.md", try NotebookFixtures.bytes("tricky.md"))
    let html = try NotebookFixtures.runDescent(["render", "--run", path, "-o", "-"])
    #expect(html.status == 0)
    #expect(html.out.contains("<pre class=\"output\"><samp>stale output goes</samp></pre>"))
    let out = (path as NSString).deletingLastPathComponent + "/w.ipynb"
    #expect(try NotebookFixtures.runDescent(["render", "--to", "ipynb", path, "-o", out]).status == 0)
    #expect(FileManager.default.fileExists(atPath: out))
  }
}
