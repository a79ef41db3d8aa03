/// Draws a `Chart` as text for a terminal: a title, y tick labels beside a
/// vertical axis, the plot in braille dots (or ASCII), the x axis with its
/// tick labels, axis labels, a legend and notes. No line has trailing blanks.
public struct TerminalRenderer: Sendable {
  /// How big the chart is and which characters and colours it may use.
  public struct Options: Sendable, Hashable {
    /// Total width in character cells; every line fits in it.
    public var width: Int
    /// Total height in lines, title, axes, legend and notes included (notes
    /// that do not fit make the chart taller rather than being dropped).
    public var height: Int
    /// Braille and box-drawing characters; off gives plain ASCII for `LANG=C`.
    public var unicode: Bool
    /// ANSI colours; the caller decides (isatty, `NO_COLOR`).
    public var color: Bool

    /// Creates options; the defaults fit an 80-column terminal.
    public init(width: Int = 72, height: Int = 20, unicode: Bool = true, color: Bool = false) {
      self.width = width
      self.height = height
      self.unicode = unicode
      self.color = color
    }
  }

  public var options: Options

  /// Creates a renderer with `options`.
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Creates a renderer from the individual options.
  public init(width: Int = 72, height: Int = 20, unicode: Bool = true, color: Bool = false) {
    self.init(options: Options(width: width, height: height, unicode: unicode, color: color))
  }

  /// The chart as lines of text joined by newlines (no newline at the end).
  public func render(_ chart: Chart) -> String {
    lines(for: chart).joined(separator: "\n")
  }

