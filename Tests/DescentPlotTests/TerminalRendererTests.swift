import DescentPlot
import Testing

@Suite struct TerminalRendererTests {
  let plain = TerminalRenderer()

  @Test func errorCurve() throws {
    Snapshot.assert(plain.render(try CourseCharts.errorCurve()), named: "terminal-error-20.txt")
  }

  @Test func errorCurveASCII() throws {
    let ascii = TerminalRenderer(unicode: false)
    Snapshot.assert(
      ascii.render(try CourseCharts.errorCurve()), named: "terminal-error-20-ascii.txt")
  }

  @Test func bowl() throws {
    Snapshot.assert(plain.render(try CourseCharts.bowl()), named: "terminal-bowl.txt")
  }

  @Test func bowlInColour() throws {
    let colour = TerminalRenderer(color: true)
    Snapshot.assert(colour.render(try CourseCharts.bowl()), named: "terminal-bowl-color.txt")
  }

  @Test func divergenceOnLogScale() throws {
    Snapshot.assert(
      plain.render(try CourseCharts.divergence()), named: "terminal-divergence-log.txt")
  }

  @Test func sigmoid() {
    Snapshot.assert(plain.render(CourseCharts.sigmoid()), named: "terminal-sigmoid.txt")
  }

  @Test func heatmap() {
    Snapshot.assert(plain.render(CourseCharts.heatmap()), named: "terminal-heatmap.txt")
  }

  @Test func heatmapASCII() {
    let ascii = TerminalRenderer(unicode: false)
    Snapshot.assert(ascii.render(CourseCharts.heatmap()), named: "terminal-heatmap-ascii.txt")
  }

  @Test(arguments: DegenerateCharts.all.map(\.name))
  func degenerate(name: String) throws {
    let chart = try #require(DegenerateCharts.all.first { $0.name == name }).chart
    Snapshot.assert(plain.render(chart), named: "terminal-\(name).txt")
  }

  @Test func emptySaysNothingToPlot() {
    #expect(plain.render(DegenerateCharts.empty).contains("nothing to plot"))
    #expect(plain.render(DegenerateCharts.allNaN).contains("2 points not shown"))
  }

  @Test func skippedValuesAreCounted() {
    let wide = TerminalRenderer(width: 120)
    let text = wide.render(DegenerateCharts.notFinite)
    #expect(text.contains("3 points not shown: not a number (NaN or infinity)."))
    let log = wide.render(DegenerateCharts.logNonPositive)
    #expect(
      log.contains("2 points not shown: a log scale has no place for zero or negative values."))
  }

  /// Every line of every chart fits the width and has no trailing blanks, in
  /// both character sets and at several sizes.
  @Test(arguments: [(72, 20), (80, 24), (40, 12), (24, 8), (200, 60)])
  func linesFitAndHaveNoTrailingBlanks(width: Int, height: Int) throws {
    let charts =
      try [
        CourseCharts.errorCurve(), CourseCharts.bowl(), CourseCharts.divergence(),
        CourseCharts.sigmoid(), CourseCharts.heatmap(),
      ] + DegenerateCharts.all.map(\.chart)
    for unicode in [true, false] {
      let renderer = TerminalRenderer(width: width, height: height, unicode: unicode)
      for chart in charts {
        let lines = renderer.lines(for: chart)
        for line in lines {
          #expect(line.count <= width, "\(chart.title): \(line)")
          #expect(!line.hasSuffix(" "), "\(chart.title): trailing blank")
          let ascii = line.unicodeScalars.allSatisfy { $0.isASCII }
          if !unicode { #expect(ascii, "\(chart.title): \(line)") }
        }
        if chart.notes.isEmpty && width >= 40 { #expect(lines.count <= height, "\(chart.title)") }
      }
    }
  }

  @Test func defaultSizeFitsEightyColumns() throws {
    let bowl = try CourseCharts.bowl()
    let lines = plain.lines(for: bowl)
    #expect(lines.allSatisfy { $0.count <= 80 })
  }

  @Test func colourIsOffByDefault() throws {
    let bowl = try CourseCharts.bowl()
    #expect(!plain.render(bowl).contains("\u{1B}["))
    #expect(TerminalRenderer(color: true).render(bowl).contains("\u{1B}[34m"))
  }

  @Test func terminalSizeIsPositive() {
    let size = TerminalRenderer.terminalSize()
    #expect(size.columns > 0 && size.rows > 0)
  }
}
