/// A point the chart calls out by name, e.g. the minimum of the error.
public struct MarkedPoint: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var label: String

  /// Creates a marked point at (x, y) labelled `label`.
  public init(x: Double, y: Double, label: String) {
    self.x = x
    self.y = y
    self.label = label
  }
}

/// Whether a chart shows a legend.
public enum LegendMode: Sendable, Hashable {
  /// A legend when two or more named series are drawn.
  case automatic
  case shown
  case hidden
}

/// A chart as plain data: what to draw, not how. Renderers (`TerminalRenderer`,
/// `SVGRenderer`) turn it into text; it knows nothing of the language.
public struct Chart: Sendable, Hashable {
  public var title: String
  public var x: Axis
  public var y: Axis
  public var series: [Series]
  public var markedPoints: [MarkedPoint]
  /// Caption lines shown under the chart; renderers add their own notes about
  /// values they had to skip.
  public var notes: [String]
  public var legend: LegendMode

  /// Creates a chart.
  public init(
    title: String = "", x: Axis = Axis(), y: Axis = Axis(), series: [Series] = [],
    markedPoints: [MarkedPoint] = [], notes: [String] = [], legend: LegendMode = .automatic
  ) {
    self.title = title
    self.x = x
    self.y = y
    self.series = series
    self.markedPoints = markedPoints
    self.notes = notes
    self.legend = legend
  }
}
