/// Writes cells' outputs and figure links back into a notebook's bytes.
///
/// Only the lines after each cell's closing fence that belong to the cell
/// (its old output block, the blank lines before it, its figure lines) are
/// replaced; every other byte of the file, prose included, stays as it was.
public enum OutputWriter {
  /// The notebook with each result's output and figures in place. Cells
  /// without a result, and skipped ones, keep what they have.
  public static func updatedBytes(_ notebook: Notebook, results: [CellResult]) -> [UInt8] {
    let lines = TextLines(notebook.bytes)
    let newline = lines.newline
    var out: [UInt8] = []
    var copied = 0  // bytes of the original already handled
    for result in results where result.status == .ran {
      let cell = result.cell
      let start = lines.offset(ofLine: cell.closingLine + 1)
      let end = lines.offset(ofLine: cell.lastLine + 1)
      guard start >= copied else { continue }
      out += notebook.bytes[copied..<start]
      var block = attachment(for: result, notebookPath: notebook.path, indent: cell.indent, newline: newline)
      // A cell closing on the file's last line without a line break needs one first.
      if !block.isEmpty && cell.closingLine >= lines.count && !lines.endsWithNewline {
        block = newline + block
      }
      out += Array(block.utf8)
      copied = end
    }
    out += notebook.bytes[copied...]
    return out
  }

  /// The lines that follow a cell: a blank line, the output block, and a
  /// blank line and the figure links; "" when there is nothing to show.
  static func attachment(for result: CellResult, notebookPath: String, indent: String, newline: String)
    -> String
  {
    let blank = String(indent.reversed().drop { $0 == " " }.reversed()) + newline
    var text = ""
    if !result.output.isEmpty {
      let fence = String(repeating: "`", count: max(3, longestBacktickRun(result.output) + 1))
      text += blank + indent + fence + "output" + newline
      var body = result.output
      if body.hasSuffix("\n") { body.removeLast() }
      for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
        text += line.isEmpty ? blank : indent + line + newline
      }
      text += indent + fence + newline
    }
    if !result.charts.isEmpty {
      text += blank
      for figure in result.charts.indices {
        let url = FigureNaming.url(forNotebook: notebookPath, cell: result.cell.number, figure: figure + 1)
        text += indent + "![cell \(result.cell.number) figure \(figure + 1)](\(url))" + newline
      }
    }
    return text
  }

  /// A fence longer than any run of backticks in the text cannot be closed by it.
  static func longestBacktickRun(_ text: String) -> Int {
    var longest = 0
    var run = 0
    for byte in text.utf8 {
      run = byte == UInt8(ascii: "`") ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }
}
