// MARK: - Heatmaps in SVG: graded cells, iso-lines and a colour scale

extension SVGRenderer {
  /// Colour stops of the sequential heatmap scale, low to high: reversed
  /// viridis, light yellow to dark purple, so darker means higher (as in the
  /// terminal) and it reads in greyscale and with colour-vision deficiencies.
  private static let heatmapStops: [(r: Double, g: Double, b: Double)] = [
    (253, 231, 37), (94, 201, 98), (33, 145, 140), (59, 82, 139), (68, 1, 84),
  ]

  /// The colour for a fraction 0 (low) … 1 (high) of the value range.
  public static func heatmapColor(_ fraction: Double) -> String {
    let t = fraction.isFinite ? min(max(fraction, 0), 1) : 0
    let scaled = t * Double(heatmapStops.count - 1)
    let index = min(Int(scaled), heatmapStops.count - 2)
    let (a, b) = (heatmapStops[index], heatmapStops[index + 1])
    let u = scaled - Double(index)
    func hex(_ x: Double, _ y: Double) -> String {
      let value = Int((x + (y - x) * u).rounded())
      let digits = Array("0123456789abcdef")
      return String(digits[value / 16]) + String(digits[value % 16])
    }
    return "#" + hex(a.r, b.r) + hex(a.g, b.g) + hex(a.b, b.b)
  }

  /// One rectangle per finite cell, plus iso-lines for the contour style.
  func cells(_ heatmap: ChartLayout.DrawnHeatmap, _ layout: ChartLayout, _ frame: Frame) -> String {
    let grid = heatmap.grid
    let (columns, rows) = (grid.columns, grid.rows)
    guard columns > 0, rows > 0 else { return "" }
    let dx = (grid.x.upper - grid.x.lower) / Double(columns)
    let dy = (grid.y.upper - grid.y.lower) / Double(rows)
    var svg = "<g shape-rendering=\"crispEdges\">\n"
    for i in 0..<columns {
      for j in 0..<rows {
        guard let z = grid.value(column: i, row: j), let t = heatmap.zScale.fraction(z),
          let a = layout.position(
            PlotPoint(x: grid.x.lower + Double(i) * dx, y: grid.y.lower + Double(j) * dy)),
          let b = layout.position(
            PlotPoint(x: grid.x.lower + Double(i + 1) * dx, y: grid.y.lower + Double(j + 1) * dy))
        else { continue }
        // Cells past the axis range are trimmed to the plot area.
        let x0 = min(max(a.x, 0), 1)
        let x1 = min(max(b.x, 0), 1)
        let y0 = min(max(a.y, 0), 1)
        let y1 = min(max(b.y, 0), 1)
        guard x1 > x0, y1 > y0 else { continue }
        let p = frame.point((x0, y1))
        let q = frame.point((x1, y0))
        svg +=
          "<rect x=\"\(f(p.x))\" y=\"\(f(p.y))\" width=\"\(f(q.x - p.x))\" height=\"\(f(q.y - p.y))\""
        svg += " fill=\"\(Self.heatmapColor(t))\"/>\n"
      }
    }
    svg += "</g>\n"
    if case .contours(let levels) = grid.style {
      svg += contours(heatmap, levels: levels, layout, frame)
    }
    return svg
  }

  private func contours(
    _ heatmap: ChartLayout.DrawnHeatmap, levels: Int, _ layout: ChartLayout, _ frame: Frame
  )
    -> String
  {
    let z = heatmap.zScale
    let ticks =
      z.kind == .log
      ? Ticks.log(lower: z.lower, upper: z.upper, target: max(2, min(levels, 30)), extend: false)
      : Ticks.linear(lower: z.lower, upper: z.upper, target: max(2, min(levels, 30)), extend: false)
    var path = ""
    for tick in ticks.ticks where tick.value > z.lower && tick.value < z.upper {
      for (a, b) in Contours.segments(heatmap.grid, level: tick.value) {
        guard let pa = layout.position(a), let pb = layout.position(b),
          let (from, to) = ChartLayout.clip(pa, pb)
        else { continue }
        let p = frame.point(from)
        let q = frame.point(to)
        path += "M\(f(p.x)) \(f(p.y))L\(f(q.x)) \(f(q.y))"
      }
    }
    guard !path.isEmpty else { return "" }
    return
      "<path d=\"\(path)\" fill=\"none\" stroke=\"#ffffff\" stroke-opacity=\"0.8\" stroke-width=\"1\"/>\n"
  }

  /// A vertical bar of graded colours right of the plot, labelled with the
  /// lowest and highest value and a few nice values between.
  func colorScale(_ heatmap: ChartLayout.DrawnHeatmap, _ frame: Frame, font: Double) -> String {
    let steps = 32
    let x = frame.right + font * 1.5
    let barWidth = font
    let stepHeight = frame.height / Double(steps)
    var svg = "<g shape-rendering=\"crispEdges\">\n"
    for k in 0..<steps {
      let y = frame.bottom - Double(k + 1) * stepHeight
      svg +=
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(stepHeight + 0.5))\""
      svg += " fill=\"\(Self.heatmapColor((Double(k) + 0.5) / Double(steps)))\"/>\n"
    }
    svg += "</g>\n"
    svg +=
      "<rect x=\"\(f(x))\" y=\"\(f(frame.top))\" width=\"\(f(barWidth))\" height=\"\(f(frame.height))\""
    svg += " fill=\"none\" stroke=\"#333333\"/>\n"
    let z = heatmap.zScale
    let ticks =
      z.kind == .log
      ? Ticks.log(lower: z.lower, upper: z.upper, target: 5, extend: false)
      : Ticks.linear(lower: z.lower, upper: z.upper, target: 5, extend: false)
    svg += "<g fill=\"#333333\" font-size=\"\(f(font * 0.85))\">\n"
    for tick in ticks.ticks {
      guard let t = z.fraction(tick.value), t >= -1e-9, t <= 1 + 1e-9 else { continue }
      svg += text(
        tick.label, x: x + barWidth + 4, y: frame.bottom - t * frame.height + font * 0.3,
        anchor: "start")
    }
    if !heatmap.name.isEmpty {
      // Under the bar, where nothing else is drawn: above it, a long chart
      // title ran into it.
      svg += text(heatmap.name, x: x + barWidth / 2, y: frame.bottom + font * 1.4, anchor: "middle")
    }
    return svg + "</g>\n"
  }
}
