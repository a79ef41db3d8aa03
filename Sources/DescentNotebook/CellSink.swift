import DescentLanguage
import DescentPlot

/// Collects one cell's text and charts and, for `descent run`, passes them
/// on to a live sink (the terminal) as they come.
final class CellSink: OutputSink {
  private(set) var text = ""
  private(set) var charts: [Chart] = []
  private let live: OutputSink?

  init(live: OutputSink?) {
    self.live = live
  }

  func write(_ text: String) {
    self.text += text
    live?.write(text)
  }

  func show(_ chart: Chart) {
    charts.append(chart)
    live?.show(chart)
  }

  /// The cell keeps the table's full text; the live sink shows it its own
  /// way (a terminal fits it to its width).
  func writeTable(_ table: OutputTable) {
    text += table.text
    live?.writeTable(table)
  }

  /// Starts a new cell.
  func clear() {
    text = ""
    charts = []
  }
}
