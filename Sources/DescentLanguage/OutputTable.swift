/// A table a statement prints (`show history`, `show weights`): its cells
/// for front ends that draw tables, and the aligned text everyone else gets.
public struct OutputTable: Sendable, Equatable {
  /// The column headings; empty for a table of name/value rows.
  public var header: [String]
  /// The rows of cells, each as long as the header when there is one.
  public var rows: [[String]]
  /// A line under the table ("(300 steps; 30 kept ...)"), if any.
  public var caption: String?
  /// Exactly what a terminal shows, ending in a newline.
  public var text: String
  /// Printed in full at any width (`show history wide`), never fitted.
  public var keepsFullWidth = false

  /// A table; `text` is its plain rendering.
  public init(header: [String], rows: [[String]], caption: String? = nil, text: String) {
    self.header = header
    self.rows = rows
    self.caption = caption
    self.text = text
  }
}

extension OutputSink {
  /// Sinks that draw no tables write the table's text.
  public func writeTable(_ table: OutputTable) { write(table.text) }
  /// Sinks without a result area write the value as text.
  public func writeValue(_ text: String) { write(text) }
}
