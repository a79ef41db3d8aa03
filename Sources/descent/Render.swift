import ArgumentParser
import DescentLanguage
import DescentNotebook
import Foundation

/// `descent render`: a notebook as one self-contained HTML page or as a
/// Jupyter notebook.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render a notebook as a self-contained HTML page or a Jupyter notebook.",
    discussion: """
      Shows the outputs and figures stored in the notebook; --run runs the
      cells first and shows fresh ones (the notebook file is not changed).
      Exit codes: 0 ok, 64 usage error, 65 syntax error, 70 runtime error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case html, ipynb
  }

  @Argument(help: "The notebook (.md).")
  var file: String

  @Option(name: .shortAndLong, help: "Where to write (default: beside the notebook; - for standard output).")
  var output: String?

  @Option(help: "html or ipynb.")
  var to: Format = .html

  @Flag(name: .customLong("run"), help: "Run the cells first and render their fresh output.")
  var runFirst = false

  func run() throws {
    let notebook: Notebook
    do { notebook = try Notebook.read(path: file) } catch {
      Terminal.standardError("\(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
    for issue in notebook.issues { Terminal.standardError("\(issue)\n") }
    if notebook.hasErrors { throw ExitCode(ExitStatus.syntax) }

    var results: [CellResult]?
    // A page shows every frame of an `explore`, and frames are not stored:
    // such a notebook is run for its page.
    let exploreFrames = to == .html && notebook.cells.contains { Render.hasExplore($0.code) }
    if runFirst || exploreFrames {
      let ran = CellRunner(notebook: notebook, settings: RunSettings(exploreFrames: exploreFrames)).run()
      if let failed = ran.first(where: { $0.status == .failed || $0.status == .unexpectedSuccess }) {
        let source = failed.cell.source(name: notebook.path)
        let message =
          failed.error.map { $0.render(source: source, color: Terminal.errorIsColorTerminal) }
          ?? "\(notebook.path):\(failed.cell.fenceLine): error: cell \(failed.cell.number) is marked expect-error but ran without an error"
        Terminal.standardError(message + "\nnothing rendered\n")
        throw ExitCode(failed.error?.phase == .syntax ? ExitStatus.syntax : ExitStatus.runtime)
      }
      results = ran
    }
    let contents = CellContent.contents(of: notebook, results: results)
    let text =
      to == .html
      ? HTMLRenderer.render(notebook, contents: contents) : IPYNBWriter.render(notebook, contents: contents)

    let destination = output ?? defaultOutput()
    if destination == "-" {
      Terminal.write(text, to: 1)
      return
    }
    do { try AtomicFile.write(Array(text.utf8), to: destination) } catch {
      Terminal.standardError("descent: \(error)\n")
      throw ExitCode(ExitStatus.runtime)
    }
    Terminal.standardError("wrote \(destination)\n")
  }

  /// Whether a cell's code has an `explore` statement.
  static func hasExplore(_ code: String) -> Bool {
    code.range(of: #"(^|[\s;{])explore\s+[A-Za-z_]"#, options: .regularExpression) != nil
  }

  private func defaultOutput() -> String {
    let stem = file.lowercased().hasSuffix(".md") ? String(file.dropLast(3)) : file
    return stem + "." + to.rawValue
  }
}
