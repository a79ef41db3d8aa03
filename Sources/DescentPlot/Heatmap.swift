/// A grid of values z over an x/y rectangle, e.g. the error for every pair of
/// two weights. `values[i][j]` is the value of the cell in column i (along x)
/// and row j (along y, upwards); cells split the ranges evenly.
public struct Heatmap: Sendable, Hashable {
  public var x: ValueRange
  public var y: ValueRange
  public var values: [[Double]]
  public var style: HeatmapStyle
  /// How values map to shades; `.log` suits errors spanning many decades.
  public var zScale: ScaleKind

  /// Creates a heatmap from precomputed cell values.
  public init(
    x: ValueRange, y: ValueRange, values: [[Double]], style: HeatmapStyle = .cells,
    zScale: ScaleKind = .linear
  ) {
    self.x = x
    self.y = y
    self.values = values
    self.style = style
    self.zScale = zScale
  }

  /// Samples `function(x, y)` at the centre of each of `columns` × `rows` cells.
  public static func sampling(
    x: ValueRange, y: ValueRange, columns: Int, rows: Int, style: HeatmapStyle = .cells,
    zScale: ScaleKind = .linear, _ function: (Double, Double) -> Double
  ) -> Heatmap {
    let columnCount = max(0, min(columns, 1000))
    let rowCount = max(0, min(rows, 1000))
    let dx = (x.upper - x.lower) / Double(max(1, columnCount))
    let dy = (y.upper - y.lower) / Double(max(1, rowCount))
    let values = (0..<columnCount).map { i in
      (0..<rowCount).map { j in
        function(x.lower + (Double(i) + 0.5) * dx, y.lower + (Double(j) + 0.5) * dy)
      }
    }
    return Heatmap(x: x, y: y, values: values, style: style, zScale: zScale)
  }

  /// Number of cells along x.
  public var columns: Int { values.count }

  /// Number of cells along y (the shortest column, should the grid be ragged).
  public var rows: Int { values.map(\.count).min() ?? 0 }

  /// The value of the cell at column `i`, row `j`, or nil outside the grid.
  public func value(column i: Int, row j: Int) -> Double? {
    guard i >= 0, i < columns, j >= 0, j < rows else { return nil }
    return values[i][j]
  }
}
