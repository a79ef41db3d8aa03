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
  /// A figure drawn elsewhere (`show graph`'s computation graph, laid out
  /// by Graphviz): renderers give it as it is, so it reaches every sink
  /// (notebook figures, Jupyter, HTML, the terminal) as a chart does.
  public var drawing: Drawing?

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

  /// A figure that is already drawn: an SVG document and its text form.
  public init(title: String, drawing: Drawing) {
    self.init(title: title)
    self.drawing = drawing
  }
}

/// A figure drawn outside the chart renderers: its SVG document for
/// notebooks, Jupyter and HTML, and its text for the terminal.
public struct Drawing: Sendable, Hashable {
  /// A complete `<svg>` element (no XML prolog).
  public var svg: String
  /// What a terminal shows instead: the figure as text.
  public var text: String

  public init(svg: String, text: String) {
    self.svg = svg
    self.text = text
  }
}
