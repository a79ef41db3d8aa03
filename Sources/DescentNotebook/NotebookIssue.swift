/// A problem with a notebook file itself (not with the code in a cell): an
/// unknown cell option, bad front matter, an unclosed fence. It names the
/// file and line, as a compiler would, so an editor can jump to it.
public struct NotebookIssue: Error, Hashable, Sendable, CustomStringConvertible {
  /// Errors stop a notebook from running; warnings are only reported.
  public enum Severity: String, Sendable { case error, warning }

  public var path: String
  /// 1-based line in the markdown file; nil when the problem is the whole file.
  public var line: Int?
  public var severity: Severity
  public var message: String

  /// Creates an issue.
  public init(_ message: String, path: String, line: Int? = nil, severity: Severity = .error) {
    self.message = message
    self.path = path
    self.line = line
    self.severity = severity
  }

  /// `lesson.md:12: error: unknown cell option 'hid'`.
  public var description: String {
    let place = line.map { "\(path):\($0)" } ?? path
    return "\(place): \(severity.rawValue): \(message)"
  }
}
