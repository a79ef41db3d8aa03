import DescentLanguage
import DescentNotebook
import Foundation

/// Where the fuzzed notebook pretends to live: beside the test programs,
/// so `load` in a cell reaches their CSV files and nothing outside.
let notebookPath = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Tests/Programs/fuzz.md").path

/// One input: any bytes, read as a notebook (markdown with `descent` cells,
/// cell options and YAML front matter). A notebook without errors has its
/// cells run (each cell's budget capped at 10,000 steps, output and tensor
/// sizes bounded, no file writes), its outputs written back in memory and
/// the result read again: it must still be a notebook with the same cells.
/// The doctest checker runs on the results too.
@_cdecl("LLVMFuzzerTestOneInput")
public func notebookFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var notebook = Notebook(bytes: bytes, path: notebookPath)
  for issue in notebook.issues { _ = issue.description }
  guard !notebook.hasErrors else { return 0 }
  for index in notebook.cells.indices {
    notebook.cells[index].options.budget = min(notebook.cells[index].options.budget ?? 10_000, 10_000)
  }
  let runner = CellRunner(notebook: notebook, settings: RunSettings(budget: 10_000))
  runner.session.maxOutputBytes = 20_000
  runner.session.maxCallDepth = 200
  runner.session.maxTensorElements = 1_000_000
  runner.session.allowsFileWrites = false
  // `show graph` draws its tree, not Graphviz: a started process is
  // Foundation's to free (LeakSanitizer counts it), and thousands of runs
  // a second should not start programs.
  runner.session.graphvizProgram = "/nonexistent/dot"
  let results = runner.run()
  _ = Checker.check(notebook, results: results)

  // Writing the outputs back keeps the notebook's cells: the same number,
  // with the same code, and no new errors.
  let updated = OutputWriter.updatedBytes(notebook, results: results)
  let reread = Notebook(bytes: updated, path: notebookPath)
  precondition(!reread.hasErrors, "the updated notebook has errors: \(reread.issues.map(\.description))")
  precondition(reread.cells.count == notebook.cells.count, "\(notebook.cells.count) cells became \(reread.cells.count)")
  for (before, after) in zip(notebook.cells, reread.cells) {
    precondition(before.code == after.code, "cell \(before.number)'s code changed when its output was written")
  }
  return 0
}
