/// The lines of a file's bytes, each with its own line terminator, so a
/// rewrite can keep every byte it does not mean to change.
struct TextLines: Sendable {
  let bytes: [UInt8]
  /// Byte offset where each line starts; line n (1-based) starts at `starts[n - 1]`.
  private let starts: [Int]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts: [Int] = []
    if !bytes.isEmpty { starts.append(0) }
    for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && i + 1 < bytes.count {
      starts.append(i + 1)
    }
    self.starts = starts
  }

  /// How many lines there are (a last line without a terminator counts).
  var count: Int { starts.count }

  /// Whether the last line ends with a line terminator (or the file is empty).
  var endsWithNewline: Bool { bytes.last.map { $0 == UInt8(ascii: "\n") } ?? true }

  /// The terminator new lines should use: CRLF when the file's first line
  /// ends with CRLF, so a Windows-edited notebook stays consistent.
  var newline: String {
    guard let first = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
    return first > 0 && bytes[first - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
  }

  /// Byte range of a 1-based line, terminator included; empty past the end.
  func range(ofLine line: Int) -> Range<Int> {
    guard line >= 1, line <= count else { return bytes.count..<bytes.count }
    let end = line < count ? starts[line] : bytes.count
    return starts[line - 1]..<end
  }

  /// Byte offset where a 1-based line starts (the end of the file past the last line).
  func offset(ofLine line: Int) -> Int {
    line >= 1 && line <= count ? starts[line - 1] : bytes.count
  }

  /// A line's bytes without its terminator (LF or CRLF).
  func content(ofLine line: Int) -> ArraySlice<UInt8> {
    var range = range(ofLine: line)
    if range.upperBound > range.lowerBound, bytes[range.upperBound - 1] == UInt8(ascii: "\n") {
      range = range.lowerBound..<(range.upperBound - 1)
      if range.upperBound > range.lowerBound, bytes[range.upperBound - 1] == UInt8(ascii: "\r") {
        range = range.lowerBound..<(range.upperBound - 1)
      }
    }
    return bytes[range]
  }

  /// A line's text without its terminator.
  func string(ofLine line: Int) -> String {
    String(decoding: content(ofLine: line), as: UTF8.self)
  }
}
