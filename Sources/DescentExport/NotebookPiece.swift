import Foundation

/// A part of an exported notebook: prose or Python code.
enum NotebookPiece {
  case markdown([String])
  case code(String)

  /// A Python script in the "percent" format editors and jupytext read:
  /// `# %%` starts a code cell, `# %% [markdown]` a prose cell (as comments).
  static func percentScript(_ pieces: [NotebookPiece], prelude: String, header: String) -> String {
    var out = "# " + header + "\n"
    if !prelude.isEmpty { out += "\n" + prelude + "\n" }
    for piece in pieces {
      switch piece {
      case .markdown(let lines):
        out += "\n\n# %% [markdown]\n" + lines.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n") + "\n"
      case .code(let text):
        guard !text.isEmpty else { continue }
        out += "\n\n# %%\n" + text + "\n"
      }
    }
    return out
  }

  /// A Jupyter notebook (nbformat 4.5) for the Python 3 kernel: the prelude
  /// as the first code cell, then the prose and code in order, not yet run.
  static func ipynb(_ pieces: [NotebookPiece], prelude: String, header: String, title: String?) -> String {
    var cells: [[String: Any]] = [markdownCell(["<!-- " + header + " -->"], id: 0)]
    if !prelude.isEmpty { cells.append(codeCell(prelude, id: 1)) }
    for (index, piece) in pieces.enumerated() {
      switch piece {
      case .markdown(let lines): cells.append(markdownCell(lines, id: index + 2))
      case .code(let text):
        if !text.isEmpty { cells.append(codeCell(text, id: index + 2)) }
      }
    }
    var metadata: [String: Any] = [
      "kernelspec": ["name": "python3", "display_name": "Python 3", "language": "python"],
      "language_info": ["name": "python", "file_extension": ".py"],
    ]
    if let title { metadata["title"] = title }
    let document: [String: Any] = ["nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": cells]
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? JSONSerialization.data(withJSONObject: document, options: options) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func markdownCell(_ lines: [String], id: Int) -> [String: Any] {
    [
      "cell_type": "markdown", "id": "cell-\(id)", "metadata": [String: Any](),
      "source": sourceLines(lines.joined(separator: "\n")),
    ]
  }

  static func codeCell(_ text: String, id: Int) -> [String: Any] {
    [
      "cell_type": "code", "id": "cell-\(id)", "metadata": [String: Any](), "execution_count": NSNull(),
      "source": sourceLines(text), "outputs": [Any](),
    ]
  }

  /// nbformat's multi-line string: lines keeping their "\n", the last without.
  static func sourceLines(_ text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "\n" }
  }
}
