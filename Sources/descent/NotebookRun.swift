import ArgumentParser
import DescentLanguage
import DescentNotebook
import DescentPlot
import Foundation

/// `descent run FILE.md`, `descent run lesson N` and `--update`: runs a
/// notebook's cells in order, printing each cell's output under a header.
struct NotebookRun {
  var file: String
  var lesson: String?
  var update: Bool
  var budget: Int?
  var digits: Int?
  var allowRead: [String] = []
  var force = false

  /// Whether `descent run` should hand its file to the notebook runner.
  static func handles(_ file: String?) -> Bool {
    guard let file else { return false }
    return file == "lesson" || file.lowercased().hasSuffix(".md")
  }

  /// Checks the flags that only make sense with notebooks.
  static func validate(file: String?, lesson: String?, update: Bool) throws {
    if file == "lesson" && lesson == nil {
      throw ValidationError("which lesson? `descent run lesson 4`; `descent lessons` lists them")
    }
    if lesson != nil && file != "lesson" {
      throw ValidationError("give one file to run (or `lesson N`)")
    }
    if update && !handles(file) { throw ValidationError("--update works on .md notebooks") }
    if update && file == "lesson" {
      throw ValidationError(
        "the lessons inside descent are read-only; run --update on a notebook file, such as Notebooks/NN-name.md")
    }
  }

  func run() throws {
    let path = try resolvePath()
    let notebook: Notebook
    do { notebook = try Notebook.read(path: path) } catch {
      Terminal.standardError("\(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
    for issue in notebook.issues { Terminal.standardError("\(issue)\n") }
    if notebook.hasErrors { throw ExitCode(ExitStatus.syntax) }

    let sink = CellTerminalSink()
    let runner = CellRunner(
      notebook: notebook, settings: RunSettings(
        budget: budget, digits: digits.map { .significant($0) }, allowRead: allowRead, allowOverwrite: force),
      live: sink)
    let interrupts = InterruptForwarder(session: runner.session)
    defer { interrupts.stop() }
    let color = Terminal.outputIsColorTerminal
    let results = runner.run(
      willRun: { cell in
        let header = "[\(cell.number)] line \(cell.fenceLine)"
        sink.write((color ? "\u{1B}[1;36m" + header + "\u{1B}[0m" : header) + "\n")
      },
      didRun: { result in report(result, notebook: notebook, sink: sink) })
    sink.flush()

    let stopped = results.first { $0.status == .failed || $0.status == .unexpectedSuccess }
    let notRun = results.filter { $0.status == .notRun }.map(\.cell.number)
    if let stopped, let first = notRun.first, let last = notRun.last {
      let cells = first == last ? "cell \(first)" : "cells \(first)–\(last)"
      Terminal.standardError("\(cells) not run: cell \(stopped.cell.number) failed\n")
    }
    if let stopped {
      if update { Terminal.standardError("\(path) not updated\n") }
      switch stopped.error?.phase {
      case .syntax: throw ExitCode(ExitStatus.syntax)
      case .interrupt: throw ExitCode(ExitStatus.interrupted)
      case .runtime, nil: throw ExitCode(ExitStatus.runtime)
      }
    }
    if update { try write(notebook, results) }
  }

  /// The notebook's path: the file, or a shipped lesson's.
  private func resolvePath() throws -> String {
    guard file == "lesson" else { return file }
    guard let lesson, let number = Int(lesson), let found = LessonLibrary.lesson(number) else {
      guard LessonLibrary.directory != nil else {
        Terminal.standardError("descent: \(LessonLibrary.problem)\n")
        throw ExitCode(ExitStatus.usage)
      }
      Terminal.standardError("descent: there is no lesson \(lesson ?? ""); `descent lessons` lists them\n")
      throw ExitCode(ExitStatus.usage)
    }
    return found.path
  }

  /// After a cell: its warnings and errors, with the markdown file's lines.
  private func report(_ result: CellResult, notebook: Notebook, sink: CellTerminalSink) {
    let cell = result.cell
    switch result.status {
    case .skipped:
      sink.write("[\(cell.number)] line \(cell.fenceLine): skipped\n")
      return
    case .notRun:
      return
    default:
      break
    }
    if !sink.endsWithNewline { sink.write("\n") }
    sink.flush()
    let source = cell.source(name: notebook.path)
    if cell.options.expectError, let error = result.error {
      // The error this cell exists to show is its output, not a failure.
      sink.write(error.render(source: source, color: Terminal.outputIsColorTerminal) + "\n")
      sink.flush()
    }
    for diagnostic in result.diagnostics where diagnostic.severity == .warning || !cell.options.expectError {
      Terminal.standardError(diagnostic.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    if result.status == .unexpectedSuccess {
      Terminal.standardError(
        "\(notebook.path):\(cell.fenceLine): error: cell \(cell.number) is marked expect-error but ran without an error\n")
    }
  }

  private func write(_ notebook: Notebook, _ results: [CellResult]) throws {
    do {
      let summary = try NotebookUpdater.update(notebook, results: results)
      var parts: [String] = []
      func count(_ n: Int, _ what: String) -> String { "\(n) \(n == 1 ? "figure" : "figures") \(what)" }
      if summary.figuresWritten > 0 { parts.append(count(summary.figuresWritten, "written")) }
      if summary.figuresRemoved > 0 { parts.append(count(summary.figuresRemoved, "removed (stale)")) }
      let detail = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
      Terminal.standardError(
        (summary.notebookChanged ? "updated \(notebook.path)" : "\(notebook.path) is up to date") + detail + "\n")
    } catch {
      Terminal.standardError("\(error)\n")
      throw ExitCode(ExitStatus.runtime)
    }
  }
}

/// The terminal sink, remembering whether the output ended a line, so a
/// cell that printed without a final newline does not run into the next header.
final class CellTerminalSink: OutputSink {
  private let terminal = TerminalSink()
  private(set) var endsWithNewline = true

  func write(_ text: String) {
    guard !text.isEmpty else { return }
    terminal.write(text)
    endsWithNewline = text.hasSuffix("\n")
  }

  func show(_ chart: Chart) {
    terminal.show(chart)
    endsWithNewline = true
  }

  func writeTable(_ table: OutputTable) {
    terminal.writeTable(table)
    endsWithNewline = true
  }

  func flush() { terminal.flush() }
}
