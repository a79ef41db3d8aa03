import DescentLanguage
import DescentNotebook
import Foundation

/// The outcome of an export: the file's text, or the syntax errors that
/// stopped it; and the statements that could not be translated.
public struct ExportOutcome {
  /// The exported file (nil when the input has syntax errors).
  public var text: String?
  /// Syntax errors, each with the source to render it against (as `descent run` does).
  public var syntaxErrors: [(Diagnostic, Source)] = []
  /// Statements written as marked comments, with the source they are in.
  public var untranslated: [(UntranslatedStatement, Source)] = []

  /// Whether some statement is only a comment in the output.
  public var isPartial: Bool { !untranslated.isEmpty }
}

/// Exports Descent scripts and notebooks as Python: a script (`.py`, with
/// notebook cells as `# %%` cells) or a Jupyter notebook with the Python kernel.
public enum DescentExport {
  /// Exports a `.descent` script as a Python script. `echo` prints the value
  /// of an expression typed alone, as the REPL does.
  public static func script(_ source: Source, echo: Bool = false) -> ExportOutcome {
    let parsed = Parser.parse(source.text, lineOffset: source.lineOffset)
    let problems = parsed.diagnostics + Resolver.check(parsed.statements)
    guard problems.isEmpty else { return ExportOutcome(syntaxErrors: problems.map { ($0, source) }) }
    if !echo, PythonAsItself.applies(to: source.text, statements: parsed.statements) {
      // The course's Python, pasted as printed: it exports as itself.
      let header = "# \(displayName(source.name)), exported from Descent by `descent export --to python` (Python as written)."
      return ExportOutcome(text: header + "\n" + source.text + (source.text.hasSuffix("\n") ? "" : "\n"))
    }
    let exporter = PythonExporter(program: parsed.statements, echo: echo)
    exporter.figureStem = stem(of: source.name)
    exporter.sourceBytes = Array(source.text.utf8)
    exporter.pythonSpelling = parsed.usesPythonForms
    exporter.export(parsed.statements)
    let header = "# \(displayName(source.name)), exported from Descent by `descent export --to python`."
    return ExportOutcome(
      text: exporter.script(header: header), untranslated: exporter.untranslated.map { ($0, source) })
  }

  /// Exports a notebook: as a Python script with `# %%` cells (prose as
  /// `# %% [markdown]` comments), or as an `.ipynb` for the Python kernel.
  public static func notebook(_ notebook: Notebook, asIPYNB: Bool) -> ExportOutcome {
    var outcome = ExportOutcome()
    var statements: [[Stmt]] = []
    var pythonForms: [Bool] = []
    // Sources named by the path as given, as `descent run` names them in its messages.
    for cell in notebook.cells {
      let source = cell.source(name: notebook.path)
      let parsed = Parser.parse(source.text, lineOffset: source.lineOffset)
      let problems = parsed.diagnostics + Resolver.check(parsed.statements)
      outcome.syntaxErrors += problems.map { ($0, source) }
      statements.append(parsed.statements)
      pythonForms.append(parsed.usesPythonForms)
    }
    guard outcome.syntaxErrors.isEmpty else { return outcome }
    let runs = notebook.cells.indices.filter { !notebook.cells[$0].options.skip }
    // `digits: shortest` is the default; only 12 (or any count) changes how floats print.
    let usesDigits: Bool =
      if case .significant = notebook.frontMatter.digits { true } else {
        notebook.cells.contains { $0.options.digits != nil }
      }
    let exporter = PythonExporter(program: runs.flatMap { statements[$0] }, digitsOption: usesDigits)
    exporter.figureStem = stem(of: notebook.fileName)
    var pieces: [NotebookPiece] = []
    let lines = splitLines(notebook.bytes)
    var next = notebook.frontMatter.lineCount + 1
    if case .significant(let n) = notebook.frontMatter.digits {
      exporter.setDigits(n)
      pieces.append(.code(exporter.takeCode()))
    }
    for (index, cell) in notebook.cells.enumerated() {
      let prose = proseLines(lines, from: next, to: cell.fenceLine - 1)
      if !prose.isEmpty { pieces.append(.markdown(prose)) }
      next = max(cell.closingLine, cell.storedOutput?.endLine ?? 0) + 1
      let before = exporter.untranslated.count
      exporter.lineOffset = cell.fenceLine
      exporter.sourceBytes = Array(cell.source(name: notebook.path).text.utf8)
      // Descent spells values as Python does from the first cell that uses Python's forms on.
      if pythonForms[index] && !cell.options.skip { exporter.pythonSpelling = true }
      exportCell(cell, statements[index], with: exporter)
      pieces.append(.code(exporter.takeCode()))
      let source = cell.source(name: notebook.path)
      outcome.untranslated += exporter.untranslated[before...].map { ($0, source) }
    }
    let prose = proseLines(lines, from: next, to: lines.count)
    if !prose.isEmpty { pieces.append(.markdown(prose)) }
    let header = "Exported from Descent (\(notebook.fileName)) by `descent export`."
    outcome.text =
      asIPYNB
      ? NotebookPiece.ipynb(pieces, prelude: exporter.prelude, header: header, title: notebook.title)
      : NotebookPiece.percentScript(pieces, prelude: exporter.prelude, header: header)
    return outcome
  }

