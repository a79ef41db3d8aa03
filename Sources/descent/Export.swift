import ArgumentParser
import DescentExport
import DescentLanguage
import DescentNotebook
import Foundation

/// `descent export FILE --to python|ipynb`: the same program in Python with numpy.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a script or lesson as Python with numpy.",
    discussion: """
      `--to python` writes a Python 3 script (a notebook's cells become
      `# %%` cells, its prose `# %% [markdown]` comments); `--to ipynb
      --python` writes a Jupyter notebook for the Python kernel. Domain
      statements become the course's loops written out in numpy. A
      statement with no faithful translation is written as a comment
      marked NOT EXPORTED and reported on standard error.
      Without -o the result goes to standard output; an existing OUT is
      replaced only once the export is complete (atomically), and a file
      with a syntax error writes nothing.
      Exit codes: 0 exported fully, 3 exported partially (see the
      warnings), 64 usage error, 65 syntax error.
      """)

  enum Target: String, ExpressibleByArgument, CaseIterable { case python, ipynb }

  @Argument(help: "The script (.descent) or notebook (.md) to export.")
  var file: String

  @Option(help: "What to write: python (a .py script) or ipynb (with --python).")
  var to: Target = .python

  @Flag(help: "With --to ipynb: a notebook for the Python kernel (the only kind export writes).")
  var python = false

  @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "OUT"))
  var output: String?

  func validate() throws {
    if to == .ipynb && !python {
      throw ValidationError(
        "--to ipynb exports for the Python kernel: add --python (descent render --to ipynb keeps Descent)")
    }
  }

  func run() throws {
    let data = try ScriptFile.readOrExit(file)
    let outcome: ExportOutcome
    if file.lowercased().hasSuffix(".md") {
      let notebook = Notebook(bytes: [UInt8](data), path: file)
      for issue in notebook.issues where issue.severity == .error {
        Terminal.standardError("\(issue)\n")
      }
      if notebook.hasErrors { throw ExitCode(ExitStatus.syntax) }
      outcome = DescentExport.notebook(notebook, asIPYNB: to == .ipynb)
    } else {
      guard to == .python else {
        Terminal.standardError("descent: --to ipynb exports a notebook (.md); a script exports --to python\n")
        throw ExitCode(ExitStatus.usage)
      }
      guard let text = String(validating: data, as: UTF8.self) else {
        Terminal.standardError("descent: \(file) is not UTF-8 text\n")
        throw ExitCode(ExitStatus.usage)
      }
      outcome = DescentExport.script(Source(name: file, text: text))
    }
    try Self.finish(outcome, to: output)
  }

  /// Reports the outcome and writes the text; shared with the REPL's `:export`.
  static func finish(_ outcome: ExportOutcome, to output: String?) throws {
    for (diagnostic, source) in outcome.syntaxErrors {
      Terminal.standardError(diagnostic.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    guard let text = outcome.text else { throw ExitCode(ExitStatus.syntax) }
    for (statement, source) in outcome.untranslated {
      let warning = Diagnostic(
        "not exported: " + statement.message, at: statement.range, severity: .warning,
        notes: ["the statement is a comment marked NOT EXPORTED in the output"])
      Terminal.standardError(warning.render(source: source, color: Terminal.errorIsColorTerminal) + "\n")
    }
    if let output {
      do {
        try AtomicFile.write(Array(text.utf8), to: output)
      } catch {
        Terminal.standardError("descent: cannot write \(output): \(error)\n")
        throw ExitCode(ExitStatus.usage)
      }
      // As `descent render -o` does: a file written is named.
      Terminal.standardError("wrote \(output)\n")
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    if outcome.isPartial {
      Terminal.standardError("descent: partial export: \(outcome.untranslated.count) statement(s) not exported\n")
      throw ExitCode(ExitStatus.partialExport)
    }
  }
}
