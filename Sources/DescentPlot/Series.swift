/// A data point on a chart.
public struct PlotPoint: Sendable, Hashable {
  public var x: Double
  public var y: Double

  /// Creates the point (x, y).
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// How the steps of a path are marked besides the marker at each step.
public enum PathMarks: Sendable, Hashable {
  /// Every step carries its number (1, 2, 3, …), where there is room.
  case numbered
  /// Only the first and last steps are labelled "start" and "end".
  case startEnd
}

/// How a heatmap is drawn in SVG (the terminal always shades cells).
public enum HeatmapStyle: Sendable, Hashable {
  /// Colour-graded rectangles, one per grid cell.
  case cells
  /// Colour-graded cells with iso-lines (contours) on top, about `levels` of them.
  case contours(levels: Int)
}

/// One thing drawn on a chart: a line, scattered points, a path of steps, or
/// a heatmap. `name` appears in the legend.
public struct Series: Sendable, Hashable {
  /// What kind of series this is and the data only that kind has.
  public enum Kind: Sendable, Hashable {
    /// Points joined in the order given, without markers.
    case line
    /// Separate marked points, not joined.
    case points
    /// Points joined in the order given, with a marker at each step.
    case path(PathMarks)
    /// A grid of values shaded by size; `points` is unused.
    case heatmap(Heatmap)
  }

  public var name: String
  public var kind: Kind
  public var points: [PlotPoint]

  /// Creates a series of any kind.
  public init(name: String, kind: Kind, points: [PlotPoint] = []) {
    self.name = name
    self.kind = kind
    self.points = points
  }

  /// A line through `points`.
  public static func line(_ name: String, points: [PlotPoint]) -> Series {
    Series(name: name, kind: .line, points: points)
  }

  /// A line through (x[i], y[i]); extra values of the longer array are ignored.
  public static func line(_ name: String, x: [Double], y: [Double]) -> Series {
    .line(name, points: zip(x, y).map { PlotPoint(x: $0, y: $1) })
  }

  /// A line through (firstX + i, y[i]): values per step, e.g. the error after
  /// each training step numbered from 1.
  public static func line(_ name: String, y: [Double], firstX: Double = 1) -> Series {
    .line(
      name, points: y.enumerated().map { PlotPoint(x: firstX + Double($0.offset), y: $0.element) })
  }

  /// Separate marked points.
  public static func points(_ name: String, points: [PlotPoint]) -> Series {
    Series(name: name, kind: .points, points: points)
  }

  /// The steps a descent took, joined in order with a marker at each.
  public static func path(_ name: String, points: [PlotPoint], marks: PathMarks = .numbered)
    -> Series
  {
    Series(name: name, kind: .path(marks), points: points)
  }

  /// A heatmap of `grid`.
  public static func heatmap(_ name: String, _ grid: Heatmap) -> Series {
    Series(name: name, kind: .heatmap(grid))
  }
}
