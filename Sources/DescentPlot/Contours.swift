/// Iso-lines of a heatmap by marching squares over the cell centres.
enum Contours {
  /// Line segments (in data coordinates) where the grid crosses `level`.
  static func segments(_ grid: Heatmap, level: Double) -> [(PlotPoint, PlotPoint)] {
    let (columns, rows) = (grid.columns, grid.rows)
    guard columns > 1, rows > 1, level.isFinite else { return [] }
    let dx = (grid.x.upper - grid.x.lower) / Double(columns)
    let dy = (grid.y.upper - grid.y.lower) / Double(rows)
    func centre(_ i: Double, _ j: Double) -> PlotPoint {
      PlotPoint(x: grid.x.lower + (i + 0.5) * dx, y: grid.y.lower + (j + 0.5) * dy)
    }
    var segments: [(PlotPoint, PlotPoint)] = []
    for i in 0..<(columns - 1) {
      for j in 0..<(rows - 1) {
        // Corners counter-clockwise from bottom left, as (column, row, value).
        let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)].map {
          ($0.0, $0.1, grid.values[$0.0][$0.1])
        }
        guard corners.allSatisfy({ $0.2.isFinite }) else { continue }
        var crossings: [PlotPoint] = []
        for edge in 0..<4 {
          let a = corners[edge]
          let b = corners[(edge + 1) % 4]
          guard (a.2 < level) != (b.2 < level) else { continue }
          let t = (level - a.2) / (b.2 - a.2)
          crossings.append(
            centre(Double(a.0) + t * Double(b.0 - a.0), Double(a.1) + t * Double(b.1 - a.1)))
        }
        // Two crossings make one segment; a saddle's four make two.
        var k = 0
        while k + 1 < crossings.count {
          segments.append((crossings[k], crossings[k + 1]))
          k += 2
        }
      }
    }
    return segments
  }
}
