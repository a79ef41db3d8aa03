import DescentLanguage
import DescentPlot
import Foundation
import Testing

/// `show history` at a terminal fits its width (issue 24: about 105
/// columns, so every row wrapped at 80 and 100); `show history wide` and
/// every non-terminal output keep the numbers in full.
@Suite struct HistoryTableWidthTests {
  /// The table a sink receives for `code` after a training.
  func table(_ setup: String, _ show: String = "show history") -> OutputTable? {
    final class TableSink: OutputSink {
      var tables: [OutputTable] = []
      func write(_ text: String) {}
      func show(_ chart: Chart) {}
      func writeTable(_ table: OutputTable) { tables.append(table) }
      func writeValue(_ text: String) {}
    }
    let sink = TableSink()
    let result = Session(output: sink).run(Source(name: "t", text: setup + "\n" + show + "\n"))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return sink.tables.first
  }

  static let oneWeight = "weight = 0.5; goal = 0.8; input = 0.5\ntrain 20 alpha 0.1"
  static let threeWeights = "weights = [0.1, 0.2, -0.1]; input = [8.5, 0.65, 1.2]; goal = 1\ntrain 5 alpha 0.01"

  @Test(arguments: [80, 100, 60])
  func everyLineFitsTheTerminal(width: Int) throws {
    for setup in [Self.oneWeight, Self.threeWeights] {
      let full = try #require(table(setup))
      #expect(full.text.split(separator: "\n").contains { $0.count > width })  // it did wrap
      let fitted = full.text(fitting: width)
      for line in fitted.split(separator: "\n") {
        #expect(line.count <= width, "\(line.count) columns: \(line)")
      }
      #expect(fitted.contains("`show history wide`"))
    }
  }

  @Test func fewerDigitsFirstThenTheColumnsOnTheRight() throws {
    let oneWeight = try #require(table(Self.oneWeight)).text(fitting: 80).split(separator: "\n")
    #expect(oneWeight[0].split(separator: " ") == ["step", "weight", "pred", "error", "delta", "weight_delta"])
    #expect(oneWeight[1].split(separator: " ") == ["1", "0.5", "0.25", "0.3025", "-0.55", "-0.275"])
    #expect(oneWeight[5].split(separator: " ").prefix(2) == ["5", "0.6059433203"])  // 10 digits
    let threeWeights = try #require(table(Self.threeWeights)).text(fitting: 80)
    #expect(threeWeights.hasPrefix("step  weights[0]  weights[1]  weights[2]    pred      error       delta\n"))
    #expect(
      threeWeights.replacingOccurrences(of: "\n", with: " ")
        .contains("weight_delta[[0]], weight_delta[[1]], weight_delta[[2]] left out"))
  }

  @Test func wideAndWideEnoughTerminalsKeepEveryNumber() throws {
    let wide = try #require(table(Self.oneWeight, "show history wide"))
    #expect(wide.keepsFullWidth)
    #expect(wide.text(fitting: 80) == wide.text)
    #expect(wide.text.contains("0.30250000000000005"))
    let plain = try #require(table(Self.oneWeight))
    #expect(plain.text == wide.text)  // the same table, in a notebook or a pipe
    #expect(plain.text(fitting: 200) == plain.text)
  }

  @Test func wideIsOnlyForHistory() {
    let result = Session(output: BufferSink()).run(Source(name: "t", text: "weight = 1\nshow weights wide\n"))
    #expect(!result.diagnostics.isEmpty)
  }
}
