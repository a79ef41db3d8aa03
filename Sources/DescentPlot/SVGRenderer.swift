/// Draws a `Chart` as a self-contained SVG document: white background, grid
/// lines at the ticks, axes with tick labels, axis labels, title, legend,
/// series in a colour-blind-friendly palette, heatmaps with a colour scale,
/// and notes. No external fonts, CSS, scripts or ids (several charts may
/// share one HTML page); coordinates have at most two decimals, so the
/// output is byte-for-byte deterministic.
public struct SVGRenderer: Sendable {
  /// The size of the drawing and its base font size, in SVG user units (px).
  public struct Options: Sendable, Hashable {
    public var width: Int
    /// Height of the chart; each note adds a line below it.
    public var height: Int
    public var fontSize: Int

    /// Creates options.
    public init(width: Int = 640, height: Int = 400, fontSize: Int = 12) {
      self.width = width
      self.height = height
      self.fontSize = fontSize
    }
  }

  /// Series colours (Okabe–Ito), distinguishable with the common colour-vision deficiencies.
  public static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  ]

  public var options: Options

  /// Creates a renderer with `options`.
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Creates a renderer from the individual options.
  public init(width: Int = 640, height: Int = 400, fontSize: Int = 12) {
    self.init(options: Options(width: width, height: height, fontSize: fontSize))
  }

  /// The plot area of the drawing, in SVG units.
  struct Frame {
    var left: Double
    var top: Double
    var width: Double
    var height: Double
    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The SVG point for a position given as fractions of the plot area.
    func point(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
      (left + p.x * width, bottom - p.y * height)
    }
  }

  /// The chart as an SVG document (ending with a newline).
  public func render(_ chart: Chart) -> String {
    if let drawing = chart.drawing { return drawing.svg }
    let width = Double(max(160, min(options.width, 10_000)))
    let baseHeight = Double(max(120, min(options.height, 10_000)))
    let font = Double(max(6, min(options.fontSize, 72)))
    let plotGuess = (width - 120, baseHeight - 100)
    let layout = ChartLayout(
      chart, xTickTarget: max(2, Int(plotGuess.0 / (font * 7))),
      yTickTarget: max(2, Int(plotGuess.1 / (font * 4))))
    let noteHeight = font * 1.4
    let height =
      baseHeight + Double(layout.notes.count) * noteHeight + (layout.notes.isEmpty ? 0 : font * 0.5)

    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\""
    svg += " viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\""
    svg += " font-size=\"\(f(font))\">\n"
    if !chart.title.isEmpty { svg += "<title>\(escape(chart.title))</title>\n" }
    svg +=
      "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>\n"
    let titleSpace = chart.title.isEmpty ? font : font * 3
    if !chart.title.isEmpty {
      svg += text(
        chart.title, x: width / 2, y: font * 2, anchor: "middle",
        extra: " font-size=\"\(f(font * 1.25))\" font-weight=\"bold\"")
    }
    for (index, note) in layout.notes.enumerated() {
      svg += text(
        note, x: font, y: baseHeight + Double(index) * noteHeight + font, anchor: "start",
        extra: " fill=\"#444444\"")
    }
    if layout.isEmpty {
      svg += text(
        "nothing to plot", x: width / 2, y: baseHeight / 2, anchor: "middle",
        extra: " fill=\"#444444\"")
      return svg + "</svg>\n"
    }

    let labelWidth = Double(layout.yTicks.ticks.map(\.label.count).max() ?? 1) * font * 0.6
    let left = (chart.y.label.isEmpty ? font : font * 2.5) + labelWidth + font
    let scaleSpace = layout.heatmaps.isEmpty ? 0 : font * 6
    let bottomSpace = font * 2.5 + (chart.x.label.isEmpty ? 0 : font * 1.5)
    let frame = Frame(
      left: left, top: titleSpace, width: max(20, width - left - font * 1.5 - scaleSpace),
      height: max(20, baseHeight - titleSpace - bottomSpace))

    svg += grid(layout, frame)
    for heatmap in layout.heatmaps { svg += cells(heatmap, layout, frame) }
    svg += axes(layout, frame, font: font)
    // Every path's dots, so no step number covers one.
    let dots = layout.series.flatMap { series -> [(x: Double, y: Double)] in
      guard case .path = series.kind else { return [] }
      return series.points.compactMap { layout.position($0) }.filter(ChartLayout.inside).map(frame.point)
    }
    var labelled = SVGStepLabels(dots: dots, frame: frame, fontSize: font * 0.85)
    for series in layout.series {
      svg += draw(series, layout, frame, font: font, labelled: &labelled)
    }
    svg += marks(layout, frame, font: font)
    if !chart.x.label.isEmpty {
      svg += text(
        chart.x.label, x: frame.left + frame.width / 2, y: frame.bottom + font * 3.2,
        anchor: "middle")
    }
    if !chart.y.label.isEmpty {
      let (x, y) = (font * 1.2, frame.top + frame.height / 2)
      svg += text(
        chart.y.label, x: x, y: y, anchor: "middle",
        extra: " transform=\"rotate(-90 \(f(x)) \(f(y)))\"")
    }
    if let heatmap = layout.heatmaps.first { svg += colorScale(heatmap, frame, font: font) }
    if layout.showsLegend { svg += legend(layout, frame, font: font) }
    return svg + "</svg>\n"
  }

  // MARK: - Pieces

  private func grid(_ layout: ChartLayout, _ frame: Frame) -> String {
    var lines = ""
    for tick in layout.xTicks.ticks {
      guard let x = layout.xScale.fraction(tick.value), x > 1e-9, x < 1 - 1e-9 else { continue }
      let px = frame.left + x * frame.width
      lines +=
        "<line x1=\"\(f(px))\" y1=\"\(f(frame.top))\" x2=\"\(f(px))\" y2=\"\(f(frame.bottom))\"/>\n"
    }
    for tick in layout.yTicks.ticks {
      guard let y = layout.yScale.fraction(tick.value), y > 1e-9, y < 1 - 1e-9 else { continue }
      let py = frame.bottom - y * frame.height
      lines +=
        "<line x1=\"\(f(frame.left))\" y1=\"\(f(py))\" x2=\"\(f(frame.right))\" y2=\"\(f(py))\"/>\n"
    }
    return lines.isEmpty ? "" : "<g stroke=\"#e5e5e5\" stroke-width=\"1\">\n" + lines + "</g>\n"
  }

  private func axes(_ layout: ChartLayout, _ frame: Frame, font: Double) -> String {
    var svg = "<g stroke=\"#333333\" stroke-width=\"1\" fill=\"none\">\n"
    svg +=
      "<rect x=\"\(f(frame.left))\" y=\"\(f(frame.top))\" width=\"\(f(frame.width))\" height=\"\(f(frame.height))\"/>\n"
    var labels = ""
    for tick in layout.xTicks.ticks {
      guard let x = layout.xScale.fraction(tick.value), x >= -1e-9, x <= 1 + 1e-9 else { continue }
      let px = frame.left + x * frame.width
      svg +=
        "<line x1=\"\(f(px))\" y1=\"\(f(frame.bottom))\" x2=\"\(f(px))\" y2=\"\(f(frame.bottom + 5))\"/>\n"
      labels += text(tick.label, x: px, y: frame.bottom + 5 + font * 1.1, anchor: "middle")
    }
    for tick in layout.yTicks.ticks {
      guard let y = layout.yScale.fraction(tick.value), y >= -1e-9, y <= 1 + 1e-9 else { continue }
      let py = frame.bottom - y * frame.height
      svg +=
        "<line x1=\"\(f(frame.left - 5))\" y1=\"\(f(py))\" x2=\"\(f(frame.left))\" y2=\"\(f(py))\"/>\n"
      labels += text(tick.label, x: frame.left - 8, y: py + font * 0.35, anchor: "end")
    }
    return svg + "</g>\n<g fill=\"#333333\">\n" + labels + "</g>\n"
  }

  /// One series; `labelled` places the step numbers (see `SVGStepLabels`).
  private func draw(
    _ series: ChartLayout.DrawnSeries, _ layout: ChartLayout, _ frame: Frame, font: Double,
    labelled: inout SVGStepLabels
  ) -> String {
    let color = Self.palette[series.style % Self.palette.count]
    let positions = series.points.map { layout.position($0) }
    let inside = positions.compactMap { $0 }.filter(ChartLayout.inside).map(frame.point)
    switch series.kind {
    case .heatmap:
      return ""
    case .line:
      let dash = series.style % 2 == 1 ? " stroke-dasharray=\"7 4\"" : ""
      var svg = polylines(positions, frame, stroke: color, width: 2, extra: dash)
      if positions.count == 1 { svg += inside.map { circle($0, r: 3.5, fill: color) }.joined() }
      return svg
    case .points:
      return "<g>\n" + inside.map { circle($0, r: 3.5, fill: color) }.joined() + "</g>\n"
    case .path(let marks):
      // A white halo under the path keeps it visible over a dark heatmap.
      var svg = polylines(positions, frame, stroke: "#ffffff", width: 4, extra: "")
      svg += polylines(positions, frame, stroke: color, width: 1.5, extra: "")
      svg +=
        "<g stroke=\"#ffffff\" stroke-width=\"1\">\n"
        + inside.map { circle($0, r: 4, fill: color) }.joined()
      svg += "</g>\n<g font-size=\"\(f(font * 0.85))\">\n"
      for (index, position) in positions.enumerated() {
        let label: String
        switch marks {
        case .numbered: label = String(index + 1)
        case .startEnd: label = index == 0 ? "start" : index == positions.count - 1 ? "end" : ""
        }
        guard !label.isEmpty else { continue }
        // A numbered step off the chart or without room ends the numbering.
        guard let position, ChartLayout.inside(position) else {
          if marks == .numbered { break } else { continue }
        }
        let p = frame.point(position)
        if marks == .startEnd, index == 0, !labelled.startNeedsLabel(at: p) { continue }
        let placement: SVGStepLabels.Placement
        if marks == .numbered {
          guard let found = labelled.place(label, at: p) else { break }
          placement = found
        } else {
          placement = labelled.force(label, at: p)
        }
        // A white copy underneath keeps the number legible over a heatmap
        // (a halo by `paint-order` is not honoured by every renderer).
        let halo = " fill=\"#ffffff\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\""
        svg += text(label, x: placement.x, y: placement.y, anchor: placement.anchor, extra: halo)
        svg += text(label, x: placement.x, y: placement.y, anchor: placement.anchor, extra: " fill=\"\(color)\"")
      }
      return svg + "</g>\n"
    }
  }

  private func marks(_ layout: ChartLayout, _ frame: Frame, font: Double) -> String {
    var svg = ""
    for mark in layout.markedPoints {
      guard let position = layout.position(PlotPoint(x: mark.x, y: mark.y)),
        ChartLayout.inside(position)
      else { continue }
      let p = frame.point(position)
      svg +=
        "<path d=\"M\(f(p.x - 5)) \(f(p.y - 5))L\(f(p.x + 5)) \(f(p.y + 5))M\(f(p.x - 5)) \(f(p.y + 5))"
      svg += "L\(f(p.x + 5)) \(f(p.y - 5))\" stroke=\"#222222\" stroke-width=\"2\"/>\n"
      if !mark.label.isEmpty {
        svg += text(
          mark.label, x: p.x + 8, y: p.y + font * 1.2, anchor: "start", extra: " fill=\"#222222\"")
      }
    }
    return svg
  }

  // MARK: - Primitives

  /// Polylines through the positions, broken where the path leaves the plot
  /// area or a point is missing.
  func polylines(
    _ positions: [(x: Double, y: Double)?], _ frame: Frame, stroke: String, width: Double,
    extra: String
  )
    -> String
  {
    var runs: [[(x: Double, y: Double)]] = []
    var current: [(x: Double, y: Double)] = []
    for (a, b) in zip(positions, positions.dropFirst()) {
      guard let a, let b, let (from, to) = ChartLayout.clip(a, b) else {
        if current.count > 1 { runs.append(current) }
        current = []
        continue
      }
      if current.isEmpty { current = [frame.point(from)] }
      current.append(frame.point(to))
      if abs(to.x - b.x) > 1e-12 || abs(to.y - b.y) > 1e-12 {
        runs.append(current)
        current = []
      }
    }
    if current.count > 1 { runs.append(current) }
    return runs.map { run in
      let points = run.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
      return
        "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
        + " stroke-linejoin=\"round\" stroke-linecap=\"round\"\(extra)/>\n"
    }.joined()
  }

  func circle(_ p: (x: Double, y: Double), r: Double, fill: String) -> String {
    "<circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"\(f(r))\" fill=\"\(fill)\"/>\n"
  }

  func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"\(extra)>\(escape(content))</text>\n"
  }

  /// A coordinate with at most two decimals.
  func f(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

  /// Text made safe for SVG content and attribute values.
  public static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      // XML 1.0 forbids most control characters, even escaped.
      case _ where character.unicodeScalars.contains { $0.value < 0x20 }: escaped += " "
      default: escaped.append(character)
      }
    }
    return escaped
  }

  func escape(_ text: String) -> String { Self.escape(text) }
}
