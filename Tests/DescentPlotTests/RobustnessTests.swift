import DescentPlot
import Testing

/// Nothing a user can put in a chart may trap a renderer.
@Suite struct RobustnessTests {
  /// A small deterministic generator, so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    mutating func value() -> Double {
      let awkward: [Double] = [
        .nan, .infinity, -.infinity, 0, -0.0, 1e308, -1e308, 1e-10, 1e19, 1, -1, 40, .ulpOfOne,
      ]
      let pick = Int(next() % 20)
      return pick < awkward.count ? awkward[pick] : Double(next() % 2000) / 10 - 100
    }
  }

  @Test func randomAwkwardChartsRender() {
    var random = Generator(state: 42)
    let kinds: [Series.Kind] = [.line, .points, .path(.numbered), .path(.startEnd)]
    for round in 0..<200 {
      var series: [Series] = []
      for k in 0..<Int(random.next() % 4) {
        let points = (0..<Int(random.next() % 6)).map { _ in
          PlotPoint(x: random.value(), y: random.value())
        }
        series.append(Series(name: "s\(k)", kind: kinds[Int(random.next() % 4)], points: points))
      }
      if random.next() % 3 == 0 {
        let grid = (0..<Int(random.next() % 4)).map { _ in
          (0..<Int(random.next() % 4)).map { _ in random.value() }
        }
        let style: HeatmapStyle =
          random.next() % 2 == 0 ? .cells : .contours(levels: Int(random.next() % 40) - 5)
        series.append(
          .heatmap(
            "z",
            Heatmap(
              x: ValueRange(random.value(), random.value()),
              y: ValueRange(random.value(), random.value()),
              values: grid, style: style, zScale: random.next() % 2 == 0 ? .linear : .log)))
      }
      let range: ValueRange? =
        random.next() % 3 == 0 ? ValueRange(random.value(), random.value()) : nil
      let chart = Chart(
        title: "round \(round)",
        x: Axis(label: "x", scale: random.next() % 2 == 0 ? .linear : .log, range: range),
        y: Axis(label: "y", scale: random.next() % 2 == 0 ? .linear : .log),
        series: series,
        markedPoints: [MarkedPoint(x: random.value(), y: random.value(), label: "m")])
      let width = Int(random.next() % 300) - 50
      let height = Int(random.next() % 100) - 20
      let text = TerminalRenderer(
        width: width, height: height, unicode: round % 2 == 0, color: round % 3 == 0
      )
      .render(chart)
      #expect(!text.isEmpty)
      let svg = SVGRenderer(
        width: width * 5, height: height * 5, fontSize: Int(random.next() % 30) - 5
      ).render(chart)
      #expect(svg.hasSuffix("</svg>\n"))
    }
  }

  @Test func heatmapSamplingClampsItsSize() {
    let grid = Heatmap.sampling(
      x: ValueRange(0, 1), y: ValueRange(0, 1), columns: -3, rows: 1_000_000
    ) { $0 + $1 }
    #expect(grid.columns == 0 && grid.rows == 0)
    let ragged = Heatmap(x: ValueRange(0, 1), y: ValueRange(0, 1), values: [[1, 2, 3], [4]])
    #expect(ragged.rows == 1)
    #expect(ragged.value(column: 0, row: 2) == nil)
  }
}
