import ArgumentParser
import DescentNotebook
import Foundation

/// `descent check`: runs notebooks and compares each cell's output with the
/// output stored in the notebook, like doctests.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run notebooks and check each cell's output against the stored output.",
    discussion: """
      Folders are searched recursively for .md files with at least one
      ```descent cell. Numbers match within a relative tolerance (1e-9 unless
      the front matter says `tolerance:` or the cell `tolerance=X`); other
      text must match exactly. A mismatch prints a unified diff numbered with
      the notebook's lines.
      Exit codes: 0 all pass, 1 a cell failed or differs, 64 usage error.
      """)

  @Argument(help: "Notebooks (.md) and folders to search.")
  var paths: [String]

  @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
  var quiet = false

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give notebooks or folders to check") }
  }

  func run() throws {
    let started = Date()
    var files: [String] = []
    for path in paths {
      guard let found = NotebookFinder.notebooks(at: path) else {
        Terminal.standardError("descent: \(path): no such file or folder\n")
        throw ExitCode(ExitStatus.usage)
      }
      files += found
    }
    let color = Terminal.outputIsColorTerminal
    func label(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    var cellCount = 0
    var failedCells = 0
    var failedNotebooks = 0
    for file in files {
      let notebook: Notebook
      do { notebook = try Notebook.read(path: file) } catch {
        print("\(label("FAIL", "1;31")) \(error)")
        failedNotebooks += 1
        continue
      }
      cellCount += notebook.cells.count
      var reports = notebook.issues.map(\.description)
      var failures = 0
      if notebook.hasErrors {
        failures = max(1, notebook.cells.count)
      } else {
        let results = CellRunner(notebook: notebook).run()
        for check in Checker.check(notebook, results: results) where !check.passed {
          failures += 1
          reports.append(check.report)
        }
      }
      failedCells += failures
      if failures > 0 { failedNotebooks += 1 }
      if failures > 0 {
        print("\(label("FAIL", "1;31")) \(file) (\(failures) of \(plural(notebook.cells.count, "cell")) failed)")
      } else if !quiet {
        print("\(label("PASS", "32")) \(file) (\(plural(notebook.cells.count, "cell")))")
      }
      for report in reports {
        print(report.hasSuffix("\n") ? String(report.dropLast()) : report)
      }
    }
    let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
    let verdict =
      failedNotebooks == 0
      ? "all pass"
      : "\(failedCells) failed" + (failedNotebooks > 1 ? " in \(failedNotebooks) notebooks" : "")
    print("\(plural(files.count, "notebook")), \(plural(cellCount, "cell")), \(verdict) in \(seconds) s")
    if failedNotebooks > 0 { throw ExitCode(ExitStatus.mismatch) }
  }

  private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
