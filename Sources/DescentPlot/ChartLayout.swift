/// A chart made ready to draw, shared by both renderers: values a chart cannot
/// show are removed and counted, ranges and ticks are settled, and the notes
/// say what was left out. Positions are fractions of the plot area (0…1,
/// y upwards).
struct ChartLayout {
  /// A line, points or path series with only drawable points left.
  struct DrawnSeries {
    var name: String
    var kind: Series.Kind
    var points: [PlotPoint]
    /// Index into the colour palette and marker list.
    var style: Int
  }

  /// A heatmap whose value range is known (over its finite cells).
  struct DrawnHeatmap {
    var name: String
    var grid: Heatmap
    var zScale: Scale
  }

  var title: String
  var xLabel: String
  var yLabel: String
  var series: [DrawnSeries] = []
  var heatmaps: [DrawnHeatmap] = []
  var markedPoints: [MarkedPoint] = []
  var xTicks = AxisTicks(lower: 0, upper: 1, ticks: [])
  var yTicks = AxisTicks(lower: 0, upper: 1, ticks: [])
  var xScale = Scale(lower: 0, upper: 1)
  var yScale = Scale(lower: 0, upper: 1)
  var notes: [String]
  var showsLegend = false

  /// Whether nothing at all can be drawn.
  var isEmpty: Bool {
    series.allSatisfy(\.points.isEmpty) && heatmaps.isEmpty && markedPoints.isEmpty
  }

  init(_ chart: Chart, xTickTarget: Int, yTickTarget: Int) {
    title = chart.title
    xLabel = chart.x.label
    yLabel = chart.y.label
    notes = chart.notes
    let xLog = chart.x.scale == .log
    let yLog = chart.y.scale == .log
    var notFinite = 0
    var notPositive = 0
    func keep(_ x: Double, _ y: Double) -> Bool {
      guard x.isFinite, y.isFinite else {
        notFinite += 1
        return false
      }
      guard !xLog || x > 0, !yLog || y > 0 else {
        notPositive += 1
        return false
      }
      return true
    }
    var style = 0
    for item in chart.series {
      if case .heatmap(let grid) = item.kind {
        if let drawn = Self.prepare(grid, name: item.name, xLog: xLog, yLog: yLog, notes: &notes) {
          heatmaps.append(drawn)
        }
        continue
      }
      let kept = item.points.filter { keep($0.x, $0.y) }
      series.append(DrawnSeries(name: item.name, kind: item.kind, points: kept, style: style))
      style += 1
    }
    markedPoints = chart.markedPoints.filter { keep($0.x, $0.y) }
    if notFinite > 0 {
      notes.append(Self.count(notFinite, "point") + " not shown: not a number (NaN or infinity).")
    }
    if notPositive > 0 {
      notes.append(
        Self.count(notPositive, "point")
          + " not shown: a log scale has no place for zero or negative values.")
    }
    let named =
      series.filter { !$0.name.isEmpty }.count + heatmaps.filter { !$0.name.isEmpty }.count
    switch chart.legend {
    case .automatic: showsLegend = named >= 2
    case .shown: showsLegend = named >= 1
    case .hidden: showsLegend = false
    }
    guard !isEmpty else { return }

    var xs = series.flatMap { $0.points.map(\.x) } + markedPoints.map(\.x)
    var ys = series.flatMap { $0.points.map(\.y) } + markedPoints.map(\.y)
    for heatmap in heatmaps {
      xs += [heatmap.grid.x.lower, heatmap.grid.x.upper]
      ys += [heatmap.grid.y.lower, heatmap.grid.y.upper]
    }
    xTicks = Self.ticks(chart.x, data: xs, target: xTickTarget, name: "x", notes: &notes)
    yTicks = Self.ticks(chart.y, data: ys, target: yTickTarget, name: "y", notes: &notes)
    xScale = Scale(kind: chart.x.scale, lower: xTicks.lower, upper: xTicks.upper)
    yScale = Scale(kind: chart.y.scale, lower: yTicks.lower, upper: yTicks.upper)

    let outside = (series.flatMap(\.points) + markedPoints.map { PlotPoint(x: $0.x, y: $0.y) })
      .filter { position($0).map { !Self.inside($0) } ?? true }.count
    if outside > 0 {
      notes.append(Self.count(outside, "point") + " outside the chosen axis range.")
    }
  }

