import DescentPlot

/// The output of one run of an `explore` block: what it printed, drew and
/// tabled, in order, and the error that stopped it, if any. A front end
/// draws it in place (terminal), sends it as one display (Jupyter) or keeps
/// it as one of the page's frames (HTML).
public struct ExploreFrame: Sendable {
  /// One piece of output.
  public enum Item: Sendable {
    case text(String)
    case chart(Chart)
    case table(OutputTable)
    /// An echoed value (the REPL shows it as text).
    case value(String)
  }

  public var items: [Item] = []
  /// The error the block stopped with at this value; the other values
  /// still have their frames.
  public var error: Diagnostic?

  /// All the text of the frame, tables and values included (charts left out).
  public var text: String {
    items.map { item -> String in
      switch item {
      case .text(let text), .value(let text): return text
      case .table(let table): return table.text
      case .chart: return ""
      }
    }.joined()
  }

  /// The charts of the frame, in order.
  public var charts: [Chart] {
    items.compactMap { if case .chart(let chart) = $0 { return chart } else { return nil } }
  }

  /// Writes the frame to a sink, as the block would have written it.
  public func replay(to sink: OutputSink) {
    for item in items {
      switch item {
      case .text(let text): sink.write(text)
      case .chart(let chart): sink.show(chart)
      case .table(let table): sink.writeTable(table)
      case .value(let text): sink.writeValue(text)
      }
    }
  }
}

/// Records what an `explore` block writes, as the items of a frame.
final class FrameRecorder: OutputSink {
  private(set) var frame = ExploreFrame()

  func write(_ text: String) {
    // Consecutive prints join, so a frame's text is a few items, not one per line.
    if case .text(let last)? = frame.items.last {
      frame.items[frame.items.count - 1] = .text(last + text)
    } else {
      frame.items.append(.text(text))
    }
  }
  func show(_ chart: Chart) { frame.items.append(.chart(chart)) }
  func writeTable(_ table: OutputTable) { frame.items.append(.table(table)) }
  func writeValue(_ text: String) { frame.items.append(.value(text)) }
}
