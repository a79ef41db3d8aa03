import DescentLanguage
import Foundation

/// Writes a notebook as a Jupyter notebook (nbformat 4.5): the prose
/// between cells as markdown cells, each descent cell as a code cell with
/// its output as a `stream` and its figures as `display_data` SVG.
public enum IPYNBWriter {
  /// The `.ipynb` JSON text.
  public static func render(_ notebook: Notebook, contents: [CellContent]) -> String {
    let lines = TextLines(notebook.bytes)
    var cells: [[String: Any]] = []
    var next = notebook.frontMatter.lineCount + 1
    for content in contents {
      let cell = content.cell
      addMarkdown(lines, from: next, to: cell.fenceLine - 1, into: &cells)
      next = cell.lastLine + 1
      var outputs: [[String: Any]] = []
      if !content.output.isEmpty {
        outputs.append([
          "output_type": "stream", "name": cell.options.expectError ? "stderr" : "stdout",
          "text": sourceLines(content.output),
        ])
      }
      for (index, figure) in content.figures.enumerated() {
        guard case .svg(let svg) = figure else { continue }
        outputs.append([
          "output_type": "display_data", "metadata": [String: Any](),
          "data": ["image/svg+xml": svg, "text/plain": "cell \(cell.number) figure \(index + 1)"],
        ])
      }
      var metadata: [String: Any] = [:]
      if cell.options.hide { metadata["jupyter"] = ["source_hidden": true] }
      let tags = ["hide", "skip", "expect-error"].filter { tag in
        (tag == "hide" && cell.options.hide) || (tag == "skip" && cell.options.skip)
          || (tag == "expect-error" && cell.options.expectError)
      }
      if !tags.isEmpty { metadata["tags"] = tags }
      cells.append([
        "cell_type": "code", "id": "cell-\(cell.number)", "metadata": metadata,
        "execution_count": content.ran && !cell.options.skip ? cell.number as Any : NSNull(),
        "source": sourceLines(
          kernelOptions(cell, notebook) + (cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code)),
        "outputs": outputs,
      ])
    }
    addMarkdown(lines, from: next, to: lines.count, into: &cells)

    var metadata: [String: Any] = [
      "kernelspec": ["name": "descent", "display_name": "Descent", "language": "descent"],
      "language_info": languageInfo,
    ]
    if let title = notebook.title { metadata["title"] = title }
    let document: [String: Any] = ["nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": cells]
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? JSONSerialization.data(withJSONObject: document, options: options) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The notebook's `language_info`, the same the Descent kernel reports.
  /// Descent reads much like Python (`#` comments, `for`/`while`/`if`,
  /// `**`), so Python's Pygments lexer and CodeMirror mode, which every
  /// front end has, highlight it best.
  public static var languageInfo: [String: Any] {
    [
      "name": "descent", "version": DescentVersion.string, "mimetype": "text/x-descent",
      "file_extension": ".descent", "pygments_lexer": "python", "codemirror_mode": "python",
    ]
  }

  /// The cell's budget and digits as `#| budget=N` / `#| digits=N` lines
  /// the Descent kernel reads (Jupyter sends a kernel the code only, not
  /// the cell's metadata), so the exported lesson re-runs as it ran here.
  /// Front-matter settings apply to every cell; an `expect-error` cell
  /// gets the notebook's default budget, as a loop meant to be stopped by
  /// it would otherwise run forever in a kernel, which has none.
  static func kernelOptions(_ cell: Cell, _ notebook: Notebook) -> String {
    var lines = ""
    let budget = cell.options.budget ?? notebook.frontMatter.budget
    if let budget = budget ?? (cell.options.expectError ? CellRunner.defaultBudget : nil) {
      lines += "#| budget=\(budget)\n"
    }
    switch cell.options.digits ?? notebook.frontMatter.digits {
    case .significant(let n)?: lines += "#| digits=\(n)\n"
    case .shortest? where cell.options.digits != nil: lines += "#| digits=shortest\n"
    default: break
    }
    return lines
  }

  /// Adds lines `from...to` of the file as a markdown cell unless blank.
  private static func addMarkdown(_ lines: TextLines, from: Int, to: Int, into cells: inout [[String: Any]]) {
    guard from <= to else { return }
    var text = (from...to).map { lines.string(ofLine: $0) }.joined(separator: "\n")
    text = text.trimmingCharacters(in: .newlines)
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
    cells.append([
      "cell_type": "markdown", "id": "markdown-\(cells.count + 1)", "metadata": [String: Any](),
      "source": sourceLines(text),
    ])
  }

  /// nbformat's multi-line string: lines keeping their "\n", the last without.
  private static func sourceLines(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
    if text.hasSuffix("\n") {
      lines.removeLast()
    } else if let last = lines.popLast() {
      lines.append(String(last.dropLast()))
    }
    return lines
  }
}