  /// The chart as separate lines of text.
  public func lines(for chart: Chart) -> [String] {
    if let drawing = chart.drawing { return drawing.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    let width = max(24, min(options.width, 1000))
    let height = max(8, min(options.height, 500))
    let xTarget = max(2, (width - 10) / 12)
    let draft = ChartLayout(chart, xTickTarget: xTarget, yTickTarget: 5)
    let noteLines = draft.notes.flatMap { wrap($0, width: width) }
    if draft.isEmpty {
      return (chart.title.isEmpty ? [] : [clip(chart.title, width)]) + ["nothing to plot"]
        + noteLines
    }
    let legend = legendLines(draft, width: width)
    let fixed =
      (chart.title.isEmpty ? 0 : 1) + (chart.y.label.isEmpty ? 0 : 1) + 2
      + (chart.x.label.isEmpty ? 0 : 1) + legend.count + noteLines.count
    let plotRows = max(3, height - fixed)
    let layout = ChartLayout(
      chart, xTickTarget: xTarget, yTickTarget: max(2, min(8, plotRows / 3 + 1)))

    let labelWidth = layout.yTicks.ticks.map(\.label.count).max() ?? 1
    let plotStart = labelWidth + 2
    let plotColumns = max(8, width - plotStart - 2)
    var canvas = BrailleCanvas(
      columns: plotColumns, rows: plotRows, mode: options.unicode ? .braille : .ascii)
    draw(layout, on: &canvas)

    var output: [String] = []
    if !chart.title.isEmpty {
      let title = clip(chart.title, width)
      let indent = max(0, min(plotStart + (plotColumns - title.count) / 2, width - title.count))
      output.append(String(repeating: " ", count: indent) + title)
    }
    if !chart.y.label.isEmpty { output.append(clip(chart.y.label, width)) }

    var rowLabels: [Int: String] = [:]
    for tick in layout.yTicks.ticks {
      guard let f = layout.yScale.fraction(tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
      let row = Self.dot(1 - f, canvas.dotHeight) / canvas.dotsPerRow
      if rowLabels[row] == nil { rowLabels[row] = tick.label }
    }
    let axis: (line: String, tick: String, corner: String, rule: String, down: String) =
      options.unicode ? ("│", "┤", "└", "─", "┬") : ("|", "+", "+", "-", "+")
    for (row, text) in canvas.lines(color: options.color).enumerated() {
      let label = rowLabels[row] ?? ""
      let pad = String(repeating: " ", count: labelWidth - label.count)
      output.append(
        trimmed(pad + label + " " + (rowLabels[row] == nil ? axis.line : axis.tick) + text))
    }

    var rule = Array(repeating: axis.rule, count: plotColumns)
    var tickLine = Array(repeating: Character(" "), count: width)
    var lastEnd = -1
    for tick in layout.xTicks.ticks {
      guard let f = layout.xScale.fraction(tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
      let column = Self.dot(f, canvas.dotWidth) / canvas.dotsPerColumn
      rule[column] = axis.down
      let label = Array(tick.label)
      let start = min(max(0, plotStart + column - (label.count - 1) / 2), width - label.count)
      guard start > lastEnd, start >= 0 else { continue }
      for (offset, character) in label.enumerated() { tickLine[start + offset] = character }
      lastEnd = start + label.count
    }
    output.append(String(repeating: " ", count: labelWidth + 1) + axis.corner + rule.joined())
    output.append(trimmed(String(tickLine)))
    if !chart.x.label.isEmpty {
      let label = clip(chart.x.label, width)
      let indent = max(0, min(plotStart + (plotColumns - label.count) / 2, width - label.count))
      output.append(String(repeating: " ", count: indent) + label)
    }
    return output + legendLines(layout, width: width)
      + layout.notes.flatMap { wrap($0, width: width) }
  }

  // MARK: - Helpers

  /// The dot index for a fraction of a length in dots, clamped onto the canvas
  /// (never trapping, whatever the fraction).
  static func dot(_ fraction: Double, _ length: Int) -> Int {
    guard fraction.isFinite, length > 0 else { return 0 }
    let scaled = (fraction * Double(length - 1)).rounded()
    return Int(min(max(scaled, 0), Double(length - 1)))
  }

  private func trimmed(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
  }

  private func clip(_ text: String, _ width: Int) -> String {
    text.count <= width
      ? text : String(text.prefix(max(0, width - 1))) + (options.unicode ? "…" : "~")
  }

  /// Splits `text` into lines of at most `width` characters at spaces.
  private func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if !current.isEmpty, current.count + 1 + word.count > width {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + word
      while current.count > width {
        lines.append(String(current.prefix(width)))
        current = String(current.dropFirst(width))
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// The legend entries, packed into lines no wider than `width`.
  private func legendLines(_ layout: ChartLayout, width: Int) -> [String] {
    guard layout.showsLegend else { return [] }
    var entries: [(visible: Int, text: String)] = []
    for heatmap in layout.heatmaps where !heatmap.name.isEmpty {
      let glyphs = String(
        BrailleCanvas(columns: 0, rows: 0, mode: options.unicode ? .braille : .ascii).shadeGlyphs)
      let text = clip(heatmap.name + " (darker is higher)", width - glyphs.count - 1)
      entries.append((glyphs.count + 1 + text.count, paint(glyphs, .gray) + " " + text))
    }
    for series in layout.series where !series.name.isEmpty {
      let sample = legendSample(series)
      let name = clip(series.name, width - sample.count - 1)
      entries.append(
        (sample.count + 1 + name.count, paint(sample, Self.color(series.style)) + " " + name))
    }
    var lines: [String] = []
    var current = ""
    var used = 0
    for entry in entries {
      if used > 0, used + 3 + entry.visible > width {
        lines.append(current)
        (current, used) = ("", 0)
      }
      current += (used > 0 ? "   " : "") + entry.text
      used += (used > 0 ? 3 : 0) + entry.visible
    }
    if used > 0 { lines.append(current) }
    return lines
  }

  private func legendSample(_ series: ChartLayout.DrawnSeries) -> String {
    let marker = String(marker(series.style))
    switch series.kind {
    case .line:
      return series.style % 2 == 1
        ? (options.unicode ? "╌╌" : "-.") : (options.unicode ? "──" : "--")
    case .points: return marker
    case .path: return (options.unicode ? "─" : "-") + marker + (options.unicode ? "─" : "-")
    case .heatmap: return ""
    }
  }

  func paint(_ text: String, _ color: TerminalColor?) -> String {
    guard options.color, let color else { return text }
    return "\u{1B}[\(color.rawValue)m" + text + "\u{1B}[0m"
  }

  /// The colour of the series drawn `style`-th.
  static func color(_ style: Int) -> TerminalColor {
    let palette: [TerminalColor] = [.blue, .red, .green, .magenta, .yellow, .cyan]
    return palette[style % palette.count]
  }

  /// The marker of the series drawn `style`-th; distinct shapes, so series
  /// can be told apart without colour.
  func marker(_ style: Int) -> Character {
    let markers: [Character] =
      options.unicode ? ["●", "◆", "▲", "■", "★", "✚"] : ["o", "x", "*", "@", "%", "&"]
    return markers[style % markers.count]
  }
}
