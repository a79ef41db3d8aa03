import DescentPlot
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct SVGRendererTests {
  let renderer = SVGRenderer()

  /// Every chart a snapshot is taken of, by snapshot name.
  static func charts() throws -> [(name: String, chart: Chart)] {
    try [
      ("svg-error-20.svg", CourseCharts.errorCurve()),
      ("svg-bowl.svg", CourseCharts.bowl()),
      ("svg-divergence-log.svg", CourseCharts.divergence()),
      ("svg-sigmoid.svg", CourseCharts.sigmoid()),
      ("svg-heatmap.svg", CourseCharts.heatmap()),
      ("svg-heatmap-contours.svg", CourseCharts.heatmap(style: .contours(levels: 8))),
    ] + DegenerateCharts.all.map { ("svg-\($0.name).svg", $0.chart) }
  }

  @Test func snapshots() throws {
    for (name, chart) in try Self.charts() {
      Snapshot.assert(renderer.render(chart), named: name)
    }
  }

  /// Every SVG, fresh and recorded, is well-formed XML.
  @Test func everySVGParsesAsXML() throws {
    for (name, chart) in try Self.charts() {
      #expect(parses(renderer.render(chart)), "\(name) is not well-formed XML")
      if let recorded = Snapshot.load(name) {
        #expect(parses(recorded), "recorded \(name) is not well-formed XML")
      }
    }
  }

  @Test func outputIsDeterministic() throws {
    let chart = try CourseCharts.bowl()
    #expect(renderer.render(chart) == renderer.render(chart))
  }

  @Test func textIsEscaped() {
    let svg = renderer.render(DegenerateCharts.escaping)
    #expect(svg.contains("Errors &lt;small&gt; &amp; &quot;large&quot; &apos;quoted&apos;"))
    #expect(svg.contains("w &lt; 1 &amp; w &gt; 0"))
    #expect(!svg.contains("<small>"))
    #expect(SVGRenderer.escape("a\u{1}b") == "a b")
  }

  @Test func selfContained() throws {
    for (_, chart) in try Self.charts() {
      let svg = renderer.render(chart)
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
      #expect(svg.contains("viewBox=\"0 0 "))
      #expect(svg.contains("fill=\"#ffffff\""))
      for outside in ["<script", "<style", "@import", "href=", "url(", " id="] {
        #expect(!svg.contains(outside))
      }
    }
  }

  @Test func emptySaysNothingToPlot() {
    #expect(renderer.render(DegenerateCharts.empty).contains(">nothing to plot<"))
  }

  @Test func heatmapHasColourScale() {
    let svg = renderer.render(CourseCharts.heatmap(style: .contours(levels: 8)))
    #expect(svg.contains("fill=\"" + SVGRenderer.heatmapColor(0)))
    #expect(svg.contains("<path d=\"M"))
  }

  private func parses(_ svg: String) -> Bool {
    XMLParser(data: Data(svg.utf8)).parse()
  }
}