  // MARK: - Geometry

  /// Where `point` falls in the plot area as fractions (x right, y up).
  func position(_ point: PlotPoint) -> (x: Double, y: Double)? {
    guard let x = xScale.fraction(point.x), let y = yScale.fraction(point.y), x.isFinite, y.isFinite
    else { return nil }
    return (x, y)
  }

  /// Whether a position lies in the plot area (with a hair of tolerance for rounding).
  static func inside(_ p: (x: Double, y: Double)) -> Bool {
    p.x >= -1e-9 && p.x <= 1 + 1e-9 && p.y >= -1e-9 && p.y <= 1 + 1e-9
  }

  /// The part of the segment a–b inside the unit square (Liang–Barsky), or nil.
  static func clip(
    _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)
  ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
    let dx = b.x - a.x
    let dy = b.y - a.y
    guard dx.isFinite, dy.isFinite else { return nil }
    var t0 = 0.0
    var t1 = 1.0
    for (p, q) in [(-dx, a.x), (dx, 1 - a.x), (-dy, a.y), (dy, 1 - a.y)] {
      if p == 0 {
        if q < -1e-12 { return nil }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return nil }
          t0 = max(t0, r)
        } else {
          if r < t0 { return nil }
          t1 = min(t1, r)
        }
      }
    }
    return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
  }

  // MARK: - Preparation

  private static func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  /// Settles an axis: the explicit range when usable, else the data's extent
  /// padded if flat and rounded out to nice ticks.
  private static func ticks(
    _ axis: Axis, data: [Double], target: Int, name: String, notes: inout [String]
  )
    -> AxisTicks
  {
    let log = axis.scale == .log
    if let range = axis.range {
      if range.isUsable, !log || range.lower > 0 {
        return log
          ? Ticks.log(lower: range.lower, upper: range.upper, target: target, extend: false)
          : Ticks.linear(lower: range.lower, upper: range.upper, target: target, extend: false)
      }
      notes.append("The \(name) range given cannot be used here; the chart fits the data instead.")
    }
    var lower = data.min() ?? 0
    var upper = data.max() ?? 1
    if log {
      if !(lower < upper) { (lower, upper) = (lower / 10, upper * 10) }
      return Ticks.log(lower: lower, upper: upper, target: target, extend: true)
    }
    if !(lower < upper) {
      // A flat line still needs a band to sit in; centre it.
      let pad = lower == 0 ? 1 : abs(lower) * 0.1
      (lower, upper) = (lower - pad, upper + pad)
    }
    return Ticks.linear(lower: lower, upper: upper, target: target, extend: true)
  }

  private static func prepare(
    _ grid: Heatmap, name: String, xLog: Bool, yLog: Bool, notes: inout [String]
  ) -> DrawnHeatmap? {
    let label = name.isEmpty ? "The heatmap" : "The heatmap \"\(name)\""
    guard grid.x.isUsable, grid.y.isUsable, !xLog || grid.x.lower > 0, !yLog || grid.y.lower > 0
    else {
      notes.append("\(label) is not shown: its x or y range cannot be drawn on these axes.")
      return nil
    }
    let logZ = grid.zScale == .log
    var values: [Double] = []
    var blank = 0
    for i in 0..<grid.columns {
      for j in 0..<grid.rows {
        let z = grid.values[i][j]
        if z.isFinite, !logZ || z > 0 { values.append(z) } else { blank += 1 }
      }
    }
    guard let low = values.min(), let high = values.max() else {
      notes.append("\(label) is not shown: it has no values that can be drawn.")
      return nil
    }
    if blank > 0 {
      notes.append(
        "\(label) leaves \(count(blank, "cell")) blank: NaN, infinite\(logZ ? " or not positive" : "")."
      )
    }
    return DrawnHeatmap(
      name: name, grid: grid, zScale: Scale(kind: grid.zScale, lower: low, upper: high))
  }
}
