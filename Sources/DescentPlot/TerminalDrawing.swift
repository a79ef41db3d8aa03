// MARK: - Drawing a laid-out chart onto a canvas

extension TerminalRenderer {
  /// Draws heatmaps first (as shades behind everything), then lines, points
  /// and paths in series order, then labels and marked points on top.
  func draw(_ layout: ChartLayout, on canvas: inout BrailleCanvas) {
    for heatmap in layout.heatmaps { shade(heatmap, layout, on: &canvas) }
    var labels:
      [(text: String, at: (column: Int, row: Int)?, color: TerminalColor, marker: Character, series: Int)] = []
    for (seriesIndex, series) in layout.series.enumerated() {
      let color = Self.color(series.style)
      let positions = series.points.map { layout.position($0) }
      switch series.kind {
      case .heatmap:
        continue
      case .line:
        connect(positions, on: &canvas, color: color, dashed: series.style % 2 == 1)
        // A lone dot is easy to miss; a one-point line gets a marker instead.
        if positions.count == 1 {
          mark(positions[0], on: &canvas, glyph: marker(series.style), color: color)
        }
      case .points:
        for position in positions {
          mark(position, on: &canvas, glyph: marker(series.style), color: color)
        }
      case .path(let marks):
        connect(positions, on: &canvas, color: color, dashed: false)
        for position in positions {
          mark(position, on: &canvas, glyph: marker(series.style), color: color)
        }
        for (index, position) in positions.enumerated() {
          let cell = cell(position, canvas)
          switch marks {
          case .numbered:
            labels.append((String(index + 1), cell, color, marker(series.style), seriesIndex))
          case .startEnd:
            guard let cell else { continue }
            if index == 0 { labels.append(("start", cell, color, marker(series.style), -1)) }
            if index == positions.count - 1, index > 0 {
              labels.append(("end", cell, color, marker(series.style), -1))
            }
          }
        }
      }
    }
    // Labels go after every marker so a label never hides a step. Steps are
    // numbered in order, and a step that cannot be numbered (off the
    // chart, under another marker, no room beside it) ends its path's
    // numbering: 1, 2, 4 would send a reader looking for a 3.
    var numberingEnded: Set<Int> = []
    for label in labels where !numberingEnded.contains(label.series) {
      // A step hidden under another series' marker would get a stray number.
      guard let at = label.at, canvas.character(column: at.column, row: at.row) == label.marker,
        place(label.text, beside: at, gap: 0, on: &canvas, color: label.color, apart: label.series >= 0)
      else {
        if label.series >= 0 { numberingEnded.insert(label.series) }
        continue
      }
    }
    for point in layout.markedPoints {
      let position = layout.position(PlotPoint(x: point.x, y: point.y))
      mark(position, on: &canvas, glyph: options.unicode ? "✕" : "X", color: nil)
      guard let cell = cell(position, canvas), !point.label.isEmpty else { continue }
      place(point.label, beside: cell, gap: 1, on: &canvas, color: nil)
    }
  }

  /// Writes a label right of a cell, else left of it; first where it hides
  /// no dots, and only then over the dots (a label matters more than a few
  /// dots of a line). With `apart`, the cell beyond the label's far end
  /// must hold no text, so step numbers never run into the next marker or
  /// number (`5◆◆◆17`). Returns whether it was written.
  @discardableResult
  private func place(
    _ label: String, beside cell: (column: Int, row: Int), gap: Int, on canvas: inout BrailleCanvas,
    color: TerminalColor?, apart: Bool = false
  ) -> Bool {
    let right = cell.column + 1 + gap
    let left = cell.column - label.count - gap
    let rightIsApart = !apart || !canvas.hasText(column: right + label.count, row: cell.row)
    let leftIsApart = !apart || !canvas.hasText(column: left - 1, row: cell.row)
    for overDots in [false, true] {
      if rightIsApart, canvas.write(label, column: right, row: cell.row, color: color, overDots: overDots) {
        return true
      }
      if leftIsApart, canvas.write(label, column: left, row: cell.row, color: color, overDots: overDots) {
        return true
      }
    }
    return false
  }

  /// The dot for a position in the plot area, if it lies inside.
  private func dot(_ position: (x: Double, y: Double), _ canvas: BrailleCanvas) -> (x: Int, y: Int)
  {
    (Self.dot(position.x, canvas.dotWidth), Self.dot(1 - position.y, canvas.dotHeight))
  }

  private func cell(_ position: (x: Double, y: Double)?, _ canvas: BrailleCanvas) -> (
    column: Int, row: Int
  )? {
    guard let position, ChartLayout.inside(position) else { return nil }
    let dot = dot(position, canvas)
    return (dot.x / canvas.dotsPerColumn, dot.y / canvas.dotsPerRow)
  }

  private func connect(
    _ positions: [(x: Double, y: Double)?], on canvas: inout BrailleCanvas, color: TerminalColor,
    dashed: Bool
  ) {
    var dashOffset = 0
    for (a, b) in zip(positions, positions.dropFirst()) {
      guard let a, let b, let (from, to) = ChartLayout.clip(a, b) else { continue }
      dashOffset = canvas.line(
        from: dot(from, canvas), to: dot(to, canvas), color: color, dashed: dashed,
        dashOffset: dashOffset)
    }
  }

  private func mark(
    _ position: (x: Double, y: Double)?, on canvas: inout BrailleCanvas, glyph: Character,
    color: TerminalColor?
  ) {
    guard let cell = cell(position, canvas) else { return }
    canvas.put(glyph, column: cell.column, row: cell.row, color: color)
  }

  /// Shades every canvas cell by the heatmap value under its centre: blank for
  /// the lowest fifth of the values up to the darkest shade for the highest.
  private func shade(
    _ heatmap: ChartLayout.DrawnHeatmap, _ layout: ChartLayout, on canvas: inout BrailleCanvas
  ) {
    let grid = heatmap.grid
    let (columns, rows) = (grid.columns, grid.rows)
    guard columns > 0, rows > 0 else { return }
    for row in 0..<canvas.rows {
      for column in 0..<canvas.columns {
        let x = layout.xScale.value(atFraction: (Double(column) + 0.5) / Double(canvas.columns))
        let y = layout.yScale.value(atFraction: 1 - (Double(row) + 0.5) / Double(canvas.rows))
        let i = (x - grid.x.lower) / (grid.x.upper - grid.x.lower) * Double(columns)
        let j = (y - grid.y.lower) / (grid.y.upper - grid.y.lower) * Double(rows)
        guard i >= 0, j >= 0, i < Double(columns), j < Double(rows),
          let z = grid.value(column: Int(i), row: Int(j)), let f = heatmap.zScale.fraction(z)
        else { continue }
        let level = Int(min(max(f * 5, 0), 4))
        canvas.shade(column: column, row: row, level: level, color: .gray)
      }
    }
  }
}
