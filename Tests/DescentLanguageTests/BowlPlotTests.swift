import DescentLanguage
import DescentPlot
import Foundation
import TestSupport
import Testing

/// `plot error vs weight` as a learner reads it (issue 24): the bowl is
/// drawn across the whole axis, and the steps are numbered 1, 2, 3, … in
/// order, never with a step left out before a later one.
@Suite struct BowlPlotTests {
  /// The chart `plot error vs weight` draws after `setup`.
  func bowl(_ setup: String) throws -> Chart {
    let sink = BufferSink()
    let result = Session(output: sink).run(Source(name: "t", text: setup + "\nplot error vs weight\n"))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return try #require(sink.charts.first)
  }

  /// Lesson 6's two bowls: steps jumping across it, and steps walking down.
  static let lessons = [
    "weight = 0.5; goal_pred = 0.8; input = 2\ntrain 5 alpha 1",
    "weight = 0.5; goal_pred = 0.8; input = 2\ntrain 20 alpha 0.1",
    "weight = 0.5; goal = 0.8; input = 0.5\ntrain 20 alpha 1",
  ]

  @Test(arguments: lessons)
  func theBowlSpansTheAxis(setup: String) throws {
    let chart = try bowl(setup)
    let range = try #require(chart.x.range)
    let curve = try #require(chart.series.first { $0.kind == .line }).points.map(\.x)
    #expect(curve.first == range.lower && curve.last == range.upper)
    let path = try #require(chart.series.first { $0.name == "steps" }).points.map(\.x)
    #expect(path.allSatisfy { $0 >= range.lower && $0 <= range.upper })
  }

  @Test(arguments: lessons)
  func svgNumbersTheFirstStepsInOrder(setup: String) throws {
    let svg = SVGRenderer().render(try bowl(setup))
    // The step numbers are the labels drawn with a white halo underneath.
    let pattern = try NSRegularExpression(pattern: "<text[^>]*stroke=\"#ffffff\"[^>]*>([0-9]+)</text>")
    let numbers = pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap {
      Range($0.range(at: 1), in: svg).flatMap { Int(svg[$0]) }
    }
    #expect(numbers.count >= 3)
    #expect(numbers == Array(1...max(1, numbers.count)))
  }

  @Test(arguments: lessons)
  func terminalNumbersStandApart(setup: String) throws {
    for width in [60, 80, 100] {
      let text = TerminalRenderer(width: width, height: 18).render(try bowl(setup))
      // No number touches a step marker on its far side, nor another number.
      let runTogether = try NSRegularExpression(pattern: "◆[0-9]+◆|[0-9]◆[0-9]")
      let plot = text.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }.joined(separator: "\n")
      #expect(runTogether.firstMatch(in: plot, range: NSRange(plot.startIndex..., in: plot)) == nil, "\(text)")
      // Whatever is numbered is 1, 2, 3, … with none left out.
      let numbers = try NSRegularExpression(pattern: "(?<=◆)[0-9]+|[0-9]+(?=◆)")
        .matches(in: plot, range: NSRange(plot.startIndex..., in: plot))
        .compactMap { Range($0.range, in: plot).flatMap { Int(plot[$0]) } }
      #expect(numbers.sorted() == Array(1...max(1, numbers.count)).prefix(numbers.count).map { $0 }, "\(text)")
    }
  }

  /// The lessons are read beside SVG figures, which mark steps with
  /// circles (the terminal draws ◆): the prose must not promise diamonds.
  @Test func lessonProseNamesTheMarksTheFiguresDraw() throws {
    let svg = SVGRenderer().render(try bowl(Self.lessons[0]))
    #expect(svg.contains("<circle"))
    let folder = Fixtures.testsDirectory.deletingLastPathComponent().appendingPathComponent("Notebooks")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".md") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(!text.lowercased().contains("diamond"), "\(name) calls the step marks diamonds")
    }
  }
}
