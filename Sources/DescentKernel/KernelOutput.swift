import DescentLanguage
import DescentPlot
import Foundation

/// The session's output sink inside the kernel: text becomes `stream`
/// messages as it is printed (flushed at least every 50 ms by the kernel's
/// flusher, so a verbose `train` shows its lines while it runs), charts
/// `display_data` with SVG, tables HTML, echoed values `execute_result`.
final class KernelOutput: OutputSink, @unchecked Sendable {
  // @unchecked: the shell thread writes and the flusher thread flushes;
  // everything mutable is behind `lock`, held while sending so messages
  // leave in the order they were made.
  private let lock = NSLock()
  private let iopub: IOPubChannel
  private var buffer = ""
  private var parent: [String: Any] = [:]
  private var silent = true
  private var executionCount = 0
  /// Text waiting longer than this goes out even without more output.
  static let flushInterval: TimeInterval = 0.05
  /// A buffer this large is sent at once rather than at the next tick.
  static let chunkBytes = 1 << 16

  init(iopub: IOPubChannel) {
    self.iopub = iopub
  }

  /// Starts a cell: output goes to the request `parent`, or nowhere when silent.
  func begin(parent: [String: Any], silent: Bool, executionCount: Int) {
    lock.lock()
    defer { lock.unlock() }
    self.parent = parent
    self.silent = silent
    self.executionCount = executionCount
    buffer = ""
  }

  /// Ends a cell: what is left is sent, later output is dropped.
  func end() {
    lock.lock()
    defer { lock.unlock() }
    sendBuffer()
    silent = true
  }

  // MARK: - OutputSink

  func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !silent else { return }
    buffer += text
    if buffer.utf8.count >= KernelOutput.chunkBytes { sendBuffer() }
  }

  func show(_ chart: Chart) {
    let svg = SVGRenderer().render(chart)
    let text = TerminalRenderer(width: 72, height: 20, unicode: true, color: false).render(chart)
    display(["image/svg+xml": svg, "text/plain": text])
  }

  func writeTable(_ table: OutputTable) {
    display(["text/html": KernelOutput.html(table), "text/plain": table.text])
  }

  func writeValue(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !silent else { return }
    sendBuffer()
    let plain = text.hasSuffix("\n") ? String(text.dropLast()) : text
    iopub.publish(
      "execute_result",
      ["execution_count": executionCount, "data": ["text/plain": plain], "metadata": [String: Any]()],
      parent: parent)
  }

  /// Sends a warning or other text for standard error, after the output so far.
  func writeError(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !silent else { return }
    sendBuffer()
    iopub.publish("stream", ["name": "stderr", "text": text], parent: parent)
  }

  /// Sends buffered text; the flusher calls it every `flushInterval`.
  func flush() {
    lock.lock()
    defer { lock.unlock() }
    sendBuffer()
  }

  // MARK: - Sending

  private func display(_ data: [String: Any]) {
    sendDisplay(data, displayID: nil, update: false)
  }

  /// Sends `data` as a `display_data` (after the text so far) or, with
  /// `update`, as an `update_display_data` replacing the output shown
  /// earlier under `displayID`. Front ends redraw that output in place.
  func sendDisplay(_ data: [String: Any], displayID: String?, update: Bool) {
    lock.lock()
    defer { lock.unlock() }
    guard !silent else { return }
    let transient: [String: Any] = displayID.map { ["display_id": $0] } ?? [:]
    if !update { sendBuffer() }
    iopub.publish(
      update ? "update_display_data" : "display_data",
      ["data": data, "metadata": [String: Any](), "transient": transient], parent: parent)
  }

  /// Sends a message of another type (a widget's `comm_open`) to the
  /// cell's output, after the text so far.
  func publishInCell(_ type: String, _ content: [String: Any], metadata: [String: Any] = [:]) {
    lock.lock()
    defer { lock.unlock() }
    guard !silent else { return }
    sendBuffer()
    iopub.publish(type, content, parent: parent, metadata: metadata)
  }

  /// Caller holds the lock.
  private func sendBuffer() {
    guard !buffer.isEmpty, !silent else { return }
    iopub.publish("stream", ["name": "stdout", "text": buffer], parent: parent)
    buffer = ""
  }

  /// The table as an HTML table; the caption, if any, under it.
  static func html(_ table: OutputTable) -> String {
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    var out = "<table class=\"descent-table\">\n"
    if !table.header.isEmpty {
      out += "<thead><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n"
    }
    out += "<tbody>\n"
    for row in table.rows {
      let cells = row.enumerated().map { index, cell in
        // A name/value table names its rows; a history table is all numbers.
        table.header.isEmpty && index == 0 ? "<th>\(escape(cell))</th>" : "<td>\(escape(cell))</td>"
      }
      out += "<tr>" + cells.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if let caption = table.caption { out += "<p>\(escape(caption))</p>\n" }
    return out
  }
}
