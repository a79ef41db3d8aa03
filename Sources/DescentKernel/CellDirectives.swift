import DescentLanguage

/// Cell options written as comments at the top of a Jupyter cell, in the
/// `#|` style of Quarto: `#| budget=1000`, `#| digits=12`. They do for a
/// kernel cell what `budget=N` and `digits=N` in a lesson's info string do
/// (a Jupyter front end sends the code only, not the cell's metadata), and
/// `descent render --to ipynb` writes them. To Descent they are comments.
struct CellDirectives {
  /// Most loop iterations plus train steps for this cell.
  var budget: Int?
  /// How floats print during this cell.
  var digits: DigitsMode?
  /// A directive that could not be read, located in the cell.
  var problem: Diagnostic?

  init(_ code: String) {
    var lineNumber = 0
    var offset = 0
    for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      defer { offset += line.utf8.count + 1 }
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      guard trimmed.hasPrefix("#|") else { break }
      let body = trimmed.dropFirst(2).trimmingCharacters(in: [" ", "\t", "\r"])
      let parts = body.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\t"]) }
      let column = line.count - trimmed.count + 1
      let range = SourceRange(
        SourceLocation(line: lineNumber, column: column, offset: offset + column - 1),
        SourceLocation(line: lineNumber, column: line.count + 1, offset: offset + line.utf8.count))
      let number = parts.count == 2 ? Int(parts[1]) : nil
      switch (parts.first ?? "", parts.count == 2 ? parts[1] : nil, number) {
      case ("budget", _, let n?) where n > 0:
        budget = n
      case ("digits", "shortest", _):
        digits = .shortest
      case ("digits", _, let n?) where DigitsMode.allowedDigits.contains(n):
        digits = .significant(n)
      default:
        problem = Diagnostic(
          "cannot read the cell option '\(body)'", at: range, phase: .syntax,
          notes: ["cell options are '#| budget=N' (N > 0) and '#| digits=N' (1 to 17) or '#| digits=shortest'"])
        return
      }
    }
  }
}
