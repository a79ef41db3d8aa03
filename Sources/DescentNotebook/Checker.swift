/// The verdict on one cell in `descent check`.
public struct CellCheck: Sendable {
  public var cell: Cell
  public var passed: Bool
  /// Why it failed, with a diff when the output differs; "" when it passed.
  public var report: String
}

/// Doctest mode: compares each cell's fresh output with its stored block.
public enum Checker {
  /// Checks every cell's result against what the notebook stores.
  public static func check(_ notebook: Notebook, results: [CellResult]) -> [CellCheck] {
    results.map { check(notebook, $0) }
  }

  private static func check(_ notebook: Notebook, _ result: CellResult) -> CellCheck {
    let cell = result.cell
    let place = "\(notebook.path):\(cell.fenceLine): cell \(cell.number)"
    func fail(_ report: String) -> CellCheck { CellCheck(cell: cell, passed: false, report: report) }
    switch result.status {
    case .skipped:
      return CellCheck(cell: cell, passed: true, report: "")
    case .notRun:
      return fail("\(place): not run: an earlier cell failed")
    case .failed:
      let error = result.error.map { $0.render(source: cell.source(name: notebook.path)) } ?? "error"
      return fail("\(place) stopped with an error:\n\(error)")
    case .unexpectedSuccess:
      return fail("\(place) is marked expect-error but ran without an error")
    case .ran:
      break
    }

    let update = "run `descent run --update \(notebook.path)`"
    if result.charts.count != cell.figureLinks.count {
      return fail(
        "\(place) drew \(plural(result.charts.count, "figure")) but the notebook links "
          + "\(plural(cell.figureLinks.count, "figure")); \(update)")
    }
    guard let stored = cell.storedOutput else {
      if result.output.isEmpty { return CellCheck(cell: cell, passed: true, report: "") }
      return fail("\(place): no stored output; \(update)\n" + result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "+" + $0 }.joined(separator: "\n"))
    }
    let tolerance = Tolerance(
      relative: cell.options.tolerance ?? notebook.frontMatter.tolerance ?? Tolerance.defaultRelative)
    let storedLines = lines(stored.text)
    let actualLines = lines(result.output)
    let same =
      storedLines.count == actualLines.count
      && zip(storedLines, actualLines).allSatisfy { tolerance.matches($0, $1) }
    if same { return CellCheck(cell: cell, passed: true, report: "") }
    let diff = UnifiedDiff(
      stored: storedLines, actual: actualLines, storedStart: stored.firstLine, actualStart: stored.firstLine)
    let lastLine = stored.firstLine + max(0, storedLines.count - 1)
    return fail(
      "\(place): output differs from the stored output (relative tolerance \(tolerance.relative))\n"
        + "--- \(notebook.path):\(stored.firstLine)-\(lastLine) (stored)\n"
        + "+++ \(notebook.path) (actual)\n"
        + diff.render { tolerance.matches($0, $1) })
  }

  private static func lines(_ text: String) -> [Substring] {
    guard !text.isEmpty else { return [] }
    let body = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
    return body.split(separator: "\n", omittingEmptySubsequences: false)
  }

  static func plural(_ n: Int, _ word: String) -> String {
    "\(n) \(word)\(n == 1 ? "" : "s")"
  }
}
