// MARK: - The legend box of an SVG chart

extension SVGRenderer {
  func legend(_ layout: ChartLayout, _ frame: Frame, font: Double) -> String {
    var entries: [(name: String, sample: String)] = []
    let row = font * 1.5
    for series in layout.series where !series.name.isEmpty {
      let color = Self.palette[series.style % Self.palette.count]
      let y = Double(entries.count) * row
      var sample = ""
      switch series.kind {
      case .line:
        let dash = series.style % 2 == 1 ? " stroke-dasharray=\"7 4\"" : ""
        sample =
          "<line x1=\"0\" y1=\"\(f(y))\" x2=\"24\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
      case .points:
        sample = circle((12, y), r: 3.5, fill: color)
      case .path:
        sample =
          "<line x1=\"0\" y1=\"\(f(y))\" x2=\"24\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        sample += circle((12, y), r: 4, fill: color)
      case .heatmap:
        continue
      }
      entries.append((series.name, sample))
    }
    guard !entries.isEmpty else { return "" }
    let longest = Double(entries.map(\.name.count).max() ?? 0)
    let boxWidth = 24 + font + longest * font * 0.6 + font
    let boxHeight = Double(entries.count) * row + font * 0.5
    let (x, y) = legendCorner(layout, frame, size: (boxWidth, boxHeight))
    var svg = "<g transform=\"translate(\(f(x)) \(f(y)))\">\n"
    svg +=
      "<rect x=\"0\" y=\"0\" width=\"\(f(boxWidth))\" height=\"\(f(boxHeight))\" fill=\"#ffffff\""
    svg += " fill-opacity=\"0.85\" stroke=\"#cccccc\"/>\n"
    svg += "<g transform=\"translate(\(f(font * 0.6)) \(f(row * 0.6)))\">\n"
    for (index, entry) in entries.enumerated() {
      svg += entry.sample + "\n"
      svg += text(
        entry.name, x: 24 + font * 0.5, y: Double(index) * row + font * 0.35, anchor: "start")
    }
    return svg + "</g>\n</g>\n"
  }

  /// The top-left of the plot corner where a legend box of `size` covers the
  /// fewest data points (top right wins ties).
  private func legendCorner(_ layout: ChartLayout, _ frame: Frame, size: (Double, Double)) -> (
    Double, Double
  ) {
    let points = layout.series.flatMap(\.points).compactMap { layout.position($0) }.map(frame.point)
    let candidates = [
      (frame.right - size.0 - 8, frame.top + 8), (frame.left + 8, frame.top + 8),
      (frame.right - size.0 - 8, frame.bottom - size.1 - 8),
      (frame.left + 8, frame.bottom - size.1 - 8),
    ]
    func covered(_ corner: (Double, Double)) -> Int {
      points.filter {
        $0.x >= corner.0 - 4 && $0.x <= corner.0 + size.0 + 4 && $0.y >= corner.1 - 4
          && $0.y <= corner.1 + size.1 + 4
      }.count
    }
    var best = candidates[0]
    var fewest = covered(best)
    for candidate in candidates.dropFirst() {
      let count = covered(candidate)
      if count < fewest { (best, fewest) = (candidate, count) }
    }
    return best
  }
}
