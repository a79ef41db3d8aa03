import DescentPlot
import Foundation
import Testing

@testable import DescentNotebook

@Suite struct RoundTripTests {
  @Test func updateTwiceGivesIdenticalBytes() throws {
    let path = try NotebookFixtures.scratchNotebook("tricky.md", try NotebookFixtures.bytes("tricky.md"))
    try NotebookFixtures.update(path)
    let first = NotebookFixtures.read(path)
    try NotebookFixtures.update(path)
    #expect(NotebookFixtures.read(path) == first)
  }

  @Test func proseIsNeverRewritten() throws {
    let original = try NotebookFixtures.bytes("tricky.md")
    let path = try NotebookFixtures.scratchNotebook("tricky.md", original)
    try NotebookFixtures.update(path)
    let updated = NotebookFixtures.read(path)
    #expect(updated != original)
    #expect(NotebookFixtures.prose(updated) == NotebookFixtures.prose(original))
    let text = String(decoding: updated, as: UTF8.self)
    #expect(text.contains("    ```output\n    in a list\n    ```\n"))
    #expect(text.contains("> ```output\n> in a quote\n> ```\n"))
    #expect(text.contains("````output\nhas ``` inside\n````\n"))
    #expect(text.contains("```output\nstale output goes\n```\n"))
    #expect(!text.contains("old text that is wrong"))
    #expect(!text.contains("this block should be removed"))
    #expect(!text.contains("tricky-cell-6-1.svg"))
    // The cells are still found where they were, with their new outputs.
    let reparsed = Notebook(bytes: updated, path: path)
    #expect(reparsed.cells.map(\.storedOutput?.text) == [
      "tilde fence 2\n", "in a list\n", "in a quote\n", "has ``` inside\n", "stale output goes\n", nil,
    ])
  }

  @Test func crlfFilesKeepCRLF() throws {
    let original = try NotebookFixtures.bytes("tricky.md")
    var crlf: [UInt8] = []
    for byte in original {
      if byte == UInt8(ascii: "\n") { crlf.append(UInt8(ascii: "\r")) }
      crlf.append(byte)
    }
    let path = try NotebookFixtures.scratchNotebook("tricky.md", crlf)
    let results = try NotebookFixtures.update(path)
    #expect(results.allSatisfy { $0.status == .ran })
    let updated = NotebookFixtures.read(path)
    #expect(NotebookFixtures.prose(updated) == NotebookFixtures.prose(crlf))
    // Every line break is still CRLF.
    for (index, byte) in updated.enumerated() where byte == UInt8(ascii: "\n") {
      #expect(index > 0 && updated[index - 1] == UInt8(ascii: "\r"))
    }
    let first = updated
    try NotebookFixtures.update(path)
    #expect(NotebookFixtures.read(path) == first)
  }

  @Test func lastCellWithoutFinalNewline() throws {
    let path = try NotebookFixtures.scratchNotebook("end.md", Array("# End\n\n```descent\nprint 1\n```".utf8))
    try NotebookFixtures.update(path)
    #expect(String(decoding: NotebookFixtures.read(path), as: UTF8.self) == "# End\n\n```descent\nprint 1\n```\n\n```output\n1\n```\n")
  }

  @Test func emptyOutputRemovesTheBlock() throws {
    let text = "```descent\nx = 1\n```\n\n```output\nold\n```\n\nAfter.\n"
    let path = try NotebookFixtures.scratchNotebook("e.md", Array(text.utf8))
    try NotebookFixtures.update(path)
    #expect(String(decoding: NotebookFixtures.read(path), as: UTF8.self) == "```descent\nx = 1\n```\n\nAfter.\n")
  }

  @Test func skippedCellsKeepTheirStoredOutput() throws {
    let text = "```descent skip\nprint 2\n```\n\n```output\nkept\n```\n"
    let path = try NotebookFixtures.scratchNotebook("s.md", Array(text.utf8))
    let results = try NotebookFixtures.update(path)
    #expect(results.map(\.status) == [.skipped])
    #expect(String(decoding: NotebookFixtures.read(path), as: UTF8.self) == text)
  }

  @Test func figuresAreWrittenLinkedAndStaleOnesRemoved() throws {
    let text = "# Plots\n\n```descent\nprint 1\n```\n\nProse.\n"
    let path = try NotebookFixtures.scratchNotebook("plots.md", Array(text.utf8))
    let folder = (path as NSString).deletingLastPathComponent + "/plots.figures"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: folder + "/plots-cell-9-1.svg"))
    try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))

    let notebook = try Notebook.read(path: path)
    var results = CellRunner(notebook: notebook).run()
    let chart = Chart(title: "error", series: [.line("error", points: [PlotPoint(x: 1, y: 2), PlotPoint(x: 2, y: 1)])])
    results[0].charts = [chart, chart]
    let summary = try NotebookUpdater.update(notebook, results: results)
    #expect(summary.figuresWritten == 2)
    #expect(summary.figuresRemoved == 1)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == ["notes.txt", "plots-cell-1-1.svg", "plots-cell-1-2.svg"])
    let updated = String(decoding: NotebookFixtures.read(path), as: UTF8.self)
    #expect(updated == """
      # Plots

      ```descent
      print 1
      ```

      ```output
      1
      ```

      ![cell 1 figure 1](plots.figures/plots-cell-1-1.svg)
      ![cell 1 figure 2](plots.figures/plots-cell-1-2.svg)

      Prose.

      """)
    // Parsed again, the figure lines belong to the cell.
    let reparsed = try Notebook.read(path: path)
    #expect(reparsed.cells[0].figureLinks.count == 2)
    #expect(NotebookFixtures.prose(Array(updated.utf8)) == Array(text.utf8))
  }

  @Test func secondUpdateWaitsForTheLock() throws {
    let path = try NotebookFixtures.scratchNotebook("l.md", Array("```descent\nprint 1\n```\n".utf8))
    let lock = try #require(FileLock(for: path))
    let notebook = try Notebook.read(path: path)
    let results = CellRunner(notebook: notebook).run()
    #expect(throws: NotebookIssue.self) {
      try NotebookUpdater.update(notebook, results: results, lockTimeout: 0.2)
    }
    lock.release()
    _ = try NotebookUpdater.update(notebook, results: results, lockTimeout: 0.2)
    #expect(!FileManager.default.fileExists(atPath: FileLock.lockPath(for: path)))
  }
}
