import DescentLanguage
import Foundation
import Testing
import TestSupport

/// Runs the code cells of `Grammar/reference.md` in one session: each must
/// run without a diagnostic, except cells marked `expect-error`, which must
/// fail. (`descent check Grammar` also compares their stored outputs.)
@Suite struct ReferenceTests {
  struct Cell: CustomStringConvertible {
    var line: Int
    var code: String
    var expectsError: Bool
    var description: String { "cell at line \(line)" }
  }

  /// The fenced `descent` cells; a deliberately small scanner, enough for
  /// this one file's plain fences.
  static func cells() throws -> [Cell] {
    let url = Fixtures.testsDirectory.deletingLastPathComponent().appendingPathComponent("Grammar/reference.md")
    let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    var cells: [Cell] = []
    var current: Cell? = nil
    for (i, line) in lines.enumerated() {
      if var cell = current {
        if line.hasPrefix("```") {
          cells.append(cell)
          current = nil
        } else {
          cell.code += line + "\n"
          current = cell
        }
      } else if line.hasPrefix("```descent") {
        current = Cell(line: i + 2, code: "", expectsError: line.contains("expect-error"))
      }
    }
    return cells
  }

  @Test func everyCellRuns() throws {
    let cells = try ReferenceTests.cells()
    #expect(cells.count >= 30)
    let session = Session(output: BufferSink())
    session.stepBudget = 10_000_000
    for cell in cells {
      let source = Source(name: "reference.md", text: cell.code, lineOffset: cell.line - 1)
      let result = session.run(source)
      let errors = result.diagnostics.filter { $0.severity == .error }
      if cell.expectsError {
        #expect(!errors.isEmpty, "\(cell) should fail")
      } else {
        #expect(errors.isEmpty, "\(cell): \(errors.map { $0.render(source: source) })")
      }
    }
  }
}
