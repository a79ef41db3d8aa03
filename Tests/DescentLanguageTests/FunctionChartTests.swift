import DescentEngine
import DescentLanguage
import DescentPlot
import Foundation
import Testing

/// The charts of `train ... on f` and `compare`: the learner's own
/// function drawn under the path (one parameter: its curve; two: its
/// map), several paths on one chart told apart by marker and legend, and
/// the live view fed as for any `train`.
@Suite struct FunctionChartTests {
  static let bowl = """
    def bowl(w1, w2):
        return (w1 - 3) ** 2 + 10 * (w2 + 1) ** 2
    w1 = 0
    w2 = 0

    """

  /// The charts and output of running `text`; fails on any diagnostic.
  func run(_ text: String) throws -> (charts: [Chart], text: String) {
    let sink = BufferSink()
    let result = Session(output: sink).run(Source(name: "t", text: text))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    return (sink.charts, sink.text)
  }

  @Test func plotErrorOverTwoParametersDrawsTheFunctionUnderThePath() throws {
    let chart = try #require(try run(Self.bowl + "train 5 alpha 0.05 on bowl\nplot error over w1, w2\n").charts.first)
    #expect(chart.x.label == "w1" && chart.y.label == "w2")
    guard case .heatmap(let map) = chart.series[0].kind else {
      Issue.record("no map under the path")
      return
    }
    // The map is the function itself: a cell's value is bowl at its centre.
    let (i, j) = (7, 11)
    let x = map.x.lower + (Double(i) + 0.5) * (map.x.upper - map.x.lower) / Double(map.columns)
    let y = map.y.lower + (Double(j) + 0.5) * (map.y.upper - map.y.lower) / Double(map.rows)
    let expected = (x - 3) * (x - 3) + 10 * (y + 1) * (y + 1)
    #expect(abs((map.value(column: i, row: j) ?? .nan) - expected) < 1e-9 * max(1, expected))
    let path = try #require(chart.series.first { $0.name == "steps" }).points
    #expect(path.count == 5)
    #expect(path[0] == PlotPoint(x: 0, y: 0))
    #expect(path[1].y == -1)
  }

  @Test func plotErrorVsAParameterDrawsItsCurveAroundThePath() throws {
    let text = "def f(w):\n    return (w - 2) ** 2\nw = 5\ntrain 8 alpha 0.1 on f\nplot error vs w\n"
    let chart = try #require(try run(text).charts.first)
    let curve = try #require(chart.series.first { $0.kind == .line }).points
    let path = try #require(chart.series.first { $0.name == "steps" }).points
    #expect(path.count == 8)
    // Every step lies on the curve: the function's value at the step's w.
    for point in path { #expect(abs(point.y - (point.x - 2) * (point.x - 2)) < 1e-12) }
    let range = try #require(chart.x.range)
    #expect(path.allSatisfy { $0.x >= range.lower && $0.x <= range.upper })
    #expect(curve.allSatisfy { abs($0.y - ($0.x - 2) * ($0.x - 2)) < 1e-9 })
  }

  @Test func anUnknownParameterNameIsALocatedError() {
    let sink = BufferSink()
    let result = Session(output: sink).run(
      Source(name: "t", text: Self.bowl + "train 3 alpha 0.05 on bowl\nplot error over w1, w3\n"))
    #expect(result.diagnostics.first?.message == "the last training has no weight 'w3'")
    #expect(result.diagnostics.first?.range.start.line == 6)
  }

  @Test func compareDrawsEveryPathOnOneMapAndLeavesTheVariables() throws {
    let text = Self.bowl + "compare sgd, momentum 0.9, adam on bowl from [0, 0] alpha 0.04 steps 20\nprint(w1, w2)\n"
    let (charts, output) = try run(text)
    let chart = try #require(charts.first)
    #expect(chart.series.map(\.name) == ["bowl", "sgd", "momentum 0.9", "adam"])
    for path in chart.series.dropFirst() {
      // From the one start, 20 steps and where they ended.
      #expect(path.points.count == 21)
      #expect(path.points.first == PlotPoint(x: 0, y: 0))
    }
    let lines = output.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("optimizer") == true)
    #expect(lines.filter { $0.hasSuffix("ran every step") }.count == 3)
    #expect(lines.last == "0 0")
  }

