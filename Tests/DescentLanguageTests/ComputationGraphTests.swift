import DescentLanguage
import DescentPlot
import Foundation
import Testing
import TestSupport

/// `show graph`: the last derivative's computation graph, as SVG from
/// Graphviz (installed by scripts/setup) and as a tree of text.
@Suite struct ComputationGraphTests {
  static let lesson = """
    input = 0.5
    goal_pred = 0.8
    def error(weight): return (input * weight - goal_pred) ** 2
    slope = derivative(error, 0.5)
    show graph
    """

  static let lessonTree = """
    **   data 0.30250000000000005   grad 1.0
    ├─ -   data -0.55   grad -1.1
    │  ├─ *   data 0.25   grad -1.1
    │  │  ├─ 0.5
    │  │  └─ weight = 0.5   grad -0.55
    │  └─ 0.8
    └─ 2
    """

  static func run(_ text: String, graphviz: String? = nil) -> (BufferSink, [Diagnostic]) {
    let sink = BufferSink()
    let session = Session(output: sink)
    session.graphvizProgram = graphviz
    let result = session.run(Source(name: "graph.descent", text: text))
    return (sink, result.diagnostics)
  }

  @Test func graphvizDrawsTheGraphAsSVGWithTheTreeForTerminals() throws {
    let (sink, diagnostics) = Self.run(Self.lesson)
    #expect(diagnostics.isEmpty)
    let chart = try #require(sink.charts.first)
    let drawing = try #require(chart.drawing)
    #expect(drawing.svg.hasPrefix("<svg"))
    #expect(drawing.svg.hasSuffix("</svg>\n"))
    for label in ["weight", "data 0.5", "grad &#45;0.55", "data 0.30250000000000005", "**"] {
      #expect(drawing.svg.contains(label), "missing \(label)")
    }
    #expect(drawing.text == Self.lessonTree)
    // The chart renderers pass the drawing through: SVG sinks and the terminal.
    #expect(SVGRenderer().render(chart) == drawing.svg)
    #expect(TerminalRenderer(width: 80, height: 20).render(chart) == Self.lessonTree)
  }

  @Test func matricesOnTheTreeShowTheirRows() {
    let program = """
      import numpy as np
      def o(u): return np.sum(np.outer(u, u).T[0] * u[::-1])
      g = gradient(o, np.array([1.0, 2.0]))
      show graph
      """
    let (sink, diagnostics) = Self.run(program, graphviz: "/nonexistent/dot")
    #expect(diagnostics.isEmpty)
    let tree = sink.text.split(separator: "\n").dropFirst().joined(separator: "\n")
    #expect(tree.contains("T   data [[1.0, 2.0], [2.0, 4.0]]   grad [[2.0, 1.0], [0.0, 0.0]]"))
    #expect(tree.contains("outer   data [[1.0, 2.0], [2.0, 4.0]]   grad [[2.0, 0.0], [1.0, 0.0]]"))
    #expect(tree.contains("u = [1.0, 2.0]   grad [8.0, 2.0]"))
  }

  @Test func withoutGraphvizTheTreeIsWrittenWithAOneLineMessage() {
    let (sink, diagnostics) = Self.run(Self.lesson, graphviz: "/nonexistent/dot")
    #expect(diagnostics.isEmpty)
    #expect(sink.charts.isEmpty)
    let lines = sink.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasPrefix("Graphviz is not installed") == true)
    #expect(lines.dropFirst().joined(separator: "\n") == Self.lessonTree + "\n")
  }

  @Test func aLargeGraphIsCutAtTwoHundredValues() throws {
    let program = """
      def f(x):
        total = 0
        for i in 0..<300:
          total = total + x * i
        return total
      d = derivative(f, 1)
      show graph
      """
    let (sink, diagnostics) = Self.run(program, graphviz: "/nonexistent/dot")
    #expect(diagnostics.isEmpty)
    // 1 argument and 600 operations: 200 are drawn.
    #expect(sink.text.hasSuffix("(401 more values not shown)\n"))
    let (svgSink, _) = Self.run(program)
    let svg = try #require(svgSink.charts.first?.drawing?.svg)
    #expect(svg.contains("401 more values not shown"))
  }

  @Test func showGraphBeforeAnyDerivativeSaysWhatToDo() {
    let (_, diagnostics) = Self.run("show graph")
    #expect(diagnostics.first?.message.contains("there is no graph to show yet") == true)
    #expect(diagnostics.first?.range.start.column == 1)
  }
}