  /// One cell's code, with its options: `skip` cells stay comments (Descent
  /// does not run them), `digits=N` holds for the cell, and a cell that
  /// shows an error runs under a `try` that reports it and carries on.
  static func exportCell(_ cell: Cell, _ statements: [Stmt], with exporter: PythonExporter) {
    if cell.options.skip {
      exporter.comment("(a cell marked skip: Descent does not run it)")
      exporter.comment(cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code)
      return
    }
    if case .significant(let n) = cell.options.digits {
      exporter.line("_saved_digits = _digits")
      exporter.setDigits(n)
    } else if cell.options.digits == .shortest {
      exporter.line("_saved_digits = _digits")
      exporter.setDigits(nil)
    }
    if cell.options.expectError {
      exporter.exportExpectingError(statements, budget: cell.options.budget, cell: cell)
    } else if !exporter.digitsChanged, PythonAsItself.applies(to: cell.code, statements: statements) {
      // A cell of the course's Python, as printed: it exports as itself.
      for line in cell.code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(cell.code.hasSuffix("\n") ? 1 : 0) {
        exporter.line(String(line))
      }
      // What its top-level assignments of plain numbers leave, for the
      // statements after it (a later `train` asks what `weight` holds now);
      // a value of several possible kinds keeps the whole program's guess.
      for statement in statements {
        if case .assign(let target, nil, let value) = statement.kind, case .name(let name) = target.kind,
          exporter.kinds.kindOf(value).isSubset(of: [.int, .float])
        {
          exporter.noteAssignment(name, value)
        }
      }
    } else if let last = statements.last, case .expression(let expr) = last.kind {
      // The cell's last expression shows its value, as `descent run` shows it.
      exporter.export(Array(statements.dropLast()))
      exporter.exportEchoed(expr)
    } else {
      exporter.export(statements)
    }
    if cell.options.digits != nil { exporter.line("_digits = _saved_digits") }
  }

  static func splitLines(_ bytes: [UInt8]) -> [String] {
    var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Lines `from...to` (1-based) with blank lines at either end dropped.
  static func proseLines(_ lines: [String], from: Int, to: Int) -> [String] {
    guard from <= to, from >= 1, from <= lines.count else { return [] }
    var slice = Array(lines[(from - 1)..<min(to, lines.count)])
    while slice.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { slice.removeFirst() }
    while slice.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { slice.removeLast() }
    return slice
  }

  static func displayName(_ path: String) -> String { (path as NSString).lastPathComponent }

  static func stem(of path: String) -> String {
    let name = displayName(path)
    return (name as NSString).deletingPathExtension
  }
}