  @Test func compareOnOneNumberDrawsTheCurve() throws {
    let text = "def f(x):\n    return x ** 4 - 4 * x ** 2 + x\ncompare sgd, momentum 0.9 on f from 2.5 alpha 0.01 steps 50\n"
    let chart = try #require(try run(text).charts.first)
    #expect(chart.y.label == "f(x)")
    let paths = chart.series.filter { if case .path = $0.kind { true } else { false } }
    #expect(paths.count == 2)
    for path in paths {
      #expect(path.points.first == PlotPoint(x: 2.5, y: 2.5 * 2.5 * 2.5 * 2.5 - 4 * 2.5 * 2.5 + 2.5))
    }
  }

  @Test func manyPathsAreToldApartInTheTerminalAndInSVG() throws {
    let text = Self.bowl + "compare sgd, momentum 0.9, adam on bowl from [0, 0] alpha 0.04 steps 20\n"
    let chart = try #require(try run(text).charts.first)
    let terminal = TerminalRenderer(width: 80, height: 24).render(chart)
    // A legend under the chart names each path beside its own marker.
    let legend = try #require(terminal.split(separator: "\n").last)
    for entry in ["─●─ sgd", "─◆─ momentum 0.9", "─▲─ adam"] { #expect(legend.contains(entry), "\(terminal)") }
    for marker in ["●", "◆", "▲"] {
      #expect(terminal.split(separator: "\n").dropLast().contains { $0.contains(marker) }, "\(marker) on the plot")
    }
    let svg = SVGRenderer().render(chart)
    for name in ["sgd", "momentum 0.9", "adam"] { #expect(svg.contains(">\(name)</text>"), "\(name) in the SVG legend") }
  }

  final class Recorder: TrainingObserver {
    var started: [TrainingProgress] = []
    var ended: [TrainingStop?] = []
    func trainingStarted(_ progress: TrainingProgress) { started.append(progress) }
    func trainingEnded(_ progress: TrainingProgress, stop: TrainingStop?) { ended.append(stop) }
  }

  @Test func theLiveViewWatchesATrainOnAFunction() {
    let session = Session(output: BufferSink())
    let recorder = Recorder()
    session.domain.trainingObserver = recorder
    let result = session.run(Source(name: "t", text: Self.bowl + "train 40 alpha 0.05 on bowl\n"))
    #expect(result.diagnostics.isEmpty)
    #expect(recorder.started.count == 1 && recorder.started.first?.total == 40)
    #expect(recorder.ended == [.completed(steps: 40)])
    #expect(recorder.started.first?.snapshot().step == 40)
  }

  /// Raises the session's interrupt flag (what Ctrl-C does) at the fifth line written.
  final class InterruptingSink: OutputSink {
    var lines: [String] = []
    weak var session: Session?
    func write(_ text: String) {
      lines.append(text)
      if lines.count == 5 { session?.interrupt.raise() }
    }
    func show(_ chart: Chart) {}
  }

  @Test func ctrlCStopsATrainOnAFunctionAndKeepsTheValues() throws {
    let sink = InterruptingSink()
    let session = Session(output: sink)
    sink.session = session
    let text = "def f(w):\n    return (w - 2) ** 2\nw = 5\ntrain 1000 alpha 0.1 on f verbose\n"
    let result = session.run(Source(name: "t", text: text))
    let stop = try #require(result.diagnostics.first)
    #expect(stop.phase == .interrupt)
    #expect(stop.message.contains("line 4"))
    // Five steps ran, each closing a fifth of the gap: w = 2 + 3 * 0.8 ** 5.
    #expect(sink.lines.count == 5)
    let w = try #require(session.value(of: "w")?.number)
    #expect(abs(w - (2 + 3 * pow(0.8, 5))) < 1e-12)
    #expect(session.value(of: "history") != nil)
  }
}
