import Foundation
import Testing

/// Byte-for-byte snapshot comparison against files in `Snapshots/`.
///
/// With `DESCENT_RECORD_SNAPSHOTS=1` in the environment the file is
/// (re)written and the test records an issue saying so, so a recording run
/// never passes silently. Otherwise a missing or different file fails the
/// test with the first differing line and some context.
enum Snapshot {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  /// Whether this run records snapshots instead of comparing them.
  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1"
  }

  /// The text of a recorded snapshot (without the final newline the file ends with).
  static func load(_ name: String) -> String? {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)),
      let text = String(data: data, encoding: .utf8)
    else { return nil }
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
  }

  /// Compares `actual` with the snapshot file `name` (or records it).
  static func assert(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    if isRecording {
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((actual + "\n").utf8).write(to: url)
        Issue.record(
          "Recorded snapshot \(name); run again without DESCENT_RECORD_SNAPSHOTS to check it.",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("Could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = load(name) else {
      Issue.record(
        "Missing snapshot \(name). Record it with DESCENT_RECORD_SNAPSHOTS=1 swift test.",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let message = "Snapshot \(name) differs:\n" + difference(expected, actual)
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }

  /// A readable account of where two texts first differ.
  static func difference(_ expected: String, _ actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first =
      zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(old.count, new.count)
    var report =
      "first difference at line \(first + 1) (expected \(old.count) lines, got \(new.count))\n"
    for index in max(0, first - 2)..<min(max(old.count, new.count), first + 3) {
      let was = index < old.count ? visible(old[index]) : "<no line>"
      let now = index < new.count ? visible(new[index]) : "<no line>"
      if was == now {
        report += "  \(was)\n"
      } else {
        report += "- \(was)\n+ \(now)\n"
      }
    }
    return report
  }

  /// Shows escape characters so colour codes are readable in a failure.
  private static func visible(_ line: String) -> String {
    line.replacingOccurrences(of: "\u{1B}", with: "␛")
  }
}
